"""Word ``.docx`` files, through python-docx, as the text the Markdown reader reads.

The body is read in order, paragraphs and tables alike:

- a paragraph in a Heading or Title style, or one whose text is all bold and
  short, is a heading (``**5. Planning**``), and so an item title;
- a list paragraph (Word numbering, directly or through a List style) keeps
  the label Word draws for it, which is not in the text: ``•`` for bullets,
  ``1.`` / ``5.1`` / ``a)`` for numbers, so agenda items numbered by Word
  keep their numbers and numbered points become bullets;
- a table row is one line with ``|`` between its cells and a leading number
  cell joined to the next, as the HTML reader does; a row whose cells hold
  paragraphs of their own (a page laid out with a table) gives each
  paragraph separately.

Running headers and footers live outside the body in Word and are not read.
An old binary Word file (``.doc``) cannot be read: :data:`OLD_WORD` says why.
"""

from __future__ import annotations

import io
import logging
import re
import zipfile
from collections.abc import Iterable, Iterator

from docx import Document as open_docx
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from minutes_qa.corpus.errors import ReadError
from minutes_qa.corpus.readers.numbering import Numbering

log = logging.getLogger(__name__)

OLD_WORD = "an old binary Word document (.doc), which cannot be read: save it as .docx or PDF"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# A leading cell that numbers its row: "5.", "1.0", "109/20", "(a)".
_ROW_NUMBER = re.compile(r"\d{1,3}(?:\.\d{1,2})?\.?|\d{1,4}/\d{2,4}|\(?[a-z]\)")
MAX_HEADING_WORDS = 16


def docx_to_text(data: bytes) -> str:
    """The document's body as Markdown-shaped text, one paragraph per block."""
    if data.startswith(_OLE_MAGIC):
        # Password-protected .docx files are OLE containers too.
        raise ReadError(f"{OLD_WORD} (or a password-protected .docx: save an unprotected copy)")
    if not data.startswith(b"PK"):
        raise ReadError("not a Word .docx file (not a zip package)")
    try:
        document = open_docx(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise ReadError(f"not a readable Word .docx file ({exc})") from None
    numbering = Numbering.of(document)
    blocks = list(_blocks(document.iter_inner_content(), numbering))
    return "\n\n".join(block for block in blocks if block.strip())


def _blocks(content: Iterable[Paragraph | Table], numbering: Numbering) -> Iterator[str]:
    for part in content:
        if isinstance(part, Paragraph):
            yield paragraph_text(part, numbering)
        else:
            yield from _table(part, numbering)


def paragraph_text(paragraph: Paragraph, numbering: Numbering, headings: bool = True) -> str:
    """One paragraph as a block: a heading in bold (unless not ``headings``),
    a list item with its label."""
    text = paragraph.text.replace("\t", " ").strip()
    if not text:
        return ""
    label = numbering.label(paragraph)
    if label == "•":
        return f"• {text}"
    labelled = f"{label} {text}" if label else text
    if headings and _is_heading(paragraph, text):
        return f"**{' '.join(labelled.split())}**"
    return labelled


def _is_heading(paragraph: Paragraph, text: str) -> bool:
    style = (paragraph.style.name or "") if paragraph.style is not None else ""
    if style.startswith(("Heading", "Title")):
        return True
    return len(text.split()) <= MAX_HEADING_WORDS and _all_bold(paragraph)


def _all_bold(paragraph: Paragraph) -> bool:
    """Every run with text is bold, set on the run, its style or the paragraph's."""
    runs = [run for run in paragraph.runs if run.text.strip()]
    if not runs:
        return False
    style_bold = _style_bold(paragraph.style)
    for run in runs:
        bold = run.bold
        if bold is None and run.style is not None:
            bold = run.style.font.bold
        if not (bold if bold is not None else style_bold):
            return False
    return True


def _style_bold(style: object) -> bool:
    while style is not None:
        bold = getattr(getattr(style, "font", None), "bold", None)
        if bold is not None:
            return bool(bold)
        style = getattr(style, "base_style", None)
    return False


def _table(table: Table, numbering: Numbering) -> Iterator[str]:
    for row in table.rows:
        cells = _distinct(row.cells)
        if any(_is_layout(cell) for cell in cells):
            # A table that lays out the page: its cells are the page's text.
            for cell in cells:
                yield from _blocks(cell.iter_inner_content(), numbering)
            continue
        texts = [" ".join(_cell_text(cell, numbering).split()) for cell in cells]
        texts = [text for text in texts if text.strip("* ")]
        if not texts:
            continue
        if len(texts) > 1 and _ROW_NUMBER.fullmatch(texts[0].strip("* ")):
            texts[:2] = [f"{texts[0].strip('* ')} {texts[1]}"]
        yield " | ".join(texts)


def _distinct(cells: list[_Cell]) -> list[_Cell]:
    """A merged cell is listed once per grid column it spans; keep it once."""
    seen: set[int] = set()
    out = []
    for cell in cells:
        if id(cell._tc) not in seen:
            seen.add(id(cell._tc))
            out.append(cell)
    return out


def _is_layout(cell: _Cell) -> bool:
    filled = [p for p in cell.paragraphs if p.text.strip()]
    return len(filled) > 1 or bool(cell._tc.findall(qn("w:tbl")))


def _cell_text(cell: _Cell, numbering: Numbering) -> str:
    return " ".join(paragraph_text(p, numbering, headings=False) for p in cell.paragraphs)
