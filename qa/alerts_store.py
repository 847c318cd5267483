"""The SQL of saved searches and their outboxes, in ``alerts.sqlite`` of
the index folder: a file of its own, so that the passage store and its
generations are never touched by alerts.

An entry is put in the outbox once per channel, in the same transaction that
moves its search's high-water mark past it: a run killed before that commit
finds the same passages again, one killed after it finds none. A delivery
groups waiting entries of one channel and keeps its id until it is sent, so
a retry sends the same message under the same id.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from contextlib import AbstractContextManager
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path

from minutes_qa.index.rows import Filters
from minutes_qa.index.sqlite import connect, transaction
from minutes_qa.qa.alerts import (
    DELIVERY_MAX,
    AlertEntry,
    Delivery,
    NewMatch,
    NoSuchSearch,
    SavedSearch,
    SearchStatus,
    entry_urn,
    new_secrets,
)
from minutes_qa.qa.alerts_schema import SCHEMA
from minutes_qa.qa.hits import Citation

log = logging.getLogger(__name__)

ALERTS = "alerts.sqlite"

_SEARCH_COLUMNS = (
    "id, uid, question, council, committee, since, until, kinds, include_restricted, "
    "emails, webhook_url, webhook_secret, feed_token, high_water, created_at"
)
_ENTRY_COLUMNS = "e.id, e.search_id, e.passage_id, e.text, e.kind, e.score, e.citation, e.found_at"


class AlertStore:
    """Saved searches and their outboxes. One connection: open one store
    per request or run (it is cheap), and close it."""

    def __init__(self, folder: Path):
        folder.mkdir(parents=True, exist_ok=True)
        self.path = folder / ALERTS
        self.db = connect(self.path)
        self.db.executescript(SCHEMA)

    def close(self) -> None:
        self.db.close()

    def _write(self) -> AbstractContextManager[None]:
        return transaction(self.db)

    # -- saved searches -----------------------------------------------------

    def add(
        self,
        question: str,
        filters: Filters,
        emails: Sequence[str],
        webhook_url: str | None,
        high_water: int,
    ) -> SavedSearch:
        """Save a search; only passages stored after ``high_water`` are news to it."""
        uid, token, secret = new_secrets()
        with self._write():
            cursor = self.db.execute(
                f"INSERT INTO searches ({_SEARCH_COLUMNS}) "
                "VALUES (NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    uid,
                    question,
                    filters.council,
                    filters.committee,
                    filters.since,
                    filters.until,
                    json.dumps(list(filters.kinds)),
                    int(filters.include_restricted),
                    json.dumps(list(emails)),
                    webhook_url,
                    secret if webhook_url else None,
                    token,
                    high_water,
                    _now(),
                ),
            )
        assert cursor.lastrowid is not None
        return self.get(cursor.lastrowid)

    def get(self, search_id: int) -> SavedSearch:
        row = self.db.execute(
            f"SELECT {_SEARCH_COLUMNS} FROM searches WHERE id = ?", (search_id,)
        ).fetchone()
        if row is None:
            raise NoSuchSearch(f"no saved search with id {search_id}")
        return _search(row)

    def by_token(self, token: str) -> SavedSearch:
        row = self.db.execute(
            f"SELECT {_SEARCH_COLUMNS} FROM searches WHERE feed_token = ?", (token,)
        ).fetchone()
        if row is None:
            raise NoSuchSearch("no feed at this address")
        return _search(row)

    def all(self) -> list[SavedSearch]:
        rows = self.db.execute(f"SELECT {_SEARCH_COLUMNS} FROM searches ORDER BY id").fetchall()
        return [_search(row) for row in rows]

    def remove(self, search_id: int) -> None:
        """Forget a search with its outbox and history."""
        with self._write():
            gone = self.db.execute("DELETE FROM searches WHERE id = ?", (search_id,)).rowcount
        if not gone:
            raise NoSuchSearch(f"no saved search with id {search_id}")

    def status(self, search: SavedSearch) -> SearchStatus:
        found = self.db.execute(
            "SELECT count(*) FROM entries WHERE search_id = ?", (search.id,)
        ).fetchone()[0]
        waiting = dict.fromkeys(search.channels, 0)
        waiting.update(
            self.db.execute(
                "SELECT o.channel, count(*) FROM outbox o JOIN entries e ON e.id = o.entry_id "
                "LEFT JOIN deliveries d ON d.id = o.delivery_id "
                "WHERE e.search_id = ? AND d.sent_at IS NULL GROUP BY o.channel",
                (search.id,),
            )
        )
        error = self.db.execute(
            "SELECT last_error FROM deliveries WHERE search_id = ? AND sent_at IS NULL "
            "AND last_error IS NOT NULL ORDER BY last_attempt DESC LIMIT 1",
            (search.id,),
        ).fetchone()
        return SearchStatus(search, found, waiting, error[0] if error else None)

    # -- collecting ---------------------------------------------------------

    def record(self, search: SavedSearch, found: Sequence[NewMatch], upto: int) -> int:
        """Put the passages ``found`` in the search's outbox, one row per
        channel, and move its high-water mark to ``upto``: all in one
        transaction. Returns how many were new. A search whose mark moved
        meanwhile (another run got there first) is left alone."""
        added = 0
        with self._write():
            moved = self.db.execute(
                "UPDATE searches SET high_water = ? WHERE id = ? AND high_water = ?",
                (upto, search.id, search.high_water),
            ).rowcount
            if not moved:
                return 0
            now = _now()
            for match in found:
                c = match.citation
                same = json.dumps([match.text, c.council, c.committee, c.meeting_date])
                cursor = self.db.execute(
                    "INSERT OR IGNORE INTO entries "
                    "(search_id, passage_id, text, kind, score, citation, same, found_at) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        search.id,
                        match.passage_id,
                        match.text,
                        match.kind,
                        match.score,
                        json.dumps(asdict(c), ensure_ascii=False),
                        same,
                        now,
                    ),
                )
                if not cursor.rowcount:
                    continue
                added += 1
                self.db.executemany(
                    "INSERT INTO outbox (entry_id, channel) VALUES (?, ?)",
                    [(cursor.lastrowid, channel) for channel in search.channels],
                )
        return added

    # -- delivering ---------------------------------------------------------

    def next_delivery(self, search: SavedSearch, channel: str) -> Delivery | None:
        """The delivery to try next on ``channel``: the unsent one, when
        there is one (a retry, same id and entries), else a new one of the
        waiting entries; None when nothing waits."""
        with self._write():
            row = self.db.execute(
                "SELECT id, attempts, last_error FROM deliveries "
                "WHERE search_id = ? AND channel = ? AND sent_at IS NULL",
                (search.id, channel),
            ).fetchone()
            if row is None:
                waiting = [
                    r[0]
                    for r in self.db.execute(
                        "SELECT o.entry_id FROM outbox o JOIN entries e ON e.id = o.entry_id "
                        "WHERE e.search_id = ? AND o.channel = ? AND o.delivery_id IS NULL "
                        "ORDER BY o.entry_id LIMIT ?",
                        (search.id, channel, DELIVERY_MAX),
                    )
                ]
                if not waiting:
                    return None
                row = (new_secrets()[0], 0, None)
                self.db.execute(
                    "INSERT INTO deliveries (id, search_id, channel, created_at) "
                    "VALUES (?, ?, ?, ?)",
                    (row[0], search.id, channel, _now()),
                )
                self.db.executemany(
                    "UPDATE outbox SET delivery_id = ? WHERE entry_id = ? AND channel = ?",
                    [(row[0], entry_id, channel) for entry_id in waiting],
                )
        rows = self.db.execute(
            f"SELECT {_ENTRY_COLUMNS} FROM outbox o JOIN entries e ON e.id = o.entry_id "
            "WHERE o.delivery_id = ? ORDER BY e.id",
            (row[0],),
        ).fetchall()
        entries = tuple(_entry(r, search.uid) for r in rows)
        return Delivery(row[0], search, channel, entries, row[1], row[2])

    def sent(self, delivery: Delivery) -> int:
        """Mark a delivery sent; returns its attempts."""
        return self._attempted(delivery, None)

    def failed(self, delivery: Delivery, error: str) -> int:
        """Keep a delivery in the outbox with its error; returns its attempts."""
        return self._attempted(delivery, error)

    def _attempted(self, delivery: Delivery, error: str | None) -> int:
        now = _now()
        with self._write():
            self.db.execute(
                "UPDATE deliveries SET attempts = attempts + 1, last_attempt = ?, "
                "last_error = ?, sent_at = ? WHERE id = ?",
                (now, error, None if error else now, delivery.id),
            )
            return self.db.execute(
                "SELECT attempts FROM deliveries WHERE id = ?", (delivery.id,)
            ).fetchone()[0]

    # -- the feed -----------------------------------------------------------

    def entries(self, search: SavedSearch, limit: int = 50) -> list[AlertEntry]:
        """The search's passages found so far, newest first."""
        rows = self.db.execute(
            f"SELECT {_ENTRY_COLUMNS} FROM entries e WHERE e.search_id = ? "
            "ORDER BY e.id DESC LIMIT ?",
            (search.id, limit),
        ).fetchall()
        return [_entry(r, search.uid) for r in rows]


def _search(row: tuple) -> SavedSearch:
    (id_, uid, question, council, committee, since, until, kinds, restricted) = row[:9]
    emails, webhook_url, webhook_secret, token, high_water, created_at = row[9:]
    return SavedSearch(
        id=id_,
        uid=uid,
        question=question,
        filters=Filters(
            council=council,
            committee=committee,
            since=since,
            until=until,
            kinds=tuple(json.loads(kinds)),
            include_restricted=bool(restricted),
        ),
        emails=tuple(json.loads(emails)),
        webhook_url=webhook_url,
        webhook_secret=webhook_secret,
        feed_token=token,
        high_water=high_water,
        created_at=created_at,
    )


def _entry(row: tuple, search_uid: str) -> AlertEntry:
    id_, search_id, passage_id, text, kind, score, citation, found_at = row
    return AlertEntry(
        id=id_,
        search_id=search_id,
        passage_id=passage_id,
        urn=entry_urn(search_uid, passage_id),
        text=text,
        kind=kind,
        score=score,
        citation=Citation(**json.loads(citation)),
        found_at=found_at,
    )


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
