"""Ingest on a real Ray cluster (a head and a worker node started here):
the same index as a single-process ingest of the same files, and a worker
node killed mid-run loses and duplicates nothing."""

from __future__ import annotations

import functools
import json
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from minutes_qa.cli import main
from minutes_qa.corpus.load import load
from minutes_qa.index import vectors
from minutes_qa.index.encoder import HashingEncoder
from minutes_qa.index.passage_index import PassageIndex, ingest_into
from minutes_qa.index.rows import Filters
from minutes_qa.index.sharded import ShardedIndex
from minutes_qa.index.shards import ingest_sharded
from minutes_qa.qa.search import Searcher
from tests.conftest import DATA, SAMPLE, SAMPLE_PASSAGES
from tests.index.ray_cluster import ENV, Cluster, start_cluster
from tests.index.ray_encoders import PacedEncoder
from tests.index.test_crash import write_batch
from tests.index.test_shards import assert_same_top, queries
from tests.qa.test_sharded_search import assert_same_hits, questions

pytest.importorskip("ray", reason="the Ray extra is not installed: pip install .[ray]")

from minutes_qa.index.distributed import (  # noqa: E402 (needs the extra)
    DistributedIngestFailed,
    RayPlan,
    ray_ingest_into,
)
from minutes_qa.index.ray_shards import ray_shards  # noqa: E402

pytestmark = pytest.mark.slow

ARCHIVE = [SAMPLE, DATA]


@pytest.fixture(scope="module")
def cluster() -> Iterator[Cluster]:
    # The drivers (this process, the CLI's) as the nodes.
    with pytest.MonkeyPatch.context() as env:
        for name, value in ENV.items():
            env.setenv(name, value)
        running = start_cluster(head_cpus=2, worker_cpus=1)
        try:
            yield running
        finally:
            running.stop()


def contents(folder: Path) -> dict[str, tuple[int, np.ndarray]]:
    """Each passage id with its FAISS id and vector."""
    index = PassageIndex.open(folder)
    try:
        with index.snapshot() as faiss_index:
            ids, data = vectors.contents(faiss_index)
            names = dict(index.store.db.execute("SELECT vec_id, id FROM passages").fetchall())
        assert len(set(ids.tolist())) == len(ids) == len(names)  # one vector each
        return {names[int(i)]: (int(i), v) for i, v in zip(ids, data, strict=True)}
    finally:
        index.close()


def assert_same_index(got: Path, want: Path) -> None:
    have, expected = contents(got), contents(want)
    assert sorted(have) == sorted(expected)
    for passage_id, (vec_id, vector) in expected.items():
        assert have[passage_id][0] == vec_id
        assert float(have[passage_id][1] @ vector) > 1 - 1e-5
    stats = [PassageIndex.open(f).stats(include_restricted=True).to_dict() for f in (got, want)]
    assert stats[0] == stats[1]


def report(r) -> dict[str, object]:
    return {k: v for k, v in r.to_dict().items() if k != "seconds"}


def test_distributed_ingest_equals_the_single_process_one(cluster: Cluster, tmp_path: Path):
    encoder = HashingEncoder(128)
    single = ingest_into(tmp_path / "single", load(ARCHIVE), encoder)
    plan = RayPlan(address=cluster.address, batch_size=32, read_batch=4)
    make = functools.partial(HashingEncoder, 128)
    spread = ray_ingest_into(tmp_path / "ray", ARCHIVE, encoder, make, plan)
    assert report(spread) == report(single)
    assert spread.passages_added > 100 and spread.failures  # tests/data holds bad files too
    assert_same_index(tmp_path / "ray", tmp_path / "single")
    # Again: nothing to read anew, nothing embedded, as with one process.
    again = ray_ingest_into(tmp_path / "ray", ARCHIVE, encoder, make, plan)
    assert report(again) == report(ingest_into(tmp_path / "single", load(ARCHIVE), encoder))
    assert again.embedded == again.added == 0 and again.unchanged == single.added


def test_the_cli_ingests_on_the_cluster_with_the_real_model(cluster: Cluster, tmp_path: Path):
    """``minutes-qa ingest --ray``: the default model's vectors, computed by
    the cluster's actors, equal those of one process within 1e-5 cosine."""
    cli = [sys.executable, "-m", "minutes_qa", "ingest", str(SAMPLE), "--json", "--index"]
    one = subprocess.run([*cli, str(tmp_path / "one")], capture_output=True, text=True)
    spread = subprocess.run(
        [*cli, str(tmp_path / "ray"), "--ray", cluster.address], capture_output=True, text=True
    )
    assert one.returncode == spread.returncode == 0, spread.stderr[-2000:]
    reports = [json.loads(run.stdout) for run in (one, spread)]
    for r in reports:
        r.pop("seconds")
    assert reports[0] == reports[1] and reports[0]["passages_added"] == SAMPLE_PASSAGES
    assert_same_index(tmp_path / "ray", tmp_path / "one")


