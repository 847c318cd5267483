"""What search and browsing read of an archive, however it is held: one
index folder (:class:`~minutes_qa.index.passage_index.PassageIndex`) or
shards searched together (:class:`~minutes_qa.index.shards.ShardedIndex`,
whose shards may live in other processes). The ``qa`` layer reads through
:class:`Archive` alone.

Ids are the archive's own: a passage's row in one index, the shard's number
and that row in a sharded one. They mean something only to the archive that
gave them (``passages`` turns them into passages).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import numpy as np

from minutes_qa.index.browse import MeetingItem, MeetingSummary, PassageContext
from minutes_qa.index.keyword import KeywordStats
from minutes_qa.index.manifest import Manifest
from minutes_qa.index.rows import Filters, IndexStats, StoredPassage


@dataclass(frozen=True, slots=True)
class Pool:
    """The candidates of one query: ``dense``, the best by cosine, and
    ``keyword``, the best by BM25, each best first; for every candidate its
    cosine, its BM25 score (only those that matched the keyword query) and
    the fields keyword search indexes, ``(text, item title, lead-in)``."""

    dense: list[int]
    keyword: list[int]
    cosine: dict[int, float]
    bm25: dict[int, float]
    fields: dict[int, tuple[str, str, str]]


class TermCounts(Protocol):
    """Passages and passages per word, read once per ``generation`` (a
    number that grows whenever the archive changes)."""

    def generation(self) -> int: ...

    def passage_count(self) -> int: ...

    def document_frequency(self, term: str) -> int: ...


class Archive(Protocol):
    """An archive that search reads (see the module)."""

    folder: Path
    manifest: Manifest

    @property
    def generation(self) -> int: ...

    @property
    def term_counts(self) -> TermCounts: ...

    def keyword_stats(self, match: str) -> KeywordStats:
        """What BM25 reads of the whole archive for the FTS5 query ``match``."""
        ...

    def dense(self, query: np.ndarray, k: int, filters: Filters) -> list[tuple[int, float]]:
        """The ``k`` ids nearest to ``query`` that pass ``filters``, best first."""
        ...

    def keyword(
        self, match: str, k: int, filters: Filters, stats: KeywordStats | None = None
    ) -> list[tuple[int, float]]:
        """The ``k`` best by BM25 for ``match`` that pass ``filters``; scored
        with ``stats`` when given (an archive's), else with the archive's own."""
        ...

    def candidates(
        self,
        query: np.ndarray,
        match: str | None,
        pool: int,
        filters: Filters,
        stats: KeywordStats | None = None,
    ) -> Pool:
        """The best ``pool`` by cosine and by BM25 with both scores, all read
        at once (``stats`` as for ``keyword``)."""
        ...

    def passages(self, ids: list[int]) -> dict[int, StoredPassage]: ...

    def search_by_vector(
        self, query: np.ndarray, k: int, filters: Filters = ...
    ) -> list[tuple[StoredPassage, float]]: ...

    def passage_context(
        self, passage_id: str, include_restricted: bool = False
    ) -> PassageContext | None: ...

    def meetings(
        self, filters: Filters, limit: int, offset: int
    ) -> tuple[list[MeetingSummary], int]: ...

    def meeting(
        self, meeting_id: str, include_restricted: bool = False
    ) -> tuple[MeetingSummary, list[MeetingItem]] | None: ...

    def by_kind(self, filters: Filters, limit: int) -> list[StoredPassage]: ...

    def stats(self, include_restricted: bool = False) -> IndexStats: ...

    def close(self) -> None: ...
