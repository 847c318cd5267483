"""The FastAPI application, built by :func:`create_app` (no work at import)."""
# No "from __future__ import annotations": FastAPI reads the route signatures,
# whose limits come from the settings in the factory's scope.

import datetime as dt
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Annotated, Literal

from fastapi import Depends, FastAPI, HTTPException, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from api.schemas import ErrorResponse, HealthResponse, ResultOut, SearchResponse
from index.encoder import Encoder
from index.passage_index import PassageIndex
from index.store import Filters
from qa.search import Searcher, is_good_match
from qa.settings import Settings


def _searcher(request: Request) -> Searcher:
    """The searcher the lifespan built for this app."""
    return request.app.state.searcher


SearcherDep = Annotated[Searcher, Depends(_searcher)]

ERRORS = {422: {"model": ErrorResponse}, 404: {"model": ErrorResponse}}


def create_app(settings: Settings, encoder: Encoder | None = None) -> FastAPI:
    """The app for one index. ``encoder`` defaults to the model in ``settings``
    (loaded at start-up); tests pass a small one."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        nonlocal encoder
        if encoder is None:
            from index.encoder import load_encoder
            from qa.settings import set_threads

            set_threads(settings.threads)
            encoder = load_encoder(settings.model, settings.batch_size)
        index = PassageIndex.open_or_create(settings.index, encoder)
        app.state.searcher = Searcher(index, encoder)
        yield
        index.close()

    app = FastAPI(
        title="minutes-qa",
        version="1",
        summary="Search council minutes; every answer is a cited passage.",
        lifespan=lifespan,
    )
    _install_error_handlers(app)

    @app.get("/api/v1/search", response_model=SearchResponse, responses=ERRORS)
    def search(
        s: SearcherDep,
        q: Annotated[
            str,
            Query(
                min_length=1,
                max_length=settings.max_query_chars,
                description="the question or keywords",
            ),
        ],
        k: Annotated[int, Query(ge=1, le=settings.max_k, description="how many results")] = 10,
        council: Annotated[str | None, Query(max_length=200)] = None,
        committee: Annotated[str | None, Query(max_length=200)] = None,
        since: Annotated[dt.date | None, Query(description="meetings on or after")] = None,
        until: Annotated[dt.date | None, Query(description="meetings on or before")] = None,
        kind: Annotated[
            list[Literal["discussion", "decision", "commitment"]] | None, Query()
        ] = None,
    ) -> SearchResponse:
        if not q.strip():
            raise HTTPException(422, "q must contain more than white space")
        filters = Filters(
            council=council,
            committee=committee,
            since=since.isoformat() if since else None,
            until=until.isoformat() if until else None,
            kinds=tuple(kind or ()),
        )
        hits = s.search(q, k, filters)
        return SearchResponse(query=q, good_match=is_good_match(hits),
                              results=[ResultOut.of(h) for h in hits])

    @app.get("/api/v1/health", response_model=HealthResponse)
    def health(s: SearcherDep) -> HealthResponse:
        stats = s.index.stats()
        return HealthResponse(
            status="ok",
            model=s.encoder.name,
            generation=s.index.generation,
            passages=int(stats["passages"]),
        )  # type: ignore[call-overload]

    return app


def _install_error_handlers(app: FastAPI) -> None:
    def error(status: int, message: str, details: list[dict] | None = None) -> JSONResponse:
        body = {"error": {"status": status, "message": message, "details": details or []}}
        return JSONResponse(body, status_code=status)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        problems = [
            {"field": ".".join(str(p) for p in e["loc"] if p != "query"), "message": e["msg"]}
            for e in exc.errors()
        ]
        summary = "; ".join(f"{p['field']}: {p['message']}" for p in problems)
        return error(422, f"invalid request: {summary}", problems)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        return error(exc.status_code, str(exc.detail))
