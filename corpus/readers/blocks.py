"""From lines of text to blocks: paragraphs and bullets.

Shared by the readers: each decides where its paragraphs end, this module
decides which of them are bullets and splits bullets that a scraper glued
together (``included:·Sufficiency ...·Access to ...``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from corpus.model import Block, Form
from corpus.text import BULLET_MARKS, one_line

_MARK = f"[{re.escape(BULLET_MARKS)}]"
_LEADING_MARK = re.compile(rf"^\s*(?:{_MARK}|[-*](?=\s))\s*")
_INLINE_MARK = re.compile(rf"\s*{_MARK}\s*")


def paragraphs(lines: Iterable[str]) -> list[str]:
    """Runs of non-blank lines, each joined into one line of text."""
    out: list[str] = []
    run: list[str] = []
    for line in lines:
        if line.strip():
            run.append(line)
        elif run:
            out.append(one_line(" ".join(run)))
            run = []
    if run:
        out.append(one_line(" ".join(run)))
    return out


def to_blocks(texts: Iterable[str]) -> list[Block]:
    """Mark bullets and split glued ones; drop what is left empty."""
    blocks: list[Block] = []
    for text in texts:
        is_bullet = bool(_LEADING_MARK.match(text))
        body = _LEADING_MARK.sub("", text, count=1) if is_bullet else text
        head, *glued = _INLINE_MARK.split(body)
        if head.strip():
            blocks.append(Block(head.strip(), Form.BULLET if is_bullet else Form.PARAGRAPH))
        blocks.extend(Block(part.strip(), Form.BULLET) for part in glued if part.strip())
    return blocks
