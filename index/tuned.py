"""An index whose passages were embedded again with a model tuned to it
(``index.tune``): where that model lives, and the re-embedding as one new
generation (mixed into :class:`~minutes_qa.index.passage_index.PassageIndex`).

The tuned model is a sentence-transformers folder under the index folder,
``models/tuned-<hash>``, named ``<base>+tuned-<hash>`` after a hash of its
weights, so that two different models never share a name (nor an ONNX export
in the cache). The store records the model's name and recipe in the same
SQLite transaction that records the new generation, so vectors and the model
that made them change together; the manifest is rewritten from the store
after the commit, as for an ingest.
"""

from __future__ import annotations

import json
import logging
import sqlite3
from collections.abc import Iterator
from contextlib import AbstractContextManager
from pathlib import Path

import numpy as np

from minutes_qa.corpus.model import Form, Kind, Passage
from minutes_qa.index import vectors
from minutes_qa.index.encoder import Encoder
from minutes_qa.index.errors import IndexMismatch
from minutes_qa.index.manifest import Manifest
from minutes_qa.index.store import Store, embed_hash

log = logging.getLogger(__name__)

# Passages embedded per call: the encoder sorts each batch by length (see index.batch).
REEMBED_BATCH = 4096


def model_source(folder: Path, manifest: Manifest) -> tuple[str, str] | None:
    """For an index re-embedded by a tune: the tuned model's name and the
    folder it loads from; ``None`` for an index of a model loaded by name."""
    if not manifest.tuned:
        return None
    return manifest.model, str(folder / str(manifest.tuned["folder"]))


def recorded_model(db: sqlite3.Connection) -> tuple[str, dict[str, object]] | None:
    """The model name and tune recipe the store records, if a tune ran."""
    rows = dict(db.execute("SELECT key, value FROM meta WHERE key IN ('model', 'tuned')"))
    if "model" not in rows:
        return None
    return rows["model"], json.loads(rows.get("tuned") or "{}")


class IndexRewrites:
    """Every vector of an index replaced, in one generation."""

    folder: Path
    manifest: Manifest
    store: Store
    flat_max: int
    compressed: bool

    def _write_lock(self) -> AbstractContextManager[None]:
        raise NotImplementedError

    def _write_errors(self, generation: int) -> AbstractContextManager[None]:
        raise NotImplementedError

    def _after_commit(self, generation: int) -> None:
        raise NotImplementedError

    def _check_model(self) -> None:
        """A reader opened before a tune must not query the new vectors with
        the old model: say so rather than answer with nonsense."""
        recorded = recorded_model(self.store.db)
        if recorded and recorded[0] != self.manifest.model:
            raise IndexMismatch(
                f"index {self.folder} was re-embedded with model {recorded[0]!r} "
                f"(minutes-qa tune) after it was opened with {self.manifest.model!r}: "
                "open it again (restart the server)"
            )

    def reembed(self, encoder: Encoder, tuned: dict[str, object]) -> int:
        """Embed every passage again with ``encoder`` (a tuned model whose
        recipe is ``tuned``) as one new generation; returns it. Killed before
        the commit, the index keeps its old vectors and model; after it, the
        new ones (see ``index.passage_index``)."""
        if encoder.dimension != self.manifest.dimension:
            raise IndexMismatch(
                f"model {encoder.name!r} is {encoder.dimension}-d; index {self.folder} "
                f"holds {self.manifest.dimension}-d vectors"
            )
        with self._write_lock():
            with self.store.read():
                generation = self.store.generation()
            ids_parts, data_parts, hashes = [], [], []
            for ids, texts in self._embedding_texts():
                data_parts.append(encoder.encode_batch(texts))
                ids_parts.append(ids)
                hashes += [
                    (embed_hash(t, encoder.name), int(i)) for i, t in zip(ids, texts, strict=True)
                ]
            dimension = self.manifest.dimension
            ids = np.concatenate(ids_parts) if ids_parts else np.zeros(0, np.int64)
            data = np.vstack(data_parts) if data_parts else np.zeros((0, dimension), np.float32)
            work = vectors.build(
                dimension, ids, data, flat_max=self.flat_max, compressed=self.compressed
            )
            with self._write_errors(generation), self.store.write():
                # Reuse by content hash (index.batch) must find the new vectors only.
                self.store.db.executemany(
                    "UPDATE passages SET embed_hash = ? WHERE vec_id = ?", hashes
                )
                self.store.db.executemany(
                    "INSERT INTO meta(key, value) VALUES (?, ?) "
                    "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                    [("model", encoder.name), ("tuned", json.dumps(tuned))],
                )
                vectors.save(work, self.folder / f"vectors-{generation + 1}.faiss")
                self.store.set_generation(generation + 1, vectors.layout_name(work))
            self._after_commit(generation + 1)
        return generation + 1

    def _embedding_texts(self) -> Iterator[tuple[np.ndarray, list[str]]]:
        """Every passage's vector id and the text its vector is made from, in batches."""
        rows = self.store.db.execute(
            "SELECT vec_id, id, position, kind, form, text, item_index, item_number, "
            "item_title, lead_in FROM passages ORDER BY vec_id"
        )
        while batch := rows.fetchmany(REEMBED_BATCH):
            texts = [
                Passage(
                    pid, pos, Kind(kind), Form(form), text, item, number, title, lead_in
                ).embedding_text(self.manifest.context)
                for _, pid, pos, kind, form, text, item, number, title, lead_in in batch
            ]
            yield np.array([r[0] for r in batch], dtype=np.int64), texts
