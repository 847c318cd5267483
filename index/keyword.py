"""BM25 with an archive's statistics rather than one index's own.

FTS5's ``bm25()`` reads three statistics of the table it runs on: its row
count, its token count (all columns), and for each phrase of the query the
rows that hold it. A shard's FTS5 reads the shard's, so its scores are not
the scores one index of the whole archive gives. Everything else BM25 reads
belongs to the row itself: how often each phrase occurs in it (column
weights applied) and how many tokens it has. So a shard can score its rows
as one index of everything would, given the archive's statistics
(:class:`KeywordStats`, summed over the shards).

The row's part is taken from FTS5 itself, so that its tokenizer and phrase
matching are the ones that ranked: the row's length from the ``docsize``
table, the phrase's weighted frequency from FTS5's own ``bm25()`` of a
one-phrase query, which is a known function of it (inverted in
:func:`archive_scores`). The formula is FTS5's (``fts5_aux.c``):

    score = Σ_phrases idf · f·(k1 + 1) / (f + k1·(1 − b + b·D / avgdl))
    idf   = ln((N − n + 0.5) / (n + 0.5)), at least 1e-6

``f``: the phrase's weighted frequency in the row, ``D``: the row's tokens,
``N``/``avgdl``: rows and tokens per row, ``n``: rows holding the phrase.
"""

from __future__ import annotations

import json
import math
import re
import sqlite3
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

# FTS5's constants (fts5_aux.c).
K1 = 1.2
B = 0.75
MIN_IDF = 1e-6
# The FTS5 record that holds the table's row and token counts (FTS5_AVERAGES_ROWID).
_AVERAGES = 1
_PHRASE = re.compile(r'"((?:[^"]|"")*)"')


@dataclass(frozen=True, slots=True)
class KeywordStats:
    """What BM25 reads of a whole index (or archive): ``rows``, ``tokens`` in
    all columns, and for each phrase the rows that hold it (``hits``)."""

    rows: int = 0
    tokens: int = 0
    hits: dict[str, int] = field(default_factory=dict)

    @staticmethod
    def total(parts: Iterable[KeywordStats]) -> KeywordStats:
        """The statistics of shards taken together (their rows are disjoint)."""
        rows = tokens = 0
        hits: Counter[str] = Counter()
        for part in parts:
            rows, tokens = rows + part.rows, tokens + part.tokens
            hits.update(part.hits)
        return KeywordStats(rows, tokens, dict(hits))

    def idf(self, phrase: str) -> float:
        n = self.hits.get(phrase, 0)
        value = math.log((self.rows - n + 0.5) / (n + 0.5))
        return value if value > 0.0 else MIN_IDF

    def length_norm(self, length: int) -> float:
        """``k1·(1 − b + b·D / avgdl)`` for a row of ``length`` tokens."""
        return K1 * (1 - B + B * length / (self.tokens / self.rows))


def phrases(match: str) -> list[str]:
    """The phrases of an FTS5 expression made of quoted phrases, AND, OR and
    parentheses (what ``qa.query`` builds), in order, repeats included: FTS5
    scores a phrase named twice twice."""
    return [m.group(0) for m in _PHRASE.finditer(match)]


def _varints(blob: bytes) -> list[int]:
    """SQLite's varints (big-endian, 7 bits a byte, the ninth byte whole), as
    FTS5 writes its sizes."""
    if max(blob, default=0) < 0x80:
        return list(blob)  # every value under 128, one byte each: most rows' sizes
    values, i = [], 0
    while i < len(blob):
        value = 0
        for j in range(9):
            byte = blob[i]
            i += 1
            if j == 8:
                value = (value << 8) | byte
                break
            value = (value << 7) | (byte & 0x7F)
            if not byte & 0x80:
                break
        values.append(value)
    return values


def keyword_stats(db: sqlite3.Connection, match: str) -> KeywordStats:
    """The statistics FTS5's ``bm25()`` reads for ``match`` in this store."""
    row = db.execute("SELECT block FROM passages_fts_data WHERE id = ?", (_AVERAGES,)).fetchone()
    # An FTS5 table that never held a row has no averages record.
    counts = _varints(row[0]) if row else [0]
    hits = {
        p: db.execute(
            "SELECT count(*) FROM passages_fts WHERE passages_fts MATCH ?", (p,)
        ).fetchone()[0]
        for p in set(phrases(match))
    }
    return KeywordStats(counts[0], sum(counts[1:]), hits)


def archive_scores(
    db: sqlite3.Connection,
    match: str,
    vec_ids: Sequence[int],
    weights: str,
    archive: KeywordStats,
) -> dict[int, float]:
    """The BM25 score under ``archive``'s statistics of each of ``vec_ids``
    (rows that match ``match``), ``weights`` the columns' as given to bm25().

    Per phrase, FTS5 scores the rows holding it alone, with this store's
    statistics: ``s = idf·(k1 + 1)·f / (f + L)``, ``L`` the row's length norm,
    so ``f = s·L / (idf·(k1 + 1) − s)``; that ``f`` is scored again with the
    archive's ``idf`` and length norm."""
    wanted = set(vec_ids)
    if not wanted:
        return {}
    local = keyword_stats(db, match)
    lengths = {
        vec_id: sum(_varints(size))
        for vec_id, size in db.execute(
            "SELECT id, sz FROM passages_fts_docsize WHERE id IN (SELECT value FROM json_each(?))",
            (json.dumps(sorted(wanted)),),
        )
    }
    scores = dict.fromkeys(vec_ids, 0.0)
    for phrase, times in Counter(phrases(match)).items():
        here, there = local.idf(phrase) * (K1 + 1), archive.idf(phrase) * (K1 + 1)
        for vec_id, score in db.execute(
            f"SELECT rowid, -bm25(passages_fts, {weights}) FROM passages_fts "
            "WHERE passages_fts MATCH ?",
            (phrase,),
        ):
            if vec_id not in wanted:
                continue
            length = lengths[vec_id]
            frequency = score * local.length_norm(length) / (here - score)
            scores[vec_id] += times * there * frequency / (frequency + archive.length_norm(length))
    return scores
