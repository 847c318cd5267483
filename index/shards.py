"""One archive split over several indexes (shards): which shard a document
belongs in, and the ingest that writes them.

A national archive outgrows one index: one machine's memory for its
vectors, one SQLite writer for its ingests. Split, each shard is an
ordinary index folder (its own generations, crash safety and layout),
written by its own ingest and served by its own process if need be:

- by council: each council's minutes in a shard of their own (a council's
  search touches one shard; shards are as uneven as councils are);
- by hash of the meeting: ``shards`` shards of about equal size, a
  meeting's documents always together (its page and neighbours work in
  one shard).

The shards are searched together as one archive by
:class:`~minutes_qa.index.sharded.ShardedIndex` (``index.sharded``), which
gives what one index of everything gives, hybrid ranking included.
"""

from __future__ import annotations

import hashlib
import logging
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from minutes_qa.corpus.model import Document, Failure, meeting_id
from minutes_qa.index.batch import IngestReport
from minutes_qa.index.encoder import Encoder
from minutes_qa.index.passage_index import ingest_into

log = logging.getLogger(__name__)

ShardBy = Literal["council", "hash"]


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
