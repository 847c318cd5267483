"""The product's search (hybrid: dense and BM25, fused) over a sharded
archive: the Searcher over shards gives one index's top 10, with filters,
through the library and the CLI; with the stand-in encoder and with the
real model."""

from __future__ import annotations

import json
from collections.abc import Sequence
from itertools import groupby
from pathlib import Path

import numpy as np
import pytest

from minutes_qa.cli import main
from minutes_qa.corpus.load import load
from minutes_qa.corpus.model import Document
from minutes_qa.index.encoder import Encoder, HashingEncoder
from minutes_qa.index.passage_index import PassageIndex, ingest_into
from minutes_qa.index.rows import Filters
from minutes_qa.index.sharded import ShardedIndex
from minutes_qa.index.shards import ingest_sharded
from minutes_qa.qa.hits import Hit
from minutes_qa.qa.search import Searcher
from tests.conftest import DATA, SAMPLE

ARCHIVE = [SAMPLE, DATA]
FILTERS = [
    Filters(),
    Filters(include_restricted=True),
    Filters(council="Quillbury"),
    Filters(kinds=("decision",)),
    Filters(since="2020-01-01"),
]


def questions() -> list[str]:
    """Questions about the archive, words cut from its passages, a quoted phrase."""
    texts = [p.text for d in load(ARCHIVE) if isinstance(d, Document) for p in d.passages]
    return [
        "What was said about Smart Water?",
        "CCTV monitoring centre",
        '"community safety" police',
        "When will the council report back on the road safety scheme?",
        *[" ".join(t.split()[2:7]) for t in texts[3::67]],
    ]


def assert_same_hits(got: Sequence[Hit], want: Sequence[Hit], where: str) -> None:
    """The same scores and the same passages, but for the order of equal
    scores (equal to float noise: sums over shards round apart in the last
    bits) and which of equal passages leads the group that ends the list."""
    assert np.allclose([h.score for h in got], [h.score for h in want], atol=2e-6), where
    groups = lambda hits: [  # noqa: E731
        {h.id for h in g} for _, g in groupby(hits, lambda h: round(h.score, 5))
    ]
    assert groups(got)[:-1] == groups(want)[:-1], where
    assert [h.good_match for h in got] == [h.good_match for h in want], where


def assert_searches_agree(sharded: Searcher, one: Searcher) -> None:
    for question in questions():
        for f in FILTERS:
            assert_same_hits(
                sharded.search(question, 10, f), one.search(question, 10, f), f"{question!r} {f}"
            )


@pytest.mark.parametrize("by", ["council", "hash"])
def test_hybrid_search_over_shards_is_one_index(tmp_path: Path, hashing: HashingEncoder, by: str):
    ingest_into(tmp_path / "one", load(ARCHIVE), hashing)
    ingest_sharded(tmp_path / "shards", load(ARCHIVE), hashing, by=by, shards=3)
    one = Searcher(PassageIndex.open(tmp_path / "one"), hashing)
    sharded = Searcher(ShardedIndex.open(tmp_path / "shards"), hashing)
    try:
        assert len(sharded.index.shards) >= 3  # type: ignore[attr-defined]
        assert_searches_agree(sharded, one)
    finally:
        sharded.index.close()
        one.index.close()


class Remembering:
    """The model, each text embedded once: the shards' vectors are exactly
    the one index's (the model's vector for a text shifts in the seventh
    decimal with what it is batched with)."""

    def __init__(self, model: Encoder):
        self.model = model
        self.seen: dict[str, np.ndarray] = {}
        self.name, self.dimension, self.encoding = model.name, model.dimension, model.encoding

    def encode_batch(self, texts: Sequence[str]) -> np.ndarray:
        new = [t for t in dict.fromkeys(texts) if t not in self.seen]
        if new:
            self.seen.update(zip(new, self.model.encode_batch(new), strict=True))
        return np.array([self.seen[t] for t in texts], dtype=np.float32).reshape(-1, self.dimension)


@pytest.fixture(scope="module")
def model_archive(tmp_path_factory: pytest.TempPathFactory, model) -> Path:
    """The archive with the real model: one index, and the same in 3 shards by hash."""
    root = tmp_path_factory.mktemp("model-archive")
    remembering = Remembering(model)
    ingest_into(root / "one", load(ARCHIVE), remembering)
    ingest_sharded(root / "shards", load(ARCHIVE), remembering, by="hash", shards=3)
    return root


def test_hybrid_search_over_shards_is_one_index_with_the_real_model(model_archive: Path, model):
    one = Searcher(PassageIndex.open(model_archive / "one"), model)
    sharded = Searcher(ShardedIndex.open(model_archive / "shards"), model)
    try:
        assert_searches_agree(sharded, one)
        assert sharded.search("Smart Water", 1)[0].text == one.search("Smart Water", 1)[0].text
    finally:
        sharded.index.close()
        one.index.close()


def test_the_cli_searches_a_folder_of_shards(model_archive: Path, capsys):
    def search(index: Path, *extra: str) -> list[dict]:
        assert (
            main(["search", "flooding and drainage", "--index", str(index), "--json", *extra]) == 0
        )
        return json.loads(capsys.readouterr().out)["results"]

    for extra in [(), ("--council", "Quillbury"), ("--kind", "decision")]:
        got, want = search(model_archive / "shards", *extra), search(model_archive / "one", *extra)
        assert len(got) == len(want) > 0
        assert np.allclose([r["score"] for r in got], [r["score"] for r in want], atol=2e-6)
        assert {r["id"] for r in got} == {r["id"] for r in want} or len(
            {r["score"] for r in want}
        ) < len(want)
    assert main(["stats", "--index", str(model_archive / "shards"), "--json"]) == 0
    sharded_stats = json.loads(capsys.readouterr().out)
    assert main(["stats", "--index", str(model_archive / "one"), "--json"]) == 0
    assert sharded_stats == json.loads(capsys.readouterr().out)
