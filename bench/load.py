"""Load test: 16 clients for 60 s of mixed requests while an ingest runs.

    python bench/load.py [--index bench/out/scale/100000] [--clients 16] [--seconds 60]

Copies the index (10^5 passages, built by bench/scale.py), serves it with
``minutes-qa serve`` and runs ``--clients`` concurrent clients, each with
its own connection, sending search (50 %), ask (25 %) and passage (25 %)
requests until ``--seconds`` have passed or it has sent ``--max-requests``.
Meanwhile ``minutes-qa ingest`` adds new minutes to the same index. Prints
requests served, errors, p50/p99 latency per kind, the server's peak RSS, and
the generation served before and after. The rate limit is off for the run:
all clients share one address, and a limit per address would refuse them.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from scale import (
    free_port,
    peak_rss_mb,
    percentiles,
    queries,
    start_server,
    timed_get,
    wait_for_search,
)

from minutes_qa.index.store import Store

ROOT = Path(__file__).resolve().parent.parent
WORDS = (
    "lighting footpath allotment drainage budget precept playground verge hedge cemetery "
    "bench litter grant planning licence parking shelter flood gully lamp memorial clerk"
).split()


def new_minutes(folder: Path, documents: int) -> Path:
    """Minutes files that are not in the index yet."""
    rng = random.Random(11)
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(documents):
        paragraphs = "\n\n".join(
            " ".join(rng.choice(WORDS) for _ in range(rng.randint(10, 40))).capitalize() + "."
            for _ in range(8)
        )
        (folder / f"load-{n}.md").write_text(
            f"---\ncouncil: Loadtest Parish Council\ncommittee: Full Council\n"
            f"date: 2025-{1 + n % 12:02d}-{1 + n % 28:02d}\n---\n\n{n + 1}. Item {n}\n\n"
            f"{paragraphs}\n"
        )
    return folder


def get_json(port: int, path: str) -> dict:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    conn.request("GET", path)
    return json.loads(conn.getresponse().read())


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--index", type=Path, default=ROOT / "bench/out/scale/100000")
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--max-requests", type=int, default=5000, help="per client")
    parser.add_argument("--documents", type=int, default=200, help="ingested during the run")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="minutes-qa-load-"))
    folder = work / "index"
    shutil.copytree(args.index, folder)
    texts = queries(folder, 300)
    ids = [r[0] for r in Store(folder / "store.sqlite").db.execute(
        "SELECT id FROM passages ORDER BY random() LIMIT 500"
    )]  # fmt: skip
    port = free_port()
    server = start_server(folder, port, {})
    latencies: dict[str, list[float]] = defaultdict(list)
    errors: dict[str, int] = defaultdict(int)
    lock = threading.Lock()
    try:
        cold = wait_for_search(port)
        before = get_json(port, "/api/v1/health")
        deadline = time.perf_counter() + args.seconds

        def client(seed: int) -> None:
            rng = random.Random(seed)
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            for _ in range(args.max_requests):
                if time.perf_counter() > deadline:
                    return
                kind = rng.choice(["search", "search", "ask", "passage"])
                if kind == "passage":
                    path = "/api/v1/passages/" + urllib.parse.quote(rng.choice(ids))
                else:
                    path = f"/api/v1/{kind}?" + urllib.parse.urlencode({"q": rng.choice(texts)})
                conn, ok, spent = timed_get(conn, path)
                with lock:
                    latencies[kind].append(spent)
                    errors[kind] += not ok

        threads = [threading.Thread(target=client, args=(n,)) for n in range(args.clients)]
        minutes = new_minutes(work / "new", args.documents)
        started = time.perf_counter()
        for t in threads:
            t.start()
        ingest = subprocess.Popen(
            [ROOT / ".venv/bin/minutes-qa", "ingest", str(minutes), "--index", str(folder)],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        for t in threads:
            t.join()
        run = time.perf_counter() - started
        ingest_out, _ = ingest.communicate()
        ingest_s = time.perf_counter() - started
        after = get_json(port, "/api/v1/health")
        rss = peak_rss_mb(server.pid)
    finally:
        server.terminate()
        server.wait()
        shutil.rmtree(work, ignore_errors=True)

    served = sum(len(v) for v in latencies.values())
    everything = [x for v in latencies.values() for x in v]
    print(
        f"{args.clients} clients, {run:.0f} s, index of {before['passages']:,} passages "
        f"(cold start {cold:.1f} s); rate limit off"
    )
    print(f"{'requests':<10} {'served':>7} {'errors':>6} {'p50 ms':>7} {'p99 ms':>7}")
    for kind in ("search", "ask", "passage"):
        p50, _, p99 = percentiles(latencies[kind])
        print(f"{kind:<10} {len(latencies[kind]):>7} {errors[kind]:>6} {p50:>7.0f} {p99:>7.0f}")
    p50, _, p99 = percentiles(everything)
    print(f"{'all':<10} {served:>7} {sum(errors.values()):>6} {p50:>7.0f} {p99:>7.0f}")
    print(f"throughput {served / run:.1f} requests/s; server peak RSS {rss:.0f} MB")
    print(
        f"ingest during the run: exit {ingest.returncode} after {ingest_s:.0f} s; generation "
        f"served {before['generation']} -> {after['generation']}, passages "
        f"{before['passages']:,} -> {after['passages']:,}"
    )
    if ingest.returncode:
        print(ingest_out)


if __name__ == "__main__":
    os.environ.setdefault("MINUTES_QA_RATE_LIMIT", "0")
    main()
