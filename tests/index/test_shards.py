"""The test archive split into shards (by council, by hash of the meeting):
the sharded searcher's top 10 is one index's top 10, query after query."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from minutes_qa.corpus.load import load
from minutes_qa.corpus.model import Document
from minutes_qa.index.encoder import HashingEncoder
from minutes_qa.index.passage_index import PassageIndex, ingest_into
from minutes_qa.index.rows import Filters, StoredPassage
from minutes_qa.index.sharded import ShardedIndex
from minutes_qa.index.shards import ingest_sharded
from tests.conftest import DATA, SAMPLE

ARCHIVE = [SAMPLE, DATA]


@pytest.fixture(scope="module")
def one_index(tmp_path_factory: pytest.TempPathFactory) -> PassageIndex:
    folder = tmp_path_factory.mktemp("one")
    ingest_into(folder, load(ARCHIVE), HashingEncoder(128))
    return PassageIndex.open(folder)


def queries() -> list[np.ndarray]:
    """Texts of the archive's passages, and short phrases cut from them."""
    texts = [p.text for d in load(ARCHIVE) if isinstance(d, Document) for p in d.passages]
    picked = texts[::17][:25] + [" ".join(t.split()[2:6]) for t in texts[5::23][:25]]
    return list(HashingEncoder(128).encode_batch(picked))


def assert_same_top(
    got: list[tuple[StoredPassage, float]], want: list[tuple[StoredPassage, float]]
):
    assert np.allclose([s for _, s in got], [s for _, s in want], atol=1e-6)
    # Passages tied with the last one may be any of them; all the rest agree.
    last = want[-1][1] if want else 0.0
    assert {p.id for p, s in got if s > last + 1e-6} == {p.id for p, s in want if s > last + 1e-6}
    assert len(got) == len(want)


@pytest.mark.parametrize("by", ["council", "hash"])
def test_sharded_search_equals_one_index(tmp_path: Path, one_index: PassageIndex, by: str):
    done = ingest_sharded(tmp_path, load(ARCHIVE), HashingEncoder(128), by=by, shards=3)
    assert len(done.reports) >= 3 and done.failures  # tests/data holds bad files too
    sharded = ShardedIndex.open(tmp_path)
    try:
        counts = [s.stats(include_restricted=True).passages for s in sharded.shards]  # type: ignore[attr-defined]
        assert sum(counts) == one_index.stats(include_restricted=True).passages
        filters = [Filters(), Filters(include_restricted=True), Filters(council="Quillbury")]
        for query in queries():
            for f in filters:
                want = one_index.search_by_vector(query, 10, f)
                got = sharded.search_by_vector(query, 10, f)
                assert_same_top(got, want)
    finally:
        sharded.close()


def test_by_council_keeps_each_council_in_one_shard(tmp_path: Path):
    ingest_sharded(tmp_path, load(ARCHIVE), HashingEncoder(128), by="council")
    sharded = ShardedIndex.open(tmp_path)
    try:
        for shard in sharded.shards:
            councils = {
                r[0]
                for r in shard.store.db.execute("SELECT DISTINCT council FROM meetings")  # type: ignore[attr-defined]
            }
            assert len(councils) == 1
    finally:
        sharded.close()


KEYWORD_QUERIES = [
    '"water"',
    '"smart" OR "water"',
    '"road" OR "safety" OR "school" OR "report"',
    '"community safety" AND ("cctv" OR "police" OR "community safety")',
    '"minutes" OR "resolved" OR "agreed" OR "noted"',
]


@pytest.mark.parametrize("by", ["council", "hash"])
def test_sharded_keyword_search_scores_as_one_index(
    tmp_path: Path, one_index: PassageIndex, by: str
):
    """BM25 with the archive's statistics: every shard's passages scored and
    ranked as in one index of everything, filters included. With each
    shard's own statistics the merged ranking is not one index's."""
    ingest_sharded(tmp_path, load(ARCHIVE), HashingEncoder(128), by=by, shards=3)
    sharded = ShardedIndex.open(tmp_path)
    differs = 0
    try:
        for match in KEYWORD_QUERIES:
            for f in [Filters(), Filters(include_restricted=True), Filters(kinds=("decision",))]:
                want = named(one_index, one_index.keyword(match, 10, f))
                assert want or f != Filters(), match
                assert_same_ranking(named(sharded, sharded.keyword(match, 10, f)), want)
                own = sorted(
                    (
                        hit
                        for shard in sharded.shards
                        for hit in named(shard, shard.keyword(match, 10, f))
                    ),
                    key=lambda hit: -hit[1],
                )[:10]
                differs += not np.allclose([s for _, s in own], [s for _, s in want])
    finally:
        sharded.close()
    assert differs >= len(KEYWORD_QUERIES)


def named(
    archive: PassageIndex | ShardedIndex, found: list[tuple[int, float]]
) -> list[tuple[str, float]]:
    passages = archive.passages([v for v, _ in found])
    return [(passages[v].id, s) for v, s in found]


def assert_same_ranking(got: list[tuple[str, float]], want: list[tuple[str, float]]):
    """The same scores, and the same passages but for the order of equal scores."""
    assert np.allclose([s for _, s in got], [s for _, s in want], rtol=1e-9, atol=1e-12)
    tie = lambda hits: [(round(s, 9), i) for i, s in hits]  # noqa: E731
    last = round(want[-1][1], 9) if want else 0.0
    assert sorted(h for h in tie(got) if h[0] > last) == sorted(h for h in tie(want) if h[0] > last)
