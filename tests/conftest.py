"""Shared fixtures: the bundled sample, small encoders, built indexes."""

from __future__ import annotations

import shutil
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import uvicorn

from minutes_qa.corpus.load import load
from minutes_qa.index.encoder import HashingEncoder, load_encoder
from minutes_qa.index.passage_index import PassageIndex

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "sample"
DATA = Path(__file__).resolve().parent / "data"
SEED_2019 = SAMPLE / "bromsgrove" / "csp-scrutiny-2019-11-13.txt"
SEED_UNDATED = SAMPLE / "bromsgrove" / "csp-scrutiny-update-undated.txt"
# The bundled sample as the readers make it: 26 passages of the dated
# meeting, 27 of the undated one (tests/corpus/test_moderngov.py says which).
SAMPLE_PASSAGES = 53
SAMPLE_DATED = 26

# The keys the API and the CLI's --json promise: a search result, a passage,
# a citation.
RESULT_KEYS = {
    "id", "text", "score", "kind", "citation", "also_in", "highlights", "good_match", "permalink",
}  # fmt: skip
PASSAGE_KEYS = {"id", "text", "kind", "lead_in", "citation", "permalink"}
CITATION_KEYS = {
    "council", "committee", "meeting_title", "meeting_date", "item_number", "item_title",
    "source", "position",
}  # fmt: skip


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test that loads the real model, directly or through an index
    built with it, carries the ``model`` marker (``make test-fast`` leaves
    them out)."""
    for item in items:
        if {"model", "model_index"} & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.model)


@pytest.fixture(scope="session")
def model():
    """The real default model, loaded once per test run."""
    return load_encoder()


@pytest.fixture
def hashing() -> HashingEncoder:
    return HashingEncoder(128)


@pytest.fixture
def sample_index(tmp_path: Path, hashing: HashingEncoder) -> PassageIndex:
    index = PassageIndex.open_or_create(tmp_path / "index", hashing)
    index.ingest(load([SAMPLE]), hashing)
    return index


@pytest.fixture(scope="session")
def model_index(tmp_path_factory: pytest.TempPathFactory, model) -> Path:
    """The sample archive indexed with the real model, once per run."""
    folder = tmp_path_factory.mktemp("model-index")
    index = PassageIndex.open_or_create(folder, model)
    index.ingest(load([SAMPLE]), model)
    index.close()
    return folder


# A few steps on the sample, in PyTorch (the ONNX export has its own, slow test).
TUNE_TEST = {"max_pairs": 48, "batch_size": 8, "seed": 7}


@pytest.fixture(scope="session")
def tuned_index(tmp_path_factory: pytest.TempPathFactory, model_index: Path) -> Path:
    """A copy of ``model_index`` tuned (``minutes-qa tune``) and re-embedded, once per run."""
    from minutes_qa.index.tune import TuneOptions, tune_index

    folder = tmp_path_factory.mktemp("tuned") / "index"
    shutil.copytree(model_index, folder)
    tune_index(folder, TuneOptions(**TUNE_TEST), runtime="torch")
    return folder


@contextmanager
def live_server(app) -> Iterator[str]:
    """``app`` served by uvicorn on a free local port, in a thread; yields its URL."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join()
