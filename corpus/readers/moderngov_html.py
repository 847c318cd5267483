"""ModernGov pages saved as HTML, read from their elements (:func:`read_html`): the
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
"""

from __future__ import annotations

import logging
import re

from minutes_qa.corpus.errors import ReadError
from minutes_qa.corpus.model import AgendaItem, MeetingInfo
from minutes_qa.corpus.readers.base import Parsed
from minutes_qa.corpus.readers.moderngov import ATTACHMENT, ITEM_NUMBER, MEETING_PAGE, split_number
from minutes_qa.corpus.readers.moderngov_decisions import decision_page, issue_page
from minutes_qa.corpus.readers.moderngov_meeting import heading_meeting, meeting_line
from minutes_qa.corpus.readers.moderngov_sections import (
    MAIN_TITLE,
    SECTION,
    SUB_TITLE,
    blocks_of,
    paragraph_texts,
    sectioned,
)
from minutes_qa.corpus.readers.page import (
    Page,
    clean_lines,
    drop_furniture,
    find_class,
    render,
    text_of,
)

log = logging.getLogger(__name__)

_MG_MARKS = (
    "//*[@id='modgov']|//*[contains(@class, 'mgMainTitleTxt')]|//*[contains(@class, 'mgItemTable')]"
    "|//*[contains(@class, 'mgContent')]|//*[contains(@class, 'mgAiTitleTxt')]"
)


def is_moderngov(root) -> bool:  # noqa: ANN001 - an lxml element
    return bool(root.xpath(_MG_MARKS))


def read_html(root, title: str | None):  # noqa: ANN001, ANN201 - lxml element → Page | None
    """A saved ModernGov page, read from its elements; None when the page is
    not ModernGov's."""

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
            parsed, fmt = decision_page(container), "moderngov-decision"
        elif kind == "issue":
            parsed, fmt = issue_page(container), "moderngov-issue"
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

    titles = container.xpath(MAIN_TITLE) or container.xpath(".//h1")
    heading = text_of(titles[0]).lower() if titles else ""
    if heading.startswith("agenda item"):
        return "item"
    if heading.startswith("decision") or container.xpath(
        ".//*[contains(@class, 'mgLabel')][starts-with(normalize-space(.), 'Date of decision')]"
    ):
        return "decision"
    if heading.startswith("issue") or "issue history" in heading:
        return "issue"
    if MEETING_PAGE.match(heading) or container.xpath(".//*[contains(@class, 'mgItemTable')]"):
        return "meeting"
    return None


def _item_page(container) -> Parsed:  # noqa: ANN001

    for element in container.xpath(MAIN_TITLE) or container.xpath(".//h1")[:1]:
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
        for path in (SUB_TITLE, ".//*[contains(@class, 'mgAiTitleTxt')]", ".//h2|.//h3")
        for t in container.xpath(path)
        if text_of(t)
    ]
    if not titles:
        raise ReadError("an 'Agenda item' page with no item title")
    number, title = split_number(ATTACHMENT.sub("", text_of(titles[0])))
    titles[0].drop_tree()
    texts = paragraph_texts(container)
    labelled = any(SECTION.match(t) for t in texts)
    item = AgendaItem(number=number, title=title, blocks=blocks_of(sectioned(texts, labelled)))
    return Parsed(meeting=meeting, items=[item])


def _meeting_table(container, title: str | None) -> Parsed:  # noqa: ANN001

    subtitles = [text_of(t) for t in container.xpath(SUB_TITLE) if text_of(t)]
    heading = next((s for s in subtitles if re.search(r"\d{4}", s)), "")
    if not heading and title:
        # "Agenda and minutes - Cabinet - Tuesday, 14th January, 2025 6.30 pm - X Council"
        parts = re.split(r"\s+-\s+", title)
        if len(parts) >= 3 and MEETING_PAGE.match(parts[0]):
            heading = " - ".join(parts[1:3])
    meeting = heading_meeting(heading) if heading else MeetingInfo()
    rows = []
    for tr in container.iter("tr"):
        cells = [c for c in tr if isinstance(c.tag, str) and c.tag in ("td", "th")]
        number_at = next(
            (
                i
                for i, c in enumerate(cells[:-1])
                if "mgItemNumberCell" in (c.get("class") or "") or ITEM_NUMBER.match(text_of(c))
            ),
            None,
        )
        if number_at is None or cells[number_at].tag == "th":
            continue
        found = ITEM_NUMBER.match(text_of(cells[number_at]))
        if not found:
            continue
        rows.append((found.group(1), cells[number_at + 1]))
    if not rows:
        raise ReadError("a ModernGov meeting page with no table of items")
    texts_of_rows = []
    for number, cell in rows:
        titled = cell.xpath(".//*[contains(@class, 'mgAiTitleTxt')]")
        item_title = ATTACHMENT.sub("", text_of(titled[0])) if titled else None
        if titled:
            titled[0].drop_tree()
        texts = paragraph_texts(cell)
        if item_title is None and texts:
            item_title, texts = ATTACHMENT.sub("", texts[0]), texts[1:]
        texts_of_rows.append((number, item_title, texts))
    labelled = any(SECTION.match(t) for _, _, texts in texts_of_rows for t in texts)
    items = [
        AgendaItem(
            number=number, title=item_title or None, blocks=blocks_of(sectioned(t, labelled))
        )
        for number, item_title, t in texts_of_rows
    ]
    items = [item for item in items if item.blocks]
    if not items:
        raise ReadError("a ModernGov meeting page with no numbered items that have minutes")
    return Parsed(meeting=meeting, items=items)
