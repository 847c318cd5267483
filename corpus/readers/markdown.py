"""Markdown and plain-text minutes (parish posts, Word exports).

Markdown escapes (``1\\.``, ``\\*``), links and inline HTML (tables,
``&nbsp;``), block quotes, Obsidian call-outs and tables (a vote table
read by column) are turned into plain text; list items start new paragraphs
even without a blank line before them. The structure is then found by
:func:`corpus.readers.structure.structure`.
"""

from __future__ import annotations

import html
import re

from minutes_qa.corpus.readers.base import Parsed
from minutes_qa.corpus.readers.html import html_to_text
from minutes_qa.corpus.readers.structure import HEADING_MARK, structure
from minutes_qa.corpus.readers.transcript import looks_like_transcript, transcript_paragraphs
from minutes_qa.corpus.text import BULLET_MARKS, normalize_text, one_line

_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~])")
_LINK = re.compile(r"!?\[([^\]]*)\]\((?:<[^>\n]*>|(?:[^()\s]|\([^)]*\))*)\)")
# A line that is nothing but links: an attachment ("[2025-04-29 Staff Report
# - 459 Hale Street](<https://...filestream.ashx?DocumentId=115919>)") or the
# site's navigation, never a point of the minutes.
_LINK_LINE = re.compile(
    r"^[ \t]*(?:[-*+][ \t]+)?(?:!?\[[^\]\n]*\]\((?:<[^>\n]*>|[^()\s]*)\)[ \t,;|]*)+$", re.MULTILINE
)
_HTML_TAG = re.compile(
    r"</?(?:table|tr|td|th|p|div|span|br|strong|b|em|i|u|font|li|ul|ol|tbody)\b", re.IGNORECASE
)
# A magazine's page header: "Page 005 (2017)".
_PAGE_MARK = re.compile(r"^\s*page\s+\d{1,4}(?:\s*\(\d{4}\))?\s*$", re.IGNORECASE | re.MULTILINE)
_QUOTE = re.compile(r"^(?:\s*>)+\s?")
_CALLOUT = re.compile(r"^\[![\w-]+\][-+]?\s*")
_TABLE_ROW = re.compile(r"^\s*\|.*\|\s*$")
_RULE_CELL = re.compile(r":?-{1,}:?|")
_VOTE_HEADER = re.compile(
    r"^(?:yeas?|nays?|ayes?|noes|for|against|absent|abstain(?:ed|ing)?|abstentions?|recused"
    r"|present|excused|conflict)\s*:?$",
    re.IGNORECASE,
)
_STARTS_ITEM = re.compile(
    rf"^\s*(?:[{re.escape(BULLET_MARKS)}]|[-*+]\s|\d{{1,3}}[a-z]?[.)]\s|\d{{1,4}}/\d{{2,4}}\b"
    r"|\(?[a-z]{1,2}\)\s|\(?[ivx]{1,5}\)\s|\(?[A-H]\)\s|#)"
)


def unescape(text: str) -> str:
    """Markdown's backslash escapes (``1\\.``, ``\\*``) as the characters."""
    return _ESCAPE.sub(r"\1", text)


def clean_markdown(text: str) -> str:
    if _HTML_TAG.search(text):
        text = html_to_text(text)
    text = _PAGE_MARK.sub("", text)
    text = _LINK.sub(lambda m: m.group(1), _LINK_LINE.sub("", text))
    # "&nbsp;" in headings ("# 2.&nbsp;&nbsp;&nbsp;Consent"); NFKC makes it a space.
    text = normalize_text(html.unescape(text))
    return unescape(flatten_tables(_unquote(text)))


def _unquote(text: str) -> str:
    """Block quotes and Obsidian call-outs (``> [!abstract]- Present:``) as
    plain lines: the quoting is layout, not content."""
    return "\n".join(_CALLOUT.sub("", _QUOTE.sub("", line)) for line in text.split("\n"))


def flatten_tables(text: str) -> str:
    """Markdown tables as lines of text. A vote table (columns headed
    "Yeas:", "Nays:", "Absent:") reads by column, "Yeas: A, B; Nays: C"; any
    other table a line per row, its cells joined by " | "."""
    out: list[str] = []
    rows: list[list[str]] = []
    for line in [*text.split("\n"), ""]:
        if _TABLE_ROW.match(line):
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            if not all(_RULE_CELL.fullmatch(c) for c in cells):
                rows.append(cells)
            continue
        if rows:
            out.extend(_table_lines(rows))
            rows = []
        out.append(line)
    return "\n".join(out[:-1])


def _table_lines(rows: list[list[str]]) -> list[str]:
    header, body = rows[0], rows[1:]
    if body and all(_VOTE_HEADER.match(h) for h in header if h):
        columns = [
            f"{h.rstrip(':')}: " + ", ".join(r[n] for r in body if n < len(r) and r[n])
            for n, h in enumerate(header)
            if h
        ]
        return ["; ".join(columns)]
    return [" | ".join(c for c in row if c) for row in rows if any(row)]


def markdown_paragraphs(text: str) -> list[str]:
    """Blank lines end paragraphs; so does a line that starts a list item."""
    paragraphs: list[str] = []
    run: list[str] = []
    for line in text.split("\n"):
        if not line.strip() or (_STARTS_ITEM.match(line) and run):
            if run:
                paragraphs.append(one_line(" ".join(run)))
            run = [line] if line.strip() else []
        else:
            run.append(line)
    if run:
        paragraphs.append(one_line(" ".join(run)))
    # A Markdown heading reads as a bold line marked as a heading: the author
    # said it is one, however long its title.
    return [
        f"{HEADING_MARK}**{p.lstrip('# ').strip()}**" if p.startswith("#") else p
        for p in paragraphs
    ]


def read_markdown(text: str) -> Parsed:
    paragraphs = markdown_paragraphs(clean_markdown(text))
    if looks_like_transcript(paragraphs):
        paragraphs = transcript_paragraphs(paragraphs)
    return Parsed(items=structure(paragraphs))
