"""What a search returns: passages with citations precise enough to quote."""

from __future__ import annotations

from dataclasses import asdict, dataclass

from minutes_qa.index.rows import StoredPassage


@dataclass(frozen=True, slots=True)
class Citation:
    """Where a passage comes from: council, committee, meeting (title and
    date), agenda item, and ``source``, the page's URL when known, else the
    file it was read from. ``position`` counts passages from 0 in that page."""

    council: str | None
    committee: str | None
    meeting_title: str | None
    meeting_date: str | None
    item_number: str | None
    item_title: str | None
    source: str
    position: int

    @classmethod
    def of(cls, passage: StoredPassage) -> Citation:
        return cls(
            council=passage.council,
            committee=passage.committee,
            meeting_title=passage.meeting_title,
            meeting_date=passage.meeting_date,
            item_number=passage.item_number,
            item_title=passage.item_title,
            source=passage.source,
            position=passage.position,
        )

    def line(self) -> str:
        """One line for people: "Council · Committee · 13 Nov 2019 · item 5 Title · source"."""
        item = " ".join(p for p in (self.item_number, self.item_title) if p)
        parts = [
            self.council,
            self.committee,
            self.meeting_date or "date not stated",
            f"item {item}" if item else None,
            self.source,
        ]
        return " · ".join(p for p in parts if p)


@dataclass(frozen=True, slots=True)
class Hit:
    """One passage that answers a query, with its score (higher is better;
    see ``qa.retrieve``) and its citation. ``also_in`` cites the places where
    the same or nearly the same passage appears too (a repost, boilerplate
    repeated at other meetings). ``good_match`` is false for a passage that
    is only the nearest there is, not a good answer (see ``qa.search``)."""

    id: str
    text: str
    score: float
    kind: str
    citation: Citation
    also_in: tuple[Citation, ...] = ()
    good_match: bool = True

    def to_dict(self) -> dict[str, object]:
        out = asdict(self)
        out["also_in"] = [asdict(c) for c in self.also_in]
        return out
