"""``ask``: the headline answers the kind of question asked."""

from pathlib import Path

import pytest

from minutes_qa.corpus.load import parse_text
from minutes_qa.index.passage_index import PassageIndex
from minutes_qa.qa.answer import _best_sentence, ask, asks_for
from minutes_qa.qa.search import GoodMatch, Searcher

PAGE = """---
council: Testshire County Council
committee: Highways Committee
date: 2024-03-13
---
Agenda item

4. Camera trial

Minutes:

RESOLVED that the camera trial on Mill Lane be extended for the camera trial year.

The camera trial on Mill Lane was discussed and the camera trial figures were noted.

Members would be updated on the camera trial in due course.

The Mill Lane camera report was welcomed. A report would come back to Members in the spring.
"""

EVERYTHING_GOOD = GoodMatch(0.0, 0.0, 1.0)


@pytest.fixture
def searcher(tmp_path: Path, hashing) -> Searcher:
    index = PassageIndex.open_or_create(tmp_path / "ix", hashing)
    index.ingest([parse_text(PAGE, source="camera.txt")], hashing)
    return Searcher(index, hashing, good_match=EVERYTHING_GOOD)


@pytest.mark.parametrize(
    "question, kind",
    [
        ("When will members be updated on the serious violence duty?", "commitment"),
        ("Who agreed to write to the Bishop?", "commitment"),
        ("What was promised about the bus shelter?", "commitment"),
        ("What was decided about the car park?", "decision"),
        ("Was the motion on parking carried?", "decision"),
        ("What was said about Smart Water?", None),
    ],
)
def test_asks_for(question, kind):
    assert asks_for(question) == kind


def test_promise_question_headlines_the_commitment(searcher: Searcher):
    answer = ask(searcher, "What was promised about the camera trial?")
    assert answer.passage is not None and answer.passage.kind == "commitment"
    assert answer.sentence == "Members would be updated on the camera trial in due course."


def test_decision_question_headlines_the_decision(searcher: Searcher):
    answer = ask(searcher, "What was decided about the camera trial?")
    assert answer.passage is not None and answer.passage.kind == "decision"


def test_weak_passages_of_the_kind_are_not_headlined(searcher: Searcher):
    nothing_good = Searcher(searcher.index, searcher.encoder, good_match=GoodMatch(0, 0, -1.0))
    answer = ask(nothing_good, "What was promised about the camera trial?")
    assert answer.passage is not None and not answer.good_match
    top = nothing_good.search("What was promised about the camera trial?", k=3)
    assert answer.passage.id in {h.id for h in top}


def test_the_promise_itself_is_the_headline_sentence(searcher: Searcher):
    hit = next(h for h in searcher.search("Mill Lane camera report", k=10) if "spring" in h.text)
    question = "What was promised about the Mill Lane camera report?"
    nearest, _ = _best_sentence(searcher, question, [hit])
    promised, _ = _best_sentence(searcher, question, [hit], "commitment")
    assert nearest == "The Mill Lane camera report was welcomed."
    assert promised == "A report would come back to Members in the spring."