def test_the_address_is_checked():
    with pytest.raises(SystemExit) as exit_code:
        main(["ingest", "--ray", str(SAMPLE)])
    assert exit_code.value.code == 2  # a path where the address goes: usage error


def test_shards_served_by_ray_actors_answer_as_one_index(cluster: Cluster, tmp_path: Path):
    """Each shard in an actor of its own (a process of its own): the
    merged top 10 is one index's, dense and hybrid."""
    import ray

    encoder = HashingEncoder(128)
    ingest_into(tmp_path / "one", load(ARCHIVE), encoder)
    ingest_sharded(tmp_path / "shards", load(ARCHIVE), encoder, by="hash", shards=3)
    one = PassageIndex.open(tmp_path / "one")
    ray.init(address=cluster.address, logging_level="WARNING", log_to_driver=False)
    try:
        sharded = ShardedIndex(ray_shards(sorted((tmp_path / "shards").iterdir())))
        for query in queries()[::3]:
            assert_same_top(sharded.search_by_vector(query, 10), one.search_by_vector(query, 10))
        # The product's hybrid search, the archive's keyword statistics sent to the actors.
        searcher, reference = Searcher(sharded, encoder), Searcher(one, encoder)
        for question in questions()[::2]:
            for f in (Filters(), Filters(council="Quillbury")):
                where = f"{question!r} {f}"
                assert_same_hits(
                    searcher.search(question, 10, f), reference.search(question, 10, f), where
                )
        assert sharded.stats() == one.stats()
        sharded.close()
    finally:
        ray.shutdown()
        one.close()


def test_the_api_serves_shards_held_by_ray_actors(cluster: Cluster, tmp_path: Path):
    """``minutes-qa serve --index ROOT --ray ADDRESS``: the app over actors
    answers searches as the app over one index."""
    from fastapi.testclient import TestClient

    from minutes_qa.api.app import create_app
    from minutes_qa.settings import Settings

    encoder = HashingEncoder(128)
    ingest_into(tmp_path / "one", load(ARCHIVE), encoder)
    ingest_sharded(tmp_path / "shards", load(ARCHIVE), encoder, by="hash", shards=3)
    apps = [
        create_app(Settings(index=tmp_path / "shards"), encoder, ray=cluster.address),
        create_app(Settings(index=tmp_path / "one"), encoder),
    ]
    with TestClient(apps[0]) as sharded, TestClient(apps[1]) as one:
        for params in ({"q": "CCTV monitoring centre"}, {"q": "planning", "council": "Quillbury"}):
            got, want = (
                c.get("/api/v1/search", params=params).json()["results"] for c in (sharded, one)
            )
            assert [r["score"] for r in got] == pytest.approx([r["score"] for r in want], abs=2e-6)
            assert got[0]["id"] == want[0]["id"]
        assert sharded.get("/api/v1/stats").json() == one.get("/api/v1/stats").json()


def test_a_worker_killed_mid_run_loses_and_duplicates_nothing(cluster: Cluster, tmp_path: Path):
    paths = [write_batch(tmp_path / f"minutes-{n}", n, documents=30) for n in range(2)]
    encoder = HashingEncoder(128)
    ingest_into(tmp_path / "single", load(paths), encoder)
    journal = tmp_path / "journal"
    journal.touch()
    make = functools.partial(PacedEncoder, 128, 0.01, journal)
    plan = RayPlan(address=cluster.address, workers=2, batch_size=16, retries=2)
    outcome: list[object] = []

    def run() -> None:
        try:
            outcome.append(ray_ingest_into(tmp_path / "ray", paths, encoder, make, plan))
        except DistributedIngestFailed as exc:
            outcome.append(exc)

    thread = threading.Thread(target=run)
    thread.start()
    worker = cluster.workers[0]
    deadline = time.monotonic() + 60
    # Kill the worker node once its encoder actor has embedded two batches.
    while time.monotonic() < deadline and thread.is_alive():
        pids = [int(line.split()[0]) for line in journal.read_text().splitlines()]
        if sum(cluster.runs(worker, pid) for pid in pids) >= 2:
            break
        time.sleep(0.05)
    assert thread.is_alive(), "the ingest ended before the worker could be killed"
    cluster.kill(worker)
    thread.join(120)
    assert not thread.is_alive() and outcome
    print(f"killed after {len(journal.read_text().splitlines())} batches: {outcome[0]!r:.200}")
    cluster.add_worker()
    if isinstance(outcome[0], DistributedIngestFailed):
        # Failed cleanly: nothing was committed, and a re-run completes it.
        assert not (tmp_path / "ray" / "vectors-1.faiss").exists()
        cluster.wait_for(3)
        ray_ingest_into(tmp_path / "ray", paths, encoder, make, plan)
    assert_same_index(tmp_path / "ray", tmp_path / "single")
    cluster.wait_for(3)
