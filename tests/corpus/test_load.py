from pathlib import Path

from minutes_qa.corpus.load import SUFFIXES, load
from minutes_qa.corpus.model import Document, Failure

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
    write(tmp_path, "notes.odt", b"PK\x03\x04")
    write(tmp_path, "blank.txt", "\n\n   \n")
    docs, failures = run([tmp_path])
    assert [Path(d.source).name for d in docs] == ["good.txt"]
    assert failures == {
        "binary.txt": "binary file, not text",
        "blank.txt": "no minutes text found",
        "empty.txt": "empty file",
        "notes.odt": f"unknown format '.odt' (readable: {', '.join(sorted(SUFFIXES))})",
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


def test_windows_encodings_are_read_with_a_warning(tmp_path: Path):
    write(tmp_path, "cp1252.txt", "The Clerk’s report: £40 for the hall.\n".encode("cp1252"))
    write(tmp_path, "latin1.txt", "Café licence for the green approved\x81.\n".encode("latin-1"))
    docs, failures = run([tmp_path])
    assert failures == {}
    by_name = {Path(d.source).name: d for d in docs}
    assert by_name["cp1252.txt"].passages[0].text == "The Clerk’s report: £40 for the hall."
    assert by_name["cp1252.txt"].warnings == ["not UTF-8 (byte 9): read as cp1252"]
    assert by_name["latin1.txt"].warnings == ["not UTF-8 (byte 3): read as latin-1"]


def test_truncated_and_huge_files_fail(tmp_path: Path):
    write(tmp_path, "cut.txt", "Minutes of the meeting – ".encode()[:-2])
    write(tmp_path, "big.txt", GOOD * 50)
    write(tmp_path, "ok.txt", GOOD)
    results = list(load([tmp_path], max_bytes=1000))
    failures = {Path(f.source).name: f.reason for f in results if isinstance(f, Failure)}
    assert failures == {
        "cut.txt": "truncated: the file ends in the middle of a character",
        "big.txt": "file too large (3,400 bytes; the limit is 1,000)",
    }
    assert [Path(d.source).name for d in results if isinstance(d, Document)] == ["ok.txt"]


def test_broken_pdfs_fail_with_a_reason(tmp_path: Path):
    from tests.corpus.pdf_fixture import minimal_pdf

    whole = minimal_pdf(["MINUTES OF THE PARISH COUNCIL", "The hall was booked."])
    write(tmp_path, "truncated.pdf", whole[:200])
    write(tmp_path, "fake.pdf", "Agenda item\n\nnot a pdf")
    write(tmp_path, "blank.pdf", minimal_pdf([]))
    docs, failures = run([tmp_path])
    assert docs == []
    assert failures["fake.pdf"] == "not a PDF (no %PDF- header)"
    assert failures["truncated.pdf"].startswith("not a readable PDF, perhaps truncated")
    assert failures["blank.pdf"].startswith("the PDF has no text layer")
