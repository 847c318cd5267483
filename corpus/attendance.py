"""Who attended: the lists of members present, officers in attendance,
apologies and absences that open most minutes.

Minutes write them as a labelled line ("Present: Cllr A, Cllr B"), a label
and then one name a line ("MEMBERS PRESENT:" / "Councillor X" / ...), an
agenda item titled "Apologies" or "Present" with a bullet per name, or a
sentence ("Ms Y was in attendance for this item"). :func:`corpus.chunk.chunk`
makes each list one passage of kind ``attendance``; one passage a name would
outrank real answers in search.
"""

from __future__ import annotations

import re

# A label that opens a list: "Present:", "Members present", "Officials in
# attendance", "Apologies for absence were received from", "Absent:",
# "Roll call", Welsh "Yn bresennol" / "Ymddiheuriadau", Irish "I láthair".
_LABEL = r"""(?:
    (?:(?:councill?ors?|council\s+members|members?|officers?|officials|staff|others|also|public
        |press|committee\s+members|board\s+members|trustees|those|attendees
        |members\s+of\s+the\s+(?:public|press))\s+)?
      (?:present(?:\s+in\s+the\s+chair)?|in\s+attendance|attending)
  | (?:also\s+)?in\s+attendance | attendance | attendees?
  | (?:the\s+following\s+(?:were\s+)?)present
  | in\s+the\s+chair
  | apolog(?:ies|y)(?:\s+for\s+absence)?
  | (?:accepted\s+)?apologies(?:\s+for\s+absence)?
  | absent(?:\s+with(?:out)?\s+apologies)? | absences? | not\s+present
  | remote\s+attendance | (?:present|attending|participating)\s+(?:remotely|virtually|online)
  | roll\s+call(?!\s+vote)
  | (?:hefyd\s+)?yn\s+bresennol | presennol | ymddiheuriadau | yn\s+absennol
  | swyddogion(?:\s+yn\s+bresennol)?
  | i\s+láthair | leithscéalta
)"""
# After the label: a colon or dash, the end, a name, or "were received from".
_START = re.compile(
    rf"""^[\W_]*(?:\[!\w+\][-+]?\s*)?{_LABEL}
    (?:\s*(?:[:–—-]|$)|\s+(?=[A-Z(])|\s+(?:(?:were|was|have\s+been)\s+)?
        (?:received|recorded|submitted|noted|accepted|given|tendered|sent)\b|\s+from\b)""",
    re.IGNORECASE | re.VERBOSE,
)
# Agenda items whose minutes are the list itself.
_TITLE = re.compile(
    rf"^[\W\d_]*(?:{_LABEL}|attendance\s+and\s+apologies|apologies\s+and\s+attendance"
    r"|welcome\s+and\s+apologies|apologies\s+and\s+welcome|members\s+present)"
    r"(?:\s+(?:accepted|received|noted)(?:\s+from)?|\s+and\s+reasons?(?:\s+for\s+absence)?)?[\W_]*$",
    re.IGNORECASE | re.VERBOSE,
)
# "Ms Y (Head of Finance) was in attendance for this item.", "Cllr Z was
# also present.", "Councillors A and B attended remotely."
_SENTENCE = re.compile(
    r"\b(?:was|were)\s+(?:also\s+)?(?:in\s+attendance|present)\b(?!\s+(?:to|at|in|on|when)\b)"
    r"|\battended\s+(?:the\s+meeting|remotely|virtually|online|for\s+(?:this|the)\s+item)"
    r"|\b(?:sent|gave|tendered)\s+(?:their\s+|his\s+|her\s+)?apologies\b(?!\s+for\s+(?!absence))"
    r"|\bapologies\s+(?:were\s+)?(?:received|noted|accepted)\s+from\b",
    re.IGNORECASE,
)
_SENTENCE_WORDS = 45
# Words that may be written in lower case inside a list of names and roles.
_LIST_WORDS = {
    "and", "of", "the", "for", "de", "van", "von", "der", "la", "le", "da", "di", "du", "y",
    "with", "to", "in", "on", "from", "at", "chair", "vice", "clerk", "secretary", "treasurer",
    "mayor", "deputy", "member", "members", "officer", "councillor", "councillors", "ward",
    "item", "items", "only", "remotely", "online", "virtually", "part", "late", "left", "arrived",
    "none", "nil", "ex", "officio", "co-opted", "chairman", "chairperson", "attendance",
    "present", "an", "cathaoirleach", "apologies", "absent", "also", "staff", "officials",
}  # fmt: skip


# A person: a title, an initial ("H. Okafor"), or initials after a name ("Rob Boyd RB").
_PERSON = re.compile(
    r"\b(?:Cllr|Councill?or|Cr|Mr|Mrs|Ms|Miss|Dr|Mayor|Rev|Cynghorydd)\b\.?"
    r"|\b[A-Z]\.\s?[A-Z]|\b[A-Z]{2,3}\b(?!\.)"
)


def names_a_person(text: str) -> bool:
    """A title, an initial or initials: a name, not a heading ("Street Lights")."""
    return bool(_PERSON.search(text))


def opens_list(text: str) -> bool:
    """The block starts a list of who attended ("Present:", "Apologies ...")."""
    return bool(_START.match(text))


def attendance_title(title: str | None) -> bool:
    """An agenda item titled "Present", "Apologies for absence", "Attendance"."""
    return bool(title and _TITLE.match(title))


def is_attendance(text: str) -> bool:
    """The whole block is about attendance: a labelled list, or a short
    sentence saying who attended or sent apologies."""
    if opens_list(text):
        return True
    return len(text.split()) <= _SENTENCE_WORDS and bool(_SENTENCE.search(text))


def is_name_list(text: str) -> bool:
    """Names (with titles, initials and roles) and nothing else:
    "Councillor T. Ruddle, Cathaoirleach.", "Rob Boyd RB Kenny Combe KC",
    "Mr S. O'Connor, Senior Social Worker; Ms J. Hayes"."""
    if text.rstrip()[-1:] in "?!" or re.search(r"[.;:!?]\s+[a-z]", text):
        return False
    words = re.findall(r"[^\W\d_][\w’'.\-]*", text)
    if not words or len(words) > 250:
        return False
    lower = [w for w in words if w[0].islower() and w.lower().strip(".") not in _LIST_WORDS]
    capitals = sum(w[0].isupper() for w in words)
    # One role or remark in lower case is allowed ("M. Sandoval, resident").
    return capitals >= 1 and len(lower) <= max(1, len(words) // 8)
