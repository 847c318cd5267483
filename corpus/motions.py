"""The lines of one motion joined into one decision passage.

Minutes write a motion over several lines, in many house styles:

- UK and Irish: "Proposed by Cllr A;" / "Seconded by Cllr B;" / "And
  Resolved:" / "“That ...”", or "... and RESOLVED" / "That the minutes ...";
  "AND AGREED" on a line of its own;
- Canadian: "Motion No. C25-3" / "Moved by A, Seconded by B" / "Be it
  resolved that ..." / "Carried."; "R2020-185 Moved by ..., Seconded by ...";
- eSCRIBE: "Moved by A" / "Seconded by B" / "That ... BE APPROVED" / the
  vote / "Motion Passed (4 to 0)";
- US: "Motion: ... moved ... seconded ... motion passed 5-0", "Roll call
  vote: Ayes ...";
- Welsh: "Cynigiwyd gan ..." / "Eiliwyd gan ..." / "PENDERFYNWYD: ...".

A motion opens at its header or mover, takes in the seconder, the wording,
the vote and the outcome, and closes at the outcome. Its lettered clauses
("a) the report BE RECEIVED") stay passages of their own, decisions that
hang from the motion's wording (their lead-in).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from minutes_qa.corpus.classify import decides
from minutes_qa.corpus.model import Form, Kind
from minutes_qa.corpus.outline import Outline
from minutes_qa.corpus.text import last_sentence

_PERSON = r"(?:by\b|[:\-–]|\s*(?:Cr|Cllr|Councill?or|Mayor|Deputy|Alderman|Mr|Mrs|Ms|Dr)\b)"
_OPENS = re.compile(
    rf"""^[\W_]*(?:
        (?:motion|resolution)\s+(?:no\.?\s*|number\s*)?[A-Z]{{0,4}}\s?\d[\w/\-.]*\s*[:.\-–]?\s*$
      | resolution\s*[:\-–]?\s*$ | resolution\s+[A-Z]{{0,4}}\s?\d[\w/\-.]*
      | [A-Z]{{1,3}}\d{{2,4}}-\d{{1,4}}\b
      | (?:it\s+was\s+)?(?:moved|proposed)\s*{_PERSON} | motion\s+(?:made|moved)\s+by\b
      | (?:proposer|mover|prop\.?)\s*[:\-–]
      | motion\s*[:\-–]
      | cynigiwyd\b | cynigydd\s*: | molta\s+ag\b
    )""",
    re.IGNORECASE | re.VERBOSE,
)
# A formula with its wording on the next line: "RESOLVED", "Resolved
# 15/01/12.02", "Decision:", or a line ending "... and RESOLVED:".
_FORMULA_ONLY = re.compile(
    r"^[\W_]*(?:(?:and\s+)?(?:it\s+was\s+)?(?:resolved|penderfynwyd|decision|resolution)"
    r"(?:\s+unanimously)?(?:\s+[\d/.\-]+)?\s*[:\-–]?|(?:agreed|cytunwyd)\s*:)\s*$",
    re.IGNORECASE,
)
_ENDS_FORMULA = re.compile(
    r"\b(?:and\s+)?(?:it\s+was\s+)?(?:resolved|agreed|penderfynwyd|cytunwyd)\s*[:\-–.]?\s*$",
    re.IGNORECASE,
)
_CONTINUES = re.compile(
    r"""^[\W_]*(?:
        seconded\b | seconder\b | 2nd\b | eiliwyd\b | eilydd\b | cuidithe\b
      | (?:it\s+was\s+)?(?:moved|proposed)\b | motion\s+(?:made|moved)\s+by\b
      | (?:and\s+|further\s+)?resolved\b | penderfynwyd\b | that\b | to\s+[a-z]
      | be\s+it\s+(?:further\s+)?resolved\b | and\s+(?:that|further|be\s+it)\b | now\s+therefore
      | whereas\b | it\s+being\s+(?:noted|understood)\b | motion\s+to\b
      | (?:recorded\s+|roll[\s-]+call\s+)?votes?\b | voting\b | yeas?\b | nays?\b | ayes?\b | noes\b
      | for\s*[:\-–(\d] | against\s*[:\-–(\d] | abstain | abstentions?\b | in\s+favou?r
      | carried\b | lost\b | defeated\b | failed\b | withdrawn\b | passed\b | it\s+passed\b
      | (?:the\s+)?motion\s+(?:was\s+)?(?:passed|carried|lost|failed|defeated|adopted|approved)
      | (?:and\s+)?agreed\b | cytunwyd\b | cariwyd\b | unanimously\b
      | [“"'‘]
    )""",
    re.IGNORECASE | re.VERBOSE,
)
# The outcome: a line that states it ("Carried.", "AND AGREED", "Motion
# Passed (4 to 0)"), or a motion's last words ("... Carried.").
_OUTCOME = (
    r"(?:carried|lost|defeated|failed|withdrawn|(?:it\s+)?passed|cariwyd|cytunwyd"
    r"|(?:the\s+)?motion\s+(?:was\s+)?(?:passed|carried|lost|failed|defeated|adopted|approved))\b"
)
_CLOSES = re.compile(
    rf"^[\W_]*(?:{_OUTCOME}|(?:and\s+)?agreed\b(?!\s*:))|\b{_OUTCOME}[\w\s\-–().,]{{0,30}}$",
    re.IGNORECASE,
)
_WORDING = re.compile(r"""^[\W_]*(?:that\b|to\s+[a-z]|[“"'‘])""", re.IGNORECASE)
_VOTE = re.compile(
    r"^[\W_]*(?:(?:recorded\s+|roll[\s-]+call\s+)?votes?\b|voting\b|yeas?\b|nays?\b|ayes?\b"
    r"|for\s*[:\-–(\d]|against\b|abstain|carried\b|lost\b|motion\s+\w+\s*(?:\(|$)|agreed\b)",
    re.IGNORECASE,
)
_CLAUSE = re.compile(r"^[\W_]*\(?(?:(?:[a-z]{1,2}|[ivxl]{1,6}|\d{1,2})[.)]|[A-Z]\))\s*\S")
_INTRODUCES = re.compile(r"(?:[:;–—-]\s*$|\bfollowing\b[^.]*$|\bas follows\b)", re.IGNORECASE)
MAX_MOTION_WORDS = 200
SHORT = 25
# A list joined to the paragraph that introduces it stays one passage up to
# this many words (the model reads about 190); its points each at most
# POINT_WORDS: longer points are passages of their own with the lead-in.
LIST_WORDS = 150
POINT_WORDS = 30


@dataclass(slots=True)
class Unit:
    """A block on its way to becoming a passage: its text, form, and the
    kind and lead-in where the joining already knows them."""

    text: str
    form: Form = Form.PARAGRAPH
    kind: Kind | None = None
    lead_in: str | None = None


def join_motions(units: list[Unit]) -> list[Unit]:
    """The lines of each motion joined into one decision unit; its clauses
    decisions of their own with the motion's wording as lead-in."""
    out: list[Unit] = []
    head: Unit | None = None
    wording = ""  # the motion's own words so far, for its clauses' lead-in
    clause_lead: str | None = None
    outline = Outline()  # the open motion's clauses, for sub-clauses' lead-ins
    due = False  # the outcome came first; the wording may follow
    tail: Unit | None = None  # the piece of the open motion that takes its next lines
    listing = False  # the open motion introduced a list and took in its first points
    for unit in units:
        text = unit.text
        if head is not None and due:
            # "... AND AGREED" / "That the Clerk ...": the wording after the outcome.
            due = False
            if _WORDING.match(text):
                head.text, wording = _joined(head.text, text), text
                head = None if _CLOSES.search(text) else head
                continue
            head = None
        if head is not None:
            if _CLAUSE.match(text) or unit.form is Form.BULLET:
                if (
                    listing
                    or head.text.rstrip().endswith(":")
                    or clause_lead
                    or _INTRODUCES.search(head.text)
                ):
                    # Clauses join the motion while it fits the model's window;
                    # then a piece of whole clauses with the wording as lead-in.
                    tail = tail or head
                    parent = outline.place(text)
                    if _fits(tail.text, text):
                        tail.text, listing = joined_point(tail.text, unit), True
                    else:
                        lead = parent or last_sentence(wording)
                        tail = Unit(text, unit.form, Kind.DECISION, lead)
                        out.append(tail)
                    if text.rstrip().endswith(":"):
                        clause_lead = text
                    continue
            elif ((tail or head).text.rstrip().endswith(":") or text[:1].islower()) and not _opens(
                text
            ):
                # "... BE AMENDED to read as follows:" and the words it quotes;
                # "on the condition that ..." going on after a list of clauses.
                target = tail or head
                if _fits(target.text, text):
                    target.text = _joined(target.text, text)
                else:
                    tail = Unit(text, unit.form, Kind.DECISION, last_sentence(wording))
                    out.append(tail)
                head.kind = Kind.DECISION
                continue
            elif _FORMULA_ONLY.match(head.text) or _CONTINUES.match(text):
                target = tail or head
                if _words(target.text) + _words(text) <= MAX_MOTION_WORDS or _words(text) <= SHORT:
                    target.text = _joined(target.text, text)
                else:
                    out.append(Unit(text, unit.form, Kind.DECISION, last_sentence(wording)))
                if not _VOTE.match(text):
                    wording = text
                head.kind = Kind.DECISION
                if _ENDS_FORMULA.search(text):
                    due = True
                elif _CLOSES.search(text) and not text.rstrip().endswith(":"):
                    head, clause_lead = None, None
                continue
            head, clause_lead = None, None
        if unit.form is Form.PARAGRAPH and _opens(text):
            head, tail, listing = Unit(text, unit.form, unit.kind, unit.lead_in), None, False
            wording, outline = text, Outline()
            out.append(head)
            if _CLOSES.search(text) and not _FORMULA_ONLY.match(text) and not text.endswith(":"):
                head = None
            continue
        previous = out[-1] if out else None
        if (
            previous is not None
            and outcome_alone(text)
            and (
                previous.kind is Kind.DECISION
                or decides(previous.text)
                or _WORDING.match(previous.text)
            )
        ):
            # "Carried." / "Motion Passed (4 to 1)" after a decision the formulas
            # did not keep open: its outcome.
            previous.text, previous.kind = _joined(previous.text, text), Kind.DECISION
            continue
        out.append(unit)
    return out


def outcome_alone(text: str) -> bool:
    """A motion's outcome or vote on its own line: "Carried.", "Motion Failed (1 to 4)"."""
    return _words(text) <= 12 and bool(_CLOSES.match(text) or _VOTE.match(text))


def is_clause(text: str) -> bool:
    """A lettered or numbered clause of a motion or list: "a) the report BE
    RECEIVED", "(ii) ...", "3. ..."."""
    return bool(_CLAUSE.match(text))


def is_motion_line(text: str) -> bool:
    """A line of a motion's formula ("Seconded by Cllr B", "Carried."): a
    document repeats these, but they are no running header."""
    return bool(_OPENS.match(text) or _CONTINUES.match(text) or _FORMULA_ONLY.match(text))


def _opens(text: str) -> bool:
    if _OPENS.match(text) or _FORMULA_ONLY.match(text) or _ENDS_FORMULA.search(text):
        return True
    # "RESOLVED that the Committee:" / "That, on the recommendation ..., the
    # following actions be taken:" followed by its clauses.
    return bool(_INTRODUCES.search(text)) and decides(text)


def _joined(head: str, line: str) -> str:
    """ "Moved by A" + "Seconded by B" → "Moved by A; Seconded by B"."""
    if head.rstrip()[-1:] in ".,;:–-—":
        return f"{head} {line}"
    return f"{head}: {line}" if _ENDS_FORMULA.search(head) else f"{head}; {line}"


def joined_point(text: str, point: Unit) -> str:
    """A list's point after what comes before it: "• " marks a bullet that
    carries no letter or number of its own."""
    mark = " • " if point.form is Form.BULLET and not is_clause(point.text) else " "
    return f"{text.rstrip()}{mark}{point.text.strip()}"


def _fits(head: str, point: str) -> bool:
    return _words(head) + _words(point) <= LIST_WORDS


def _words(text: str) -> int:
    return len(text.split())
