"""Search at archive scale: latency through HTTP, memory, disk, recall, cold start.

    python bench/scale.py [--source bench/out/index] [--sizes 10000 100000 1000000]

Builds one index per size from a real index (``--source``, the whole shared
corpus by default): up to the source's size, its own passages and vectors;
beyond it, the passages again (same texts, new ids) with *synthetic* vectors,
each a real vector plus Gaussian noise (cosine ≈ 0.9 to its original), which
the output says. For each size it prints:

- the bare FAISS search time (k = 100, the retriever's pool) of the layout the
  index chose, and recall@10 of that layout against exact search;
- HTTP latency p50/p95/p99 of ``GET /api/v1/search`` on a real server
  (``minutes-qa serve``), with 1 client and with 8 concurrent clients, the
  queries per second and errors; the server's peak RSS; the folder's size;
- cold start: from starting ``minutes-qa serve`` to the first answered search.
"""

from __future__ import annotations

import argparse
import http.client
import json
import math
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

import faiss
import numpy as np

from minutes_qa.index import vectors
from minutes_qa.index.encoder import load_encoder
from minutes_qa.index.manifest import read_manifest, write_manifest
from minutes_qa.index.passage_index import STORE, PassageIndex
from minutes_qa.index.store import Store
from minutes_qa.settings import set_threads

ROOT = Path(__file__).resolve().parent.parent
NOISE = 0.0247  # per dimension: cosine ≈ 1/√(1 + 384·σ²) ≈ 0.9 to the original
POOL = 100


def build(source: Path, size: int, folder: Path) -> bool:
    """An index of ``size`` passages at ``folder``; True when vectors are synthetic."""
    src = PassageIndex.open(source)
    with src.snapshot() as faiss_index:
        ids, data = vectors.contents(faiss_index)
    order = np.argsort(ids)
    ids, data = ids[order], data[order]
    n = len(ids)
    copies = math.ceil(size / n)
    offset = int(10 ** math.ceil(math.log10(ids.max() + 1)))
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    store = Store(folder / STORE)
    db = store.db
    db.execute("ATTACH DATABASE ? AS src", (str(source / STORE),))
    db.execute("BEGIN")
    for table in ("meetings", "documents", "sources"):
        db.execute(f"INSERT INTO {table} SELECT * FROM src.{table}")
    columns = (
        "doc_id, position, kind, form, text, lead_in, item_index, item_number, item_title, "
        "restricted, embed_hash"
    )
    all_ids, all_data = [], []
    rng = np.random.default_rng(0)
    for copy in range(copies):
        take = min(n, size - copy * n)
        db.execute(
            f"INSERT INTO passages (vec_id, id, {columns}) "
            f"SELECT vec_id + ?, id || ?, {columns} FROM src.passages "
            "WHERE vec_id <= ? ORDER BY vec_id",
            (copy * offset, f"~{copy}" if copy else "", int(ids[take - 1])),
        )
        block = data[:take]
        if copy:
            block = block + rng.normal(0, NOISE, block.shape).astype(np.float32)
            block /= np.linalg.norm(block, axis=1, keepdims=True)
        all_ids.append(ids[:take] + copy * offset)
        all_data.append(block)
    started = time.perf_counter()
    index = vectors.build(src.manifest.dimension, np.concatenate(all_ids), np.vstack(all_data))
    spent = time.perf_counter() - started
    print(f"  built {vectors.layout_name(index)} of {index.ntotal:,} in {spent:.0f} s")
    vectors.save(index, folder / "vectors-1.faiss")
    store.set_generation(1, vectors.layout_name(index))
    db.execute("COMMIT")
    db.execute("DETACH DATABASE src")
    manifest = read_manifest(source)
    manifest.generation, manifest.vectors = 1, "vectors-1.faiss"
    manifest.index_type = vectors.layout_name(index)
    manifest.counts = {"passages": size}
    write_manifest(folder, manifest)
    store.close()
    src.close()
    return copies > 1


