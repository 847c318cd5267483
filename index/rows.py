"""What the passage store answers with, and how a query is narrowed:
the filters and the one rule for restricted passages as SQL, the passage row
and its citation fields, and what an index holds."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

# A restricted passage, worded as the partial index passages_restricted is (so SQLite uses it).
RESTRICTED = "restricted = 1"
# Kinds a search leaves out unless asked for by name: an attendance list
# matches a question about any councillor and answers none.
HIDDEN_KINDS = ("attendance",)
# Worded as the partial index passages_attendance is.
_HIDDEN_KIND = "kind = 'attendance'"


def hidden_ids(include_restricted: bool) -> str:
    """SQL for the vec_ids a search without filters leaves out: attendance
    passages, and restricted ones unless ``include_restricted`` (each half
    through its partial index)."""
    sql = f"SELECT vec_id FROM passages WHERE {_HIDDEN_KIND}"
    return (
        sql
        if include_restricted
        else f"{sql} UNION ALL SELECT vec_id FROM passages WHERE {RESTRICTED}"
    )


def visible(include_restricted: bool, table: str = "p") -> str:
    """The one rule for restricted passages, as an SQL condition on the
    passages table (alias ``table``): left out unless asked for. Never
    empty, so it can always be joined with AND."""
    return "1" if include_restricted else f"{table}.restricted = 0"


@dataclass(frozen=True, slots=True)
class Filters:
    """Which passages a search may return.

    ``council`` and ``committee`` match case-insensitively anywhere in the
    name; ``since`` and ``until`` are inclusive ISO dates and leave out
    passages of meetings with no known date. ``kinds`` names the kinds wanted;
    empty, every kind but those of ``HIDDEN_KINDS`` (attendance lists).
    Restricted passages are left out unless ``include_restricted``.
    """

    council: str | None = None
    committee: str | None = None
    since: str | None = None
    until: str | None = None
    kinds: tuple[str, ...] = ()
    include_restricted: bool = False


@dataclass(frozen=True, slots=True)
class IndexStats:
    """What an index holds (restricted passages only when asked for):
    documents (pages or files of minutes), meetings, passages and passages
    by kind; ``with_date``, ``with_committee`` and ``with_source_url`` count
    passages whose meeting states a date or a committee, or whose page has a
    URL; ``sources`` counts the files and URLs read (a repost adds a source,
    not a document)."""

    documents: int
    meetings: int
    passages: int
    kinds: dict[str, int]
    with_date: int
    with_committee: int
    with_source_url: int
    sources: int

    def to_dict(self) -> dict[str, object]:
        return asdict(self)

    def lines(self) -> list[str]:
        """For people: one fact a line."""
        share = lambda n: f"{n / self.passages:.0%}" if self.passages else "-"  # noqa: E731
        kinds = ", ".join(f"{count:,} {kind}" for kind, count in sorted(self.kinds.items()))
        return [
            f"{self.documents:,} documents from {self.sources:,} sources, "
            f"{self.meetings:,} meetings",
            f"{self.passages:,} passages: {kinds or 'none'}",
            f"passages whose meeting states a date: {self.with_date:,} ({share(self.with_date)})",
            f"passages whose meeting states a committee: {self.with_committee:,} "
            f"({share(self.with_committee)})",
            f"passages with a source URL: {self.with_source_url:,} ({share(self.with_source_url)})",
        ]


@dataclass(frozen=True, slots=True)
class StoredPassage:
    """A passage as stored, with what is needed to cite it."""

    vec_id: int
    id: str
    doc_id: str
    position: int
    kind: str
    form: str
    text: str
    lead_in: str | None
    item_number: str | None
    item_title: str | None
    restricted: bool
    meeting_id: str
    council: str | None
    committee: str | None
    meeting_date: str | None
    meeting_title: str | None
    url: str | None
    sources: tuple[str, ...] = field(default=())

    @property
    def source(self) -> str:
        """The URL when known, else the first file it was read from."""
        return self.url or (self.sources[0] if self.sources else "")


SELECT_PASSAGES = """
SELECT p.vec_id, p.id, p.doc_id, p.position, p.kind, p.form, p.text, p.lead_in,
       p.item_number, p.item_title, p.restricted, d.meeting_id, m.council, m.committee,
       m.date, m.title, d.url
FROM passages p JOIN documents d ON d.id = p.doc_id JOIN meetings m ON m.id = d.meeting_id
"""


def where_clauses(filters: Filters) -> tuple[list[str], list[object]]:
    """SQL conditions on ``p`` (passages) and ``m`` (meetings) for ``filters``."""
    where: list[str] = []
    args: list[object] = []
    if filters.council:
        where.append("m.council LIKE ?")
        args.append(f"%{filters.council}%")
    if filters.committee:
        where.append("m.committee LIKE ?")
        args.append(f"%{filters.committee}%")
    if filters.since:
        where.append("m.date >= ?")
        args.append(filters.since)
    if filters.until:
        where.append("m.date <= ?")
        args.append(filters.until)
    if filters.kinds:
        where.append(f"p.kind IN ({','.join('?' * len(filters.kinds))})")
        args.extend(filters.kinds)
    else:
        where.append(f"p.kind NOT IN ({','.join('?' * len(HIDDEN_KINDS))})")
        args.extend(HIDDEN_KINDS)
    # Restricted passages stay out unless asked for; never an empty list, so
    # callers can always write "WHERE " + " AND ".join(where).
    where.append(visible(filters.include_restricted))
    return where, args


# The columns of SELECT_PASSAGES, by the StoredPassage field each fills.
_PASSAGE_COLUMNS = (
    "vec_id", "id", "doc_id", "position", "kind", "form", "text", "lead_in", "item_number",
    "item_title", "restricted", "meeting_id", "council", "committee", "meeting_date",
    "meeting_title", "url",
)  # fmt: skip


def stored_passage(row: tuple, sources: tuple[str, ...]) -> StoredPassage:
    """A row of ``SELECT_PASSAGES`` as a StoredPassage, by column name."""
    fields: dict[str, Any] = dict(zip(_PASSAGE_COLUMNS, row, strict=True))
    fields["restricted"] = bool(fields["restricted"])
    return StoredPassage(**fields, sources=sources)
