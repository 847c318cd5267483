"""Hybrid retrieval: dense vectors and BM25 keywords, fused.

Dense embeddings find paraphrases but lose names, acronyms and exact
phrases; BM25 keeps those but misses paraphrase. Both retrieve a pool of
candidates, every candidate gets both scores, and the scores are fused.

Fusion ``convex`` (the default, chosen by cross-validated measurement on two
development sets; see README, "Quality, measured") is a weighted sum of the
cosine similarity and the keyword evidence, ``coverage^p · bm25 / (bm25 +
scale)``. ``coverage`` is the share of the query's word weight (IDF) that the
passage holds: long questions full of generic words ("What did the Minister
say about the challenges schools face...") are not punished for the words no
passage holds, as a plain share of words would. Every part is absolute, not
normalised per query, so the fused score means the same across queries and
a client can threshold it. ``rrf`` (reciprocal rank fusion) is the naive
baseline that ``eval`` reports beside it.
"""

from __future__ import annotations

import math
import threading
from dataclasses import dataclass
from typing import Literal

import numpy as np

from minutes_qa.index.archive import Archive, TermCounts
from minutes_qa.index.encoder import Encoder, encode_one
from minutes_qa.index.rows import Filters
from minutes_qa.qa.query import KEYWORD_MAX_DOCS, KEYWORD_MAX_TERMS, Query, parse_query
from minutes_qa.qa.terms import StemMatcher, stems

Mode = Literal["hybrid", "dense", "keyword"]


@dataclass(frozen=True, slots=True)
class Fusion:
    """How dense and keyword evidence combine; see the module docstring."""

    method: Literal["convex", "rrf"] = "convex"
    # Chosen by 5-fold cross-validation on both development sets (README,
    # "Quality, measured"; ``make tune-fusion``).
    dense_weight: float = 0.5
    bm25_scale: float = 2.0
    # The keyword part is weighted by the passage's share of the query's
    # word weight, to this power (0: off).
    coverage: float = 2.0
    # Word weight: IDF (a rare word counts more) or every word alike.
    coverage_weighting: Literal["idf", "count"] = "idf"
    rrf_k: int = 60
    pool: int = 100
    # BM25 leaves out query words found in more than this many passages
    # (0: keep all); they still count for coverage. This bounds the time of
    # the keyword search whatever the archive's size. See README, "Speed".
    max_term_docs: int = KEYWORD_MAX_DOCS
    # BM25 scores at most this many of the query's words, the rarest (0: all):
    # a long question costs no more than a short one. The others still count
    # for coverage.
    max_terms: int = KEYWORD_MAX_TERMS


@dataclass(frozen=True, slots=True)
class Scored:
    """A candidate passage with its fused score and its parts: ``dense``
    (cosine), ``keyword`` (the keyword evidence as fused, in [0, 1]) and
    ``bm25`` (FTS5's raw score, 0 when no query word matched)."""

    vec_id: int
    score: float
    dense: float
    keyword: float
    bm25: float = 0.0


@dataclass(frozen=True, slots=True)
class Candidates:
    """The pool of one query: dense and keyword candidates with every
    feature fusion needs, row ``i`` for ``vec_ids[i]``. ``present[i, j]``:
    candidate ``i`` holds query word ``j`` (in its text, item title or
    lead-in, stemmed as BM25 stems it); ``weights[j]`` is that word's IDF."""

    vec_ids: list[int]
    dense: np.ndarray
    bm25: np.ndarray
    present: np.ndarray
    weights: np.ndarray

    def coverage(self, weighting: Literal["idf", "count"] = "idf") -> np.ndarray:
        """The share of the query's word weight each candidate holds (1 when
        the query has no words, 0 when none of them occurs in the index)."""
        if not self.weights.size:
            return np.ones(len(self.vec_ids))
        # A word in no passage weighs nothing either way: no passage can hold it.
        weights = self.weights if weighting == "idf" else (self.weights > 0).astype(float)
        total = weights.sum()
        return (self.present @ weights) / total if total else np.zeros(len(self.vec_ids))


class TermStats:
    """Documents per query word, counted once per generation of the index:
    BM25's word cap and the IDF weights of coverage both read them."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._generation = -1
        self._total = 0
        self._counts: dict[str, int] = {}

    def frequencies(self, store: TermCounts, terms: tuple[str, ...]) -> tuple[int, list[int]]:
        """``(passages in the index, [passages holding each term])``."""
        generation = store.generation()
        with self._lock:
            # A thread still reading an older generation never resets the cache back.
            if generation > self._generation:
                self._generation, self._counts = generation, {}
                self._total = store.passage_count()
            current = generation == self._generation
            total = self._total if current else store.passage_count()
            known = {t: self._counts[t] for t in terms if current and t in self._counts}
        counted = {t: store.document_frequency(t) for t in terms if t not in known}
        with self._lock:
            if generation == self._generation:
                self._counts.update(counted)
        return total, [known.get(t, counted.get(t, 0)) for t in terms]


def idf(total: int, frequency: int) -> float:
    """BM25's IDF (Robertson-Sparck Jones, kept positive as in Lucene)."""
    return math.log(1 + (total - frequency + 0.5) / (frequency + 0.5))


