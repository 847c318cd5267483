"""Lists of the minutes: a paragraph that introduces points and its points
as one passage, a run of short fragments (a table's rows, "Face painting" /
"Food van") as one passage. :func:`corpus.chunk.chunk` calls these once
kinds and lead-ins are known."""

from __future__ import annotations

import re

from minutes_qa.corpus.classify import decides
from minutes_qa.corpus.model import Form, Kind
from minutes_qa.corpus.motions import LIST_WORDS, POINT_WORDS, Unit, is_clause, joined_point
from minutes_qa.corpus.text import last_sentence

# Fragments that add up to no more than this hang from the paragraph before
# them even when it does not end "... the following:".
SHORT_LIST_WORDS = 60
# Lines of up to this many words, with no sentence end, are fragments: a run
# of them under one lead-in is one list.
FRAGMENT_WORDS = 12
ROW_WORDS = 30
NUMBERED = re.compile(r"^\(?(?:\d{1,2}(?:\.\d{1,2})+|\d{1,2}[.)]|[a-h][.)]|[ivx]{1,5}\))\s+")
_RANK = {Kind.DECISION: 3, Kind.COMMITMENT: 2, Kind.DISCUSSION: 1}
# A paragraph that introduces a list: "... highlighted the following:",
# "... which included the following;", "The key points were -".
# Also with a full stop where the minutes meant a colon: "... the following
# points were made by Members.", "In response to questions, it was said."
INTRODUCES = re.compile(
    r"(?:[:;–—-]\s*$|\bfollowing\b[^.]*$|\bas follows\b|\binclud\w*\s*$"
    r"|\bthe following\b[^.]*\.$|\bit was (?:said|noted|stated|reported|explained)(?: that)?\.$)",
    re.IGNORECASE,
)
# A lettered point: "(a)", "b)", "(iii)"; numbered paragraphs are the
# minutes' own ("5. Further to questions ...").
LETTERED = re.compile(r"^\(?(?:[a-h]|[ivx]{1,5})\)\s+")


def dangles(unit: Unit, after: Unit | None, form: Form = Form.PARAGRAPH) -> bool:
    """A paragraph that stops mid-sentence before a line that carries on in
    lower case ("HL reported on" / "the 20mph speed limit ..."): the lead-in
    of a list whose points have no marks."""
    return (
        unit.text.rstrip()[-1:].isalpha()
        and after is not None
        and after.form is form
        and strip_mark(after.text).lstrip(" *_")[:1].islower()
    )


def join_lists(units: list[Unit]) -> list[Unit]:
    """A paragraph that introduces a list of short points ("The Council
    agreed:", "RESOLVED that Cabinet agree to:") and its points as one
    passage: a lead-in alone says nothing, and "protecting the most
    vulnerable" says little more. A list longer than :data:`LIST_WORDS` is
    cut between points, each piece with the introducing sentence as its
    lead-in. Points of more than :data:`POINT_WORDS` words stay passages of
    their own (:mod:`corpus.chunk` gave them that lead-in)."""
    out: list[Unit] = []
    n = 0
    while n < len(units):
        head = units[n]
        stop = n + 1
        while stop < len(units) and _is_point(units[stop]):
            stop += 1
        points = units[n + 1 : stop]
        if not points or not _introduces(head, points):
            if not (points and _stranded(head, points)):
                out.append(head)
            n += 1
            continue
        current = Unit(head.text, head.form, head.kind, head.lead_in)
        members = [head]
        for point in points:
            if words(current.text) + words(point.text) > LIST_WORDS:
                out.append(_ranked(current, members))
                lead = point.lead_in or last_sentence(head.text)
                current, members = Unit(point.text, point.form, point.kind, lead), []
            else:
                current.text = joined_point(current.text, point)
            members.append(point)
        out.append(_ranked(current, members))
        n = stop
    return out


