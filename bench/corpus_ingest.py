"""Ingest whole archives into one index and describe what was read.

    python bench/corpus_ingest.py INDEX_DIR PATH [PATH ...]

Prints documents read and failed (reasons grouped), meetings, passages by
kind, the share of passages whose meeting has a date, a committee and a
source URL, wall time, passages/s, and the index size on disk. With
``--sample N`` it also prints N random passages with their sources, for
checking by hand how they were cut.
"""

from __future__ import annotations

import argparse
import random
import re
import time
from collections import Counter
from pathlib import Path

from minutes_qa.corpus.load import load
from minutes_qa.index.encoder import DEFAULT_MODEL, load_encoder
from minutes_qa.index.passage_index import PassageIndex
from minutes_qa.settings import set_threads


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("index", type=Path)
    parser.add_argument("paths", nargs="+", type=Path)
    parser.add_argument("--sample", type=int, default=0)
    parser.add_argument(
        "--context",
        action="store_true",
        help="embed passages of a new index with their item title and lead-in",
    )
    parser.add_argument("--encoding", choices=["fp32", "int8"], default="fp32")
    parser.add_argument(
        "--model",
        default=DEFAULT_MODEL,
        help="the embedding model: the bundled default, or a local sentence-transformers folder",
    )
    args = parser.parse_args()
    set_threads(2)
    # The same runtime as the CLI (ONNX Runtime): PyTorch embeds at ~0.6 of its speed.
    encoder = load_encoder(args.model, encoding=args.encoding, threads=2, runtime="onnx")
    index = PassageIndex.open_or_create(args.index, encoder, context=args.context)
    started = time.perf_counter()
    report = index.ingest(load(args.paths), encoder)
    wall = time.perf_counter() - started
    stats = index.stats(include_restricted=True)
    passages = stats.passages
    print(
        f"files read: {report.documents + len(report.failures)}; documents stored: "
        f"{report.added} (+{report.duplicates} duplicates of stored minutes, "
        f"{report.unchanged} unchanged, {report.replaced} replaced); failed: "
        f"{len(report.failures)}"
    )
    reasons = Counter(re.sub(r"\d[\d,]*", "N", f.reason) for f in report.failures)
    for reason, count in reasons.most_common():
        print(f"  failed x{count}: {reason}")
    print(f"index: {stats.documents} documents, {stats.meetings} meetings, {passages} passages")
    for line in stats.lines():
        print(f"  {line}")
    size = sum(f.stat().st_size for f in args.index.iterdir() if f.is_file())
    print(
        f"ingest wall time {wall:.0f} s; {report.passages_added / wall:.1f} passages/s "
        f"({report.embedded} embedded, {report.reused_vectors} reused vectors)"
    )
    print(f"index size on disk: {size / 1e6:.1f} MB")
    if args.sample:
        rows = index.store.db.execute(
            "SELECT p.text, s.source, p.item_title FROM passages p "
            "JOIN sources s ON s.doc_id = p.doc_id"
        ).fetchall()
        for text, source, title in random.Random(7).sample(rows, args.sample):
            print(f"\n--- {source}\n    item: {title}\n    {text[:400]}")


if __name__ == "__main__":
    main()
