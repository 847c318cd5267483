"""Per-bullet chunking: agenda items of blocks → passages with context and kinds."""

from __future__ import annotations

import dataclasses
import hashlib
import re

from minutes_qa.corpus.attendance import (
    attendance_title,
    is_attendance,
    is_name_list,
    names_a_person,
    opens_list,
)
from minutes_qa.corpus.classify import classify, decides, excludes_public, exempt_title
from minutes_qa.corpus.junk import (
    DECISION_HEADING,
    is_heading,
    is_junk,
    is_signature,
    key,
    lone_answer,
    repeated_within,
    without_signature,
)
from minutes_qa.corpus.model import AgendaItem, Form, Kind, MeetingInfo, Passage
from minutes_qa.corpus.motions import (
    LIST_WORDS,
    POINT_WORDS,
    Unit,
    is_clause,
    is_motion_line,
    join_motions,
    joined_point,
)
from minutes_qa.corpus.text import last_sentence

# Up to this many words, a line of names joins the names before it.
NAME_WORDS = 10
# Fragments that add up to no more than this hang from the paragraph before
# them even when it does not end "... the following:".
SHORT_LIST_WORDS = 60
# A line without a bullet mark under "... the following:" is one of its
# points up to this many words.
UNMARKED_POINT_WORDS = 40
# Lines of up to this many words, with no sentence end, are fragments: a run
# of them under one lead-in is one list.
FRAGMENT_WORDS = 12
ROW_WORDS = 30
_NUMBERED = re.compile(r"^\(?(?:\d{1,2}(?:\.\d{1,2})+|\d{1,2}[.)]|[a-h][.)]|[ivx]{1,5}\))\s+")
_RANK = {Kind.DECISION: 3, Kind.COMMITMENT: 2, Kind.DISCUSSION: 1}
# A paragraph that introduces a list: "... highlighted the following:",
# "... which included the following;", "The key points were -".
_INTRODUCES = re.compile(
    r"(?:[:;–—-]\s*$|\bfollowing\b[^.]*$|\bas follows\b|\binclud\w*\s*$)", re.IGNORECASE
)


def fingerprint(meeting: MeetingInfo, passages: list[Passage]) -> str:
    """A content hash of a document: the same minutes give the same value.

    The meeting's council, committee and date are part of it, so that the
    boilerplate that recurs at every meeting ("RESOLVED that the minutes be
    signed") stays one document per meeting; the title and URL are not,
    because a repost of the same minutes carries another headline and address.
    Everything derived from the text (kinds, lead-ins) is part of it too, so
    that a better reader re-ingests what it now reads differently.
    """
    digest = hashlib.sha256()
    for field in (meeting.council, meeting.committee, meeting.date):
        digest.update((field or "").encode() + b"\x1f")
    for p in passages:
        digest.update(
            "\x1e".join(
                [
                    p.item_number or "",
                    p.item_title or "",
                    p.form,
                    p.kind,
                    p.lead_in or "",
                    p.text,
                    str(p.restricted),
                ]
            ).encode()
            + b"\x1d"
        )
    return digest.hexdigest()


def passage_id(doc_id: str, position: int) -> str:
    """Stable and readable: the document fingerprint and the position."""
    return f"{doc_id[:16]}-{position}"


def with_ids(doc_id: str, passages: list[Passage]) -> list[Passage]:
    return [dataclasses.replace(p, id=passage_id(doc_id, p.position)) for p in passages]


