"""Shards served by Ray actors: each actor holds one shard's index open in a
process of its own, on whichever node has room (the nodes must see the
folder), and :class:`~minutes_qa.index.sharded.ShardedIndex` searches them
as it searches shards in this process (hybrid search included: the archive's
keyword statistics travel with each request).

Call :func:`ray_shards` after ``ray.init``. An actor lost with its node is
restarted (it reopens its index) and the request retried; the index folders
are only read.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from minutes_qa.index.archive import Pool, TermCounts
from minutes_qa.index.browse import MeetingItem, MeetingSummary, PassageContext
from minutes_qa.index.keyword import KeywordStats
from minutes_qa.index.manifest import Manifest
from minutes_qa.index.passage_index import PassageIndex
from minutes_qa.index.rows import Filters, IndexStats, StoredPassage

RESTARTS = 3


class _ShardServer:
    """The actor: one index, and any of its reads by name."""

    def __init__(self, folder: str):
        self.index = PassageIndex.open(Path(folder))

    def call(self, name: str, *args: Any) -> Any:
        """A method's result, or an attribute's value (``manifest``, ``generation``)."""
        if name in ("passage_count", "document_frequency"):
            return getattr(self.index.store, name)(*args)
        value = getattr(self.index, name)
        return value(*args) if callable(value) else value


class RemoteShard:
    """A shard in a Ray actor, read as a local one is."""

    def __init__(self, handle: Any, folder: Path):
        self.handle, self.folder = handle, folder
        self.manifest: Manifest = self._call("manifest")

    def _call(self, name: str, *args: Any) -> Any:
        import ray

        return ray.get(self.handle.call.remote(name, *args))

    @property
    def generation(self) -> int:
        return self._call("generation")

    @property
    def term_counts(self) -> TermCounts:
        return _RemoteCounts(self)

    def keyword_stats(self, match: str) -> KeywordStats:
        return self._call("keyword_stats", match)

    def dense(self, query: np.ndarray, k: int, filters: Filters) -> list[tuple[int, float]]:
        return self._call("dense", query, k, filters)

    def keyword(
        self, match: str, k: int, filters: Filters, stats: KeywordStats | None = None
    ) -> list[tuple[int, float]]:
        return self._call("keyword", match, k, filters, stats)

    def candidates(
        self,
        query: np.ndarray,
        match: str | None,
        pool: int,
        filters: Filters,
        stats: KeywordStats | None = None,
    ) -> Pool:
        return self._call("candidates", query, match, pool, filters, stats)

    def passages(self, ids: list[int]) -> dict[int, StoredPassage]:
        return self._call("passages", ids)

    def search_by_vector(
        self, query: np.ndarray, k: int, filters: Filters = Filters()
    ) -> list[tuple[StoredPassage, float]]:
        return list(self._call("search_by_vector", query, k, filters))

    def passage_context(
        self, passage_id: str, include_restricted: bool = False
    ) -> PassageContext | None:
        return self._call("passage_context", passage_id, include_restricted)

    def meetings(
        self, filters: Filters, limit: int, offset: int
    ) -> tuple[list[MeetingSummary], int]:
        return self._call("meetings", filters, limit, offset)

    def meeting(
        self, meeting_id: str, include_restricted: bool = False
    ) -> tuple[MeetingSummary, list[MeetingItem]] | None:
        return self._call("meeting", meeting_id, include_restricted)

    def by_kind(self, filters: Filters, limit: int) -> list[StoredPassage]:
        return self._call("by_kind", filters, limit)

    def stats(self, include_restricted: bool = False) -> IndexStats:
        return self._call("stats", include_restricted)

    def close(self) -> None:
        import ray

        ray.kill(self.handle)


class _RemoteCounts:
    def __init__(self, shard: RemoteShard):
        self.shard = shard

    def generation(self) -> int:
        return self.shard.generation

    def passage_count(self) -> int:
        return self.shard._call("passage_count")

    def document_frequency(self, term: str) -> int:
        return self.shard._call("document_frequency", term)


def ray_shards(folders: Sequence[Path], cpus: float = 0.5) -> list[RemoteShard]:
    """One actor per shard folder, each asking for ``cpus`` of a node."""
    import ray

    server = ray.remote(num_cpus=cpus, max_restarts=RESTARTS, max_task_retries=RESTARTS)(
        _ShardServer
    )
    return [RemoteShard(server.remote(str(f.absolute())), f) for f in folders]
