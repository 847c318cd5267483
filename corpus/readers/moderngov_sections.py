"""One agenda item's text on a saved ModernGov page, in its sections:
what follows "Decision:" and "Minutes:" is the minutes; supporting
documents are not."""

from __future__ import annotations

import re

from minutes_qa.corpus.model import Block
from minutes_qa.corpus.readers.moderngov import minutes_blocks
from minutes_qa.corpus.readers.page import clean_texts, render

MAIN_TITLE = "descendant-or-self::*[contains(@class, 'mgMainTitleTxt')]"
SUB_TITLE = "descendant-or-self::*[contains(@class, 'mgSubTitleTxt')]"
SECTION = re.compile(
    r"^(?P<label>minutes|decision|decisions|resolved|recommendations?|the\s+decision)\s*:\s*(?P<rest>.*)$",
    re.IGNORECASE,
)
DOCUMENTS = re.compile(
    r"^(?:supporting|additional|accompanying|background)\s+(?:documents|papers)\s*:?"
    r"|^(?:appendices|attachments)\s*:?\s*$",
    re.IGNORECASE,
)


def paragraph_texts(element) -> list[str]:  # noqa: ANN001

    return clean_texts(p.replace("**", " ").strip() for p in render(element).split("\n\n"))


def sectioned(texts: list[str], labelled_page: bool) -> list[str]:
    """The minutes of one item: what follows "Decision:" and "Minutes:"
    (their texts, a repeat of the decision in the minutes once); the agenda
    text only where the page labels nothing."""
    sections: dict[str, list[str]] = {}
    current = "agenda"
    for text in texts:
        one = " ".join(text.split())
        if DOCUMENTS.match(one):
            current = "documents"
            continue
        label = SECTION.match(one)
        if label:
            name = label.group("label").lower()
            current = "minutes" if name == "minutes" else "decision"
            rest = label.group("rest").strip()
            if name in ("resolved",) and rest:
                sections.setdefault(current, []).append(one)
            elif rest:
                sections.setdefault(current, []).append(rest)
            else:
                sections.setdefault(current, [])
            continue
        sections.setdefault(current, []).append(one)
    if "minutes" in sections or "decision" in sections:
        decided = sections.get("decision", [])
        minuted = sections.get("minutes", [])
        if all(t in minuted for t in decided):
            return minuted  # the minutes record the decision in its place
        return decided + [t for t in minuted if t not in decided]
    return [] if labelled_page else sections.get("agenda", [])


def blocks_of(texts: list[str]) -> list[Block]:
    return minutes_blocks("\n\n".join(texts).split("\n"))
