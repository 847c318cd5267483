"""ONNX: the model exported once from the bundled one and run without
PyTorch; fp32 gives the same vectors as PyTorch, int8 close ones, recorded
in the manifest and never mixed with fp32 vectors."""

from pathlib import Path

import numpy as np
import pytest

from minutes_qa.corpus.load import load
from minutes_qa.index.encoder import load_encoder
from minutes_qa.index.errors import IndexMismatch
from minutes_qa.index.onnx_encoder import OnnxEncoder
from minutes_qa.index.passage_index import PassageIndex
from minutes_qa.qa.search import Searcher
from tests.conftest import SAMPLE

pytestmark = [pytest.mark.model, pytest.mark.slow]


@pytest.fixture(scope="module")
def cache(tmp_path_factory: pytest.TempPathFactory):
    return tmp_path_factory.mktemp("model-cache")


@pytest.fixture(scope="module")
def int8(cache):
    return load_encoder(encoding="int8", cache=cache)


TEXTS = [
    "The introduction of Smart Water",
    "RESOLVED that the report be noted.",
    "x",
    "",
    "word " * 400,  # longer than the model's 256 tokens: truncated the same way
]


def test_onnx_fp32_equals_pytorch(cache, model):
    onnx = load_encoder(runtime="onnx", cache=cache)
    assert isinstance(onnx, OnnxEncoder)
    assert "torch" not in type(onnx).__module__
    cosines = np.sum(onnx.encode_batch(TEXTS) * model.encode_batch(TEXTS), axis=1)
    assert (cosines > 0.9999).all()


def test_int8_vectors_are_close_to_fp32(int8, model):
    quantised, exact = int8.encode_batch(TEXTS), model.encode_batch(TEXTS)
    assert quantised.shape == exact.shape and quantised.dtype == np.float32
    assert np.allclose(np.linalg.norm(quantised, axis=1), 1.0, atol=1e-5)
    # Dynamic quantisation scales activations per batch: close, not equal.
    cosines = np.sum(quantised * exact, axis=1)
    assert (cosines > 0.9).all() and cosines.mean() > 0.97


def test_int8_index_answers_and_refuses_fp32(int8, model, tmp_path: Path):
    index = PassageIndex.open_or_create(tmp_path / "ix", int8)
    index.ingest(load([SAMPLE]), int8)
    assert index.manifest.encoding == "int8"
    top = Searcher(index, int8).search("What was said about Smart Water?", k=1)[0]
    assert top.text.startswith("The introduction of Smart Water")
    with pytest.raises(IndexMismatch, match="int8"):
        PassageIndex.open(tmp_path / "ix", model)
