"""Meeting metadata that the minutes state themselves, or their file name.

Minutes open with a heading ("MINUTES OF PROCEEDINGS AT MEETING OF THE
MUNICIPAL DISTRICT OF ADARE-RATHKEALE HELD IN ... ON THURSDAY, 9TH NOVEMBER,
2017", "Minutes of the Ordinary Meeting held on Wednesday 1 July 2020"). The
heading ends where the attendance starts ("PRESENT IN THE CHAIR", "Present:").
Only the heading is searched for the meeting's date: a date further down is
usually another meeting's ("the minutes of the meeting held on ...").
"""

from __future__ import annotations

import datetime as dt
import re

from minutes_qa.corpus.model import MeetingInfo

_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for name in names
}
_MONTH = (
    r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_DAY_FIRST = re.compile(
    rf"\b(\d{{1,2}})\s*(?:st|nd|rd|th)?\s*(?:day\s+)?(?:of\s+)?{_MONTH}\.?,?\s*(\d{{4}})\b",
    re.IGNORECASE,
)
_MONTH_FIRST = re.compile(
    rf"\b{_MONTH}\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})\b", re.IGNORECASE
)
_NUMERIC = re.compile(r"\b(\d{1,2})[/.](\d{1,2})[/.](\d{4})\b")
_HEADING_END = re.compile(
    r"present\s+in\s+the\s+chair|members\s+present|^\s*present\s*:|^\s*attendance\s*:"
    r"|^\s*in\s+attendance|^\s*apologies",
    re.IGNORECASE | re.MULTILINE,
)
_COUNCIL = re.compile(
    r"\b((?:[A-Z][\w'’.-]*\s+){1,4}(?:City\s+and\s+County|County|City|District|Borough|Town"
    r"|Parish|Community|Metropolitan\s+Borough)\s+Council)\b"
)
_MEETING_OF = [
    re.compile(
        rf"\b{word}\s+of\s+(?:the\s+)?(.+?)\s+(?:held|at\s+the|on\s+\w+day)\b", re.IGNORECASE
    )
    for word in ("meeting", "minutes")
]
_TITLE_SENTENCE = re.compile(r"[^.]*\b(?:minutes|meeting)\b[^.]*", re.IGNORECASE)
_TAG = re.compile(r"<[^>]*>?")
_KIND_OF_MEETING = re.compile(r"(?:ordinary|special|annual|extraordinary|monthly)\b", re.I)
_BODY_WORD = re.compile(
    r"council|committee|district|board|panel|forum|group|cabinet|assembly|authority"
    r"|partnership|commission",
    re.IGNORECASE,
)
_ORIGINAL_LINK = re.compile(r"^\[Original file\]\((\S+?)\)", re.MULTILINE)
HEADING_CHARS = 1500


def heading_of(text: str) -> str:
    """The opening of the minutes, up to where attendance is recorded."""
    head = text[:HEADING_CHARS]
    end = _HEADING_END.search(head)
    return head[: end.start()] if end and end.start() > 20 else head


def find_date(text: str) -> str | None:
    """The first real calendar date written in ``text``, as YYYY-MM-DD."""
    found: list[tuple[int, str]] = []
    for match in _DAY_FIRST.finditer(text):
        found += _as_date(match.start(), match.group(3), match.group(2), match.group(1))
    for match in _MONTH_FIRST.finditer(text):
        found += _as_date(match.start(), match.group(3), match.group(1), match.group(2))
    for match in _NUMERIC.finditer(text):
        found += _as_date(match.start(), match.group(3), match.group(2), match.group(1))
    return min(found)[1] if found else None


def _as_date(at: int, year: str, month: str, day: str) -> list[tuple[int, str]]:
    month_number = int(month) if month.isdigit() else _MONTHS.get(month.lower().rstrip("."))
    try:
        date = dt.date(int(year), month_number or 0, int(day))
    except ValueError:
        return []
    return [(at, date.isoformat())] if 1950 <= date.year <= 2100 else []


def meeting_from_text(text: str) -> MeetingInfo:
    """What the heading of the minutes says about the meeting."""
    heading = heading_of(text)
    flat = " ".join(_TAG.sub(" ", heading).replace("*", " ").split())
    # A name hyphenated across a line break: "ADARE- RATHKEALE".
    flat = re.sub(r"(\w)- (\w)", r"\1-\2", flat)
    council = _council(flat) or _council_in_body(text)
    body = _body(flat)
    link = _ORIGINAL_LINK.search(text[:500])
    return MeetingInfo(
        council=council,
        committee=body or council,
        date=find_date(flat),
        title=_title(flat),
        url=link.group(1) if link else None,
    )


def meeting_from_path(path: str) -> MeetingInfo:
    """A date in the file name ("Minutes - ... - 27th April 2017.md").

    Folder names are not used: archives file minutes under the date they
    were published or adopted, which is not the date of the meeting.
    """
    name = path.rsplit("/", 1)[-1]
    return MeetingInfo(date=find_date(name.replace("_", " ")))


def _council(flat: str) -> str | None:
    """The first council named, written in capitals or not."""
    titled = flat.title()
    found = [(m, flat) for m in [_COUNCIL.search(flat)] if m]
    if len(titled) == len(flat):
        # Found in the title-cased copy, taken from the original: "LIMERICK CITY
        # AND COUNTY COUNCIL" becomes "Limerick City and County Council".
        found += [(m, flat) for m in [_COUNCIL.search(titled)] if m]
    for match, text in sorted(found, key=lambda f: f[0].start()):
        name = _tidy(text[match.start(1) : match.end(1)])
        if not _KIND_OF_MEETING.match(name):
            return name
    return None


def _strip_article(name: str) -> str:
    return re.sub(r"^(?:(?:the|of|minutes\s+of|meeting\s+of)\s+)+", "", name, flags=re.IGNORECASE)


def _council_in_body(text: str) -> str | None:
    """A council named in the body, when the heading names none: minutes
    name their own council far more often than any other."""
    counts: dict[str, int] = {}
    for match in _COUNCIL.finditer(text[:200_000]):
        name = _tidy(match.group(1))
        counts[name] = counts.get(name, 0) + 1
    if not counts:
        return None
    name, count = max(counts.items(), key=lambda kv: kv[1])
    return name if count >= 2 else None


def _body(flat: str) -> str | None:
    match = _MEETING_OF[0].search(flat) or _MEETING_OF[1].search(flat)
    if not match:
        return None
    body = re.sub(r"\s+meeting$", "", match.group(1).strip(" ,.-"), flags=re.IGNORECASE)
    if len(body.split()) > 12 or not _BODY_WORD.search(body) or _KIND_OF_MEETING.match(body):
        return None
    return _tidy(body)


def _title(flat: str) -> str | None:
    """The heading's sentence that names the minutes or meeting."""
    flat = re.sub(r"^\[Original file\]\(\S*\)\s*-*\s*(?:\d{1,3}\s+)?", "", flat)
    flat = re.sub(r"^Page\s+\d+\s*(?:\(\d{4}\))?\s*", "", flat, flags=re.IGNORECASE)
    match = _TITLE_SENTENCE.search(flat)
    if not match:
        return None
    title = match.group(0).strip(" #-,")
    title = title if len(title) <= 200 else title[:200].rsplit(" ", 1)[0] + " …"
    return _tidy(title, strip=False) if len(title) >= 10 else None


_SMALL = {"and", "of", "the", "in", "on", "at", "for", "to"}


def _tidy(name: str, strip: bool = True) -> str:
    """ "MUNICIPAL DISTRICT OF ADARE-RATHKEALE" → "Municipal District of Adare-Rathkeale"."""
    name = " ".join(name.split())
    name = _strip_article(name) if strip else name
    if name.isupper():
        words = name.lower().split()
        name = " ".join(
            w if i and w in _SMALL else "-".join(p.capitalize() for p in w.split("-"))
            for i, w in enumerate(words)
        )
    return name
