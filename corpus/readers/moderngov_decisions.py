"""ModernGov's "Decision details" and "Issue history" pages."""

from __future__ import annotations

import dataclasses
import re

from minutes_qa.corpus.errors import ReadError
from minutes_qa.corpus.model import AgendaItem, MeetingInfo
from minutes_qa.corpus.readers.base import Parsed
from minutes_qa.corpus.readers.blocks import to_blocks
from minutes_qa.corpus.readers.moderngov import ATTACHMENT, split_number
from minutes_qa.corpus.readers.moderngov_meeting import (
    NUMERIC_DATE,
    committee_name,
    day_first_date,
    meeting_line,
)
from minutes_qa.corpus.readers.moderngov_sections import (
    DOCUMENTS,
    MAIN_TITLE,
    SECTION,
    SUB_TITLE,
    blocks_of,
    paragraph_texts,
    sectioned,
)
from minutes_qa.corpus.readers.page import text_of

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


def decision_page(container) -> Parsed:  # noqa: ANN001
    """Decision details: one item, titled by the decision; the decision's own
    words one passage, its reasons and alternatives one each."""

    for element in container.xpath(MAIN_TITLE):
        element.drop_tree()
    subtitles = [t for t in container.xpath(SUB_TITLE) if text_of(t)]
    title = ATTACHMENT.sub("", text_of(subtitles[0])) if subtitles else None
    if subtitles:
        subtitles[0].drop_tree()
    fields: dict[str, str] = {}
    sections: list[tuple[str, list[str]]] = []
    for text in paragraph_texts(container):
        one = " ".join(text.split())
        field = _field(one)
        if field:
            name, value = field
            fields.setdefault(name, value)
            if name == "purpose":
                sections.append(("Purpose", [value] if value else []))
            continue
        if DOCUMENTS.match(one):
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
        committee = committee_name(NUMERIC_DATE.sub("", at_meeting).strip(" -–"))
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
        maker = committee_name(fields["decision maker"])
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


def issue_page(container) -> Parsed:  # noqa: ANN001
    """Issue history: the meetings that considered the issue, an item each.
    One meeting gives the document its date and committee; several, none."""

    for element in container.xpath(MAIN_TITLE):
        element.drop_tree()
    subtitles = [t for t in container.xpath(SUB_TITLE) if text_of(t)]
    issue = text_of(subtitles[0]) if subtitles else None
    if subtitles:
        subtitles[0].drop_tree()
    meetings: list[tuple[MeetingInfo, list[str]]] = []
    for text in paragraph_texts(container):
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
            number, first = split_number(ATTACHMENT.sub("", texts[0]))
            if number and len(first.split()) <= 30:
                title, texts = first, texts[1:]
            else:
                number = None
        labelled = any(SECTION.match(t) for t in texts)
        when = found.date or "date not stated"
        label = f"{found.committee or 'Meeting'}, {when}: {title or issue or ''}".strip(": ")
        items.append(
            AgendaItem(number=number, title=label, blocks=blocks_of(sectioned(texts, labelled)))
        )
    meeting = meetings[0][0] if len(meetings) == 1 else MeetingInfo()
    return Parsed(meeting=dataclasses.replace(meeting, title=issue), items=items)
