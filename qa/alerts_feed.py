"""The Atom feed of a saved search (RFC 4287): its newest passages found,
each with a stable id, a title, its citation and a link to its permalink
page. Built with ElementTree, which escapes every text."""

from __future__ import annotations

import uuid
import xml.etree.ElementTree as ET
from urllib.parse import urlencode

from minutes_qa.qa.alerts import AlertEntry, SavedSearch

ATOM = "http://www.w3.org/2005/Atom"
MEDIA_TYPE = "application/atom+xml"
TITLE_CHARS = 100

ET.register_namespace("", ATOM)


def atom_feed(search: SavedSearch, entries: list[AlertEntry], base_url: str) -> bytes:
    """The feed document; ``entries`` newest first."""
    base = base_url.rstrip("/")
    feed = ET.Element(f"{{{ATOM}}}feed")
    _text(feed, "id", uuid.uuid5(uuid.NAMESPACE_URL, f"minutes-qa:{search.uid}").urn)
    _text(feed, "title", f"Minutes: {search.question}")
    _text(feed, "subtitle", f"New passages in the minutes for {search.describe()}")
    _text(feed, "updated", entries[0].found_at if entries else search.created_at)
    _text(ET.SubElement(feed, f"{{{ATOM}}}author"), "name", "minutes-qa")
    _link(feed, base + search.feed_path(), "self", MEDIA_TYPE)
    _link(feed, f"{base}/?{urlencode(_search_params(search))}", "alternate", "text/html")
    for entry in entries:
        item = ET.SubElement(feed, f"{{{ATOM}}}entry")
        _text(item, "id", entry.urn)
        _text(item, "title", _shorten(entry.text))
        _text(item, "updated", entry.found_at)
        _link(item, entry.permalink(base), "alternate", "text/html")
        ET.SubElement(item, f"{{{ATOM}}}category", term=entry.kind)
        _text(item, "summary", entry.citation.line())
        _text(item, "content", f"{entry.text}\n\n— {entry.citation.line()}").set("type", "text")
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True)


def _search_params(search: SavedSearch) -> list[tuple[str, str]]:
    """The search page's address for the same search (its ``?q=`` form)."""
    f = search.filters
    params = [("q", search.question)]
    params += [(name, value) for name in ("council", "committee", "since", "until")
               if (value := getattr(f, name))]  # fmt: skip
    return params + [("kind", kind) for kind in f.kinds]


def _text(parent: ET.Element, name: str, text: str) -> ET.Element:
    child = ET.SubElement(parent, f"{{{ATOM}}}{name}")
    child.text = text
    return child


def _link(parent: ET.Element, href: str, rel: str, kind: str) -> None:
    ET.SubElement(parent, f"{{{ATOM}}}link", href=href, rel=rel, type=kind)


def _shorten(text: str) -> str:
    if len(text) <= TITLE_CHARS:
        return text
    return text[: TITLE_CHARS - 1].rsplit(" ", 1)[0] + "…"
