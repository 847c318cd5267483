"""The SQLite schema of the passage store: meetings, documents, sources,
passages, the FTS5 table over them and the triggers that keep it in step."""

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS meetings (
    id TEXT PRIMARY KEY, council TEXT, committee TEXT, date TEXT, title TEXT,
    date_source TEXT, council_source TEXT, committee_source TEXT
);
CREATE TABLE IF NOT EXISTS documents (
    id TEXT PRIMARY KEY,
    meeting_id TEXT NOT NULL REFERENCES meetings(id),
    url TEXT, format TEXT NOT NULL, restricted INTEGER NOT NULL DEFAULT 0,
    ingested_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS sources (
    source TEXT PRIMARY KEY,
    doc_id TEXT NOT NULL REFERENCES documents(id),
    ingested_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS passages (
    vec_id INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE,
    doc_id TEXT NOT NULL REFERENCES documents(id),
    position INTEGER NOT NULL,
    kind TEXT NOT NULL, form TEXT NOT NULL,
    text TEXT NOT NULL, lead_in TEXT,
    item_index INTEGER NOT NULL, item_number TEXT, item_title TEXT,
    restricted INTEGER NOT NULL DEFAULT 0,
    embed_hash TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS passages_doc ON passages(doc_id, position);
CREATE INDEX IF NOT EXISTS passages_hash ON passages(embed_hash);
CREATE INDEX IF NOT EXISTS passages_restricted ON passages(vec_id) WHERE restricted = 1;
CREATE INDEX IF NOT EXISTS passages_attendance ON passages(vec_id) WHERE kind = 'attendance';
CREATE INDEX IF NOT EXISTS sources_doc ON sources(doc_id);
CREATE INDEX IF NOT EXISTS documents_meeting ON documents(meeting_id);
CREATE VIRTUAL TABLE IF NOT EXISTS passages_fts USING fts5(
    text, item_title, lead_in,
    content='passages', content_rowid='vec_id', tokenize='porter unicode61'
);
CREATE TRIGGER IF NOT EXISTS passages_ai AFTER INSERT ON passages BEGIN
    INSERT INTO passages_fts(rowid, text, item_title, lead_in)
    VALUES (new.vec_id, new.text, new.item_title, new.lead_in);
END;
CREATE TRIGGER IF NOT EXISTS passages_ad AFTER DELETE ON passages BEGIN
    INSERT INTO passages_fts(passages_fts, rowid, text, item_title, lead_in)
    VALUES ('delete', old.vec_id, old.text, old.item_title, old.lead_in);
END;
"""

# Columns added since the first format, with their types: an index written
# before them gains them (empty) when it is opened.
ADDED_COLUMNS = {
    "meetings": [("date_source", "TEXT"), ("council_source", "TEXT"), ("committee_source", "TEXT")],
}
