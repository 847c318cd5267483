"""A whole saved web page → the minutes on it.

A council's page carries its site around the minutes: navigation, cookie
banners, search boxes, breadcrumbs, sidebars, share buttons, footers,
"Download as pdf or txt". :func:`read_page` finds the page's main content
(``role="main"``, ``<main>``, or the known content container of each
publishing system: ModernGov's ``#modgov``, eSCRIBE's agenda, WordPress's
``.entry-content``, a Word export's ``WordSection1``), drops what is
furniture by its element, role, id or class, and leaves out lines that are
furniture whatever their markup ("Skip to content", "Page 1 of 16", a lone
letter, "Additional documents:", a file's size).

Pages of a known system are then read by that system's reader, which
returns the items and the meeting details the page states
(:mod:`corpus.readers.moderngov_html`, :mod:`corpus.readers.escribe`,
:mod:`corpus.readers.legistar`); any other page is returned as text for the
plain-text readers.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from minutes_qa.corpus.model import MeetingInfo
from minutes_qa.corpus.readers.base import Parsed
from minutes_qa.corpus.readers.html import HtmlElement, parse_html, render

# Containers that hold the content on the systems councils publish with, most
# specific first. Each is an XPath; the first that holds text wins.
_CONTAINERS = [
    # ModernGov
    "//*[@id='modgov']",
    "//*[contains(concat(' ', normalize-space(@class), ' '), ' mgContent ')]",
    # eSCRIBE minutes and item pages
    "//*[contains(concat(' ', normalize-space(@class), ' '), ' AgendaItemView ')]",
    # CMIS (DotNetNuke) content pane
    "//*[contains(@id, 'ContentPane')]",
    # ARIA and HTML5
    "//*[@role='main']",
    "//main",
    "//*[@id='main-content' or @id='maincontent' or @id='content-main' or @id='main']",
    # WordPress and other blogs: the post
    "//article",
    "//*[contains(concat(' ', normalize-space(@class), ' '), ' entry-content ')]",
    "//*[@id='content' or @id='page-content' or @id='primary']",
]
# id and class words that mark furniture wherever they appear.
_FURNITURE_WORDS = {
    "nav", "navbar", "navigation", "menu", "menubar", "submenu", "breadcrumb", "breadcrumbs",
    "crumbs", "crumb", "cookie", "cookies", "consent", "gdpr", "sidebar", "widget", "widgets",
    "share", "sharing", "sharedaddy", "social", "skip", "skiplink", "login", "signin",
    "toolbar", "pagination", "pager", "comments", "comment", "respond", "related",
    "masthead", "footer", "copyright", "byline", "searchform", "search", "feedback",
    "banner", "translate", "printlink", "print", "addthis", "subscribe", "newsletter",
    "alert", "popup", "modal", "advert", "advertisement", "ads", "sitename", "logo",
    "strap", "tagline", "mglinks", "mgactionlist", "mgfilesize", "mgfooter", "mgbanner",
    "portalheader", "portalfooter", "attachmentlist", "attachments", "postmeta", "entrymeta",
    "postnavigation", "posted", "published", "publisheddate", "lastupdated", "updated",
    "tags", "categories", "category", "back", "backtotop", "socialicons", "rss",
}  # fmt: skip
# Two-word furniture: "site-header", "post-meta", "entry-footer"...
_FURNITURE_PAIRS = re.compile(
    r"\b(?:site|global|portal|top|main)[-_ ]?(?:header|head|title|description|branding|brand"
    r"|name)\b|\b(?:post|entry|article)[-_ ]?(?:meta|footer|date|author|tags|categories"
    r"|navigation|nav|share)\b|\bwp[-_]block[-_](?:navigation|search|social)",
    re.IGNORECASE,
)
# A Word export's running header and footer ("Infrastructure Committee 13 March
# 2025", "This is Page 1 of the Minutes of ..."): furniture, except where the
# letterhead opens the document.
_RUNNING = re.compile(r"^Mso(?:Header|Footer)$", re.IGNORECASE)
_FURNITURE_ROLES = {
    "navigation", "banner", "contentinfo", "search", "complementary", "dialog", "alertdialog",
    "menu", "menubar", "toolbar", "alert",
}  # fmt: skip
_WORD_SPLIT = re.compile(r"[-_\s]+|(?<=[a-z])(?=[A-Z])")
# Lines that are furniture whatever their markup.
_JUNK_LINE = re.compile(
    r"^(?:skip to (?:main )?(?:content|navigation)|back to (?:top|the top|list|results)"
    r"|download(?: as)?(?: (?:a )?(?:pdf|txt|word|docx?|rtf|html))*(?: (?:or|and) (?:pdf|txt|word|"
    r"docx?|rtf))?(?: file)?|print(?: this page)?|share(?: this(?: page)?)?|email this page"
    r"|tweet|follow us.*|like us on facebook|accept(?: all)?(?: cookies)?|reject(?: all)?"
    r"|cookie settings|close|menu|search|search this site|sign in|log ?in|home"
    r"|page \d+(?: of \d+)?|\d+ of \d+|additional documents\s*:?|supporting documents\s*:?"
    r"|accompanying documents\s*:?|attachments\s*:?|background papers\s*:?|media|items"
    r"|no\.?\s*item|view directions|link to webcast|webcast|view the (?:webcast|video)"
    r"|powered by .{1,40}|comments are closed\.?|leave a (?:reply|comment)|read more"
    r"|previous(?: post)?|next(?: post)?|posted in .{1,60}|tagged .{1,60}"
    r"|(?:page )?last (?:reviewed|updated|modified)\s*:?.{0,40}|published\s*:?.{0,40}"
    r"|posted on\s*:?.{0,40}|this page was last.{0,60}|©.{0,120}|copyright .{0,120}"
    r"|(?:pdf icon\s*)?(?:pdf|docx?|xlsx?|rtf)\s+\d+(?:\.\d+)?\s*[kmg]b|open in new window"
    r"|to improve accessibility,? (?:individual )?documents published after .{0,120})$",
    re.IGNORECASE,
)
# A link to a document with its size: "Minutes 18 March 2021 pdf icon PDF 144 KB".
_FILE_LINE = re.compile(
    r"^.{0,160}\b(?:pdf icon\s*)?(?:PDF|DOCX?|XLSX?|RTF|HTML?)\s+\d+(?:\.\d+)?\s*[KMG]B$",
    re.IGNORECASE,
)
_MARKER = re.compile(r"\(?[a-z]{1,2}\)|[ivx]{1,4}[.)]|[a-z][.]|[•·▪◦●‣∙-]|no|yes|nil", re.I)
_FILE_NAME = re.compile(r"^(?:[\w .,()&'-]{1,80}\.(?:pdf|docx?|xlsx?|pptx?|rtf)\s*)+$", re.I)


@dataclass(slots=True)
class Page:
    """What a web page holds: ``text``, the minutes as text, and, when a
    system's reader understood the page, ``parsed`` and its ``format``.
    ``site`` is what the site around the minutes says about them (the
    council a page title or site name names): trusted below the minutes'
    own heading."""

    text: str
    parsed: Parsed | None = None
    format: str | None = None
    title: str | None = None
    site: MeetingInfo = field(default_factory=MeetingInfo)


def read_page(html: str) -> Page:
    """The minutes on a saved page, read by its system's reader when the
    page is of a known system."""
    # Imported here: the system readers use this module's helpers.
    from minutes_qa.corpus.readers import escribe, legistar, moderngov_html

    root = parse_html(html)
    if root is None:
        return Page(text="")
    title = page_title(root)
    # Read before any reader takes the site's furniture away.
    site = site_council(root, title)
    for reader in (moderngov_html.read_html, escribe.read_html, legistar.read_html):
        result = reader(root, title)
        if result is not None:
            result.site = site
            return result
    container = main_content(root)
    drop_furniture(container)
    join_motion_boxes(container)
    mark_headings(container)
    return Page(text=clean_lines(render(container)), title=title, site=site)


def site_council(root: HtmlElement, title: str | None) -> MeetingInfo:
    """The council whose site this is, as its page title or site name says
    ("... - Ashby Fold Parish Council"); nothing when neither names one."""
    from minutes_qa.corpus.readers.moderngov_meeting import council_from_title

    council = council_from_title(title)
    source = "page title"
    if not council:
        names = root.xpath(
            "//meta[@property='og:site_name']/@content"
            "|//*[contains(@class, 'site-title') or contains(@class, 'site-name')"
            " or contains(@class, 'siteName') or contains(@class, 'OrganizationName')"
            " or contains(@class, 'logotype') or contains(@class, 'sitename')]"
        )
        for name in names[:4]:
            text = name if isinstance(name, str) else text_of(name)
            council = council_from_title(" ".join(text.split()))
            if council:
                source = "site name"
                break
    if not council:
        # "© Ashworth Borough Council 2025" at the foot of every page.
        for footer in root.xpath("//footer|//*[@id='footer' or contains(@class, 'footer')]")[:3]:
            mark = re.search(r"(?:©|\bcopyright\b)\s*(?:\d{4}\s*)?([^©|\n]{3,80})", text_of(footer))
            council = council_from_title(mark.group(1)) if mark else None
            if council:
                source = "site footer"
                break
    if not council:
        return MeetingInfo()
    return MeetingInfo(council=council, council_source=source)


def page_title(root: HtmlElement) -> str | None:
    title = root.find(".//title")
    text = " ".join(title.text_content().split()) if title is not None else ""
    return text or None


def main_content(root: HtmlElement) -> HtmlElement:
    """The element that holds the page's content: the first known container
    with text in it, else ``<body>``."""
    body = root.find("body")
    body = body if body is not None else root
    total = len(text_of(body))
    for path in _CONTAINERS:
        for candidate in root.xpath(path):
            size = len(text_of(candidate))
            # A container that holds a sliver of the page is a widget's.
            if size >= 40 or (total and size >= 0.5 * total):
                return candidate
    return body


def text_of(element: HtmlElement) -> str:
    return " ".join(element.text_content().split())


def classes(element: HtmlElement) -> list[str]:
    return (element.get("class") or "").split()


def has_class(element: HtmlElement, *names: str) -> bool:
    own = {c.lower() for c in classes(element)}
    return any(name.lower() in own for name in names)


def find_class(root: HtmlElement, name: str) -> list[HtmlElement]:
    """Elements below ``root`` (and root itself) with class ``name``."""
    path = f"descendant-or-self::*[contains(concat(' ', normalize-space(@class), ' '), ' {name} ')]"
    return list(root.xpath(path))


def is_furniture(element: HtmlElement) -> bool:
    """Navigation, banners, search, sharing, footers: by element, role, id or class."""
    tag = element.tag.lower() if isinstance(element.tag, str) else ""
    if tag in ("nav", "aside", "footer"):
        return True
    if element.get("aria-hidden") == "true" or element.get("hidden") is not None:
        return True
    role = (element.get("role") or "").lower()
    if role in _FURNITURE_ROLES:
        return True
    names = " ".join([element.get("id") or "", *classes(element)])
    if not names.strip():
        return False
    if _FURNITURE_PAIRS.search(names):
        return True
    words = {w.lower() for w in _WORD_SPLIT.split(names) if w}
    whole = {n.lower().replace("-", "").replace("_", "") for n in names.split()}
    return bool((words | whole) & _FURNITURE_WORDS) and not _is_content_name(names)


def _is_content_name(names: str) -> bool:
    """Classes of content that contain a furniture word: "AgendaItemMotion",
    "entry-content", "mgAiTitleTxt", "MinutesHeader"."""
    return bool(
        re.search(
            r"\b(?:entry-content|post-content|content|AgendaItem\w*|Motion\w*|Minutes\w*"
            r"|mgAi\w*|mgItem\w*|mgWordPara|WordSection\d*|Agenda(?:Header|Items))\b",
            names,
        )
    )


def drop_furniture(container: HtmlElement) -> None:
    """Take furniture out of ``container`` (in place): its own site header
    (a ``<header>`` that is not an article's; of an article's, all but its
    title), and every element that :func:`is_furniture`, unless it holds
    most of the text."""
    total = len(text_of(container)) or 1
    doomed: list[HtmlElement] = []
    seen_text = False
    for element in container.iterdescendants():
        if not isinstance(element.tag, str):
            continue
        if any(_RUNNING.match(c) for c in classes(element)):
            if seen_text or re.search(r"\bpage\s+\d", text_of(element), re.IGNORECASE):
                doomed.append(element)
            continue
        if element.tag in ("p", "h1", "h2", "h3", "li", "td") and text_of(element):
            seen_text = True
        if element.tag == "header" and not is_furniture(element):
            if _is_content_name(" ".join(classes(element))):
                continue
            if any(a.tag in ("article", "main") for a in element.iterancestors()):
                doomed += [c for c in element if c.tag not in ("h1", "h2", "h3")]
                continue
            doomed.append(element)
        elif is_furniture(element) or _link_list(element):
            if len(text_of(element)) < 0.5 * total:
                doomed.append(element)
    for element in doomed:
        if element.getparent() is not None:
            element.drop_tree()


_INLINE = frozenset({"a", "span", "img", "b", "i", "strong", "em", "small", "br", "u", "font"})


def _link_list(element: HtmlElement) -> bool:
    """A list or table of nothing but links: a menu. A block that is one short
    link ("Back to minutes", "Download as pdf or txt") is one too."""
    tag = element.tag
    if _is_content_name(" ".join(classes(element))):
        return False
    if tag in ("ul", "ol", "table"):
        entries = [e for e in element.iter("li", "td") if text_of(e)]
        return len(entries) >= 2 and all(_all_link(e) for e in entries)
    if tag in ("p", "div", "span", "li") and all(c.tag in _INLINE for c in element):
        text = text_of(element)
        return 0 < len(text.split()) <= 6 and _all_link(element) and not _numbered(text)
    return False


def _all_link(element: HtmlElement) -> bool:
    text = text_of(element)
    linked = " ".join(" ".join(a.text_content().split()) for a in element.iter("a"))
    return bool(text) and len(linked) >= len(text) - 2


def _numbered(text: str) -> bool:
    return bool(re.match(r"^\(?\d{1,3}[./)]", text))


_MOTION_WORDS = re.compile(r"\b(?:moved|seconded|proposed)\b", re.IGNORECASE)
_MOTION_END = re.compile(
    r"\b(?:carried|lost|defeated|resolved|resolution|agreed|motion\s+(?:passed|failed))\b",
    re.IGNORECASE,
)


def join_motion_boxes(container: HtmlElement) -> None:
    """A motion set in a box of its own (a Word export's table cell, a
    ``Resolution`` or ``Motion`` block): its lines ("RESOLUTION 2025/41",
    "Moved: Cr A", "Seconded: Cr B", "That ...", "CARRIED") made one paragraph."""
    boxes = [el for el in container.iter("td", "div") if _motion_box(el)]
    for box in boxes:
        text = " ".join(
            p.strip() for p in render(box).replace("**", " ").split("\n\n") if p.strip()
        )
        for child in list(box):
            box.remove(child)
        box.text = None
        paragraph = box.makeelement("p", {})
        paragraph.text = text
        box.append(paragraph)


def _motion_box(element: HtmlElement) -> bool:
    """A table cell alone in its row, or a block classed as a motion or
    resolution, that holds one motion: its opening words name it, its lines
    are few."""
    if len(element) < 2:
        return False
    if element.tag == "td":
        row = element.getparent()
        if row is None or len([c for c in row if c.tag in ("td", "th")]) != 1:
            return False
    elif not re.search(r"motion|resolution|recommendation", element.get("class") or "", re.I):
        return False
    if element.xpath(".//td|.//table|.//div[.//p]"):
        return False
    words = text_of(element).split()
    opening = " ".join(words[:14])
    return (
        len(words) <= 200
        and bool(_MOTION_WORDS.search(text_of(element)))
        and bool(_MOTION_END.search(opening) or _MOTION_WORDS.search(opening))
    )


def mark_headings(container: HtmlElement) -> None:
    """Headings (``<h1>``–``<h6>``, a Word export's ``Heading1`` and title
    styles) written in bold, so that the structure finder sees them."""
    for element in container.iter("h1", "h2", "h3", "h4", "h5", "h6", "p"):
        heading = element.tag != "p" or any(
            re.fullmatch(r"(?:Mso)?(?:Heading\d|Title|Subtitle)\w*", c) for c in classes(element)
        )
        if heading and text_of(element) and len(text_of(element).split()) <= 16:
            element.tag = "h6" if element.tag == "p" else element.tag
            bold = element.makeelement("b", {})
            bold.text, element.text = element.text, None
            for child in list(element):
                bold.append(child)
            element.append(bold)


def is_junk_line(line: str) -> bool:
    """A line of page furniture: a menu word, a page count, a file's size, a
    lone letter, a rule."""
    bare = line.strip().strip("*").strip()
    if not bare:
        return False
    if len(re.sub(r"[\W_]", "", bare)) <= 2 and not re.search(r"\d", bare):
        return not _MARKER.fullmatch(bare)
    return bool(_JUNK_LINE.match(bare) or _FILE_LINE.match(bare) or _FILE_NAME.match(bare))


def clean_lines(text: str) -> str:
    """``text`` without furniture lines, paragraphs kept apart."""
    kept = [line for line in text.split("\n") if not is_junk_line(line)]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(kept)).strip()


def clean_texts(texts: Iterable[str]) -> list[str]:
    return [t for t in texts if t.strip() and not is_junk_line(t)]
