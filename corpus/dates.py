"""Calendar dates written in minutes, and which one is the meeting's own.

Minutes are full of dates that are not the meeting's: the minutes of the
previous meeting being confirmed, the next meeting, a site banner
("documents published after 1 May 2020"), a signature. Only a date in the
heading, in a line that does not say it is some other day, is the meeting's
date (:func:`meeting_date`). English and Welsh month names; day-first and
month-first orders; numeric dates only where the document's own writing of
dates settles which number is the day.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

_MONTH_NAMES = [
    ("jan", "january", "ionawr"),
    ("feb", "february", "chwefror"),
    ("mar", "march", "mawrth"),
    ("apr", "april", "ebrill"),
    ("may", "mai"),
    ("jun", "june", "mehefin"),
    ("jul", "july", "gorffennaf"),
    ("aug", "august", "awst"),
    ("sep", "sept", "september", "medi"),
    ("oct", "october", "hydref"),
    ("nov", "november", "tachwedd"),
    ("dec", "december", "rhagfyr"),
]
MONTHS = {name: number for number, names in enumerate(_MONTH_NAMES, 1) for name in names}
_MONTH = (
    r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
    r"|ionawr|chwefror|mawrth|ebrill|mai|mehefin|gorffennaf|awst|medi|hydref|tachwedd|rhagfyr)"
)
_WEEKDAYS = {
    "mon": 0, "monday": 0, "llun": 0,
    "tue": 1, "tues": 1, "tuesday": 1, "mawrth": 1,
    "wed": 2, "wednesday": 2, "mercher": 2,
    "thu": 3, "thur": 3, "thurs": 3, "thursday": 3, "iau": 3,
    "fri": 4, "friday": 4, "gwener": 4,
    "sat": 5, "saturday": 5, "sadwrn": 5,
    "sun": 6, "sunday": 6, "sul": 6,
}  # fmt: skip
_WEEKDAY = (
    r"(?:(?:dydd\s+(llun|mawrth|mercher|iau|gwener|sadwrn|sul))"
    r"|(mon(?:day)?|tue(?:s(?:day)?)?|wed(?:nesday)?|thu(?:r(?:s(?:day)?)?)?|fri(?:day)?"
    r"|sat(?:urday)?|sun(?:day)?))\.?,?\s+(?:the\s+)?"
)
_DAY_FIRST = re.compile(
    rf"(?:\b{_WEEKDAY})?\b(\d{{1,2}})(?:\s*(?:st|nd|rd|th|ain|af|ydd)\b\s*|\s+)(?:day\s+)?(?:of\s+)?"
    rf"{_MONTH}\b\.?,?(?:\s*(\d{{4}})\b)?",
    re.IGNORECASE,
)
_MONTH_FIRST = re.compile(
    rf"(?:\b{_WEEKDAY})?\b{_MONTH}\.?\s+(\d{{1,2}})(?!\d)(?:st|nd|rd|th)?\b(?:,?\s+(\d{{4}})\b)?",
    re.IGNORECASE,
)
_NUMERIC = re.compile(r"\b(\d{1,2})[/.](\d{1,2})[/.](\d{4})\b")
_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
# "Draft minutes, subject to approval at the next meeting": about these
# minutes, not another meeting.
_DRAFT_NOTE = re.compile(
    r"\b(?:subject\s+to|until|pending)\s+(?:the\s+)?(?:approv\w*|adopt\w*|confirm\w*)"
    r"(?:\s+(?:at|by)\s+(?:the\s+)?next\s+meeting)?",
    re.IGNORECASE,
)
# Addresses say nothing of the meeting ("...%2012%20April%20Minutes.pdf").
_LINK = re.compile(r"\[[^\]\n]*\]\([^)\n]*\)|\S*://\S*|\S*%20\S*")
_YEAR = re.compile(r"\b(19[5-9]\d|20\d\d)\b")

# Words that say a date in the line is another day than the meeting's.
_OTHER_DAY = re.compile(
    r"\b(?:previous|last|earlier|prior|next|future|forthcoming|adjourned\s+to"
    r"|published|publication|printed|updated|issued|signed|dated|approved|adopted"
    r"|confirm\w*|circulated|received|despatched|dispatched|distributed|posted|uploaded"
    r"|produced|deadline|closing\s+date|expir\w*|effective|implemented|call[\s-]?in|copyright"
    r"|year\s+end(?:ed|ing)|period\s+end(?:ed|ing)|as\s+at"
    # What is still to come: "the report would return ... at its meeting on".
    r"|would|will|shall|due\s+to|scheduled|return\w*|defer\w*|postpon\w*|reconven\w*)\b|©",
    re.IGNORECASE,
)
# ... and the word just before it: "after 1 May 2020", "by 5 March".
_OTHER_DAY_BEFORE = re.compile(
    r"\b(?:after|since|before|until|till|by|from|between)\s*$", re.IGNORECASE
)
# "... held on 18 March 2021 were approved": said of that other meeting.
_OTHER_DAY_AFTER = re.compile(
    r"^\W*(?:were|was|be|are|is|as)\s+(?:\w+\s+)?(?:approved|confirmed|agreed|signed|adopted"
    r"|accepted|circulated|a\s+true)",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date as written at ``[start, stop)`` of a text. ``year`` is None
    when the text gives none ("Tuesday 4 March"); ``weekday`` (0 = Monday)
    when it names one; ``order`` is "day", "month" or "numeric"."""

    start: int
    stop: int
    year: int | None
    month: int
    day: int
    weekday: int | None
    order: str

    def on(self, year: int | None = None) -> dt.date | None:
        """The calendar date, in ``year`` when the text gave none."""
        try:
            return dt.date(self.year or year or 0, self.month, self.day)
        except ValueError:
            return None


