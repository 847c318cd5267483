"""ModernGov "Agenda item" pages saved as text (``mgAi.aspx``).

The page gives the item title (optionally numbered: ``7. Minutes``), an
optional ``Minutes:`` label, the minutes as paragraphs and ``·`` bullets,
and ends with ``Supporting documents:``. It names no council, committee or
date: those come from front matter or a ``meeting.json`` sidecar.
"""

from __future__ import annotations

import re

from corpus.errors import ReadError
from corpus.model import AgendaItem
from corpus.readers.base import Parsed
from corpus.readers.blocks import paragraphs, to_blocks

_PAGE_TITLE = re.compile(r"^agenda item(?:\s+-\s+.*)?$", re.IGNORECASE)
_NUMBERED = re.compile(r"^(\d+[a-z]?(?:/\d+)?)[.)]?\s+(.+)$")
_LABEL = re.compile(r"^(?:minutes|decision)\s*:\s*", re.IGNORECASE)
_TRAILER = re.compile(r"^(?:supporting|additional) documents\s*:", re.IGNORECASE)


def looks_like_item_page(text: str) -> bool:
    head = [line for line in text.split("\n")[:6] if line.strip()]
    return bool(head) and bool(_PAGE_TITLE.match(head[0]))


def read_item_page(text: str) -> Parsed:
    lines = text.split("\n")
    start = 0
    while start < len(lines) and (not lines[start] or _PAGE_TITLE.match(lines[start])):
        start += 1
    if start == len(lines):
        raise ReadError("an 'Agenda item' page with no item title")
    number, title = split_number(lines[start])
    body: list[str] = []
    for line in lines[start + 1 :]:
        if _TRAILER.match(line):
            break
        body.append(line)
    texts = [_LABEL.sub("", p) for p in paragraphs(body)]
    item = AgendaItem(number=number, title=title, blocks=to_blocks(t for t in texts if t))
    return Parsed(items=[item])


def split_number(heading: str) -> tuple[str | None, str]:
    """``"87/25 Minutes"`` → ``("87/25", "Minutes")``; unnumbered stays whole."""
    match = _NUMBERED.match(heading)
    if match and len(match.group(1)) <= 8:
        return match.group(1), match.group(2).strip()
    return None, heading.strip()