def _stranded(head: Unit, points: list[Unit]) -> bool:
    """A lead-in alone ("3) Further to questions from Members, it was
    noted:") whose points, too long to join, carry it as their lead-in: it
    is no passage of its own."""
    return (
        head.kind is not Kind.ATTENDANCE
        and bool(INTRODUCES.search(head.text))
        and one_sentence(head.text)
        and _bare(points[0].lead_in or "") == _bare(last_sentence(head.text))
    )


def without_carried(units: list[Unit]) -> list[Unit]:
    """A point that only opens the points after it ("d) the Site Plan
    Approval Authority BE REQUESTED to consider the following:"), when the
    next carries all of it as its lead-in: shown there, it is no passage of
    its own."""
    return [
        unit
        for unit, after in zip(units, [*units[1:], None], strict=False)
        if after is None
        or unit.kind is Kind.ATTENDANCE
        or not unit.text.rstrip().endswith(":")
        or _bare(after.lead_in or "") != _bare(unit.text)
    ]


def one_sentence(text: str) -> bool:
    """The text is one sentence, but for the paragraph's own number ("5. ...")."""
    return _bare(NUMBERED.sub("", text, count=1)) == _bare(last_sentence(text))


def _bare(text: str) -> str:
    return " ".join(text.split()).rstrip(" :.")


def join_fragments(units: list[Unit]) -> list[Unit]:
    """A run of short fragments under one lead-in ("Business Continuity
    Plan" / "Farm Business Tenancy", "Petty Cash £40.64" / "District Audit
    £190.35", "Face painting" / "Food van") as one passage: each alone says
    nothing, and they are one list of the minutes."""
    out: list[Unit] = []
    run: list[Unit] = []

    def flush() -> None:
        if len(run) > 1:
            joined = Unit(run[0].text.strip(), run[0].form, run[0].kind, run[0].lead_in)
            for fragment in run[1:]:
                joined.text = f"{joined.text.rstrip(' ;,')}; {strip_mark(fragment.text)}"
            out.append(joined)
        else:
            out.extend(run)
        run.clear()

    for unit in units:
        if _fragment(unit) and (
            not run
            or (unit.lead_in == run[0].lead_in and sum(words(u.text) for u in run) < LIST_WORDS)
        ):
            run.append(unit)
            continue
        flush()
        if _fragment(unit):
            run.append(unit)
        else:
            out.append(unit)
    flush()
    return out


def _fragment(unit: Unit) -> bool:
    text = unit.text.strip(" *_")
    row = " | " in text  # a table's row: "Payee | Cheque No | Net | VAT | Gross"
    return (
        unit.kind is Kind.DISCUSSION
        and words(text.replace(" | ", " ")) <= (ROW_WORDS if row else FRAGMENT_WORDS)
        and text[-1:] not in ".!?:"
        and not decides(text)
    )


def _is_point(unit: Unit) -> bool:
    return unit.kind is not Kind.ATTENDANCE and (unit.form is Form.BULLET or is_clause(unit.text))


def _introduces(head: Unit, points: list[Unit]) -> bool:
    if head.kind is Kind.ATTENDANCE or head.form is not Form.PARAGRAPH:
        return False
    if any(words(p.text) > POINT_WORDS for p in points):
        return False
    if INTRODUCES.search(head.text) or dangles(head, points[0], Form.BULLET):
        return True
    # Fragments ("protecting the most vulnerable") are the paragraph's list
    # even without "the following:"; sentences may be points of their own.
    short = sum(words(p.text) for p in points) <= SHORT_LIST_WORDS
    return short and all(
        p.form is Form.BULLET and p.text.rstrip()[-1:] not in ".!?" for p in points
    )


def _ranked(unit: Unit, members: list[Unit]) -> Unit:
    """A list is a decision when any of its points is one."""
    kinds = [m.kind for m in members if m.kind is not None]
    if kinds:
        unit.kind = max(kinds, key=lambda k: _RANK.get(k, 0))
    return unit


def words(text: str) -> int:
    return len(text.split())


def strip_mark(text: str) -> str:
    return text.lstrip("•·▪●‣∙-* ").strip()
