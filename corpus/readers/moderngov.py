"""ModernGov pages saved as text (saved as HTML: :mod:`corpus.readers.moderngov_html`).

Saved as text, two kinds of page are read:

- the "Agenda item" page (``mgAi.aspx``): the item title (optionally
  numbered: ``7. Minutes``), an optional ``Minutes:`` label, the minutes as
  paragraphs and ``·`` bullets, then ``Supporting documents:``. It names no
  council, committee or date: those come from front matter or a sidecar.
- the meeting's "Agenda and minutes" page (``ieListDocuments.aspx``): a
  heading "<Committee> - <weekday> <date> <time>", ``Venue:``, then numbered
  items (``87/25``) each with a title, the agenda text, and after a
  ``Minutes:`` label the minutes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from minutes_qa.corpus.dates import meeting_date
from minutes_qa.corpus.errors import ReadError
from minutes_qa.corpus.model import AgendaItem, Block, MeetingInfo
from minutes_qa.corpus.readers.base import Parsed
from minutes_qa.corpus.readers.blocks import paragraphs, to_blocks

_PAGE_TITLE = re.compile(r"^agenda item(?:\s+-\s+.*)?$", re.IGNORECASE)
MEETING_PAGE = re.compile(
    r"^(?:agenda(?:,\s*(?:decisions|reports))*,?\s+and\s+(?:draft\s+)?(?:minutes|decisions)"
    r"|(?:draft\s+)?minutes|decisions)$",
    re.IGNORECASE,
)
_NUMBERED = re.compile(r"^(\d+[a-z]?(?:/\d+)?)[.)]?\s+(.+)$")
ITEM_NUMBER = re.compile(r"^(\d{1,4}[a-z]?(?:/\d{2,4})?)\.?$")
_LABEL = re.compile(r"^(?:minutes|decision)\s*:\s*", re.IGNORECASE)
_TRAILER = re.compile(r"^(?:supporting|additional) documents\s*:", re.IGNORECASE)
# The council's page cut the text short and linked to the rest.
_CUT_SHORT = re.compile(r"\.\.\.\s*view the full minutes text for item.*$", re.IGNORECASE)
ATTACHMENT = re.compile(r"\s*(?:pdf icon\s*)?PDF\s+\d+(?:\.\d+)?\s*[KM]B\s*$", re.IGNORECASE)
_FURNITURE = re.compile(
    r"^(?:venue|contact|media|webcast|items|no\.\s*item|view directions|"
    r"link to webcast|this meeting.*webcast).*$",
    re.IGNORECASE,
)


def looks_like_item_page(text: str) -> bool:
    head = [line for line in text.split("\n")[:6] if line.strip()]
    return bool(head) and bool(_PAGE_TITLE.match(head[0]))


def looks_like_meeting_page(text: str) -> bool:
    lines = [line for line in text.split("\n") if line.strip()]
    return (
        bool(lines)
        and bool(MEETING_PAGE.match(lines[0]))
        and any(_FURNITURE.match(line) for line in lines[:8])
    )


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
    return Parsed(items=[AgendaItem(number=number, title=title, blocks=minutes_blocks(body))])


def minutes_blocks(lines: Iterable[str]) -> list[Block]:
    """The minutes of one item: labels and cut-short notes dropped, glued
    paragraphs and bullets split."""
    texts = []
    for paragraph in paragraphs(lines):
        text = _CUT_SHORT.sub("", _LABEL.sub("", paragraph)).strip()
        if text:
            texts.append(text)
    return to_blocks(texts)


def read_meeting_page(text: str) -> Parsed:
    lines = [line for line in text.split("\n")]
    nonblank = [i for i, line in enumerate(lines) if line.strip()]
    heading = lines[nonblank[1]] if len(nonblank) > 1 else ""
    committee = heading.split(" - ")[0].strip() if " - " in heading else None
    meeting = MeetingInfo(committee=committee, date=meeting_date(heading), title=heading or None)
    items: list[AgendaItem] = []
    agenda_text: list[str] = []
    minutes: list[str] | None = None

    def close_item() -> None:
        if items:
            # Without a "Minutes:" label, what follows the title is the minutes.
            body = minutes if minutes is not None else agenda_text
            items[-1].blocks = minutes_blocks(body)

    index = nonblank[2] if len(nonblank) > 2 else len(lines)
    while index < len(lines):
        line = lines[index].strip()
        index += 1
        number = ITEM_NUMBER.match(line)
        if number:
            close_item()
            while index < len(lines) and not lines[index].strip():
                index += 1
            title = ATTACHMENT.sub("", lines[index].strip()) if index < len(lines) else ""
            index += 1
            items.append(AgendaItem(number=number.group(1), title=title or None))
            agenda_text, minutes = [], None
        elif not items and _FURNITURE.match(line):
            continue
        elif _TRAILER.match(line) or ATTACHMENT.fullmatch(line):
            continue
        elif _LABEL.fullmatch(line + " ") or line.lower() == "minutes:":
            minutes = []
        elif minutes is not None:
            minutes.append(line)
        else:
            agenda_text.append(line)
    close_item()
    items = [item for item in items if item.blocks]
    if not items:
        raise ReadError("a ModernGov meeting page with no numbered items that have minutes")
    return Parsed(meeting=meeting, items=items)


def split_number(heading: str) -> tuple[str | None, str]:
    """``"87/25 Minutes"`` → ``("87/25", "Minutes")``; unnumbered stays whole."""
    match = _NUMBERED.match(heading)
    if match and len(match.group(1)) <= 8:
        return match.group(1), match.group(2).strip()
    return None, heading.strip()
