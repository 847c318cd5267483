"""The compressed layout for large archives: IVF-PQ finds candidates, the
exact vectors re-score them.

One FAISS index, ``IndexIDMap2(IndexRefineFlat(IVF-PQ))``, saved in one file:

- the IVF-PQ part holds each vector as a product-quantised code of
  :data:`DIMS_PER_BYTE` dimensions a byte (48 bytes for 384 dimensions,
  against 1,536 as float32), searched cell by cell as the ``ivf`` layout is;
- the refine part holds the exact float32 vectors, by position. Searching
  takes :data:`RESCORE` times ``k`` candidates from the codes and scores them
  again with their exact vectors, so every score returned is exact (only the
  set of candidates is approximate). The server maps the file
  (``IO_FLAG_MMAP_IFC``): the exact vectors stay on disk and only the pages
  of the candidates re-scored are read, while the codes are what must fit
  in memory (figures in README, "A national archive").

Ids map to positions through the ``IndexIDMap2``; a filter's selector is
translated to positions before it reaches the IVF-PQ part. FAISS cannot
remove vectors from a refined index in place: removing builds it again from
the exact vectors, keeping the trained quantisers (no training, no
re-embedding).
"""

from __future__ import annotations

import logging
import struct
from pathlib import Path

import faiss
import numpy as np

from minutes_qa.index.manifest import replacing

log = logging.getLogger(__name__)

# Dimensions per byte of code (8 bits per sub-quantiser): 48 bytes for 384.
# Measured at 10^6 (bench/compressed.py; the top 10 of the retriever's pool
# of 100 against exact search): 48 bytes re-scoring 8·k candidates 0.982 in
# 5.2 ms; 96 bytes needs only 2·k for 0.995, but at twice the memory and
# 5x the time (28.7 ms).
DIMS_PER_BYTE = 8
# Rotate the vectors before quantising them (OPQ)? Measured at 10^5, 8·k
# re-scored: the pool's top 10 0.997 with it and without (its recall@100
# 0.992 against 0.981), for training 8x as long (244 s against 30): off.
OPQ = False
# Candidates re-scored with exact vectors, as a multiple of k: 4·k found
# 0.961 of the pool's top 10 at 10^6, 8·k 0.982 for 0.2 ms more.
RESCORE = 8
# The codes are k-means of 256 centroids per sub-quantiser: FAISS wants 39
# training points a centroid. Below this many vectors the layout is not used.
MIN_VECTORS = 39 * 256
TRAIN_PER_CELL = 39
ADD_CHUNK = 100_000


def is_compressed(index: faiss.Index) -> bool:
    return hasattr(index, "id_map") and isinstance(
        faiss.downcast_index(index.index), faiss.IndexRefine
    )


def build(
    dimension: int,
    ids: np.ndarray,
    data: np.ndarray,
    cells: int,
    opq: bool = OPQ,
    code_bytes: int | None = None,
) -> faiss.Index:
    """A new compressed index of ``ids`` and their vectors, trained on a
    sample of them (``cells`` IVF cells; ``code_bytes`` a vector, by default
    one per :data:`DIMS_PER_BYTE` dimensions)."""
    index = _wrap(_trained(dimension, data, cells, opq, code_bytes))
    _add(index, ids, data)
    return index


def write(
    path: Path,
    ids: np.ndarray,
    data: np.ndarray,
    cells: int,
    opq: bool = OPQ,
    code_bytes: int | None = None,
) -> None:
    """What :func:`build` builds, written to ``path`` as ``vectors.save``
    writes it (the same bytes), without holding the exact vectors in memory:
    ``data`` may be a memory map of vectors on disk. Only the codes are built
    in memory (48 bytes a vector), chunk by chunk; the exact vectors go to
    the file chunk by chunk, where FAISS would first copy all of them into
    the index (15 GB at 10^7) and then write them out."""
    n, dimension = len(ids), data.shape[1]
    base = _trained(dimension, data, cells, opq, code_bytes)
    # The re-scoring part knows vectors by position: the codes are added in
    # order and ids map to positions, as IndexRefine and IndexIDMap2 add them.
    for start in range(0, n, ADD_CHUNK):
        base.add(np.ascontiguousarray(data[start : start + ADD_CHUNK], dtype=np.float32))
    header = _header(dimension, n)
    with replacing(path) as tmp, tmp.open("wb") as out:
        # FAISS's format (impl/index_write.cpp): IndexIDMap2, IndexRefine,
        # the codes' index as FAISS writes it, IndexFlatIP, the ids.
        out.write(b"IxM2" + header + b"IxRF" + header)
        writer = faiss.PyCallbackIOWriter(out.write)
        faiss.write_index(base, writer)
        del writer  # flushes what it holds
        out.write(b"IxFI" + header + struct.pack("<Q", n * dimension))
        for start in range(0, n, ADD_CHUNK):
            np.ascontiguousarray(data[start : start + ADD_CHUNK], np.float32).tofile(out)
        # IndexRefineFlat's own k_factor; searches give theirs (RESCORE).
        out.write(struct.pack("<f", 1.0) + struct.pack("<Q", n))
        out.write(np.ascontiguousarray(ids, dtype="<i8").tobytes())
    log.info("wrote %s: %d vectors, %d cells", path, n, cells)


