"""Reading back a ``minutes-qa export`` line: one stored document.

The passages come back exactly as they were stored (text, form, kind,
lead-in, agenda item, restricted), so the document gets the same
fingerprint and its passages the same ids as in the exported index.
"""

from __future__ import annotations

from typing import Any

from minutes_qa.corpus.chunk import fingerprint, with_ids
from minutes_qa.corpus.classify import classify
from minutes_qa.corpus.errors import ReadError
from minutes_qa.corpus.metadata import meeting_from_fields
from minutes_qa.corpus.model import Document, Form, Kind, Passage

EXPORT_KEY = "minutes_qa_export"


def is_export(data: Any) -> bool:
    return isinstance(data, dict) and EXPORT_KEY in data


def read_export(data: dict[str, Any], where: str) -> list[Document]:
    """The document of one export line, once for each source it was read from."""
    if data[EXPORT_KEY] != 1:
        raise ReadError(f"export version {data[EXPORT_KEY]!r} is not one this version reads (1)")
    meeting_fields = data.get("meeting")
    if not isinstance(meeting_fields, dict):
        raise ReadError("field 'meeting' must be an object")
    meeting = meeting_from_fields(meeting_fields, where)
    rows = data.get("passages")
    if not isinstance(rows, list) or not rows:
        raise ReadError("field 'passages' must be a non-empty list")
    passages = [_passage(row, position) for position, row in enumerate(rows)]
    doc_id = fingerprint(meeting, passages)
    sources = [s for s in data.get("sources") or [] if isinstance(s, str)] or [where]
    fmt = str(data.get("format") or "export")
    return [
        Document(doc_id, source, meeting, [], with_ids(doc_id, passages), fmt) for source in sources
    ]


def _passage(row: Any, position: int) -> Passage:
    where = f"passages[{position}]"
    if not isinstance(row, dict) or not isinstance(row.get("text"), str) or not row["text"]:
        raise ReadError(f"{where}: 'text' must be non-empty text")
    try:
        form = Form(row.get("form", "paragraph"))
        kind = Kind(row["kind"]) if row.get("kind") else classify(row["text"])
    except ValueError as exc:
        raise ReadError(f"{where}: {exc}") from None
    item_index = row.get("item_index", 0)
    if not isinstance(item_index, int) or item_index < 0:
        raise ReadError(f"{where}: 'item_index' must be a whole number ≥ 0")
    return Passage(
        id="",
        position=position,
        kind=kind,
        form=form,
        text=row["text"],
        item_index=item_index,
        item_number=_text(row, "item_number", where),
        item_title=_text(row, "item_title", where),
        lead_in=_text(row, "lead_in", where),
        restricted=bool(row.get("restricted", False)),
    )


def _text(row: dict[str, Any], name: str, where: str) -> str | None:
    value = row.get(name)
    if value is not None and not isinstance(value, str):
        raise ReadError(f"{where}: '{name}' must be text")
    return value or None
