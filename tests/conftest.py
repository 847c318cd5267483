"""Shared fixtures: the bundled sample, small encoders, built indexes."""

from __future__ import annotations

from pathlib import Path

import pytest

from corpus.load import load
from index.encoder import HashingEncoder, load_encoder
from index.passage_index import PassageIndex

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "sample"
DATA = Path(__file__).resolve().parent / "data"
SEED_2019 = SAMPLE / "bromsgrove" / "csp-scrutiny-2019-11-13.txt"
SEED_UNDATED = SAMPLE / "bromsgrove" / "csp-scrutiny-update-undated.txt"


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
