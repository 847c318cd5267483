"""The JSON that scrapers of eSCRIBE portals write, one meeting a file.

The JSON is one meeting: ``{title, datetime, meeting_type, url, present[],
also_present[], remote_attendance[], absent[], content, items{...}, bills}``
where each item is ``{number, title, content[], items{...}}`` and content
holds ``Paragraph`` and ``Motion`` objects (``moved_by``, ``seconded_by``,
``motion_texts``, ``vote``, ``result``).

A motion becomes one passage, as in the HTML reader.
"""

from __future__ import annotations

from typing import Any

from minutes_qa.corpus.errors import ReadError
from minutes_qa.corpus.model import AgendaItem, MeetingInfo
from minutes_qa.corpus.readers.base import Parsed
from minutes_qa.corpus.readers.blocks import to_blocks
from minutes_qa.corpus.readers.escribe import ISO_DATE, blocks_of
from minutes_qa.corpus.text import normalize_text, one_line


def looks_like_escribe_json(data: Any) -> bool:
    return (
        isinstance(data, dict)
        and isinstance(data.get("items"), dict)
        and ("datetime" in data or data.get("__class__") == "Meeting")
        and ("title" in data or "meeting_type" in data)
    )


def read_json(data: Any) -> Parsed:
    """One eSCRIBE meeting as JSON → its items and meeting details."""
    if not looks_like_escribe_json(data):
        raise ReadError(
            "not an eSCRIBE meeting export "
            "(expected an object with 'title', 'datetime' and 'items')"
        )
    try:
        return _read_json(data)
    except (TypeError, AttributeError, KeyError, ValueError) as exc:
        raise ReadError(f"an eSCRIBE meeting export of an unexpected shape ({exc})") from None


def _read_json(data: dict[str, Any]) -> Parsed:
    iso = ISO_DATE.match(str(data.get("datetime") or ""))
    date = "-".join(iso.groups()) if iso else None
    if date:
        try:
            import datetime as dt

            dt.date.fromisoformat(date)
        except ValueError:
            date = None
    committee = _string(data.get("meeting_type")) or None
    meeting = MeetingInfo(
        committee=committee,
        date=date,
        title=_string(data.get("title")) or None,
        url=_string(data.get("url")) or None,
        date_source="datetime" if date else None,
        committee_source="meeting_type" if committee else None,
    )
    items: list[AgendaItem] = []
    groups = []
    for key, label in (
        ("present", "Present"),
        ("also_present", "Also Present"),
        ("remote_attendance", "Remote Attendance"),
        ("absent", "Absent"),
    ):
        names = [_string(n) for n in data.get(key) or [] if _string(n)]
        if names:
            groups.append(f"{label}: {', '.join(names)}")
    if groups:
        items.append(
            AgendaItem(number=None, title="Attendance", blocks=to_blocks(["; ".join(groups) + "."]))
        )
    opening = _content_texts(data.get("content"))
    if opening:
        items.append(AgendaItem(number=None, title=None, blocks=to_blocks(opening)))
    _json_items(data.get("items") or {}, None, items)
    bills = data.get("bills")
    if isinstance(bills, dict):
        bills = bills.get("bills")
    if isinstance(bills, list):
        texts = []
        for bill in bills:
            if isinstance(bill, dict):
                line = ": ".join(
                    p for p in (_string(bill.get("title")), _string(bill.get("desc"))) if p
                )
                if line:
                    texts.append(line)
        if texts:
            items.append(AgendaItem(number=None, title="By-laws", blocks=to_blocks(texts)))
    items = [item for item in items if item.blocks]
    if not items:
        raise ReadError("an eSCRIBE meeting export with no minutes text")
    return Parsed(meeting=meeting, items=items)


def _json_items(children: Any, parent: str | None, out: list[AgendaItem]) -> None:
    if not isinstance(children, dict):
        return
    for key, child in children.items():
        if not isinstance(child, dict):
            continue
        own = _string(child.get("number")) or _string(key)
        number = f"{parent}.{own}" if parent and own else own or parent
        title = _string(child.get("title")) or None
        out.append(
            AgendaItem(
                number=number or None,
                title=title,
                blocks=blocks_of(_content_texts(child.get("content"))),
            )
        )
        _json_items(child.get("items"), number, out)


def _content_texts(content: Any) -> list[str]:
    if isinstance(content, dict):
        content = [content]
    if not isinstance(content, list):
        return []
    texts: list[str] = []
    for entry in content:
        if isinstance(entry, str):
            texts.append(_string(entry))
        elif not isinstance(entry, dict):
            continue
        elif entry.get("__class__") == "Motion" or "motion_texts" in entry:
            texts += _json_motion(entry)
        else:
            texts.append(_string(entry.get("string")))
    return [t for t in texts if t]


def _json_motion(motion: dict[str, Any]) -> list[str]:
    before = _content_texts(motion.get("pre_motion_texts"))
    after = _content_texts(motion.get("post_motion_texts"))
    moved = _string((motion.get("moved_by") or {}).get("string"))
    seconded = _string((motion.get("seconded_by") or {}).get("string"))
    wording = " ".join(_content_texts(motion.get("motion_texts")))
    rows = (motion.get("vote") or {}).get("rows") or []
    votes = "; ".join(
        f"{_string(row.get('vote')).rstrip(':')}: "
        + ", ".join(_string(v) for v in row.get("voters") or [])
        for row in rows
        if isinstance(row, dict) and row.get("voters")
    )
    result = _string((motion.get("result") or {}).get("string"))
    head = ", ".join(p for p in (moved, seconded) if p)
    body = " ".join(p for p in (wording, f"{votes}." if votes else "") if p)
    joined = " ".join(
        p for p in (f"{head}: {body}" if head and body else head or body, result) if p
    )
    return [*before, joined, *after] if joined else [*before, *after]


def _string(value: Any) -> str:
    if not isinstance(value, str | int | float) or isinstance(value, bool):
        return ""
    return one_line(normalize_text(str(value)))
