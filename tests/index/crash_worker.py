"""Run one ingest in its own process, to be killed by tests/index/test_crash.py.

    python -m tests.index.crash_worker INDEX_DIR PATH [PATH ...]

With ``CRASH_AT=sql:N`` the process kills itself (SIGKILL) as SQLite starts
its N-th statement; with ``CRASH_AT=commit`` just after the commit, before
the manifest is rewritten; with ``CRASH_AT=faiss:F`` it writes the first
fraction F of the new vectors file and then kills itself, as a power cut
would.
"""

import os
import signal
import sys
from pathlib import Path

import faiss

from minutes_qa.corpus.load import load
from minutes_qa.index.encoder import HashingEncoder
from minutes_qa.index.errors import IndexProblem
from minutes_qa.index.passage_index import PassageIndex


def die() -> None:
    os.kill(os.getpid(), signal.SIGKILL)


def arm(index: PassageIndex, crash_at: str) -> None:
    mode, _, value = crash_at.partition(":")
    if mode == "sql":
        left = [int(value)]

        def count(statement: str) -> None:
            left[0] -= 1
            if left[0] <= 0:
                die()

        index.store.db.set_trace_callback(count)
    elif mode == "commit":
        state = {"writing": False, "committed": False}

        def after_commit(statement: str) -> None:
            # The write transaction's COMMIT, not a read snapshot's.
            if state["committed"]:
                die()
            word = statement.strip().upper()
            state["writing"] |= word == "BEGIN IMMEDIATE"
            state["committed"] = state["writing"] and word == "COMMIT"

        index.store.db.set_trace_callback(after_commit)
    elif mode == "faiss":
        write_index = faiss.write_index

        def half_write(vectors, path: str) -> None:
            write_index(vectors, path)
            size = os.path.getsize(path)
            with open(path, "r+b") as handle:
                handle.truncate(int(size * float(value)))
            die()

        faiss.write_index = half_write


if __name__ == "__main__":
    encoder = HashingEncoder(128)
    folder, *paths = (Path(a) for a in sys.argv[1:])
    index = PassageIndex.open_or_create(folder, encoder)
    if os.environ.get("CRASH_AT"):
        arm(index, os.environ["CRASH_AT"])
    try:
        report = index.ingest(load(paths), encoder)
    except IndexProblem as exc:
        print(exc, file=sys.stderr)
        sys.exit(2)
    print(report.generation, flush=True)
