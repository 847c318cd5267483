"""Meeting metadata that the minutes state themselves, or their file name.

Minutes open with a heading ("MINUTES OF PROCEEDINGS AT MEETING OF THE
MUNICIPAL DISTRICT OF ADARE-RATHKEALE HELD IN ... ON THURSDAY, 9TH NOVEMBER,
2017", "Minutes of the Ordinary Meeting held on Wednesday 1 July 2020"). The
heading ends where the attendance starts ("PRESENT IN THE CHAIR", "Present:").
Only the heading is searched for the meeting's date: a date further down is
usually another meeting's ("the minutes of the meeting held on ...").
"""

from __future__ import annotations

import re

from minutes_qa.corpus.dates import find_date, meeting_date
from minutes_qa.corpus.model import MeetingInfo

__all__ = ["find_date", "heading_of", "meeting_from_path", "meeting_from_text"]

# A Markdown quote or call-out around the line ("> [!abstract]- Present:",
# eSCRIBE's exports) is no part of it.
_QUOTED = r"(?:>[ \t]*(?:\[![\w-]+\][-+]?[ \t]*)?)?"
_HEADING_END = re.compile(
    r"present\s+in\s+the\s+chair|members\s+present"
    rf"|^{_QUOTED}[ \t#*]*(?:\d{{1,2}}\\?[.)][ \t]*)?(?:present|attendance|yn\s+bresennol)[ \t*]*:"
    rf"|^{_QUOTED}[ \t#*]*(?:in\s+attendance|apologies)",
    re.IGNORECASE | re.MULTILINE,
)
# Item 1 of the agenda ends the heading too, where no attendance line does.
_FIRST_ITEM = re.compile(
    r"^[ \t#*]*(?:item\s+)?(?:1|1\.0|i)\\?(?:[.):]|\*\*|&nbsp;)*[ \t]+(?:\*\*)?[A-Z]"
    # "**1.**" or "1." alone on a line, but not a page number "1".
    r"|^[ \t#]*(?:\*\*1\\?\.?\*\*|1\\?\.)[ \t]*$",
    re.MULTILINE,
)
_TYPE = (
    r"(?:City[^\S\n]+(?i:and)[^\S\n]+County|County|City|District|Borough|Town|Parish|Community"
    r"|Metropolitan[^\S\n]+Borough|Regional|Shire|Township|Village)"
)
# Words that are never part of a council's own name: "MINUTES OF THE
# ORDINARY MEETING OF KILKENNY COUNTY COUNCIL", "A Parish Council".
_STOP = (
    r"(?i:of|the|minutes|meeting|ordinary|special|annual|extraordinary|monthly|held|full|and"
    r"|regular|statutory|general|emergency|reconvened|adjourned|inaugural"
    r"|at|on|for|a|an|all|former|draft|to|by|with|from|in|council|committee|agenda|notes"
    r"|meetings|calendar|home|search|menu|login|documents)"
)
_NAME_WORD = rf"(?!{_STOP}\b)[A-Z][\w'’.-]*"
# "WEST DEREHAM ANNUAL PARISH COUNCIL MEETING": the council is West Dereham
# Parish Council; the kind of meeting between is not part of its name.
_COUNCIL = re.compile(
    # "Northwold and Whittington Parish Council": "and" between two names.
    rf"\b(?P<name>{_NAME_WORD}[^\S\n]+(?:(?:(?i:and)[^\S\n]+)?{_NAME_WORD}[^\S\n]+){{0,3}})"
    r"(?:(?i:annual|ordinary|special|extraordinary|monthly)[^\S\n]+)?"
    rf"(?P<type>{_TYPE}[^\S\n]+Council)\b"
)
# A line that is a council's name and nothing else: "AUBURN COUNCIL".
_BARE_COUNCIL = re.compile(
    rf"^[ \t#*]*(?:(?i:the)[^\S\n]+)?((?:{_NAME_WORD}[^\S\n]+){{1,3}}Council)"
    r"[ \t*]*(?:(?i:minutes))?[ \t*]*$",
    re.MULTILINE,
)
# "THE TOWNSHIP OF ORO-MEDONTE", "Corporation of the City of Kawartha Lakes".
_OF_PLACE = re.compile(
    rf"\b((?:Corporation[^\S\n]+(?i:of)[^\S\n]+(?i:the)[^\S\n]+)?(?:Township|Municipality|City"
    rf"|Town|Village|Shire|Borough|Region|Regional[^\S\n]+Municipality)[^\S\n]+(?i:of)[^\S\n]+"
    rf"{_NAME_WORD}(?:[^\S\n]+{_NAME_WORD}){{0,2}})(?![\w'’-])"
)
_CYNGOR = re.compile(
    r"\b(Cyngor[^\S\n]+(?:Cymuned|Tref|Sir|Dinas|Bwrdeistref[^\S\n]+Sirol)"
    r"(?:[^\S\n]+[A-Z][\w'’-]*){1,3})"
)
# A heading that names a parish, town or community council (without a name
# the patterns found): the councils its body names are other councils.
_LOCAL_BODY = re.compile(r"\b(?:parish|town|community|village)\b|\bPC\b", re.IGNORECASE)
_GENERIC = {
    "parish", "town", "county", "city", "district", "borough", "community", "metropolitan",
    "regional", "shire", "township", "village", "and", "council",
}  # fmt: skip
_MEETING_OF = [
    re.compile(
        rf"\b{word}\s+of\s+(?:the\s+)?(.+?)(?:\s+(?:held|at\s+the|in\s+the|on\s+\w+day)\b"
        r"|\s*[,(]|\s+[–-]\s|\s+on\b|\s+(?:mon|tues|wednes|thurs|fri|satur|sun)day\b|\s+\d|$)",
        re.IGNORECASE,
    )
    for word in ("meeting", "minutes")
]
# A committee field of a page: "Committee: Planning Committee", "Meeting: Cabinet".
_BODY_FIELD = re.compile(
    r"^[ \t*]*(?:committee|meeting|board)[ \t*]*:[ \t*]*(.+?)[ \t*]*$", re.I | re.M
)
# A council's meeting named by its kind: "Ordinary Council Meeting",
# "Regular Meeting of Council", "Annual Meeting"; a bare "Meeting" says nothing.
_MEETING_NAME = re.compile(
    r"(?:(?:ordinary|special|annual|extraordinary|monthly|regular|statutory|full|general"
    r"|emergency|reconvened|adjourned|inaugural|parish|town|city|community|council)\s+)+"
    r"meeting(?:\s+of\s+(?:the\s+)?(?:city\s+|town\s+|parish\s+)?council)?"
    r"|(?:full\s+)?council|meeting\s+of\s+(?:the\s+)?(?:full\s+)?council",
    re.IGNORECASE,
)
_KIND_OF_COUNCIL_MEETING = re.compile(
    r"\b(?:(?:ordinary|special|annual|extraordinary|monthly|regular|statutory|general"
    r"|emergency|reconvened|adjourned|inaugural)[^\S\n]+)+(?:council[^\S\n]+)?meeting"
    r"(?:[^\S\n]+of[^\S\n]+(?:the[^\S\n]+)?(?:full[^\S\n]+)?council)?\b",
    re.IGNORECASE,
)
# A heading line that is the meeting's name and "Minutes" ("Council Meeting
# Minutes", "Planning Committee Minutes"); Legistar's "Meeting Minutes -
# Final" with the body on the next line ("City Council"); Welsh "Cofnodion
# Cyfarfod Cyffredin y Cyngor a gynhaliwyd ..." ("Minutes of the Ordinary
# Meeting of the Council held ...").
_NAMED_MINUTES = re.compile(
    r"^(?!meeting\s+minutes\b)(?!minutes\b)(.{3,80}?)\s+minutes"
    r"(?:\s*[-–]\s*(?:final|draft|approved|unapproved))?$"
    r"|^meeting\s+minutes(?:\s*[-–]\s*(?:final|draft|approved))?\n(.{3,60})$"
    r"|\bcofnodion\s+(cyfarfod\b.{3,80}?)\s+(?:a\s+gynhaliwyd|a\s+gynhelir|ar\s|yn\s)",
    re.IGNORECASE | re.MULTILINE,
)
# A meeting named for the kind of council only: "Parish Council Meeting"
# names the council, not the body that met.
_COUNCIL_TYPE = {"parish", "town", "community", "city", "village", "county", "district"}
_OF_THE_COUNCIL = re.compile(
    r"\s+of\s+(?:the\s+)?(?:parish|town|community|village)\s+council$", re.IGNORECASE
)
_OTHER_MEETING = re.compile(r"\b(?:next|previous|last|future|following)\s*$", re.IGNORECASE)
_VENUE = re.compile(
    r"\b(?:room|chamber|hall|centre|center|offices?|library|pavilion|house|building|zoom|teams"
    r"|online|virtual|remote|minutes|venue|clerk)\b",
    re.IGNORECASE,
)
# A sentence, where "7.00pm" does not end one.
_SENTENCE_PART = r"(?:[^.]|(?<=\d)\.(?=\d)|(?<=\b[apAP])\.(?=[mM]\.)|(?<=\b[apAP]\.[mM])\.)*"
_TITLE_SENTENCE = re.compile(
    rf"{_SENTENCE_PART}\b(?:minutes|meeting)\b{_SENTENCE_PART}", re.IGNORECASE
)
_TAG = re.compile(r"<[^>]*>?")
_KIND_OF_MEETING = re.compile(r"(?:ordinary|special|annual|extraordinary|monthly)\b", re.I)
_BODY_WORD = re.compile(
    r"council|committee|district|board|panel|forum|group|cabinet|assembly|authority"
    r"|partnership|commission|cyngor|pwyllgor",
    re.IGNORECASE,
)
_ORIGINAL_LINK = re.compile(r"^\[Original file\]\((\S+?)\)", re.MULTILINE)
HEADING_CHARS = 1500


