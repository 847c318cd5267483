"""The ModernGov web service's ``GetMeeting`` XML: one meeting with its
agenda items, each carrying its minutes as HTML-escaped text.

::

    <meeting>
      <meetingid>4967</meetingid> <meetingdate>10/02/2026</meetingdate> ...
      <agendaitems><agendaitem>
        <agendaitemtitle>Minutes</agendaitemtitle>
        <agendaitemnumber>4</agendaitemnumber>              (the agenda's order)
        <fulldisplaynumberformat>1.</fulldisplaynumberformat> (the number shown)
        <minutesitemnumber>1</minutesitemnumber>           (the number in the minutes)
        <agendatext>&lt;div ...</agendatext>
        <minutesnonemptyhtmlbody>&lt;div ...</minutesnonemptyhtmlbody>
        <isrestricted>False</isrestricted>
        <linkeddocuments><linkeddoc>... <committeetitle>Audit Committee</committeetitle>
      </agendaitem></agendaitems>
    </meeting>

The meeting's date is ``meetingdate`` (day first, as ModernGov writes
dates); its committee is the meeting's ``committeetitle`` where the export
has one, else the committee that every document of this meeting names. The
council is not in the export: a sidecar names it. An item's number is its
number in the minutes. The agenda's text ("To approve as a correct record
...") is not minutes and is left out; an item with no minutes is dropped.
"""

from __future__ import annotations

from typing import Any

from lxml import etree

from minutes_qa.corpus.errors import ReadError
from minutes_qa.corpus.model import AgendaItem, MeetingInfo
from minutes_qa.corpus.readers.base import Parsed
from minutes_qa.corpus.readers.html import html_to_text
from minutes_qa.corpus.readers.moderngov import minutes_blocks
from minutes_qa.corpus.readers.moderngov_meeting import day_first_date
from minutes_qa.corpus.readers.page import clean_lines

EXPECTED = "a ModernGov GetMeeting export (<meeting> with <meetingdate> and <agendaitems>)"


def _local(element: Any) -> str:
    tag = element.tag if isinstance(element.tag, str) else ""
    return tag.rsplit("}", 1)[-1].lower()


def _child(element: Any, name: str) -> str:
    for child in element:
        if _local(child) == name:
            return " ".join((child.text or "").split())
    return ""


def _children(element: Any, name: str) -> list[Any]:
    return [c for c in element if _local(c) == name]


def parse_xml(text: str) -> Any:
    """The XML's root element; ReadError when it is not well-formed."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        return etree.fromstring(text.lstrip("\ufeff").encode("utf-8"), parser=parser)
    except etree.XMLSyntaxError as exc:
        raise ReadError(f"not well-formed XML ({exc.msg}); expected {EXPECTED}") from None


def find_meeting(root: Any) -> Any | None:
    """The ``<meeting>`` element, at the root or inside a SOAP envelope."""
    if _local(root) == "meeting":
        return root
    for element in root.iter():
        if _local(element) == "meeting" and _children(element, "agendaitems"):
            return element
    return None


def read_xml(root: Any) -> Parsed:
    meeting_element = find_meeting(root)
    if meeting_element is None:
        raise ReadError(f"an XML file whose root is <{_local(root)}>; expected {EXPECTED}")
    date = day_first_date(_child(meeting_element, "meetingdate"))
    items: list[AgendaItem] = []
    committees: set[str] = set()
    for container in _children(meeting_element, "agendaitems"):
        for item in _children(container, "agendaitem"):
            items.extend(_item(item, _child(meeting_element, "meetingdate"), committees))
    committee = _child(meeting_element, "committeetitle") or _child(
        meeting_element, "committeename"
    )
    if not committee and len(committees) == 1:
        committee = committees.pop()
    meeting = MeetingInfo(
        committee=committee or None,
        date=date,
        title=" - ".join(p for p in (committee, _child(meeting_element, "meetingdate")) if p)
        or None,
        date_source="meetingdate" if date else None,
        committee_source="committeetitle" if committee else None,
    )
    items = [item for item in items if item.blocks]
    if not items:
        raise ReadError("a ModernGov GetMeeting export with no minutes published for any item")
    return Parsed(meeting=meeting, items=items)


def _item(element: Any, meeting_day: str, committees: set[str]) -> list[AgendaItem]:
    for docs in _children(element, "linkeddocuments"):
        for doc in _children(docs, "linkeddoc"):
            name = _child(doc, "committeetitle")
            if name and _child(doc, "meetingdate") == meeting_day:
                committees.add(name)
    bodies = [
        c.text or ""
        for c in element
        if _local(c).startswith(("minutes", "decision")) and _local(c).endswith("htmlbody")
    ]
    texts = [clean_lines(html_to_text(body)) for body in bodies if body.strip()]
    if not any(texts):
        return []
    minutes_number = _child(element, "minutesitemnumber")
    sub = _child(element, "minutesitemsubnumber")
    number = (
        f"{minutes_number}{sub}"
        if minutes_number
        else _child(element, "fulldisplaynumberformat").rstrip(".")
        or _child(element, "agendaitemnumber")
    )
    lines = "\n\n".join(t for t in texts if t).split("\n")
    return [
        AgendaItem(
            number=number or None,
            title=_child(element, "agendaitemtitle") or None,
            blocks=minutes_blocks(lines),
            restricted=_child(element, "isrestricted").lower() == "true",
        )
    ]
