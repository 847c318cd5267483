"""Export: every stored document as one JSON line, to back up or move an index.

A line holds a document's meeting, its sources and its passages as stored
(text, form, kind, lead-in, agenda item, restricted), tagged with
``"minutes_qa_export": 1``. ``minutes-qa ingest`` reads such a file back
(corpus.readers.export) into the same documents, passage ids and citations;
vectors are not exported: they are recomputed from the texts.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from minutes_qa.corpus.metadata import SOURCE_FIELDS
from minutes_qa.index.rows import visible
from minutes_qa.index.store import Store

EXPORT_VERSION = 1
PASSAGE_FIELDS = (
    "text", "form", "kind", "lead_in", "item_index", "item_number", "item_title", "restricted"
)  # fmt: skip


def export_documents(store: Store, include_restricted: bool = False) -> Iterator[dict[str, Any]]:
    """One dict per document, in ingest order; restricted passages only
    with ``include_restricted`` (a document left with none is skipped)."""
    shown = visible(include_restricted, table="passages")
    docs = store.db.execute(
        "SELECT d.id, d.format, d.url, m.council, m.committee, m.date, m.title, "
        "m.date_source, m.council_source, m.committee_source "
        "FROM documents d JOIN meetings m ON m.id = d.meeting_id ORDER BY d.ingested_at, d.id"
    ).fetchall()
    for doc_id, fmt, url, council, committee, date, title, *sources in docs:
        rows = store.db.execute(
            f"SELECT {', '.join(PASSAGE_FIELDS)} FROM passages WHERE doc_id = ? AND {shown} "
            "ORDER BY position",
            (doc_id,),
        ).fetchall()
        if not rows:
            continue
        yield {
            "minutes_qa_export": EXPORT_VERSION,
            "doc_id": doc_id,
            "format": fmt,
            "sources": list(store.sources_of({doc_id}).get(doc_id, ())),
            "meeting": {
                "council": council,
                "committee": committee,
                "date": date,
                "title": title,
                "url": url,
                **dict(zip(SOURCE_FIELDS, sources, strict=True)),
            },
            "passages": [
                dict(zip(PASSAGE_FIELDS, (*row[:-1], bool(row[-1])), strict=True)) for row in rows
            ],
        }
