"""Markdown and plain-text minutes (parish posts, Word exports).

Markdown escapes (``1\\.``, ``\\*``), links and inline HTML (tables,
``&nbsp;``) are turned into plain text; list items start new paragraphs
even without a blank line before them. The structure is then found by
:func:`corpus.readers.structure.structure`.
"""

from __future__ import annotations

import re

from minutes_qa.corpus.readers.base import Parsed
from minutes_qa.corpus.readers.html import html_to_text
from minutes_qa.corpus.readers.structure import structure
from minutes_qa.corpus.text import BULLET_MARKS, one_line

_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~])")
_LINK = re.compile(r"!?\[([^\]]*)\]\((?:[^()\s]|\([^)]*\))*\)")
_HTML_TAG = re.compile(
    r"</?(?:table|tr|td|th|p|div|span|br|strong|b|em|i|u|font|li|ul|ol|tbody)\b", re.IGNORECASE
)
# A magazine's page header: "Page 005 (2017)".
_PAGE_MARK = re.compile(r"^\s*page\s+\d{1,4}(?:\s*\(\d{4}\))?\s*$", re.IGNORECASE | re.MULTILINE)
_STARTS_ITEM = re.compile(
    rf"^\s*(?:[{re.escape(BULLET_MARKS)}]|[-*+]\s|\d{{1,3}}[a-z]?[.)]\s|\d{{1,4}}/\d{{2,4}}\b"
    r"|\(?[a-z]{1,2}\)\s|\([ivx]{1,5}\)\s|#)"
)


def unescape(text: str) -> str:
    """Markdown's backslash escapes (``1\\.``, ``\\*``) as the characters."""
    return _ESCAPE.sub(r"\1", text)


def clean_markdown(text: str) -> str:
    if _HTML_TAG.search(text):
        text = html_to_text(text)
    text = _PAGE_MARK.sub("", text)
    text = _LINK.sub(lambda m: m.group(1), text)
    return unescape(text)


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
    # A Markdown heading reads as a bold line: a heading to the structure finder.
    return [f"**{p.lstrip('# ').strip()}**" if p.startswith("#") else p for p in paragraphs]


def read_markdown(text: str) -> Parsed:
    return Parsed(items=structure(markdown_paragraphs(clean_markdown(text))))
