"""Training pairs an archive gives for free, with no labels: what a passage
is about, said in other words by the minutes themselves.

- ``title``: an agenda item's title and a passage of that item (the title
  is what a short question names; the passage, what answers it);
- ``lead_in``: the sentence a bullet hangs from and the bullet;
- ``neighbour``: two consecutive passages of one agenda item (in a
  transcript, one speaker turn and the next: the reply to a question).

Each pair is an anchor and its positive; in training, the other positives
of a batch are the anchor's negatives (``index.tune``).
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterator
from dataclasses import dataclass

from minutes_qa.index.store import Store

SOURCES = ("title", "lead_in", "neighbour")
# A title found in more documents than this is boilerplate ("Apologies",
# "Minutes of the previous meeting", "Any other business"): it names no subject.
TITLE_MAX_DOCS = 5
# Passages shorter than this many words ("Agreed.", "Thank you, Chair.") say
# nothing a question could ask for.
MIN_WORDS = 8

_WORD = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class Pair:
    """An anchor (a title, a lead-in, a passage) and a passage it belongs
    with; ``source`` names which of ``SOURCES`` gave it."""

    anchor: str
    positive: str
    source: str


def training_pairs(store: Store, max_pairs: int, seed: int) -> list[Pair]:
    """Up to ``max_pairs`` pairs, shared as evenly as the archive allows
    between the sources, in an order fixed by ``seed``. Attendance lists and
    restricted passages are left out."""
    rng = random.Random(seed)
    found: dict[str, list[Pair]] = {source: [] for source in SOURCES}
    for pair in _all_pairs(store):
        found[pair.source].append(pair)
    for pairs in found.values():
        rng.shuffle(pairs)
    # Even shares; what a source lacks goes to the others.
    chosen: list[Pair] = []
    left = sorted(SOURCES, key=lambda s: len(found[s]))
    while left:
        source = left.pop(0)
        share = (max_pairs - len(chosen)) // (len(left) + 1)
        chosen += found[source][:share]
    rng.shuffle(chosen)
    return chosen


def _all_pairs(store: Store) -> Iterator[Pair]:
    boilerplate = {
        title
        for (title,) in store.db.execute(
            "SELECT lower(item_title) FROM passages WHERE item_title IS NOT NULL "
            "GROUP BY lower(item_title) HAVING count(DISTINCT doc_id) > ?",
            (TITLE_MAX_DOCS,),
        )
    }
    rows = store.db.execute(
        "SELECT doc_id, item_index, text, item_title, lead_in FROM passages "
        "WHERE kind != 'attendance' AND restricted = 0 ORDER BY doc_id, position"
    )
    previous: tuple[str, int, str] | None = None
    for doc_id, item, text, title, lead_in in rows:
        if len(_WORD.findall(text)) < MIN_WORDS:
            previous = None
            continue
        if title and title.lower() not in boilerplate and _differs(title, text):
            yield Pair(title, text, "title")
        if lead_in and _differs(lead_in, text):
            yield Pair(lead_in, text, "lead_in")
        if previous and previous[:2] == (doc_id, item):
            yield Pair(previous[2], text, "neighbour")
        previous = (doc_id, item, text)


def _differs(anchor: str, passage: str) -> bool:
    """A pair teaches nothing when the passage merely repeats its anchor."""
    return len(_WORD.findall(anchor)) >= 2 and anchor.strip().lower() not in passage.lower()
