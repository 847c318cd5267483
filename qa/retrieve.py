"""Hybrid retrieval: dense vectors and BM25 keywords, fused.

Dense embeddings find paraphrases but lose names, acronyms and exact
phrases; BM25 keeps those but misses paraphrase. Both retrieve a pool of
candidates, every candidate gets both scores, and the scores are fused.

Fusion ``convex`` (the default, chosen by measurement; see README) is a
weighted sum of the cosine similarity and a saturated BM25,
``bm25 / (bm25 + scale)``. Both parts are absolute, not normalised per query,
so the fused score means the same across queries and a client can threshold
it. ``rrf`` (reciprocal rank fusion) is kept for comparison in ``eval``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

import faiss
import numpy as np

from index import vectors
from index.encoder import Encoder, encode_one
from index.passage_index import PassageIndex
from index.store import Filters
from qa.highlight import stem
from qa.query import Query, parse_query

_WORDS = re.compile(r"[^\W_]+")

Mode = Literal["hybrid", "dense", "keyword"]


@dataclass(frozen=True, slots=True)
class Fusion:
    """How dense and keyword evidence combine; see the module docstring."""

    method: Literal["convex", "rrf"] = "convex"
    dense_weight: float = 0.5
    bm25_scale: float = 10.0
    rrf_k: int = 60
    pool: int = 100
    # Pseudo-relevance feedback: move the query vector towards the mean of
    # its ``prf`` nearest passages (0: off) before the dense search.
    prf: int = 0
    prf_weight: float = 0.5
    # Weight the keyword part by the share of query words the passage holds,
    # to this power (0: off): "Smart Water" beats a passage with "water" alone.
    coverage: float = 2.0
    # Passages shorter than this many words are discounted in proportion
    # (0: off): "Water pollution" is a heading, not an answer.
    min_words: int = 0
    # BM25 leaves out query words found in more than this many passages
    # (0: keep all); they still count for coverage. This bounds the time of
    # the keyword search whatever the archive's size. See README, "Speed".
    max_term_docs: int = 10_000


@dataclass(frozen=True, slots=True)
class Scored:
    """A candidate passage with its fused score and the two parts of it."""

    vec_id: int
    score: float
    dense: float
    keyword: float


class Retriever:
    """Ranks passages of one index for a query."""

    def __init__(self, index: PassageIndex, encoder: Encoder, fusion: Fusion = Fusion()):
        self.index = index
        self.encoder = encoder
        self.fusion = fusion

    def rank(
        self, text: str, k: int, filters: Filters = Filters(), mode: Mode = "hybrid"
    ) -> list[Scored]:
        """The best ``k`` candidates, best first."""
        query = parse_query(text)
        vector = encode_one(self.encoder, text) if mode != "keyword" else None
        return self.rank_parsed(query, vector, k, filters, mode)

    def rank_parsed(
        self,
        query: Query,
        vector: np.ndarray | None,
        k: int,
        filters: Filters,
        mode: Mode = "hybrid",
    ) -> list[Scored]:
        pool = max(self.fusion.pool, k)
        store = self.index.store
        with self.index.snapshot() as faiss_index:
            match = query.match(store.selective_terms(query.terms, self.fusion.max_term_docs))
            if mode == "keyword":
                keyword, _ = store.keyword(match, k, filters) if match else ([], {})
                return [Scored(v, s, 0.0, s) for v, s in keyword]
            assert vector is not None
            selection = store.selection(filters)
            if self.fusion.prf and mode == "hybrid":
                vector = self._feedback(faiss_index, vector, selection)
            dense = vectors.search(faiss_index, vector, pool, selection)
            if mode == "dense":
                return [Scored(v, s, s, 0.0) for v, s in dense[:k]]
            dense_scores = dict(dense)
            keyword, keyword_scores = (
                store.keyword(match, pool, filters, also=list(dense_scores)) if match else ([], {})
            )
            keyword_scores.update(keyword)
            missing_dense = [v for v in keyword_scores if v not in dense_scores]
            if missing_dense:
                found = vectors.reconstruct(faiss_index, missing_dense) @ vector
                dense_scores.update(zip(missing_dense, map(float, found), strict=True))
            candidates = list(dense_scores)
            if query.phrases:
                # A quoted phrase is a requirement: only passages that matched it in FTS5.
                candidates = [v for v in candidates if v in keyword_scores]
            if self.fusion.coverage or self.fusion.min_words:
                # Within the snapshot: the texts of the same generation.
                self._adjust(query, candidates, dense_scores, keyword_scores)
        fused = self._fuse(candidates, dense_scores, keyword_scores)
        return sorted(fused, key=lambda s: (-s.score, s.vec_id))[:k]

    def _adjust(
        self,
        query: Query,
        candidates: list[int],
        dense: dict[int, float],
        keyword: dict[int, float],
    ) -> None:
        texts = self.index.store.texts(candidates)
        # A query word is present when some word of the text starts with its stem.
        stems = [re.compile(r"(?<![^\W_])" + re.escape(stem(t))) for t in query.terms]
        for v in candidates:
            text = texts.get(v, "").lower()
            if self.fusion.coverage and stems and v in keyword:
                present = sum(1 for s in stems if s.search(text))
                keyword[v] *= (present / len(stems)) ** self.fusion.coverage
            if self.fusion.min_words:
                words = len(_WORDS.findall(text))
                if words < self.fusion.min_words:
                    dense[v] *= words / self.fusion.min_words
                    if v in keyword:
                        keyword[v] *= words / self.fusion.min_words

    def _feedback(
        self, faiss_index: faiss.Index, vector: np.ndarray, selection: vectors.Selection
    ) -> np.ndarray:
        top = vectors.search(faiss_index, vector, self.fusion.prf, selection)
        if not top:
            return vector
        centroid = vectors.reconstruct(faiss_index, [v for v, _ in top]).mean(axis=0)
        moved = vector + self.fusion.prf_weight * centroid
        return (moved / np.linalg.norm(moved)).astype(np.float32)

    def _fuse(
        self, candidates: list[int], dense: dict[int, float], keyword: dict[int, float]
    ) -> list[Scored]:
        f = self.fusion
        if f.method == "rrf":
            dense_rank = _ranks(dense)
            keyword_rank = _ranks(keyword)

            def rrf(v: int) -> float:
                score = f.dense_weight / (f.rrf_k + dense_rank[v])
                if v in keyword_rank:
                    score += (1 - f.dense_weight) / (f.rrf_k + keyword_rank[v])
                return score

            return [Scored(v, rrf(v), dense[v], keyword.get(v, 0.0)) for v in candidates]
        out = []
        for v in candidates:
            bm25 = keyword.get(v, 0.0)
            saturated = bm25 / (bm25 + f.bm25_scale) if bm25 > 0 else 0.0
            score = f.dense_weight * dense[v] + (1 - f.dense_weight) * saturated
            out.append(Scored(v, score, dense[v], bm25))
        return out


def _ranks(scores: dict[int, float]) -> dict[int, int]:
    ordered = sorted(scores, key=lambda v: (-scores[v], v))
    return {v: rank for rank, v in enumerate(ordered, 1)}
