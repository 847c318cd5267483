"""An archive of several shards searched as one index of everything.

A shard is any :class:`~minutes_qa.index.archive.Archive`: a
:class:`PassageIndex` in this process, or a handle on one in another
(``index.ray_shards``). Every request goes to every shard at once and their
answers are merged:

- dense search: each shard's best ``k`` by cosine, the best ``k`` of all
  (cosine is absolute, so the scores merge as they are);
- keyword search: BM25 with the *archive's* statistics (rows, tokens, rows
  per phrase summed over the shards; ``index.keyword``), so that each shard
  scores and ranks its passages as one index of everything would;
- hybrid candidates: both of these, each candidate with both scores.

So with exact layouts the merged search returns what one index of the whole
archive returns, hybrid ranking included (tested). Passages, meetings and
statistics are looked up in every shard; a shard holds whole meetings
(``index.shards``), so a meeting's page and a passage's neighbours come from
one shard. Ids are ``shard << 40 | row``.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path
from typing import TypeVar

import numpy as np

from minutes_qa.index.archive import Archive, Pool, TermCounts
from minutes_qa.index.browse import MeetingItem, MeetingSummary, PassageContext
from minutes_qa.index.encoder import Encoder
from minutes_qa.index.errors import IndexMismatch, NotOneIndex
from minutes_qa.index.keyword import KeywordStats
from minutes_qa.index.manifest import MANIFEST, Manifest
from minutes_qa.index.passage_index import PassageIndex
from minutes_qa.index.rows import Filters, IndexStats, StoredPassage

T = TypeVar("T")
# A shard's rows stay below 2^40 (10^12 passages); ids are shard << SHIFT | row.
SHIFT = 40
_ROW = (1 << SHIFT) - 1


def shard_folders(root: Path) -> list[Path]:
    """The index folders directly under ``root``, in name order."""
    return sorted(p.parent for p in root.glob(f"*/{MANIFEST}"))


def is_sharded(folder: Path) -> bool:
    """Whether ``folder`` is a folder of shards rather than an index."""
    return not (folder / MANIFEST).is_file() and bool(shard_folders(folder))


def open_archive(folder: Path, encoder: Encoder | None = None) -> PassageIndex | ShardedIndex:
    """The index at ``folder``, or the shards under it (as ``ingest_sharded``
    writes them), searched together in this process."""
    return (
        ShardedIndex.open(folder, encoder)
        if is_sharded(folder)
        else PassageIndex.open(folder, encoder)
    )


def as_one_index(archive: Archive, what: str) -> PassageIndex:
    """``archive`` when it is one index folder; a sharded one is refused,
    naming ``what`` needed one (a server or a CLI only searches shards)."""
    if isinstance(archive, PassageIndex):
        return archive
    raise NotOneIndex(
        f"{archive.folder} is a folder of shards, which is only searched: {what} needs one "
        f"index folder; ingest into a shard with 'minutes-qa ingest PATH --index "
        f"{archive.folder}/SHARD'"
    )


class ShardedIndex:
    """Searches every shard at once and merges the answers (see the module)."""

    def __init__(
        self, shards: Sequence[Archive], threads: int | None = None, folder: Path | None = None
    ):
        if not shards:
            raise ValueError("a sharded index needs at least one shard")
        self.shards = list(shards)
        self.folder = folder or self.shards[0].folder.parent
        self.manifest = _common_manifest(self.shards)
        self._pool = ThreadPoolExecutor(threads or len(self.shards), "shard")

    @classmethod
    def open(cls, root: Path, encoder: Encoder | None = None) -> ShardedIndex:
        """Every index folder directly under ``root``, in this process."""
        folders = shard_folders(root)
        if not folders:
            raise ValueError(f"no shards under {root}: no folder there holds a {MANIFEST}")
        return cls([PassageIndex.open(folder, encoder) for folder in folders], folder=root)

    def _each(self, call: Callable[[Archive], T]) -> list[T]:
        return list(self._pool.map(call, self.shards))

    # -- search -------------------------------------------------------------

    @property
    def generation(self) -> int:
        """The sum of the shards' generations: it grows whenever one does."""
        return sum(self._each(lambda shard: shard.generation))

    @property
    def term_counts(self) -> TermCounts:
        return _Counts(self)

    def keyword_stats(self, match: str) -> KeywordStats:
        return KeywordStats.total(self._each(lambda shard: shard.keyword_stats(match)))

    def dense(self, query: np.ndarray, k: int, filters: Filters) -> list[tuple[int, float]]:
        return _best(self._tagged(self._each(lambda shard: shard.dense(query, k, filters))), k)

    def keyword(
        self, match: str, k: int, filters: Filters, stats: KeywordStats | None = None
    ) -> list[tuple[int, float]]:
        stats = stats or self.keyword_stats(match)
        found = self._each(lambda shard: shard.keyword(match, k, filters, stats))
        return _best(self._tagged(found), k)

    def candidates(
        self,
        query: np.ndarray,
        match: str | None,
        pool: int,
        filters: Filters,
        stats: KeywordStats | None = None,
    ) -> Pool:
        """Each shard's candidates under the archive's keyword statistics;
        the best ``pool`` of all by cosine and by BM25. Every shard scored
        its own dense candidates' BM25 and its keyword candidates' cosine,
        so every candidate kept has both."""
        if match is not None and stats is None:
            stats = self.keyword_stats(match)
        pools = self._each(lambda shard: shard.candidates(query, match, pool, filters, stats))
        dense = _best(self._tagged([[(v, p.cosine[v]) for v in p.dense] for p in pools]), pool)
        keyword = _best(self._tagged([[(v, p.bm25[v]) for v in p.keyword] for p in pools]), pool)
        kept = {v for v, _ in dense} | {v for v, _ in keyword}

        def kept_of(part: Callable[[Pool], dict[int, T]]) -> dict[int, T]:
            return {
                g: value
                for shard, found in enumerate(pools)
                for v, value in part(found).items()
                if (g := shard << SHIFT | v) in kept
            }

        cosine, bm25 = kept_of(lambda p: p.cosine), kept_of(lambda p: p.bm25)
        fields = kept_of(lambda p: p.fields)
        return Pool([v for v, _ in dense], [v for v, _ in keyword], cosine, bm25, fields)

    def passages(self, ids: list[int]) -> dict[int, StoredPassage]:
        wanted: dict[int, list[int]] = defaultdict(list)
        for g in ids:
            wanted[g >> SHIFT].append(g & _ROW)
        found = self._pool.map(
            lambda n: self.shards[n].passages(wanted[n]) if n in wanted else {},
            range(len(self.shards)),
        )
        return {
            shard << SHIFT | v: passage
            for shard, passages in enumerate(found)
            for v, passage in passages.items()
        }

    def search_by_vector(
        self, query: np.ndarray, k: int, filters: Filters = Filters()
    ) -> list[tuple[StoredPassage, float]]:
        """The ``k`` passages of all shards nearest to ``query`` that pass
        ``filters``; equal scores in passage id order, as one index gives."""
        answers = self._each(lambda shard: shard.search_by_vector(query, k, filters))
        merged = [hit for answer in answers for hit in answer]
        merged.sort(key=lambda hit: (-hit[1], hit[0].id))
        return merged[:k]

    def _tagged(self, answers: list[list[tuple[int, float]]]) -> list[tuple[int, float]]:
        return [(shard << SHIFT | v, s) for shard, found in enumerate(answers) for v, s in found]

    # -- browsing -------------------------------------------------------------

    def passage_context(
        self, passage_id: str, include_restricted: bool = False
    ) -> PassageContext | None:
        found = self._each(lambda shard: shard.passage_context(passage_id, include_restricted))
        return next((c for c in found if c is not None), None)

    def meeting(
        self, meeting_id: str, include_restricted: bool = False
    ) -> tuple[MeetingSummary, list[MeetingItem]] | None:
        found = self._each(lambda shard: shard.meeting(meeting_id, include_restricted))
        return next((m for m in found if m is not None), None)

    def meetings(
        self, filters: Filters, limit: int, offset: int
    ) -> tuple[list[MeetingSummary], int]:
        """Newest first across the shards, as one index orders them."""
        found = self._each(lambda shard: shard.meetings(filters, offset + limit, 0))
        merged = _newest_first(
            [m for page, _ in found for m in page], lambda m: m.date, lambda m: (m.id,)
        )
        return merged[offset : offset + limit], sum(total for _, total in found)

    def by_kind(self, filters: Filters, limit: int) -> list[StoredPassage]:
        found = self._each(lambda shard: shard.by_kind(filters, limit))
        merged = _newest_first(
            [p for page in found for p in page],
            lambda p: p.meeting_date,
            lambda p: (p.doc_id, p.position),
        )
        return merged[:limit]

    def stats(self, include_restricted: bool = False) -> IndexStats:
        parts = self._each(lambda shard: shard.stats(include_restricted))
        kinds: Counter[str] = Counter()
        for part in parts:
            kinds.update(part.kinds)
        total = lambda name: sum(getattr(part, name) for part in parts)  # noqa: E731
        return IndexStats(
            documents=total("documents"),
            meetings=total("meetings"),
            passages=total("passages"),
            kinds=dict(kinds),
            with_date=total("with_date"),
            with_committee=total("with_committee"),
            with_source_url=total("with_source_url"),
            sources=total("sources"),
        )

    def close(self) -> None:
        self._pool.shutdown()
        for shard in self.shards:
            shard.close()