class Retriever:
    """Ranks passages of one archive (an index, or shards) for a query."""

    def __init__(self, index: Archive, encoder: Encoder, fusion: Fusion = Fusion()):
        self.index = index
        self.encoder = encoder
        self.fusion = fusion
        self.term_stats = TermStats()

    def rank(
        self, text: str, k: int, filters: Filters = Filters(), mode: Mode = "hybrid"
    ) -> list[Scored]:
        """The best ``k`` candidates, best first."""
        query = parse_query(text)
        vector = encode_one(self.encoder, query.dense_text) if mode != "keyword" else None
        return self.rank_parsed(query, vector, k, filters, mode)

    def rank_parsed(
        self,
        query: Query,
        vector: np.ndarray | None,
        k: int,
        filters: Filters,
        mode: Mode = "hybrid",
    ) -> list[Scored]:
        if mode == "keyword":
            match = self._match(query)
            found = self.index.keyword(match, k, filters) if match else []
            return [Scored(v, s, 0.0, 0.0, s) for v, s in found]
        assert vector is not None
        if mode == "dense":
            return [Scored(v, s, s, 0.0) for v, s in self.index.dense(vector, k, filters)]
        pool = self.candidates(query, vector, filters, max(self.fusion.pool, k))
        evidence = keyword_evidence(pool, self.fusion)
        scores = fuse(pool, self.fusion, evidence)
        ranked = [
            Scored(v, float(s), float(d), float(e), float(b))
            for v, s, d, e, b in zip(
                pool.vec_ids, scores, pool.dense, evidence, pool.bm25, strict=True
            )
        ]
        return sorted(ranked, key=lambda s: (-s.score, s.vec_id))[:k]

    def candidates(
        self, query: Query, vector: np.ndarray, filters: Filters, pool: int | None = None
    ) -> Candidates:
        """Dense and keyword candidates of one query with both scores and
        the words each holds, read at once (the word counts just before)."""
        total, frequencies = self.term_stats.frequencies(self.index.term_counts, query.terms)
        match = self._match(query, frequencies)
        found = self.index.candidates(vector, match, pool or self.fusion.pool, filters)
        dense = set(found.dense)
        ids = found.dense + [v for v in found.keyword if v not in dense]
        if query.phrases:
            # A quoted phrase is a requirement: only passages that matched it in FTS5.
            ids = [v for v in ids if v in found.bm25]
        fields = found.fields
        # A term with an apostrophe ("council s") is present when all its words are.
        term_stems = [stems(t) for t in query.terms]
        matcher = StemMatcher(set().union(*term_stems))
        present = np.zeros((len(ids), len(term_stems)))
        for row, v in enumerate(ids):
            held = matcher.held(" ".join(fields.get(v, ())))
            present[row] = [term <= held for term in term_stems]
        return Candidates(
            vec_ids=ids,
            dense=np.array([found.cosine[v] for v in ids]),
            bm25=np.array([found.bm25.get(v, 0.0) for v in ids]),
            present=present,
            # A word in no passage gets no weight: it is left out of BM25 too.
            weights=np.array([idf(total, f) if f else 0.0 for f in frequencies]),
        )

    def _match(self, query: Query, frequencies: list[int] | None = None) -> str | None:
        """The FTS5 query with the ``max_terms`` rarest words that occur, of
        those in at most ``max_term_docs`` passages ("council" in an archive
        of council minutes): a common word's BM25 weight is small and scoring
        every passage that holds it is most of the time a keyword search
        takes, growing with the archive. The rarest word stays when every
        word is that common."""
        terms, cap, most = query.terms, self.fusion.max_term_docs, self.fusion.max_terms
        if not terms or (cap <= 0 and most <= 0):
            return query.match(terms)
        if frequencies is None:
            frequencies = self.term_stats.frequencies(self.index.term_counts, terms)[1]
        # Words in no passage match nothing: they take no place among the rarest.
        ranked = sorted(
            (f, i, t) for i, (f, t) in enumerate(zip(frequencies, terms, strict=True)) if f
        ) or [(0, 0, terms[0])]
        kept = [(f, i, t) for f, i, t in ranked if cap <= 0 or f <= cap] or ranked[:1]
        if most > 0:
            kept = kept[:most]
        # In the query's own order: the FTS5 expression stays readable.
        return query.match(tuple(t for _, _, t in sorted(kept, key=lambda x: x[1])))


def fuse(pool: Candidates, fusion: Fusion, evidence: np.ndarray | None = None) -> np.ndarray:
    """The fused score of every candidate (see the module docstring);
    ``evidence``: ``keyword_evidence`` of the pool, when already computed."""
    if fusion.method == "rrf":
        dense_rank = _ranks(pool.dense)
        keyword_rank = _ranks(pool.bm25)
        score = fusion.dense_weight / (fusion.rrf_k + dense_rank)
        matched = pool.bm25 > 0
        score[matched] += (1 - fusion.dense_weight) / (fusion.rrf_k + keyword_rank[matched])
        return score
    if evidence is None:
        evidence = keyword_evidence(pool, fusion)
    return fusion.dense_weight * pool.dense + (1 - fusion.dense_weight) * evidence


def keyword_evidence(pool: Candidates, fusion: Fusion) -> np.ndarray:
    """The keyword part of the fused score, in [0, 1]: saturated BM25 times
    coverage to its power."""
    saturated = np.where(pool.bm25 > 0, pool.bm25 / (pool.bm25 + fusion.bm25_scale), 0.0)
    if fusion.coverage:
        saturated = saturated * pool.coverage(fusion.coverage_weighting) ** fusion.coverage
    return saturated


def _ranks(scores: np.ndarray) -> np.ndarray:
    """1 for the highest score; ties keep candidate order."""
    order = np.argsort(-scores, kind="stable")
    ranks = np.empty(len(scores))
    ranks[order] = np.arange(1, len(scores) + 1)
    return ranks
