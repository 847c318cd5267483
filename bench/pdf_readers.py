"""Which library reads the text of council PDFs best: pypdf, pdfplumber or pypdfium2.

    python bench/pdf_readers.py [SHARED_CORPUS_DIR]      (default ../shared/corpus)

Every PDF of ayton-cc/pdf, bcwpc and rivergrove is read by each library; the
same clean-up (corpus.readers.pdf.clean_page) and the same reader of PDF text
(page furniture dropped, lines re-joined, items found) follow. Printed per
library:

- s/page: seconds per page for the extraction alone;
- F1 raw / F1 read: token F1 against the Markdown twins (the two hand-cleaned
  rivergrove twins and three bcwpc ones), of the raw text and of the passages
  the reader makes of it (furniture dropped);
- order: 2·matched / (|a| + |b|) of the two token sequences (difflib), so
  words in the wrong order count against it;
- items: share of the twins' item headings found as item titles;
- col. mix: action-column initials that landed inside a sentence (Ayton's
  "ITEMS | Action" layout), over all Ayton PDFs;
- running / page no.: repeats of lines found on at least half the pages of
  a document, and bare page numbers at a page's edge or "Page x of y"
  labels: as the library gives them → as left after the reader drops them;
- ordinals: ordinals ("23rd") read whole, as a share of those any library
  read whole in the same document; split: ordinals read apart ("23 rd").
"""

from __future__ import annotations

import difflib
import logging
import re
import sys
import time
import unicodedata
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from minutes_qa.corpus.metadata import split_front_matter
from minutes_qa.corpus.model import AgendaItem
from minutes_qa.corpus.readers.markdown import read_markdown
from minutes_qa.corpus.readers.pdf import PAGE_BREAK, clean_page
from minutes_qa.corpus.readers.pdftext import (
    drop_furniture,
    pdf_lines,
    read_pdf_text,
    rejoin,
    split_pages,
)

# (pdf, twin) under the shared corpus folder.
TWINS = [
    ("rivergrove/2018-08-13-Minutes.pdf", "rivergrove/2018-08-13-Minutes.md"),
    ("rivergrove/2018-12-10-Minutes.pdf", "rivergrove/2018-12-10-Minutes.md"),
    ("bcwpc/minutes-2025-10-07.pdf", "bcwpc/minutes-2025-10-07.md"),
    ("bcwpc/minutes-2025-11-04.pdf", "bcwpc/minutes-2025-11-04.md"),
    ("bcwpc/minutes-2025-01-07.pdf", "bcwpc/content-minutes-2025-01-07.md"),
]
_TOKEN = re.compile(r"[a-z0-9£$%]+")
_ORDINAL = re.compile(r"\b(\d{1,2})(st|nd|rd|th)\b")
_SPLIT_ORDINAL = re.compile(r"\b\d{1,2} (?:st|nd|rd|th)\b")
_INITIALS = r"(?:[A-Z]{2}[a-z]?|[A-Z][a-z][A-Z])"
# "39 acres of PWh\nwhich": initials of the action column ending a line whose
# sentence goes on, in lower case, on the next.
_MIXED = re.compile(rf"\b[a-z]+,? {_INITIALS} *\n[a-z]")
_PAGE_NO = re.compile(r"^(?:\d{1,3}|page\s+\d+(?:\s+of\s+\d+)?|[-–]\s*\d+\s*[-–])$", re.I)


def pypdf_pages(path: Path) -> list[str]:
    from pypdf import PdfReader

    return [page.extract_text() or "" for page in PdfReader(path).pages]


def pypdf_layout_pages(path: Path) -> list[str]:
    from pypdf import PdfReader

    return [page.extract_text(extraction_mode="layout") or "" for page in PdfReader(path).pages]


def pdfplumber_pages(path: Path) -> list[str]:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        return [page.extract_text() or "" for page in pdf.pages]


def pypdfium2_pages(path: Path) -> list[str]:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(path)
    try:
        return [pdf[i].get_textpage().get_text_range() for i in range(len(pdf))]
    finally:
        pdf.close()


LIBRARIES: dict[str, Callable[[Path], list[str]]] = {
    "pypdf": pypdf_pages,
    "pypdf layout": pypdf_layout_pages,
    "pdfplumber": pdfplumber_pages,
    "pypdfium2": pypdfium2_pages,
}


def tokens(text: str) -> list[str]:
    text = unicodedata.normalize("NFKC", text).lower().replace("’", "'")
    return _TOKEN.findall(text)


def f1(found: list[str], truth: list[str]) -> float:
    common = sum((Counter(found) & Counter(truth)).values())
    if not common:
        return 0.0
    precision, recall = common / len(found), common / len(truth)
    return 2 * precision * recall / (precision + recall)


def order(found: list[str], truth: list[str]) -> float:
    matcher = difflib.SequenceMatcher(None, found, truth, autojunk=False)
    matched = sum(block.size for block in matcher.get_matching_blocks())
    return 2 * matched / (len(found) + len(truth))


def twin_text(path: Path) -> str:
    _, body = split_front_matter(path.read_text(encoding="utf-8"))
    return body


def titles(items: list[AgendaItem]) -> list[set[str]]:
    """Item titles as word sets; a speaker's "Name, address" line, which the
    twins make a heading and the PDFs do not, is left out."""
    return [set(tokens(item.title)) for item in items if item.title and "," not in item.title]


