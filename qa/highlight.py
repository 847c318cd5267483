"""Where the query's words occur in a passage, for highlighting."""

from __future__ import annotations

import re

from qa.query import parse_query


def highlight(text: str, query: str) -> list[tuple[int, int]]:
    """Half-open ``[start, stop)`` character spans of ``text`` that match a
    query word (its inflections too: "camera" marks "cameras") or a quoted
    phrase; sorted, not overlapping."""
    parsed = parse_query(query)
    patterns = [re.escape(stem(t)) + r"\w*" for t in parsed.terms]
    patterns += [r"\s+".join(map(re.escape, p.split())) for p in parsed.phrases]
    if not patterns:
        return []
    found = [
        (m.start(), m.end())
        for m in re.finditer(r"\b(?:" + "|".join(patterns) + r")", text, re.IGNORECASE)
    ]
    merged: list[tuple[int, int]] = []
    for start, stop in sorted(found):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(stop, merged[-1][1]))
        else:
            merged.append((start, stop))
    return merged


def stem(word: str) -> str:
    """A light stem, enough to mark inflections: "meetings" → "meeting"."""
    for suffix in ("ies", "es", "s", "ing", "ed"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word