def chunk(
    items: list[AgendaItem], visibility: str | None = None, drop: frozenset[str] = frozenset()
) -> list[Passage]:
    """Every bullet and every paragraph becomes one passage, except:

    - page furniture and lines the document repeats as running headers are
      dropped (:mod:`corpus.junk`);
    - a heading alone is no passage but the lead-in of what follows it;
    - a list of who attended is one ``attendance`` passage
      (:mod:`corpus.attendance`), never one passage per name;
    - the lines of one motion are one decision passage, its lettered
      clauses decisions hanging from it (:mod:`corpus.motions`);
    - lines and headings whose key (:func:`corpus.junk.key`) is in ``drop``
      (what the archive repeats, :mod:`corpus.boilerplate`) are dropped.

    A bullet hangs from the last sentence of the paragraph just before its
    run of bullets (the lead-in: "... highlighted the following:").

    Passages are restricted when ``visibility`` is "restricted", when their
    item is, and, unless ``visibility`` is "public", when the minutes mark
    them exempt: an item titled as exempt / Part II / confidential, and
    everything after a resolution to exclude the press and public.
    """
    # Running headers are discussion; a repeated "RESOLVED 15/01/12" is not one.
    texts = [b.text for item in items for b in item.blocks]
    repeats = repeated_within(
        [t for t in texts if classify(t) is Kind.DISCUSSION and not is_motion_line(t)]
    )
    passages: list[Passage] = []
    excluded = False
    for item_index, item in enumerate(items):
        exempt_item = visibility != "public" and exempt_title(item.title)
        for unit in _units(item, repeats, drop):
            passages.append(
                Passage(
                    id="",  # given by with_ids once the document's fingerprint is known
                    position=len(passages),
                    kind=unit.kind or classify(unit.text),
                    form=unit.form,
                    text=unit.text,
                    item_index=item_index,
                    item_number=item.number,
                    item_title=item.title,
                    lead_in=unit.lead_in,
                    restricted=visibility == "restricted"
                    or item.restricted
                    or exempt_item
                    or excluded,
                )
            )
            if visibility != "public" and excludes_public(unit.text):
                excluded = True
    return passages


def _units(item: AgendaItem, repeats: set[str], drop: frozenset[str]) -> list[Unit]:
    units = [
        Unit(without_signature(b.text), b.form)
        for b in item.blocks
        if not is_junk(b.text) and key(b.text) not in repeats
    ]
    units = _join_names(join_motions(_attendance(units, attendance_title(item.title))))
    # "None." and signatures are dropped once the lists of who attended have
    # taken theirs in ("Apologies: None", "PRESENT IN THE CHAIR: Mayor X").
    units = [
        u for u in units if u.kind is not None or not (lone_answer(u.text) or is_signature(u.text))
    ]
    # What the archive repeats is dropped once lists and motions have taken
    # in their own lines: a name in every attendance list is no letterhead.
    return _join_fragments(
        _join_lists(
            _with_context([u for u in units if u.kind is not None or key(u.text) not in drop])
        )
    )


def _attendance(units: list[Unit], titled: bool) -> list[Unit]:
    """A list of who attended, over however many blocks, as one unit.

    ``titled``: the item itself is the list ("Present", "Apologies"), so its
    opening blocks of names belong to it without a label of their own."""
    out: list[Unit] = []
    current: Unit | None = None
    # After a bare label ("Present", "MEMBERS PRESENT:") any line of names
    # belongs to the list; after names, only a line that names a person, so
    # that a heading ("Emergency Evacuation") is not taken in.
    bare = titled
    for unit in units:
        text = unit.text
        starts = opens_list(text) and not decides(text)
        names = is_name_list(text)
        if current is None and (starts or (titled and (names or is_attendance(text)))):
            current = Unit(text, Form.PARAGRAPH, Kind.ATTENDANCE)
            out.append(current)
        elif current is not None and (
            starts
            or (names and (bare or "," in text or names_a_person(text)))
            or (titled and is_attendance(text))
        ):
            joint = " " if current.text.rstrip()[-1:] in ",;:" else "; "
            current.text = f"{current.text.rstrip()}{joint}{_strip_mark(text)}"
        else:
            current, titled = None, False
            out.append(unit)
            continue
        bare = starts and attendance_title(text) or (bare and names and not starts)
    return out


def _join_names(units: list[Unit]) -> list[Unit]:
    """A run of names one a line ("H. Froussios, Zelinka Priamo;" / "J.
    Gaudet, MHBC;" who spoke at a hearing) as one unit: a name alone is no
    passage."""
    out: list[Unit] = []
    for unit in units:
        previous = out[-1] if out else None
        if (
            previous is not None
            and _one_name(unit)
            and _one_name(previous, allow_joined=True)
            and previous.form is unit.form
            and previous.kind is unit.kind
        ):
            previous.text = f"{previous.text.rstrip(' ;,')}; {_strip_mark(unit.text)}"
            continue
        out.append(unit)
    return out


