"""Scanned (image-only) PDFs read by OCR, each saying so; without Tesseract,
a reason that says what to install. The scans are drawn by pdf_fixture."""

import shutil
from pathlib import Path

import pytest

from minutes_qa.cli import main
from minutes_qa.corpus.load import load, read_document
from minutes_qa.corpus.model import Document, Failure
from minutes_qa.index.encoder import HashingEncoder
from minutes_qa.index.passage_index import PassageIndex
from tests.corpus.pdf_fixture import pages_pdf, scanned_pdf

needs_tesseract = pytest.mark.skipif(
    shutil.which("tesseract") is None, reason="needs Debian's tesseract-ocr: make tesseract"
)

SCAN = [
    [
        "MINUTES OF THE MEETING OF LOWER ASHWICK PARISH COUNCIL",
        "HELD ON TUESDAY 14 MAY 2024",
        "",
        "1. Apologies",
        "Apologies were received from Councillor Thorne.",
        "",
        "2. Village Green",
        "The Clerk reported that the benches had been repainted.",
        "RESOLVED: that the Clerk obtain quotes for a notice board.",
    ]
]


def scan(tmp_path: Path, pages: list[list[str]] = SCAN, name: str = "scan.pdf") -> Path:
    path = tmp_path / name
    path.write_bytes(scanned_pdf(pages))
    return path


@needs_tesseract
def test_scanned_pdf_is_read_by_ocr_and_says_so(tmp_path: Path):
    doc = read_document(scan(tmp_path))
    words = " ".join(p.text for p in doc.passages)
    for word in ("Apologies", "Councillor", "Thorne", "benches", "repainted", "notice"):
        assert word in words
    assert [(i.number, i.title) for i in doc.items if i.number] == [
        ("1", "Apologies"),
        ("2", "Village Green"),
    ]
    assert any(p.kind == "decision" for p in doc.passages)
    assert doc.meeting.date == "2024-05-14"
    assert doc.warnings == [
        "text of the only page read by OCR (tesseract): words and figures may be misread"
    ]


@needs_tesseract
def test_the_ingest_report_shows_the_ocr_warning(tmp_path: Path):
    encoder = HashingEncoder(64)
    index = PassageIndex.open_or_create(tmp_path / "index", encoder)
    report = index.ingest(load([scan(tmp_path)]), encoder)
    assert report.documents == 1
    assert [(Path(w.source).name, w.reason.split(":")[0]) for w in report.warnings] == [
        ("scan.pdf", "text of the only page read by OCR (tesseract)")
    ]
    assert report.incomplete == []  # read whole, by OCR: a warning, no failure


@needs_tesseract
def test_only_the_scanned_page_of_a_mixed_pdf_is_read_by_ocr(tmp_path: Path):
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    typed = tmp_path / "typed.pdf"
    typed.write_bytes(
        pages_pdf([["ASHWICK PARISH COUNCIL", "1. Apologies", "None were received."]])
    )
    for part in (typed, scan(tmp_path, [["2. Finance", "The accounts were approved."]])):
        for page in PdfReader(part).pages:
            writer.add_page(page)
    mixed = tmp_path / "mixed.pdf"
    with mixed.open("wb") as out:
        writer.write(out)
    doc = read_document(mixed)
    words = " ".join(p.text for p in doc.passages)
    assert "None were received." in words and "accounts were approved" in words
    assert doc.warnings == [
        "text of page 2 of 2 read by OCR (tesseract): words and figures may be misread"
    ]


def test_without_tesseract_a_scan_fails_saying_what_to_install(tmp_path: Path, monkeypatch):
    path = scan(tmp_path)
    monkeypatch.setenv("PATH", str(tmp_path))  # no tesseract on it
    (failure,) = load([path])
    assert isinstance(failure, Failure)
    assert failure.reason.startswith("the PDF has no text layer (a scanned image?): install")
    assert "tesseract-ocr" in failure.reason


def test_a_pdf_with_neither_text_nor_images_says_there_is_nothing_to_read(tmp_path: Path):
    (tmp_path / "blank.pdf").write_bytes(pages_pdf([[], []]))
    (failure,) = load([tmp_path / "blank.pdf"])
    assert isinstance(failure, Failure)
    assert failure.reason == "the PDF has no text layer and no images: there is nothing to read"


def test_without_tesseract_a_mixed_pdf_is_read_with_a_warning(tmp_path: Path, monkeypatch):
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    typed = tmp_path / "typed.pdf"
    typed.write_bytes(pages_pdf([["1. Apologies", "None were received."]]))
    for part in (typed, scan(tmp_path, [["2. Finance"]])):
        for page in PdfReader(part).pages:
            writer.add_page(page)
    with (tmp_path / "mixed.pdf").open("wb") as out:
        writer.write(out)
    monkeypatch.setenv("PATH", str(tmp_path))
    (doc,) = load([tmp_path / "mixed.pdf"])
    assert isinstance(doc, Document)
    assert doc.warnings[0].startswith("page 2 of 2 scanned, with no text layer: not read (install")
    assert doc.incomplete
    # It goes in, and the ingest says it did not go in whole: exit code 1.
    assert main(["ingest", str(tmp_path / "mixed.pdf"), "--index", str(tmp_path / "ix")]) == 1
