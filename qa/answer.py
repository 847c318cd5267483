"""``ask``: the best answer sentence, then the supporting passages grouped by
meeting, newest first, so that "what was said about X" reads as a short
history across meetings."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from minutes_qa.corpus.classify import classify
from minutes_qa.corpus.text import sentences
from minutes_qa.index.rows import Filters
from minutes_qa.qa.hits import Hit
from minutes_qa.qa.query import asks_for
from minutes_qa.qa.search import Searcher, is_good_match

# How many of the best hits the headline sentence is chosen from.
HEADLINE_POOL = 3
# How far down a passage of the kind the question asks for may be found.
KIND_DEPTH = 5
# A sentence of a passage one rank lower must be this much nearer to win.
RANK_PENALTY = 0.02


@dataclass(frozen=True, slots=True)
class MeetingGroup:
    """The hits from one meeting."""

    meeting_title: str | None
    meeting_date: str | None
    committee: str | None
    council: str | None
    hits: list[Hit] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Answer:
    """``sentence`` is taken verbatim from ``passage``; ``good_match`` is
    false when nothing answers the question well."""

    question: str
    sentence: str | None
    passage: Hit | None
    good_match: bool
    meetings: list[MeetingGroup]


def ask(searcher: Searcher, question: str, k: int = 10, filters: Filters = Filters()) -> Answer:
    hits = searcher.search(question, k, filters)
    if not hits:
        return Answer(question, None, None, False, [])
    wanted = asks_for(question)
    sentence, passage = _best_sentence(searcher, question, _headline_pool(wanted, hits), wanted)
    groups: dict[tuple, MeetingGroup] = {}
    for hit in hits:
        c = hit.citation
        key = (c.council, c.committee, c.meeting_date, c.meeting_title)
        groups.setdefault(
            key, MeetingGroup(c.meeting_title, c.meeting_date, c.committee, c.council)
        ).hits.append(hit)
    ordered = sorted(
        groups.values(), key=lambda g: (g.meeting_date is None, _negated(g.meeting_date))
    )
    return Answer(question, sentence, passage, is_good_match(hits), ordered)


def _headline_pool(wanted: str | None, hits: list[Hit]) -> list[Hit]:
    """The hits the headline comes from: asked what was promised or decided,
    the best good match of that kind near the top, if there is one; else
    the best few."""
    if wanted:
        of_kind = [h for h in hits[:KIND_DEPTH] if h.kind == wanted and h.good_match]
        if of_kind:
            return of_kind[:1]
    return hits[:HEADLINE_POOL]


def _best_sentence(
    searcher: Searcher, question: str, hits: list[Hit], wanted: str | None = None
) -> tuple[str, Hit]:
    """The sentence of the top passages nearest the question; ties go to the
    better-ranked passage. Asked what was promised or decided, a sentence that
    is itself of that kind wins when there is one ("Members would be updated
    in due course", not the sentence before it)."""
    candidates = [(s, hit) for hit in hits for s in sentences(hit.text) if len(s.split()) >= 3]
    of_kind = [(s, hit) for s, hit in candidates if wanted and classify(s) == wanted]
    candidates = of_kind or candidates
    if not candidates:
        return hits[0].text, hits[0]
    vectors = searcher.encoder.encode_batch([question] + [s for s, _ in candidates])
    scores = vectors[1:] @ vectors[0]
    # The passage's own rank counts too: a sentence of the best passage wins
    # over an equally close sentence further down.
    ranks = {hit.id: rank for rank, hit in enumerate(hits)}
    adjusted = scores - RANK_PENALTY * np.array([ranks[h.id] for _, h in candidates])
    return candidates[int(np.argmax(adjusted))]


def _negated(date: str | None) -> str:
    """Sort key for newest first on ISO dates."""
    return "".join(chr(0x10FFFF - ord(c)) for c in date) if date else ""
