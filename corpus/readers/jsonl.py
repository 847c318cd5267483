"""The JSON-lines import format: one meeting per line, for scrapers.

Each line is an object::

    {"id": "kent-9237",                       optional, stable key of the meeting
     "council": "Kent County Council", "committee": "Cabinet",
     "date": "2023-09-05", "title": "Cabinet - Tuesday, 5th September, 2023",
     "url": "https://...", "visibility": "public",
     "items": [{"number": "271", "title": "Apologies and Substitutes",
                "url": "https://...", "visibility": "public",
                "minutes": "Apologies were received from ..."}]}

``minutes`` is the text of the item's minutes as on the page: paragraphs
separated by blank lines, ``·``/``•`` bullets. Each item becomes one
document, exactly as a ModernGov agenda-item page of that item would, so the
same minutes read from pages and from a scrape are stored once.

Lines written by ``minutes-qa export`` (tagged ``"minutes_qa_export"``) are
stored documents instead, read by :mod:`corpus.readers.export`.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from minutes_qa.corpus.errors import ReadError
from minutes_qa.corpus.metadata import meeting_from_fields
from minutes_qa.corpus.model import AgendaItem, Document, MeetingInfo
from minutes_qa.corpus.readers.base import Parsed
from minutes_qa.corpus.readers.export import is_export, read_export
from minutes_qa.corpus.readers.moderngov import minutes_blocks
from minutes_qa.corpus.text import normalize_text


@dataclass(slots=True)
class JsonlEntry:
    """One agenda item of one line: where it is, and what it holds."""

    key: str
    parsed: Parsed | None
    error: str | None = None
    # An export line: its documents, already whole.
    documents: list[Document] | None = None


def read_jsonl(text: str, where: str) -> Iterator[JsonlEntry]:
    for number, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
            if is_export(data):
                documents = read_export(data, f"{where}:{number}")
                yield JsonlEntry(f"#{documents[0].doc_id[:16]}", None, documents=documents)
                continue
            yield from _meeting(data, f"{where}:{number}", number)
        except (ValueError, ReadError) as exc:
            yield JsonlEntry(f"#line-{number}", None, f"line {number}: {exc}")


def _meeting(data: Any, where: str, line: int) -> Iterator[JsonlEntry]:
    if not isinstance(data, dict):
        raise ReadError("each line must be one JSON object")
    items = data.get("items")
    if not isinstance(items, list) or not items:
        raise ReadError("field 'items' must be a non-empty list")
    meeting = meeting_from_fields(data, where)
    key = str(data.get("id") or f"line-{line}")
    for position, item in enumerate(items):
        if not isinstance(item, dict):
            raise ReadError(f"items[{position}] must be an object")
        minutes = item.get("minutes")
        if not isinstance(minutes, str) or not minutes.strip():
            yield JsonlEntry(
                f"#{key}/{position}", None, f"line {line}: items[{position}] has no 'minutes' text"
            )
            continue
        number = item.get("number")
        title = item.get("title")
        own = MeetingInfo(
            url=item.get("url") if isinstance(item.get("url"), str) else None,
            visibility=_visibility(item.get("visibility"), f"line {line}: items[{position}]"),
        )
        agenda_item = AgendaItem(
            number=str(number).strip().rstrip(".") if number not in (None, "") else None,
            title=normalize_text(str(title)).strip() if title else None,
            blocks=minutes_blocks(normalize_text(minutes).split("\n")),
        )
        yield JsonlEntry(
            f"#{key}/{agenda_item.number or position}",
            Parsed(meeting=own.merged_over(meeting), items=[agenda_item]),
        )


def _visibility(value: Any, where: str) -> str | None:
    if value is None or value == "":
        return None
    visibility = str(value).strip().lower()
    if visibility not in ("public", "restricted"):
        raise ReadError(f"{where}: field 'visibility' must be 'public' or 'restricted'")
    return visibility
