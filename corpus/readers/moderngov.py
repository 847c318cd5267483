"""ModernGov pages, saved as HTML or as text.

Saved as HTML, a page is read from its elements (:func:`read_html`): the
site around ``#modgov`` is dropped, and the page's kind is told by its main
title:

- "Agenda item" (``mgAi.aspx``): the item, its "Meeting: 13/11/2019 -
  Cabinet (Item 51)" or "Meeting of Cabinet, Wednesday, 13th November,
  2019 6.00 pm (Item 51.)" line (the meeting's committee and date), the
  minutes after ``Minutes:`` / ``Decision:``;
- "Agenda and minutes", "Agenda, decisions and minutes", "Minutes"
  (``ieListDocuments.aspx``): the heading "<Committee> - <date> <time>" and
  the table of items (``mgItemTable``), each with its number cell, title,
  agenda text and, after ``Decision:`` and ``Minutes:``, what was decided
  and minuted;
- "Decision details" (``ieDecisionDetails.aspx``): the decision's title, its
  labelled fields ("Decision Maker", "Date of decision", "Decided at
  meeting: 10/09/2024 - Cabinet"), the decision (one passage) and its
  reasons and alternatives;
- "Issue - meetings" / "Issue history" (``mgIssueHistoryHome.aspx``,
  ``ieIssueDetails.aspx``): each meeting that considered the issue, with its
  minutes.

Only what states the meeting is used for its date and committee: never the
banner ("documents published after 1 May 2020"), a publication date, an
"Effective from" date or the venue. The council is the page title's last
part ("... - Selbridge Borough Council"). ModernGov writes its date fields
day first (``10/09/2024``).

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

import dataclasses
import datetime as dt
import logging
import re
from collections.abc import Iterable

from minutes_qa.corpus.dates import meeting_date
from minutes_qa.corpus.errors import ReadError
from minutes_qa.corpus.model import AgendaItem, Block, MeetingInfo
from minutes_qa.corpus.readers.base import Parsed
from minutes_qa.corpus.readers.blocks import paragraphs, to_blocks

log = logging.getLogger(__name__)

_PAGE_TITLE = re.compile(r"^agenda item(?:\s+-\s+.*)?$", re.IGNORECASE)
_MEETING_PAGE = re.compile(
    r"^(?:agenda(?:,\s*(?:decisions|reports))*,?\s+and\s+(?:draft\s+)?(?:minutes|decisions)"
    r"|(?:draft\s+)?minutes|decisions)$",
    re.IGNORECASE,
)
_NUMBERED = re.compile(r"^(\d+[a-z]?(?:/\d+)?)[.)]?\s+(.+)$")
_ITEM_NUMBER = re.compile(r"^(\d{1,4}[a-z]?(?:/\d{2,4})?)\.?$")
_LABEL = re.compile(r"^(?:minutes|decision)\s*:\s*", re.IGNORECASE)
_TRAILER = re.compile(r"^(?:supporting|additional) documents\s*:", re.IGNORECASE)
# The council's page cut the text short and linked to the rest.
_CUT_SHORT = re.compile(r"\.\.\.\s*view the full minutes text for item.*$", re.IGNORECASE)
_ATTACHMENT = re.compile(r"\s*(?:pdf icon\s*)?PDF\s+\d+(?:\.\d+)?\s*[KM]B\s*$", re.IGNORECASE)
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
        and bool(_MEETING_PAGE.match(lines[0]))
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
        number = _ITEM_NUMBER.match(line)
        if number:
            close_item()
            while index < len(lines) and not lines[index].strip():
                index += 1
            title = _ATTACHMENT.sub("", lines[index].strip()) if index < len(lines) else ""
            index += 1
            items.append(AgendaItem(number=number.group(1), title=title or None))
            agenda_text, minutes = [], None
        elif not items and _FURNITURE.match(line):
            continue
        elif _TRAILER.match(line) or _ATTACHMENT.fullmatch(line):
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


# --- Saved HTML pages -------------------------------------------------------

_MG_MARKS = (
    "//*[@id='modgov']|//*[contains(@class, 'mgMainTitleTxt')]|//*[contains(@class, 'mgItemTable')]"
    "|//*[contains(@class, 'mgContent')]|//*[contains(@class, 'mgAiTitleTxt')]"
)
_MAIN_TITLE = "descendant-or-self::*[contains(@class, 'mgMainTitleTxt')]"
_SUB_TITLE = "descendant-or-self::*[contains(@class, 'mgSubTitleTxt')]"
# "Meeting: 13/11/2019 - Overview and Scrutiny Board (Item 51)"
_MEETING_LINK = re.compile(
    r"^meeting\s*:\s*(\d{1,2}/\d{1,2}/\d{4})\s*-\s*(.+?)\s*(?:\(item\s+[\w./]+\)\s*)?$",
    re.IGNORECASE,
)
# "Meeting of Planning Committee, Thursday, 6th March, 2025 7.00 pm (Item 47.)"
_MEETING_OF = re.compile(
    r"^meeting\s+of\s+(?:the\s+)?(.+?),\s*((?:mon|tues|wednes|thurs|fri|satur|sun)day\b.+?)"
    r"\s*(?:\(item\s+[\w./]+\)\s*)?$",
    re.IGNORECASE,
)
_NUMERIC_DATE = re.compile(r"\b(\d{1,2})/(\d{1,2})/(\d{4})\b")
# "Moved from 9th October 2018, Cabinet - ..." and ", CANCELLED": not the meeting's own words.
_MOVED = re.compile(
    r"^(?:moved|postponed|rescheduled|changed|brought\s+forward)\s+from\s+[^,]+,\s*", re.I
)
_SECTION = re.compile(
    r"^(?P<label>minutes|decision|decisions|resolved|recommendations?|the\s+decision)\s*:\s*(?P<rest>.*)$",
    re.IGNORECASE,
)
_DOCUMENTS = re.compile(
    r"^(?:supporting|additional|accompanying|background)\s+(?:documents|papers)\s*:?"
    r"|^(?:appendices|attachments)\s*:?\s*$",
    re.IGNORECASE,
)
_DECISION_FIELDS = (
    "decision maker", "decision status", "is key decision?", "is subject to call in?",
    "publication date", "date of decision", "decided at meeting", "effective from",
    "report author", "lead member", "lead officer", "wards affected", "purpose",
    "call-in deadline", "date of publication", "decision type", "reason key",
    "reasons for urgency", "contact", "divisions affected", "status",
)  # fmt: skip
_DECISION_SECTIONS = re.compile(
    r"^(?P<label>decision|reasons? for (?:the )?decisions?|alternative options considered"
    r"(?: and rejected)?|alternatives considered|interests and nature of interests declared"
    r"|purpose|details|background|reason for urgency|consultation)\s*:?\s*(?P<rest>.*)$",
    re.IGNORECASE,
)


def is_moderngov(root) -> bool:  # noqa: ANN001 - an lxml element
    return bool(root.xpath(_MG_MARKS))


def read_html(root, title: str | None):  # noqa: ANN001, ANN201 - lxml element → Page | None
    """A saved ModernGov page, read from its elements; None when the page is
    not ModernGov's."""
    from minutes_qa.corpus.readers.page import (
        Page,
        clean_lines,
        drop_furniture,
        find_class,
        render,
    )

    if not is_moderngov(root):
        return None
    found = root.xpath("//*[@id='modgov']") or root.xpath(
        "//*[contains(concat(' ', normalize-space(@class), ' '), ' mgContent ')]"
    )
    container = found[0] if found else root
    for junk in find_class(container, "mgFileSize") + find_class(container, "mgBanner"):
        junk.drop_tree()
    drop_furniture(container)
    kind = _page_kind(container)
    text = clean_lines(render(container))
    page = Page(text=text, title=title)
    try:
        if kind == "item":
            parsed, fmt = _item_page(container), "moderngov-item"
        elif kind == "decision":
            parsed, fmt = _decision_page(container), "moderngov-decision"
        elif kind == "issue":
            parsed, fmt = _issue_page(container), "moderngov-issue"
        elif kind == "meeting":
            parsed, fmt = _meeting_table(container, title), "moderngov-meeting"
        else:
            return page
    except ReadError:
        log.debug("a ModernGov page of no known layout; reading its text")
        return page
    if not any(item.blocks for item in parsed.items):
        return page
    return Page(text=text, parsed=parsed, format=fmt, title=title)


