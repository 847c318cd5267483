"""Plain text and Markdown minutes: paragraphs separated by blank lines."""

from __future__ import annotations

from corpus.model import AgendaItem
from corpus.readers.base import Parsed
from corpus.readers.blocks import paragraphs, to_blocks


def read_plain(text: str) -> Parsed:
    blocks = to_blocks(paragraphs(text.split("\n")))
    return Parsed(items=[AgendaItem(number=None, title=None, blocks=blocks)] if blocks else [])
