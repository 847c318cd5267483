"""Precision and recall of the passage-kind rules against hand labels.

    python bench/kinds.py show             print the sample to label
    python bench/kinds.py score            score the rules against the labels

The sample is drawn from the shared corpora, stratified by predicted kind
(30 decision, 30 commitment, 40 discussion, seed 2027; the rules were tuned
by reading the sample of seed 2026); estimates of recall weight each stratum
by its share of all passages. Labels live in
``bench/kinds-labels.jsonl`` keyed by a hash of the passage text, so that no
text of the corpora is stored in this repository.
"""

from __future__ import annotations

import hashlib
import json
import random
import sys
from collections import Counter
from pathlib import Path

from minutes_qa.corpus.classify import classify
from minutes_qa.corpus.load import load
from minutes_qa.corpus.model import Document

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
LABELS = Path(__file__).with_name("kinds-labels.jsonl")
STRATA = {"decision": 30, "commitment": 30, "discussion": 40}


def key(text: str) -> str:
    return hashlib.sha1(text.encode()).hexdigest()[:16]


def passages() -> list[str]:
    return [p.text for d in load([CORPUS]) if isinstance(d, Document) for p in d.passages]


def sample(texts: list[str]) -> tuple[list[str], Counter]:
    by_kind: dict[str, list[str]] = {k: [] for k in STRATA}
    for text in texts:
        by_kind[classify(text).value].append(text)
    rng = random.Random(2027)
    chosen = [t for k, n in STRATA.items() for t in rng.sample(by_kind[k], n)]
    return chosen, Counter({k: len(v) for k, v in by_kind.items()})


def score() -> None:
    texts = passages()
    chosen, population = sample(texts)
    labels = {}
    for line in LABELS.read_text().splitlines():
        item = json.loads(line)
        labels[item["key"]] = item["kind"]
    # Weighted confusion counts: each sampled passage stands for
    # population[stratum] / sampled[stratum] passages.
    weight = {k: population[k] / STRATA[k] for k in STRATA}
    confusion: Counter = Counter()
    labelled = 0
    for text in chosen:
        if key(text) not in labels:
            continue
        labelled += 1
        predicted = classify(text).value
        confusion[(predicted, labels[key(text)])] += weight[predicted]
    print(f"{labelled} of {len(chosen)} sampled passages labelled; population {dict(population)}")
    print(f"{'kind':<12}{'precision':>10}{'recall':>8}")
    for kind in ("decision", "commitment"):
        tp = confusion[(kind, kind)]
        predicted = sum(v for (p, _), v in confusion.items() if p == kind)
        actual = sum(v for (_, a), v in confusion.items() if a == kind)
        print(
            f"{kind:<12}{tp / predicted if predicted else 0:>10.2f}"
            f"{tp / actual if actual else 0:>8.2f}"
        )


def show() -> None:
    chosen, _ = sample(passages())
    for text in chosen:
        print(
            json.dumps(
                {"key": key(text), "predicted": classify(text).value, "text": text[:500]},
                ensure_ascii=False,
            )
        )


if __name__ == "__main__":
    {"show": show, "score": score}[sys.argv[1] if len(sys.argv) > 1 else "score"]()