def _page_kind(container) -> str | None:  # noqa: ANN001
    from minutes_qa.corpus.readers.page import text_of

    titles = container.xpath(_MAIN_TITLE) or container.xpath(".//h1")
    heading = text_of(titles[0]).lower() if titles else ""
    if heading.startswith("agenda item"):
        return "item"
    if heading.startswith("decision") or container.xpath(
        ".//*[contains(@class, 'mgLabel')][starts-with(normalize-space(.), 'Date of decision')]"
    ):
        return "decision"
    if heading.startswith("issue") or "issue history" in heading:
        return "issue"
    if _MEETING_PAGE.match(heading) or container.xpath(".//*[contains(@class, 'mgItemTable')]"):
        return "meeting"
    return None


def council_from_title(title: str | None) -> str | None:
    """The council a portal's page title names in its last (or first) part:
    "Agenda item - Minutes - Wrexley Borough Council", "City of Rivergrove -
    Meeting of City Council on 3/10/2025"."""
    from minutes_qa.corpus.heading import meeting_from_text

    if not title:
        return None
    parts = [p.strip() for p in re.split(r"\s+[-|–—]\s+", title) if p.strip()]
    for part in dict.fromkeys([parts[-1], parts[0]] if parts else []):
        found = meeting_from_text(part).council
        if found and len(found.split()) <= 8 and not _kind_of_meeting(found):
            return found
    return None


