"""The sentence-transformers back-end: the local model in PyTorch float32,
or through sentence-transformers' own ONNX backend."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from minutes_qa.index.encoder import (
    DEFAULT_MODEL,
    ENCODINGS,
    Described,
    Encoding,
    Runtime,
    resolve_model,
)
from minutes_qa.index.onnx_encoder import default_cache, onnx_model, session_options


class SentenceTransformerEncoder(Described):
    """A sentence-transformers model, loaded offline, encoding in batches.

    ``encoding="int8"`` runs the model through ONNX Runtime with int8 weights
    (dynamic quantisation, sentence-transformers' ONNX backend); the export is
    made from the local model on first use and kept under ``cache``.
    ``runtime="onnx"`` runs the float32 model through ONNX Runtime too.
    """

    def __init__(
        self,
        model: str = DEFAULT_MODEL,
        batch_size: int = 64,
        device: str = "cpu",
        encoding: Encoding = "fp32",
        cache: Path | None = None,
        threads: int | None = None,
        runtime: Runtime = "torch",
        name: str | None = None,
    ):
        if encoding not in ENCODINGS:
            raise ValueError(f"encoding must be one of {', '.join(ENCODINGS)}, not {encoding!r}")
        # Never reach for a model hub: this runs on closed networks.
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        from sentence_transformers import SentenceTransformer
        from transformers.utils import logging as transformers_logging

        # Loading bars on stderr would garble the CLI's output.
        transformers_logging.disable_progress_bar()
        self._name = name or model
        self._encoding = encoding
        self.batch_size = batch_size
        if encoding == "int8" or runtime == "onnx":
            folder, file_name = onnx_model(model, cache or default_cache(), encoding)
            self._model = SentenceTransformer(
                str(folder),
                device="cpu",
                backend="onnx",
                model_kwargs={
                    "file_name": file_name,
                    "provider": "CPUExecutionProvider",
                    "session_options": session_options(threads),
                },
            )
        else:
            if threads:
                import torch

                torch.set_num_threads(threads)
            self._model = SentenceTransformer(resolve_model(model), device=device)
        get_dimension = getattr(self._model, "get_embedding_dimension", None) or (
            self._model.get_sentence_embedding_dimension
        )
        dimension = get_dimension()
        if dimension is None:
            raise ValueError(f"model {model!r} does not report its embedding dimension")
        self._dimension = int(dimension)

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
