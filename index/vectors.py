"""FAISS: vectors keyed by the passages' integer ids, inner product search.

The layout follows the size of the index (figures in README, "Speed"):

- ``flat``: exact search (``IndexIDMap2`` over ``IndexFlatIP``) up to
  :data:`EXACT_MAX` vectors;
- ``flat16``: every vector compared, stored in half precision
  (``IndexScalarQuantizer`` fp16): half the memory and twice the speed of
  ``flat``, recall@100 0.996 against it, up to :data:`FLAT_MAX`;
- ``ivf``: ``IndexIVFFlat`` beyond that, with about ``4·√n`` cells and a
  hashtable direct map, so ids can still be reconstructed and removed one by
  one. Vectors are stored uncompressed: scores are exact for every vector
  the search visits, only the set visited is approximate;
- ``ivfpq`` instead of ``ivf`` where asked for (``compressed``; an index
  once compressed stays so): IVF-PQ codes in memory, their candidates
  re-scored with the exact vectors kept in the same file (``index.compressed``).

New vectors are added to the current layout; it is only laid out again (from
the stored vectors, never re-embedded) when the size crosses a tier, or the
number of IVF cells is off by a factor of four.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import faiss
import numpy as np

from minutes_qa.index import compressed as pq
from minutes_qa.index.manifest import replacing

# Exact float32 search up to here: ~4 ms a query at 50,000 vectors on 2 cores.
EXACT_MAX = 50_000
# Every vector compared up to here (in fp16 above EXACT_MAX), IVF above. A
# setting (MINUTES_QA_FLAT_MAX): at 10^5, fp16 takes 7 ms and finds 0.996 of
# the 100 nearest (the retriever's pool), IVF 3 ms and 0.97; a passage missed
# there is missed for good. The default keeps 10^5 under 30 ms a query
# (measured, README "Speed").
FLAT_MAX = 50_000
# FAISS wants at least 39 training points per IVF cell; more only costs time
# (k-means on 160,000 points for 4,096 cells: under a minute on 2 cores).
TRAIN_PER_CELL = 39
# Cells searched per query: an eighth of them, and at least enough for about
# 25,000 vectors (small cells need a larger share): recall@10 against exact
# search 0.95 at 10^5 and 0.96–0.97 at 10^6 (measured, README "Speed").
# Searching 50,000 vectors' worth at 10^5 cost 4 ms more and did not change
# the dev queries' MRR. Scaled up when filters leave few vectors.
NPROBE_SHARE = 1 / 8
# Up to this many more results, search for more and drop denied ids
# (restricted passages, attendance lists); beyond it, a selector inside FAISS.
DENY_OVERFETCH = 1_000
NPROBE_VECTORS = 25_000


@dataclass(frozen=True, slots=True)
class Selection:
    """Which ids a search may return: only those in ``allow`` (when given),
    never those in ``deny`` (restricted passages, say)."""

    allow: np.ndarray | None = None
    deny: np.ndarray | None = None

    @property
    def empty(self) -> bool:
        return self.allow is not None and len(self.allow) == 0

    def selector(self) -> faiss.IDSelector | None:
        if self.allow is not None:
            return faiss.IDSelectorBatch(self.allow.astype(np.int64))
        if self.deny is not None and len(self.deny):
            # IDSelectorNot keeps a bare pointer: the inner selector must
            # live as long as the outer one.
            inner = faiss.IDSelectorBatch(self.deny.astype(np.int64))
            outer = faiss.IDSelectorNot(inner)
            outer.referenced = inner
            return outer
        return None


def new_index(dimension: int, half: bool = False) -> faiss.Index:
    """An empty inner-product index comparing every vector (normalised
    vectors: cosine), exact or with vectors kept in half precision."""
    if half:
        flat = faiss.IndexScalarQuantizer(
            dimension, faiss.ScalarQuantizer.QT_fp16, faiss.METRIC_INNER_PRODUCT
        )
        return faiss.IndexIDMap2(flat)
    return faiss.IndexIDMap2(faiss.IndexFlatIP(dimension))


def cells_for(n: int, flat_max: int = FLAT_MAX) -> int:
    """IVF cells for ``n`` vectors (0: every vector compared), a power of two near 4·√n.
    At 10^6: 4,096 cells reach recall@10 0.96 searching 256 of them in 10 ms,
    where 1,024 cells need 27 ms for the same recall (measured)."""
    if n <= flat_max:
        return 0
    return 2 ** round(math.log2(4 * math.sqrt(n)))


def cells_of(index: faiss.Index) -> int:
    ivf = faiss.try_extract_index_ivf(index)
    return int(ivf.nlist) if ivf is not None else 0


def layout_name(index: faiss.Index) -> str:
    if cells_of(index):
        return "ivfpq" if pq.is_compressed(index) else "ivf"
    inner = faiss.downcast_index(index.index) if hasattr(index, "id_map") else index
    return "flat16" if isinstance(inner, faiss.IndexScalarQuantizer) else "flat"


def layout_for(n: int, flat_max: int = FLAT_MAX, compressed: bool = False) -> str:
    if n <= EXACT_MAX and (not compressed or n <= flat_max):
        return "flat"
    if n <= flat_max:
        return "flat16"
    return "ivfpq" if compressed and n >= pq.MIN_VECTORS else "ivf"


def fit(index: faiss.Index, flat_max: int = FLAT_MAX, compressed: bool = False) -> faiss.Index:
    """``index`` itself when its layout suits its size, else the same ids
    and vectors laid out again. A compressed index stays compressed."""
    compressed = compressed or layout_name(index) == "ivfpq"
    if _relayout(index, flat_max, compressed) is None:
        return index
    ids, data = contents(index)
    return build(index.d, ids, data, flat_max=flat_max, compressed=compressed)


def save_fitted(
    index: faiss.Index, path: Path, flat_max: int = FLAT_MAX, compressed: bool = False
) -> str:
    """``fit(index)`` saved at ``path``; returns its layout's name. A new
    compressed layout is written straight from the vectors
    (``compressed.write``) rather than built whole in memory first: the
    vectors are not held a second and a third time (15 GB each at 10^7)."""
    compressed = compressed or layout_name(index) == "ivfpq"
    if _relayout(index, flat_max, compressed) == "ivfpq":
        ids, data = _vectors_of(index)
        pq.write(path, ids, data, cells_for(len(ids), flat_max))
        return "ivfpq"
    fitted = fit(index, flat_max, compressed)
    save(fitted, path)
    return layout_name(fitted)


def _relayout(index: faiss.Index, flat_max: int, compressed: bool) -> str | None:
    """The layout ``index`` must be laid out again in, or None if it suits its size."""
    current, planned = layout_name(index), layout_for(index.ntotal, flat_max, compressed)
    if current == planned and planned in ("ivf", "ivfpq"):
        have, want = cells_of(index), cells_for(index.ntotal, flat_max)
        return None if max(have, want) < 4 * min(have, want) else planned
    return None if current == planned else planned


def _vectors_of(index: faiss.Index) -> tuple[np.ndarray, np.ndarray]:
    """``contents(index)``; of an exact flat index, its own vectors (a view,
    valid while ``index`` lives and is not changed), not a copy."""
    if layout_name(index) == "flat" and index.ntotal:
        flat = faiss.downcast_index(index.index)
        ids = faiss.vector_to_array(index.id_map).astype(np.int64)
        data = faiss.rev_swig_ptr(flat.get_xb(), flat.ntotal * index.d)
        return ids, data.reshape(flat.ntotal, index.d)
    return contents(index)


def build(
    dimension: int,
    ids: np.ndarray,
    data: np.ndarray,
    cells: int | None = None,
    flat_max: int = FLAT_MAX,
    compressed: bool = False,
) -> faiss.Index:
    """A new index of the layout that suits ``len(ids)`` vectors (or with
    that many IVF ``cells``; 0 for exact search)."""
    layout = layout_for(len(ids), flat_max, compressed)
    half = cells is None and layout == "flat16"
    cells = cells_for(len(ids), flat_max) if cells is None else cells
    if cells and layout == "ivfpq":
        return pq.build(dimension, ids, data, cells)
    if not cells:
        index = new_index(dimension, half=half)
    else:
        quantizer = faiss.IndexFlatIP(dimension)
        index = faiss.IndexIVFFlat(quantizer, dimension, cells, faiss.METRIC_INNER_PRODUCT)
        index.own_fields = True
        quantizer.this.disown()
        sample = np.random.default_rng(0).choice(
            len(data), min(len(data), cells * TRAIN_PER_CELL), replace=False
        )
        index.train(np.ascontiguousarray(data[np.sort(sample)], dtype=np.float32))
        index.set_direct_map_type(faiss.DirectMap.Hashtable)
    add(index, ids, data)
    return index


def contents(index: faiss.Index) -> tuple[np.ndarray, np.ndarray]:
    """All ids and their vectors, in storage order."""
    if pq.is_compressed(index):
        return pq.contents(index)
    d = index.d
    ivf = faiss.try_extract_index_ivf(index)
    if ivf is None:
        flat = faiss.downcast_index(index.index)
        ids = faiss.vector_to_array(index.id_map).astype(np.int64)
        if not flat.ntotal:
            return ids, np.zeros((0, d), np.float32)
        return ids, flat.reconstruct_n(0, flat.ntotal)
    lists = ivf.invlists
    ids_parts, data_parts = [], []
    for cell in range(ivf.nlist):
        size = lists.list_size(cell)
        if size:
            ids_parts.append(faiss.rev_swig_ptr(lists.get_ids(cell), size).copy())
            codes = faiss.rev_swig_ptr(lists.get_codes(cell), size * lists.code_size).copy()
            data_parts.append(codes.view(np.float32).reshape(size, d))
    if not ids_parts:
        return np.zeros(0, np.int64), np.zeros((0, d), np.float32)
    return np.concatenate(ids_parts).astype(np.int64), np.vstack(data_parts)


def load(path: Path, mmap: bool = False) -> faiss.Index:
    """Read a saved index; ``mmap`` maps its vectors from the file instead of
    copying them into memory (read-only: clone it before changing it)."""
    flags = faiss.IO_FLAG_MMAP_IFC | faiss.IO_FLAG_READ_ONLY if mmap else 0
    return faiss.read_index(str(path), flags)


def save(index: faiss.Index, path: Path) -> None:
    """Write, fsync and rename into place, so ``path`` is always whole. A
    failed write (a full disk) is an OSError, as any other file write's."""
    with replacing(path) as tmp:
        try:
            faiss.write_index(index, str(tmp))
        except RuntimeError as exc:
            # All FAISS does here is write the file: its error is an I/O error.
            raise OSError(str(exc).strip().splitlines()[-1]) from exc


