"""Find minutes files, read each one, and turn it into chunked Documents.

One bad file never stops the others: :func:`load` yields a
:class:`~corpus.model.Failure` for it and goes on.
"""

from __future__ import annotations

import dataclasses
import logging
import os
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from minutes_qa.corpus.boilerplate import drop_archive_repeats
from minutes_qa.corpus.chunk import chunk, fingerprint, with_ids
from minutes_qa.corpus.errors import ReadError
from minutes_qa.corpus.heading import committee_of_title, meeting_from_path, meeting_from_text
from minutes_qa.corpus.metadata import (
    SIDECARS,
    Labels,
    SidecarCache,
    is_blog_post,
    meeting_from_fields,
    split_front_matter,
)
from minutes_qa.corpus.model import Document, Failure, MeetingInfo
from minutes_qa.corpus.readers.base import Parsed
from minutes_qa.corpus.readers.docx import OLD_WORD, docx_to_text
from minutes_qa.corpus.readers.exports import SUFFIXES as EXPORT_SUFFIXES
from minutes_qa.corpus.readers.exports import read_export
from minutes_qa.corpus.readers.html import looks_like_html
from minutes_qa.corpus.readers.jsonl import read_jsonl
from minutes_qa.corpus.readers.markdown import read_markdown
from minutes_qa.corpus.readers.moderngov import (
    looks_like_item_page,
    looks_like_meeting_page,
    read_item_page,
    read_meeting_page,
)
from minutes_qa.corpus.readers.page import Page, read_page
from minutes_qa.corpus.readers.pdf import pdf_to_text
from minutes_qa.corpus.readers.pdftext import (
    looks_like_pdf_text,
    looks_like_wrapped_text,
    read_pdf_text,
)
from minutes_qa.corpus.text import normalize_text

log = logging.getLogger(__name__)

MAX_BYTES = 50 * 1024 * 1024
TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text"}
HTML_SUFFIXES = {".html", ".htm"}
SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | EXPORT_SUFFIXES | {".pdf", ".docx", ".jsonl"}
# Files that describe a folder rather than record a meeting.
_NOT_MINUTES = {"readme", "source", "license", "licence", "changelog"}
# The same minutes saved in several formats (a PDF and the Markdown made
# from it; an eSCRIBE meeting as .md and .json) are one meeting: the first
# of these endings is read, the others passed over. A text twin is the one a
# person or converter cleaned; a PDF's layout is the least reliable reading.
TWIN_ORDER = (
    ".md",
    ".markdown",
    ".txt",
    ".text",
    ".html",
    ".htm",
    ".json",
    ".xml",
    ".docx",
    ".pdf",
)
# Folders named for a format ("md/", "json/"): their files' twins are in the
# sibling folders.
_FORMAT_FOLDERS = {s.lstrip(".") for s in TWIN_ORDER} | {"markdown", "text", "word"}
_PAGE_START = re.compile(r"^(?:agenda item\b|agenda and minutes$)", re.IGNORECASE | re.MULTILINE)


def discover(paths: Iterable[Path]) -> Iterator[Path]:
    """Every candidate file under ``paths``, in a stable order.

    Sidecars, hidden files and folder notes (README, SOURCE) are passed over,
    as are twins: a file whose name, less its ending, another file in the
    same folder (or in a sibling folder named for a format, ``md/`` beside
    ``json/``) carries with an ending earlier in :data:`TWIN_ORDER`. A path
    that does not exist is yielded as is, so that reading it fails with a
    clear message.
    """
    for path in paths:
        if path.is_dir():
            found: list[Path] = []
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                found.extend(Path(root) / name for name in sorted(files))
            kept = _without_twins([p for p in found if _is_candidate(p)])
            yield from kept
        else:
            yield path


def _twin_key(path: Path) -> tuple[Path, str]:
    folder = path.parent
    if folder.name.lower() in _FORMAT_FOLDERS:
        folder = folder.parent
    return folder, path.stem.lower()


def _without_twins(paths: list[Path]) -> list[Path]:
    best: dict[tuple[Path, str], int] = {}
    for path in paths:
        rank = _twin_rank(path)
        if rank is not None:
            twin = _twin_key(path)
            best[twin] = min(rank, best.get(twin, rank))
    kept = []
    for path in paths:
        rank = _twin_rank(path)
        if rank is not None and rank > best[_twin_key(path)]:
            log.info("%s: a twin in another format is read instead", path)
            continue
        kept.append(path)
    return kept


