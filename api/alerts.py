"""Saved searches (admin key): save, list, remove, run now; and each saved
search's Atom feed, whose random token in the URL is all it asks for (a
feed reader sends no key)."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Annotated

from fastapi import APIRouter, BackgroundTasks, Depends, HTTPException, Request, Response

from minutes_qa.api.admin import KeyDep, OneIndexDep
from minutes_qa.api.alerts_schemas import RunOut, SavedSearchIn, SavedSearchOut
from minutes_qa.api.deps import AccessDep, SearcherDep, SettingsDep
from minutes_qa.api.schemas import ErrorResponse
from minutes_qa.index.sharded import as_one_index
from minutes_qa.qa.alerts import InvalidSavedSearch, NoSuchSearch, RunReport, check_channels
from minutes_qa.qa.alerts_feed import MEDIA_TYPE, atom_feed
from minutes_qa.qa.alerts_match import top_vec_id
from minutes_qa.qa.alerts_run import has_alerts, run_alerts
from minutes_qa.qa.alerts_send import Senders
from minutes_qa.qa.alerts_store import AlertStore
from minutes_qa.qa.search import Searcher
from minutes_qa.settings import Settings

log = logging.getLogger(__name__)

router = APIRouter(
    responses={code: {"model": ErrorResponse} for code in (401, 404, 422, 429)},
)


def get_store(settings: SettingsDep) -> Iterator[AlertStore]:
    store = AlertStore(settings.index)
    try:
        yield store
    finally:
        store.close()


StoreDep = Annotated[AlertStore, Depends(get_store)]


@router.post(
    "/api/v1/alerts",
    response_model=SavedSearchOut,
    status_code=201,
    dependencies=[KeyDep, OneIndexDep],
    responses={403: {"model": ErrorResponse}},
)
def add_search(
    body: SavedSearchIn,
    s: SearcherDep,
    settings: SettingsDep,
    access: AccessDep,
    store: StoreDep,
    request: Request,
) -> SavedSearchOut:
    """Save a question with its filters and channels; only passages stored
    from now on are delivered to it."""
    if body.include_restricted and not access.restricted:
        raise HTTPException(403, "this key may not read restricted passages")
    try:
        check_channels(tuple(body.emails), body.webhook)
    except InvalidSavedSearch as exc:
        raise HTTPException(422, str(exc)) from None
    search = store.add(
        body.question,
        body.filters(),
        body.emails,
        body.webhook,
        top_vec_id(as_one_index(s.index, "saved searches")),
    )
    return SavedSearchOut.of(search, str(request.base_url))


@router.get("/api/v1/alerts", response_model=list[SavedSearchOut], dependencies=[KeyDep])
def list_searches(store: StoreDep, request: Request) -> list[SavedSearchOut]:
    """Every saved search with its feed and what waits to be delivered."""
    base = str(request.base_url)
    return [SavedSearchOut.of(s, base, store.status(s)) for s in store.all()]


@router.delete("/api/v1/alerts/{search_id}", dependencies=[KeyDep])
def remove_search(store: StoreDep, search_id: int) -> dict[str, int]:
    """Forget a saved search, its outbox and its feed."""
    try:
        store.remove(search_id)
    except NoSuchSearch as exc:
        raise HTTPException(404, str(exc)) from None
    return {"removed": search_id}


@router.post("/api/v1/alerts/run", response_model=RunOut, dependencies=[KeyDep, OneIndexDep])
def run_now(s: SearcherDep, settings: SettingsDep) -> RunOut:
    """Collect new passages for every saved search and deliver them now."""
    return RunOut.of(_run(s, settings))


@router.get(
    "/feeds/{token}.atom",
    response_class=Response,
    responses={200: {"content": {MEDIA_TYPE: {}}, "description": "an Atom feed"}},
)
def feed(token: str, store: StoreDep, request: Request) -> Response:
    """A saved search's newest passages as an Atom feed."""
    try:
        search = store.by_token(token)
    except NoSuchSearch as exc:
        raise HTTPException(404, str(exc)) from None
    body = atom_feed(search, store.entries(search), str(request.base_url))
    return Response(body, media_type=MEDIA_TYPE)


def after_upload(background: BackgroundTasks, s: Searcher, settings: Settings) -> None:
    """Run the alerts once the upload has been answered (an SMTP server
    that is slow to answer does not hold the upload up)."""
    if has_alerts(settings.index):
        background.add_task(_run_logged, s, settings)


def _run_logged(s: Searcher, settings: Settings) -> None:
    # Nobody waits for this run: what fails stays in the outboxes for the next.
    try:
        _run(s, settings)
    except Exception:
        log.exception("the alerts run after an upload failed")


def _run(s: Searcher, settings: Settings) -> RunReport:
    senders = Senders(settings.smtp(), settings.public_url)
    return run_alerts(settings.index, as_one_index(s.index, "saved searches"), lambda: s, senders)
