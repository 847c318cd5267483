"""From lines of text to blocks: paragraphs and bullets.

Shared by the readers: each decides where its paragraphs end, this module
decides which of them are bullets and splits bullets that a scraper glued
together (``included:·Sufficiency ...·Access to ...``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from minutes_qa.corpus.model import Block, Form
from minutes_qa.corpus.text import BULLET_MARKS, one_line, sentences

LONG_WORDS = 180
TARGET_WORDS = 110

_MARK = f"[{re.escape(BULLET_MARKS)}]"
_LEADING_MARK = re.compile(rf"^\s*(?:{_MARK}|[-*](?=\s))\s*")
_INLINE_MARK = re.compile(rf"\s*{_MARK}\s*")
# Where a scraper dropped a paragraph break: "received.RESOLVED that",
# "the following:Suicide Prevention", "were received.2.RESOLVED", "(1)...(2)".
_GLUED = re.compile(
    r"(?:(?<=[a-z%)][.!?:])|(?<=\d\d[.!?:])|(?<=[.!?][”’\"]))(?=[A-Z“‘(][A-Za-z(])"
    # "received.2.RESOLVED", "February 2024.3.Mr", but never an amount's pence
    # ("£1517.05. Funding", "£7,700.50. The").
    r"|(?<=[.:;])(?<![£$€]\d\.)(?<![£$€]\d\d\.)(?<![£$€]\d{3}\.)(?<![£$€]\d{4}\.)"
    r"(?<![£$€]\d{5}\.)(?<!\d,\d{3}\.)(?=\d{1,2}[.)]\s?[A-Z])|(?<=[.:;])(?=\(\d{1,2}\)[A-Z])"
    r"|(?<=[a-z])(?=\d{1,2}\)\s?[A-Z][a-z])"  # "... for this item1) Mr Thomas"
    # "... in January 2024Dr Sullivan requested ..."
    r"|(?<=\b(?:19|20)\d\d)(?=(?:Dr|Mr|Mrs|Ms|Cllr|The|It|RESOLVED)\b)"
)
# A lettered clause glued on: "RESOLVED that the Committee:a.Noted the
# report.b.Discussed ..." → "... Committee:" / "a. Noted the report." / "b. ...".
# Also "... the regulations.d.A Member asked ...".
_GLUED_CLAUSE = re.compile(
    r"(?<=[:;.])\s*(?=(?:[a-h]|i{1,3}|iv|vi{0,3})[.)]\s?(?:[A-Z][a-z]|A\s[A-Za-z]))"
)
# "Motion to Exclude the Press and PublicRESOLVED that ..."
_GLUED_FORMULA = re.compile(r"(?<=[a-z])(?=(?:RESOLVED|AGREED)\b)")
_ABBREVIATION = re.compile(r"(?:\b(?:Mr|Mrs|Ms|Dr|Cllr|St|Co|No|Rev|Prof|Rd|Ave|approx|etc)\.)$")
_GLUED_WORD = re.compile(r"\b(RESOLVED|AGREED)(?=[a-z])")
_NUMBER_GLUED = re.compile(r"^(\(?(?:\d{1,2}|[a-h]|i{1,3}|iv|vi{0,3})[.)])(?=[A-Z])")


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
    """Mark bullets, split glued bullets and paragraphs; drop what is empty.

    A sentence glued to a bullet starts a new paragraph: the scraper lost
    the break between the list and the text after it.
    """
    blocks: list[Block] = []
    for text in texts:
        is_bullet = bool(_LEADING_MARK.match(text))
        body = _LEADING_MARK.sub("", text, count=1) if is_bullet else text
        head, *glued = _INLINE_MARK.split(body)
        pieces = [(head, is_bullet)] + [(part, True) for part in glued]
        for piece, bullet in pieces:
            parts = [short for part in split_glued(piece) for short in split_long(part)]
            for n, part in enumerate(parts):
                blocks.append(Block(part, Form.BULLET if bullet and n == 0 else Form.PARAGRAPH))
    return blocks


def split_long(text: str, limit: int = LONG_WORDS, target: int = TARGET_WORDS) -> list[str]:
    """A "paragraph" of thousands of words is a page whose breaks were lost;
    cut it at sentence ends into pieces of about ``target`` words, so that
    each piece can be embedded whole (the model reads 256 tokens at most)."""
    if len(text.split()) <= limit:
        return [text]
    pieces: list[str] = []
    current: list[str] = []
    for sentence in sentences(text):
        if current and len(" ".join(current + [sentence]).split()) > target:
            pieces.append(" ".join(current))
            current = []
        current.append(sentence)
    if current:
        pieces.append(" ".join(current))
    return pieces


def split_glued(text: str) -> list[str]:
    """Cut a paragraph where a scraper glued two together; mend glued words."""
    text = _GLUED_WORD.sub(r"\1 ", text)
    parts: list[str] = []
    pieces = [
        _NUMBER_GLUED.sub(r"\1 ", p.strip())
        for chunk in _GLUED_FORMULA.split(text)
        for p in _GLUED_CLAUSE.split(chunk)
    ]
    for part in (p for piece in pieces for p in _GLUED.split(piece)):
        part = _NUMBER_GLUED.sub(r"\1 ", part.strip())
        if not part:
            continue
        if parts and _ABBREVIATION.search(parts[-1]):
            parts[-1] += part
        else:
            parts.append(part)
    return parts