def _twin_rank(path: Path) -> int | None:
    suffix = path.suffix.lower()
    return TWIN_ORDER.index(suffix) if suffix in TWIN_ORDER else None


def _is_candidate(path: Path) -> bool:
    return not (
        path.name.startswith(".") or path.name in SIDECARS or path.stem.lower() in _NOT_MINUTES
    )


def load(paths: Iterable[Path], max_bytes: int = MAX_BYTES) -> Iterator[Document | Failure]:
    """Read every file under ``paths``: Documents, or a Failure each.

    The files of one root are all read before the first is yielded: the
    lines that root's archive repeats in document after document
    (letterheads) are judged over the whole set and dropped
    (:mod:`corpus.boilerplate`), whatever order the files come in.
    """
    sidecars = SidecarCache()
    for root in paths:
        yield from drop_archive_repeats(list(_read_root(root, sidecars, max_bytes)))


def _read_root(root: Path, sidecars: SidecarCache, max_bytes: int) -> Iterator[Document | Failure]:
    top = root if root.is_dir() else root.parent
    for path in discover([root]):
        try:
            yield from read_file(path, sidecars.labels(path.parent, top), max_bytes)
        except ReadError as exc:
            yield Failure(str(path), str(exc))
        except OSError as exc:
            yield Failure(str(path), exc.strerror or str(exc))
        except RecursionError:
            yield Failure(str(path), "nested too deeply to read")


def read_document(path: Path, labels: Labels = Labels()) -> Document:
    """Read a file that holds one document (most formats)."""
    results = list(read_file(path, labels))
    if len(results) != 1 or isinstance(results[0], Failure):
        raise ReadError(f"expected one document in {path}, found {len(results)}")
    return results[0]


def read_file(
    path: Path, labels: Labels = Labels(), max_bytes: int = MAX_BYTES
) -> Iterator[Document | Failure]:
    """Read one file: usually one Document; a JSON-lines file gives one per
    agenda item, and a Failure for each line that cannot be read."""
    if not path.exists():
        raise ReadError("no such file")
    if not path.is_file():
        raise ReadError("not a regular file")
    size = path.stat().st_size
    if size == 0:
        raise ReadError("empty file")
    if size > max_bytes:
        raise ReadError(f"file too large ({size:,} bytes; the limit is {max_bytes:,})")
    suffix = path.suffix.lower()
    if suffix == ".doc":
        raise ReadError(OLD_WORD)
    if suffix not in SUFFIXES:
        raise ReadError(
            f"unknown format '{suffix or path.name}' (readable: {', '.join(sorted(SUFFIXES))})"
        )
    data = path.read_bytes()
    source = str(path)
    if suffix == ".pdf":
        pdf = pdf_to_text(data)
        doc = parse_text(pdf.text, source, labels, kind="pdf")
        doc.warnings.extend(pdf.warnings)
        doc.incomplete = bool(pdf.unread_pages)
        yield doc
        return
    if suffix == ".docx":
        yield parse_text(docx_to_text(data), source, labels, kind="docx")
        return
    text, warnings = decode(data)
    if suffix == ".jsonl":
        yield from _jsonl_documents(text, source, labels, warnings)
        return
    if suffix in EXPORT_SUFFIXES:
        parsed, fmt = read_export(normalize_text(text), suffix)
        own = parsed.meeting.from_source(fmt)
        meeting = labels.over.merged_over(own).merged_over(labels.under)
        doc = build_document(parsed, meeting, source, fmt)
        doc.warnings.extend(warnings)
        yield doc
        return
    kind = "html" if suffix in HTML_SUFFIXES or looks_like_html(text) else "text"
    doc = parse_text(text, source, labels, kind=kind)
    doc.warnings.extend(warnings)
    yield doc