def _one_name(unit: Unit, allow_joined: bool = False) -> bool:
    words = len(unit.text.split())
    if not (words <= NAME_WORDS or allow_joined) or not is_name_list(unit.text):
        return False
    return names_a_person(unit.text)


def _with_context(units: list[Unit]) -> list[Unit]:
    """Kinds and lead-ins: a heading alone becomes the lead-in of what
    follows it; a bullet hangs from the paragraph that introduces it, and is
    a decision when that paragraph is one."""
    out: list[Unit] = []
    heading: str | None = None
    under_decision = False
    intro: Unit | None = None
    listing = False  # under "... the following:", short title-like lines are its points
    unmarked_run = False  # the unit before was a list's lead-in or a point without a mark
    for n, unit in enumerate(units):
        titled = unit.kind is None and (
            (unit.form is Form.PARAGRAPH and _is_heading(unit.text)) or _sub_heading(units, n)
        )
        if listing and titled:
            unit, titled = Unit(unit.text, Form.BULLET, unit.kind, unit.lead_in), False
        listing = bool(_INTRODUCES.search(unit.text)) or (
            listing and (unit.form is Form.BULLET or bool(_NUMBERED.match(unit.text)))
        )
        if titled:
            if n + 1 < len(units):  # a heading with nothing under it is dropped
                heading = unit.text.strip(" :*_")
                under_decision = bool(DECISION_HEADING.match(unit.text))
                intro = None
            continue
        unmarked = _point_of(intro, unit, unmarked_run)
        if unmarked:
            unit = Unit(unit.text, Form.BULLET, unit.kind, unit.lead_in)
        kind = unit.kind or classify(unit.text)
        if under_decision and kind is Kind.DISCUSSION:
            kind = Kind.DECISION
        lead_in = unit.lead_in
        if unit.form is Form.BULLET:
            if intro is not None and intro.kind is Kind.DECISION and kind is Kind.DISCUSSION:
                kind = Kind.DECISION
            lead_in = lead_in or (last_sentence(intro.text) if intro else None)
        else:
            after = units[n + 1] if n + 1 < len(units) else None
            intro = unit if _INTRODUCES.search(unit.text) or _dangles(unit, after) else None
        # A numbered point ends a run of unmarked ones: what follows its list
        # without a number is the minutes going on ("The meeting closed at 9pm.").
        unmarked_run = unit is intro or (unmarked and not _NUMBERED.match(unit.text))
        out.append(Unit(unit.text, unit.form, kind, lead_in or heading))
        if intro is unit:
            intro.kind = kind
    return out


def _dangles(unit: Unit, after: Unit | None, form: Form = Form.PARAGRAPH) -> bool:
    """A paragraph that stops mid-sentence before a line that carries on in
    lower case ("HL reported on" / "the 20mph speed limit ..."): the lead-in
    of a list whose points have no marks."""
    return (
        unit.text.rstrip()[-1:].isalpha()
        and after is not None
        and after.form is form
        and _strip_mark(after.text).lstrip(" *_")[:1].islower()
    )


def _point_of(intro: Unit | None, unit: Unit, in_run: bool) -> bool:
    """A paragraph that is a point of the list ``intro`` opens, though it has
    no bullet mark: it carries on in lower case, or it is a short line under
    a lead-in that ends with a colon ("The following timeline was outlined
    ...:" / "Two workshops held with elected members ..."), straight after
    the lead-in or such a point (``in_run``). A decision is no point of a
    discussion's list."""
    if intro is None or not in_run or unit.form is not Form.PARAGRAPH or unit.kind is not None:
        return False
    if classify(unit.text) is not Kind.DISCUSSION:
        return False
    if unit.text.lstrip(" *_")[:1].islower():
        return True
    return (
        intro.text.rstrip().endswith(":")
        and _words(unit.text) <= UNMARKED_POINT_WORDS
        and not _INTRODUCES.search(unit.text)
    )


