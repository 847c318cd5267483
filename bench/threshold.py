"""Where to draw "no good match": the best fused score of queries that the
minutes answer (the labelled dev queries whose answer ranks first) against
queries they cannot answer (written to be off-topic for council minutes).

    python bench/threshold.py INDEX QUERIES.jsonl
"""

from __future__ import annotations

import statistics
import sys
from pathlib import Path

from index.encoder import load_encoder
from index.passage_index import PassageIndex
from qa.evaluate import answers, read_queries
from qa.search import GOOD_MATCH, Searcher
from qa.settings import set_threads

OFF_TOPIC = [
    "What is the recipe for a chocolate sponge cake?",
    "Who won the football world cup final?",
    "How do I reset my phone to factory settings?",
    "What is the boiling point of mercury?",
    "Best hiking boots for winter mountaineering",
    "How many moons does Jupiter have?",
    "Translate good morning into Japanese",
    "Symptoms of vitamin D deficiency in cats",
    "Stock price forecast for electric car makers",
    "Lyrics of a famous opera aria",
]


def main(index_dir: Path, queries_path: Path) -> None:
    set_threads(2)
    encoder = load_encoder()
    searcher = Searcher(PassageIndex.open(index_dir, encoder), encoder)
    answered, missed = [], []
    for q in read_queries(queries_path):
        hits = searcher.search(q.query, 1)
        (answered if hits and answers(hits[0].text, q.relevant) else missed).append(hits[0].score)
    off = [searcher.search(q, 1)[0].score for q in OFF_TOPIC]
    for name, scores in (
        ("answered at rank 1", answered),
        ("not answered at rank 1", missed),
        ("off-topic", off),
    ):
        if scores:
            print(
                f"{name:<24} n={len(scores):<3} min {min(scores):.3f} median "
                f"{statistics.median(scores):.3f} max {max(scores):.3f}"
            )
    below = sum(1 for s in answered if s < GOOD_MATCH)
    above = sum(1 for s in off if s >= GOOD_MATCH)
    print(f"threshold {GOOD_MATCH}: {below} answered queries flagged, {above} off-topic passed")


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