_NOT_A_NAME = {
    "the", "council", "regular", "ordinary", "special", "annual", "extraordinary", "full",
    "general", "monthly", "city", "town", "county", "district", "borough", "parish",
    "community", "village", "shire", "municipal", "committee", "meeting", "minutes", "of",
}  # fmt: skip


def _kind_of_meeting(name: str) -> bool:
    """ "Regular Council", "Full Council", "City Council": a kind of meeting or
    a generic name, not a council's own."""
    return all(w in _NOT_A_NAME for w in re.findall(r"[\w'’-]+", name.lower()))


def day_first_date(text: str) -> str | None:
    """``10/09/2024`` read day first, as ModernGov writes its date fields."""
    match = _NUMERIC_DATE.search(text)
    if not match:
        return None
    day, month, year = (int(g) for g in match.groups())
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def meeting_line(text: str) -> MeetingInfo | None:
    """The committee and date of "Meeting: 13/11/2019 - Cabinet (Item 51)"
    or "Meeting of Cabinet, Wednesday, 13th November, 2019 6.00 pm"."""
    line = " ".join(text.split())
    link = _MEETING_LINK.match(line)
    if link:
        date = day_first_date(link.group(1))
        return MeetingInfo(
            committee=_committee(link.group(2)),
            date=date,
            date_source="meeting line" if date else None,
            committee_source="meeting line",
        )
    of = _MEETING_OF.match(line)
    if of:
        date = meeting_date(of.group(2))
        return MeetingInfo(
            committee=_committee(of.group(1)),
            date=date,
            date_source="meeting line" if date else None,
            committee_source="meeting line",
        )
    return None


def _committee(name: str) -> str | None:
    name = re.sub(r"\s*,?\s*\b(?:cancelled|postponed|moved|rescheduled)\b.*$", "", name, flags=re.I)
    name = name.strip(" ,-–")
    return name if name and len(name.split()) <= 14 else None


def heading_meeting(heading: str) -> MeetingInfo:
    """ "Cabinet - Tuesday, 14th January, 2025 6.30 pm": the committee before
    the dash and the date after it."""
    heading = _MOVED.sub("", " ".join(heading.split()))
    if " - " not in heading:
        date = meeting_date(heading)
        return MeetingInfo(
            date=date, title=heading or None, date_source="heading" if date else None
        )
    committee, _, rest = heading.rpartition(" - ")
    date = meeting_date(rest)
    committee_name = _committee(committee) if date or re.search(r"\d", rest) else None
    return MeetingInfo(
        committee=committee_name,
        date=date,
        title=heading,
        date_source="heading" if date else None,
        committee_source="heading" if committee_name else None,
    )


def _paragraph_texts(element) -> list[str]:  # noqa: ANN001
    from minutes_qa.corpus.readers.page import clean_texts, render

    return clean_texts(p.replace("**", " ").strip() for p in render(element).split("\n\n"))


def _sectioned(texts: list[str], labelled_page: bool) -> list[str]:
    """The minutes of one item: what follows "Decision:" and "Minutes:"
    (their texts, a repeat of the decision in the minutes once); the agenda
    text only where the page labels nothing."""
    sections: dict[str, list[str]] = {}
    current = "agenda"
    for text in texts:
        one = " ".join(text.split())
        if _DOCUMENTS.match(one):
            current = "documents"
            continue
        label = _SECTION.match(one)
        if label:
            name = label.group("label").lower()
            current = "minutes" if name == "minutes" else "decision"
            rest = label.group("rest").strip()
            if name in ("resolved",) and rest:
                sections.setdefault(current, []).append(one)
            elif rest:
                sections.setdefault(current, []).append(rest)
            else:
                sections.setdefault(current, [])
            continue
        sections.setdefault(current, []).append(one)
    if "minutes" in sections or "decision" in sections:
        decided = sections.get("decision", [])
        minuted = sections.get("minutes", [])
        if all(t in minuted for t in decided):
            return minuted  # the minutes record the decision in its place
        return decided + [t for t in minuted if t not in decided]
    return [] if labelled_page else sections.get("agenda", [])


