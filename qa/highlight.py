"""Where the query's words occur in a passage, for highlighting."""

from __future__ import annotations

import re

from minutes_qa.qa.query import parse_query
from minutes_qa.qa.terms import stem, tokens


def highlight(text: str, query: str) -> list[tuple[int, int]]:
    """Half-open ``[start, stop)`` character spans of ``text`` that match a
    query word, as keyword search matched it (the same stem: "camera" marks
    "cameras"), or a quoted phrase; sorted, not overlapping."""
    parsed = parse_query(query)
    # "council's" is searched as "council" and "s": a lone letter is not marked.
    wanted = {stem(t) for term in parsed.terms for t in term.split() if len(t) > 1}
    found = [(start, stop) for start, stop, s in tokens(text) if s in wanted]
    for phrase in parsed.phrases:
        pattern = r"\b" + r"\s+".join(map(re.escape, phrase.split())) + r"\b"
        found += [(m.start(), m.end()) for m in re.finditer(pattern, text, re.IGNORECASE)]
    merged: list[tuple[int, int]] = []
    for start, stop in sorted(found):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(stop, merged[-1][1]))
        else:
            merged.append((start, stop))
    return merged
