"""What search reads of one index folder, each read in one snapshot: the
:class:`~minutes_qa.index.archive.Archive` side of
:class:`~minutes_qa.index.passage_index.PassageIndex` (mixed into it)."""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import AbstractContextManager

import faiss
import numpy as np

from minutes_qa.index import vectors
from minutes_qa.index.archive import Pool, TermCounts
from minutes_qa.index.keyword import KeywordStats, archive_scores, keyword_stats
from minutes_qa.index.rows import Filters, StoredPassage
from minutes_qa.index.store import BM25_WEIGHTS, Store


class IndexReads:
    """Searches of one index; ids are its passages' rows (``vec_id``)."""

    store: Store

    def snapshot(self) -> AbstractContextManager[faiss.Index]:
        raise NotImplementedError

    @property
    def term_counts(self) -> TermCounts:
        return self.store

    def search_by_vector(
        self, query: np.ndarray, k: int, filters: Filters = Filters()
    ) -> list[tuple[StoredPassage, float]]:
        """The ``k`` passages nearest to ``query`` that pass ``filters``."""
        with self.snapshot() as index:
            found = vectors.search(index, query, k, self.store.selection(filters))
            passages = self.store.passages([vec_id for vec_id, _ in found])
        return [(passages[vec_id], score) for vec_id, score in found if vec_id in passages]

    def dense(self, query: np.ndarray, k: int, filters: Filters) -> list[tuple[int, float]]:
        with self.snapshot() as index:
            return vectors.search(index, query, k, self.store.selection(filters))

    def keyword_stats(self, match: str) -> KeywordStats:
        with self.snapshot():
            return keyword_stats(self.store.db, match)

    def keyword(
        self, match: str, k: int, filters: Filters, stats: KeywordStats | None = None
    ) -> list[tuple[int, float]]:
        with self.snapshot():
            return self._keyword(match, k, filters, (), stats)[0]

    def candidates(
        self,
        query: np.ndarray,
        match: str | None,
        pool: int,
        filters: Filters,
        stats: KeywordStats | None = None,
    ) -> Pool:
        store = self.store
        with self.snapshot() as index:
            dense = dict(vectors.search(index, query, pool, store.selection(filters)))
            top, scores = (
                self._keyword(match, pool, filters, list(dense), stats) if match else ([], {})
            )
            cosine = dict(dense)
            missing = [v for v, _ in top if v not in dense]
            if missing:
                found = vectors.reconstruct(index, missing) @ query
                cosine.update(zip(missing, map(float, found), strict=True))
            fields = store.keyword_fields(list(cosine))
        return Pool(list(dense), [v for v, _ in top], cosine, {**scores, **dict(top)}, fields)

    def passages(self, ids: list[int]) -> dict[int, StoredPassage]:
        with self.snapshot():
            return self.store.passages(ids)

    def _keyword(
        self,
        match: str,
        limit: int,
        filters: Filters,
        also: Sequence[int],
        stats: KeywordStats | None,
    ) -> tuple[list[tuple[int, float]], dict[int, float]]:
        """``Store.keyword``, with ``stats`` scored as one index of the whole
        archive scores (``index.keyword``): every match that passes the
        filters is scored, since this index's own order is not the archive's."""
        if stats is None:
            return self.store.keyword(match, limit, filters, also)
        # LIMIT -1: every match.
        top, scores = self.store.keyword(match, -1, filters, also)
        rescored = archive_scores(
            self.store.db, match, [v for v, _ in top] + list(scores), BM25_WEIGHTS, stats
        )
        ranked = sorted(((v, rescored[v]) for v, _ in top), key=lambda hit: (-hit[1], hit[0]))
        return ranked[:limit], {v: rescored[v] for v in scores}
