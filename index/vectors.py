"""FAISS: vectors keyed by the passages' integer ids, inner product search."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

import faiss
import numpy as np

from index.manifest import fsync_dir


def new_index(dimension: int) -> faiss.Index:
    """Exact inner-product search over normalised vectors (= cosine)."""
    return faiss.IndexIDMap2(faiss.IndexFlatIP(dimension))


def load(path: Path) -> faiss.Index:
    return faiss.read_index(str(path))


def save(index: faiss.Index, path: Path) -> None:
    """Write, fsync and rename into place, so ``path`` is always whole."""
    tmp = path.with_name(path.name + ".tmp")
    faiss.write_index(index, str(tmp))
    fd = os.open(tmp, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
    os.replace(tmp, path)
    fsync_dir(path.parent)


def add(index: faiss.Index, ids: np.ndarray, vectors: np.ndarray) -> None:
    if len(ids):
        index.add_with_ids(np.ascontiguousarray(vectors, dtype=np.float32), ids.astype(np.int64))


def remove(index: faiss.Index, ids: Iterable[int]) -> None:
    batch = np.fromiter(ids, dtype=np.int64)
    if len(batch):
        index.remove_ids(faiss.IDSelectorBatch(batch))


def reconstruct(index: faiss.Index, ids: list[int]) -> np.ndarray:
    return np.vstack([index.reconstruct(int(i)) for i in ids]) if ids else np.zeros((0, index.d))


def search(
    index: faiss.Index, query: np.ndarray, k: int, allowed: np.ndarray | None = None
) -> list[tuple[int, float]]:
    """The ``k`` nearest ids to one query vector, best first.

    ``allowed`` restricts the search to those ids (filters, access rules);
    FAISS applies it inside the search, so ``k`` results come back whenever
    ``k`` allowed vectors exist.
    """
    if index.ntotal == 0 or k <= 0 or (allowed is not None and len(allowed) == 0):
        return []
    params = None
    if allowed is not None:
        params = faiss.SearchParameters(sel=faiss.IDSelectorBatch(allowed.astype(np.int64)))
    scores, ids = index.search(query.reshape(1, -1).astype(np.float32), k, params=params)
    return [(int(i), float(s)) for i, s in zip(ids[0], scores[0], strict=True) if i != -1]
