"""The int8 encoding: exported once from the bundled model, close to fp32,
recorded in the manifest and not mixed with fp32 vectors."""

from pathlib import Path

import numpy as np
import pytest

from corpus.load import load
from index.encoder import load_encoder
from index.errors import IndexMismatch
from index.passage_index import PassageIndex
from qa.search import Searcher
from tests.conftest import SAMPLE

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def int8(tmp_path_factory: pytest.TempPathFactory):
    return load_encoder(encoding="int8", cache=tmp_path_factory.mktemp("model-cache"))


def test_int8_vectors_are_close_to_fp32(int8, model):
    texts = ["The introduction of Smart Water", "RESOLVED that the report be noted.", "x"]
    quantised, exact = int8.encode_batch(texts), model.encode_batch(texts)
    assert quantised.shape == exact.shape and quantised.dtype == np.float32
    assert np.allclose(np.linalg.norm(quantised, axis=1), 1.0, atol=1e-5)
    assert (np.sum(quantised * exact, axis=1) > 0.95).all()


def test_int8_index_answers_and_refuses_fp32(int8, model, tmp_path: Path):
    index = PassageIndex.open_or_create(tmp_path / "ix", int8)
    index.ingest(load([SAMPLE]), int8)
    assert index.manifest.encoding == "int8"
    top = Searcher(index, int8).search("What was said about Smart Water?", k=1)[0]
    assert top.text.startswith("The introduction of Smart Water")
    with pytest.raises(IndexMismatch, match="int8"):
        PassageIndex.open(tmp_path / "ix", model)
