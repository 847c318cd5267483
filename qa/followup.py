"""What happened to a promise: each commitment followed to later meetings.

A commitment ("Members would be updated in due course", "a report would come
back in the spring") is followed up by later passages on the same subject
from the same council: a search with the commitment's text and its agenda
item's title, restricted to that council's meetings after the commitment's
date, good matches only, the commitment's own meeting left out. None found
means "no follow-up found in N later meetings", N counting the council's
later meetings in the index. Precision is measured in ``bench/followup.py``.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import Literal

from minutes_qa.corpus.classify import classify
from minutes_qa.corpus.model import Kind
from minutes_qa.corpus.text import sentences
from minutes_qa.index.encoder import encode_one
from minutes_qa.index.rows import Filters, StoredPassage
from minutes_qa.qa.hits import Hit
from minutes_qa.qa.query import parse_query
from minutes_qa.qa.retrieve import Scored
from minutes_qa.qa.search import OVERFETCH, GoodMatch, Searcher

log = logging.getLogger(__name__)

# Follow-ups shown per commitment.
FOLLOW_UPS = 3
# How far below the good-match line a follow-up may score, and the least
# cosine it needs (see FollowUpLine).
FOLLOW_UP_SLACK = 0.4
MIN_COSINE = 0.6
# Passages searched per commitment before the council and meeting checks.
SEARCH_K = 10
# The most commitments, or meetings, one call reads (Kent: 205 commitments, 133 meetings).
MAX_ROWS = 100_000

Status = Literal["followed", "open", "undated"]


@dataclass(frozen=True, slots=True)
class FollowUpLine:
    """Which later passages count as a follow-up: the good-match line
    lowered by ``slack``, and a cosine of at least ``min_cosine``.

    A commitment's sentence is a longer query than a question, and the
    keyword evidence of a long query is diluted (it weighs the share of the
    query's words a passage holds), so at the usual line only near-copies of
    the promise pass. Lowered, the line lets through passages that share
    only the item's generic words ("performance", "update") with the
    promise; the cosine floor keeps those out. Both were set on the Kent
    minutes (README, "Timelines and follow-ups")."""

    line: GoodMatch
    slack: float = FOLLOW_UP_SLACK
    min_cosine: float = MIN_COSINE

    def __call__(self, scored: Scored) -> bool:
        lowered = GoodMatch(self.line.dense, self.line.keyword, self.line.bias + self.slack)
        return scored.dense >= self.min_cosine and lowered(scored)


@dataclass(frozen=True, slots=True)
class FollowUp:
    """A commitment and what happened next: up to three later passages of the
    same council on its subject, best first. ``later_meetings`` counts the
    council's meetings after the commitment's; it is None when the
    commitment's meeting states no date, so that nothing can be called
    later."""

    commitment: StoredPassage
    next: tuple[Hit, ...]
    later_meetings: int | None

    @property
    def status(self) -> Status:
        """``followed`` (something later answers it), ``open`` (nothing in
        the later meetings) or ``undated`` (its meeting's date is unknown)."""
        if self.next:
            return "followed"
        return "undated" if self.later_meetings is None else "open"

    @property
    def summary(self) -> str:
        """The status in words, as the CLI and the page show it."""
        if self.later_meetings is None:
            return "the meeting's date is not stated, so no later meeting can be told"
        if self.next:
            dates = sorted({h.citation.meeting_date or "" for h in self.next})
            return (
                f"what happened next: {len(self.next)} later passage"
                + ("s" if len(self.next) > 1 else "")
                + f" ({', '.join(dates)})"
            )
        meetings = "meeting" if self.later_meetings == 1 else "meetings"
        return f"no follow-up found in {self.later_meetings} later {meetings}"


class Follower:
    """Follows commitments of one index to later meetings."""

    def __init__(
        self,
        searcher: Searcher,
        include_restricted: bool = False,
        accept: FollowUpLine | None = None,
    ):
        self.searcher = searcher
        self.accept = accept or FollowUpLine(searcher.good_match)
        self.include_restricted = include_restricted
        self._dates: dict[str | None, list[str]] | None = None

    def later_meetings(self, council: str | None, date: str) -> int:
        """How many of ``council``'s meetings in the index come after ``date``."""
        if self._dates is None:
            found, _ = self.searcher.index.meetings(
                Filters(include_restricted=self.include_restricted), MAX_ROWS, 0
            )
            self._dates = {}
            for m in found:
                if m.date:
                    self._dates.setdefault(m.council, []).append(m.date)
        return sum(d > date for d in self._dates.get(council, ()))

    def follow(self, commitment: StoredPassage) -> FollowUp:
        """The later passages that follow up ``commitment`` (see the module docstring)."""
        if commitment.meeting_date is None:
            return FollowUp(commitment, (), None)
        count = self.later_meetings(commitment.council, commitment.meeting_date)
        if count == 0:
            return FollowUp(commitment, (), 0)
        filters = Filters(
            council=commitment.council,
            since=_next_day(commitment.meeting_date),
            include_restricted=self.include_restricted,
        )
        query = parse_query(follow_up_query(commitment))
        vector = encode_one(self.searcher.encoder, query.dense_text)
        ranked = self.searcher.retriever.rank_parsed(query, vector, SEARCH_K * OVERFETCH, filters)
        # Each passage on its own merits: a generic passage ranked higher does
        # not make the ones below it weaker, as it would in a search's list.
        accepted = [s for s in ranked if self.accept(s)]
        found = [
            # A follow-up passed its own line, not the search's good-match line.
            replace(hit, good_match=True)
            for hit in self.searcher.hits(accepted, SEARCH_K)
            if hit.id != commitment.id
            # The filter matches part of the name: the same council is the same name.
            and hit.citation.council == commitment.council
            and hit.citation.meeting_date is not None
            and hit.citation.meeting_date > commitment.meeting_date
        ]
        return FollowUp(commitment, tuple(found[:FOLLOW_UPS]), count)

    def all(
        self,
        filters: Filters = Filters(),
        limit: int = 50,
        offset: int = 0,
        open_only: bool = False,
    ) -> Iterator[FollowUp]:
        """Commitments that pass ``filters``, newest meeting first, each with
        its follow-up; with ``open_only`` only those with none (and a date):
        at most ``limit`` after skipping ``offset`` of them."""
        wanted = replace(filters, kinds=("commitment",), include_restricted=self.include_restricted)
        given = skipped = 0
        for commitment in self.searcher.index.by_kind(wanted, MAX_ROWS):
            if given >= limit:
                return
            result = self.follow(commitment)
            if open_only and result.status != "open":
                continue
            if skipped < offset:
                skipped += 1
                continue
            given += 1
            yield result


def follow_up_query(commitment: StoredPassage) -> str:
    """What is searched for: the item's title and the sentences of the
    commitment that undertake something, without double quotes (which would
    make a phrase that results must contain). A long passage's other
    sentences would dilute the keyword evidence to nothing: coverage is the
    share of the query's words a passage holds."""
    undertakings = [s for s in sentences(commitment.text) if classify(s) == Kind.COMMITMENT]
    body = " ".join(undertakings) or commitment.text
    text = " ".join(p for p in (commitment.item_title, body) if p)
    return text.translate({ord(c): " " for c in '"“”'})


def _next_day(date: str) -> str:
    return (dt.date.fromisoformat(date) + dt.timedelta(days=1)).isoformat()
