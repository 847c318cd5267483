"""The timeline of a subject and commitments followed up, over a small
invented archive (tests/data/timeline): Quillbury Town Council's Environment
Committee on flooding in Mill Lane at three dated meetings (a promise in
January, quotes and a decision in March, the culvert cleared by June) and one
undated special meeting; a September meeting on other business; a promise
about the pavilion roof that no later Quillbury meeting answers, though
Brackenfold Parish Council's minutes mention a pavilion roof too."""

from __future__ import annotations

from pathlib import Path

import pytest

from minutes_qa.corpus.load import load
from minutes_qa.index.encoder import HashingEncoder
from minutes_qa.index.passage_index import PassageIndex
from minutes_qa.index.rows import Filters
from minutes_qa.qa.followup import Follower, FollowUpLine, follow_up_query
from minutes_qa.qa.search import GoodMatch, Searcher
from minutes_qa.qa.timeline import timeline
from tests.conftest import DATA

TIMELINE = DATA / "timeline"
# Lines for the hashing encoder, whose scores are not the real model's: a
# passage holding the query's words is good for the timeline; a cosine of
# 0.4 makes a follow-up.
KEYWORD_LINE = GoodMatch(dense=0.0, keyword=1.0, bias=-0.1)
FOLLOW_LINE = FollowUpLine(GoodMatch(dense=1.0, keyword=0.0, bias=-0.4), slack=0.0, min_cosine=0.0)


@pytest.fixture
def index(tmp_path: Path, hashing: HashingEncoder) -> PassageIndex:
    index = PassageIndex.open_or_create(tmp_path / "index", hashing)
    index.ingest(load([TIMELINE]), hashing)
    return index


def test_timeline_runs_oldest_to_newest_with_decisions_and_undated_last(index, hashing):
    found = timeline(Searcher(index, hashing, good_match=KEYWORD_LINE), "flooding on Mill Lane")
    assert found.good_match
    assert [m.date for m in found.meetings] == ["2023-01-10", "2023-03-14", "2023-06-20", None]
    assert found.undated == 1
    assert found.meetings[-1].title == "Environment Committee - Special Meeting"
    assert all(m.council == "Quillbury Town Council" for m in found.meetings)
    march = found.meetings[1]
    decided = [p.text for p in march.passages if p.kind == "decision"] + [
        d.text for d in march.decisions
    ]
    assert decided == [
        "RESOLVED that the quote of £4,200 for clearing the Mill Lane culvert be accepted."
    ]
    # Good matches first within a meeting, at most three.
    for meeting in found.meetings:
        assert 1 <= len(meeting.passages) <= 3
        flags = [p.good_match for p in meeting.passages]
        assert flags == sorted(flags, reverse=True)
    # Meetings known only by weaker passages are not part of the story.
    assert not any(
        "bus shelter" in p.text for m in found.meetings for p in m.passages if p.good_match
    )


def test_a_decision_of_the_item_is_shown_when_the_search_did_not_reach_it(index, hashing):
    searcher = Searcher(index, hashing, good_match=KEYWORD_LINE)
    found = timeline(searcher, "three quotes had been received", k=1)
    (march,) = found.meetings
    assert march.passages[0].text.startswith("The Clerk reported that three quotes")
    assert [d.text for d in march.decisions] == [
        "RESOLVED that the quote of £4,200 for clearing the Mill Lane culvert be accepted."
    ]


def test_timeline_filters_and_nothing_good(index, hashing):
    searcher = Searcher(index, hashing, good_match=KEYWORD_LINE)
    since = timeline(searcher, "flooding on Mill Lane", Filters(since="2023-02-01"))
    assert [m.date for m in since.meetings] == ["2023-03-14", "2023-06-20"]
    nothing = timeline(searcher, "chocolate sponge cake recipe")
    assert not nothing.good_match
    assert all(not m.good_match for m in nothing.meetings)


def _commitment(index: PassageIndex, word: str):
    return next(p for p in index.by_kind(Filters(kinds=("commitment",)), 10) if word in p.text)


def test_a_commitment_answered_later_is_followed_up(index, hashing):
    follower = Follower(Searcher(index, hashing), accept=FOLLOW_LINE)
    culvert = _commitment(index, "culvert")
    assert follow_up_query(culvert).startswith("Flooding on Mill Lane The Clerk would report back")
    result = follower.follow(culvert)
    assert result.status == "followed"
    assert result.later_meetings == 3
    texts = [h.text for h in result.next]
    assert texts[0].startswith("The Clerk reported that three quotes had been received")
    assert any(t.startswith("The culvert on Mill Lane had been cleared") for t in texts)
    # Later meetings of the same council only; never the promise's own meeting.
    assert all(h.citation.meeting_date > "2023-01-10" for h in result.next)
    assert all(h.citation.council == "Quillbury Town Council" for h in result.next)


def test_a_commitment_no_later_meeting_answers_is_open(index, hashing):
    follower = Follower(Searcher(index, hashing), accept=FOLLOW_LINE)
    pavilion = _commitment(index, "pavilion")
    result = follower.follow(pavilion)
    # Brackenfold's pavilion roof is another council's: not a follow-up.
    assert result.next == ()
    assert result.status == "open"
    assert result.later_meetings == 3
    listed = list(follower.all(open_only=True))
    assert [r.commitment.id for r in listed] == [pavilion.id]
    everything = list(follower.all())
    assert {r.status for r in everything} == {"open", "followed", "undated"}
    assert [r.commitment.id for r in follower.all(limit=1, offset=1)] == [
        everything[1].commitment.id
    ]


def test_a_commitment_of_an_undated_meeting_cannot_be_followed(index, hashing):
    follower = Follower(Searcher(index, hashing), accept=FOLLOW_LINE)
    letter = follower.follow(_commitment(index, "Environment Agency"))
    assert (letter.status, letter.later_meetings, letter.next) == ("undated", None, ())
