"""PDF files, through pypdfium2 (PDFium, the PDF engine of Chromium).

pypdfium2 was chosen over pypdf and pdfplumber by measurement on the shared
PDFs (``bench/pdf_readers.py``): the same words as hand-cleaned twins, in
the same order, an agenda number kept on the line of its title, and 15
times faster than pypdf, 40 times faster than pdfplumber.

Each page's text layer is read; a page without one that holds an image (a
scan) is read by OCR (:mod:`corpus.readers.ocr`), and the document says so
in a warning. The pages are joined with the page-break markers that the
reader of PDF text expects, which drops running headers, footers and page
numbers per document and re-joins the hard-wrapped lines.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass, field

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from minutes_qa.corpus.errors import ReadError
from minutes_qa.corpus.readers import ocr

log = logging.getLogger(__name__)

PAGE_BREAK = "\n---\n"
# A page with fewer letters than this in its text layer but an image on it
# is a scan (perhaps stamped with a page number or a reference).
MIN_LETTERS = 10
# Word's Symbol and Wingdings bullets land in the Private Use Area.
_PRIVATE_BULLETS = dict.fromkeys(map(ord, "\uf0b7\uf0a7\uf076\uf0d8\uf0fc\uf0a8\uf0e0\uf0de"), "•")
# PDFium marks a hyphen it found at a line end with U+FFFE and joins the two
# lines; the line break is put back so that the reader of PDF text decides
# whether the word was hyphenated. Other control characters are glyphs with
# no text (a signature, a logo).
# PDFium is not thread-safe, not even across documents, and the API ingests
# in threads: one PDF at a time is read (OCR included, as it renders pages).
_PDFIUM = threading.Lock()
_CLEAN = {**_PRIVATE_BULLETS, 0xFFFE: "-\n"} | {c: None for c in range(32) if chr(c) not in "\n\t"}


@dataclass(slots=True)
class PdfText:
    """What a PDF holds as text: its pages joined with page-break markers,
    and warnings (the pages read by OCR, those that could not be read)."""

    text: str
    warnings: list[str] = field(default_factory=list)
    ocr_pages: list[int] = field(default_factory=list)  # numbered from 1
    unread_pages: list[int] = field(default_factory=list)  # scanned, no OCR: text lost


def clean_page(text: str) -> str:
    """A page's text with PDFium's line ends, Word's private bullets and
    stray control characters made plain."""
    return text.replace("\r\n", "\n").replace("\r", "\n").translate(_CLEAN)


def pdf_to_text(data: bytes, use_ocr: bool = True) -> PdfText:
    """The text of every page; scanned pages through OCR when ``use_ocr``."""
    if not data.startswith(b"%PDF-"):
        raise ReadError("not a PDF (no %PDF- header)")
    with _PDFIUM:
        return _read(data, use_ocr)


def _read(data: bytes, use_ocr: bool) -> PdfText:
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise ReadError("encrypted PDF: save an unprotected copy") from None
        raise ReadError(f"not a readable PDF, perhaps truncated ({exc})") from None
    try:
        pages, scans = _text_pages(pdf)
        result = PdfText(PAGE_BREAK.join(pages))
        if scans:
            _read_scans(pdf, pages, scans, result, use_ocr)
    finally:
        pdf.close()
    if not result.text.replace("---", "").strip():
        raise ReadError(_no_text_reason(scans, result))
    return result


def _text_pages(pdf: pdfium.PdfDocument) -> tuple[list[str], list[int]]:
    """Each page's text, and the indexes of the pages that are scans."""
    pages: list[str] = []
    scans: list[int] = []
    for index in range(len(pdf)):
        page = pdf[index]
        try:
            textpage = page.get_textpage()
            text = clean_page(textpage.get_text_range())
            textpage.close()
            if sum(c.isalpha() for c in text) < MIN_LETTERS and any(
                True for _ in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=3)
            ):
                scans.append(index)
        except pdfium.PdfiumError as exc:
            raise ReadError(f"page {index + 1} cannot be read ({exc})") from None
        finally:
            page.close()
        pages.append(text)
    return pages, scans


def _read_scans(
    pdf: pdfium.PdfDocument, pages: list[str], scans: list[int], result: PdfText, use_ocr: bool
) -> None:
    """OCR the scanned pages into ``pages``; warn what was read that way."""
    which = _page_list(scans, len(pages))
    if not use_ocr or not ocr.available():
        result.warnings.append(
            f"{which} scanned, with no text layer: not read ({ocr.INSTALL_HINT})"
        )
        result.unread_pages = [i + 1 for i in scans]
        return
    for index, text in ocr.ocr_pages(pdf, scans):
        pages[index] = text
    result.text = PAGE_BREAK.join(pages)
    result.ocr_pages = [i + 1 for i in scans]
    result.warnings.append(
        f"text of {which} read by OCR (tesseract): words and figures may be misread"
    )
    log.info("read %d scanned page(s) by OCR", len(scans))


def _page_list(indexes: list[int], total: int) -> str:
    if len(indexes) == total:
        return {1: "the only page", 2: "both pages"}.get(total, f"all {total} pages")
    numbers = ", ".join(str(i + 1) for i in indexes)
    return f"page{'s' if len(indexes) > 1 else ''} {numbers} of {total}"


def _no_text_reason(scans: list[int], result: PdfText) -> str:
    if not scans:
        return "the PDF has no text layer and no images: there is nothing to read"
    if not result.ocr_pages:
        return f"the PDF has no text layer (a scanned image?): {ocr.INSTALL_HINT}"
    return "the PDF has no text layer, and OCR found no text in its images"
