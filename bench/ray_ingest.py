"""Distributed ingest on a local Ray cluster against the single-process
ingest of the same files, in one run.

    python bench/ray_ingest.py [PATH] [--files 300] [--batches 64 256 1024 4096]

Ingests the first ``--files`` files of PATH (default: the Stoke Ferry parish
minutes in ../shared) into a fresh index with the default model (fp32, ONNX
Runtime): once in this process (2 threads: the machine's 2 cores), then on a
Ray cluster started here (a head node with no CPUs of its own, the driver,
and 1, then 2, worker nodes of 1 CPU each; each encoder actor runs 1 thread).
Prints passages/s of each and their ratio to the single-process ingest, the
share of each run spent reading and embedding on the cluster, and the peak
memory of a worker node's processes. First, the encoder actors' batch size:
the same texts embedded on one worker at each of ``--batches``.
"""

from __future__ import annotations

import argparse
import functools
import logging
import os
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # the test suite's local cluster (tests/index/ray_cluster.py)

from minutes_qa.corpus.load import discover, load  # noqa: E402
from minutes_qa.corpus.model import Document  # noqa: E402
from minutes_qa.index.distributed import RayPlan, embed_all, ray_ingest_into  # noqa: E402
from minutes_qa.index.encoder import load_encoder  # noqa: E402
from minutes_qa.index.passage_index import ingest_into  # noqa: E402
from minutes_qa.settings import set_threads  # noqa: E402
from tests.index.ray_cluster import ENV, Cluster, start_cluster  # noqa: E402

DEFAULT = ROOT.parent / "shared/corpus/stokeferry-parish-minutes"


def node_rss(cluster: Cluster) -> int:
    """Resident memory (bytes) of every process of the cluster's worker nodes."""
    total = 0
    for status in Path("/proc").glob("[0-9]*/status"):
        pid = int(status.parent.name)
        if any(cluster.runs(w, pid) for w in cluster.workers):
            try:
                total += int(status.read_text().split("VmRSS:")[1].split()[0]) * 1024
            except (OSError, IndexError):
                continue
    return total


class Peak:
    """The highest ``node_rss`` seen while it runs (sampled twice a second)."""

    def __init__(self, cluster: Cluster):
        self.cluster, self.peak, self._stop = cluster, 0, threading.Event()
        self._thread = threading.Thread(target=self._watch, daemon=True)

    def _watch(self) -> None:
        while not self._stop.wait(0.5):
            self.peak = max(self.peak, node_rss(self.cluster))

    def __enter__(self) -> Peak:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


class Stages(logging.Handler):
    """The distributed ingest's own account of its stages (read, embed, commit)."""

    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.getMessage().split(":")[0] in ("read", "embed", "commit"):
            self.lines.append(record.getMessage())


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("path", type=Path, nargs="?", default=DEFAULT)
    parser.add_argument("--files", type=int, default=300)
    parser.add_argument("--batches", type=int, nargs="+", default=[64, 256, 1024, 4096])
    args = parser.parse_args()
    files = list(discover([args.path]))[: args.files]
    os.environ.update(ENV)
    set_threads(2)
    encoder = load_encoder(runtime="onnx", threads=2)
    encoder.encode_batch(["warm up"] * 8)
    make = functools.partial(load_encoder, encoder.name, 64, "fp32", None, 1, "onnx")
    texts = [
        p.embedding_text(False) for d in load(files) if isinstance(d, Document) for p in d.passages
    ]
    averages = " ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"load average at the start (other jobs on this machine): {averages}")
    print(f"{len(files)} files of {args.path}: {len(texts):,} passages")

    with tempfile.TemporaryDirectory() as tmp:
        report = ingest_into(Path(tmp) / "one", load(files), encoder)
    single = report.passages_added / report.seconds
    print(f"single process (2 threads): {report.passages_added:,} in {report.seconds:.1f} s, "
          f"{single:.1f} passages/s")  # fmt: skip

    stages = Stages()
    logging.getLogger("minutes_qa.index.distributed").addHandler(stages)
    logging.getLogger("minutes_qa.index.distributed").setLevel(logging.INFO)
    cluster = start_cluster(head_cpus=0, worker_cpus=1)
    try:
        import ray

        ray.init(address=cluster.address, logging_level="WARNING", log_to_driver=False)
        sample = sorted(set(texts), key=len)[:: max(1, len(set(texts)) // 1500)]
        print(f"\nencoder actor batch size, 1 worker, {len(sample):,} texts:")
        for size in args.batches:
            started = time.perf_counter()
            embed_all(sample, make, RayPlan(workers=1, batch_size=size))
            spent = time.perf_counter() - started
            rate = len(sample) / spent
            print(f"  {size:>5}: {rate:6.1f} texts/s ({spent:.1f} s, actor start included)")
        ray.shutdown()

        print(f"\n{'workers':>7} {'passages':>8} {'seconds':>8} {'passages/s':>10} "
              f"{'vs single':>9} {'node peak RSS':>14}   stages")  # fmt: skip
        print(f"{'single':>7} {report.passages_added:>8,} {report.seconds:>8.1f} {single:>10.1f} "
              f"{1:>9.2f} {'':>14}")  # fmt: skip
        for workers in (1, 2):
            if workers == 2:
                cluster.add_worker(1)
                cluster.wait_for(2)
            with tempfile.TemporaryDirectory() as tmp, Peak(cluster) as peak:
                plan = RayPlan(address=cluster.address)
                spread = ray_ingest_into(Path(tmp) / "ray", files, encoder, make, plan)
            rate = spread.passages_added / spread.seconds
            print(f"{workers:>7} {spread.passages_added:>8,} {spread.seconds:>8.1f} {rate:>10.1f} "
                  f"{rate / single:>9.2f} {peak.peak / workers / 2**20:>11.0f} MB   "
                  f"{'; '.join(stages.lines)}")  # fmt: skip
            stages.lines.clear()
        print(
            "(node peak RSS: per worker node, its raylet and workers; seconds include "
            "connecting, reading, embedding and the commit, not starting the cluster)"
        )
    finally:
        cluster.stop()


if __name__ == "__main__":
    main()
