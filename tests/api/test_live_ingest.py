"""A real server keeps answering while another process ingests into its
index, and serves the new generation once committed: no restart, no failed
request."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

import httpx
import pytest

from minutes_qa.api.app import create_app
from minutes_qa.corpus.load import load
from minutes_qa.index.encoder import HashingEncoder
from minutes_qa.index.passage_index import PassageIndex
from minutes_qa.settings import Settings
from tests.conftest import ROOT, SAMPLE, SAMPLE_PASSAGES, live_server
from tests.index.test_crash import write_batch


@pytest.fixture
def server(tmp_path: Path):
    encoder = HashingEncoder(128)
    folder = tmp_path / "index"
    index = PassageIndex.open_or_create(folder, encoder)
    index.ingest(load([SAMPLE]), encoder)
    index.close()
    app = create_app(Settings(index=folder, rate_limit=0), encoder=encoder)
    with live_server(app) as url:
        yield folder, url


def test_answers_during_an_ingest_and_then_serves_it(server, tmp_path: Path):
    folder, url = server
    batch = [write_batch(tmp_path / f"batch-{n}", n, documents=120) for n in range(3)]
    statuses: Counter[int] = Counter()
    # Per client: four clients' answers reach one shared list in any order,
    # but each client, reading one after the other, must never go back.
    generations: dict[int, list[int]] = {n: [] for n in range(4)}
    stop = threading.Event()

    def client(n: int) -> None:
        with httpx.Client(base_url=url, timeout=30) as http:
            while not stop.is_set():
                for path, params in (
                    ("/api/v1/search", {"q": "lighting budget", "k": 5}),
                    ("/api/v1/ask", {"q": "what about the war memorial?"}),
                    ("/api/v1/health", {}),
                ):
                    response = http.get(path, params=params)
                    statuses[response.status_code] += 1
                    if path.endswith("health") and response.status_code == 200:
                        generations[n].append(response.json()["generation"])

    clients = [threading.Thread(target=client, args=(n,)) for n in range(4)]
    for c in clients:
        c.start()
    worker = subprocess.run(
        [sys.executable, "-m", "tests.index.crash_worker", str(folder), *map(str, batch)],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    time.sleep(0.5)  # requests keep coming after the commit
    stop.set()
    for c in clients:
        c.join()
    assert worker.returncode == 0, worker.stderr
    assert set(statuses) == {200}, statuses
    for seen in generations.values():
        assert seen[0] == 1 and seen[-1] == 2
        assert seen == sorted(seen)  # never back to an older generation
    stats = httpx.get(f"{url}/api/v1/stats").json()
    added = sum(len(d.passages) for d in load(batch))
    assert stats["passages"] == SAMPLE_PASSAGES + added
    print(f"{sum(statuses.values())} requests during the ingest, all 200")
