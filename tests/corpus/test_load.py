from pathlib import Path

from corpus.load import load
from corpus.model import Document, Failure

GOOD = "Agenda item\n\n1. Apologies\n\nApologies were received from Cllr Smith.\n"


def write(folder: Path, name: str, data: bytes | str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode() if isinstance(data, str) else data)
    return path


def run(paths):
    results = list(load(paths))
    docs = [r for r in results if isinstance(r, Document)]
    failures = {Path(f.source).name: f.reason for f in results if isinstance(f, Failure)}
    return docs, failures


def test_bad_files_fail_alone_with_a_reason(tmp_path: Path):
    write(tmp_path, "good.txt", GOOD)
    write(tmp_path, "empty.txt", b"")
    write(tmp_path, "binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    write(tmp_path, "notes.docx", b"PK\x03\x04")
    write(tmp_path, "blank.txt", "\n\n   \n")
    docs, failures = run([tmp_path])
    assert [Path(d.source).name for d in docs] == ["good.txt"]
    assert failures == {
        "binary.txt": "binary file, not text",
        "blank.txt": "no minutes text found",
        "empty.txt": "empty file",
        "notes.docx": "unknown format '.docx' (readable: .htm, .html, .jsonl, .markdown, .md, "
        ".pdf, .text, .txt)",
    }


def test_bad_sidecar_fails_its_folder_only(tmp_path: Path):
    write(tmp_path, "a/meeting.json", '{"date": "next Tuesday"}')
    write(tmp_path, "a/1.txt", GOOD)
    write(tmp_path, "b/1.txt", GOOD)
    docs, failures = run([tmp_path])
    assert [Path(d.source).parent.name for d in docs] == ["b"]
    assert "field 'date' must be YYYY-MM-DD" in failures["1.txt"]


def test_missing_path_is_a_failure(tmp_path: Path):
    docs, failures = run([tmp_path / "nope.txt"])
    assert docs == [] and failures == {"nope.txt": "no such file"}


def test_folder_notes_and_hidden_files_are_not_minutes(tmp_path: Path):
    write(tmp_path, "README.md", "# About this folder\n")
    write(tmp_path, ".hidden.txt", GOOD)
    write(tmp_path, "1.txt", GOOD)
    docs, failures = run([tmp_path])
    assert [Path(d.source).name for d in docs] == ["1.txt"] and failures == {}
