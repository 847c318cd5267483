"""Agenda items, bullets and decisions in minutes that carry no markup.

Used for plain text, Markdown, HTML exports and text extracted from PDFs,
once a reader has cut the text into paragraphs. Recognised:

- agenda items: ``1.`` / ``**1.**`` alone on a line followed by a title,
  ``5. Matters arising``, minute numbers ``109/20``, short capitalised or
  bold headings;
- bullets: ``·`` ``•`` ``-`` ``*`` marks, ``(a)``/``a)``/``(iv)`` and
  numbered sub-paragraphs (``5.1``, or ``1.`` restarting inside an item);
- the labels of attendance lists ("MEMBERS PRESENT:") stay text, so that
  the lists are read as one (:func:`corpus.chunk.chunk`).

Decisions written over several lines are joined later, for every reader
alike (:mod:`corpus.motions`).
"""

from __future__ import annotations

import re

from minutes_qa.corpus.attendance import attendance_title
from minutes_qa.corpus.classify import decides
from minutes_qa.corpus.model import AgendaItem, Block, Form
from minutes_qa.corpus.motions import outcome_alone
from minutes_qa.corpus.readers.blocks import to_blocks

_NUMBER_ALONE = re.compile(r"^(\d{1,3}[a-z]?|\d{1,4}/\d{2,4})[.:)]?$")
# "5. Planning", "5 Planning", "109/20 Finance", and "5.0 Planning" (tables).
_NUMBERED = re.compile(r"^(\d{1,3}[a-z]?|\d{1,4}/\d{2,4})(?:\.0\s+|[.:)]\s*|\s+)(?=\S)(.*)$")
_SUB_NUMBERED = re.compile(
    r"^(?:\d{1,3}\.\d{1,2}|\(?[a-z]{1,2}\)|\(?[ivx]{1,5}\)|\(\d{1,2}\)|\(?[A-H]\)\s)\s*"
)
_MARKER_ALONE = re.compile(r"\(?[a-z]{1,2}\)|\([ivx]{1,5}\)|[·•▪●‣∙-]")
_TERMINAL = ".;?!"
MAX_TITLE_WORDS = 16
# A line the markup itself calls a heading (Markdown's "#") starts with this
# mark; its title may be long ("2.9 Contract Award: Tender RFT-2025-087 -
# Bradley Avenue Extension and ... (West Leg)").
HEADING_MARK = "\x1f"
MAX_MARKED_TITLE_WORDS = 40
# Lines that carry nothing to search: rules of underscores or dots, a bare
# "Signed:" or "Date:" of the signature block.
_NOISE = re.compile(r"^[\W_]*$|^(?:signed|dated?|chair(?:man|person)?)\s*:?[\s._]*$", re.I)


