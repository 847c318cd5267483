"""Per-bullet chunking: agenda items of blocks → passages with context and kinds."""

from __future__ import annotations

import dataclasses
import hashlib

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
    is_meeting_header,
    is_signature,
    key,
    lone_answer,
    repeated_within,
    without_signature,
)
from minutes_qa.corpus.lists import (
    INTRODUCES,
    LETTERED,
    NUMBERED,
    dangles,
    join_fragments,
    join_lists,
    one_sentence,
    strip_mark,
    without_carried,
    words,
)
from minutes_qa.corpus.model import AgendaItem, Form, Kind, MeetingInfo, Passage
from minutes_qa.corpus.motions import (
    Unit,
    is_motion_line,
    join_motions,
)
from minutes_qa.corpus.outline import Outline
from minutes_qa.corpus.text import last_sentence

# Up to this many words, a line of names joins the names before it.
NAME_WORDS = 10
# A line without a bullet mark under "... the following:" is one of its
# points up to this many words.
UNMARKED_POINT_WORDS = 40


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
            if unit.kind is Kind.DISCUSSION and _at_top(passages) and is_meeting_header(unit.text):
                continue  # the minutes' heading, which the meeting's details carry
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


def _at_top(passages: list[Passage]) -> bool:
    """Nothing but who attended has been said yet."""
    return all(p.kind is Kind.ATTENDANCE for p in passages)


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
    return without_carried(
        join_fragments(
            join_lists(
                _with_context([u for u in units if u.kind is not None or key(u.text) not in drop])
            )
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
            current.text = f"{current.text.rstrip()}{joint}{strip_mark(text)}"
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
            previous.text = f"{previous.text.rstrip(' ;,')}; {strip_mark(unit.text)}"
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
    outline = Outline()  # the marks of intro's points, for sub-points' lead-ins
    listing = False  # under "... the following:", short title-like lines are its points
    unmarked_run = False  # the unit before was a list's lead-in or a point without a mark
    for n, unit in enumerate(units):
        titled = unit.kind is None and (
            (unit.form is Form.PARAGRAPH and _is_heading(unit.text)) or _sub_heading(units, n)
        )
        if listing and titled:
            unit, titled = Unit(unit.text, Form.BULLET, unit.kind, unit.lead_in), False
        listing = bool(INTRODUCES.search(unit.text)) or (
            listing and (unit.form is Form.BULLET or bool(NUMBERED.match(unit.text)))
        )
        if titled:
            if n + 1 < len(units):  # a heading with nothing under it is dropped
                heading = unit.text.strip(" :*_")
                under_decision = bool(DECISION_HEADING.match(unit.text))
                intro = None
            continue
        # "on the condition that ..." after a list's point goes on with it.
        after_point = bool(out) and out[-1].form is Form.BULLET and intro is not None
        unmarked = _point_of(intro, unit, unmarked_run) or (
            after_point and _point_of(intro, unit, True) and _lower(unit.text)
        )
        if unmarked:
            unit = Unit(unit.text, Form.BULLET, unit.kind, unit.lead_in)
        kind = unit.kind or classify(unit.text)
        if under_decision and kind is Kind.DISCUSSION:
            kind = Kind.DECISION
        lead_in = unit.lead_in
        if unit.form is Form.BULLET:
            if intro is not None and intro.kind is Kind.DECISION and kind is Kind.DISCUSSION:
                kind = Kind.DECISION
            parent = outline.place(unit.text) if intro is not None else None
            lead_in = lead_in or parent or (last_sentence(intro.text) if intro else None)
        else:
            if _quoted_by(intro, out, unit):
                # "Item 9, clause 5.1, as amended, reads as follows:" and the
                # one long paragraph it opens: that paragraph's lead-in.
                lead_in = lead_in or last_sentence(out.pop().text)
            after = units[n + 1] if n + 1 < len(units) else None
            intro = unit if INTRODUCES.search(unit.text) or dangles(unit, after) else None
            outline = Outline()
        # A numbered point ends a run of unmarked ones: what follows its list
        # without a number is the minutes going on ("The meeting closed at 9pm.");
        # lettered points ("(a) It was asked ...") go on.
        unmarked_run = unit is intro or (
            unmarked and (not NUMBERED.match(unit.text) or bool(LETTERED.match(unit.text)))
        )
        out.append(Unit(unit.text, unit.form, kind, lead_in or heading))
        if intro is unit:
            intro.kind = kind
    return out


def _point_of(intro: Unit | None, unit: Unit, in_run: bool) -> bool:
    """A paragraph that is a point of the list ``intro`` opens, though it has
    no bullet mark: it carries on in lower case, or it is a short line under
    a lead-in that ends with a colon ("The following timeline was outlined
    ...:" / "Two workshops held with elected members ..."), straight after
    the lead-in or such a point (``in_run``). A decision is no point of a
    discussion's list."""
    if intro is None or not in_run or unit.form is not Form.PARAGRAPH or unit.kind is not None:
        return False
    if LETTERED.match(unit.text):
        return True
    if classify(unit.text) is not Kind.DISCUSSION:
        return False
    if _lower(unit.text):
        return True
    return (
        intro.text.rstrip().endswith(":")
        and words(unit.text) <= UNMARKED_POINT_WORDS
        and not INTRODUCES.search(unit.text)
    )


def _lower(text: str) -> bool:
    return text.lstrip(" *_")[:1].islower()


def _quoted_by(intro: Unit | None, out: list[Unit], unit: Unit) -> bool:
    """``unit`` is the one paragraph that the discussion's lead-in just before
    it opens ("... reads as follows:", "it was noted that:"), so that lead-in
    is no passage of its own but the paragraph's lead-in."""
    return (
        intro is not None
        and bool(out)
        and out[-1].text == intro.text
        and out[-1].kind is Kind.DISCUSSION
        and intro.text.rstrip().endswith(":")
        and one_sentence(intro.text)
        and unit.form is Form.PARAGRAPH
        and not unit.lead_in
    )


def _sub_heading(units: list[Unit], n: int) -> bool:
    """A numbered sub-heading ("4.2 Police Surgeries Update", "(ii) Reports
    on Conferences", "5.2 Clerk's Report.") with the text it heads after it;
    a run of such lines, or one under "... the following:", is a list."""
    match = NUMBERED.match(units[n].text)
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
        INTRODUCES.search(before.text) or NUMBERED.match(before.text)
    )
    return not follows_list and not NUMBERED.match(after.text) and after.form is Form.PARAGRAPH


def _is_heading(text: str) -> bool:
    return is_heading(text) and not decides(text) and not is_attendance(text)
