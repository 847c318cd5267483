"""Query → ranked, cited passages."""

from __future__ import annotations

import numpy as np

from index.encoder import Encoder, encode_one
from index.passage_index import PassageIndex
from index.store import Filters
from qa.hits import Citation, Hit


class Searcher:
    """Searches one index with the encoder it was built with."""

    def __init__(self, index: PassageIndex, encoder: Encoder):
        index.manifest.check_compatible(
            encoder.name, encoder.dimension, index.manifest.encoding, index.folder
        )
        self.index = index
        self.encoder = encoder

    def search(self, query: str, k: int = 10, filters: Filters = Filters()) -> list[Hit]:
        """The ``k`` passages that best answer ``query``, best first."""
        return self.search_by_vector(encode_one(self.encoder, query), k, filters)

    def search_by_vector(
        self, vector: np.ndarray, k: int = 10, filters: Filters = Filters()
    ) -> list[Hit]:
        return [
            Hit(id=p.id, text=p.text, score=round(score, 6), kind=p.kind, citation=Citation.of(p))
            for p, score in self.index.search_by_vector(vector, k, filters)
        ]
