"""The compressed layout at archive scale against exact search and the IVF
layout, in one run: memory, disk, recall@10, latency.

    python bench/compressed.py [--size 1000000] [--sources bench/out/kent-index ...]
    python bench/compressed.py --size 10000000 --no-variants --layouts ivfpq

The vectors are drawn into a memory-mapped file (``--work``, bench/out by
default), never held whole in memory; exact search is brute force streamed
over that file in blocks; the compressed layout is written from it by
``index.compressed.write``, the product's own writer (what an ingest's
commit uses), which holds only the codes in memory. The exact and IVF-flat
layouts hold every vector in memory (FAISS builds them there): at 10^7,
15 GB each, more than this machine has to spare, so ``--layouts`` leaves
them out.

Vectors are *synthetic*, drawn around real ones as bench/scale.py draws them:
each a real vector of the ``--sources`` indexes (the default model) plus
Gaussian noise (cosine ≈ 0.9 to it). Queries: the council questions
embedded, and noisy copies of other real vectors. For each layout, its file
is written, then a fresh process maps it (as the server does), runs the
queries and reports its resident memory (anonymous: what the process must
hold; file-backed: pages of the mapped file it touched, which the page cache
can drop), and p50/p99 of a search for the retriever's pool (k = 100).
Recall@10 is against exact search (brute force over the same vectors).

First, the variants (bytes per code, OPQ, candidates re-scored) at the
same size, each built and measured in this process: recall@10 and p50.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

import faiss
import numpy as np

from minutes_qa.index import compressed, vectors
from minutes_qa.index.passage_index import PassageIndex
from minutes_qa.settings import set_threads

ROOT = Path(__file__).resolve().parent.parent
NOISE = 0.0247  # per dimension: cosine ≈ 1/√(1 + 384·σ²) ≈ 0.9 to the original
POOL = 100
QUERIES = 200

Search = Callable[[np.ndarray, int], list[int]]
LAYOUTS = {
    "exact": "exact (flat, every vector)",
    "ivf": "ivf (IVF-flat)",
    "ivfpq": f"ivfpq (the layout: {384 // compressed.DIMS_PER_BYTE} B, {compressed.RESCORE}×k)",
}


def real_vectors(sources: list[Path]) -> np.ndarray:
    parts = []
    for source in sources:
        index = PassageIndex.open(source)
        with index.snapshot() as faiss_index:
            parts.append(vectors.contents(faiss_index)[1])
        index.close()
    return np.vstack(parts)


def draw(
    real: np.ndarray, n: int, rng: np.random.Generator, out: np.ndarray | None = None
) -> np.ndarray:
    """``n`` vectors around ``real`` ones, into ``out`` (a memory map) if given."""
    out = np.empty((n, real.shape[1]), np.float32) if out is None else out
    for start in range(0, n, 100_000):
        rows = min(100_000, n - start)
        block = real[rng.integers(0, len(real), rows)] + rng.normal(0, NOISE, (rows, real.shape[1]))
        out[start : start + rows] = block / np.linalg.norm(block, axis=1, keepdims=True)
    return out


def queries(real: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """The council questions embedded, then noisy copies of real vectors."""
    from minutes_qa.index.encoder import load_encoder

    texts = []
    for path in (
        ROOT / "bench/council-queries.jsonl",
        ROOT.parent / "shared/eval/dev-queries.jsonl",
    ):
        if path.is_file():
            texts += [json.loads(line)["query"] for line in path.read_text().splitlines() if line]
    asked = load_encoder(runtime="onnx", threads=2).encode_batch(texts[:QUERIES])
    return np.vstack([asked, draw(real, QUERIES - len(asked), rng)]).astype(np.float32)


def exact_top(data: np.ndarray, qs: np.ndarray, k: int) -> np.ndarray:
    """Positions of the k nearest, by brute force in blocks (read from disk
    block by block when ``data`` is a memory map)."""
    best_s = np.full((len(qs), k), -np.inf, np.float32)
    best_i = np.zeros((len(qs), k), np.int64)
    for start in range(0, len(data), 200_000):
        scores = qs @ data[start : start + 200_000].T
        top = np.argpartition(-scores, k, axis=1)[:, :k]
        s = np.take_along_axis(scores, top, 1)
        all_s, all_i = np.hstack([best_s, s]), np.hstack([best_i, top + start])
        keep = np.argsort(-all_s, axis=1)[:, :k]
        best_s, best_i = np.take_along_axis(all_s, keep, 1), np.take_along_axis(all_i, keep, 1)
    return best_i


def rescored(index: faiss.Index, rescore: int) -> Search:
    """A search of the compressed layout re-scoring ``rescore``·k candidates,
    with the cells the layout searches."""
    n = index.ntotal
    nprobe = math.ceil(
        vectors.cells_of(index) * max(vectors.NPROBE_SHARE, vectors.NPROBE_VECTORS / n)
    )
    params = compressed.search_parameters(index, None, nprobe, rescore)

    def search(q: np.ndarray, k: int) -> list[int]:
        return index.search(q.reshape(1, -1), k, params=params)[1][0].tolist()

    return search


def layout_search(index: faiss.Index) -> Search:
    return lambda q, k: [i for i, _ in vectors.search(index, q, k)]


def measure(search: Search, qs: np.ndarray, truth: np.ndarray) -> dict:
    """recall@10 of a k=10 search; of the retriever's pool (k=100): its top
    10 against the true top 10, and recall@100; p50/p99 of the k=100 search."""
    alone, pool10, pool100, times = [], [], [], []
    for q, t in zip(qs, truth, strict=True):
        alone.append(len(set(search(q, 10)) & set(t[:10].tolist())) / 10)
        started = time.perf_counter()
        found = search(q, POOL)
        times.append((time.perf_counter() - started) * 1000)
        pool10.append(len(set(found[:10]) & set(t[:10].tolist())) / 10)
        pool100.append(len(set(found) & set(t.tolist())) / POOL)
    return {"recall": float(np.mean(alone)), "pool10": float(np.mean(pool10)),
            "pool100": float(np.mean(pool100)), "p50": float(np.percentile(times, 50)),
            "p99": float(np.percentile(times, 99))}  # fmt: skip


def probe(path: Path, qs_path: Path, truth_path: Path) -> None:
    """In a fresh process: map the file, search, report memory and figures."""
    set_threads(2)
    # Only this file's pages leave the page cache: what the queries touch
    # then shows in RssFile.
    with path.open("rb") as handle:
        os.posix_fadvise(handle.fileno(), 0, 0, os.POSIX_FADV_DONTNEED)
    index = vectors.load(path, mmap=True)
    qs, truth = np.load(qs_path), np.load(truth_path)
    result = measure(layout_search(index), qs, truth)
    status = Path("/proc/self/status").read_text()
    for key in ("VmRSS", "RssAnon", "RssFile", "VmHWM"):
        result[key] = int(status.split(f"{key}:")[1].split()[0]) / 1024
    # The same queries again: the pages they read are in memory now.
    warm = measure(layout_search(index), qs, truth)
    result["warm50"], result["warm99"] = warm["p50"], warm["p99"]
    print(json.dumps(result))


def rss_anon_mb() -> float:
    status = Path("/proc/self/status").read_text()
    return int(status.split("RssAnon:")[1].split()[0]) / 1024


class AnonPeak:
    """The peak of this process's anonymous resident memory, sampled every
    0.2 s: what it must hold. Pages of the mapped vectors' file are left
    out (the page cache can drop them; getrusage's peak counts them)."""

    def __init__(self) -> None:
        self.peak = rss_anon_mb()
        threading.Thread(target=self._sample, daemon=True).start()

    def _sample(self) -> None:
        while True:
            self.peak = max(self.peak, rss_anon_mb())
            time.sleep(0.2)

    def __str__(self) -> str:
        return f"{max(self.peak, rss_anon_mb()):,.0f} MB"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", type=int, default=1_000_000)
    parser.add_argument("--sources", type=Path, nargs="+", default=[ROOT / "bench/out/kent-index"])
    parser.add_argument("--opq", action="store_true", help="also OPQ (training is slow)")
    parser.add_argument("--no-variants", action="store_true", help="only the layouts")
    parser.add_argument("--no-layouts", action="store_true", help="only the variants")
    parser.add_argument(
        "--layouts", nargs="+", choices=LAYOUTS, default=list(LAYOUTS), help="which layouts"
    )
    parser.add_argument(
        "--work", type=Path, default=ROOT / "bench/out", help="where the vectors and files go"
    )
    parser.add_argument("--probe", type=Path, nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.probe:
        return probe(*args.probe)
    set_threads(2)
    peak = AnonPeak()
    averages = " ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"load average at the start (other jobs on this machine): {averages}")
    rng = np.random.default_rng(0)
    real = real_vectors(args.sources)
    n = args.size
    with tempfile.TemporaryDirectory(dir=args.work) as tmp:
        started = time.perf_counter()
        drawn = np.lib.format.open_memmap(f"{tmp}/data.npy", "w+", np.float32, (n, 384))
        draw(real, n, rng, drawn).flush()
        del drawn
        data = np.load(f"{tmp}/data.npy", mmap_mode="r")
        print(f"drawn into a mapped file in {time.perf_counter() - started:.0f} s "
              f"({n * 384 * 4 / 2**20:,.0f} MB on disk)")  # fmt: skip
        ids = np.arange(n, dtype=np.int64)
        qs = queries(real, rng)
        started = time.perf_counter()
        truth = exact_top(data, qs, POOL)
        print(f"exact top {POOL} of {len(qs)} queries by brute force over the file: "
              f"{time.perf_counter() - started:.0f} s")  # fmt: skip
        cells = vectors.cells_for(n, 0)
        print(f"{n:,} synthetic vectors around {len(real):,} real ones; {cells:,} cells; "
              f"{len(qs)} queries; peak anonymous memory so far {peak}")  # fmt: skip
        if not args.no_variants:
            variants(ids, data, qs, truth, cells, args.opq)
        if not args.no_layouts:
            layouts(ids, data, qs, truth, Path(tmp), args.layouts, peak)


def variants(
    ids: np.ndarray, data: np.ndarray, qs: np.ndarray, truth: np.ndarray, cells: int, opq: bool
) -> None:
    print(
        "\nvariants, built and searched here (nprobe as the layout searches); recall@10 of a "
        f"k=10 search, of the top 10 of a k={POOL} search, recall@{POOL}; ms at k={POOL}:"
    )
    print(f"  {'variant':<26} {'@10':>6} {'pool10':>6} {'pool100':>7} {'p50':>6} {'p99':>6} "
          f"{'build s':>7}")  # fmt: skip
    for code_bytes, with_opq in [(48, False), (96, False)] + ([(48, True)] if opq else []):
        started = time.perf_counter()
        index = compressed.build(384, ids, data, cells, opq=with_opq, code_bytes=code_bytes)
        built = time.perf_counter() - started
        for rescore in (1, 2, 4, 8):
            m = measure(rescored(index, rescore), qs, truth)
            variant = f"{code_bytes} B/code{' +OPQ' if with_opq else ''}, re-score {rescore}×k"
            print(f"  {variant:<26} {m['recall']:>6.3f} {m['pool10']:>6.3f} {m['pool100']:>7.3f} "
                  f"{m['p50']:>6.1f} {m['p99']:>6.1f} {built:>7.0f}")  # fmt: skip
        del index


def write_layout(name: str, ids: np.ndarray, data: np.ndarray, path: Path) -> None:
    """The layout's file, as the product writes it."""
    if name == "ivfpq":
        # What an ingest's commit does (vectors.save_fitted): codes in memory,
        # the exact vectors copied from the file chunk by chunk.
        compressed.write(path, ids, data, vectors.cells_for(len(ids), 0))
        return
    index = vectors.build(384, ids, data, cells=0 if name == "exact" else None, flat_max=0)
    vectors.save(index, path)


def layouts(
    ids: np.ndarray,
    data: np.ndarray,
    qs: np.ndarray,
    truth: np.ndarray,
    tmp: Path,
    names: list[str],
    peak: AnonPeak,
) -> None:
    print("\nlayouts, each mapped by a fresh process (as the server maps it):")
    print(f"{'layout':<34} {'@10':>6} {'pool10':>6} {'pool100':>7} {'cold p50/p99 ms':>15} "
          f"{'warm p50/p99 ms':>15} {'anon MB':>7} {'touched MB':>10} {'disk MB':>7} "
          f"{'build s':>7} {'build peak':>13}")  # fmt: skip
    np.save(tmp / "q.npy", qs)
    np.save(tmp / "t.npy", truth)
    for name in names:
        started = time.perf_counter()
        path = tmp / "v.faiss"
        write_layout(name, ids, data, path)
        built = time.perf_counter() - started
        out = subprocess.run(
            [sys.executable, __file__, "--probe", str(path), f"{tmp}/q.npy", f"{tmp}/t.npy"],
            capture_output=True, text=True, check=True,
        )  # fmt: skip
        m = json.loads(out.stdout.strip().splitlines()[-1])
        cold, warm = (
            f"{m['p50']:.1f} / {m['p99']:.1f}",
            f"{m['warm50']:.1f} / {m['warm99']:.1f}",
        )
        print(f"{LAYOUTS[name]:<34} {m['recall']:>6.3f} {m['pool10']:>6.3f} {m['pool100']:>7.3f} "
              f"{cold:>15} {warm:>15} {m['RssAnon']:>7.0f} {m['RssFile']:>10.0f} "
              f"{path.stat().st_size / 2**20:>7.0f} {built:>7.0f} {str(peak):>13}")  # fmt: skip
        print(f"  (the searching process: peak {m['VmHWM']:,.0f} MB resident, of which file "
              f"pages {m['RssFile']:,.0f} MB)")  # fmt: skip
        path.unlink()
    print("(anon: the process's own memory; touched: pages of the mapped file that the "
          f"{len(qs)} queries read, from a cold start; build peak: this process's peak "
          "anonymous memory so far, the mapped vectors' pages left out)")  # fmt: skip


if __name__ == "__main__":
    main()
