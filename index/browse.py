"""Reading the passage store by structure: a passage in its context, meetings
and their items. Restricted passages stay out unless asked for."""

from __future__ import annotations

from dataclasses import dataclass, field

from minutes_qa.index.rows import (
    SELECT_PASSAGES,
    Filters,
    StoredPassage,
    stored_passage,
    visible,
    where_clauses,
)
from minutes_qa.index.store import Store


@dataclass(frozen=True, slots=True)
class PassageContext:
    """A passage with what surrounds it in its agenda item: the passages just
    before and after, and the item's decisions."""

    passage: StoredPassage
    before: list[StoredPassage]
    after: list[StoredPassage]
    resolutions: list[StoredPassage]


@dataclass(frozen=True, slots=True)
class MeetingSummary:
    """One meeting: what it was and how much of it is stored."""

    id: str
    council: str | None
    committee: str | None
    date: str | None
    title: str | None
    documents: int
    passages: int


@dataclass(frozen=True, slots=True)
class MeetingItem:
    """An agenda item of a meeting with its passages in order."""

    number: str | None
    title: str | None
    passages: list[StoredPassage] = field(default_factory=list)


def _visible(include_restricted: bool) -> str:
    return " AND " + visible(include_restricted)


def passage_by_id(store: Store, passage_id: str, include_restricted: bool) -> StoredPassage | None:
    rows = store.db.execute(
        SELECT_PASSAGES + "WHERE p.id = ?" + _visible(include_restricted), (passage_id,)
    ).fetchall()
    return _with_sources(store, rows)[0] if rows else None


def passage_context(
    store: Store, passage_id: str, include_restricted: bool = False, around: int = 2
) -> PassageContext | None:
    """The passage and its neighbours in the same agenda item of the same page."""
    passage = passage_by_id(store, passage_id, include_restricted)
    if passage is None:
        return None
    rows = store.db.execute(
        SELECT_PASSAGES + "WHERE p.doc_id = ? AND p.item_index = "
        "(SELECT item_index FROM passages WHERE id = ?)"
        + _visible(include_restricted)
        + " ORDER BY p.position",
        (passage.doc_id, passage_id),
    ).fetchall()
    item = _with_sources(store, rows)
    index = next(i for i, p in enumerate(item) if p.id == passage_id)
    return PassageContext(
        passage=passage,
        before=item[max(0, index - around) : index],
        after=item[index + 1 : index + 1 + around],
        resolutions=[p for p in item if p.kind == "decision" and p.id != passage_id],
    )


def meetings(
    store: Store, filters: Filters, limit: int, offset: int
) -> tuple[list[MeetingSummary], int]:
    """Meetings that pass ``filters``, newest first, and how many there are."""
    where, args = where_clauses(filters)
    base = (
        "FROM meetings m JOIN documents d ON d.meeting_id = m.id "
        "JOIN passages p ON p.doc_id = d.id WHERE " + " AND ".join(where)
    )
    total = store.db.execute(f"SELECT count(DISTINCT m.id) {base}", args).fetchone()[0]
    rows = store.db.execute(
        f"SELECT m.id, m.council, m.committee, m.date, m.title, count(DISTINCT d.id), count(*) "
        f"{base} GROUP BY m.id ORDER BY m.date IS NULL, m.date DESC, m.id LIMIT ? OFFSET ?",
        [*args, limit, offset],
    ).fetchall()
    return [MeetingSummary(*row) for row in rows], total


def meeting(
    store: Store, meeting_id: str, include_restricted: bool = False
) -> tuple[MeetingSummary, list[MeetingItem]] | None:
    """A meeting with its agenda items and their passages in order."""
    rows = store.db.execute(
        SELECT_PASSAGES
        + "WHERE d.meeting_id = ?"
        + _visible(include_restricted)
        + " ORDER BY CAST(p.item_number AS INTEGER), p.item_number, d.id, p.position",
        (meeting_id,),
    ).fetchall()
    if not rows:
        return None
    passages = _with_sources(store, rows)
    items: list[MeetingItem] = []
    for p in passages:
        if not items or (items[-1].number, items[-1].title) != (p.item_number, p.item_title):
            items.append(MeetingItem(p.item_number, p.item_title))
        items[-1].passages.append(p)
    first = passages[0]
    summary = MeetingSummary(
        id=meeting_id,
        council=first.council,
        committee=first.committee,
        date=first.meeting_date,
        title=first.meeting_title,
        documents=len({p.doc_id for p in passages}),
        passages=len(passages),
    )
    return summary, items


def _with_sources(store: Store, rows: list[tuple]) -> list[StoredPassage]:
    sources = store.sources_of({row[2] for row in rows})
    return [stored_passage(row, sources.get(row[2], ())) for row in rows]
