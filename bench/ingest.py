"""Ingest throughput against the raw encoder, fp32 and int8, same run.

    python bench/ingest.py [PATH] [--files 60]

Ingests the first ``--files`` files of PATH (default: the Stoke Ferry parish
minutes in ../shared, else the bundled sample) into a fresh index, end to end
(read, chunk, embed, index, persist), once per encoding, and encodes exactly
the same texts with the same encoder and batch size, nothing else (the
reference: ``SentenceTransformer.encode``). Prints passages/s of both and
their ratio (the pipeline's overhead), and int8's speed-up over fp32.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from minutes_qa.corpus.load import discover, load
from minutes_qa.corpus.model import Document
from minutes_qa.index.encoder import load_encoder
from minutes_qa.index.passage_index import PassageIndex
from minutes_qa.settings import set_threads

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = ROOT.parent / "shared/corpus/stokeferry-parish-minutes"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("path", type=Path, nargs="?", default=DEFAULT)
    parser.add_argument("--files", type=int, default=60)
    args = parser.parse_args()
    path = args.path if args.path.exists() else ROOT / "sample"
    files = list(discover([path]))[: args.files]
    set_threads(2)
    print(f"{len(files)} files of {path}")
    print(
        f"{'encoding':<22} {'passages':>8} {'ingest s':>8} {'ingest/s':>8} "
        f"{'raw/s':>7} {'ratio':>6}"
    )
    rates = {}
    for encoding, runtime in (("fp32", "torch"), ("fp32", "onnx"), ("int8", "onnx")):
        encoder = load_encoder(encoding=encoding, runtime=runtime, threads=2)  # type: ignore[arg-type]
        encoder.encode_batch(["warm up"] * 8)
        with tempfile.TemporaryDirectory() as tmp:
            index = PassageIndex.open_or_create(Path(tmp), encoder)
            started = time.perf_counter()
            report = index.ingest(load(files), encoder)
            ingest_s = time.perf_counter() - started
            index.close()
        texts = [
            p.embedding_text(False) for d in load(files) if isinstance(d, Document)
            for p in d.passages
        ]  # fmt: skip
        started = time.perf_counter()
        encoder.encode_batch(texts)
        raw = len(texts) / (time.perf_counter() - started)
        rate = report.passages_added / ingest_s
        rates[(encoding, runtime)] = (rate, raw)
        print(
            f"{encoding + ' (' + runtime + ')':<22} {report.passages_added:>8} {ingest_s:>8.1f} "
            f"{rate:>8.1f} {raw:>7.1f} {rate / raw:>6.2f}"
        )
    base_ingest, base_raw = rates[("fp32", "torch")]
    int8_ingest, int8_raw = rates[("int8", "onnx")]
    print(
        f"int8 over fp32 (torch): raw encode x{int8_raw / base_raw:.2f}, "
        f"ingest x{int8_ingest / base_ingest:.2f}"
    )


if __name__ == "__main__":
    main()
