"""OCR of scanned PDFs: pages per minute on this machine, and words read right.

    python bench/ocr_speed.py [SHARED_CORPUS_DIR] [--pages N]

Pages of the shared PDFs (ayton-cc, bcwpc, rivergrove; every few pages up
to N, default 12) are turned into scans: rendered at 200 dpi and saved as
image-only PDFs, as a scanner does. Each scan is then read the way ingest
reads one (corpus.readers.pdf.pdf_to_text: detection, rendering at 300 dpi,
Tesseract), once with one Tesseract process at a time and once with as many
as there are cores. Printed: pages per minute for each, and the token F1 of
the OCR text against the page's own text layer.
"""

from __future__ import annotations

import io
import logging
import os
import sys
import time
from pathlib import Path

import pypdfium2 as pdfium
from PIL import Image

sys.path.insert(0, str(Path(__file__).parent))
from pdf_readers import f1, tokens  # noqa: E402

from minutes_qa.corpus.readers import ocr, pdf  # noqa: E402

SCAN_DPI = 200


def scans(shared: Path, wanted: int) -> list[tuple[bytes, str]]:
    """(image-only PDF of one page, that page's text layer), spread over the corpora."""
    paths = sorted((shared / "ayton-cc" / "pdf").glob("*.pdf"))[::8]
    paths += sorted((shared / "bcwpc").glob("*.pdf"))[::6]
    paths += sorted((shared / "rivergrove").glob("*.pdf"))
    out: list[tuple[bytes, str]] = []
    for path in paths:
        document = pdfium.PdfDocument(path)
        page = document[0]
        text = pdf.clean_page(page.get_textpage().get_text_range())
        image: Image.Image = page.render(scale=SCAN_DPI / 72, grayscale=True).to_pil()
        buffer = io.BytesIO()
        image.save(buffer, format="PDF", resolution=SCAN_DPI)
        out.append((buffer.getvalue(), text))
        document.close()
        if len(out) == wanted:
            break
    return out


def read_all(pages: list[tuple[bytes, str]], workers: int) -> tuple[float, list[float]]:
    """Seconds to read every scan with ``workers`` Tesseract processes, and F1 per page."""
    scores: list[float] = []
    started = time.perf_counter()
    # One document of all the pages, so that pages run side by side as in ingest.
    merged = pdfium.PdfDocument.new()
    for data, _ in pages:
        merged.import_pages(pdfium.PdfDocument(data))
    indexes = list(range(len(merged)))
    for index, text in ocr.ocr_pages(merged, indexes, workers=workers):
        scores.append(f1(tokens(text), tokens(pages[index][1])))
    return time.perf_counter() - started, scores


def main(shared: Path, wanted: int) -> None:
    logging.disable(logging.WARNING)
    if not ocr.available():
        sys.exit(f"tesseract is missing: {ocr.INSTALL_HINT}")
    pages = scans(shared, wanted)
    # The whole path once: a scan is detected and read by OCR with a warning.
    check = pdf.pdf_to_text(pages[0][0])
    assert check.ocr_pages == [1], check.warnings
    cores = os.cpu_count() or 1
    print(
        f"{len(pages)} scanned pages (made at {SCAN_DPI} dpi, read at {ocr.DPI} dpi), {cores} cores"
    )
    print(f"{'tesseract processes':>20} {'pages/min':>10} {'s/page':>7} {'word F1':>8}")
    for workers in sorted({1, cores}):
        seconds, scores = read_all(pages, workers)
        print(
            f"{workers:>20} {60 * len(pages) / seconds:>10.1f} {seconds / len(pages):>7.2f}"
            f" {sum(scores) / len(scores):>8.3f}"
        )


if __name__ == "__main__":
    args = sys.argv[1:]
    count = 12
    if "--pages" in args:
        at = args.index("--pages")
        count = int(args[at + 1])
        del args[at : at + 2]
    main(Path(args[0]) if args else Path("../shared/corpus"), count)