def _header(dimension: int, ntotal: int) -> bytes:
    """FAISS's index header: d, ntotal, two unused fields, is_trained, metric."""
    return struct.pack(
        "<iqqq?i", dimension, ntotal, 1 << 20, 1 << 20, True, faiss.METRIC_INNER_PRODUCT
    )


def _trained(
    dimension: int, data: np.ndarray, cells: int, opq: bool, code_bytes: int | None
) -> faiss.Index:
    """The IVF-PQ part (with its rotation, for OPQ), trained on a sample of ``data``."""
    sample = np.random.default_rng(0).choice(
        len(data), min(len(data), max(cells * TRAIN_PER_CELL, MIN_VECTORS)), replace=False
    )
    base = _base(dimension, cells, opq, code_bytes or _code_bytes(dimension))
    base.train(np.ascontiguousarray(data[np.sort(sample)], dtype=np.float32))
    return base


def _base(dimension: int, cells: int, opq: bool, bytes_per_code: int) -> faiss.Index:
    quantizer = faiss.IndexFlatIP(dimension)
    ivfpq = faiss.IndexIVFPQ(
        quantizer, dimension, cells, bytes_per_code, 8, faiss.METRIC_INNER_PRODUCT
    )
    ivfpq.own_fields = True
    quantizer.this.disown()
    if not opq:
        return ivfpq
    rotation = faiss.OPQMatrix(dimension, bytes_per_code)
    base = faiss.IndexPreTransform(rotation, ivfpq)
    base.own_fields = True
    rotation.this.disown()
    ivfpq.this.disown()
    return base


def _wrap(base: faiss.Index) -> faiss.Index:
    """``base`` with the exact vectors beside it, keyed by passage id."""
    refined = faiss.IndexRefineFlat(base)
    refined.own_fields = True
    base.this.disown()
    index = faiss.IndexIDMap2(refined)
    index.own_fields = True
    refined.this.disown()
    return index


def _code_bytes(dimension: int) -> int:
    """Sub-quantisers: about DIMS_PER_BYTE dimensions each, dividing ``dimension``."""
    want = max(1, dimension // DIMS_PER_BYTE)
    return max(m for m in range(1, want + 1) if dimension % m == 0)


def _add(index: faiss.Index, ids: np.ndarray, data: np.ndarray) -> None:
    # In chunks: encoding holds a copy of each chunk, not of all the vectors.
    for start in range(0, len(ids), ADD_CHUNK):
        index.add_with_ids(
            np.ascontiguousarray(data[start : start + ADD_CHUNK], dtype=np.float32),
            ids[start : start + ADD_CHUNK].astype(np.int64),
        )


def contents(index: faiss.Index) -> tuple[np.ndarray, np.ndarray]:
    """All ids and their exact vectors, in storage order."""
    ids = faiss.vector_to_array(index.id_map).astype(np.int64)
    exact = faiss.downcast_index(faiss.downcast_index(index.index).refine_index)
    if not exact.ntotal:
        return ids, np.zeros((0, index.d), np.float32)
    return ids, exact.reconstruct_n(0, exact.ntotal)


def remove(index: faiss.Index, ids: np.ndarray) -> faiss.Index:
    """The same index without ``ids``: built again from the exact vectors
    with the trained quantisers."""
    all_ids, data = contents(index)
    keep = ~np.isin(all_ids, ids)
    if keep.all():
        return index
    base = faiss.clone_index(faiss.downcast_index(index.index).base_index)
    base.reset()
    fresh = _wrap(base)
    _add(fresh, all_ids[keep], data[keep])
    return fresh


def search_parameters(
    index: faiss.Index, selector: faiss.IDSelector | None, nprobe: int, rescore: int = RESCORE
) -> faiss.SearchParameters:
    """Search ``nprobe`` cells of the codes for ``rescore``·k candidates and
    score those with their exact vectors. A selector of passage ids is
    translated to the positions the codes know."""
    base = faiss.SearchParametersIVF(nprobe=nprobe)
    if selector is not None:
        translated = faiss.IDSelectorTranslated(index.id_map, selector)
        translated.referenced = selector  # SWIG keeps a bare pointer
        base.sel = translated
        base.referenced = translated
    params = faiss.IndexRefineSearchParameters(k_factor=rescore, base_index_params=base)
    params.referenced = base
    return params
