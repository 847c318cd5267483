"""eSCRIBE minutes: its meeting pages saved as HTML (the structured JSON
that scrapers of eSCRIBE portals write: :mod:`corpus.readers.escribe_json`).

The HTML (``Meeting.aspx?...&Agenda=PostMinutes``) has a header
(``AgendaHeader``: the meeting's title, its date in a ``<time datetime>``,
the location and the attendance), then items (``AgendaItem``) each with a
counter, a title, minutes text and motions (``AgendaItemMotion``: the
mover, the seconder, the motion's text, the vote and the result). An item's
own page (``AgendaItemView``) names its committee in the breadcrumb and
its publication date, which is not the meeting's.

A motion becomes one passage: "Moved by X, Seconded by Y: That ... Motion
Passed (4 to 0)". The attendance becomes one passage too, never one per name.
"""

from __future__ import annotations

import re
from typing import Any

from minutes_qa.corpus.dates import meeting_date
from minutes_qa.corpus.model import AgendaItem, Block, MeetingInfo
from minutes_qa.corpus.readers.base import Parsed
from minutes_qa.corpus.readers.blocks import to_blocks
from minutes_qa.corpus.text import normalize_text, one_line

_MARKS = (
    "//*[contains(@class, 'AgendaItem') or contains(@class, 'AgendaHeader')"
    " or contains(@class, 'MotionText') or contains(@class, 'MotionResult')]"
)
_TITLE_CLASSES = ("AgendaItemTitle", "AgendaItemTitleRow")
_MOTION_CLASSES = ("AgendaItemMotion", "Motion")
_ATTENDANCE_CLASSES = ("AgendaHeaderAttendance", "AgendaHeaderAttendanceTable", "AttendeesList")
_NUMBERED = re.compile(r"^(\d{1,2}(?:\.\d{1,2}){0,3}|[A-Z]\.\d{0,2})\.?\s+(.+)$")
ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
# A motion's result alone: what a long motion cut at its sentences leaves last.
_RESULT = re.compile(
    r"^(?:motion\s+)?(?:passed|failed|carried|defeated|lost|withdrawn|tabled)"
    r"(?:\s+(?:unanimously|as\s+amended))?(?:\s*\(\d+\s+to\s+\d+\))?\.?$",
    re.IGNORECASE,
)
_LABEL = re.compile(r"^[\w ]{1,30}:$")


def blocks_of(texts: list[str]) -> list[Block]:
    """Blocks of an item's texts: a label alone ("Additional Votes:") opens
    the text after it; a motion's result never stands alone."""
    joined: list[str] = []
    label = ""
    for text in texts:
        if _LABEL.match(text):
            label = f"{label} {text}".strip()
            continue
        joined.append(f"{label} {text}" if label else text)
        label = ""
    blocks: list[Block] = []
    for block in to_blocks(joined):
        if blocks and _RESULT.match(block.text):
            blocks[-1] = Block(f"{blocks[-1].text} {block.text}", blocks[-1].form)
        else:
            blocks.append(block)
    return blocks


def _class_set(element: Any) -> set[str]:
    return set((element.get("class") or "").split())


def is_escribe(root: Any) -> bool:
    if not root.xpath(_MARKS):
        return False
    text = " ".join(root.text_content().split()[-400:]).lower()
    classes = {c for el in root.xpath(_MARKS) for c in _class_set(el)}
    known = classes & {
        "AgendaItem", "AgendaItemMotion", "AgendaHeader", "AgendaItemView", "AgendaItemTitle",
        "MotionText", "AgendaItemCounter", "AgendaItems",
    }  # fmt: skip
    return bool(known) and ("escribe" in text or len(known) >= 2)


def read_html(root: Any, title: str | None) -> Any:
    """A saved eSCRIBE page → Page, or None when the page is not eSCRIBE's."""
    from minutes_qa.corpus.readers.page import (
        Page,
        clean_lines,
        drop_furniture,
        find_class,
        main_content,
        render,
    )

    if not is_escribe(root):
        return None
    container = main_content(root)
    # The header and the items may sit in different containers: take the body.
    body = root.find("body")
    if body is not None and not find_class(container, "AgendaItem"):
        container = body
    # The header, breadcrumb and portal name say which meeting; read them first.
    meeting = _header_meeting(root, title)
    for name in ("AttachmentList", "AgendaItemAttachments", "PortalHeader", "PortalFooter"):
        for element in find_class(container, name):
            element.drop_tree()
    drop_furniture(container)
    text = clean_lines(render(container))
    items = _items(container)
    if not any(item.blocks for item in items):
        return Page(text=text, title=title)
    return Page(
        text=text, parsed=Parsed(meeting=meeting, items=items), format="escribe", title=title
    )


def _text(element: Any) -> str:
    return one_line(normalize_text(element.text_content()))


def _first(root: Any, *names: str) -> Any:
    for name in names:
        found = root.xpath(
            "descendant-or-self::*[contains(concat(' ', normalize-space(@class), ' '),"
            f" ' {name} ')]"
        )
        if found:
            return found[0]
    return None


