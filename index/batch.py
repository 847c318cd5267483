"""What one ingest did, and the passages it is waiting to embed."""

from __future__ import annotations

from dataclasses import dataclass, field

import faiss
import numpy as np

from minutes_qa.corpus.model import Failure
from minutes_qa.index import vectors
from minutes_qa.index.encoder import Encoder
from minutes_qa.index.store import Store, embed_hash

# Texts embedded together: the encoder sorts them by length, and a larger
# group wastes less on padding (chunks of 256: 84 passages/s; of 1,024: 152;
# all 1,553 at once: 185, measured). 4,096 vectors are 6 MB.
ENCODE_BATCH = 4096


@dataclass(slots=True)
class IngestReport:
    """What one ingest did. ``duplicates`` are documents already stored from
    another source (a repost): the new source is recorded, nothing is added."""

    documents: int = 0
    added: int = 0
    unchanged: int = 0
    duplicates: int = 0
    replaced: int = 0
    passages_added: int = 0
    passages_removed: int = 0
    embedded: int = 0
    reused_vectors: int = 0
    failures: list[Failure] = field(default_factory=list)
    warnings: list[Failure] = field(default_factory=list)
    # Sources that went in without all their text (pages not read).
    incomplete: list[str] = field(default_factory=list)
    seconds: float = 0.0
    generation: int = 0

    def to_dict(self) -> dict[str, object]:
        """The report as JSON: what the CLI prints with ``--json`` and the
        upload route returns."""
        return {
            "documents": self.documents,
            "added": self.added,
            "replaced": self.replaced,
            "unchanged": self.unchanged,
            "duplicates": self.duplicates,
            "passages_added": self.passages_added,
            "passages_removed": self.passages_removed,
            "embedded": self.embedded,
            "reused_vectors": self.reused_vectors,
            "seconds": round(self.seconds, 3),
            "generation": self.generation,
            "failures": [{"source": f.source, "reason": f.reason} for f in self.failures],
            "warnings": [{"source": w.source, "reason": w.reason} for w in self.warnings],
            "incomplete": list(self.incomplete),
        }


class EncodeBatch:
    """Passages waiting for vectors; texts already embedded reuse theirs."""

    def __init__(self, index: faiss.Index, encoder: Encoder, store: Store, report: IngestReport):
        self.index, self.encoder, self.store, self.report = index, encoder, store, report
        self.max_old_vec_id = 0
        # Passages deleted in this ingest: their vectors stay in the index
        # until the commit, so a text that comes back can reuse them.
        self.retired: dict[str, int] = {}
        self._ids: list[int] = []
        self._texts: list[str] = []

    @property
    def pending(self) -> int:
        return len(self._ids)

    def add(self, vec_ids: list[int], texts: list[str]) -> None:
        self._ids += vec_ids
        self._texts += texts

    def flush(self) -> None:
        if not self._ids:
            return
        ids = np.asarray(self._ids, dtype=np.int64)
        hashes = [embed_hash(t, self.encoder.name) for t in self._texts]
        known = self.retired | self.store.vec_ids_by_hash(hashes, self.max_old_vec_id)
        reuse = [i for i, h in enumerate(hashes) if h in known]
        fresh = [i for i, h in enumerate(hashes) if h not in known]
        out = np.zeros((len(ids), self.encoder.dimension), dtype=np.float32)
        if reuse:
            out[reuse] = vectors.reconstruct(self.index, [known[hashes[i]] for i in reuse])
        if fresh:
            out[fresh] = self.encoder.encode_batch([self._texts[i] for i in fresh])
        vectors.add(self.index, ids, out)
        self.report.embedded += len(fresh)
        self.report.reused_vectors += len(reuse)
        self._ids, self._texts = [], []
