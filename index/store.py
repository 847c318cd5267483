"""The passage store: meetings, documents, agenda items and passages in SQLite.

A passage's SQLite rowid (``vec_id``) is also its id in FAISS, so the two
always refer to the same thing. Rowids are AUTOINCREMENT, never reused: a
deleted passage's vector id cannot come back meaning something else. An FTS5
table over the passages serves keyword search.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import threading
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from datetime import UTC, datetime
from pathlib import Path

import numpy as np

from minutes_qa.corpus.model import Document, meeting_id
from minutes_qa.index.rows import (
    SELECT_PASSAGES,
    Filters,
    IndexStats,
    StoredPassage,
    hidden_ids,
    stored_passage,
    visible,
    where_clauses,
)
from minutes_qa.index.schema import ADDED_COLUMNS, SCHEMA
from minutes_qa.index.sqlite import chunks, connect, transaction
from minutes_qa.index.vectors import Selection

# Column weights of bm25(): passage text, item title, lead-in.
BM25_WEIGHTS = "1.0, 0.5, 0.3"


def embed_hash(text: str, model: str) -> str:
    return hashlib.sha1(f"{model}\x1f{text}".encode()).hexdigest()


class Store:
    """The passage store of an index folder: one SQLite connection per
    thread, so that the server's threads read in parallel, each in its own
    snapshot (WAL readers never block one another or the writer)."""

    def __init__(self, path: Path):
        self.path = path
        self._local = threading.local()
        self._connections: list[sqlite3.Connection] = []
        self._connections_lock = threading.Lock()
        self.db.executescript(SCHEMA)
        self._add_columns()

    def _add_columns(self) -> None:
        for table, columns in ADDED_COLUMNS.items():
            have = {row[1] for row in self.db.execute(f"PRAGMA table_info({table})")}
            for name, kind in columns:
                if name not in have:
                    self.db.execute(f"ALTER TABLE {table} ADD COLUMN {name} {kind}")

    @property
    def db(self) -> sqlite3.Connection:
        """This thread's connection, opened on first use."""
        connection = getattr(self._local, "connection", None)
        if connection is None:
            connection = self._local.connection = connect(self.path)
            with self._connections_lock:
                self._connections.append(connection)
        return connection

    def close(self) -> None:
        with self._connections_lock:
            for connection in self._connections:
                connection.close()
            self._connections.clear()
        self._local = threading.local()

    def write(self) -> AbstractContextManager[None]:
        """One write transaction: everything in it lands, or nothing does."""
        return transaction(self.db)

    @contextmanager
    def read(self) -> Iterator[None]:
        """A consistent snapshot for several queries (WAL readers never block)."""
        self.db.execute("BEGIN")
        try:
            yield
        finally:
            self.db.execute("COMMIT")

    # -- generation -------------------------------------------------------

    def generation(self) -> int:
        row = self.db.execute("SELECT value FROM meta WHERE key = 'generation'").fetchone()
        return int(row[0]) if row else 0

    def set_generation(self, generation: int, index_type: str) -> None:
        """Record a new generation and the FAISS layout of its vectors."""
        self.db.executemany(
            "INSERT INTO meta(key, value) VALUES (?, ?) "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            [("generation", str(generation)), ("index_type", index_type)],
        )

    def index_type(self) -> str:
        row = self.db.execute("SELECT value FROM meta WHERE key = 'index_type'").fetchone()
        return row[0] if row else "flat"

    # -- documents --------------------------------------------------------

    def doc_of_source(self, source: str) -> str | None:
        row = self.db.execute("SELECT doc_id FROM sources WHERE source = ?", (source,)).fetchone()
        return row[0] if row else None

    def has_document(self, doc_id: str) -> bool:
        return (
            self.db.execute("SELECT 1 FROM documents WHERE id = ?", (doc_id,)).fetchone()
            is not None
        )

    def attach_source(self, source: str, doc_id: str) -> None:
        self.db.execute(
            "INSERT INTO sources(source, doc_id, ingested_at) VALUES (?, ?, ?) "
            "ON CONFLICT(source) DO UPDATE SET doc_id = excluded.doc_id, "
            "ingested_at = excluded.ingested_at",
            (source, doc_id, _now()),
        )

    def detach_source(self, source: str) -> list[tuple[int, str]]:
        """Forget that ``source`` holds its document; when no other source
        holds that document any more, delete it. Returns the vector ids and
        embedding hashes of the passages deleted."""
        doc_id = self.doc_of_source(source)
        if doc_id is None:
            return []
        self.db.execute("DELETE FROM sources WHERE source = ?", (source,))
        still_held = self.db.execute("SELECT 1 FROM sources WHERE doc_id = ?", (doc_id,)).fetchone()
        return [] if still_held else self.delete_documents([doc_id])

    def delete_documents(self, doc_ids: Sequence[str]) -> list[tuple[int, str]]:
        removed: list[tuple[int, str]] = []
        for doc_id in doc_ids:
            removed += self.db.execute(
                "SELECT vec_id, embed_hash FROM passages WHERE doc_id = ?", (doc_id,)
            ).fetchall()
            row = self.db.execute(
                "SELECT meeting_id FROM documents WHERE id = ?", (doc_id,)
            ).fetchone()
            self.db.execute("DELETE FROM passages WHERE doc_id = ?", (doc_id,))
            self.db.execute("DELETE FROM sources WHERE doc_id = ?", (doc_id,))
            self.db.execute("DELETE FROM documents WHERE id = ?", (doc_id,))
            if row:
                self.db.execute(
                    "DELETE FROM meetings WHERE id = ? AND NOT EXISTS "
                    "(SELECT 1 FROM documents WHERE meeting_id = ?)",
                    (row[0], row[0]),
                )
        return removed

    def insert_document(self, doc: Document, model: str, context: bool = True) -> list[int]:
        """Store a document and its passages; returns their vector ids in order."""
        m = doc.meeting
        mid = meeting_id(doc)
        self.db.execute(
            "INSERT INTO meetings(id, council, committee, date, title, date_source, "
            "council_source, committee_source) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT(id) DO UPDATE SET "
            "council_source = CASE WHEN council IS NULL THEN excluded.council_source "
            "ELSE council_source END, "
            "council = coalesce(council, excluded.council), "
            "committee_source = CASE WHEN committee IS NULL THEN excluded.committee_source "
            "ELSE committee_source END, "
            "committee = coalesce(committee, excluded.committee), "
            "date_source = coalesce(date_source, excluded.date_source), "
            "title = coalesce(title, excluded.title)",
            (
                mid,
                m.council,
                m.committee,
                m.date,
                m.title,
                m.date_source,
                m.council_source,
                m.committee_source,
            ),
        )
        self.db.execute(
            "INSERT INTO documents(id, meeting_id, url, format, restricted, ingested_at) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            (doc.doc_id, mid, m.url, doc.format, int(m.restricted), _now()),
        )
        vec_ids = []
        for p in doc.passages:
            cursor = self.db.execute(
                "INSERT INTO passages(id, doc_id, position, kind, form, text, lead_in, "
                "item_index, item_number, item_title, restricted, embed_hash) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    p.id,
                    doc.doc_id,
                    p.position,
                    p.kind.value,
                    p.form.value,
                    p.text,
                    p.lead_in,
                    p.item_index,
                    p.item_number,
                    p.item_title,
                    int(p.restricted),
                    embed_hash(p.embedding_text(context), model),
                ),
            )
            assert cursor.lastrowid is not None
            vec_ids.append(cursor.lastrowid)
        return vec_ids

    def vec_ids_by_hash(self, hashes: Sequence[str], max_vec_id: int) -> dict[str, int]:
        """For each embedding hash, a passage up to ``max_vec_id`` (one that
        already has a vector) with the same hash, where one exists."""
        found: dict[str, int] = {}
        for chunk in chunks(list(set(hashes))):
            marks = ",".join("?" * len(chunk))
            for h, vec_id in self.db.execute(
                f"SELECT embed_hash, min(vec_id) FROM passages WHERE embed_hash IN ({marks}) "
                "AND vec_id <= ? GROUP BY embed_hash",
                [*chunk, max_vec_id],
            ):
                found[h] = vec_id
        return found

    # -- queries ----------------------------------------------------------

    def selection(self, filters: Filters) -> Selection:
        """The vector ids a search with ``filters`` may return. Without other
        filters, restricted passages (few) are denied rather than all the
        others allowed."""
        if filters == Filters(include_restricted=filters.include_restricted):
            hidden = self.db.execute(hidden_ids(filters.include_restricted))
            deny = np.fromiter((r[0] for r in hidden), dtype=np.int64)
            return Selection(deny=deny if len(deny) else None)
        where, args = where_clauses(filters)
        sql = (
            "SELECT p.vec_id FROM passages p JOIN documents d ON d.id = p.doc_id "
            "JOIN meetings m ON m.id = d.meeting_id WHERE " + " AND ".join(where)
        )
        return Selection(allow=np.fromiter((r[0] for r in self.db.execute(sql, args)), np.int64))

    def by_kind(self, filters: Filters, limit: int) -> list[StoredPassage]:
        """Passages that pass ``filters`` (give it ``kinds``), newest meeting
        first; undated meetings last."""
        where, args = where_clauses(filters)
        rows = self.db.execute(
            SELECT_PASSAGES
            + "WHERE "
            + " AND ".join(where)
            + " ORDER BY m.date IS NULL, m.date DESC, "
            "p.doc_id, p.position LIMIT ?",
            [*args, limit],
        ).fetchall()
        sources = self.sources_of({row[2] for row in rows})
        return [stored_passage(row, sources.get(row[2], ())) for row in rows]

    def keyword(
        self, match: str, limit: int, filters: Filters, also: Sequence[int] = ()
    ) -> tuple[list[tuple[int, float]], dict[int, float]]:
        """BM25 over the FTS5 index, in one pass over the matches: the best
        ``limit`` passages that pass ``filters`` as ``(vec_id, score)``, best
        first, and the scores of those passages in ``also`` that match at all.

        Scores are FTS5's bm25 negated, so higher is better; ``match`` is an
        FTS5 query. The passage text weighs most, its item title and lead-in
        less. (Scoring ``also`` with ``rowid IN (...)`` instead re-runs the
        whole query for every id: ten times slower.)"""
        where, args = where_clauses(filters)
        if filters == Filters(include_restricted=filters.include_restricted):
            # No filters: exclude the (few) hidden and restricted passages
            # rather than look up every match's row (a third of the time).
            join = ""
            where, args = [f"h.vec_id NOT IN ({hidden_ids(filters.include_restricted)})"], []
        else:
            join = "JOIN passages p ON p.vec_id = h.vec_id "
            if any(w.startswith("m.") for w in where):
                join += "JOIN documents d ON d.id = p.doc_id "
                join += "JOIN meetings m ON m.id = d.meeting_id "
        sql = (
            "WITH hits AS MATERIALIZED (SELECT rowid AS vec_id, "
            f"-bm25(passages_fts, {BM25_WEIGHTS}) AS score FROM passages_fts "
            "WHERE passages_fts MATCH ?) "
            f"SELECT * FROM (SELECT h.vec_id, h.score, 1 FROM hits h {join}"
            f"WHERE {' AND '.join(where)} ORDER BY h.score DESC, h.vec_id LIMIT ?) "
            "UNION ALL SELECT vec_id, score, 0 FROM hits "
            "WHERE vec_id IN (SELECT value FROM json_each(?))"
        )
        top: list[tuple[int, float]] = []
        scores: dict[int, float] = {}
        for vec_id, score, ranked in self.db.execute(
            sql, [match, *args, limit, json.dumps([int(v) for v in also])]
        ):
            if ranked:
                top.append((vec_id, score))
            else:
                scores[vec_id] = score
        return top, scores

    def max_vec_id(self) -> int:
        """The highest passage row id stored: new passages get higher ones."""
        return int(self.db.execute("SELECT max(vec_id) FROM passages").fetchone()[0] or 0)

    def stored_between(self, after: int, upto: int, filters: Filters) -> list[int]:
        """Ids of the passages stored after row ``after`` up to ``upto`` that
        pass ``filters``, in the order they were stored."""
        where, args = where_clauses(filters)
        sql = (
            "SELECT p.vec_id FROM passages p JOIN documents d ON d.id = p.doc_id "
            "JOIN meetings m ON m.id = d.meeting_id WHERE p.vec_id > ? AND p.vec_id <= ? AND "
        )
        rows = self.db.execute(
            sql + " AND ".join(where) + " ORDER BY p.vec_id", [after, upto, *args]
        )
        return [row[0] for row in rows]

    def passage_count(self) -> int:
        return self.db.execute("SELECT count(*) FROM passages").fetchone()[0]

    def document_frequency(self, term: str) -> int:
        """How many passages hold ``term`` (stemmed as FTS5 stems it)."""
        return self.db.execute(
            "SELECT count(*) FROM passages_fts WHERE passages_fts MATCH ?", (f'"{term}"',)
        ).fetchone()[0]

    def keyword_fields(self, vec_ids: Sequence[int]) -> dict[int, tuple[str, str, str]]:
        """The fields keyword search indexes, ``(text, item title, lead-in)``,
        empty strings for missing ones."""
        out: dict[int, tuple[str, str, str]] = {}
        for chunk in chunks(list(vec_ids)):
            marks = ",".join("?" * len(chunk))
            for vec_id, text, title, lead_in in self.db.execute(
                f"SELECT vec_id, text, item_title, lead_in FROM passages WHERE vec_id IN ({marks})",
                chunk,
            ):
                out[vec_id] = (text or "", title or "", lead_in or "")
        return out

    def passages(self, vec_ids: Sequence[int]) -> dict[int, StoredPassage]:
        out: dict[int, StoredPassage] = {}
        for chunk in chunks(list(vec_ids)):
            marks = ",".join("?" * len(chunk))
            rows = self.db.execute(
                SELECT_PASSAGES + f"WHERE p.vec_id IN ({marks})", chunk
            ).fetchall()
            sources = self.sources_of({row[2] for row in rows})
            for row in rows:
                out[row[0]] = stored_passage(row, sources.get(row[2], ()))
        return out

    def sources_of(self, doc_ids: set[str]) -> dict[str, tuple[str, ...]]:
        out: dict[str, list[str]] = {}
        for chunk in chunks(sorted(doc_ids)):
            marks = ",".join("?" * len(chunk))
            for doc_id, source in self.db.execute(
                f"SELECT doc_id, source FROM sources WHERE doc_id IN ({marks}) "
                "ORDER BY ingested_at, source",
                chunk,
            ):
                out.setdefault(doc_id, []).append(source)
        return {k: tuple(v) for k, v in out.items()}

    def stats(self, include_restricted: bool = False) -> IndexStats:
        base = (
            "FROM passages p JOIN documents d ON d.id = p.doc_id "
            f"JOIN meetings m ON m.id = d.meeting_id WHERE {visible(include_restricted)}"
        )
        row = self.db.execute(
            "SELECT count(DISTINCT p.doc_id), count(DISTINCT d.meeting_id), count(*), "
            "count(m.date), count(m.committee), count(d.url) " + base
        ).fetchone()
        kinds = dict(self.db.execute(f"SELECT p.kind, count(*) {base} GROUP BY p.kind"))
        return IndexStats(
            documents=row[0],
            meetings=row[1],
            passages=row[2],
            kinds=kinds,
            with_date=row[3],
            with_committee=row[4],
            with_source_url=row[5],
            sources=self.db.execute("SELECT count(*) FROM sources").fetchone()[0],
        )


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