def _header_meeting(container: Any, title: str | None) -> MeetingInfo:
    committee = None
    element = _first(container, "MeetingTitle", "AgendaHeaderTitle", "AgendaMeetingTitle")
    if element is not None:
        committee = _text(element) or None
    if committee is None:
        crumb = _first(container, "Breadcrumb", "breadcrumb")
        if crumb is not None and ">" in _text(crumb):
            committee = _text(crumb).split(">")[0].strip() or None
    date = None
    source = None
    for time in container.xpath(
        ".//*[contains(@class, 'AgendaMeetingTime') or contains(@class, 'MeetingDate')]"
        "//time[@datetime]"
    ):
        iso = ISO_DATE.match(time.get("datetime", ""))
        if iso:
            date, source = "-".join(iso.groups()), "meeting header"
            break
    if date is None:
        details = _first(container, "MeetingDetails", "AgendaHeaderDetailsTable", "AgendaHeader")
        if details is not None:
            for row in details.iter("tr", "div", "p"):
                line = _text(row)
                if re.match(r"^date\s*:?", line, re.IGNORECASE):
                    date = meeting_date(line)
                    if date:
                        source = "Date field"
                        break
    return MeetingInfo(
        committee=committee,
        date=date,
        title=committee,
        date_source=source,
        committee_source="meeting header" if committee else None,
    )


def _items(container: Any) -> list[AgendaItem]:
    from minutes_qa.corpus.readers.page import clean_texts, render

    items: list[AgendaItem] = []
    attendance = [el for name in _ATTENDANCE_CLASSES for el in _by_class(container, name)]
    if attendance:
        # The outermost attendance element only.
        outer = [a for a in attendance if not any(b in a.iterancestors() for b in attendance)]
        texts = [_attendance_text(a) for a in outer]
        items.append(
            AgendaItem(number=None, title="Attendance", blocks=to_blocks(t for t in texts if t))
        )
        for element in outer:
            element.drop_tree()
    current: AgendaItem | None = None
    pending: list[str] = []

    def flush() -> None:
        if current is not None and pending:
            current.blocks.extend(blocks_of(clean_texts(pending)))
        pending.clear()

    def start(title_text: str) -> None:
        nonlocal current
        flush()
        match = _NUMBERED.match(title_text)
        number, name = (match.group(1), match.group(2)) if match else (None, title_text)
        current = AgendaItem(number=number, title=name or None)
        items.append(current)

    def walk(element: Any) -> None:
        if not isinstance(element.tag, str):
            return
        names = _class_set(element)
        if names & set(_TITLE_CLASSES) or (
            element.tag in ("h1", "h2", "h3") and names & {"AgendaItemTitle"}
        ):
            counter = _first(element, "AgendaItemCounter")
            title_element = (
                _first(element, "AgendaItemTitle") if "AgendaItemTitle" not in names else element
            )
            title_text = _text(title_element if title_element is not None else element)
            if counter is not None and title_element is not None and counter is not title_element:
                title_text = f"{_text(counter)} {title_text}"
            start(title_text)
            return
        if names & set(_MOTION_CLASSES):
            flush()
            if current is None:
                start("")
            pending.extend(_motion_texts(element))
            flush()
            return
        if _holds_structure(element):
            for child in element:
                walk(child)
            return
        texts = [p.replace("**", " ").strip() for p in render(element).split("\n\n")]
        pending.extend(one_line(t) for t in texts if t.strip())

    for element in _by_class(container, "AgendaItem") or [container]:
        if any("AgendaItem" in _class_set(a) for a in element.iterancestors()):
            continue
        walk(element)
    flush()
    return [item for item in items if item.blocks]


def _by_class(root: Any, name: str) -> list[Any]:
    return list(
        root.xpath(f".//*[contains(concat(' ', normalize-space(@class), ' '), ' {name} ')]")
    )


def _holds_structure(element: Any) -> bool:
    names = {"AgendaItemTitle", "AgendaItemTitleRow", "AgendaItemMotion", "Motion", "AgendaItem"}
    return any(_class_set(d) & names for d in element.iterdescendants() if isinstance(d.tag, str))


def _attendance_text(element: Any) -> str:
    """ "Present: A, B, C; Absent: D": one paragraph, names joined."""
    groups: list[str] = []
    for row in element.xpath(".//*[contains(@class, 'Label')]/.."):
        label = _text(row.xpath(".//*[contains(@class, 'Label')]")[0])
        names = [_text(li) for li in row.iter("li")] or [_text(row)[len(label) :].strip(" :")]
        groups.append(f"{label.rstrip(':')}: {', '.join(n for n in names if n)}")
    if not groups:
        return _text(element)
    return "; ".join(groups) + "."


def _motion_texts(element: Any) -> list[str]:
    """One motion as one passage; the text before and after it apart."""

    def part(*names: str) -> str:
        found = _first(element, *names)
        return _text(found) if found is not None else ""

    before = part("PremotionText", "PreMotionText")
    after = part("PostMotionText", "PostmotionText")
    number = part("Number", "MotionNumber")
    moved = part("MovedBy", "MotionMover")
    seconded = part("SecondedBy", "MotionSeconder")
    motion = part("MotionText")
    result = part("MotionResult")
    votes = "; ".join(
        " ".join(_text(cell) for cell in row if isinstance(cell.tag, str))
        for row in element.xpath(".//*[contains(@class, 'MotionVoters')]//tr")
    ) or part("MotionVote", "MotionVotes")
    head = ", ".join(p for p in (moved, seconded) if p)
    if head and not head.lower().startswith("moved"):
        head = f"Moved by {head}"
    body = " ".join(p for p in (motion, votes) if p)
    joined = " ".join(
        p for p in (number, f"{head}: {body}" if head and body else head or body, result) if p
    )
    return [t for t in (before, joined, after) if t]
