"""Find minutes files, read each one, and turn it into a chunked Document.

One bad file never stops the others: :func:`load` yields a
:class:`~corpus.model.Failure` for it and goes on.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from corpus.chunk import chunk, fingerprint
from corpus.errors import ReadError
from corpus.metadata import SIDECAR, meeting_from_fields, read_sidecar, split_front_matter
from corpus.model import Document, Failure, MeetingInfo
from corpus.readers.base import Parsed
from corpus.readers.moderngov import looks_like_item_page, read_item_page
from corpus.readers.plain import read_plain
from corpus.text import normalize_text

log = logging.getLogger(__name__)

MAX_BYTES = 50 * 1024 * 1024
TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text"}
# Files that describe a folder rather than record a meeting.
_NOT_MINUTES = {"readme", "source", "license", "licence", "changelog"}


def discover(paths: Iterable[Path]) -> Iterator[Path]:
    """Every candidate file under ``paths``, in a stable order.

    Sidecars, hidden files and folder notes (README, SOURCE) are passed over.
    A path that does not exist is yielded as is, so that reading it fails
    with a clear message.
    """
    for path in paths:
        if path.is_dir():
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    candidate = Path(root) / name
                    if _is_candidate(candidate):
                        yield candidate
        else:
            yield path


def _is_candidate(path: Path) -> bool:
    return not (
        path.name.startswith(".") or path.name == SIDECAR or path.stem.lower() in _NOT_MINUTES
    )


def load(paths: Iterable[Path]) -> Iterator[Document | Failure]:
    """Read every file under ``paths``: a Document each, or a Failure."""
    sidecars: dict[Path, MeetingInfo | ReadError] = {}
    for path in discover(paths):
        try:
            folder = path.parent
            if folder not in sidecars:
                try:
                    sidecars[folder] = read_sidecar(folder)
                except ReadError as exc:
                    sidecars[folder] = exc
            sidecar = sidecars[folder]
            if isinstance(sidecar, ReadError):
                raise sidecar
            yield read_document(path, sidecar)
        except ReadError as exc:
            yield Failure(str(path), str(exc))
        except OSError as exc:
            yield Failure(str(path), exc.strerror or str(exc))


def read_document(path: Path, sidecar: MeetingInfo = MeetingInfo()) -> Document:
    """Read one file; raises :class:`ReadError` with the reason."""
    if not path.exists():
        raise ReadError("no such file")
    size = path.stat().st_size
    if size == 0:
        raise ReadError("empty file")
    if size > MAX_BYTES:
        raise ReadError(f"file too large ({size:,} bytes; the limit is {MAX_BYTES:,})")
    suffix = path.suffix.lower()
    if suffix not in TEXT_SUFFIXES:
        raise ReadError(f"unknown format '{suffix or path.name}'")
    text = decode(path.read_bytes())
    return parse_text(text, source=str(path), sidecar=sidecar, format_hint=suffix)


def decode(data: bytes) -> str:
    if b"\x00" in data[:8192]:
        raise ReadError("binary file, not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ReadError(f"not valid UTF-8 (byte {exc.start}); save it as UTF-8") from None


def parse_text(
    text: str, source: str, sidecar: MeetingInfo = MeetingInfo(), format_hint: str = ".txt"
) -> Document:
    """Turn the text of one file into a Document: metadata, items, passages."""
    text = normalize_text(text)
    fields, body = split_front_matter(text)
    front = meeting_from_fields(fields, "front matter") if fields else MeetingInfo()
    parsed, fmt = _parse_body(body)
    meeting = front.merged_over(sidecar).merged_over(parsed.meeting)
    if not any(item.blocks for item in parsed.items):
        raise ReadError("no minutes text found")
    doc_id = fingerprint(meeting, parsed.items)
    passages = chunk(doc_id, parsed.items, restricted=meeting.restricted)
    return Document(
        doc_id=doc_id,
        source=source,
        meeting=meeting,
        items=parsed.items,
        passages=passages,
        format=fmt,
    )


def _parse_body(body: str) -> tuple[Parsed, str]:
    if looks_like_item_page(body):
        return read_item_page(body), "moderngov-item"
    return read_plain(body), "plain"
