"""Per-bullet chunking: agenda items of blocks → passages with context."""

from __future__ import annotations

import dataclasses
import hashlib
import re

from minutes_qa.corpus.classify import classify, excludes_public, exempt_title
from minutes_qa.corpus.model import AgendaItem, Form, MeetingInfo, Passage
from minutes_qa.corpus.text import last_sentence

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


def chunk(items: list[AgendaItem], visibility: str | None = None) -> list[Passage]:
    """Every bullet and every paragraph becomes one passage.

    A bullet hangs from the last sentence of the paragraph just before its
    run of bullets (the lead-in: "... highlighted the following:").

    Passages are restricted when ``visibility`` is "restricted", when their
    item is, and, unless ``visibility`` is "public", when the minutes mark
    them exempt: an item titled as exempt / Part II / confidential, and
    everything after a resolution to exclude the press and public.
    """
    passages: list[Passage] = []
    excluded = False
    for item_index, item in enumerate(items):
        lead_in: str | None = None
        exempt_item = visibility != "public" and exempt_title(item.title)
        for block in item.blocks:
            if block.form is Form.PARAGRAPH:
                lead_in = last_sentence(block.text) if _INTRODUCES.search(block.text) else None
            position = len(passages)
            passages.append(
                Passage(
                    id="",  # given by with_ids once the document's fingerprint is known
                    position=position,
                    kind=classify(block.text),
                    form=block.form,
                    text=block.text,
                    item_index=item_index,
                    item_number=item.number,
                    item_title=item.title,
                    lead_in=lead_in if block.form is Form.BULLET else None,
                    restricted=visibility == "restricted"
                    or item.restricted
                    or exempt_item
                    or excluded,
                )
            )
            if visibility != "public" and excludes_public(block.text):
                excluded = True
    return passages
