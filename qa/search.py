"""Query → ranked, cited passages: hybrid retrieval, near-duplicates folded."""

from __future__ import annotations

import numpy as np

from index.encoder import Encoder, encode_one
from index.passage_index import PassageIndex
from index.store import Filters, StoredPassage
from qa.dedupe import shingles, similar
from qa.hits import Citation, Hit
from qa.query import parse_query
from qa.retrieve import Fusion, Retriever, Scored

# A fused score below this is not a good answer (see README, "Scores"):
# clients get the results anyway, marked, and the CLI says so.
GOOD_MATCH = 0.45


class Searcher:
    """Searches one index with the encoder it was built with."""

    def __init__(self, index: PassageIndex, encoder: Encoder, fusion: Fusion = Fusion()):
        index.manifest.check_compatible(
            encoder.name, encoder.dimension, encoder.encoding, index.folder
        )
        self.index = index
        self.encoder = encoder
        self.retriever = Retriever(index, encoder, fusion)

    def search(self, query: str, k: int = 10, filters: Filters = Filters()) -> list[Hit]:
        """The ``k`` passages that best answer ``query``, best first; a
        passage repeated elsewhere is shown once, the others listed in
        ``also_in``."""
        return self.search_by_vector(query, encode_one(self.encoder, query), k, filters)

    def search_by_vector(
        self, query: str, vector: np.ndarray, k: int = 10, filters: Filters = Filters()
    ) -> list[Hit]:
        # Fetch more than k: folding duplicates shortens the list.
        ranked = self.retriever.rank_parsed(parse_query(query), vector, k * 4, filters)
        return self.hits(ranked, k)

    def hits(self, ranked: list[Scored], k: int) -> list[Hit]:
        with self.index.snapshot():
            passages = self.index.store.passages([s.vec_id for s in ranked])
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
        return [
            Hit(
                id=p.id,
                text=p.text,
                score=round(s.score, 6),
                kind=p.kind,
                citation=Citation.of(p),
                also_in=tuple(also),
            )
            for s, p, _, also in kept
        ]


def is_good_match(hits: list[Hit]) -> bool:
    return bool(hits) and hits[0].score >= GOOD_MATCH
