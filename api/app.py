"""The FastAPI application, built by :func:`create_app` (no work at import)."""

import logging
from collections.abc import AsyncIterator
from contextlib import ExitStack, asynccontextmanager
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import FileResponse, JSONResponse
from fastapi_offline import FastAPIOffline
from starlette.exceptions import HTTPException as StarletteHTTPException

from minutes_qa.api import admin, alerts, follow, pages
from minutes_qa.api.ratelimit import RateLimiter, client_of, retry_after
from minutes_qa.api.routes import router
from minutes_qa.index.archive import Archive
from minutes_qa.index.encoder import Encoder
from minutes_qa.index.errors import IndexBusy, IndexProblem, IndexWriteError, NotOneIndex
from minutes_qa.index.passage_index import PassageIndex
from minutes_qa.index.sharded import ShardedIndex, is_sharded, shard_folders
from minutes_qa.settings import Settings, configured_searcher

log = logging.getLogger(__name__)


def create_app(
    settings: Settings, encoder: Encoder | None = None, ray: str | None = None
) -> FastAPI:
    """The app for one index, or for a folder of shards searched as one.
    ``encoder`` defaults to the model in ``settings`` (loaded at start-up);
    tests pass a small one. ``ray``: a Ray cluster's address (or ``auto``)
    whose actors hold the shards, one each (``index.ray_shards``)."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        nonlocal encoder
        if encoder is None:
            from minutes_qa.settings import configured_encoder

            encoder = configured_encoder(settings)
        with ExitStack() as held:
            index = _open(settings, encoder, ray, held)
            held.callback(index.close)  # before the cluster is let go
            app.state.searcher = configured_searcher(settings, index, encoder)
            app.state.settings = settings
            yield

    # /docs (Swagger UI) and /redoc with their scripts served by the app
    # itself, from the fastapi-offline package: an intranet has no CDN.
    app = FastAPIOffline(
        title="minutes-qa",
        version="1",
        summary="Search council minutes; every answer is a cited passage.",
        lifespan=lifespan,
        static_url=DOCS_ASSETS,
    )
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origins,
            allow_methods=["GET"],
            allow_headers=["*"],
        )
    if settings.rate_limit:
        _install_rate_limit(app, RateLimiter(settings.rate_limit, settings.rate_burst))
    app.include_router(router)
    app.include_router(admin.router)
    app.include_router(pages.router)
    app.include_router(follow.router)
    app.include_router(alerts.router)
    _install_configured_limits(app, settings)
    _install_pages(app)
    _install_error_handlers(app)
    return app


def _open(settings: Settings, encoder: Encoder, ray: str | None, held: ExitStack) -> Archive:
    """The index, or the shards under ``settings.index`` (as ``ingest_sharded``
    writes them) searched as one: in this process, or in Ray actors."""
    if not is_sharded(settings.index):
        if ray is not None:
            raise IndexProblem(
                f"{settings.index} is one index, not a folder of shards: serve it without Ray"
            )
        return PassageIndex.open_or_create(settings.index, encoder, context=settings.embed_context)
    if ray is None:
        return ShardedIndex.open(settings.index, encoder)
    from minutes_qa.index.ray_session import connected
    from minutes_qa.index.ray_shards import ray_shards

    held.enter_context(connected(ray))
    return ShardedIndex(ray_shards(shard_folders(settings.index)), folder=settings.index)


STATIC = Path(__file__).with_name("static")
DOCS_ASSETS = "/docs/assets"


def _install_pages(app: FastAPI) -> None:
    """The search page and the widget script (a passage's permalink page is
    rendered on the server: api/pages.py)."""

    @app.get("/", include_in_schema=False)
    def page() -> FileResponse:
        return FileResponse(STATIC / "index.html")

    @app.get("/widget.js", include_in_schema=False)
    def widget() -> FileResponse:
        return FileResponse(STATIC / "widget.js", media_type="text/javascript")


def _install_configured_limits(app: FastAPI, settings: Settings) -> None:
    """The OpenAPI schema states the limits configured for this server, not
    the code's upper bounds, so that clients (and schema fuzzers) see them."""
    limits = {"k": ("maximum", settings.max_k), "q": ("maxLength", settings.max_query_chars)}
    build = app.openapi

    def openapi() -> dict:
        if app.openapi_schema is None:
            schema = build()
            for path in ("/api/v1/search", "/api/v1/ask", "/api/v1/timeline"):
                for parameter in schema["paths"][path]["get"]["parameters"]:
                    if parameter["name"] in limits:
                        key, value = limits[parameter["name"]]
                        parameter["schema"][key] = min(value, parameter["schema"].get(key, value))
            app.openapi_schema = schema
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]


def _install_rate_limit(app: FastAPI, limiter: RateLimiter) -> None:
    """API requests beyond the client's rate get 429 (pages and the widget
    script are not counted)."""

    @app.middleware("http")
    async def limit(request: Request, call_next):  # noqa: ANN001, ANN202 (Starlette's types)
        if request.url.path.startswith("/api/"):
            client = client_of(
                request.headers.get("x-api-key"), request.client.host if request.client else None
            )
            wait = limiter.check(client)
            if wait is not None:
                body = {
                    "error": {
                        "status": 429,
                        "message": f"too many requests: at most {limiter.rate * 60:g} a minute "
                        f"per client; try again in {retry_after(wait)} s",
                        "details": [],
                    }
                }
                return JSONResponse(body, 429, headers={"Retry-After": retry_after(wait)})
        return await call_next(request)


def _install_error_handlers(app: FastAPI) -> None:
    def error(status: int, message: str, details: list[dict] | None = None) -> JSONResponse:
        body = {"error": {"status": status, "message": message, "details": details or []}}
        return JSONResponse(body, status_code=status)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        problems = [
            {
                "field": ".".join(str(p) for p in e["loc"] if p != "query"),
                # The only pattern is q's "\S": say what it means.
                "message": "must contain more than white space"
                if e["type"] == "string_pattern_mismatch"
                else e["msg"],
            }
            for e in exc.errors()
        ]
        summary = "; ".join(f"{p['field']}: {p['message']}" for p in problems)
        return error(422, f"invalid request: {summary}", problems)

    @app.exception_handler(IndexBusy)
    async def busy(request: Request, exc: IndexBusy) -> JSONResponse:
        return error(409, str(exc))

    @app.exception_handler(NotOneIndex)
    async def sharded(request: Request, exc: NotOneIndex) -> JSONResponse:
        return error(409, str(exc))

    @app.exception_handler(IndexWriteError)
    async def unwritten(request: Request, exc: IndexWriteError) -> JSONResponse:
        return error(507, str(exc))

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        return error(exc.status_code, str(exc.detail))
