"""Precision and recall of ``Kind.DECISION`` on hand-labelled passages of
the seven shared corpora.

    python bench/decisions.py draw  > candidates.jsonl   the sample to label
    python bench/decisions.py score                      precision and recall

The sample (``bench/decision-labels.jsonl``) was drawn by ``draw`` with seed
12: per corpus, 10 passages at random from all of its passages, plus 10 at
random from its passages with motion wording (moved, seconded, resolved,
carried, agreed ...), so that both classes are present, plus the first 15
passages with motion wording of one document drawn at random (the lines of
whole motions, as one document writes them). Each line
names the file, a phrase of at most 12 words that identifies the spot in the
minutes (unique in that file) and the label: ``decision`` when the text there
records something the body resolved, agreed, approved or carried, or a motion
proposed and seconded, else ``other``.

Scoring reads those files with :func:`corpus.load.load` and finds the phrase
in the passages (letters and digits only, so that a re-cut or re-spaced
passage still matches); the kind of the passage where the phrase starts is
the prediction. A phrase no longer in any passage (dropped as junk or taken
as a heading) counts as "not a decision".
"""

from __future__ import annotations

import json
import logging
import random
import re
import sys
from bisect import bisect_right
from collections import Counter
from pathlib import Path

from minutes_qa.corpus.load import load
from minutes_qa.corpus.model import Document, Kind, Passage

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
LABELS = Path(__file__).with_name("decision-labels.jsonl")
ARCHIVES = (
    "kent-moderngov",
    "limerick-council-minutes",
    "stokeferry-parish-minutes",
    "ayton-cc",
    "bcwpc",
    "rivergrove",
    "london-ontario-escribe",
)
SEED = 12
RANDOM_PASSAGES = 10
MOTION_PASSAGES = 10
WHOLE_DOCUMENT_MOTIONS = 15
MAX_PHRASE_WORDS = 12
MOTION = re.compile(
    r"\b(?:resolv|agree|moved\b|move\b|second|propos|carried|motion|approv|adopt|penderfyn"
    r"|ayes?\b|nays?\b|vote|unanim|in favour|in favor)",
    re.IGNORECASE,
)


# Markup of the Markdown source that a reader may drop: call-out markers
# ("[!abstract]-"), links' targets, entities.
_MARKUP = re.compile(r"\[![\w-]+\][-+]?|\]\(<?[^)]*\)?|&nbsp;|&amp;")


def flat(text: str) -> str:
    return re.sub(r"[^0-9a-z]+", "", _MARKUP.sub(" ", text).lower())


