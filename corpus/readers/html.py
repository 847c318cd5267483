"""HTML pages and exports → text with the page's paragraphs and list items.

The HTML is parsed by lxml (libxml2's HTML parser), so valid HTML that
leaves out optional end tags (``<td>``, ``<tr>``, ``<p>``, ``<li>``) reads
as a browser would show it. Block elements end paragraphs, list items
become ``•`` bullets, table rows become one line each with their cells
separated by `` | `` (tables kept as text), unless a cell holds paragraphs
of its own (a page laid out with a table), when each cell's paragraphs stay
paragraphs. Bold text outside tables is marked ``**``. Entities such as
``&nbsp;`` are decoded. Scripts, styles and page furniture (navigation,
header, footer) are dropped.

:func:`html_to_text` reads any HTML, a fragment or a whole page;
:func:`parse_html` and :func:`render` are the two halves, for readers that
look at the page's elements first (:mod:`corpus.readers.page`).
"""

from __future__ import annotations

import re
from collections.abc import Callable

import lxml.html
from lxml import etree
from lxml.html import HtmlElement

__all__ = ["HtmlElement", "html_to_text", "looks_like_html", "parse_html", "render", "tidy"]

_BLOCKS = frozenset(
    {
        "p", "div", "section", "article", "h1", "h2", "h3", "h4", "h5", "h6", "table",
        "ul", "ol", "blockquote", "pre", "dl", "dt", "dd", "main", "form", "hr", "header",
        "footer", "aside", "figure", "figcaption", "caption", "address", "details", "summary",
        "fieldset", "center", "tbody", "thead", "tfoot",
    }
)  # fmt: skip
_ROW_NUMBER = re.compile(r"\d{1,3}(?:\.\d{1,2})?\.?|\d{1,4}/\d{2,4}|\(?[a-z]\)")
# Never text: code, styling, controls, pictures.
SKIP = frozenset(
    {
        "script", "style", "noscript", "template", "head", "svg", "select", "button",
        "input", "textarea", "option", "iframe", "object", "embed", "canvas", "map",
        "title", "meta", "link",
    }
)  # fmt: skip
# Page furniture that :func:`html_to_text` drops wherever it is.
FURNITURE_TAGS = frozenset({"nav", "header", "footer"})
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*>", re.IGNORECASE)
_BOLD = frozenset({"b", "strong"})


def parse_html(html: str) -> HtmlElement | None:
    """The page as a tree (``<html>`` at its root), or None when it holds
    nothing at all."""
    html = _XML_DECLARATION.sub("", html, count=1)
    if not html.strip():
        return None
    parser = lxml.html.HTMLParser(remove_comments=True, remove_pis=True)
    try:
        return lxml.html.document_fromstring(html, parser=parser)
    except (etree.ParserError, ValueError):
        return None


def render(element: HtmlElement, skip: Callable[[HtmlElement], bool] | None = None) -> str:
    """The text of ``element`` and all below it, laid out as paragraphs.

    ``skip`` may name more elements to leave out (with all they hold)."""
    out: list[str] = []
    _Renderer(skip).element(element, out, in_cell=False)
    return tidy("".join(out))


def tidy(text: str) -> str:
    """Runs of spaces folded, bold markers around nothing dropped, at most
    one blank line between paragraphs."""
    text = text.replace("****", "")
    lines = [" ".join(line.split()) for line in text.split("\n")]
    text = "\n".join(line if line.strip("* ") else "" for line in lines)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


class _Renderer:
    def __init__(self, skip: Callable[[HtmlElement], bool] | None) -> None:
        self.skip = skip

    def element(self, el: HtmlElement, out: list[str], in_cell: bool) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        tag = tag.lower()
        if not tag or tag in SKIP or (self.skip is not None and self.skip(el)):
            return
        if tag == "br":
            out.append("\n")
            return
        if tag == "tr":
            out.append(self.row(el))
            return
        bold = tag in _BOLD and not in_cell
        if tag == "li":
            out.append("\n\n• ")
        elif tag in _BLOCKS:
            out.append("\n\n")
        if bold:
            out.append("**")
        if el.text:
            out.append(el.text)
        for child in el:
            self.element(child, out, in_cell)
            if child.tail:
                out.append(child.tail)
        if bold:
            out.append("**")
        if tag in _BLOCKS or tag == "li":
            out.append("\n\n")

    def row(self, tr: HtmlElement) -> str:
        cells: list[str] = []
        for cell in tr:
            if not isinstance(cell.tag, str) or cell.tag.lower() not in ("td", "th"):
                continue
            if self.skip is not None and self.skip(cell):
                continue
            buffer: list[str] = []
            if cell.text:
                buffer.append(cell.text)
            for child in cell:
                self.element(child, buffer, in_cell=True)
                if child.tail:
                    buffer.append(child.tail)
            cells.append(tidy("".join(buffer)))
        # A cell of several paragraphs: the table lays out a page.
        if any("\n\n" in cell for cell in cells):
            return "\n\n" + "\n\n".join(c for c in cells if c) + "\n\n"
        flat = [" ".join(c.replace("**", " ").split()) for c in cells]
        flat = [c for c in flat if c.strip("* ")]
        if not flat:
            return "\n\n"
        # A leading number cell ("5.", "1.0") numbers the row.
        if len(flat) > 1 and _ROW_NUMBER.fullmatch(flat[0].strip("* ")):
            flat[:2] = [f"{flat[0].strip('* ')} {flat[1]}"]
        return "\n\n" + " | ".join(flat) + "\n\n"


def _is_furniture_tag(el: HtmlElement) -> bool:
    return isinstance(el.tag, str) and el.tag.lower() in FURNITURE_TAGS


def html_to_text(html: str) -> str:
    """Any HTML, a fragment or a whole page, as text (navigation, header and
    footer elements left out)."""
    root = parse_html(html)
    if root is None:
        return ""
    return render(root, _is_furniture_tag)


def looks_like_html(text: str) -> bool:
    head = text[:2000].lower()
    return "<html" in head or "<!doctype html" in head or "<body" in head