def decode(data: bytes) -> tuple[str, list[str]]:
    """UTF-8 text, or Windows-1252 / Latin-1 text with a warning saying so."""
    if b"\x00" in data[:8192]:
        raise ReadError("binary file, not text")
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError as exc:
        if exc.start >= len(data) - 3 and exc.reason == "unexpected end of data":
            raise ReadError("truncated: the file ends in the middle of a character") from None
        position = exc.start
    for encoding in ("cp1252", "latin-1"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        return text, [f"not UTF-8 (byte {position}): read as {encoding}"]
    raise ReadError("not text in any known encoding")  # latin-1 decodes anything; kept for mypy


def parse_text(text: str, source: str, labels: Labels = Labels(), kind: str = "text") -> Document:
    """Turn the text of one file into a Document: metadata, items, passages.

    ``kind`` is what the file was: ``text`` (plain or Markdown), ``html`` or
    ``pdf``. Metadata is trusted in this order: front matter, the sidecars
    (``labels.over``), what the page states, the opening of the minutes, an
    archive's default committee (``labels.under``), the file name. Each
    field keeps where it came from.
    """
    text = normalize_text(text)
    fields, body = split_front_matter(text)
    front = MeetingInfo()
    if fields:
        front = meeting_from_fields(fields, "front matter").from_source("front matter")
    blog_title = MeetingInfo()
    if is_blog_post(fields):
        # A post's headline is not the meeting's name; the minutes say better.
        blog_title, front = MeetingInfo(title=front.title), dataclasses.replace(front, title=None)
    page: Page | None = None
    if kind == "html":
        # The page's own system reader, or its main content as text.
        page = read_page(body)
        body = normalize_text(page.text)
        start = _PAGE_START.search(body) if page.parsed is None else None
        body = body[start.start() :] if start else body
    if page is not None and page.parsed is not None and page.format:
        parsed, fmt = page.parsed, page.format
    else:
        parsed, fmt = _parse_body(body, kind)
    stated = parsed.meeting.from_source("page")
    # A system's reader has read what its page states about the meeting.
    if fmt not in ("moderngov-item",) and (page is None or page.parsed is None):
        # An agenda-item page states nothing about its meeting; whole minutes do.
        stated = stated.merged_over(meeting_from_text(body))
    if front.title and not front.committee:
        # The file's own title ("7th Meeting of the Community and Protective
        # Services Committee") names the body that met when the text does not.
        named = committee_of_title(front.title)
        stated = stated.merged_over(MeetingInfo(committee=named, committee_source="title"))
    if page is not None:
        stated = stated.merged_over(page.site)
    meeting = (
        front.merged_over(labels.over)
        .merged_over(stated)
        .merged_over(labels.under)
        .merged_over(blog_title)
        .merged_over(meeting_from_path(source))
    )
    return build_document(parsed, meeting, source, fmt)


def build_document(parsed: Parsed, meeting: MeetingInfo, source: str, fmt: str) -> Document:
    if not any(item.blocks for item in parsed.items):
        raise ReadError("no minutes text found")
    passages = chunk(parsed.items, visibility=meeting.visibility)
    if not passages:
        raise ReadError("no minutes text found, only page furniture and headings")
    doc_id = fingerprint(meeting, passages)
    return Document(
        doc_id=doc_id,
        source=source,
        meeting=meeting,
        items=parsed.items,
        passages=with_ids(doc_id, passages),
        format=fmt,
    )


def _parse_body(body: str, kind: str) -> tuple[Parsed, str]:
    if looks_like_item_page(body):
        return read_item_page(body), "moderngov-item"
    if looks_like_meeting_page(body):
        try:
            return read_meeting_page(body), "moderngov-meeting"
        except ReadError:
            log.debug("not a numbered ModernGov meeting page; reading it as plain minutes")
    if kind == "docx":
        return read_markdown(body), "docx"
    # A web page's paragraphs come from its markup, never from re-wrapped lines.
    if kind == "pdf" or (
        kind != "html" and (looks_like_pdf_text(body) or looks_like_wrapped_text(body))
    ):
        return read_pdf_text(body), "pdf-text" if kind != "pdf" else "pdf"
    return read_markdown(body), kind if kind == "html" else "markdown"


def _jsonl_documents(
    text: str, source: str, labels: Labels, warnings: list[str]
) -> Iterator[Document | Failure]:
    entries = 0
    for entry in read_jsonl(normalize_text(text), source):
        entries += 1
        where = source + entry.key
        if entry.documents:
            yield from entry.documents
            continue
        if entry.parsed is None:
            yield Failure(where, entry.error or "unreadable")
            continue
        try:
            own = entry.parsed.meeting.from_source("JSON line")
            meeting = own.merged_over(labels.over).merged_over(labels.under)
            doc = build_document(entry.parsed, meeting, where, "jsonl")
        except ReadError as exc:
            yield Failure(where, str(exc))
            continue
        doc.warnings.extend(warnings)
        yield doc
    if not entries:
        raise ReadError("no JSON lines in the file, only white space")
