"""Ingest and search timings, each against a reference measured in the same run.

    python bench/ingest_search.py [PATH ...]   (default: sample/ and the
                                               Stoke Ferry corpus when present)

Prints, per path: files, passages, ingest wall time, passages/s end to end,
and the raw ``SentenceTransformer.encode`` throughput on (up to 2,000 of) the
same texts with the same batch size (the pipeline's overhead is the ratio). Then the time of
one search (median and p95 of repeated warm queries) against the bare FAISS
search time on the same index.
"""

from __future__ import annotations

import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

from corpus.load import load
from corpus.model import Document
from index import vectors
from index.encoder import encode_one, load_encoder
from index.passage_index import PassageIndex
from qa.search import Searcher
from qa.settings import set_threads

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_PATHS = [ROOT / "sample", ROOT.parent / "shared/corpus/stokeferry-parish-minutes"]
RAW_SAMPLE = 2000
QUERIES = [
    "What was said about Smart Water?",
    "street lighting repairs",
    "precept for next year",
    "who agreed to contact the highways department",
    "planning application objections",
]


def main(paths: list[Path]) -> None:
    set_threads(2)
    encoder = load_encoder()
    print(
        f"{'path':<40} {'files':>6} {'passages':>8} {'ingest s':>9} {'pass/s':>8} "
        f"{'raw enc/s':>9} {'ratio':>6}"
    )
    for path in paths:
        if not path.exists():
            print(f"{str(path):<40} (missing, skipped)")
            continue
        with tempfile.TemporaryDirectory() as tmp:
            index = PassageIndex.open_or_create(Path(tmp), encoder)
            started = time.perf_counter()
            report = index.ingest(load([path]), encoder)
            ingest_s = time.perf_counter() - started
            docs = [d for d in load([path]) if isinstance(d, Document)]
            texts = [p.embedding_text() for d in docs for p in d.passages]
            # The reference: the model alone on (a sample of) the same texts,
            # same batch size.
            sample = random.Random(0).sample(texts, min(len(texts), RAW_SAMPLE))
            started = time.perf_counter()
            encoder.encode_batch(sample)
            raw = len(sample) / (time.perf_counter() - started)
            rate = report.passages_added / ingest_s
            name = path.name if len(str(path)) > 40 else str(path)
            print(
                f"{name:<40} {report.documents + len(report.failures):>6} "
                f"{report.passages_added:>8} {ingest_s:>9.1f} {rate:>8.1f} {raw:>9.1f} "
                f"{rate / raw:>6.2f}"
            )
            search_times(index, encoder)


def search_times(index: PassageIndex, encoder) -> None:
    searcher = Searcher(index, encoder)
    searcher.search(QUERIES[0])  # warm up
    full, bare = [], []
    for _ in range(10):
        for query in QUERIES:
            started = time.perf_counter()
            searcher.search(query, 10)
            full.append(time.perf_counter() - started)
            vector = encode_one(encoder, query)
            with index.snapshot() as faiss_index:
                started = time.perf_counter()
                vectors.search(faiss_index, vector, 10)
                bare.append(time.perf_counter() - started)
    print(
        f"{'':<40} search: median {1000 * statistics.median(full):.1f} ms, "
        f"p95 {1000 * statistics.quantiles(full, n=20)[-1]:.1f} ms "
        f"(bare FAISS median {1000 * statistics.median(bare):.2f} ms)"
    )


if __name__ == "__main__":
    main([Path(p) for p in sys.argv[1:]] or DEFAULT_PATHS)
