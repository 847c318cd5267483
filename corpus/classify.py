"""Tag passages as decisions, commitments or discussion.

Rules, not a model: minutes state decisions in a handful of set phrases
("RESOLVED that", "And Resolved:", "proposed by ... seconded by", "It was
agreed") and undertakings in a handful more ("would report back", "the Clerk
agreed to contact", "Members would be updated in due course"). Rules are
predictable, cheap and easy to audit against a hand-labelled sample.
"""

from __future__ import annotations

import re

from minutes_qa.corpus.attendance import is_attendance, opens_list
from minutes_qa.corpus.model import Kind

_DECISION = re.compile(
    r"""
    \band\s+resolved\b                         # And Resolved: / ... and RESOLVED
    | \bit\s+was\s+(?:\w+\s+)?(?:resolved|agreed|decided|approved|moved)\b
    | \b(?:unanimously|duly)\s+(?:resolved|agreed|approved|carried)\b
    | \bproposed\b[^.]{0,120}\bseconded\b      # proposed by X, seconded by Y
    | \bmoved\s+(?:by\b|that\b|to\b|the\b|approval\b|adoption\b)[^.]{0,200}
      (?:\.\s+[^.]{0,80})?\bseconded\b         # moved to accept ... . Cllr Y seconded
    | \bon\s+the\s+proposal\s+of\b
    | \bmotion\s+(?:was\s+)?(?:carried|adopted|passed|approved)\b
    | \b(?:it|the\s+motion)\s+(?:was\s+)?(?:passed|carried)\b
    | \b(?:passed|carried|moved|approved|adopted)\s*\(?\s*\d{1,2}\s*(?:-|–|to)\s*\d{1,2}\b  # 5-0
    | \bcarried\s+(?:unanimously|nem\.?\s*con)
    | \broll\s+call\s+vote\b | \b(?:ayes|yeas)\s*[:\-–]
    | \b(?:members|councill?ors|council\s+members|commissioners|trustees|all(?:\s+present)?
        |all\s+(?:members|councill?ors)(?:\s+present)?
        |the\s+(?:(?:parish|town|community|city|district|county|borough|full)\s+)?
          (?:council|committee|board|panel|cabinet|commission|meeting|sub-committee))
      \s+(?:\w+\s+){0,3}?(?:agreed|resolved|approved|decided|voted)\b
    | \bagreement\s+was\s+reached\b
    | \ball\s+(?:were\s+)?in\s+favou?r\b
    | \bseconded\b[^.]{0,100}\b(?:agreed|carried|approved)\b
    | \bprop(?:osed)?\.?\s+(?:by\s+)?\w+[,;]?\s+(?:2nd|sec(?:onded)?\.?)\b   # Prop. JB, 2nd KN
    | \bapproval\s+was\s+given\b
    | \b(?:was|were|is|are)\s+(?:duly\s+|unanimously\s+|formally\s+)?
      (?:carried|approved|adopted|agreed|ratified)\b(?!\s+(?:by|with)\s+(?:the\s+)?[A-Z])
    | [-–:]\s*(?:carried|approved|agreed)\b
    | \bbe\s+it\s+(?:further\s+)?resolved\b
    | \bpenderfynwyd\b | \bcytunwyd\b | \bcariwyd\b | \bcymeradwywyd\b   # Welsh
    | \bcynigiwyd\b[^.]{0,150}\beiliwyd\b
    | \bmolta\s+ag\b[^.]{0,150}\bcuidithe\s+ag\b | \bbeartaíodh\b          # Irish
    """,
    re.IGNORECASE | re.VERBOSE,
)
# Written in capitals, these are the formula itself wherever they stand:
# "...received.RESOLVED that", "CARRIED", eSCRIBE's "BE APPROVED".
_DECISION_CAPS = re.compile(
    r"\b(?:RESOLVED|CARRIED|AGREED|PENDERFYNWYD)\b"
    r"|\bBE\s+(?:APPROVED|AUTHORI[SZ]ED|DIRECTED|RECEIVED|ADOPTED|REFERRED|NOTED|INTRODUCED"
    r"|ENACTED|ENDORSED|REQUESTED|AMENDED|DEFERRED|APPOINTED|REAFFIRMED|SUPPORTED)\b"
)
# A decision reported rather than taken: "Cllr B said that the Council had
# agreed ...", "It was noted that the Board decided ...".
_REPORTED = re.compile(
    r"\b(?:said|says|stated|explained|recalled|reminded|pointed\s+out|advised|informed"
    r"|understood|believed|felt|claimed|suggested|asked|queried|wondered|argued|added"
    r"|noted\s+that|mentioned|remarked|indicated)\b",
    re.IGNORECASE,
)
# ... or not taken: "not seconded", "had agreed", "would approve".
_NOT_TAKEN = re.compile(
    r"\b(?:not|never|n't|no|had|has|have|would|could|should|might|may|will|to)"
    r"\s+(?:\w+\s+)?\w+$",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"[.!?](?=\s)")
_MOTION_FIRST = re.compile(
    r"^\W*(?:motion\s*[:\-–]|(?:motion|resolution)\s+(?:no\.?\s*)?[A-Z]{0,4}\s?[\d/\-.]+\w*\b"
    r"|[A-Z]{1,3}\d{2,4}-\d{1,4}\s+moved\b|resolution\s*[:\-–]|penderfynwyd\b|decision\s*[:\-–])",
    re.IGNORECASE,
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
    r"\b(?:it\s+was|members|councill?ors|all|the\s+(?:\w+\s+)?(?:council|committee|board|panel))"
    r"\s+(?:\w+\s+){0,3}?(?:agreed|resolved|decided)\b",
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


def decides(text: str) -> bool:
    """Does the text record a decision or motion of the meeting (not one
    reported from elsewhere, nor a motion that was not seconded)?"""
    if _RESOLVED_FIRST.match(text) or _MOTION_FIRST.match(text) or _DECISION_CAPS.search(text):
        return True
    for match in _DECISION.finditer(text):
        sentence = max((m.end() for m in _SENTENCE_END.finditer(text, 0, match.start())), default=0)
        if _REPORTED.search(text, sentence, match.start()) or _NOT_TAKEN.search(match.group()):
            continue
        return True
    return False


def classify(text: str) -> Kind:
    """The kind of one passage, from its own text."""
    if _RESOLVED_FIRST.match(text) or _MOTION_FIRST.match(text):
        return Kind.DECISION
    if opens_list(text) and not decides(text):
        return Kind.ATTENDANCE
    commitment = bool(_COMMITMENT.search(text)) and not _NOTICE.search(text)
    if commitment and not _BODY_AGREED.search(text):
        return Kind.COMMITMENT
    if decides(text):
        return Kind.DECISION
    if is_attendance(text):
        return Kind.ATTENDANCE
    return Kind.COMMITMENT if commitment else Kind.DISCUSSION
