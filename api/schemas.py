"""Request and response shapes of the HTTP API (pydantic, at the edge only)."""

from __future__ import annotations

from pydantic import BaseModel, Field

from qa.hits import Hit


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
    score: float = Field(description="similarity to the query; higher is better")
    kind: str = Field(description="discussion, decision or commitment")
    citation: CitationOut
    also_in: list[CitationOut] = Field(
        description="other places with the same or nearly the same passage")

    @classmethod
    def of(cls, hit: Hit) -> ResultOut:
        return cls.model_validate(hit.to_dict())


class SearchResponse(BaseModel):
    query: str
    good_match: bool = Field(description="false when no passage answers the query well")
    results: list[ResultOut]


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
