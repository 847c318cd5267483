"""Words as keyword search sees them: one stemmer for BM25, coverage and
highlighting.

SQLite FTS5 indexes passages with its ``porter`` tokenizer (Martin Porter's
original algorithm over ``unicode61`` tokens). Coverage and highlights stem
with the same algorithm (Snowball's ``porter``, through PyStemmer), so that a
word counts as present exactly when BM25 matched it: "parties" and
"partnership" stay apart, "policies" does not mark "police". The two agree
on 5,460 of the 5,466 distinct words of 400 Kent minutes; they differ on a
few "-logy" and "-bly" words, where FTS5 applies two rules of Porter's later
C version ("technology" → "technolog" there, "technologi" here).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from functools import lru_cache

import Stemmer

# unicode61: letters and digits are token characters, everything else separates.
_TOKEN = re.compile(r"[^\W_]+")
_STEMMER = Stemmer.Stemmer("porter")
# Combining diacritical marks, which unicode61 removes after NFKD.
_COMBINING = re.compile("[\u0300-\u036f]")


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """The Porter stem of one word, lower-cased and without diacritics (as
    unicode61 folds them)."""
    folded = _COMBINING.sub("", unicodedata.normalize("NFKD", word.lower()))
    # FTS5's porter leaves words of one or two letters as they are ("as", "s").
    return folded if len(folded) < 3 else _STEMMER.stemWord(folded)


def stems(text: str) -> set[str]:
    """The stems of every word of ``text``."""
    return {stem(m.group()) for m in _TOKEN.finditer(text)}


def tokens(text: str) -> Iterator[tuple[int, int, str]]:
    """``(start, stop, stem)`` of each word, spans half-open."""
    for m in _TOKEN.finditer(text):
        yield m.start(), m.end(), stem(m.group())


def _prefix_pattern(prefix: str) -> str:
    """A short stem's last letter may be Porter's y → i ("pay" → "pai")."""
    if prefix.endswith("i"):
        return re.escape(prefix[:-1]) + "[iy]"
    return re.escape(prefix)


class StemMatcher:
    """Which of some wanted stems a text holds, without stemming every word
    of it: a Porter stem keeps all of its word but for at most three
    rewritten letters at the end ("relational" → "relat", "policies" →
    "polici"), so only words that start like a wanted stem are stemmed."""

    def __init__(self, wanted: set[str]):
        self.wanted = frozenset(wanted)
        prefixes = sorted({s[: max(len(s) - 3, min(len(s), 3))] for s in self.wanted if s})
        self._pattern = (
            re.compile(r"(?<![^\W_])(?:" + "|".join(map(_prefix_pattern, prefixes)) + r")[^\W_]*")
            if prefixes
            else None
        )

    def held(self, text: str) -> set[str]:
        """The wanted stems that some word of ``text`` has."""
        if self._pattern is None:
            return set()
        if not text.isascii():
            text = _COMBINING.sub("", unicodedata.normalize("NFKD", text))
        found = {stem(m.group()) for m in self._pattern.finditer(text.lower())}
        return found & self.wanted
