"""Near-duplicate passages: the same minutes posted twice, boilerplate that
recurs at every meeting ("Apologies for absence were received from ...")."""

from __future__ import annotations

import re

_WORD = re.compile(r"[^\W_]+")
SIMILAR = 0.6


def shingles(text: str) -> frozenset[str]:
    """Overlapping three-word runs of the lower-cased words."""
    words = _WORD.findall(text.lower())
    if len(words) < 3:
        return frozenset([" ".join(words)])
    return frozenset(" ".join(words[i : i + 3]) for i in range(len(words) - 2))


def similar(a: frozenset[str], b: frozenset[str], threshold: float = SIMILAR) -> bool:
    """Jaccard similarity of shingle sets at least ``threshold``."""
    if not a or not b:
        return False
    overlap = len(a & b)
    return overlap / (len(a) + len(b) - overlap) >= threshold
