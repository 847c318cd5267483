"""HTML pages and exports → text with the page's paragraphs and list items.

Block elements end paragraphs, list items become ``•`` bullets, table rows
become one line each with their cells separated by `` | `` (tables kept as
text), unless a cell holds paragraphs of its own (a page laid out with a
table), when each cell's paragraphs stay paragraphs. Entities such as
``&nbsp;`` are decoded. Scripts, styles and page furniture (navigation,
header, footer) are dropped.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

_BLOCKS = {
    "p",
    "div",
    "section",
    "article",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "table",
    "ul",
    "ol",
    "blockquote",
    "pre",
    "dl",
    "dt",
    "dd",
    "main",
    "form",
    "hr",
}
_ROW_NUMBER = re.compile(r"\d{1,3}(?:\.\d{1,2})?\.?|\d{1,4}/\d{2,4}|\(?[a-z]\)")
_SKIP = {
    "script",
    "style",
    "noscript",
    "template",
    "nav",
    "header",
    "footer",
    "head",
    "svg",
    "select",
    "button",
}


class _TextExtractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.skipping = 0
        self.cells: list[str] | None = None
        self.row_has_blocks = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP:
            self.skipping += 1
        elif self.skipping:
            return
        elif tag == "tr":
            self.cells = []
            self.row_has_blocks = False
        elif tag in ("td", "th") and self.cells is not None:
            self.cells.append("")
        elif tag == "li":
            self._block("\n\n• ")
        elif tag == "br":
            self._write("\n")
        elif tag in _BLOCKS:
            self._block("\n\n")
        elif tag in ("b", "strong") and self.cells is None:
            self._write("**")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self.skipping = max(0, self.skipping - 1)
        elif self.skipping:
            return
        elif tag == "tr" and self.cells is not None:
            if self.row_has_blocks:
                self.out.append("\n\n" + "\n\n".join(self.cells) + "\n\n")
                self.cells = None
                return
            cells = [" ".join(c.split()) for c in self.cells if " ".join(c.split()).strip("* ")]
            self.cells = None
            if cells:
                # A leading number cell ("5.", "1.0") numbers the row.
                if len(cells) > 1 and _ROW_NUMBER.fullmatch(cells[0].strip("* ")):
                    cells[:2] = [f"{cells[0].strip('* ')} {cells[1]}"]
                self.out.append("\n\n" + " | ".join(cells) + "\n\n")
        elif tag in _BLOCKS or tag == "li":
            self._block("\n\n", opening=False)
        elif tag in ("b", "strong") and self.cells is None:
            self._write("**")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self._write(data)

    def _block(self, text: str, opening: bool = True) -> None:
        # A second paragraph in one cell: the table lays out a page.
        if opening and self.cells is not None and self.cells and self.cells[-1].strip():
            self.row_has_blocks = True
        self._write(text)

    def _write(self, text: str) -> None:
        if self.cells is None:
            self.out.append(text)
        elif self.cells:
            self.cells[-1] += text


def html_to_text(html: str) -> str:
    parser = _TextExtractor()
    parser.feed(html)
    parser.close()
    text = "".join(parser.out).replace("****", "")
    # Bold markers around nothing but spaces say nothing.
    lines = [" ".join(line.split()) for line in text.split("\n")]
    text = "\n".join(line if line.strip("* ") else "" for line in lines)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def looks_like_html(text: str) -> bool:
    head = text[:2000].lower()
    return "<html" in head or "<!doctype html" in head or "<body" in head
