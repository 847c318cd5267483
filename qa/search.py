"""Query → ranked, cited passages: hybrid retrieval, near-duplicates folded."""

from __future__ import annotations

import itertools
import operator
from dataclasses import dataclass

import numpy as np

from minutes_qa.index.archive import Archive
from minutes_qa.index.encoder import Encoder, encode_one
from minutes_qa.index.rows import Filters, StoredPassage
from minutes_qa.qa.dedupe import shingles, similar
from minutes_qa.qa.hits import Citation, Hit
from minutes_qa.qa.query import parse_query
from minutes_qa.qa.retrieve import Fusion, Retriever, Scored

# Fetch this many times k before folding near-duplicates, which shortens the list.
OVERFETCH = 4


@dataclass(frozen=True, slots=True)
class GoodMatch:
    """Whether a passage is a good answer or only the nearest there is: a
    logistic line over the two parts of its score, fitted on the first hits
    of both development sets and of off-topic questions (``python
    bench/quality.py calibrate``; see README, "Scores"). The parts are
    absolute, so the line means the same for a two-word keyword query and a
    long question."""

    dense: float
    keyword: float
    bias: float

    def __call__(self, scored: Scored) -> bool:
        return self.dense * scored.dense + self.keyword * scored.keyword + self.bias >= 0


GOOD_MATCH = GoodMatch(dense=2.136, keyword=2.149, bias=-2.199)


class Searcher:
    """Searches one archive (an index folder, or shards: ``index.archive``)
    with the encoder it was built with."""

    def __init__(
        self,
        index: Archive,
        encoder: Encoder,
        fusion: Fusion = Fusion(),
        good_match: GoodMatch = GOOD_MATCH,
    ):
        index.manifest.check_compatible(
            encoder.name, encoder.dimension, encoder.encoding, index.folder
        )
        self.index = index
        self.encoder = encoder
        self.retriever = Retriever(index, encoder, fusion)
        self.good_match = good_match

    def search(self, query: str, k: int = 10, filters: Filters = Filters()) -> list[Hit]:
        """The ``k`` passages that best answer ``query``, best first; a
        passage repeated elsewhere is shown once, the others listed in
        ``also_in``."""
        return self.search_by_vector(
            query, encode_one(self.encoder, parse_query(query).dense_text), k, filters
        )

    def search_by_vector(
        self, query: str, vector: np.ndarray, k: int = 10, filters: Filters = Filters()
    ) -> list[Hit]:
        ranked = self.retriever.rank_parsed(parse_query(query), vector, k * OVERFETCH, filters)
        return self.hits(ranked, k)

    def hits(self, ranked: list[Scored], k: int) -> list[Hit]:
        passages = self.index.passages([s.vec_id for s in ranked])
        # Equal scores in the order of the passages' ids, not of where they are
        # stored: one index and its shards then keep the same one of two twins.
        ranked = sorted(
            ranked,
            key=lambda s: (-round(s.score, 6), p.id if (p := passages.get(s.vec_id)) else ""),
        )
        kept: list[tuple[Scored, StoredPassage, frozenset[str], list[Citation]]] = []
        for scored in ranked:
            passage = passages.get(scored.vec_id)
            if passage is None:
                continue
            signature = shingles(passage.text)
            twin = next((entry for entry in kept if similar(entry[2], signature)), None)
            if twin is not None:
                twin[3].append(Citation.of(passage))
            elif len(kept) < k:
                kept.append((scored, passage, signature, []))
        # Good matches come first: below the first weaker passage, all are weaker
        # (the line and the ranking weigh the two parts almost alike, not exactly).
        good = list(itertools.accumulate((self.good_match(s) for s, *_ in kept), operator.and_))
        return [
            Hit(
                id=p.id,
                text=p.text,
                score=round(s.score, 6),
                kind=p.kind,
                citation=Citation.of(p),
                also_in=tuple(also),
                good_match=is_good,
            )
            for (s, p, _, also), is_good in zip(kept, good, strict=True)
        ]


def is_good_match(hits: list[Hit]) -> bool:
    """Whether the first passage answers well."""
    return bool(hits) and hits[0].good_match
