"""Whitespace and Unicode normalisation shared by every reader."""

from __future__ import annotations

import re
import unicodedata

# Characters that PDFs and web pages scatter through text and that carry no
# meaning for search: zero-width spaces and joiners, soft hyphens, BOMs.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))
_SPACES = re.compile(r"[^\S\n]+")
_SENTENCE_END = re.compile(r"(?<=[.!?;:])\s+(?=[\"'“‘(]?[A-Z0-9])")
# A full stop that ends no sentence: an initial ("J. Smith", "Z.-1"), a
# title or a reference ("Mr. Shafer", "No. 149", "St. Mary's").
_NOT_AN_END = re.compile(
    r"(?:^|[\s(“\"'‘])(?:[A-Z]|Mr|Mrs|Ms|Dr|Cllr|Cr|Rev|Prof|St|Co|No|Nos|Nr|Rd|Ave|Inc|Ltd|Messrs"
    r"|approx|e\.g|i\.e|cf|vs|viz)\.$"
)

BULLET_MARKS = "·•▪◦●‣∙"


def normalize_text(text: str) -> str:
    """NFKC-normalise, drop invisible characters and fold runs of spaces
    (U+00A0 included) to one, keeping line breaks; strip each line."""
    text = unicodedata.normalize("NFKC", text).translate(_INVISIBLE)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return "\n".join(_SPACES.sub(" ", line).strip() for line in text.split("\n"))


def one_line(text: str) -> str:
    """Fold all whitespace, line breaks included, to single spaces."""
    return " ".join(text.split())


def sentences(text: str) -> list[str]:
    """Split a paragraph into sentences (a light heuristic, good enough to
    find the lead-in sentence a bullet list hangs from)."""
    out: list[str] = []
    start = 0
    for end in _SENTENCE_END.finditer(text):
        if _NOT_AN_END.search(text[start : end.start()]):
            continue
        out.append(text[start : end.start()])
        start = end.end()
    out.append(text[start:])
    return [s for s in out if s]


def last_sentence(text: str) -> str:
    parts = sentences(text)
    return parts[-1] if parts else text
