"""What is not a passage: page furniture, and headings that are context.

Readers keep what a page holds; some of it is no point of the minutes:
"Download as pdf or txt", "Page 1 of 16", "Additional documents:", a lone
"e" or "23.", "Back to top", a logo's alt text. Those are dropped. A heading
alone ("Council Finances", "Matters Arising:") is no passage either: it is
the context (lead-in) of what follows it.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

_FURNITURE = re.compile(
    r"""^(?:
        download\s+(?:as\s+)?(?:pdf|txt|docx?|word|rtf)(?:\s+or\s+(?:pdf|txt|docx?|word|rtf))?
      | (?:page|pg\.?|tudalen)\s+\d{1,4}(?:\s+(?:of|o)\s+\d{1,4})?
      | \d{1,4}\s*(?:/|of)\s*\d{1,4}
      | additional\s+(?:documents?|votes?)\s*:? | accompanying\s+documents?\s*:? | documents?\s*:
      | back\s+to\s+(?:top|the\s+top|list) | top\s+of\s+page | print\s+(?:this\s+)?page
      | skip\s+to\s+(?:main\s+)?content | share\s+this\s+page | (?:click|tap)\s+here\b.*
      | original\s+(?:link|file|document) | view\s+(?:the\s+)?(?:original|pdf|document)
      | \(?image\s+omitted\)? | \[?image\]? | logo | .{0,60}\blogo(?:\s+image)?
      | view\s+the\s+full\s+minutes\s+text\s+for\s+item\s+\d+
      | items?\s*\|?\s*actions?(?:\s+by)? | item\s+action\s+by
      | respectfully\s+submitted | distribution\s*:.{0,150}
      | (?:signed|chair(?:man|person|woman)?(?:['’]s\s+signature)?|signature)\s*:?\s*[._…\s]*
        (?:date\s*:?\s*[._…\s]*)?
      | signed\s*[._…\s]*\(?chair(?:man|person|woman)?\)?
      | this\s+concluded\s+the\s+(?:business\s+of\s+the\s+)?meeting
      | (?:there\s+being\s+no\s+(?:further|other)\s+business,?\s+)?the\s+meeting\s+(?:then\s+)?
        (?:concluded|ended|closed|terminated)
      | scanned\s+page,?\s+text\s+may\s+contain\s+errors.*
      | (?:minutes|agenda)\s+published\s+on.{0,30}
      | (?:e-?mail|email\s+address|tel(?:ephone)?|phone|mobile|fax|web(?:site)?)
        \s*(?:no\.?)?\s*[:.]?
        \s*(?:[\w.+-]+@[\w-]+(?:\.[\w-]+)+|(?:https?://|www\.)\S+|[\d\s()+-]{6,})
    )[\s.:;,]*$""",
    re.IGNORECASE | re.VERBOSE,
)
# A date and nothing else: the signature's "August 13, 2018", a table's
# "23/04/2018".
_MONTHS = (
    r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
)
_DAYS = r"(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?"
_DATE_WORD = re.compile(
    rf"(?:{_DAYS}|{_MONTHS}|\d{{1,4}}(?:st|nd|rd|th)?|of|at|\d{{1,2}}[:.]\d{{2}}(?:[ap]m)?|[ap]\.?m\.?)",
    re.IGNORECASE,
)
# The label of a date alone: "Date: 5 November 2024", "Dated 7 May".
_DATE_LABEL = re.compile(r"^(?:date|dated|time|held\s+on)\s*:?\s*", re.IGNORECASE)
# A document's name as an eSCRIBE or SharePoint page lists it: "2025-02-24
# Staff Report - Declare Surplus", the ISO date of its file name first.
_FILE_NAME = re.compile(r"^\d{4}-\d{2}-\d{2}\s+\S(?:(?![.!?](?:\s|$)).){0,150}$")
_WORD = re.compile(r"[^\W\d_]{3,}")
# A heading: short, no sentence end, in title case or capitals, or ending
# in a colon. "None" and the like are answers, not headings.
MAX_HEADING_WORDS = 10
_AMOUNT = re.compile(r"[£$€]\s?\d")
_ANSWERS = {"none", "nil", "n/a", "noted", "agreed", "approved", "carried", "no", "yes"}
_SMALL = {"a", "an", "and", "as", "at", "by", "for", "from", "in", "of", "on", "or", "the", "to"}
# Headings under which every paragraph is a decision ("Decision:" on a
# ModernGov decision page, "Resolved:").
DECISION_HEADING = re.compile(
    r"^\W*(?:decisions?|resolutions?|resolved|penderfyniad(?:au)?|recommendations?\s+agreed)"
    r"\s*(?:made|taken)?\s*:?\s*$",
    re.IGNORECASE,
)


# A signature: "Chairman: Jane O Ritchie", "Chair J.O. Ritchie", "Signed
# ...... (Chairman)"; a name of at most four capitalised words after the title.
_NAME = r"(?-i:[A-Z][\w.'’-]*)"
_SIGNATURE = re.compile(
    rf"^(?:signed\s*:?\s*)?(?:chair(?:man|person|woman)?|signed)\s*[:.]?"
    rf"(?:\s+{_NAME}){{1,4}}\s*(?:\(?chair(?:man|person)?\)?)?[\s.]*$",
    re.IGNORECASE,
)
# The same signature run onto the end of the line before it ("... in the
# Village Hall. Chairman Jane O. Ritchie"), and a bare "Chairman:" there.
_SIGNATURE_TAIL = re.compile(
    rf"(?<=[.!?])\s+(?:chair(?:man|person|woman)?)\s*:?(?:\s+{_NAME}){{0,4}}[\s._…]*$",
    re.IGNORECASE,
)
# An answer alone says nothing without its heading, which the passage would
# not carry as text: "None.", "Nil", "N/A".
# "Correspondence - all previously circulated." says no more.
_LONE_ANSWER = re.compile(
    r"^(?:(?-i:[A-Z])[\w’']*(?:\s+[\w’']+){0,3}\s*[-–—:]\s*)?"
    r"(?:none|nil|n/?a|none\s+(?:received|declared|noted)|all\s+(?:previously\s+)?circulated"
    r"|nothing\s+to\s+report)[\s.]*$",
    re.I,
)
# The minutes' own heading written as a sentence: "Minutes of a Meeting held
# on Tuesday 2 February 2021 via Zoom", "A Parish Council meeting was held in
# the Village Hall ... on Tuesday, 2 April 2024", "*Held in Ayton Community
# Hall at 7:00pm.*", "MINUTES OF PROCEEDINGS AT ... HELD ON ...".
_MEETING_HEADER = re.compile(
    r"""^(?:
        (?:the\s+)?(?:minutes|proceedings|notes)\s+of\b.{0,160}\bheld\b
      | (?:a|an|the)\b.{0,80}\bmeeting\b.{0,80}\b(?:was|will\s+be)\s+held\b
      | held\s+(?:in|at|on|via|remotely|online)\b
    )""",
    re.IGNORECASE | re.VERBOSE,
)
HEADER_WORDS = 40


# Marks around a line that say nothing of what it is: quote, bold, table
# cell, heading, bullet.
_AROUND = " \t>*_|#-–—•·"


def _bare(text: str) -> str:
    return text.strip(_AROUND)


def is_junk(text: str) -> bool:
    """Site or page furniture, or too little to be a point of the minutes:
    no word of three letters ("e", "23.", "DS-186-20", "£61.20"), a date alone."""
    bare = _bare(text)
    undated = _DATE_LABEL.sub("", bare)
    return (
        not _WORD.search(bare)
        or bool(_FURNITURE.match(bare))
        or all(_DATE_WORD.fullmatch(w) for w in re.split(r"[\s,/\-]+|\.(?=\s|$)", undated) if w)
        or (bool(_FILE_NAME.match(bare)) and len(bare.split()) <= 16)
    )


def is_signature(text: str) -> bool:
    """ "Chairman: Jane O Ritchie", "Signed J. Smith": a signature line. Only
    outside a list of who attended, where "Chairman: Cllr Smith" is a name."""
    return bool(_SIGNATURE.match(_bare(text)))


def lone_answer(text: str) -> bool:
    """ "None.", "Nil": an answer that is no passage on its own."""
    return bool(_LONE_ANSWER.match(_bare(text)))


def is_meeting_header(text: str) -> bool:
    """The minutes' heading or venue line written out as a sentence; only at
    the top of a document is it the heading (further down, "The next meeting
    will be held on ..." is a point of the minutes)."""
    bare = _bare(text)
    if len(bare.split()) > HEADER_WORDS:
        return False
    if _MEETING_HEADER.match(bare):
        return True
    # "CO. LIMERICK, ON WEDNESDAY, 3RD APRIL, 2019, AT 10AM.": the heading's
    # last line, in capitals, with the date.
    letters = [c for c in bare if c.isalpha()]
    dated = re.search(rf"\b(?:{_DAYS}|{_MONTHS})\b", bare, re.IGNORECASE)
    return len(letters) >= 8 and all(c.isupper() for c in letters) and bool(dated)


def without_signature(text: str) -> str:
    """``text`` less a signature run onto its end."""
    return _SIGNATURE_TAIL.sub("", text)


def is_heading(text: str) -> bool:
    """A line that names what follows rather than saying anything:
    "Council Finances", "Matters Arising:", "5.1 Chairman's Report"."""
    text = text.strip(" *_")
    words = text.split()
    if not 0 < len(words) <= MAX_HEADING_WORDS or text[-1:] in ".;?!,":
        return False
    if text.strip(" :").lower() in _ANSWERS or re.search(r"[:|]|[.!?]\s", text.rstrip(" :")):
        return False
    if _AMOUNT.search(text):  # "Petty Cash £40.64" is a payment, not a heading
        return False
    if text.rstrip().endswith(":") and len(words) <= 3:
        return True
    letters = [c for c in text if c.isalpha()]
    if len(letters) >= 4 and all(c.isupper() for c in letters):
        return True
    long_words = [w for w in words if w[:1].isalpha() and w.lower() not in _SMALL]
    capitals = sum(w[0].isupper() for w in long_words)
    return bool(long_words) and long_words[0][0].isupper() and 3 * capitals >= 2 * len(long_words)


def key(text: str) -> str:
    """Two lines that differ only in numbers, case or spacing are one line."""
    return re.sub(r"\d+", "#", " ".join(text.lower().split()))


def repeated_within(texts: Sequence[str], times: int = 3, max_words: int = 12) -> set[str]:
    """Keys of the short lines a document repeats ``times`` or more: running
    headers and footers that survived the reader ("Council Meeting Minutes -
    Wednesday, 8 October 2025")."""
    # A header is a title, even with a full stop ("... Minutes - 8 May 2025.");
    # a sentence said three times is still minutes.
    counts = Counter(
        key(t) for t in texts if len(t.split()) <= max_words and is_heading(t.rstrip(". "))
    )
    return {k for k, n in counts.items() if n >= times and k.strip(" .").lower() not in _ANSWERS}
