"""Routes that follow a subject over time: its timeline across meetings, and
commitments followed to what happened next."""

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, HTTPException, Query

from minutes_qa.api.deps import AccessDep, FiltersDep, SearcherDep, SettingsDep
from minutes_qa.api.follow_schemas import CommitmentsOut, FollowUpOut, TimelineOut
from minutes_qa.api.routes import ERRORS, Q, _check
from minutes_qa.index.rows import Filters
from minutes_qa.qa.followup import Follower
from minutes_qa.qa.timeline import TIMELINE_K, timeline
from minutes_qa.settings import K_BOUND

router = APIRouter(prefix="/api/v1", responses=ERRORS)


@router.get("/timeline", response_model=TimelineOut)
def timeline_route(
    s: SearcherDep,
    settings: SettingsDep,
    filters: FiltersDep,
    q: Q,
    k: Annotated[int, Query(ge=1, le=K_BOUND, description="passages searched")] = TIMELINE_K,
) -> TimelineOut:
    """The subject of `q` across meetings, oldest first (undated meetings
    last): per meeting its best passages and the decisions of their items."""
    _check(q, settings)
    if k > settings.max_k:
        raise HTTPException(422, f"k: must be at most {settings.max_k}")
    return TimelineOut.of(timeline(s, q, filters, k))


@router.get("/commitments", response_model=CommitmentsOut)
def commitments(
    s: SearcherDep,
    access: AccessDep,
    council: Annotated[str | None, Query(max_length=200, description="part of the name")] = None,
    committee: Annotated[str | None, Query(max_length=200, description="part of the name")] = None,
    since: Annotated[dt.date | None, Query(description="meetings on or after")] = None,
    until: Annotated[dt.date | None, Query(description="meetings on or before")] = None,
    open_only: Annotated[
        bool, Query(alias="open", description="only commitments with no follow-up")
    ] = False,
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
    offset: Annotated[int, Query(ge=0, le=100_000)] = 0,
) -> CommitmentsOut:
    """Commitments, newest meeting first, each with what happened next: later
    passages of the same council on its subject, or none found in N later
    meetings."""
    filters = Filters(
        council=council,
        committee=committee,
        since=since.isoformat() if since else None,
        until=until.isoformat() if until else None,
        include_restricted=access.restricted,
    )
    follower = Follower(s, access.restricted)
    found = follower.all(filters, limit, offset, open_only=open_only)
    return CommitmentsOut(
        offset=offset, open_only=open_only, commitments=[FollowUpOut.of(f) for f in found]
    )


@router.get("/commitments/{passage_id}", response_model=FollowUpOut)
def commitment(s: SearcherDep, access: AccessDep, passage_id: str) -> FollowUpOut:
    """One commitment and what happened next."""
    found = s.index.passage_context(passage_id, access.restricted)
    if found is None or found.passage.kind != "commitment":
        raise HTTPException(404, f"no commitment with id {passage_id!r}")
    return FollowUpOut.of(Follower(s, access.restricted).follow(found.passage))
