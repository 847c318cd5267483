"""Response shapes of a subject's timeline and of commitments followed up
(pydantic, at the edge only), with their conversions from the domain objects."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from minutes_qa.api.schemas import PassageOut, ResultOut
from minutes_qa.qa.followup import FollowUp
from minutes_qa.qa.timeline import Timeline, TimelineMeeting


class TimelineMeetingOut(BaseModel):
    council: str | None
    committee: str | None
    date: str | None = Field(description="YYYY-MM-DD; null when the minutes do not state it")
    title: str | None
    good_match: bool = Field(description="whether the meeting's best passage answers well")
    passages: list[ResultOut] = Field(
        description="the meeting's best passages on the subject, good matches first (at most 3)"
    )
    decisions: list[PassageOut] = Field(
        description="decisions of the agenda items those passages belong to, not among them"
    )

    @classmethod
    def of(cls, m: TimelineMeeting, question: str) -> TimelineMeetingOut:
        return cls(
            council=m.council,
            committee=m.committee,
            date=m.date,
            title=m.title,
            good_match=m.good_match,
            passages=[ResultOut.of(h, question) for h in m.passages],
            decisions=[PassageOut.of(p) for p in m.decisions],
        )


class TimelineOut(BaseModel):
    question: str
    good_match: bool = Field(description="false when no passage answers the question well")
    undated: int = Field(description="how many meetings, at the end, state no date")
    meetings: list[TimelineMeetingOut] = Field(
        description="oldest first; meetings whose minutes state no date last"
    )

    @classmethod
    def of(cls, t: Timeline) -> TimelineOut:
        return cls(
            question=t.question,
            good_match=t.good_match,
            undated=t.undated,
            meetings=[TimelineMeetingOut.of(m, t.question) for m in t.meetings],
        )


class FollowUpOut(PassageOut):
    """A commitment (the passage's own fields, as everywhere) and what
    happened next."""

    status: Literal["followed", "open", "undated"] = Field(
        description="followed: later passages answer it; open: none in the later meetings; "
        "undated: its meeting states no date, so nothing can be called later"
    )
    later_meetings: int | None = Field(
        description="the council's meetings after the commitment's; null when undated"
    )
    summary: str = Field(
        description="the status in words, e.g. 'no follow-up found in 4 later meetings'"
    )
    next: list[ResultOut] = Field(description="what happened next: up to 3 later passages")

    @classmethod
    def of(cls, f: FollowUp) -> FollowUpOut:  # type: ignore[override]
        return cls(
            **PassageOut.of(f.commitment).model_dump(),
            status=f.status,
            later_meetings=f.later_meetings,
            summary=f.summary,
            next=[ResultOut.of(h) for h in f.next],
        )


class CommitmentsOut(BaseModel):
    offset: int
    open_only: bool
    commitments: list[FollowUpOut] = Field(description="newest meeting first")
