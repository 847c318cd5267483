"""PDF files, through pypdf: the text layer of each page, then the same
re-joining of hard-wrapped lines as text extracted from PDFs elsewhere."""

from __future__ import annotations

import io
import logging

from minutes_qa.corpus.errors import ReadError

log = logging.getLogger(__name__)


def pdf_to_text(data: bytes) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError, PyPdfError

    if not data.startswith(b"%PDF-"):
        raise ReadError("not a PDF (no %PDF- header)")
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise ReadError("encrypted PDF: save an unprotected copy")
        pages = [page.extract_text() or "" for page in reader.pages]
    except (PdfReadError, PyPdfError, ValueError, KeyError, TypeError) as exc:
        raise ReadError(f"not a readable PDF, perhaps truncated ({exc})") from None
    # Page breaks are marked as the reader for PDF text expects them.
    text = "\n---\n".join(pages)
    if not text.replace("---", "").strip():
        raise ReadError("the PDF has no text layer (a scanned image?): run OCR on it first")
    return text
