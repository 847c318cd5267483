"""Kill ingests at random moments (SIGKILL) and check what is left.

Every time: the index opens, it holds exactly a committed generation (the
passages from before the ingest, or all of them after it), every passage has
exactly one vector and every vector a passage, the manifest names the store's
generation, search works; re-running the ingest completes it.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

from minutes_qa.corpus.load import load
from minutes_qa.corpus.model import Document
from minutes_qa.index import vectors
from minutes_qa.index.encoder import HashingEncoder
from minutes_qa.index.manifest import read_manifest
from minutes_qa.index.passage_index import PassageIndex
from tests.conftest import ROOT, SAMPLE, SAMPLE_PASSAGES

pytestmark = pytest.mark.slow

KILLS = 24
WORDS = (
    "lighting footpath allotment drainage budget precept playground verge hedge cemetery "
    "bench litter grant planning licence parking bus shelter flood gully lamp war memorial"
).split()


def write_batch(folder: Path, batch: int, documents: int = 60) -> Path:
    """``documents`` small minutes files, different in every batch."""
    rng = random.Random(batch)
    folder.mkdir(parents=True)
    for n in range(documents):
        paragraphs = [
            " ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 40))).capitalize() + "."
            for _ in range(rng.randint(3, 12))
        ]
        body = "\n\n".join(paragraphs)
        (folder / f"b{batch}-{n}.md").write_text(
            f"---\ncouncil: Test Parish Council\ncommittee: Full Council\n"
            f"date: 2024-{1 + n % 12:02d}-{1 + batch % 28:02d}\n---\n\n"
            f"Minutes\n\n{n + 1}. Item {batch}-{n}\n\n{body}\n"
        )
    return folder


def run_worker(folder: Path, paths: list[Path], crash_at: str = "") -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "tests.index.crash_worker", str(folder), *map(str, paths)],
        cwd=ROOT,
        env={**os.environ, "CRASH_AT": crash_at},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def check(folder: Path, encoder: HashingEncoder, allowed_counts: set[int]) -> int:
    index = PassageIndex.open(folder, encoder)
    try:
        with index.snapshot() as faiss_index:
            generation = index.store.generation()
            count = index.store.db.execute("SELECT count(*) FROM passages").fetchone()[0]
            vec_ids = {r[0] for r in index.store.db.execute("SELECT vec_id FROM passages")}
            ids, _ = vectors.contents(faiss_index)
        assert count in allowed_counts, (count, allowed_counts)
        assert len(ids) == len(set(ids.tolist())) == count  # one vector each
        assert set(ids.tolist()) == vec_ids  # and no vector without its passage
        assert read_manifest(folder).generation == generation
        hits = index.search_by_vector(encoder.encode_batch(["lighting budget"])[0], 3)
        assert len(hits) == min(3, count)
        return count
    finally:
        index.close()


def test_killed_ingests_leave_a_committed_generation(tmp_path: Path, hashing):
    encoder = HashingEncoder(128)
    folder = tmp_path / "index"
    rng = random.Random(2026)
    # The first ingest, whole: its duration sets the range of kill times.
    started = time.perf_counter()
    assert run_worker(folder, [SAMPLE]).wait() == 0
    duration = time.perf_counter() - started
    current = check(folder, encoder, {SAMPLE_PASSAGES})
    phases = {
        "at a random time": 0,
        "in an SQLite statement": 0,
        "writing vectors": 0,
        "just after the commit": 0,
    }
    outcomes = {"before": 0, "after": 0}
    # A quarter each: at a random time, at a random SQLite statement, part-way
    # through writing the FAISS file, just after the commit.
    ways = ["time", "sql", "faiss", "commit"] * (KILLS // 4)
    rng.shuffle(ways)
    for batch, way in enumerate(ways):
        paths = [write_batch(tmp_path / f"batch-{batch}", batch)]
        crash_at = {
            "time": "",
            "sql": f"sql:{rng.randint(1, 900)}",
            "faiss": f"faiss:{rng.random():.3f}",
            "commit": "commit",
        }[way]
        worker = run_worker(folder, paths, crash_at)
        if way == "time":
            time.sleep(rng.uniform(0.0, 1.5 * duration))
            os.kill(worker.pid, signal.SIGKILL)
        assert worker.wait() in (-signal.SIGKILL, 0)
        phases[list(phases)[["time", "sql", "faiss", "commit"].index(way)]] += 1
        left = check(folder, encoder, {current} | _after(paths, current))
        outcomes["before" if left == current else "after"] += 1
        # Re-running the ingest completes it.
        assert run_worker(folder, paths).wait() == 0
        current = check(folder, encoder, _after(paths, current))
    print(
        f"{KILLS} kills: {phases}; left as before the ingest {outcomes['before']}, "
        f"as after it {outcomes['after']}"
    )
    assert outcomes["before"] and outcomes["after"]
    assert not list(folder.glob("*.tmp"))


def _after(paths: list[Path], before: int) -> set[int]:
    """The passage count once ``paths`` are in (computed by reading them)."""
    added = sum(len(d.passages) for d in load(paths) if isinstance(d, Document))
    return {before + added}


def test_vectors_file_of_an_uncommitted_generation_is_never_read(tmp_path: Path, hashing):
    """A half-written next generation (killed during the FAISS write) is ignored."""
    folder = tmp_path / "index"
    assert run_worker(folder, [SAMPLE]).wait() == 0
    (folder / "vectors-2.faiss.tmp").write_bytes(b"\x00" * 100)
    (folder / "vectors-2.faiss").write_bytes(np.zeros(10, np.uint8).tobytes())
    assert check(folder, HashingEncoder(128), {SAMPLE_PASSAGES}) == SAMPLE_PASSAGES


def limit_file_size(limit: int):
    """A file-size limit for the child: writes past it fail as on a full disk."""

    def apply() -> None:
        import resource

        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # fail the write, do not kill
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return apply


def test_a_full_disk_gives_a_clear_error_and_the_old_index(tmp_path: Path):
    folder = tmp_path / "index"
    assert run_worker(folder, [SAMPLE]).wait() == 0
    encoder = HashingEncoder(128)
    before = check(folder, encoder, {SAMPLE_PASSAGES})
    biggest = max(f.stat().st_size for f in folder.iterdir())
    paths = [write_batch(tmp_path / f"batch-{n}", n, documents=150) for n in range(3)]
    worker = subprocess.Popen(
        [sys.executable, "-m", "tests.index.crash_worker", str(folder), *map(str, paths)],
        cwd=ROOT,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=limit_file_size(biggest + 64 * 1024),
    )
    _, stderr = worker.communicate()
    assert worker.returncode == 2, stderr
    assert "could not write the index" in stderr and "is the disk full" in stderr
    assert "Traceback" not in stderr
    print(stderr.strip())
    assert check(folder, encoder, {before}) == before
    assert not list(folder.glob("*.tmp"))
    # With room again, the same ingest goes through.
    assert run_worker(folder, paths).wait() == 0
    check(folder, encoder, _after(paths, before))
