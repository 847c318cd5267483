"""Hybrid retrieval, phrases, duplicates and filters on a small index."""

from pathlib import Path

import pytest

from minutes_qa.corpus.load import parse_text
from minutes_qa.index.encoder import encode_one
from minutes_qa.index.passage_index import PassageIndex
from minutes_qa.index.rows import Filters
from minutes_qa.qa.query import parse_query
from minutes_qa.qa.retrieve import Fusion
from minutes_qa.qa.search import GoodMatch, Searcher

PAGE = """---
council: Testshire County Council
committee: {committee}
date: {date}
---
Agenda item

{number}. {title}

Minutes:

{body}
"""


def page(body, date, committee="Community Safety Committee", number="4", title="Updates"):
    return PAGE.format(body=body, date=date, committee=committee, number=number, title=title)


@pytest.fixture
def searcher(tmp_path: Path, hashing) -> Searcher:
    index = PassageIndex.open_or_create(tmp_path / "ix", hashing)
    docs = {
        "a.txt": page(
            "PACT meetings were held in the town centre every month.\n\n"
            "The police presented the crime figures for the quarter.\n\n"
            "Apologies for absence were received from Councillor Green.",
            "2024-01-10",
        ),
        "b.txt": page(
            "Community meetings with the police were discussed at length.\n\n"
            "Apologies for absence were received from Councillor Green.\n\n"
            "The Clerk agreed to write to the police about speeding on Mill Lane.",
            "2024-02-14",
        ),
        "c.txt": page(
            "RESOLVED that the speed watch scheme be funded.\n\n"
            "Members would be updated in due course on the camera trial.",
            "2024-03-13",
            committee="Highways Committee",
        ),
    }
    index.ingest([parse_text(text, source=name) for name, text in docs.items()], hashing)
    return Searcher(index, hashing)


def test_acronym_found_by_keywords(searcher: Searcher):
    assert searcher.search("PACT", k=1)[0].text.startswith("PACT meetings")


def test_quoted_phrase_only_returns_passages_with_it(searcher: Searcher):
    hits = searcher.search('"due course"', k=10)
    assert [h.text for h in hits] == ["Members would be updated in due course on the camera trial."]


def test_repeated_boilerplate_is_shown_once_with_also_in(searcher: Searcher):
    # Apologies are an attendance passage: searched for only when asked for.
    attendance = Filters(kinds=("attendance",))
    hits = searcher.search("apologies for absence Councillor Green", k=10, filters=attendance)
    apologies = [h for h in hits if h.text.startswith("Apologies")]
    assert len(apologies) == 1
    assert len(apologies[0].also_in) == 1
    dates = {apologies[0].citation.meeting_date, apologies[0].also_in[0].meeting_date}
    assert dates == {"2024-01-10", "2024-02-14"}


def test_kind_and_committee_filters(searcher: Searcher):
    decisions = searcher.search("speed", k=10, filters=Filters(kinds=("decision",)))
    assert [h.kind for h in decisions] == ["decision"]
    commitments = searcher.search("police", k=10, filters=Filters(kinds=("commitment",)))
    assert {h.text for h in commitments} == {
        "The Clerk agreed to write to the police about speeding on Mill Lane.",
        "Members would be updated in due course on the camera trial.",
    }
    highways = searcher.search("police", k=10, filters=Filters(committee="highways"))
    assert all(h.citation.committee == "Highways Committee" for h in highways)


def test_scores_are_ordered_and_fused_from_both_parts(searcher: Searcher):
    hits = searcher.search("police speeding Mill Lane", k=5)
    scores = [h.score for h in hits]
    assert scores == sorted(scores, reverse=True)
    assert hits[0].text.startswith("The Clerk agreed to write")


@pytest.mark.parametrize("method", ["convex", "rrf"])
def test_both_fusions_rank_the_exact_match_first(searcher: Searcher, method):
    fused = Searcher(searcher.index, searcher.encoder, Fusion(method=method))
    assert fused.search("speed watch scheme funded", k=3)[0].text.startswith("RESOLVED")


def test_modes_agree_with_their_parts(searcher: Searcher):
    retriever = searcher.retriever
    keyword = retriever.rank("police", 10, mode="keyword")
    assert keyword and all(s.dense == 0.0 and s.bm25 > 0 for s in keyword)
    dense = retriever.rank("police", 10, mode="dense")
    assert [s.score for s in dense] == sorted((s.score for s in dense), reverse=True)


def test_coverage_weighs_rare_words_more(searcher: Searcher):
    """The share of the query's IDF the passage holds: "Mill Lane" (one
    passage) counts more than "police" (three)."""
    query = parse_query("police Mill Lane")
    vector = encode_one(searcher.encoder, query.dense_text)
    pool = searcher.retriever.candidates(query, vector, Filters())
    texts = searcher.index.store.keyword_fields(pool.vec_ids)
    by_text = dict(zip((texts[v][0] for v in pool.vec_ids), pool.coverage("idf"), strict=True))
    counted = dict(zip((texts[v][0] for v in pool.vec_ids), pool.coverage("count"), strict=True))
    mill = "The Clerk agreed to write to the police about speeding on Mill Lane."
    police = "The police presented the crime figures for the quarter."
    assert by_text[mill] == pytest.approx(1.0) and counted[mill] == pytest.approx(1.0)
    assert counted[police] == pytest.approx(1 / 3)
    assert by_text[police] < counted[police]


def test_long_question_is_not_punished_for_words_no_passage_holds(searcher: Searcher):
    question = (
        "Could you summarise what the police said at the meeting about drivers speeding "
        "along Mill Lane near the primary school at weekends?"
    )
    assert searcher.search(question, k=1)[0].text.startswith("The Clerk agreed to write")


def test_good_matches_come_first_and_weaker_ones_are_marked(searcher: Searcher):
    strict = Searcher(searcher.index, searcher.encoder, good_match=GoodMatch(0.0, 1.0, -0.3))
    hits = strict.search("speed watch scheme funded", k=5)
    flags = [h.good_match for h in hits]
    assert flags[0] and not all(flags)
    assert flags == sorted(flags, reverse=True)


def test_keyword_search_scores_the_rarest_words_that_occur(searcher: Searcher):
    few = Searcher(searcher.index, searcher.encoder, Fusion(max_terms=2))
    match = few.retriever._match(parse_query("police speeding Mill unheardofword"))
    assert match == '"speeding" OR "mill"'


def test_a_word_in_no_passage_does_not_lower_coverage(searcher: Searcher):
    def coverage(question: str) -> dict[int, float]:
        query = parse_query(question)
        pool = searcher.retriever.candidates(
            query, encode_one(searcher.encoder, question), Filters()
        )
        return dict(zip(pool.vec_ids, pool.coverage("idf"), strict=True))

    plain, typo = coverage("police Mill Lane"), coverage("police Mill Lane zzzqx")
    assert {v: plain[v] for v in typo} == pytest.approx(typo)


def test_a_phrase_with_none_of_the_scored_words_is_still_found(searcher: Searcher):
    few = Searcher(searcher.index, searcher.encoder, Fusion(max_terms=1))
    # "mill" (one passage, first) is the one word scored; the phrase's own are not.
    assert few.retriever._match(parse_query('Mill "due course"')) == (
        '"due course" AND ("mill" OR "due course")'
    )
    hits = few.search('Mill "due course"', k=10)
    assert [h.text for h in hits] == ["Members would be updated in due course on the camera trial."]
