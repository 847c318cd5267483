"""``timeline``: one subject across meetings, oldest to newest.

A search for the subject, its passages grouped by meeting; each meeting
shows its best passages and the decisions taken in the agenda items those
passages belong to (an item's resolution is a decision on what the item
discussed). Meetings whose minutes state no date cannot be placed: they come
last, and say so.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from minutes_qa.index.rows import Filters, StoredPassage
from minutes_qa.qa.hits import Hit
from minutes_qa.qa.search import Searcher, is_good_match

log = logging.getLogger(__name__)

# Passages searched for: enough to reach the subject's quieter meetings.
TIMELINE_K = 30
# Shown per meeting: its best passages, good matches first.
PER_MEETING = 3
# Decisions shown per meeting.
DECISIONS = 2


@dataclass(frozen=True, slots=True)
class TimelineMeeting:
    """One meeting on the subject: which meeting (``date`` is None when its
    minutes do not state one), its best passages on the subject (good
    matches first, at most three) and the decisions of the agenda items they
    come from that are not among them. ``good_match`` is whether its best
    passage answers well."""

    council: str | None
    committee: str | None
    date: str | None
    title: str | None
    passages: tuple[Hit, ...]
    decisions: tuple[StoredPassage, ...]
    good_match: bool


@dataclass(frozen=True, slots=True)
class Timeline:
    """The subject across meetings: dated meetings oldest first, then the
    undated ones. When nothing answers well (``good_match`` false) the
    meetings are those of the nearest passages there are."""

    question: str
    good_match: bool
    meetings: tuple[TimelineMeeting, ...]

    @property
    def undated(self) -> int:
        """How many meetings, at the end, state no date."""
        return sum(m.date is None for m in self.meetings)


def timeline(
    searcher: Searcher, question: str, filters: Filters = Filters(), k: int = TIMELINE_K
) -> Timeline:
    """The meetings whose passages answer ``question`` well (or, when none
    does, those of the nearest passages), oldest first, undated last."""
    hits = searcher.search(question, k, filters)
    good = is_good_match(hits)
    # Below the good-match line a passage is only the nearest there is: a
    # meeting known only by such passages is not part of the subject's story.
    kept = [h for h in hits if h.good_match] if good else hits
    groups: dict[tuple[str | None, ...], list[Hit]] = {}
    for hit in kept:
        c = hit.citation
        groups.setdefault((c.council, c.committee, c.meeting_date, c.meeting_title), []).append(hit)
    meetings = [
        _meeting(searcher, key, [h for h in hits if _key(h) == key], filters.include_restricted)
        for key in groups
    ]
    meetings.sort(key=lambda m: (m.date is None, m.date or "", m.committee or "", m.title or ""))
    log.debug("timeline for %r: %d meetings from %d passages", question, len(meetings), len(hits))
    return Timeline(question, good, tuple(meetings))


def _key(hit: Hit) -> tuple[str | None, ...]:
    c = hit.citation
    return (c.council, c.committee, c.meeting_date, c.meeting_title)


def _meeting(
    searcher: Searcher, key: tuple[str | None, ...], hits: list[Hit], include_restricted: bool
) -> TimelineMeeting:
    council, committee, date, title = key
    # ``hits`` are in rank order, good matches first (Searcher.hits).
    shown = tuple(hits[:PER_MEETING])
    decisions: list[StoredPassage] = []
    seen = {h.id for h in shown}
    for hit in shown:
        if not hit.good_match and shown[0].good_match:
            continue
        context = searcher.index.passage_context(hit.id, include_restricted)
        for resolution in context.resolutions if context else ():
            if resolution.id not in seen and len(decisions) < DECISIONS:
                seen.add(resolution.id)
                decisions.append(resolution)
    return TimelineMeeting(
        council=council,
        committee=committee,
        date=date,
        title=title,
        passages=shown,
        decisions=tuple(decisions),
        good_match=shown[0].good_match,
    )
