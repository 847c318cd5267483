"""The ONNX Runtime back-end: the local model exported once to ONNX (float32,
or int8 by dynamic quantisation for this CPU), kept in a cache folder, and
run directly: tokenise, run, mean-pool, normalise, without PyTorch."""

from __future__ import annotations

import contextlib
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

import numpy as np

from minutes_qa.index.encoder import Described, Encoding, resolve_model

log = logging.getLogger(__name__)


class OnnxEncoder(Described):
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
            sess_options=session_options(threads),
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
    slug = re.sub(r"[^\w.-]+", "_", model.strip("/"))
    folder = cache / f"{slug}-onnx"
    found = _exported(folder, encoding, target)
    if found:
        return folder, found
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
        found = _exported(folder, encoding, target)
        if found:  # another process finished first
            return folder, found
        shutil.rmtree(folder, ignore_errors=True)
        os.replace(work, folder)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    found = _exported(folder, encoding, target)
    if not found:
        raise FileNotFoundError(f"the ONNX export of {model} wrote no {encoding} model in {folder}")
    return folder, found


def _exported(folder: Path, encoding: Encoding, target: str) -> str | None:
    """The exported model file for ``encoding``, relative to ``folder``.
    sentence-transformers has named its int8 file model_quint8_<cpu>.onnx
    and, since, model_qint8_<cpu>.onnx: either is taken."""
    if encoding != "int8":
        return "onnx/model.onnx" if (folder / "onnx/model.onnx").is_file() else None
    for name in (f"onnx/model_qint8_{target}.onnx", f"onnx/model_quint8_{target}.onnx"):
        if (folder / name).is_file():
            return name
    return None


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


def session_options(threads: int | None):  # -> onnxruntime.SessionOptions
    import onnxruntime

    options = onnxruntime.SessionOptions()
    if threads:
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
    return options
