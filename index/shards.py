"""One archive over several indexes (shards), and a searcher that asks them
all and merges what they find.

A national archive outgrows one index: one machine's memory for its
vectors, one SQLite writer for its ingests. Split, each shard is an
ordinary index folder (its own generations, crash safety and layout),
written by its own ingest and served by its own process if need be:

- by council: each council's minutes in a shard of their own (a council's
  search touches one shard; shards are as uneven as councils are);
- by hash of the meeting: ``shards`` shards of about equal size, a
  meeting's documents always together (its page and neighbours work in
  one shard).

A shard is anything with ``search_by_vector`` (a :class:`PassageIndex`, or a
handle on one in another process: see ``index.ray_shards``). The searcher
sends the query to every shard at once and keeps the best ``k`` of all
their answers: each shard returns its own best ``k``, so the best ``k``
overall are among them, and with exact layouts the merge returns what one
index of everything would (tested). Dense scores are absolute (cosine), so
they merge as they are.
"""

from __future__ import annotations

import hashlib
import logging
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal, Protocol

import numpy as np

from minutes_qa.corpus.model import Document, Failure, meeting_id
from minutes_qa.index.batch import IngestReport
from minutes_qa.index.encoder import Encoder
from minutes_qa.index.manifest import MANIFEST
from minutes_qa.index.passage_index import PassageIndex, ingest_into
from minutes_qa.index.rows import Filters, StoredPassage

log = logging.getLogger(__name__)

ShardBy = Literal["council", "hash"]


class Shard(Protocol):
    def search_by_vector(
        self, query: np.ndarray, k: int, filters: Filters = ...
    ) -> list[tuple[StoredPassage, float]]: ...


def shard_name(doc: Document, by: ShardBy, shards: int = 4) -> str:
    """The shard folder a document belongs in."""
    if by == "council":
        council = doc.meeting.council or "unknown council"
        return re.sub(r"[^a-z0-9]+", "-", council.lower()).strip("-")
    digest = hashlib.sha1(meeting_id(doc).encode()).digest()
    return f"shard-{int.from_bytes(digest[:8], 'big') % shards:03d}"


@dataclass(slots=True)
class ShardedIngest:
    """What a sharded ingest did: each shard's report, and the files that failed."""

    reports: dict[str, IngestReport] = field(default_factory=dict)
    failures: list[Failure] = field(default_factory=list)


def ingest_sharded(
    root: Path,
    documents: Iterable[Document | Failure],
    encoder: Encoder,
    by: ShardBy = "hash",
    shards: int = 4,
    **options: object,
) -> ShardedIngest:
    """Ingest ``documents`` into the shards under ``root`` (``root/<shard>``),
    one ordinary ingest per shard; ``options`` go to each (``flat_max``...).
    The documents are grouped first: each shard's ingest is one generation."""
    groups: dict[str, list[Document | Failure]] = defaultdict(list)
    done = ShardedIngest()
    for doc in documents:
        if isinstance(doc, Failure):
            done.failures.append(doc)
        else:
            groups[shard_name(doc, by, shards)].append(doc)
    for name, docs in sorted(groups.items()):
        log.info("shard %s: %d documents", name, len(docs))
        done.reports[name] = ingest_into(root / name, docs, encoder, **options)  # type: ignore[arg-type]
    return done


class ShardedIndex:
    """Searches every shard at once and merges the answers (see the module)."""

    def __init__(self, shards: Sequence[Shard], threads: int | None = None):
        if not shards:
            raise ValueError("a sharded index needs at least one shard")
        self.shards = list(shards)
        self._pool = ThreadPoolExecutor(threads or len(self.shards), "shard")

    @classmethod
    def open(cls, root: Path, encoder: Encoder | None = None) -> ShardedIndex:
        """Every index folder directly under ``root``, in this process."""
        folders = sorted(p.parent for p in root.glob(f"*/{MANIFEST}"))
        return cls([PassageIndex.open(folder, encoder) for folder in folders])

    def search_by_vector(
        self, query: np.ndarray, k: int, filters: Filters = Filters()
    ) -> list[tuple[StoredPassage, float]]:
        """The ``k`` passages of all shards nearest to ``query`` that pass
        ``filters``; equal scores in passage id order, as one index gives."""
        answers = self._pool.map(
            lambda shard: shard.search_by_vector(query, k, filters), self.shards
        )
        merged = [hit for answer in answers for hit in answer]
        merged.sort(key=lambda hit: (-hit[1], hit[0].id))
        return merged[:k]

    def close(self) -> None:
        self._pool.shutdown()
        for shard in self.shards:
            close = getattr(shard, "close", None)
            if close is not None:
                close()