def _blocks_of(texts: list[str]) -> list[Block]:
    return minutes_blocks("\n\n".join(texts).split("\n"))


def _item_page(container) -> Parsed:  # noqa: ANN001
    from minutes_qa.corpus.readers.page import text_of

    for element in container.xpath(_MAIN_TITLE) or container.xpath(".//h1")[:1]:
        element.drop_tree()
    meeting = MeetingInfo()
    for element in container.xpath(".//p|.//h2|.//h3|.//div[not(*)]|.//span"):
        found = meeting_line(text_of(element))
        if found:
            meeting = found
            element.drop_tree()
            break
    titles = [
        t
        for path in (_SUB_TITLE, ".//*[contains(@class, 'mgAiTitleTxt')]", ".//h2|.//h3")
        for t in container.xpath(path)
        if text_of(t)
    ]
    if not titles:
        raise ReadError("an 'Agenda item' page with no item title")
    number, title = split_number(_ATTACHMENT.sub("", text_of(titles[0])))
    titles[0].drop_tree()
    texts = _paragraph_texts(container)
    labelled = any(_SECTION.match(t) for t in texts)
    item = AgendaItem(number=number, title=title, blocks=_blocks_of(_sectioned(texts, labelled)))
    return Parsed(meeting=meeting, items=[item])


def _meeting_table(container, title: str | None) -> Parsed:  # noqa: ANN001
    from minutes_qa.corpus.readers.page import text_of

    subtitles = [text_of(t) for t in container.xpath(_SUB_TITLE) if text_of(t)]
    heading = next((s for s in subtitles if re.search(r"\d{4}", s)), "")
    if not heading and title:
        # "Agenda and minutes - Cabinet - Tuesday, 14th January, 2025 6.30 pm - X Council"
        parts = re.split(r"\s+-\s+", title)
        if len(parts) >= 3 and _MEETING_PAGE.match(parts[0]):
            heading = " - ".join(parts[1:3])
    meeting = heading_meeting(heading) if heading else MeetingInfo()
    rows = []
    for tr in container.iter("tr"):
        cells = [c for c in tr if isinstance(c.tag, str) and c.tag in ("td", "th")]
        number_at = next(
            (
                i
                for i, c in enumerate(cells[:-1])
                if "mgItemNumberCell" in (c.get("class") or "") or _ITEM_NUMBER.match(text_of(c))
            ),
            None,
        )
        if number_at is None or cells[number_at].tag == "th":
            continue
        found = _ITEM_NUMBER.match(text_of(cells[number_at]))
        if not found:
            continue
        rows.append((found.group(1), cells[number_at + 1]))
    if not rows:
        raise ReadError("a ModernGov meeting page with no table of items")
    texts_of_rows = []
    for number, cell in rows:
        titled = cell.xpath(".//*[contains(@class, 'mgAiTitleTxt')]")
        item_title = _ATTACHMENT.sub("", text_of(titled[0])) if titled else None
        if titled:
            titled[0].drop_tree()
        texts = _paragraph_texts(cell)
        if item_title is None and texts:
            item_title, texts = _ATTACHMENT.sub("", texts[0]), texts[1:]
        texts_of_rows.append((number, item_title, texts))
    labelled = any(_SECTION.match(t) for _, _, texts in texts_of_rows for t in texts)
    items = [
        AgendaItem(
            number=number, title=item_title or None, blocks=_blocks_of(_sectioned(t, labelled))
        )
        for number, item_title, t in texts_of_rows
    ]
    items = [item for item in items if item.blocks]
    if not items:
        raise ReadError("a ModernGov meeting page with no numbered items that have minutes")
    return Parsed(meeting=meeting, items=items)


