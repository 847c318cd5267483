"""The domain model: what a set of council minutes is made of.

A *meeting* (one sitting of a council, committee or parish council) has
*agenda items*; the minutes of each item are cut into *passages*, one per
bullet or paragraph. A *document* is one file that carries minutes: a
ModernGov agenda-item page holds one item, a PDF or a parish post usually
holds the whole meeting.
"""

from __future__ import annotations

import dataclasses
import hashlib
from dataclasses import dataclass, field
from enum import StrEnum


class Kind(StrEnum):
    """What a passage does in the minutes.

    ``decision``: something resolved, agreed, approved, or proposed and
    seconded. ``commitment``: an officer, clerk or member undertook to act or
    report back. ``attendance``: who was present, in attendance, absent or
    sent apologies (one passage for the whole list); left out of search
    unless asked for. ``discussion``: everything else that was said or noted.
    """

    DISCUSSION = "discussion"
    DECISION = "decision"
    COMMITMENT = "commitment"
    ATTENDANCE = "attendance"


class Form(StrEnum):
    """How a passage is laid out in the source: a bullet or a paragraph."""

    PARAGRAPH = "paragraph"
    BULLET = "bullet"


@dataclass(frozen=True, slots=True)
class MeetingInfo:
    """What is known about the meeting a document records.

    Every field may be unknown (``None``): a date nobody states is never
    guessed. ``url`` is the page the minutes were taken from, when known.
    ``date_source``, ``council_source`` and ``committee_source`` say where
    each of those came from ("heading", "front matter", "archive.json in
    minutes/", "file name", a page field), so that a citation can be checked.
    """

    council: str | None = None
    committee: str | None = None
    date: str | None = None  # ISO ``YYYY-MM-DD``
    title: str | None = None
    url: str | None = None
    # "public", "restricted", or None: not stated, so exempt business is
    # found from the minutes' own wording (corpus.classify.exempt_*).
    visibility: str | None = None
    date_source: str | None = None
    council_source: str | None = None
    committee_source: str | None = None

    @property
    def restricted(self) -> bool:
        return self.visibility == "restricted"

    def from_source(self, source: str) -> MeetingInfo:
        """The same fields, each one known recorded as coming from ``source``
        (where no source is recorded yet)."""
        return dataclasses.replace(
            self,
            date_source=self.date_source or (source if self.date else None),
            council_source=self.council_source or (source if self.council else None),
            committee_source=self.committee_source or (source if self.committee else None),
        )

    def merged_over(self, fallback: MeetingInfo) -> MeetingInfo:
        """Fields of ``self`` where known, else those of ``fallback``, each
        with its source."""
        date, date_source = _known(self.date, self.date_source, fallback.date, fallback.date_source)
        council, council_source = _known(
            self.council, self.council_source, fallback.council, fallback.council_source
        )
        committee, committee_source = _known(
            self.committee, self.committee_source, fallback.committee, fallback.committee_source
        )
        return MeetingInfo(
            council=council,
            committee=committee,
            date=date,
            title=self.title or fallback.title,
            url=self.url or fallback.url,
            visibility=self.visibility or fallback.visibility,
            date_source=date_source,
            council_source=council_source,
            committee_source=committee_source,
        )


def _known(
    value: str | None, source: str | None, fallback: str | None, fallback_source: str | None
) -> tuple[str | None, str | None]:
    return (value, source) if value else (fallback, fallback_source if fallback else None)


@dataclass(frozen=True, slots=True)
class Block:
    """One unit of text as a reader found it, before chunking.

    ``form`` says whether it is a bullet or a paragraph.
    """

    text: str
    form: Form = Form.PARAGRAPH


@dataclass(slots=True)
class AgendaItem:
    """One agenda item of a meeting: its number (``"5"``, ``"87/25"``, or
    ``None`` when unnumbered), its title and the blocks of its minutes."""

    number: str | None
    title: str | None
    blocks: list[Block] = field(default_factory=list)
    restricted: bool = False


@dataclass(frozen=True, slots=True)
class Passage:
    """One bullet or paragraph of minutes: the unit that is searched and cited.

    ``text`` is what users are shown. ``lead_in`` is the sentence a bullet
    hangs from ("... highlighted the following:"), ``item_title`` the agenda
    item it belongs to; both go into the text that is embedded but are not
    part of ``text``. ``position`` counts passages from 0 within the document.
    """

    id: str
    position: int
    kind: Kind
    form: Form
    text: str
    item_index: int
    item_number: str | None
    item_title: str | None
    lead_in: str | None = None
    restricted: bool = False

    def embedding_text(self, context: bool = True) -> str:
        """The text handed to the encoder: the passage in its context (its
        item title and lead-in), or, with ``context=False``, alone."""
        if not context:
            return self.text
        parts = [_as_sentence(c) for c in (self.item_title, self.lead_in) if c]
        return " ".join([*parts, self.text])


def _as_sentence(text: str) -> str:
    return text if text[-1:] in ".:;?!" else text + "."


@dataclass(slots=True)
class Document:
    """One file of minutes, read and chunked.

    ``doc_id`` is a fingerprint of the content, so that the same minutes
    published twice share it; ``source`` is where this copy came from.
    ``warnings`` say what was read with a fallback (an encoding, say).
    """

    doc_id: str
    source: str
    meeting: MeetingInfo
    items: list[AgendaItem]
    passages: list[Passage]
    format: str
    warnings: list[str] = field(default_factory=list)
    # Some of the file's text could not be read (scanned pages without OCR):
    # it went in, but not whole.
    incomplete: bool = False


@dataclass(frozen=True, slots=True)
class Failure:
    """A file that could not be read, and why, in one line."""

    source: str
    reason: str


def meeting_id(doc: Document) -> str:
    """Documents of one meeting share an id when the meeting is identifiable
    (a date and a body); otherwise the document is its own meeting."""
    m = doc.meeting
    if m.date and (m.committee or m.council):
        key = f"{m.council or ''}\x1f{m.committee or ''}\x1f{m.date}"
        return "m" + hashlib.sha1(key.lower().encode()).hexdigest()[:15]
    return "m" + doc.doc_id[:15]
