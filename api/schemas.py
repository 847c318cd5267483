"""Request and response shapes of the HTTP API (pydantic, at the edge only).

Conversions from the domain objects live here, so routes stay small.
"""

from __future__ import annotations

from dataclasses import asdict

from pydantic import BaseModel, Field

from minutes_qa.index.browse import MeetingItem, MeetingSummary, PassageContext
from minutes_qa.index.rows import StoredPassage
from minutes_qa.qa.answer import Answer
from minutes_qa.qa.highlight import highlight
from minutes_qa.qa.hits import Citation, Hit


class CitationOut(BaseModel):
    council: str | None = Field(description="the council whose minutes these are")
    committee: str | None = Field(description="committee, board or body that met")
    meeting_title: str | None
    meeting_date: str | None = Field(description="YYYY-MM-DD; null when the minutes do not say")
    item_number: str | None = Field(description="agenda item number, e.g. '7' or '87/25'")
    item_title: str | None
    source: str = Field(description="URL of the page when known, else the file read")
    position: int = Field(description="passage number within its page, from 0")


class ResultOut(BaseModel):
    id: str = Field(description="stable passage id")
    text: str = Field(description="the passage as written in the minutes")
    score: float = Field(description="fused relevance; higher is better")
    kind: str = Field(description="discussion, decision, commitment or attendance")
    citation: CitationOut
    also_in: list[CitationOut] = Field(
        description="other places with the same or nearly the same passage"
    )
    highlights: list[tuple[int, int]] = Field(
        default_factory=list,
        description="half-open [start, stop) character spans of text that match the query",
    )
    permalink: str = Field("", description="path of the passage in context")
    good_match: bool = Field(
        True,
        description="false for a weaker passage: the nearest there is, not a good answer; "
        "good matches always come first",
    )

    @classmethod
    def of(cls, hit: Hit, query: str | None = None) -> ResultOut:
        out = cls.model_validate(hit.to_dict())
        out.highlights = highlight(hit.text, query) if query else []
        out.permalink = f"/api/v1/passages/{hit.id}"
        return out


class SearchResponse(BaseModel):
    query: str
    good_match: bool = Field(description="false when no passage answers the query well")
    good_matches: int = Field(0, description="how many results, from the first, are good matches")
    offset: int = 0
    results: list[ResultOut]


class PassageOut(BaseModel):
    id: str
    text: str
    kind: str
    lead_in: str | None
    citation: CitationOut
    permalink: str

    @classmethod
    def of(cls, p: StoredPassage) -> PassageOut:
        return cls(
            id=p.id,
            text=p.text,
            kind=p.kind,
            lead_in=p.lead_in,
            citation=CitationOut(**asdict(Citation.of(p))),
            permalink=f"/api/v1/passages/{p.id}",
        )


class PassageContextOut(PassageOut):
    """A passage with its neighbours in the agenda item and the item's decisions."""

    before: list[PassageOut]
    after: list[PassageOut]
    resolutions: list[PassageOut]

    @classmethod
    def of(cls, c: PassageContext) -> PassageContextOut:  # type: ignore[override]
        base = PassageOut.of(c.passage).model_dump()
        return cls(
            **base,
            before=[PassageOut.of(p) for p in c.before],
            after=[PassageOut.of(p) for p in c.after],
            resolutions=[PassageOut.of(p) for p in c.resolutions],
        )


class MeetingGroupOut(BaseModel):
    meeting_title: str | None
    meeting_date: str | None
    committee: str | None
    council: str | None
    results: list[ResultOut]


class AnswerOut(BaseModel):
    question: str
    answer: str | None = Field(description="the best answer sentence, verbatim")
    passage: ResultOut | None = Field(description="the passage the sentence comes from")
    good_match: bool
    meetings: list[MeetingGroupOut] = Field(description="supporting passages, newest first")

    @classmethod
    def of(cls, a: Answer) -> AnswerOut:
        return cls(
            question=a.question,
            answer=a.sentence,
            good_match=a.good_match,
            passage=ResultOut.of(a.passage, a.question) if a.passage else None,
            meetings=[
                MeetingGroupOut(
                    meeting_title=g.meeting_title,
                    meeting_date=g.meeting_date,
                    committee=g.committee,
                    council=g.council,
                    results=[ResultOut.of(h, a.question) for h in g.hits],
                )
                for g in a.meetings
            ],
        )


class MeetingOut(BaseModel):
    id: str
    council: str | None
    committee: str | None
    date: str | None
    title: str | None
    documents: int
    passages: int


class MeetingListOut(BaseModel):
    total: int
    offset: int
    meetings: list[MeetingOut]


class ItemOut(BaseModel):
    number: str | None
    title: str | None
    passages: list[PassageOut]


class MeetingDetailOut(MeetingOut):
    items: list[ItemOut]

    @classmethod
    def of(cls, summary: MeetingSummary, items: list[MeetingItem]) -> MeetingDetailOut:
        return cls(
            **asdict(summary),
            items=[
                ItemOut(
                    number=i.number, title=i.title, passages=[PassageOut.of(p) for p in i.passages]
                )
                for i in items
            ],
        )


class UploadOut(BaseModel):
    files: list[str]
    added: int
    unchanged: int
    duplicates: int
    replaced: int
    passages_added: int
    failures: list[dict[str, str]]
    warnings: list[dict[str, str]]
    incomplete: list[str]  # went in without all their text (scanned pages not read)
    generation: int


class HealthResponse(BaseModel):
    status: str
    model: str
    generation: int
    passages: int


class ErrorBody(BaseModel):
    status: int
    message: str
    details: list[dict] = Field(default_factory=list)


class ErrorResponse(BaseModel):
    """Every error the API returns has this shape."""

    error: ErrorBody