def heading_of(text: str) -> str:
    """The opening of the minutes, up to where attendance is recorded or,
    failing that, where the first agenda item starts."""
    head = text[:HEADING_CHARS]
    ends = [m.start() for m in (_HEADING_END.search(head),) if m]
    ends += [m.start() for m in _FIRST_ITEM.finditer(head) if m.start() > 20][:1]
    return head[: min(ends)] if ends else head


def meeting_from_text(text: str) -> MeetingInfo:
    """What the heading of the minutes says about the meeting; a council
    named repeatedly in the body when the heading names none."""
    heading = heading_of(text)
    untagged = _TAG.sub(" ", heading).replace("*", " ")
    lines = "\n".join(" ".join(line.split()) for line in untagged.split("\n"))
    # A name hyphenated across a line break: "ADARE- RATHKEALE".
    lines = re.sub(r"(\w)-[ \n]+(\w)", r"\1-\2", lines)
    flat = " ".join(lines.split())
    council, council_source = _council(lines), "heading"
    if not council and not _LOCAL_BODY.search(flat):
        council, council_source = _council_in_body(text), "body"
    body = _body(lines, council)
    link = _ORIGINAL_LINK.search(text[:500])
    date = meeting_date(lines, text)
    return MeetingInfo(
        council=council,
        committee=body,
        date=date,
        title=_title(flat),
        url=link.group(1) if link else None,
        date_source="heading" if date else None,
        council_source=council_source if council else None,
        committee_source="heading" if body else None,
    )


