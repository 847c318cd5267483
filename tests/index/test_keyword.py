"""BM25 under given statistics (index.keyword) against FTS5's own bm25():
with an index's own statistics it is FTS5's score, whatever the query."""

from __future__ import annotations

import pytest

from minutes_qa.corpus.load import load
from minutes_qa.index.encoder import HashingEncoder
from minutes_qa.index.keyword import KeywordStats, archive_scores, keyword_stats, phrases
from minutes_qa.index.passage_index import PassageIndex, ingest_into
from minutes_qa.index.store import BM25_WEIGHTS
from tests.conftest import DATA, SAMPLE

MATCHES = [
    '"water"',
    '"smart" OR "water"',
    '"road" OR "safety" OR "school" OR "report"',
    # A quoted phrase: required, and scored twice (FTS5 counts each phrase named).
    '"community safety" AND ("cctv" OR "police" OR "community safety")',
    '"council s"',  # a word with an apostrophe: a two-token phrase
    '"the"',  # in most passages: FTS5's floor on the IDF
    '"minutes" OR "resolved" OR "agreed" OR "noted"',
]


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> PassageIndex:
    folder = tmp_path_factory.mktemp("keyword")
    ingest_into(folder, load([SAMPLE, DATA]), HashingEncoder(64))
    return PassageIndex.open(folder)


@pytest.mark.parametrize("match", MATCHES)
def test_scores_under_the_index_own_statistics_are_fts5_bm25(index: PassageIndex, match: str):
    db = index.store.db
    want = dict(
        db.execute(
            f"SELECT rowid, -bm25(passages_fts, {BM25_WEIGHTS}) FROM passages_fts "
            "WHERE passages_fts MATCH ?",
            (match,),
        )
    )
    assert want, match
    got = archive_scores(db, match, list(want), BM25_WEIGHTS, keyword_stats(db, match))
    assert got.keys() == want.keys()
    for vec_id, score in want.items():
        assert got[vec_id] == pytest.approx(score, rel=1e-12, abs=1e-15)


def test_statistics_are_what_fts5_counts(index: PassageIndex):
    db = index.store.db
    stats = keyword_stats(db, '"water" OR "smart water"')
    assert stats.rows == index.store.passage_count()
    # One row of FTS5's instance table for each token of each column of each row.
    db.execute("CREATE VIRTUAL TABLE temp.tokens USING fts5vocab(main, passages_fts, 'instance')")
    assert stats.tokens == db.execute("SELECT count(*) FROM temp.tokens").fetchone()[0]
    assert stats.hits == {
        '"water"': index.store.document_frequency("water"),
        '"smart water"': index.store.document_frequency("smart water"),
    }


def test_other_statistics_change_the_scores_as_bm25_says(index: PassageIndex):
    """Ten times the rows and tokens with the same hits: the phrase is rarer
    and rows are as long on average, so every score grows by the IDF's ratio."""
    db = index.store.db
    match = '"water"'
    own = keyword_stats(db, match)
    ids = [
        r[0]
        for r in db.execute("SELECT rowid FROM passages_fts WHERE passages_fts MATCH ?", (match,))
    ]
    bigger = KeywordStats(own.rows * 10, own.tokens * 10, own.hits)
    here = archive_scores(db, match, ids, BM25_WEIGHTS, own)
    there = archive_scores(db, match, ids, BM25_WEIGHTS, bigger)
    assert all(there[v] / here[v] == pytest.approx(bigger.idf(match) / own.idf(match)) for v in ids)


def test_statistics_of_shards_add_up():
    a = KeywordStats(10, 100, {'"x"': 2, '"y"': 1})
    b = KeywordStats(5, 40, {'"x"': 3})
    assert KeywordStats.total([a, b]) == KeywordStats(15, 140, {'"x"': 5, '"y"': 1})


def test_phrases_in_order_with_repeats():
    assert phrases('"a b" AND ("c" OR "a b")') == ['"a b"', '"c"', '"a b"']


def test_sizes_of_any_length_are_read():
    """FTS5's sizes are SQLite varints: one byte under 128, more above."""
    from minutes_qa.index.keyword import _varints

    assert _varints(bytes([5, 0x7F])) == [5, 127]
    assert _varints(bytes([0x81, 0x00, 0x05, 0x83, 0xFF, 0x7F])) == [128, 5, 65535]
