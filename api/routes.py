"""Read-only routes: search, ask, passages in context, meetings, stats, health."""

import re
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query

from minutes_qa.api.deps import AccessDep, FiltersDep, SearcherDep, SettingsDep
from minutes_qa.api.schemas import (
    AnswerOut,
    ErrorResponse,
    HealthResponse,
    MeetingDetailOut,
    MeetingListOut,
    MeetingOut,
    PassageContextOut,
    ResultOut,
    SearchResponse,
)
from minutes_qa.index.rows import IndexStats
from minutes_qa.qa.answer import ask
from minutes_qa.qa.search import is_good_match
from minutes_qa.settings import K_BOUND

# Every route may refuse a bad key (401) or a client over its rate (429).
ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"model": ErrorResponse} for code in (401, 404, 422, 429)
}
router = APIRouter(prefix="/api/v1", responses=ERRORS)

# A character that is no white space to Python, to the schema's ECMAScript
# regexes and to pydantic's Rust ones alike: their "\s" differ on U+001C-
# U+001F, U+0085 and U+FEFF, so those are named.
_NOT_SPACE = r"[^\s\x1c-\x1f\x85\ufeff]"
Q = Annotated[
    str,
    # The configured length is checked in _check and stated in the schema (api.app).
    Query(min_length=1, pattern=_NOT_SPACE, description="the question or keywords"),
]


def _check(q: str, settings) -> str:
    if not re.search(_NOT_SPACE, q):
        raise HTTPException(422, "q must contain more than white space")
    if len(q) > settings.max_query_chars:
        raise HTTPException(422, f"q is longer than {settings.max_query_chars} characters")
    return q


@router.get("/search", response_model=SearchResponse)
def search(
    s: SearcherDep,
    settings: SettingsDep,
    filters: FiltersDep,
    q: Q,
    k: Annotated[int, Query(ge=1, le=K_BOUND, description="how many results")] = 10,
    offset: Annotated[int, Query(ge=0, le=500, description="results to skip")] = 0,
) -> SearchResponse:
    """Passages that answer `q`, best first, with citations and highlights."""
    _check(q, settings)
    if k > settings.max_k:
        raise HTTPException(422, f"k: must be at most {settings.max_k}")
    hits = s.search(q, k + offset, filters)[offset:]
    return SearchResponse(
        query=q,
        good_match=is_good_match(hits) if offset == 0 else bool(hits),
        good_matches=sum(h.good_match for h in hits),
        offset=offset,
        results=[ResultOut.of(h, q) for h in hits],
    )


@router.get("/ask", response_model=AnswerOut)
def ask_route(
    s: SearcherDep,
    settings: SettingsDep,
    filters: FiltersDep,
    q: Q,
    k: Annotated[int, Query(ge=1, le=K_BOUND, description="supporting passages")] = 10,
) -> AnswerOut:
    """The best answer sentence and its passage, then the supporting passages
    grouped by meeting, newest first."""
    _check(q, settings)
    if k > settings.max_k:
        raise HTTPException(422, f"k: must be at most {settings.max_k}")
    return AnswerOut.of(ask(s, q, k, filters))


@router.get("/passages/{passage_id}", response_model=PassageContextOut)
def passage(s: SearcherDep, access: AccessDep, passage_id: str) -> PassageContextOut:
    """A passage with its item title, lead-in, neighbours and the item's resolution."""
    found = s.index.passage_context(passage_id, access.restricted)
    if found is None:
        raise HTTPException(404, f"no passage with id {passage_id!r}")
    return PassageContextOut.of(found)


@router.get("/meetings", response_model=MeetingListOut)
def meetings(
    s: SearcherDep,
    filters: FiltersDep,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
) -> MeetingListOut:
    """Meetings, newest first."""
    found, total = s.index.meetings(filters, limit, offset)
    return MeetingListOut(
        total=total,
        offset=offset,
        meetings=[MeetingOut.model_validate(m, from_attributes=True) for m in found],
    )


@router.get("/meetings/{meeting_id}", response_model=MeetingDetailOut)
def meeting(s: SearcherDep, access: AccessDep, meeting_id: str) -> MeetingDetailOut:
    """A meeting's agenda items and their passages, in order."""
    found = s.index.meeting(meeting_id, access.restricted)
    if found is None:
        raise HTTPException(404, f"no meeting with id {meeting_id!r}")
    return MeetingDetailOut.of(*found)


@router.get("/stats", response_model=IndexStats)
def stats(s: SearcherDep, access: AccessDep) -> IndexStats:
    """What the index holds (restricted passages counted only for a key that
    may read them)."""
    return s.index.stats(access.restricted)


@router.get("/health", response_model=HealthResponse)
def health(s: SearcherDep) -> HealthResponse:
    return HealthResponse(
        status="ok",
        model=s.encoder.name,
        generation=s.index.generation,
        passages=s.index.stats().passages,
    )
