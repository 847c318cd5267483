"""The SQLite schema of ``alerts.sqlite``: saved searches, the passages
found for each (entries), the outbox (one row per entry and channel) and the
deliveries that carry outbox rows to a channel."""

SCHEMA = """
CREATE TABLE IF NOT EXISTS searches (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    uid TEXT NOT NULL UNIQUE,
    question TEXT NOT NULL,
    council TEXT, committee TEXT, since TEXT, until TEXT,
    kinds TEXT NOT NULL, include_restricted INTEGER NOT NULL,
    emails TEXT NOT NULL, webhook_url TEXT, webhook_secret TEXT,
    feed_token TEXT NOT NULL UNIQUE,
    high_water INTEGER NOT NULL,
    created_at TEXT NOT NULL
);
-- "same": the passage's text and meeting, so that a document read again
-- with a correction elsewhere does not announce its unchanged passages twice.
CREATE TABLE IF NOT EXISTS entries (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    search_id INTEGER NOT NULL REFERENCES searches(id) ON DELETE CASCADE,
    passage_id TEXT NOT NULL, text TEXT NOT NULL, kind TEXT NOT NULL,
    score REAL NOT NULL, citation TEXT NOT NULL, same TEXT NOT NULL,
    found_at TEXT NOT NULL,
    UNIQUE (search_id, passage_id), UNIQUE (search_id, same)
);
CREATE TABLE IF NOT EXISTS deliveries (
    id TEXT PRIMARY KEY,
    search_id INTEGER NOT NULL REFERENCES searches(id) ON DELETE CASCADE,
    channel TEXT NOT NULL,
    created_at TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    last_error TEXT, last_attempt TEXT, sent_at TEXT
);
-- At most one unsent delivery per channel: a retry resends that one first.
CREATE UNIQUE INDEX IF NOT EXISTS deliveries_open
    ON deliveries(search_id, channel) WHERE sent_at IS NULL;
CREATE TABLE IF NOT EXISTS outbox (
    entry_id INTEGER NOT NULL REFERENCES entries(id) ON DELETE CASCADE,
    channel TEXT NOT NULL,
    delivery_id TEXT REFERENCES deliveries(id) ON DELETE CASCADE,
    PRIMARY KEY (entry_id, channel)
);
CREATE INDEX IF NOT EXISTS outbox_delivery ON outbox(delivery_id);
"""
