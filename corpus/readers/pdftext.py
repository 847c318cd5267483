"""Text extracted from PDFs: hard-wrapped lines back into paragraphs.

PDF extraction keeps the page's line breaks (and some tools add a blank line
after every one), so blank lines say nothing about paragraphs. A line break
is a paragraph break when the line before ends a sentence and stops short of
the usual line width, or when the next line starts something (an agenda item
number, a bullet, "(a)", "Proposed by ..."). Page-break markers, page numbers
and scanner notices are dropped; words hyphenated at a line end are mended.
"""

from __future__ import annotations

import re

from minutes_qa.corpus.readers.base import Parsed
from minutes_qa.corpus.readers.markdown import unescape
from minutes_qa.corpus.readers.structure import structure

_PAGE_BREAK = re.compile(r"^(?:-{3,}|_{3,}|\f)$")
_PAGE_NUMBER = re.compile(r"^(?:page\s+)?\d{1,3}(?:\s+of\s+\d{1,3})?$", re.IGNORECASE)
_NOISE = re.compile(
    r"^(?:\*?<small>.*</small>\*?|\(image omitted\)|\[original file\]\(.*\))$", re.IGNORECASE
)
# Case matters: "proposed by" in the middle of a wrapped sentence is not a start.
_STARTS_BLOCK = re.compile(
    r"^(?:\*\*|[·•▪●‣∙]|[-*]\s|\(?[a-z]{1,2}\)|\([ivx]{1,5}\)|\(?\d{1,3}[a-z]?[.)]?\s*$"
    r"|\d{1,3}(?:\.\d{1,2})?[.)]\s|\d{1,4}/\d{2,4}\b"
    r"|(?:Proposed|PROPOSED|Seconded|SECONDED|Resolved|RESOLVED|Present|PRESENT|Apologies"
    r"|APOLOGIES)\b|(?:And|AND)\s+(?:Resolved|RESOLVED)\b|(?:Signed|SIGNED|Date|DATE)\s*:"
    r"|MEMBERS\s+PRESENT|OFFICIALS\s+IN|[\"“‘]\s*(?:That|THAT)\b)"
)
_ENDS_SENTENCE = re.compile(r"[.:;?!][\"”’')\]]*\**$")
_HYPHENATED = re.compile(r"[a-z]-$")


def looks_like_pdf_text(text: str) -> bool:
    """Blank line after nearly every line, or an extractor's telltales."""
    lines = text.split("\n")
    if text.startswith("[Original file]("):
        return True
    nonblank = [i for i, line in enumerate(lines) if line.strip()]
    if len(nonblank) < 20:
        return False
    followed_by_blank = sum(1 for i in nonblank if i + 1 < len(lines) and not lines[i + 1].strip())
    # Hard-wrapped lines cluster just under the page width; paragraphs of a
    # Markdown post (also one per line, blank lines between) do not.
    lengths = sorted(len(lines[i]) for i in nonblank)
    width = lengths[int(len(lengths) * 0.9)]
    near_width = sum(1 for n in lengths if 0.6 * width <= n <= width) / len(lengths)
    return followed_by_blank / len(nonblank) > 0.85 and width <= 130 and near_width > 0.5


def pdf_lines(text: str) -> list[str]:
    """The text's lines without page furniture."""
    lines = []
    for raw in text.split("\n"):
        line = raw.strip()
        if not line or _PAGE_BREAK.match(line) or _NOISE.match(line):
            continue
        if _PAGE_NUMBER.match(line):
            continue
        lines.append(line)
    return lines


def rejoin(lines: list[str]) -> list[str]:
    """Hard-wrapped lines → paragraphs."""
    if not lines:
        return []
    lengths = sorted(len(line) for line in lines)
    width = lengths[int(len(lengths) * 0.9)]
    paragraphs: list[str] = []
    current = ""
    previous = ""
    for line in lines:
        if not current:
            current = line
        elif (
            _bold(previous)
            and _bold(line)
            and not _ENDS_SENTENCE.search(previous.rstrip("*"))
            and not _is_marker(line)
        ):
            # A bold heading wrapped over lines, each line bold on its own.
            current = current.rstrip("*") + " " + line.lstrip("*")
        elif _breaks(previous, line, width):
            paragraphs.append(current)
            current = line
        elif _HYPHENATED.search(current) and line[:1].islower():
            current = current[:-1] + line
        else:
            current = f"{current} {line}"
        previous = line
    paragraphs.append(current)
    return [" ".join(p.split()) for p in paragraphs]


def _breaks(previous: str, line: str, width: int) -> bool:
    if _STARTS_BLOCK.match(line):
        return True
    if _is_structural(previous):
        return True
    if _ENDS_SENTENCE.search(previous):
        return len(previous) < 0.8 * width or previous.endswith(":")
    # A short line before a capital is a heading, not a wrapped sentence.
    return len(previous) < 0.6 * width and line[:1].isupper()


def _bold(line: str) -> bool:
    return line.startswith("**") and line.endswith("**") and len(line) > 4


def _is_marker(line: str) -> bool:
    """An item number or "(a)" alone on its line."""
    return bool(re.fullmatch(r"\(?[a-z0-9]{1,3}[.)]?", line.strip("* ")))


def _is_structural(line: str) -> bool:
    """A line that stands alone: an item number, "(a)", a bold heading."""
    return _is_marker(line) or (_bold(line) and len(line.strip("* ").split()) <= 12)


def read_pdf_text(text: str) -> Parsed:
    # Extractors that write Markdown escape its punctuation: "\_\_\_", "1\.".
    return Parsed(items=structure(rejoin(pdf_lines(unescape(text)))))
