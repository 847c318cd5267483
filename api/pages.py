"""Pages rendered on the server: the permalink page of one passage.

A permalink is shared in emails and chat, so it must read without
JavaScript and give link previews (Open Graph) something to show: the
passage, its citation and its neighbours are written into the HTML here.
"""

from __future__ import annotations

import datetime as dt
from html import escape

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from minutes_qa.api.deps import AccessDep, SearcherDep
from minutes_qa.index.browse import PassageContext
from minutes_qa.index.rows import StoredPassage
from minutes_qa.qa.hits import Citation

router = APIRouter(include_in_schema=False)

_PAGE = """<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>{title}</title>
  <meta name="description" content="{description}">
  <meta property="og:type" content="article">
  <meta property="og:title" content="{title}">
  <meta property="og:description" content="{description}">
  <meta property="og:url" content="{url}">
  <link rel="canonical" href="{url}">
  <style>
    body {{ margin: 0 auto; max-width: 46rem; padding: 1rem;
      font: 16px/1.5 system-ui, sans-serif; }}
    .here {{ font-weight: 600; border-left: 3px solid #0b5394; padding-left: .6rem; }}
    .cite {{ color: #444; font-size: .9rem; }}
  </style>
</head>
<body>
  <main id="passage">{body}</main>
  <p><a href="/">Search the minutes</a></p>
</body>
</html>
"""


@router.get("/p/{passage_id}", response_class=HTMLResponse)
def permalink(request: Request, s: SearcherDep, access: AccessDep, passage_id: str) -> HTMLResponse:
    found = s.index.passage_context(passage_id, access.restricted)
    url = str(request.url)
    if found is None:
        body = f"<h1>Not found</h1><p>No passage with id {escape(passage_id)!s} is stored.</p>"
        html = _PAGE.format(title="Passage not found", description="", url=escape(url), body=body)
        return HTMLResponse(html, status_code=404)
    return HTMLResponse(passage_page(found, url))


def passage_page(context: PassageContext, url: str) -> str:
    """The page of one passage: its item, citation, lead-in, the passages
    around it, and the item's resolution."""
    p = context.passage
    cite = Citation.of(p)
    heading = p.item_title or "Minutes"
    title = " – ".join(x for x in (heading, citation_line(cite)) if x)
    source = f'<a href="{escape(cite.source)}">source</a>'
    parts = [
        f"<h1>{escape(heading)}</h1>",
        f'<p class="cite">{escape(citation_line(cite))} · {source}</p>',
    ]
    if p.lead_in:
        parts.append(f"<p><em>{escape(p.lead_in)}</em></p>")
    parts += [_para(x) for x in context.before]
    parts.append(_para(p, "here"))
    parts += [_para(x) for x in context.after]
    if context.resolutions:
        parts.append("<h2>Resolution</h2>")
        parts += [_para(x) for x in context.resolutions]
    return _PAGE.format(
        title=escape(title),
        description=escape(_shortened(p.text)),
        url=escape(url),
        body="\n    ".join(parts),
    )


def citation_line(cite: Citation) -> str:
    """Council · committee · date · item, each once: a meeting title such as
    "Overview and Scrutiny Board - Wednesday, 5 March 2025" only repeats the
    committee and the date, so it is shown only when there is neither."""
    when = _long_date(cite.meeting_date) if cite.meeting_date else None
    meeting = cite.meeting_title if not (cite.committee or when) else None
    item = f"item {cite.item_number}" if cite.item_number else None
    return " · ".join(x for x in (cite.council, cite.committee, meeting, when, item) if x)


def _long_date(iso: str) -> str:
    day = dt.date.fromisoformat(iso)
    return f"{day.strftime('%A')} {day.day} {day.strftime('%B %Y')}"


def _para(p: StoredPassage, cls: str = "") -> str:
    attr = f' class="{cls}"' if cls else ""
    return f"<p{attr}>{escape(p.text)}</p>"


def _shortened(text: str, limit: int = 300) -> str:
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"