def structure(paragraphs: list[str]) -> list[AgendaItem]:
    """Group paragraphs into agenda items of blocks."""
    items: list[AgendaItem] = [AgendaItem(number=None, title=None)]
    pending_number: str | None = None
    texts: list[str] = []
    # Once the markup's headings carry the items' numbers ("## 2.9 Contract
    # Award"), a numbered line of plain text is a point of a list, however
    # far the list counts.
    numbers_in_headings = False

    def flush() -> None:
        items[-1].blocks.extend(_blocks(texts))
        texts.clear()

    for text in _attach_markers(paragraphs):
        marked = text.startswith(HEADING_MARK)
        text = text.lstrip(HEADING_MARK)
        bare = text.strip("*_ ")
        if pending_number is not None:
            pending_number, number = None, pending_number
            if _is_title(text):
                flush()
                items.append(AgendaItem(number=number, title=_clean_title(text)))
                continue
            flush()
            items.append(AgendaItem(number=number, title=None))
        alone = _NUMBER_ALONE.match(bare) if not numbers_in_headings else None
        if alone and _next_item(items, alone.group(1)):
            pending_number = alone.group(1)
            continue
        numbered = _NUMBERED.match(bare) if not (numbers_in_headings or marked) else None
        sub = _SUB_NUMBERED.match(bare) and not re.match(r"\d{1,3}\.0\s", bare)
        if numbered and _next_item(items, numbered.group(1)) and not sub:
            flush()
            rest = numbered.group(2).strip()
            if _is_title(rest):
                items.append(AgendaItem(number=numbered.group(1), title=_clean_title(rest)))
            else:
                items.append(AgendaItem(number=numbered.group(1), title=None))
                texts.append(rest)
            continue
        if (
            _is_heading(text, marked)
            and not attendance_title(bare)
            and not decides(bare)
            and not outcome_alone(bare)
        ):
            # "MEMBERS PRESENT:" in capitals is a list's label, not an item:
            # the lists of who attended are read together as one; a bold
            # "Motion Passed (4 to 0)" or "Motion Failed (1 to 4)" ends a motion.
            flush()
            # "**5. Next agenda**": the number of a heading is the item's, so
            # that a list numbered 1, 2 under it is no run of new items.
            titled = _NUMBERED.match(_clean_title(text))
            numbers_in_headings = numbers_in_headings or (
                marked and bool(titled or _SUB_NUMBERED.match(bare))
            )
            if titled and not _SUB_NUMBERED.match(bare):
                number, title = titled.group(1), titled.group(2).strip()
                items.append(AgendaItem(number=number, title=_clean_title(title)))
            else:
                items.append(AgendaItem(number=None, title=_clean_title(text)))
            continue
        texts.append(text)
    flush()
    if pending_number is not None:
        items.append(AgendaItem(number=pending_number, title=None))
    return [item for item in items if item.blocks or item.title]


def _attach_markers(paragraphs: list[str]) -> list[str]:
    """A marker alone ("(a)", "•") belongs to the paragraph after it."""
    out: list[str] = []
    marker = ""
    for text in paragraphs:
        bare = text.strip("*_ ")
        if _MARKER_ALONE.fullmatch(bare):
            marker = f"{marker} {bare}".strip()
            continue
        out.append(f"{marker} {text}" if marker else text)
        marker = ""
    return out


def _next_item(items: list[AgendaItem], number: str) -> bool:
    """Is ``number`` the next agenda item, rather than a numbered point
    inside the current one? Item numbers go up; lists inside items restart."""
    previous = next((i.number for i in reversed(items) if i.number), None)
    if "/" in number:
        return True
    value = int(re.sub(r"\D", "", number) or 0)
    if previous is None:
        return value <= 3
    if "/" in previous:
        return False
    previous_value = int(re.sub(r"\D", "", previous) or 0)
    return previous_value < value <= previous_value + 3 or (
        number[-1].isalpha() and value == previous_value
    )


def _is_title(text: str) -> bool:
    words = text.split()
    return 0 < len(words) <= MAX_TITLE_WORDS and text.rstrip("*")[-1:] not in _TERMINAL


def _is_heading(text: str, marked: bool = False) -> bool:
    """A short line in bold or in capitals, on its own, or a line the markup
    calls a heading (``marked``): a heading."""
    if marked:
        # "## 2. No Declarations of Interest made." is a point, not a title.
        words = len(text.split())
        sentence = text.rstrip("*_ ")[-1:] in _TERMINAL and words > 4
        return 0 < words <= MAX_MARKED_TITLE_WORDS and len(text.strip("*_ ")) >= 2 and not sentence
    if not _is_title(text) or len(text) < 4:
        return False
    bare = text.strip("*_ #")
    bold = text.startswith("**") and text.endswith("**")
    letters = [c for c in bare if c.isalpha()]
    shouting = len(letters) >= 4 and all(c.isupper() for c in letters)
    return bold or shouting or text.startswith("#")


def _clean_title(text: str) -> str:
    return " ".join(text.replace("**", " ").strip(" #*_:").split())


def _blocks(texts: list[str]) -> list[Block]:
    blocks: list[Block] = []
    for block in to_blocks(texts):
        if block.form is Form.PARAGRAPH and _SUB_NUMBERED.match(block.text):
            block = Block(block.text, Form.BULLET)
        blocks.append(Block(block.text.replace("**", ""), block.form))
    return [b for b in blocks if not _NOISE.match(b.text)]
