"""The quality int8 keeps: the same passages embedded in fp32 and in int8.

    python bench/int8_quality.py FP32_INDEX INT8_INDEX QUERIES.jsonl

Both indexes must hold the same archives (build them with
``bench/corpus_ingest.py ... --encoding fp32|int8``). Prints MRR@10 and
success@1/@5 of the system and of dense retrieval alone on each, and the
int8/fp32 ratio of MRR@10. Queries labelled on archives the indexes do not
hold should be left out of QUERIES.
"""

from __future__ import annotations

import sys
from pathlib import Path

from minutes_qa.index.encoder import load_encoder
from minutes_qa.index.manifest import read_manifest
from minutes_qa.index.passage_index import PassageIndex
from minutes_qa.qa.evaluate import evaluate, read_queries
from minutes_qa.qa.search import Searcher
from minutes_qa.settings import set_threads


def main(fp32: Path, int8: Path, queries_path: Path) -> None:
    set_threads(2)
    queries = read_queries(queries_path)
    results = {}
    for folder in (fp32, int8):
        encoding = read_manifest(folder).encoding
        encoder = load_encoder(encoding=encoding, threads=2)  # type: ignore[arg-type]
        index = PassageIndex.open(folder, encoder)
        results[encoding] = evaluate(Searcher(index, encoder), queries)["table"]
        index.close()
    print(f"{len(queries)} queries")
    print(f"{'':<8} {'system mrr@10':>13} {'s@1':>5} {'s@5':>5} {'dense mrr@10':>12}")
    for encoding, table in results.items():
        system, dense = table["system"]["all"], table["dense"]["all"]
        print(
            f"{encoding:<8} {system['mrr@10']:>13.3f} {system['success@1']:>5.2f} "
            f"{system['success@5']:>5.2f} {dense['mrr@10']:>12.3f}"
        )
    ratio = results["int8"]["system"]["all"]["mrr@10"] / results["fp32"]["system"]["all"]["mrr@10"]
    dense_ratio = (
        results["int8"]["dense"]["all"]["mrr@10"] / results["fp32"]["dense"]["all"]["mrr@10"]
    )
    print(f"int8 keeps {ratio:.3f} of fp32 MRR@10 (system), {dense_ratio:.3f} (dense alone)")


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3]))
