"""Request and response shapes of saved searches and alert runs (pydantic,
at the edge only), with their conversions from the domain objects."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict

from pydantic import BaseModel, Field

from minutes_qa.api.deps import Kind
from minutes_qa.index.rows import Filters
from minutes_qa.qa.alerts import RunReport, SavedSearch, SearchStatus


class SavedSearchIn(BaseModel):
    question: str = Field(min_length=1, max_length=1000, pattern=r"\S")
    council: str | None = Field(None, max_length=200, description="part of the name")
    committee: str | None = Field(None, max_length=200, description="part of the name")
    since: dt.date | None = Field(None, description="meetings on or after")
    until: dt.date | None = Field(None, description="meetings on or before")
    kinds: list[Kind] = Field(default_factory=list, description="passage kinds (none: all)")
    emails: list[str] = Field(
        default_factory=list, max_length=50, description="send a digest to each"
    )
    webhook: str | None = Field(
        None, max_length=2000, description="POST new passages here, signed with HMAC-SHA256"
    )
    include_restricted: bool = Field(
        False,
        description="restricted passages may reach this search (the key must read them)",
    )

    def filters(self) -> Filters:
        return Filters(
            council=self.council,
            committee=self.committee,
            since=self.since.isoformat() if self.since else None,
            until=self.until.isoformat() if self.until else None,
            kinds=tuple(self.kinds),
            include_restricted=self.include_restricted,
        )


class OutboxOut(BaseModel):
    found: int = Field(description="passages found for this search so far")
    waiting: dict[str, int] = Field(description="per channel, passages not yet delivered")
    last_error: str | None = Field(description="the last failed delivery's error, if waiting")


class SavedSearchOut(BaseModel):
    id: int
    question: str
    council: str | None
    committee: str | None
    since: str | None
    until: str | None
    kinds: list[str]
    include_restricted: bool
    emails: list[str]
    webhook: str | None
    webhook_secret: str | None = Field(
        description="the key of the HMAC-SHA256 signature in X-Minutes-QA-Signature"
    )
    feed: str = Field(description="the Atom feed of this search (its URL is its secret)")
    created_at: str
    outbox: OutboxOut | None = None

    @classmethod
    def of(
        cls, search: SavedSearch, base_url: str, status: SearchStatus | None = None
    ) -> SavedSearchOut:
        f = search.filters
        return cls(
            id=search.id,
            question=search.question,
            council=f.council,
            committee=f.committee,
            since=f.since,
            until=f.until,
            kinds=list(f.kinds),
            include_restricted=f.include_restricted,
            emails=list(search.emails),
            webhook=search.webhook_url,
            webhook_secret=search.webhook_secret,
            feed=base_url.rstrip("/") + search.feed_path(),
            created_at=search.created_at,
            outbox=OutboxOut(
                found=status.found, waiting=status.waiting, last_error=status.last_error
            )
            if status
            else None,
        )


class DeliveryOut(BaseModel):
    delivery_id: str = Field(description="the same on every attempt of this delivery")
    search_id: int
    channel: str = Field(description="'email:ADDRESS' or 'webhook'")
    entries: int = Field(description="passages it carries")
    attempts: int
    sent: bool
    error: str | None


class RunOut(BaseModel):
    searches: int
    collected: int = Field(description="new matching passages put in outboxes")
    sent: int
    failed: int = Field(description="deliveries that failed: kept, tried again on the next run")
    deliveries: list[DeliveryOut]

    @classmethod
    def of(cls, report: RunReport) -> RunOut:
        return cls(
            searches=report.searches,
            collected=report.collected,
            sent=len(report.sent),
            failed=len(report.failed),
            deliveries=[DeliveryOut(**asdict(d)) for d in report.deliveries],
        )