def add(index: faiss.Index, ids: np.ndarray, vectors: np.ndarray) -> None:
    if len(ids):
        index.add_with_ids(np.ascontiguousarray(vectors, dtype=np.float32), ids.astype(np.int64))


def remove(index: faiss.Index, ids: Iterable[int]) -> faiss.Index:
    """``index`` without ``ids``: itself, changed, or (compressed) a new one."""
    batch = np.fromiter(ids, dtype=np.int64)
    if len(batch) and pq.is_compressed(index):
        return pq.remove(index, batch)
    if len(batch):
        # An IVF hashtable direct map removes only through an IDSelectorArray.
        index.remove_ids(faiss.IDSelectorArray(len(batch), faiss.swig_ptr(batch)))
    return index


def reconstruct(index: faiss.Index, ids: list[int]) -> np.ndarray:
    return np.vstack([index.reconstruct(int(i)) for i in ids]) if ids else np.zeros((0, index.d))


def search(
    index: faiss.Index,
    query: np.ndarray,
    k: int,
    selection: Selection = Selection(),
    nprobe: int | None = None,
) -> list[tuple[int, float]]:
    """The ``k`` nearest ids to one query vector, best first.

    ``selection`` restricts the search (filters, access rules); FAISS applies
    it inside the search. An IVF index searches more cells when few vectors
    are allowed, so that about as many allowed vectors are visited as without
    a filter. ``nprobe`` overrides the number of cells searched (benchmarks).
    """
    if index.ntotal == 0 or k <= 0 or selection.empty:
        return []
    deny = selection.deny if selection.allow is None else None
    if deny is not None and len(deny):
        # Denied ids (restricted passages, attendance lists) rarely rank
        # high: fetch a few more and drop them, rather than pay a selector
        # check on every vector (4x slower on flat layouts); fetch more while
        # too many were dropped, and past DENY_OVERFETCH use the selector.
        denied = set(deny.tolist())
        extra = min(len(denied), max(k, 32))
        while True:
            found = search(index, query, k + extra, Selection(), nprobe)
            kept = [(i, s) for i, s in found if i not in denied]
            if len(kept) >= k or len(found) < k + extra or extra >= len(denied):
                return kept[:k]
            if extra >= DENY_OVERFETCH:
                break
            extra = min(len(denied), extra * 4)
    selector = selection.selector()
    cells = cells_of(index)
    params: faiss.SearchParameters | None = None
    if cells:
        share = 1.0 if selection.allow is None else len(selection.allow) / index.ntotal
        base = nprobe or cells * max(NPROBE_SHARE, NPROBE_VECTORS / max(index.ntotal, 1))
        nprobe = min(cells, math.ceil(base / max(share, 1e-9)))
        params = faiss.SearchParametersIVF(sel=selector, nprobe=nprobe)
        if pq.is_compressed(index):
            params = pq.search_parameters(index, selector, nprobe)
    elif selector is not None:
        params = faiss.SearchParameters(sel=selector)
    scores, ids = index.search(query.reshape(1, -1).astype(np.float32), k, params=params)
    return [(int(i), float(s)) for i, s in zip(ids[0], scores[0], strict=True) if i != -1]