def _decision_page(container) -> Parsed:  # noqa: ANN001
    """Decision details: one item, titled by the decision; the decision's own
    words one passage, its reasons and alternatives one each."""
    from minutes_qa.corpus.readers.page import text_of

    for element in container.xpath(_MAIN_TITLE):
        element.drop_tree()
    subtitles = [t for t in container.xpath(_SUB_TITLE) if text_of(t)]
    title = _ATTACHMENT.sub("", text_of(subtitles[0])) if subtitles else None
    if subtitles:
        subtitles[0].drop_tree()
    fields: dict[str, str] = {}
    sections: list[tuple[str, list[str]]] = []
    for text in _paragraph_texts(container):
        one = " ".join(text.split())
        field = _field(one)
        if field:
            name, value = field
            fields.setdefault(name, value)
            if name == "purpose":
                sections.append(("Purpose", [value] if value else []))
            continue
        if _DOCUMENTS.match(one):
            sections.append(("documents", []))
            continue
        label = _DECISION_SECTIONS.match(one)
        if label and (one.endswith(":") or len(label.group("label")) >= len(one) - 1):
            sections.append((label.group("label").rstrip(":").strip(), []))
            rest = label.group("rest").strip()
            if rest:
                sections[-1][1].append(rest)
            continue
        if not sections:
            sections.append(("", []))
        sections[-1][1].append(one)
    texts: list[str] = []
    for name, body in sections:
        if name == "documents" or not body:
            continue
        if name.lower() == "decision":
            joined = " ".join(body)
            texts += [joined] if len(joined.split()) <= 180 else body
        elif name:
            texts += [f"{name}: {body[0]}", *body[1:]]
        else:
            texts += body
    at_meeting = fields.get("decided at meeting", "")
    meeting = MeetingInfo()
    if at_meeting:
        date = day_first_date(at_meeting)
        committee = _committee(_NUMERIC_DATE.sub("", at_meeting).strip(" -–"))
        meeting = MeetingInfo(
            committee=committee,
            date=date,
            date_source="Decided at meeting" if date else None,
            committee_source="Decided at meeting" if committee else None,
        )
    if not meeting.date and fields.get("date of decision"):
        date = day_first_date(fields["date of decision"])
        meeting = dataclasses.replace(
            meeting, date=date, date_source="Date of decision" if date else None
        )
    if not meeting.committee and fields.get("decision maker"):
        maker = _committee(fields["decision maker"])
        meeting = dataclasses.replace(
            meeting, committee=maker, committee_source="Decision Maker" if maker else None
        )
    meeting = dataclasses.replace(meeting, title=title)
    item = AgendaItem(number=None, title=title, blocks=to_blocks(texts))
    return Parsed(meeting=meeting, items=[item])


def _field(text: str) -> tuple[str, str] | None:
    """ "Date of decision: 10/09/2024" → ("date of decision", "10/09/2024")."""
    name, colon, value = text.partition(":")
    if not colon:
        return None
    key = " ".join(name.lower().split())
    if key in _DECISION_FIELDS or key.rstrip("?") + "?" in _DECISION_FIELDS:
        return key, value.strip()
    return None


def _issue_page(container) -> Parsed:  # noqa: ANN001
    """Issue history: the meetings that considered the issue, an item each.
    One meeting gives the document its date and committee; several, none."""
    from minutes_qa.corpus.readers.page import text_of

    for element in container.xpath(_MAIN_TITLE):
        element.drop_tree()
    subtitles = [t for t in container.xpath(_SUB_TITLE) if text_of(t)]
    issue = text_of(subtitles[0]) if subtitles else None
    if subtitles:
        subtitles[0].drop_tree()
    meetings: list[tuple[MeetingInfo, list[str]]] = []
    for text in _paragraph_texts(container):
        one = " ".join(text.split())
        found = meeting_line(one)
        if found:
            meetings.append((found, []))
        elif meetings:
            meetings[-1][1].append(one)
    if not meetings:
        raise ReadError("an issue page with no 'Meeting:' lines")
    items = []
    for found, texts in meetings:
        number, title = (None, issue)
        if texts:
            number, first = split_number(_ATTACHMENT.sub("", texts[0]))
            if number and len(first.split()) <= 30:
                title, texts = first, texts[1:]
            else:
                number = None
        labelled = any(_SECTION.match(t) for t in texts)
        when = found.date or "date not stated"
        label = f"{found.committee or 'Meeting'}, {when}: {title or issue or ''}".strip(": ")
        items.append(
            AgendaItem(number=number, title=label, blocks=_blocks_of(_sectioned(texts, labelled)))
        )
    meeting = meetings[0][0] if len(meetings) == 1 else MeetingInfo()
    return Parsed(meeting=dataclasses.replace(meeting, title=issue), items=items)