def mentions(text: str) -> list[DateMention]:
    """Every date written in ``text``, in order; impossible ones left out."""
    found: list[DateMention] = []
    for match in _DAY_FIRST.finditer(text):
        weekday = match.group(1) or match.group(2)
        found += _mention(match, match.group(4), match.group(3), match.group(5), weekday, "day")
    for match in _MONTH_FIRST.finditer(text):
        weekday = match.group(1) or match.group(2)
        found += _mention(match, match.group(3), match.group(4), match.group(5), weekday, "month")
    for match in _ISO.finditer(text):
        found += _mention(match, match.group(2), match.group(3), match.group(1), None, "iso")
    for match in _NUMERIC.finditer(text):
        found += _mention(match, match.group(2), match.group(1), match.group(3), None, "numeric")
    found.sort(key=lambda m: (m.start, -m.stop))
    # One date matched twice ("5 March 2024" by both orders): keep the longest.
    kept: list[DateMention] = []
    for m in found:
        if not kept or m.start >= kept[-1].stop:
            kept.append(m)
    return kept


def _mention(
    match: re.Match[str], month: str, day: str, year: str | None, weekday: str | None, order: str
) -> list[DateMention]:
    number = int(month) if month.isdigit() else MONTHS.get(month.lower().rstrip("."))
    mention = DateMention(
        start=match.start(),
        stop=match.end(),
        year=int(year) if year else None,
        month=number or 0,
        day=int(day),
        weekday=_WEEKDAYS.get(weekday.lower().rstrip(".")) if weekday else None,
        order=order,
    )
    if mention.year is not None and not 1950 <= mention.year <= 2100:
        return []
    if not 1 <= mention.month <= 12 or not 1 <= mention.day <= 31:
        return []
    if mention.year and mention.on() is None:
        return []
    return [mention]


def find_date(text: str) -> str | None:
    """The first complete calendar date written in ``text``, as YYYY-MM-DD
    (numeric dates read day first)."""
    for m in mentions(text):
        date = m.on() if m.year else None
        if date:
            return date.isoformat()
    return None


def meeting_date(heading: str, document: str = "") -> str | None:
    """The meeting's own date: the first date in ``heading`` whose line does
    not say it is another day. A date written without a year takes the
    heading's one year, when the heading states exactly one and the weekday
    (if named) agrees; otherwise it stays unknown. A numeric date such as
    05/03/2024 is read in the order the ``document`` writes dates in words
    ("5 March" or "March 5"), and stays unknown when that is not settled and
    both readings are possible."""
    heading = _DRAFT_NOTE.sub(" ", _LINK.sub(" ", heading))
    found = mentions(heading)
    # The year a date without one may take: a year the heading states on its
    # own ("Annual Meeting 2012"), not one that belongs to another date.
    spans = [(m.start, m.stop) for m in found]
    years = {
        int(y.group(0))
        for y in _YEAR.finditer(heading)
        if not any(start <= y.start() < stop for start, stop in spans)
    }
    order = _order_of(document or heading)
    # A complete date first; one without a year only when there is none.
    found.sort(key=lambda m: m.year is None)
    for written in found:
        if _other_day(heading, written):
            continue
        m = _numeric(written, order) if written.order == "numeric" else written
        if m is None:
            continue
        if m.year:
            date = m.on()
        elif len(years) == 1:
            date = m.on(next(iter(years)))
            if date and m.weekday is not None and date.weekday() != m.weekday:
                date = None
        else:
            date = None
        if date:
            return date.isoformat()
    return None


def _other_day(text: str, m: DateMention) -> bool:
    """The clause before the date (back to a bracket, a full stop or 80
    characters), or the words after it, say it is some other day."""
    window = text[max(0, m.start - 80) : m.start]
    before = re.split(r"[.;()\[\]]", window)[-1]
    line_stop = text.find("\n", m.stop)
    after = text[m.stop : line_stop if line_stop != -1 else len(text)]
    return bool(
        _OTHER_DAY.search(before)
        or _OTHER_DAY_BEFORE.search(before)
        or _OTHER_DAY_AFTER.search(after)
    )


# Where a document writes no date in words, its spelling tells which side of
# the Atlantic wrote it: British, Irish and Commonwealth minutes put the day
# first, American ones the month.
_DAY_FIRST_HINTS = re.compile(
    r"£|€|\b(?:councillors?|cllrs?|favour|organis\w+|labour)\b"
    r"|\.(?:gov\.uk|ie|gov\.au|govt\.nz|scot|wales|cymru)\b",
    re.I,
)
_MONTH_FIRST_HINTS = re.compile(r"\b(?:councilmembers?|councilors?|favor|organiz\w+|labor)\b", re.I)


def _order_of(text: str) -> str | None:
    """ "day" or "month": how this document writes dates in words, else
    what its spelling suggests."""
    text = text[:200_000]
    orders = {m.order for m in mentions(text) if m.order in ("day", "month")}
    if len(orders) == 1:
        return orders.pop()
    if orders:
        return None
    day, month = bool(_DAY_FIRST_HINTS.search(text)), bool(_MONTH_FIRST_HINTS.search(text))
    return "day" if day and not month else "month" if month and not day else None


def _numeric(m: DateMention, order: str | None) -> DateMention | None:
    """A numeric date read day first by :func:`mentions`, settled by ``order``."""
    swapped = DateMention(m.start, m.stop, m.year, m.day, m.month, m.weekday, m.order)
    readings = [r for r in (m, swapped) if 1 <= r.month <= 12 and r.on() is not None]
    if m.month == m.day or len(readings) == 1:
        return readings[0] if readings else None
    if order == "day":
        return m
    if order == "month":
        return swapped
    return None
