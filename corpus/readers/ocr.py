"""Scanned pages read by OCR: rendered by PDFium, read by Tesseract.

Tesseract is Debian's ``tesseract-ocr``, which ``make tesseract`` (part of
``make test``) installs when it is missing; it is called on its command
line, one process per page, with pages read side by side on the machine's
cores. Pages are rendered at 300 dpi in grey, the resolution Tesseract is
trained for, and handed over as PGM on its standard input: no image library
and no temporary files are needed.

OCR text is plain lines with blank lines between blocks, the shape of text
extracted from PDFs, so the reader of PDF text re-joins it like any other.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import pypdfium2 as pdfium

from minutes_qa.corpus.errors import ReadError

log = logging.getLogger(__name__)

DPI = 300
LANGUAGE = "eng"
# A dense A4 page takes Tesseract 5-20 s on one core; far longer means it hangs.
TIMEOUT_S = 300
INSTALL_HINT = (
    "install Debian's tesseract-ocr to read scans by OCR "
    "(make tesseract, or apt-get install tesseract-ocr)"
)


def available() -> bool:
    """Is the ``tesseract`` command on the PATH?"""
    return shutil.which("tesseract") is not None


def ocr_pages(
    pdf: pdfium.PdfDocument, indexes: list[int], dpi: int = DPI, workers: int | None = None
) -> Iterator[tuple[int, str]]:
    """(page index, text) for each of ``indexes``, in order.

    PDFium is not thread-safe, so pages are rendered here, a few at a time,
    while Tesseract processes read those already rendered.
    """
    workers = max(1, min(workers or os.cpu_count() or 1, len(indexes), 4))
    with ThreadPoolExecutor(max_workers=workers) as pool:
        for start in range(0, len(indexes), workers):
            batch = indexes[start : start + workers]
            images = [render(pdf, index, dpi) for index in batch]
            texts = pool.map(lambda image: ocr_image(image, dpi), images)
            yield from zip(batch, texts, strict=True)


def render(pdf: pdfium.PdfDocument, index: int, dpi: int = DPI) -> bytes:
    """Page ``index`` as a grey PGM image at ``dpi``."""
    page = pdf[index]
    try:
        bitmap = page.render(scale=dpi / 72, grayscale=True)
        pixels = bitmap.to_numpy()
    finally:
        page.close()
    height, width = pixels.shape[:2]
    return f"P5\n{width} {height}\n255\n".encode("ascii") + pixels.reshape(height, width).tobytes()


def ocr_image(image: bytes, dpi: int = DPI, language: str = LANGUAGE) -> str:
    """The text Tesseract reads in one image (any format Leptonica reads)."""
    tesseract = shutil.which("tesseract")
    if tesseract is None:
        raise ReadError(f"tesseract is not installed: {INSTALL_HINT}")
    # One thread per process: pages already run side by side, and OpenMP
    # threads on top of that only contend for the same cores.
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    command = [tesseract, "stdin", "stdout", "-l", language, "--dpi", str(dpi), "--psm", "3"]
    try:
        done = subprocess.run(
            command, input=image, capture_output=True, timeout=TIMEOUT_S, env=env, check=False
        )
    except subprocess.TimeoutExpired:
        raise ReadError(f"OCR took over {TIMEOUT_S} s on one page and was stopped") from None
    if done.returncode != 0:
        reason = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise ReadError(f"OCR failed: {reason[-1] if reason else f'exit {done.returncode}'}")
    return done.stdout.decode("utf-8", "replace")