def _join_lists(units: list[Unit]) -> list[Unit]:
    """A paragraph that introduces a list of short points ("The Council
    agreed:", "RESOLVED that Cabinet agree to:") and its points as one
    passage: a lead-in alone says nothing, and "protecting the most
    vulnerable" says little more. A list longer than :data:`LIST_WORDS` is
    cut between points, each piece with the introducing sentence as its
    lead-in. Points of more than :data:`POINT_WORDS` words stay passages of
    their own (they were given that lead-in by :func:`_with_context`)."""
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
            if _words(current.text) + _words(point.text) > LIST_WORDS:
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
    lead = _bare(last_sentence(head.text))
    return (
        head.kind is not Kind.ATTENDANCE
        and head.text.rstrip().endswith(":")
        and _bare(head.text) == lead
        and _bare(points[0].lead_in or "") == lead
    )


def _bare(text: str) -> str:
    return " ".join(text.split()).rstrip(" :")


def _join_fragments(units: list[Unit]) -> list[Unit]:
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
                joined.text = f"{joined.text.rstrip(' ;,')}; {_strip_mark(fragment.text)}"
            out.append(joined)
        else:
            out.extend(run)
        run.clear()

    for unit in units:
        if _fragment(unit) and (
            not run
            or (unit.lead_in == run[0].lead_in and sum(_words(u.text) for u in run) < LIST_WORDS)
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
        and _words(text.replace(" | ", " ")) <= (ROW_WORDS if row else FRAGMENT_WORDS)
        and text[-1:] not in ".!?:"
        and not decides(text)
    )


def _is_point(unit: Unit) -> bool:
    return unit.kind is not Kind.ATTENDANCE and (unit.form is Form.BULLET or is_clause(unit.text))


def _introduces(head: Unit, points: list[Unit]) -> bool:
    if head.kind is Kind.ATTENDANCE or head.form is not Form.PARAGRAPH:
        return False
    if any(_words(p.text) > POINT_WORDS for p in points):
        return False
    if _INTRODUCES.search(head.text) or _dangles(head, points[0], Form.BULLET):
        return True
    # Fragments ("protecting the most vulnerable") are the paragraph's list
    # even without "the following:"; sentences may be points of their own.
    short = sum(_words(p.text) for p in points) <= SHORT_LIST_WORDS
    return short and all(
        p.form is Form.BULLET and p.text.rstrip()[-1:] not in ".!?" for p in points
    )


def _ranked(unit: Unit, members: list[Unit]) -> Unit:
    """A list is a decision when any of its points is one."""
    kinds = [m.kind for m in members if m.kind is not None]
    if kinds:
        unit.kind = max(kinds, key=lambda k: _RANK.get(k, 0))
    return unit


def _words(text: str) -> int:
    return len(text.split())


def _sub_heading(units: list[Unit], n: int) -> bool:
    """A numbered sub-heading ("4.2 Police Surgeries Update", "(ii) Reports
    on Conferences", "5.2 Clerk's Report.") with the text it heads after it;
    a run of such lines, or one under "... the following:", is a list."""
    match = _NUMBERED.match(units[n].text)
    if match is None or n + 1 >= len(units):
        return False
    rest = units[n].text[match.end() :].rstrip(". ")
    if not _is_heading(rest.rstrip(" -–—")) or len(rest.split()) > 8:
        return False
    # "9.2 Parish Clerk's Report -", "5.3 Village Hall Report:" say they head
    # what follows, even another numbered line.
    if rest.rstrip().endswith((":", " -", " –", " —")):
        return True
    after, before = units[n + 1], units[n - 1] if n else None
    follows_list = before is not None and (
        _INTRODUCES.search(before.text) or _NUMBERED.match(before.text)
    )
    return not follows_list and not _NUMBERED.match(after.text) and after.form is Form.PARAGRAPH


def _is_heading(text: str) -> bool:
    return is_heading(text) and not decides(text) and not is_attendance(text)


def _strip_mark(text: str) -> str:
    return text.lstrip("•·▪●‣∙-* ").strip()