def items_found(found: list[set[str]], truth: list[set[str]]) -> tuple[int, int]:
    hits = sum(1 for t in truth if any(len(t & f) >= 0.8 * len(t | f) for f in found))
    return hits, len(truth)


def read_text(pages: list[str]) -> str:
    """What the reader of PDF text keeps, as one text."""
    return "\n".join(rejoin(pdf_lines(PAGE_BREAK.join(pages))))


def furniture_left(pages: list[str], drop: bool = True) -> tuple[int, int]:
    """Running lines and page numbers in the pages as the reader keeps them
    (or, not ``drop``, as the library gives them)."""
    kept = split_pages(PAGE_BREAK.join(pages))
    kept = drop_furniture(kept) if drop else kept
    if len(kept) < 2:
        return 0, _page_numbers(kept)
    on: dict[str, set[int]] = {}
    for p, page in enumerate(kept):
        for line in page:
            key = re.sub(r"\d+", "#", line.lower())
            if sum(c.isalpha() for c in key) >= 3 and not re.fullmatch(_INITIALS, line):
                on.setdefault(key, set()).add(p)
    running = sum(len(ps) - 1 for ps in on.values() if len(ps) >= max(2, len(kept) / 2))
    return running, _page_numbers(kept)


def _page_numbers(pages: list[list[str]]) -> int:
    """Page labels anywhere, bare numbers in a page's first or last two lines."""
    return sum(
        1
        for page in pages
        for i, line in enumerate(page)
        if _PAGE_NO.match(line) and (not line.isdigit() or i < 2 or i >= len(page) - 2)
    )


def main(shared: Path) -> None:
    logging.disable(logging.WARNING)  # pypdf and pdfminer warn about every odd font
    pdfs = sorted((shared / "ayton-cc" / "pdf").glob("*.pdf"))
    pdfs += sorted((shared / "bcwpc").glob("*.pdf")) + sorted((shared / "rivergrove").glob("*.pdf"))
    pages_of: dict[str, dict[Path, list[str]]] = {}
    seconds: dict[str, float] = {}
    for name, extract in LIBRARIES.items():
        started = time.perf_counter()
        pages_of[name] = {path: extract(path) for path in pdfs}
        seconds[name] = time.perf_counter() - started
        pages_of[name] = {p: [clean_page(t) for t in ps] for p, ps in pages_of[name].items()}
    total_pages = sum(len(ps) for ps in pages_of["pypdf"].values())
    union = {
        path: Counter(
            {
                key: max(
                    Counter(_ORDINAL.findall("\n".join(pages_of[n][path])))[key] for n in LIBRARIES
                )
                for n in LIBRARIES
                for key in _ORDINAL.findall("\n".join(pages_of[n][path]))
            }
        )
        for path in pdfs
    }
    print(f"{len(pdfs)} PDFs, {total_pages} pages; {len(TWINS)} Markdown twins\n")
    header = (
        f"{'library':<13} {'s/page':>7} {'F1 raw':>7} {'F1 read':>8} {'order':>6} {'items':>7}"
        f" {'col. mix':>8} {'running':>8} {'page no.':>8} {'ordinals':>9} {'split':>6}"
    )
    print("running, page no.: as the library gives them → as the reader keeps them")
    print(header)
    for name in LIBRARIES:
        pages = pages_of[name]
        raw_f1, read_f1, in_order, hits, wanted = [], [], [], 0, 0
        for pdf_name, twin_name in TWINS:
            truth_text = twin_text(shared / twin_name)
            truth = tokens(truth_text)
            doc_pages = pages[shared / pdf_name]
            read = tokens(read_text(doc_pages))
            raw_f1.append(f1(tokens("\n".join(doc_pages)), truth))
            read_f1.append(f1(read, truth))
            in_order.append(order(read, truth))
            h, w = items_found(
                titles(read_pdf_text(PAGE_BREAK.join(doc_pages)).items),
                titles(read_markdown(truth_text).items),
            )
            hits, wanted = hits + h, wanted + w
        mixed = sum(
            len(_MIXED.findall("\n".join(ps))) for p, ps in pages.items() if "ayton" in str(p)
        )
        left = [furniture_left(ps) for ps in pages.values()]
        given = [furniture_left(ps, drop=False) for ps in pages.values()]
        whole = sum(
            sum((Counter(_ORDINAL.findall("\n".join(ps))) & union[p]).values())
            for p, ps in pages.items()
        )
        split = sum(len(_SPLIT_ORDINAL.findall("\n".join(ps))) for ps in pages.values())
        print(
            f"{name:<13} {seconds[name] / total_pages:>7.4f} {mean(raw_f1):>7.3f}"
            f" {mean(read_f1):>8.3f} {mean(in_order):>6.3f} {hits:>3}/{wanted:<3}"
            f" {mixed:>8} {sum(r for r, _ in given):>4}→{sum(r for r, _ in left):<3}"
            f" {sum(n for _, n in given):>4}→{sum(n for _, n in left):<3}"
            f" {whole:>4}/{sum(sum(u.values()) for u in union.values()):<4} {split:>6}"
        )


def mean(values: list[float]) -> float:
    return sum(values) / len(values)


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("../shared/corpus"))
