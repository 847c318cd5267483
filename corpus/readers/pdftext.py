"""Text extracted from PDFs: hard-wrapped lines back into paragraphs.

PDF extraction keeps the page's line breaks (and some tools add a blank line
after every one), so blank lines say nothing about paragraphs. A line break
is a paragraph break when the line before ends a sentence and stops short of
the usual line width, or when the next line starts something (an agenda item
number, a bullet, "(a)", "Proposed by ..."). Words hyphenated at a line end
are mended.

Page furniture is dropped per document, page by page (pages are separated by
``---`` or form-feed lines): page labels ("Page 3 of 16", "- 4 -"), bare
page numbers at the top or bottom of a page that count up with the pages
(an item number "1" alone on its line stays), running headers and footers
(a line at the edge of most pages; its first occurrence stays, as it is
often the minutes' own heading), lines of nothing but the initials of an
action column ("MC", "KC RB"), and scanner notices.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict

from minutes_qa.corpus.junk import is_heading
from minutes_qa.corpus.readers.base import Parsed
from minutes_qa.corpus.readers.markdown import unescape
from minutes_qa.corpus.readers.structure import structure

_PAGE_BREAK = re.compile(r"^(?:-{3,}|_{3,}|\f)$")
_DASHES = re.compile(r"^-{3,}$")
# Unambiguous wherever they stand: "Page 3", "Page 3 of 16", "3 of 16",
# "- 4 -", "3 | Page", "Page | 3".
_PAGE_LABEL = re.compile(
    r"^(?:page\s*\|?\s*\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?|\d{1,4}\s+of\s+\d{1,4}"
    r"|[-–—]\s*\d{1,4}\s*[-–—]|\d{1,4}\s*\|\s*page)$",
    re.IGNORECASE,
)
_BARE_NUMBER = re.compile(r"^\d{1,3}$")
# An agenda item's number, alone or before its title: "5", "5.", "5 Planning".
_ITEM_NUMBER = re.compile(r"^\**(\d{1,3})(?:[.)]?\**$|[.)]?\**\s+\**[A-Z])")
# An action column's initials: "MC", "PWh", "KC / RB".
_INITIALS = re.compile(r"^[A-Z][A-Za-z]?[A-Z][a-z]?(?:\s*[,/&]?\s*[A-Z][A-Za-z]?[A-Z][a-z]?){0,3}$")
_INITIALS_TOKEN = re.compile(r"[A-Z][A-Za-z]?[A-Z][a-z]?")
_HEADINGS_NOT_INITIALS = {"AOB", "AOCB", "AGM", "EGM", "APM", "CCTV", "NOTED", "ALL"}
# How far from a page's top or bottom running headers and footers sit.
EDGE_LINES = 3
_NOISE = re.compile(
    r"^(?:\*?<small>.*</small>\*?|\(image omitted\)|\[original file\]\(.*\))$", re.IGNORECASE
)
# Case matters: "proposed by" in the middle of a wrapped sentence is not a start.
_STARTS_BLOCK = re.compile(
    r"^(?:\*\*|[·•▪●‣∙]|[-*]\s|\(?[a-z]{1,2}\)|\([ivx]{1,5}\)|\(?\d{1,3}[a-z]?[.)]?\s*$"
    r"|\d{1,3}(?:\.\d{1,2})?[.)]\s|\d{1,4}/\d{2,4}\b|\d{1,3}\.\d{1,2}\s+[A-Z]"
    r"|(?:Proposed|PROPOSED|Seconded|SECONDED|Resolved|RESOLVED|Present|PRESENT|Apologies"
    r"|APOLOGIES|Moved|MOVED|Carried|CARRIED|(?:Council|COUNCIL)\s+(?:Resolution|RESOLUTION))\b"
    r"|(?:And|AND)\s+(?:Resolved|RESOLVED)\b|(?:Signed|SIGNED|Date|DATE)\s*:"
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


def looks_like_wrapped_text(text: str) -> bool:
    """Plain text hard-wrapped at a page's width with no blank lines between
    paragraphs (a PDF saved as text, a clerk's .txt): its paragraphs are
    found as a PDF's are, never one per run of lines."""
    lines = text.split("\n")
    nonblank = [line for line in lines if line.strip()]
    if len(nonblank) < 20 or sum(line.lstrip().startswith("#") for line in nonblank) > 1:
        return False
    blank = len(lines) - len(nonblank)
    lengths = sorted(len(line) for line in nonblank)
    width = lengths[int(len(lengths) * 0.9)]
    near_width = sum(1 for n in lengths if 0.6 * width <= n <= width) / len(lengths)
    return blank < 0.1 * len(nonblank) and width <= 130 and near_width > 0.3


def pdf_lines(text: str) -> list[str]:
    """The text's lines without page furniture."""
    pages = drop_furniture(split_pages(text))
    return _lone_numbers(_drop_initials([line for page in pages for line in page]))


def _lone_numbers(lines: list[str]) -> list[str]:
    """A number alone on its line is an agenda item's number when it comes
    next in the items' order and a title follows; otherwise it is a table's
    figure, read apart from its row ("Pike Avenue" "8"), and joins the line
    before it, or is dropped after a full stop, where it says nothing."""
    out: list[str] = []
    last = 0
    for i, line in enumerate(lines):
        numbered = _ITEM_NUMBER.match(line)
        value = int(numbered.group(1)) if numbered else 0
        if numbered and last < value <= last + 3:
            if not _BARE_NUMBER.match(line) or _title_like(
                lines[i + 1] if i + 1 < len(lines) else ""
            ):
                last = value
                out.append(line)
                continue
        if _BARE_NUMBER.match(line) and out:
            if not _ENDS_SENTENCE.search(out[-1]) or out[-1].endswith(":"):
                out[-1] = f"{out[-1]} {line}"
            continue
        out.append(line)
    return out


def _title_like(line: str) -> bool:
    bare = line.strip("* ")
    return bool(bare[:1].isupper()) and len(bare.split()) <= 12 and not bare.endswith(".")


def split_pages(text: str) -> list[list[str]]:
    """Non-blank lines of each page; pages with none are left out.

    Pages end at ``---`` lines (what :mod:`corpus.readers.pdf` writes);
    where there are none, at form feeds or rules of underscores, which some
    extractors write instead. Where ``---`` marks the pages, a rule of
    underscores is a rule drawn on the page and is dropped.
    """
    dashes = any(_DASHES.match(line.strip()) for line in text.split("\n"))
    pages: list[list[str]] = [[]]
    for raw in text.split("\n"):
        line = raw.strip()
        if _DASHES.match(line) if dashes else _PAGE_BREAK.match(line):
            pages.append([])
        elif line and not _NOISE.match(line) and not _PAGE_BREAK.match(line):
            pages[-1].append(line)
    return [page for page in pages if page]


def drop_furniture(pages: list[list[str]]) -> list[list[str]]:
    """Page labels, page numbers, and running headers and footers removed."""
    pages = [[line for line in page if not _PAGE_LABEL.match(line)] for page in pages]
    return _drop_running(_drop_page_numbers(pages))


def _edges(page: list[str], depth: int) -> list[int]:
    """Indexes of the first and last ``depth`` lines of a page."""
    return sorted(
        set(range(min(depth, len(page)))) | set(range(max(0, len(page) - depth), len(page)))
    )


def _drop_page_numbers(pages: list[list[str]]) -> list[list[str]]:
    """A bare number in a page's first or last two lines is a page number when
    the numbers count up with the pages (minute books number on from the last
    meeting, so the first need not be 1), or when every page starts (or
    ends) with one."""
    found = [
        (p, i, int(page[i]) - p)
        for p, page in enumerate(pages)
        for i in _edges(page, 2)
        if _BARE_NUMBER.match(page[i])
    ]
    if not found:
        return pages
    offset, agreeing = Counter(o for _, _, o in found).most_common(1)[0]
    drop: set[tuple[int, int]] = set()
    if len(pages) == 1:
        drop = {(0, i) for i, _ in _lone_page_numbers(pages[0], [i for _, i, _ in found])}
    else:
        if agreeing >= 2:
            drop = {(p, i) for p, i, o in found if o == offset}
        for edge in (0, -1):
            if all(_BARE_NUMBER.match(page[edge]) for page in pages):
                drop |= {(p, edge % len(page)) for p, page in enumerate(pages)}
    return [
        [line for i, line in enumerate(page) if (p, i) not in drop] for p, page in enumerate(pages)
    ]


def _lone_page_numbers(page: list[str], candidates: list[int]) -> list[tuple[int, str]]:
    """On a document's only page nothing counts along. A number on the last
    line is a page number; so is one at the top, unless it is too low to be
    anything but the first agenda item and no other line starts that item."""
    out = []
    for i in candidates:
        number = page[i]
        later = any(re.match(rf"{number}\b", line) for line in page[i + 1 :])
        if i == len(page) - 1 or int(number) > 3 or later:
            out.append((i, number))
    return out


def _key(line: str) -> str:
    return re.sub(r"\d+", "#", " ".join(line.lower().split()))


def _drop_running(pages: list[list[str]]) -> list[list[str]]:
    """Lines at the edge of most pages (letterheads, running titles, footers
    with a date or page number) kept only where they first appear."""
    if len(pages) < 2:
        return pages
    seen_on: defaultdict[str, set[int]] = defaultdict(set)
    for p, page in enumerate(pages):
        for i in _edges(page, EDGE_LINES):
            seen_on[_key(page[i])].add(p)
    needed = max(2, math.ceil(len(pages) / 2))
    running = {
        key
        for key, on in seen_on.items()
        if len(on) >= needed
        and sum(c.isalpha() for c in key) >= 3
        and not _INITIALS.match(key.upper())
    }
    kept: set[str] = set()
    out = []
    for page in pages:
        edges = set(_edges(page, EDGE_LINES))
        lines = []
        for i, line in enumerate(page):
            key = _key(line)
            if i in edges and key in running:
                if key in kept:
                    continue
                kept.add(key)
            lines.append(line)
        out.append(lines)
    return out


def _drop_initials(lines: list[str]) -> list[str]:
    """Lines of nothing but initials, where the same initials recur: the
    action column of a two-column layout, read after the text it sits beside.
    A lone "AGM" heading stays."""
    candidates = [
        line for line in lines if _INITIALS.match(line) and line not in _HEADINGS_NOT_INITIALS
    ]
    if len(candidates) < 2:
        return lines
    counts = Counter(t for line in lines for t in _INITIALS_TOKEN.findall(line))
    recurring = {
        line for line in candidates if all(counts[t] >= 2 for t in _INITIALS_TOKEN.findall(line))
    }
    return [line for line in lines if line not in recurring]


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
    if _shouting(previous) and not _shouting(line) and line[:1].isupper():
        # "3. CONFIRMATION OF MINUTES" then "Council Resolution": a heading.
        return True
    if _ENDS_SENTENCE.search(previous) and _shouting(line) and not _shouting(previous):
        # "... declared a quorum." then "NEW BUSINESS": a heading, however
        # long the line before it.
        return True
    if _ENDS_SENTENCE.search(previous):
        # "... not been covered under other matters." then "7 Treasurer's
        # Report": the next item's heading, however long the line before it.
        return len(previous) < 0.8 * width or previous.endswith(":") or _item_heading(line)
    # A short line before a capital is a heading, not a wrapped sentence.
    return len(previous) < 0.6 * width and line[:1].isupper()


def _item_heading(line: str) -> bool:
    """ "7 Treasurer's Report", "12. Planning Applications": a number and a title."""
    match = re.match(r"^\d{1,2}\.?\s+(?=[A-Z])", line)
    return match is not None and is_heading(line[match.end() :])


def _shouting(line: str) -> bool:
    """A line in capitals, short enough to be a heading."""
    letters = [c for c in line if c.isalpha()]
    return len(letters) >= 4 and line.upper() == line and len(line.split()) <= 12


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
