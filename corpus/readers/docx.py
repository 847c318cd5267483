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
from typing import Any

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
_P, _TBL, _T, _BR, _CR = qn("w:p"), qn("w:tbl"), qn("w:t"), qn("w:br"), qn("w:cr")
_SDT, _SDT_CONTENT, _CUSTOM_XML = qn("w:sdt"), qn("w:sdtContent"), qn("w:customXml")
_HYPHEN, _TEXT_BOX = qn("w:noBreakHyphen"), qn("w:txbxContent")
_TEXT = (_T, qn("w:tab"), _BR, _CR, _HYPHEN)
_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
# Text inside these is not the paragraph's own: text boxes are read as
# paragraphs of their own, a drawing's VML fallback repeats its text box,
# and w:tab in paragraph properties defines a tab stop.
_NOT_TEXT = {_TEXT_BOX, _FALLBACK, qn("w:pPr"), qn("w:rPr"), qn("w:del")}


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
    blocks = list(_blocks(content(document.element.body, document._body), numbering))
    return "\n\n".join(block for block in blocks if block.strip())


def _blocks(parts: Iterable[Paragraph | Table], numbering: Numbering) -> Iterator[str]:
    for part in parts:
        if isinstance(part, Paragraph):
            yield paragraph_text(part, numbering)
            # A text box anchored in the paragraph reads after it.
            for box in _text_boxes(part._p):
                yield " ".join(_text(box).split())
        else:
            yield from _table(part, numbering)


def content(element: Any, parent: Any) -> Iterator[Paragraph | Table]:
    """The paragraphs and tables of a body or a cell in order, with those
    inside content controls (``w:sdt``: cover pages, template fields)."""
    for child in element.iterchildren():
        if child.tag == _P:
            yield Paragraph(child, parent)
        elif child.tag == _TBL:
            yield Table(child, parent)
        elif child.tag in (_SDT, _CUSTOM_XML):
            inner = child.find(_SDT_CONTENT) if child.tag == _SDT else child
            if inner is not None:
                yield from content(inner, parent)


def _text(p: Any) -> str:
    """A paragraph's text as Word shows it: runs in links, tracked insertions
    and inline content controls included (python-docx reads direct runs
    only), text boxes and tab-stop definitions left out."""
    parts = []
    for node in p.iter(*_TEXT):
        if _hidden(node, p):
            continue
        if node.tag == _T:
            parts.append(node.text or "")
        elif node.tag == _HYPHEN:
            parts.append("-")
        else:
            parts.append("\n" if node.tag in (_BR, _CR) else " ")
    return "".join(parts)


def _hidden(node: Any, top: Any, tags: set[str] = _NOT_TEXT) -> bool:
    """Is ``node`` inside one of ``tags``, below ``top``?"""
    parent = node.getparent()
    while parent is not None and parent is not top:
        if parent.tag in tags:
            return True
        parent = parent.getparent()
    return False


def _text_boxes(p: Any) -> list[Any]:
    """Paragraphs of the text boxes drawn from ``p``: the drawing's own, not
    its VML fallback copy, nor boxes inside boxes twice."""
    return [
        paragraph
        for box in p.iter(_TEXT_BOX)
        if not _hidden(box, p, {_FALLBACK, _TEXT_BOX})
        for paragraph in box.iterchildren(_P)
    ]


def paragraph_text(paragraph: Paragraph, numbering: Numbering, headings: bool = True) -> str:
    """One paragraph as a block: a heading in bold (unless not ``headings``),
    a list item with its label."""
    text = _text(paragraph._p).strip()
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
                yield from _blocks(content(cell._tc, cell), numbering)
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
    paragraphs = [p for p in content(cell._tc, cell) if isinstance(p, Paragraph)]
    return " ".join(paragraph_text(p, numbering, headings=False) for p in paragraphs)