class _Counts:
    """The archive's passages and passages per word: the shards' summed."""

    def __init__(self, index: ShardedIndex):
        self.index = index

    def generation(self) -> int:
        return self.index.generation

    def passage_count(self) -> int:
        return sum(self.index._each(lambda shard: shard.term_counts.passage_count()))

    def document_frequency(self, term: str) -> int:
        return sum(self.index._each(lambda shard: shard.term_counts.document_frequency(term)))


def _best(found: list[tuple[int, float]], k: int) -> list[tuple[int, float]]:
    return sorted(found, key=lambda hit: (-hit[1], hit[0]))[:k]


def _newest_first(
    rows: list[T], date: Callable[[T], str | None], then: Callable[[T], tuple]
) -> list[T]:
    """``ORDER BY date IS NULL, date DESC, then...`` (the stores' order)."""
    rows = sorted(rows, key=then)
    rows.sort(key=lambda r: date(r) or "", reverse=True)  # stable: ties keep ``then``
    rows.sort(key=lambda r: date(r) is None)
    return rows


def _common_manifest(shards: Sequence[Archive]) -> Manifest:
    """The shards' model, dimension and encoding, which must agree."""
    first = shards[0].manifest
    for shard in shards[1:]:
        m = shard.manifest
        if (m.model, m.dimension, m.encoding, m.format_version) != (
            first.model,
            first.dimension,
            first.encoding,
            first.format_version,
        ):
            raise IndexMismatch(
                f"shard {shard.folder} was built with model {m.model!r} ({m.dimension}-d, "
                f"{m.encoding}) but shard {shards[0].folder} with {first.model!r} "
                f"({first.dimension}-d, {first.encoding}): the shards of an archive share one"
            )
    counts: Counter[str] = Counter()
    for shard in shards:
        counts.update(shard.manifest.counts)
    return replace(
        first,
        index_type="sharded",
        generation=sum(s.manifest.generation for s in shards),
        vectors="",
        counts=dict(counts),
    )
