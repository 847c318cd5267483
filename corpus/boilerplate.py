"""Lines an archive repeats in document after document: letterheads, site
furniture, running headers ("Ayton Community Council – Minutes", "Parish
Clerk", "E-mail: clerk@..."). They say nothing about any one meeting, so
they are dropped when the document is chunked again.

What counts as repeated is decided over the *set* of documents read from one
root folder (:func:`corpus.load.load`), never over the order they were read
in: the same files give the same passages and the same passage ids however
they are read. Only short lines of discussion are candidates: a recurring
resolution ("RESOLVED that the minutes be signed"), a motion's formula or an
attendance list is business, and stays.

Ids depend on the other files of the root only through this set: a
document's passages change only when one of its own lines crosses the
threshold. A later ingest spread over workers computes the set once
(:func:`archive_repeats`) and hands it to each (:func:`without_repeats`).
"""

from __future__ import annotations

import dataclasses
import logging
import math
from collections import Counter
from collections.abc import Iterable, Sequence

from minutes_qa.corpus.chunk import chunk, fingerprint, with_ids
from minutes_qa.corpus.classify import classify
from minutes_qa.corpus.junk import key
from minutes_qa.corpus.model import Document, Failure, Kind
from minutes_qa.corpus.motions import is_motion_line

log = logging.getLogger(__name__)

# A line in at least this many documents, and this share of the root's.
MIN_DOCUMENTS = 4
MIN_SHARE = 0.2
MAX_WORDS = 12
# Passages at the end of a document where a signature or footer stands.
TRAILER = 3
_ANSWERS = {"none", "none.", "nil", "nil.", "n/a", "noted", "noted.", "agreed", "agreed."}


def archive_repeats(docs: Sequence[Document]) -> frozenset[str]:
    """Keys (:func:`corpus.junk.key`) of the short discussion passages and
    headings found in at least ``MIN_DOCUMENTS`` and ``MIN_SHARE`` of ``docs``."""
    if len(docs) < MIN_DOCUMENTS:
        return frozenset()
    counts: Counter[str] = Counter()
    for doc in docs:
        counts.update(_candidates(doc))
    threshold = max(MIN_DOCUMENTS, math.ceil(MIN_SHARE * len(docs)))
    return frozenset(k for k, n in counts.items() if n >= threshold)


def _candidates(doc: Document) -> set[str]:
    """Where letterheads, page headers and signatures stand: the short lines
    and headings (lead-ins) before the first agenda item and at the very end,
    shown alone. Sentences are minutes, however often an archive repeats
    them ("There were no declarations of interest."); agenda headings
    ("Council Finances") are the context of what follows them; lines inside
    an attendance list or a motion are never alone."""
    ends = len(doc.passages) - TRAILER
    edges = [
        p for p in doc.passages if (p.item_index == 0 and not p.item_number) or p.position >= ends
    ]
    texts = [p.text for p in edges if p.kind is Kind.DISCUSSION]
    texts += [p.lead_in for p in edges if p.lead_in]
    return {key(t) for t in texts if _candidate(t)}


def without_repeats(
    results: Iterable[Document | Failure], repeats: frozenset[str]
) -> Iterable[Document | Failure]:
    """Each document with the lines in ``repeats`` dropped (re-chunked, so
    its fingerprint and ids are those of what is left)."""
    for result in results:
        if isinstance(result, Document) and repeats:
            result = _dropped(result, repeats)
        yield result


def drop_archive_repeats(results: list[Document | Failure]) -> Iterable[Document | Failure]:
    """:func:`without_repeats` with the repeats of these results' own documents."""
    repeats = archive_repeats([r for r in results if isinstance(r, Document)])
    if repeats:
        log.debug("dropping %d lines repeated across the archive", len(repeats))
    return without_repeats(results, repeats)


def _candidate(text: str) -> bool:
    words = text.split()
    return (
        0 < len(words) <= MAX_WORDS
        and text.rstrip()[-1:] not in ".?!:;"
        and text.strip().lower() not in _ANSWERS
        and not is_motion_line(text)
        and classify(text) is Kind.DISCUSSION
    )


def _dropped(doc: Document, repeats: frozenset[str]) -> Document:
    if not _candidates(doc) & repeats:
        return doc
    passages = chunk(doc.items, visibility=doc.meeting.visibility, drop=repeats)
    if not passages:  # nothing but the archive's furniture: keep it as read
        return doc
    doc_id = fingerprint(doc.meeting, passages)
    return dataclasses.replace(doc, doc_id=doc_id, passages=with_ids(doc_id, passages))