def committee_of_title(title: str) -> str | None:
    """The body a file's own title names: "7th Meeting of the Community and
    Protective Services Committee", "7th Council Meeting"; the ordinal is
    the meeting's number, no part of the name."""
    bare = re.sub(r"^(?:the\s+)?\d{1,3}(?:st|nd|rd|th)\s+", "", " ".join(title.split()), flags=re.I)
    if _MEETING_NAME.fullmatch(bare):
        return None if _kind_of_council_only(bare) else _tidy(bare)
    return _body(bare, None)


def meeting_from_path(path: str) -> MeetingInfo:
    """A date in the file name ("Minutes - ... - 27th April 2017.md").

    Folder names are not used: archives file minutes under the date they
    were published or adopted, which is not the date of the meeting.
    """
    name = path.rsplit("/", 1)[-1]
    return MeetingInfo(date=find_date(name.replace("_", " "))).from_source("file name")


def _council(lines: str) -> str | None:
    """The first council the heading names, written in capitals or not;
    never a generic name ("Parish Council", "A Town Council")."""
    # Line by line first ("Comhairle Contae Chluain Mara" above "Clonmara
    # County Council" is not one name); then the lines joined, for a name
    # wrapped over two ("LIMERICK CITY AND / COUNTY COUNCIL").
    flat = " ".join(lines.split())
    for text, patterns in (
        (lines, (_COUNCIL, _BARE_COUNCIL, _OF_PLACE, _CYNGOR)),
        (flat, (_COUNCIL, _OF_PLACE)),
    ):
        found: list[tuple[int, str]] = []
        for source in (text, _titled(text)):
            for pattern in patterns:
                for match in pattern.finditer(source):
                    name = _council_name(text, match)
                    if not _generic(name):
                        found.append((match.start(), name))
                        break
        if found:
            return min(found)[1]
    return None


