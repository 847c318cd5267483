"""Shards served by Ray actors: each actor holds one shard's index open in a
process of its own, on whichever node has room (the nodes must see the
folder), and :class:`~minutes_qa.index.shards.ShardedIndex` fans a query
out to them as to shards in this process.

Call :func:`ray_shards` after ``ray.init``. An actor lost with its node is
restarted (it reopens its index) and the query retried; the index folders
are only read.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from minutes_qa.index.passage_index import PassageIndex
from minutes_qa.index.rows import Filters, StoredPassage

RESTARTS = 3


class _ShardServer:
    def __init__(self, folder: str):
        self.index = PassageIndex.open(Path(folder))

    def search_by_vector(
        self, query: np.ndarray, k: int, filters: Filters
    ) -> list[tuple[StoredPassage, float]]:
        return self.index.search_by_vector(query, k, filters)


class RemoteShard:
    """A shard in a Ray actor, searched as a local one is."""

    def __init__(self, handle: Any, folder: Path):
        self.handle, self.folder = handle, folder

    def search_by_vector(
        self, query: np.ndarray, k: int, filters: Filters = Filters()
    ) -> list[tuple[StoredPassage, float]]:
        import ray

        return list(ray.get(self.handle.search_by_vector.remote(query, k, filters)))

    def close(self) -> None:
        import ray

        ray.kill(self.handle)


def ray_shards(folders: Sequence[Path], cpus: float = 0.5) -> list[RemoteShard]:
    """One actor per shard folder, each asking for ``cpus`` of a node."""
    import ray

    server = ray.remote(num_cpus=cpus, max_restarts=RESTARTS, max_task_retries=RESTARTS)(
        _ShardServer
    )
    return [RemoteShard(server.remote(str(f.absolute())), f) for f in folders]
