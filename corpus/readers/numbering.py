"""The labels Word draws before numbered and bulleted paragraphs.

Word keeps a list's numbers out of the text: a paragraph refers to a list
(``w:numPr``: a ``numId`` and a level), directly or through its style, and
``numbering.xml`` says how each level is drawn (``%1.``, ``%1.%2``, ``(%2)``
in decimal, letters or Roman numerals, or a bullet). Counting the
paragraphs of each list in document order gives the label a reader sees,
so an agenda numbered by Word keeps its item numbers.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from typing import Any

from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph

log = logging.getLogger(__name__)

_PLACEHOLDER = re.compile(r"%([1-9])")
_ROMAN = [
    (1000, "m"),
    (900, "cm"),
    (500, "d"),
    (400, "cd"),
    (100, "c"),
    (90, "xc"),
    (50, "l"),
    (40, "xl"),
    (10, "x"),
    (9, "ix"),
    (5, "v"),
    (4, "iv"),
    (1, "i"),
]


@dataclass(frozen=True, slots=True)
class Level:
    """How one level of a list is drawn: ``fmt`` is Word's ``numFmt``
    ("decimal", "lowerLetter", "bullet", ...), ``text`` its ``lvlText``."""

    fmt: str
    text: str
    start: int = 1


@dataclass(slots=True)
class Numbering:
    """The lists of one document, and how far each has counted."""

    levels: dict[str, dict[int, Level]] = field(default_factory=dict)  # numId → ilvl → Level
    counters: dict[str, list[int]] = field(default_factory=dict)

    @classmethod
    def of(cls, document: Any) -> Numbering:
        """The numbering definitions of a python-docx Document."""
        try:
            root = document.part.part_related_by(
                "http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering"
            ).element
        except KeyError:
            return cls()
        abstract = {
            node.get(qn("w:abstractNumId")): {
                int(lvl.get(qn("w:ilvl"), "0")): _level(lvl) for lvl in node.findall(qn("w:lvl"))
            }
            for node in root.findall(qn("w:abstractNum"))
        }
        levels = {}
        for num in root.findall(qn("w:num")):
            ref = num.find(qn("w:abstractNumId"))
            if ref is not None and ref.get(qn("w:val")) in abstract:
                levels[num.get(qn("w:numId"))] = abstract[ref.get(qn("w:val"))]
        return cls(levels)

    def label(self, paragraph: Paragraph) -> str:
        """The label Word draws before ``paragraph`` ("3.", "5.1", "(a)",
        "•"), counting it; "" for a paragraph in no list."""
        reference = _num_pr(paragraph)
        if reference is None:
            return ""
        num_id, ilvl = reference
        levels = self.levels.get(num_id)
        if not levels or ilvl not in levels or levels[ilvl].fmt == "none":
            return ""
        if levels[ilvl].fmt == "bullet":
            return "•"
        counts = self.counters.setdefault(num_id, [])
        while len(counts) <= ilvl:
            depth = len(counts)
            counts.append(levels[depth].start - 1 if depth in levels else 0)
        counts[ilvl] += 1
        # A deeper level starts again under each new entry of this one.
        for deeper in range(ilvl + 1, len(counts)):
            counts[deeper] = levels[deeper].start - 1 if deeper in levels else 0
        return _PLACEHOLDER.sub(
            lambda m: _format(_count(counts, int(m.group(1)) - 1), _fmt(levels, m)),
            levels[ilvl].text,
        ).strip()


def _level(node: Any) -> Level:
    def value(tag: str, default: str) -> str:
        child = node.find(qn(tag))
        return child.get(qn("w:val"), default) if child is not None else default

    start = value("w:start", "1")
    return Level(
        value("w:numFmt", "decimal"), value("w:lvlText", ""), int(start) if start.isdigit() else 1
    )


def _num_pr(paragraph: Paragraph) -> tuple[str, int] | None:
    """(numId, level) from the paragraph, else from its style and the styles
    that style is based on."""
    sources: list[Any] = [paragraph._p.pPr]
    style = paragraph.style
    while style is not None:
        sources.append(style.element.pPr)
        style = style.base_style
    num_id: str | None = None
    ilvl: int | None = None
    for ppr in sources:
        pr = ppr.numPr if ppr is not None else None
        if pr is None:
            continue
        if num_id is None and pr.numId is not None:
            num_id = str(pr.numId.val)
        if ilvl is None and pr.ilvl is not None:
            ilvl = int(pr.ilvl.val)
    if num_id is None or num_id == "0":
        return None
    return num_id, ilvl or 0


def _count(counts: list[int], level: int) -> int:
    return counts[level] if level < len(counts) else 1


def _fmt(levels: dict[int, Level], match: re.Match[str]) -> str:
    level = levels.get(int(match.group(1)) - 1)
    return level.fmt if level else "decimal"


def _format(value: int, fmt: str) -> str:
    if fmt in ("lowerLetter", "upperLetter"):
        letters = ""
        while value > 0:
            value, rest = divmod(value - 1, 26)
            letters = chr(ord("a") + rest) + letters
        return letters.upper() if fmt == "upperLetter" else letters
    if fmt in ("lowerRoman", "upperRoman"):
        roman = ""
        for amount, numeral in _ROMAN:
            while value >= amount:
                roman, value = roman + numeral, value - amount
        return roman.upper() if fmt == "upperRoman" else roman
    if fmt == "decimalZero":
        return f"{value:02d}"
    return str(value)
