"""Shared request dependencies: the searcher, the settings, common filters."""

import datetime as dt
from typing import Annotated, Literal

from fastapi import Depends, Query, Request

from index.store import Filters
from qa.search import Searcher
from qa.settings import Settings

Kind = Literal["discussion", "decision", "commitment"]


def get_searcher(request: Request) -> Searcher:
    """The searcher the lifespan built for this app."""
    return request.app.state.searcher


def get_settings(request: Request) -> Settings:
    return request.app.state.settings


def get_filters(
    council: Annotated[str | None, Query(max_length=200, description="part of the name")] = None,
    committee: Annotated[str | None, Query(max_length=200, description="part of the name")] = None,
    since: Annotated[dt.date | None, Query(description="meetings on or after")] = None,
    until: Annotated[dt.date | None, Query(description="meetings on or before")] = None,
    kind: Annotated[list[Kind] | None, Query(description="passage kinds")] = None,
) -> Filters:
    return Filters(
        council=council,
        committee=committee,
        since=since.isoformat() if since else None,
        until=until.isoformat() if until else None,
        kinds=tuple(kind or ()),
    )


SearcherDep = Annotated[Searcher, Depends(get_searcher)]
SettingsDep = Annotated[Settings, Depends(get_settings)]
FiltersDep = Annotated[Filters, Depends(get_filters)]
