"""SQLite connections as the index's files use them: autocommit, WAL, full
sync, foreign keys, a busy timeout; write transactions that land whole or
not at all."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")

# Ids per "IN (...)" list: well under SQLite's limit on bound variables.
IN_CHUNK = 500


def connect(path: Path) -> sqlite3.Connection:
    # Autocommit mode: transactions are opened explicitly, so that a reader's
    # snapshot and a writer's commit are exactly where we say.
    connection = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("PRAGMA synchronous=FULL")
    connection.execute("PRAGMA foreign_keys=ON")
    connection.execute("PRAGMA busy_timeout=10000")
    return connection


@contextmanager
def transaction(db: sqlite3.Connection) -> Iterator[None]:
    """One write transaction: everything in it lands, or nothing does."""
    db.execute("BEGIN IMMEDIATE")
    try:
        yield
        db.execute("COMMIT")
    except BaseException:
        # A COMMIT that failed (a full disk) leaves the transaction open.
        if db.in_transaction:
            db.execute("ROLLBACK")
        raise


def chunks(items: list[T], size: int = IN_CHUNK) -> Iterator[list[T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]
