"""Export, then ingest the export: an equivalent index."""

import json
from pathlib import Path

from minutes_qa.corpus.load import load
from minutes_qa.index.export import export_documents
from minutes_qa.index.passage_index import PassageIndex
from tests.conftest import DATA, SAMPLE

SOURCES = [SAMPLE, DATA / "restricted", DATA / "formats" / "meeting.jsonl"]


def everything(index: PassageIndex) -> list[tuple]:
    with index.snapshot():
        vec_ids = [r[0] for r in index.store.db.execute("SELECT vec_id FROM passages")]
        stored = index.store.passages(vec_ids).values()
    return sorted(
        (p.id, p.text, p.kind, p.form, p.lead_in, p.item_number, p.item_title, p.restricted,
         p.meeting_id, p.council, p.committee, p.meeting_date, p.url, p.sources)
        for p in stored
    )  # fmt: skip


def write_export(index: PassageIndex, path: Path, include_restricted: bool) -> Path:
    with index.snapshot():
        lines = [json.dumps(d) for d in export_documents(index.store, include_restricted)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_round_trip_gives_the_same_passages_ids_and_citations(tmp_path, hashing):
    original = PassageIndex.open_or_create(tmp_path / "a", hashing)
    original.ingest(load(SOURCES), hashing)
    export = write_export(original, tmp_path / "export.jsonl", include_restricted=True)
    restored = PassageIndex.open_or_create(tmp_path / "b", hashing)
    report = restored.ingest(load([export]), hashing)
    assert not report.failures
    assert everything(restored) == everything(original)
    assert restored.stats(True) == original.stats(True)
    # The restored index knows the original files: ingesting them changes nothing.
    again = restored.ingest(load(SOURCES), hashing)
    assert again.added == again.replaced == 0 and again.unchanged > 0
    probe = hashing.encode_batch(["allotment waiting list"])[0]
    assert [p.id for p, _ in restored.search_by_vector(probe, 5)] == [
        p.id for p, _ in original.search_by_vector(probe, 5)
    ]


def test_export_leaves_restricted_passages_out_unless_asked(tmp_path, hashing):
    index = PassageIndex.open_or_create(tmp_path / "a", hashing)
    index.ingest(load(SOURCES), hashing)
    public = write_export(index, tmp_path / "public.jsonl", include_restricted=False).read_text()
    full = write_export(index, tmp_path / "full.jsonl", include_restricted=True).read_text()
    assert "confidential tender prices" not in public and "offer of £1.2 million" not in public
    assert "confidential tender prices" in full


def test_a_bad_export_line_names_the_field(tmp_path, hashing):
    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps({"minutes_qa_export": 1, "meeting": {}, "passages": [{"x": 1}]}))
    (failure,) = load([bad])
    assert "passages[0]" in failure.reason and "text" in failure.reason


def test_export_says_where_each_meeting_field_came_from(tmp_path, hashing):
    index = PassageIndex.open_or_create(tmp_path / "a", hashing)
    index.ingest(load(SOURCES), hashing)
    export = write_export(index, tmp_path / "export.jsonl", include_restricted=True)
    meetings = [json.loads(line)["meeting"] for line in export.read_text().splitlines()]
    for meeting in meetings:
        for field in ("date", "council", "committee"):
            assert bool(meeting[field]) == bool(meeting[f"{field}_source"]), meeting
    assert {m["date_source"] for m in meetings} >= {"page", "JSON line"}
    # Read back, the sources are kept, not replaced by "JSON line".
    restored = PassageIndex.open_or_create(tmp_path / "b", hashing)
    restored.ingest(load([export]), hashing)
    again = write_export(restored, tmp_path / "again.jsonl", include_restricted=True)
    assert [json.loads(line)["meeting"] for line in again.read_text().splitlines()] == meetings


def test_an_index_from_before_the_source_columns_gains_them(tmp_path, hashing):
    import sqlite3

    folder = tmp_path / "old"
    PassageIndex.open_or_create(folder, hashing).ingest(load([SAMPLE]), hashing)
    db = sqlite3.connect(folder / "store.sqlite")
    for column in ("date_source", "council_source", "committee_source"):
        db.execute(f"ALTER TABLE meetings DROP COLUMN {column}")
    db.commit()
    db.close()
    index = PassageIndex.open_or_create(folder, hashing)
    with index.snapshot():
        meetings = [line["meeting"] for line in export_documents(index.store)]
    assert any(m["date"] for m in meetings)
    assert all(m["date_source"] is None for m in meetings)
