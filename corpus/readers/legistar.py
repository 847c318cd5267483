"""Legistar meeting pages (``MeetingDetail.aspx``) saved as HTML.

The page heads the meeting with labelled fields ("Meeting Name: City
Council", "Meeting date/time: 3/10/2025 6:00 PM", "Meeting location: ...")
and lists its business in a grid whose header row names the columns: "File
#", "Ver.", "Agenda #", "Name", "Type", "Title", "Action", "Result",
"Action Details". Each row becomes an item, its passage the title with the
action taken and its result ("... Action: approved. Result: Pass."). Legistar
is American: its dates are written month first.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from minutes_qa.corpus.model import AgendaItem, Block, MeetingInfo
from minutes_qa.corpus.readers.base import Parsed
from minutes_qa.corpus.text import normalize_text, one_line

_US_DATE = re.compile(r"\b(\d{1,2})/(\d{1,2})/(\d{4})\b")
_FIELD = re.compile(
    r"^(meeting name|meeting date/time|meeting date|meeting location|agenda status|minutes status)"
    r"\s*:\s*(.*)$",
    re.IGNORECASE,
)
_COLUMNS = {"file #", "title", "action", "result", "agenda #", "name", "type", "ver."}


def _text(element: Any) -> str:
    return one_line(normalize_text(element.text_content()))


def _grid(root: Any) -> tuple[Any, list[str]] | None:
    for table in root.iter("table"):
        for row in table.iter("tr"):
            heads = [
                _text(c).lower() for c in row if isinstance(c.tag, str) and c.tag in ("th", "td")
            ]
            if "title" in heads and "file #" in heads and ({"action", "result"} & set(heads)):
                return table, heads
            if heads:
                break
    return None


def read_html(root: Any, title: str | None) -> Any:
    """A saved Legistar meeting page → Page, or None when it is not one."""
    from minutes_qa.corpus.readers.page import Page

    grid = _grid(root)
    if grid is None:
        return None
    table, heads = grid
    items: list[AgendaItem] = []
    header_seen = False
    for row in table.iter("tr"):
        cells = [_text(c) for c in row if isinstance(c.tag, str) and c.tag in ("th", "td")]
        if not header_seen:
            header_seen = [c.lower() for c in cells] == heads
            continue
        if len(cells) != len(heads):
            continue
        fields = dict(zip(heads, cells, strict=True))
        wording = fields.get("title", "")
        if not wording:
            continue
        action, result = fields.get("action", ""), fields.get("result", "")
        kind = fields.get("type", "")
        text = f"{kind}: {wording}" if kind else wording
        if action:
            text += f" Action: {action}."
        if result:
            text += f" Result: {result}."
        number = (fields.get("agenda #") or fields.get("file #") or "").rstrip(".") or None
        name = fields.get("name") or fields.get("file #") or None
        items.append(AgendaItem(number=number, title=name, blocks=[Block(text)]))
    meeting = MeetingInfo()
    for name, value in _fields(root):
        if name == "meeting name" and not meeting.committee and value:
            meeting = _replace(meeting, committee=value, committee_source="Meeting Name")
        elif name.startswith("meeting date") and not meeting.date:
            date = _month_first(value)
            if date:
                meeting = _replace(meeting, date=date, date_source="Meeting date/time")
    if not items:
        return None
    text = "\n\n".join(b.text for item in items for b in item.blocks)
    return Page(
        text=text, parsed=Parsed(meeting=meeting, items=items), format="legistar", title=title
    )


def _fields(root: Any) -> list[tuple[str, str]]:
    """The page's labelled fields: a label ("Meeting Name:") and the text of
    the cell after it, or what follows the label in its own element."""
    found: list[tuple[str, str]] = []
    for element in root.iter("span", "td", "th", "label", "div", "p"):
        own = _text(element)
        match = _FIELD.match(own)
        if not match or len(own) > 200:
            continue
        value = match.group(2).strip()
        if not value:
            cell = element if element.tag in ("td", "th") else element.getparent()
            while cell is not None and cell.tag not in ("td", "th"):
                cell = cell.getparent()
            following = cell.getnext() if cell is not None else None
            value = _text(following) if following is not None else ""
        if _FIELD.match(value):
            continue
        found.append((match.group(1).lower(), value))
    return found


def _replace(meeting: MeetingInfo, **fields: Any) -> MeetingInfo:
    import dataclasses

    return dataclasses.replace(meeting, **fields)


def _month_first(text: str) -> str | None:
    match = _US_DATE.search(text)
    if not match:
        return None
    month, day, year = (int(g) for g in match.groups())
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None