def _council_name(text: str, match: re.Match[str]) -> str:
    """The name a match found, taken from ``text`` (its original case)."""
    if "type" in match.groupdict():
        name = text[match.start("name") : match.end("name")]
        return _tidy(name + text[match.start("type") : match.end("type")])
    # "The Corporation of the Township of X" is the Township of X.
    name = _tidy(text[match.start(1) : match.end(1)])
    return re.sub(r"^corporation\s+of\s+(?:the\s+)?", "", name, flags=re.IGNORECASE)


def _titled(lines: str) -> str:
    """Words in capitals title-cased, so the patterns find "KILKENNY COUNTY
    COUNCIL"; the same length, so a match maps back to the original."""
    return re.sub(r"\b[A-Z][A-Z'’.-]+\b", lambda m: m.group(0).title(), lines)


def _generic(name: str) -> bool:
    words = _strip_article(name).lower().split()
    return not words or all(w in _GENERIC for w in words)


def _strip_article(name: str) -> str:
    return re.sub(r"^(?:(?:the|of|minutes\s+of|meeting\s+of)\s+)+", "", name, flags=re.IGNORECASE)


def _council_in_body(text: str) -> str | None:
    """A council the body names at least three times, and far more often
    than any other: minutes name their own council more than any other,
    but a parish's minutes also talk about the county council."""
    counts: dict[str, int] = {}
    for match in _COUNCIL.finditer(text[:200_000]):
        name = _council_name(text, match)
        if not _generic(name):
            counts[name] = counts.get(name, 0) + 1
    ranked = sorted(counts.values(), reverse=True) + [0]
    if not counts or ranked[0] < 3 or ranked[0] < 2 * ranked[1]:
        return None
    return max(counts.items(), key=lambda kv: kv[1])[0]


def _body(lines: str, council: str | None) -> str | None:
    """The body or meeting that met: "Minutes of the Planning Committee held
    on ...", "Committee: Cabinet", "Ordinary Meeting of Kilkenny County
    Council" (the meeting: "Ordinary Meeting"); never a venue ("Venue:
    Committee Room 2") and never the council's own name again."""
    candidates = [m.group(1) for m in _BODY_FIELD.finditer(lines)]
    candidates += [m.group(0) for m in _KIND_OF_COUNCIL_MEETING.finditer(lines)]
    titles = list(_NAMED_MINUTES.finditer(lines))
    # Legistar names the body on the line under "Meeting Minutes", even
    # "City Council".
    for line in (m.group(2) for m in titles if m.group(2)):
        if _BODY_WORD.search(line) and not _VENUE.search(line):
            return _tidy(line)
    candidates += [next(g for g in m.groups() if g) for m in titles]
    # Each line first, then the heading as one line (a title wrapped over two).
    for text in [*lines.split("\n"), " ".join(lines.split())]:
        for pattern in _MEETING_OF:
            candidates += [
                m.group(1)
                for m in pattern.finditer(text)
                if not _OTHER_MEETING.search(text[max(0, m.start() - 25) : m.start()])
            ]
    meetings = []
    for candidate in candidates:
        body = _strip_article(candidate.strip(" ,.-"))
        if council:
            body = _without(body, council)
        if not body or _VENUE.search(body) or re.search(r"\d", body) or len(body.split()) > 12:
            continue
        if _MEETING_NAME.fullmatch(body):
            # "Annual Meeting of the Parish Council": the "Annual Meeting".
            named = _OF_THE_COUNCIL.sub("", body)
            if not _kind_of_council_only(named):
                meetings.append(_tidy(named))
            continue
        body = re.sub(r"\s+meeting$", "", body, flags=re.IGNORECASE)
        if (
            _BODY_WORD.search(body)
            and not _KIND_OF_MEETING.match(body)
            and not _generic(body)
            # Cut at a line's end: "MEETING OF THE MUNICIPAL DISTRICT OF".
            and body.split()[-1].lower() not in _SMALL
        ):
            return _tidy(body)
    return max(meetings, key=len) if meetings else None


def _kind_of_council_only(name: str) -> bool:
    """ "Parish Council Meeting": the kind of council and nothing else."""
    words = set(re.sub(r"\bmeeting\b|\bcouncil\b", " ", name.lower()).split())
    return bool(words) and words <= _COUNCIL_TYPE


def _without(body: str, council: str) -> str:
    """``body`` with the council's name (and the "of" before it) taken out."""
    found = re.search(re.escape(council), body, re.IGNORECASE)
    if not found:
        return body
    rest = body[: found.start()] + body[found.end() :]
    rest = re.sub(r"\s+(?:of|of\s+the)\s*$", "", rest.strip(), flags=re.IGNORECASE)
    return " ".join(rest.split())


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