class Located:
    """A document's passages as one flat string, to find a phrase in."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.starts: list[int] = []
        parts: list[str] = []
        offset = 0
        for p in doc.passages:
            self.starts.append(offset)
            piece = flat(p.text)
            parts.append(piece)
            offset += len(piece)
        self.text = "".join(parts)

    def find(self, phrase: str) -> tuple[Kind | None, int]:
        """The kind of the passage where ``phrase`` starts (None: not found),
        and how many times the phrase occurs."""
        needle = flat(phrase)
        at = self.text.find(needle)
        if not needle or at < 0:
            return None, 0
        count = len(re.findall(re.escape(needle), self.text))
        return self.doc.passages[bisect_right(self.starts, at) - 1].kind, count

    def locate(self, phrase: str) -> tuple[Kind | None, bool]:
        """The kind where ``phrase`` starts, or where its longest opening of
        three words or more does (a phrase that ran on into the next passage
        at drawing time may now run into text that was dropped); and whether
        only an opening was found."""
        words = phrase.split()
        for n in range(len(words), min(3, len(words)) - 1, -1):
            kind, _ = self.find(" ".join(words[:n]))
            if kind is not None:
                return kind, n < len(words)
        return None, False


def documents(archive: str) -> list[Document]:
    return [d for d in load([CORPUS / archive]) if isinstance(d, Document)]


def _passages(docs: list[Document]) -> list[tuple[Document, Passage]]:
    return [(d, p) for d in docs for p in d.passages]


def phrase_for(located: Located, doc: Document, position: int) -> str:
    """The shortest run of words from the passage's start (spilling into the
    passages after it) that occurs once in the document."""
    words = " ".join(p.text for p in doc.passages[position:]).split()
    for n in range(3, MAX_PHRASE_WORDS + 1):
        phrase = " ".join(words[:n])
        if located.find(phrase)[1] == 1:
            return phrase
    return " ".join(words[:MAX_PHRASE_WORDS])


def draw() -> None:
    for archive in ARCHIVES:
        docs = documents(archive)
        rng = random.Random(f"{SEED}:{archive}")
        everything = [(d, p.position) for d, p in _passages(docs)]
        chosen = rng.sample(everything, RANDOM_PASSAGES)
        motions = [(d, p.position) for d, p in _passages(docs) if MOTION.search(p.text)]
        chosen += rng.sample([m for m in motions if m not in chosen], MOTION_PASSAGES)
        doc = rng.choice(docs)
        chosen += [(doc, p.position) for p in doc.passages if MOTION.search(p.text)][
            :WHOLE_DOCUMENT_MOTIONS
        ]
        seen: set[tuple[str, str]] = set()
        for doc, position in chosen:
            located = Located(doc)
            phrase = phrase_for(located, doc, position)
            if (doc.source, phrase) in seen:
                continue
            seen.add((doc.source, phrase))
            print(
                json.dumps(
                    {
                        "file": str(Path(doc.source).relative_to(CORPUS)),
                        "phrase": phrase,
                        "predicted": doc.passages[position].kind.value,
                        "text": doc.passages[position].text[:400],
                    },
                    ensure_ascii=False,
                )
            )


def score() -> None:
    labels = [json.loads(line) for line in LABELS.read_text().splitlines() if line.strip()]
    files = sorted({row["file"] for row in labels})
    # Whole archives, as a user ingests them: what is repeated across an
    # archive's files (site furniture, letterheads) is judged over all of them.
    located: dict[str, Located] = {}
    for archive in sorted({name.split("/")[0] for name in files}):
        for doc in documents(archive):
            name = str(Path(doc.source).relative_to(CORPUS))
            if name in files:
                located[name] = Located(doc)
    confusion: Counter[tuple[bool, bool]] = Counter()
    by_archive: dict[str, Counter[tuple[bool, bool]]] = {}
    lost: list[str] = []
    openings = 0
    for row in labels:
        doc = located.get(row["file"])
        kind, opening = doc.locate(row["phrase"]) if doc else (None, False)
        openings += opening
        if kind is None:
            lost.append(f"{row['file']}: {row['phrase']!r} ({row['label']})")
        cell = (kind is Kind.DECISION, row["label"] == "decision")
        confusion[cell] += 1
        by_archive.setdefault(row["file"].split("/")[0], Counter())[cell] += 1
    print(
        f"{len(labels)} labelled passages in {len(files)} files "
        f"({openings} found by an opening of their phrase)"
    )
    print(f"  {'corpus':28} {'n':>4} {'labelled':>9} {'precision':>10} {'recall':>7}")
    for name, counts in [*sorted(by_archive.items()), ("all", confusion)]:
        print(f"  {name:28} {sum(counts.values()):4} {_line(counts)}")
    for line in lost:
        print("  not in any passage:", line)


def _line(counts: Counter[tuple[bool, bool]]) -> str:
    tp, fp, fn = counts[(True, True)], counts[(True, False)], counts[(False, True)]
    precision = f"{tp / (tp + fp):.2f}" if tp + fp else "-"
    recall = f"{tp / (tp + fn):.2f}" if tp + fn else "-"
    return f"{tp + fn:9} {precision:>10} {recall:>7}"


if __name__ == "__main__":
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    {"draw": draw, "score": score}[sys.argv[1] if len(sys.argv) > 1 else "score"]()
