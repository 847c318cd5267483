"""Tag passages as decisions, commitments or discussion.

Rules, not a model: minutes state decisions in a handful of set phrases
("RESOLVED that", "And Resolved:", "proposed by ... seconded by", "It was
agreed") and undertakings in a handful more ("would report back", "the Clerk
agreed to contact", "Members would be updated in due course"). Rules are
predictable, cheap and easy to audit against a hand-labelled sample.
"""

from __future__ import annotations

import re

from minutes_qa.corpus.model import Kind

_DECISION = re.compile(
    r"""
    ^\W*resolved\b                             # RESOLVED that / RESOLVED: / Resolved to
    | \band\s+resolved\b                       # And Resolved:
    | \bit\s+was\s+(?:\w+\s+)?(?:resolved|agreed|decided|approved)\b
    | \b(?:unanimously|duly)\s+(?:resolved|agreed|approved|carried)\b
    | \bproposed\b[^.]{0,120}\bseconded\b      # proposed by X, seconded by Y
    | \bon\s+the\s+proposal\s+of\b
    | \bmotion\s+(?:was\s+)?(?:carried|adopted|passed)\b
    | \b(?:members|councillors|the\s+(?:council|committee|board|panel|cabinet))
      \s+(?:\w+\s+)?(?:agreed|resolved|approved|decided)\b
    | \ball\s+(?:were\s+)?in\s+favour\b
    | \bseconded\b[^.]{0,100}\b(?:agreed|carried|approved)\b
    | \bprop(?:osed)?\.?\s+(?:by\s+)?\w+[,;]?\s+(?:2nd|sec(?:onded)?\.?)\b   # Prop. JB, 2nd KN
    | \bapproval\s+was\s+given\b | \b(?:was|were)\s+(?:duly\s+)?(?:carried|approved|adopted)\b
    | [-–]\s*carried\b
    """,
    re.IGNORECASE | re.VERBOSE,
)

# What is undertaken: report back, write to, circulate, look into ...
_ACTIONS = r"""(?:report(?:\s+back)?|write|contact|circulate|provide|confirm|investigate|look\s+into
    |chase|follow(?:\s+|-)?up|arrange|send|liaise|check|obtain|seek|speak|ask|update|respond
    |reply|forward|share|raise|pursue|clarify|explore|review|bring|organise|organize|discuss
    |inform|notify|find\s+out|establish|prepare|request|email|meet|progress|monitor|put|take)"""
# After "would"/"will" only verbs of reporting back count: "the scheme would
# provide ..." describes, "the Clerk would write to ..." undertakes.
_REPORTING = r"""(?:report(?:\s+back)?|write\s+to|contact|circulate|confirm|investigate|look\s+into
    |chase|follow(?:\s+|-)?up|liaise|check|speak\s+to|update|respond|reply|forward|clarify
    |inform|notify|find\s+out|email|revert|come\s+back)"""

_COMMITMENT = re.compile(
    rf"""
    \b(?:would|will|shall)\s+(?:be\s+)?(?:\w+\s+)?(?:updated|informed|advised|notified|circulated
        |reported\s+back|provided|brought\s+back|kept\s+informed)\b
    | \b(?:undert(?:ook|aken?)|promised|offered|volunteered)\s+to\b
    | \b(?:agreed|was\s+asked|were\s+asked|was\s+requested|were\s+requested)
      \s+to\s+{_ACTIONS}\b
    | \b(?:would|will)\s+{_REPORTING}\b
    | \bin\s+due\s+course\b
    | \b(?:clerk|officers?|chairman|chair|cllr\.?)\s+to\s+{_ACTIONS}\b
    | ^\s*action\s*[:\-]
    """,
    re.IGNORECASE | re.VERBOSE,
)

# A councillor's notice of a question or motion for the next meeting is not
# an undertaking: "I will ask at the next Meeting ...", "I will move ...".
_NOTICE = re.compile(
    r"\bI\s+will\s+(?:ask|move|raise)\b|\bwill\s+ask\s+at\s+the\s+next\b", re.IGNORECASE
)

# "It was agreed to write to the Minister" is the body's decision, even though
# a letter will follow; a named person agreeing to act is an undertaking.
_BODY_AGREED = re.compile(
    r"\b(?:it\s+was|members|councillors|the\s+(?:council|committee|board|panel))"
    r"\s+(?:\w+\s+)?(?:agreed|resolved|decided)\b",
    re.IGNORECASE,
)


_RESOLVED_FIRST = re.compile(r"^\W*(?:\(?\d{1,2}[.)]\s*)?(?:and\s+)?resolved\b", re.IGNORECASE)


_EXEMPT_TITLE = re.compile(
    r"\bexempt\b|\bconfidential\b|\bnot\s+for\s+publication\b|\bin\s+camera\b"
    r"|^\W*part\s+(?:ii|2)\b|\(\s*part\s+(?:ii|2)\s*\)"
    r"|\bpart\s+(?:ii|2)\s+(?:items?|business|minutes|reports?|session)\b",
    re.IGNORECASE,
)
# The Local Government Act 1972 resolution that starts Part II business:
# "the press and public be excluded ... likely disclosure of exempt information".
_EXCLUSION = re.compile(
    r"(?:press|public)\s+(?:and\s+(?:the\s+)?(?:press|public)\s+)?(?:be|were|was)\s+excluded"
    r"|exclu\w*\s+(?:of\s+)?the\s+(?:press|public)\b"
    r"|disclosure\s+of\s+exempt\s+information",
    re.IGNORECASE,
)


def exempt_title(title: str | None) -> bool:
    """An agenda item the minutes title as exempt ("Exempt Minutes of ...",
    "Part II - Land at ...", "Confidential: ...")."""
    # "Motion to exclude the press and public for exempt business" is itself public.
    return bool(title and _EXEMPT_TITLE.search(title) and not excludes_public(title))


def excludes_public(text: str) -> bool:
    """The resolution that excludes press and public: what follows it is exempt."""
    return bool(_EXCLUSION.search(text))


def classify(text: str) -> Kind:
    """The kind of one passage, from its own text."""
    if _RESOLVED_FIRST.match(text):
        return Kind.DECISION
    commitment = bool(_COMMITMENT.search(text)) and not _NOTICE.search(text)
    if commitment and not _BODY_AGREED.search(text):
        return Kind.COMMITMENT
    if _DECISION.search(text):
        return Kind.DECISION
    return Kind.COMMITMENT if commitment else Kind.DISCUSSION
