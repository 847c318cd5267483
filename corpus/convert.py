"""Converters from other tools' output into the JSON-lines import format.

``moderngov_scrape``: the meeting records of a ModernGov scraper (one JSON
object per meeting, as in ``lusavkaedu/council-assistant``'s
``meetings.jsonl``): ``committee_name``, ``meeting_title``, ``meeting_date``
(epoch milliseconds, midnight UTC), ``agenda_items[]`` with
``item_number``, ``item_title`` and ``sub_items[]`` whose ``"Minutes:"``
entry holds the minutes text. The scrape does not name the council, so it
is given. Meetings without minutes (cancelled, restricted) are skipped.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Iterator
from typing import Any

from minutes_qa.corpus.errors import ReadError


def moderngov_scrape(lines: Iterable[str], council: str) -> Iterator[dict[str, Any]]:
    """Scraper lines → meetings in the import format (see ``corpus.readers.jsonl``)."""
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ReadError(f"line {number}: not valid JSON ({exc.msg})") from None
        meeting = _meeting(record, council)
        if meeting["items"]:
            yield meeting


def _meeting(record: dict[str, Any], council: str) -> dict[str, Any]:
    stamp = record.get("meeting_date")
    date = (
        dt.datetime.fromtimestamp(stamp / 1000, tz=dt.UTC).date().isoformat()
        if isinstance(stamp, int | float)
        else None
    )
    items = []
    for item in record.get("agenda_items") or []:
        minutes = next(
            (
                sub.get("content")
                for sub in item.get("sub_items") or []
                if (sub.get("title") or "").strip().lower() == "minutes:"
            ),
            None,
        )
        if minutes and minutes.strip():
            items.append(
                {
                    "number": item.get("item_number"),
                    "title": item.get("item_title"),
                    "minutes": minutes,
                }
            )
    return {
        "id": record.get("meeting_id") or record.get("web_meeting_code"),
        "council": council,
        "committee": record.get("committee_name"),
        "date": date,
        "title": record.get("meeting_title"),
        "url": None,
        "items": items,
    }
