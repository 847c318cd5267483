"""Leaving very common words out of BM25: quality and time, same run.

Words found in more passages than the cap are left out of the keyword
search (they still count for coverage).

    python bench/term_cap.py INDEX_DIR QUERIES.jsonl

For each cap (0 = keep every word), MRR@10 and success@5 of the system on
the dev queries, and the median / p95 time of the keyword part alone.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

from minutes_qa.index.encoder import encode_one, load_encoder
from minutes_qa.index.passage_index import PassageIndex
from minutes_qa.index.rows import Filters
from minutes_qa.qa.evaluate import answers, read_queries
from minutes_qa.qa.query import parse_query
from minutes_qa.qa.retrieve import Fusion
from minutes_qa.qa.search import Searcher
from minutes_qa.settings import set_threads

CAPS = (0, 50_000, 20_000, 10_000, 5_000)


def main(index_dir: Path, queries_path: Path) -> None:
    set_threads(2)
    encoder = load_encoder()
    index = PassageIndex.open(index_dir, encoder)
    queries = read_queries(queries_path)
    vectors = {q.id: encode_one(encoder, q.query) for q in queries}
    print(f"{'max docs':>9} {'mrr@10':>7} {'s@5':>5} {'bm25 p50 ms':>12} {'p95 ms':>7}")
    for cap in CAPS:
        searcher = Searcher(index, encoder, Fusion(max_term_docs=cap))
        ranks = []
        for q in queries:
            hits = searcher.search_by_vector(q.query, vectors[q.id], 10)
            ranks.append(next((i for i, h in enumerate(hits, 1) if answers(h.text, q.relevant)), 0))
        spent = []
        for q in queries:
            parsed = parse_query(q.query)
            with index.snapshot():
                started = time.perf_counter()
                match = searcher.retriever._match(parsed)
                if match:
                    index.store.keyword(match, 100, Filters())
                spent.append((time.perf_counter() - started) * 1000)
        mrr = sum(1 / r for r in ranks if r) / len(ranks)
        s5 = sum(1 for r in ranks if 0 < r <= 5) / len(ranks)
        p95 = statistics.quantiles(spent, n=20)[-1]
        print(f"{cap:>9} {mrr:>7.3f} {s5:>5.2f} {statistics.median(spent):>12.1f} {p95:>7.1f}")


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
