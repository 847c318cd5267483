"""The meeting a ModernGov page states: its committee and date from the
page's heading ("Cabinet - Tuesday, 14th January, 2025 6.30 pm") or its
meeting line ("Meeting: 13/11/2019 - Cabinet (Item 51)"), and the council
from the page title's last part ("... - Selbridge Borough Council").
ModernGov writes its date fields day first (``10/09/2024``)."""

from __future__ import annotations

import datetime as dt
import re

from minutes_qa.corpus.dates import meeting_date
from minutes_qa.corpus.heading import meeting_from_text
from minutes_qa.corpus.model import MeetingInfo

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
NUMERIC_DATE = re.compile(r"\b(\d{1,2})/(\d{1,2})/(\d{4})\b")
# "Moved from 9th October 2018, Cabinet - ..." and ", CANCELLED": not the meeting's own words.
_MOVED = re.compile(
    r"^(?:moved|postponed|rescheduled|changed|brought\s+forward)\s+from\s+[^,]+,\s*", re.I
)


def council_from_title(title: str | None) -> str | None:
    """The council a portal's page title names in its last (or first) part:
    "Agenda item - Minutes - Wrexley Borough Council", "City of Rivergrove -
    Meeting of City Council on 3/10/2025"."""
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
    match = NUMERIC_DATE.search(text)
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
    of = None if link else _MEETING_OF.match(line)
    if link:
        committee, date = link.group(2), day_first_date(link.group(1))
    elif of:
        committee, date = of.group(1), meeting_date(of.group(2))
    else:
        return None
    return MeetingInfo(
        committee=committee_name(committee),
        date=date,
        date_source="meeting line" if date else None,
        committee_source="meeting line",
    )


def committee_name(name: str) -> str | None:
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
    name = committee_name(committee) if date or re.search(r"\d", rest) else None
    return MeetingInfo(
        committee=name,
        date=date,
        title=heading,
        date_source="heading" if date else None,
        committee_source="heading" if name else None,
    )