def questions(count: int) -> list[str]:
    """Whole-sentence questions: the council dev questions and QMSum's
    annotators' questions, which are long and natural ("What did the
    Minister say about the challenges schools face in reopening safely?")."""
    found = []
    for path in (
        ROOT / "bench" / "council-queries.jsonl",
        ROOT.parent / "shared" / "eval" / "dev-queries.jsonl",
    ):
        if path.is_file():
            found += [json.loads(line)["query"] for line in path.read_text().splitlines() if line]
    qmsum = ROOT / "bench" / "out" / "qmsum-queries.jsonl"
    if qmsum.is_file():
        found += [json.loads(line)["query"] for line in qmsum.read_text().splitlines() if line]
    random.Random(7).shuffle(found)
    return (found * (count // max(len(found), 1) + 1))[:count]


def queries(source: Path, count: int) -> list[str]:
    """The dev queries, then short phrases cut from random passages."""
    found = []
    dev = ROOT.parent / "shared" / "eval" / "dev-queries.jsonl"
    if dev.is_file():
        found = [json.loads(line)["query"] for line in dev.read_text().splitlines() if line]
    db = Store(source / STORE).db
    rng = random.Random(7)
    texts = [r[0] for r in db.execute("SELECT text FROM passages ORDER BY random() LIMIT 2000")]
    while len(found) < count:
        words = rng.choice(texts).split()
        start = rng.randrange(max(1, len(words) - 6))
        found.append(" ".join(words[start : start + rng.randint(2, 6)]))
    return found[:count]


def percentiles(values: list[float]) -> tuple[float, float, float]:
    q = statistics.quantiles(values, n=100, method="inclusive")
    return q[49], q[94], q[98]


def faiss_figures(folder: Path, query_vectors: np.ndarray) -> dict[str, object]:
    index = vectors.load(folder / "vectors-1.faiss", mmap=False)
    times = []
    for q in query_vectors:
        started = time.perf_counter()
        vectors.search(index, q, POOL)
        times.append((time.perf_counter() - started) * 1000)
    out: dict[str, object] = {"layout": vectors.layout_name(index), "faiss_ms": percentiles(times)}
    if vectors.cells_of(index):
        ids, data = vectors.contents(index)
        exact = faiss.IndexFlatIP(index.d)
        exact.add(data)
        truth = exact.search(query_vectors, 10)[1]
        for nprobe in (None, 64, 128, 256, 512, 1024):
            hits, spent = 0, []
            for q, true in zip(query_vectors, truth, strict=True):
                started = time.perf_counter()
                got = {i for i, _ in vectors.search(index, q, 10, nprobe=nprobe)}
                spent.append((time.perf_counter() - started) * 1000)
                hits += len(got & set(ids[true].tolist()))
            out[f"recall@10 nprobe={nprobe or 'default'}"] = (
                hits / (10 * len(query_vectors)),
                statistics.median(spent),
            )
    return out


@dataclass
class Load:
    latencies: list[float] = field(default_factory=list)
    errors: int = 0
    seconds: float = 0.0


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(folder: Path, port: int, env: dict[str, str]) -> subprocess.Popen:
    return subprocess.Popen(
        [ROOT / ".venv/bin/minutes-qa", "serve", "--index", str(folder), "--port", str(port)],
        env={**os.environ, "MINUTES_QA_RATE_LIMIT": "0", **env},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def wait_for_search(port: int, limit: float = 120.0) -> float:
    started = time.perf_counter()
    while time.perf_counter() - started < limit:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            conn.request("GET", "/api/v1/search?q=budget")
            if conn.getresponse().status == 200:
                return time.perf_counter() - started
        except OSError:
            time.sleep(0.05)
    raise RuntimeError("server did not answer")


def timed_get(
    conn: http.client.HTTPConnection, path: str
) -> tuple[http.client.HTTPConnection, bool, float]:
    """One GET on a kept-alive connection: the connection to use next (a new
    one after a failure), whether it answered 200, and the milliseconds taken."""
    started = time.perf_counter()
    try:
        conn.request("GET", path)
        response = conn.getresponse()
        response.read()
        ok = response.status == 200
    except OSError:
        ok = False
        conn = http.client.HTTPConnection(conn.host, conn.port, timeout=60)
    return conn, ok, (time.perf_counter() - started) * 1000


def run_clients(port: int, texts: list[str], clients: int, per_client: int) -> Load:
    load = Load()
    lock = threading.Lock()

    def client(offset: int) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        for n in range(per_client):
            q = texts[(offset * per_client + n) % len(texts)]
            path = "/api/v1/search?" + urllib.parse.urlencode({"q": q, "k": 10})
            conn, ok, spent = timed_get(conn, path)
            with lock:
                load.latencies.append(spent)
                load.errors += not ok

    threads = [threading.Thread(target=client, args=(c,)) for c in range(clients)]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    load.seconds = time.perf_counter() - started
    return load


def peak_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def folder_mb(folder: Path) -> float:
    return sum(f.stat().st_size for f in folder.iterdir() if f.is_file()) / 1e6


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--source", type=Path, default=ROOT / "bench/out/index")
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--out", type=Path, default=ROOT / "bench/out/scale")
    parser.add_argument("--requests", type=int, default=200, help="per load run")
    parser.add_argument("--reuse", action="store_true", help="keep indexes already built")
    parser.add_argument(
        "--questions",
        action="store_true",
        help="whole-sentence questions (bench/out/qmsum-queries.jsonl: run make eval first) "
        "instead of the dev queries and short phrases",
    )
    args = parser.parse_args()
    set_threads(2)
    encoder = load_encoder()
    texts = questions(400) if args.questions else queries(args.source, 400)
    query_vectors = encoder.encode_batch(texts[:200])
    rows = []
    for size in args.sizes:
        folder = args.out / f"{size}"
        print(f"size {size:,}")
        synthetic = False
        if not (args.reuse and (folder / "manifest.json").is_file()):
            synthetic = build(args.source, size, folder)
        else:
            synthetic = size > Store(args.source / STORE).stats(True).passages
        figures = faiss_figures(folder, query_vectors)
        port = free_port()
        server = start_server(folder, port, {})
        try:
            cold = wait_for_search(port)
            run_clients(port, texts, 1, 20)  # warm up
            one = run_clients(port, texts, 1, args.requests)
            eight = run_clients(port, texts[::-1], 8, args.requests // 4)
            rss = peak_rss_mb(server.pid)
        finally:
            server.terminate()
            server.wait()
        row = {
            "size": size,
            "synthetic": synthetic,
            "cold_start_s": cold,
            "one": (percentiles(one.latencies), len(one.latencies) / one.seconds, one.errors),
            "eight": (
                percentiles(eight.latencies),
                len(eight.latencies) / eight.seconds,
                eight.errors,
            ),
            "rss_mb": rss,
            "disk_mb": folder_mb(folder),
            **figures,
        }
        rows.append(row)
        print(json.dumps(row, default=str))
    report(rows)


def report(rows: list[dict]) -> None:
    print()
    print(
        f"{'passages':>10} {'vectors':>9} {'layout':>6} {'FAISS p50':>9} "
        f"{'1 client p50/p95/p99 ms':>24} {'q/s':>5} {'8 clients p50/p95/p99 ms':>25} "
        f"{'q/s':>5} {'errors':>6} {'RSS MB':>7} {'disk MB':>7} {'cold s':>6}"
    )
    for r in rows:
        one, eight = r["one"], r["eight"]
        print(
            f"{r['size']:>10,} {'synthetic' if r['synthetic'] else 'real':>9} {r['layout']:>6} "
            f"{r['faiss_ms'][0]:>9.2f} "
            f"{'/'.join(f'{v:.0f}' for v in one[0]):>24} {one[1]:>5.1f} "
            f"{'/'.join(f'{v:.0f}' for v in eight[0]):>25} {eight[1]:>5.1f} "
            f"{one[2] + eight[2]:>6} {r['rss_mb']:>7.0f} {r['disk_mb']:>7.0f} "
            f"{r['cold_start_s']:>6.1f}"
        )
    for r in rows:
        for key, value in r.items():
            if key.startswith("recall"):
                print(f"  {r['size']:,} {key}: {value[0]:.3f} ({value[1]:.2f} ms)")


if __name__ == "__main__":
    sys.exit(main())
