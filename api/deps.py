"""Shared request dependencies: the searcher, the settings, who is asking
(API keys), common filters."""

import datetime as dt
import hmac
from dataclasses import dataclass
from typing import Annotated, Literal

from fastapi import Depends, Header, HTTPException, Query, Request

from minutes_qa.index.rows import Filters
from minutes_qa.qa.search import Searcher
from minutes_qa.settings import Settings

# Attendance lists are searched only when asked for (index.rows.HIDDEN_KINDS).
Kind = Literal["discussion", "decision", "commitment", "attendance"]


def get_searcher(request: Request) -> Searcher:
    """The searcher the lifespan built for this app."""
    return request.app.state.searcher


def get_settings(request: Request) -> Settings:
    return request.app.state.settings


@dataclass(frozen=True, slots=True)
class Access:
    """What the caller's key grants: ``admin`` changes the index (and reads
    everything), ``restricted`` reads restricted passages. No key: neither."""

    admin: bool = False
    restricted: bool = False


def matches(given: str, keys: list[str]) -> bool:
    """Whether ``given`` is one of ``keys``, in time that does not depend on
    where (or whether) it matches."""
    found = False
    for key in keys:
        found |= hmac.compare_digest(given.encode(), key.encode())
    return found


def get_access(
    settings: Annotated[Settings, Depends(get_settings)],
    x_api_key: Annotated[
        str | None, Header(description="an API key: uploads, or restricted passages")
    ] = None,
) -> Access:
    """The caller's access from header ``X-API-Key``. A key that is given but
    unknown is refused (401) rather than quietly treated as none."""
    if x_api_key is None:
        return Access()
    admin = matches(x_api_key, settings.api_keys())
    reader = matches(x_api_key, settings.restricted_keys())
    if not (admin or reader):
        raise HTTPException(401, "the API key given (header X-API-Key) is not valid")
    return Access(admin=admin, restricted=True)


AccessDep = Annotated[Access, Depends(get_access)]


def get_filters(
    access: AccessDep,
    council: Annotated[str | None, Query(max_length=200, description="part of the name")] = None,
    committee: Annotated[str | None, Query(max_length=200, description="part of the name")] = None,
    since: Annotated[dt.date | None, Query(description="meetings on or after")] = None,
    until: Annotated[dt.date | None, Query(description="meetings on or before")] = None,
    kind: Annotated[list[Kind] | None, Query(description="kinds; attendance only if named")] = None,
) -> Filters:
    return Filters(
        council=council,
        committee=committee,
        since=since.isoformat() if since else None,
        until=until.isoformat() if until else None,
        kinds=tuple(kind or ()),
        include_restricted=access.restricted,
    )


SearcherDep = Annotated[Searcher, Depends(get_searcher)]
SettingsDep = Annotated[Settings, Depends(get_settings)]
FiltersDep = Annotated[Filters, Depends(get_filters)]
