"""An index folder: manifest, passage store and FAISS vectors, kept in step.

Layout of the folder::

    manifest.json        model, dimension, encoding, format, generation, counts
    store.sqlite         meetings, documents, sources, passages, FTS5 (WAL mode)
    vectors-<gen>.faiss  the vectors of committed generation <gen>
    write.lock           held by the one ingest that may write

An ingest is one generation. It writes the new FAISS file under a new name,
then commits the SQLite transaction that records the new generation: that
commit is the moment the ingest happens. Killed before it, the store still
names the old generation and its FAISS file is untouched; killed after it,
the new file is already whole on disk. Readers take the generation from the
store, so vectors and passages always agree.
"""

from __future__ import annotations

import fcntl
import logging
import sqlite3
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

import faiss

from minutes_qa.corpus.model import Document, Failure
from minutes_qa.index import browse, vectors
from minutes_qa.index.batch import ENCODE_BATCH, EncodeBatch, IngestReport
from minutes_qa.index.encoder import Encoder
from minutes_qa.index.errors import IndexBusy, IndexNotFound, IndexWriteError
from minutes_qa.index.export import export_documents
from minutes_qa.index.manifest import MANIFEST, Manifest, read_manifest, write_manifest
from minutes_qa.index.reading import IndexReads
from minutes_qa.index.rows import Filters, IndexStats, StoredPassage
from minutes_qa.index.store import Store
from minutes_qa.index.tuned import IndexRewrites, recorded_model

log = logging.getLogger(__name__)

STORE = "store.sqlite"
LOCK = "write.lock"


def ingest_into(
    folder: Path,
    documents: Iterable[Document | Failure],
    encoder: Encoder,
    *,
    context: bool = False,
    flat_max: int = vectors.FLAT_MAX,
    on_document: Callable[[str], None] | None = None,
    compressed: bool = False,
) -> IngestReport:
    """The one ingest that the CLI and the API run: open (or start) the
    index at ``folder``, ingest ``documents`` as one generation, close."""
    index = PassageIndex.open_or_create(folder, encoder, context, flat_max, compressed)
    try:
        return index.ingest(documents, encoder, on_document=on_document)
    finally:
        index.close()


class PassageIndex(IndexReads, IndexRewrites):
    """Open with :meth:`open` or :meth:`create`; search (``index.reading``),
    ingest, count."""

    def __init__(
        self,
        folder: Path,
        manifest: Manifest,
        store: Store,
        flat_max: int = vectors.FLAT_MAX,
        compressed: bool = False,
    ):
        self.folder = folder
        self.manifest = manifest
        self.store = store
        # Compare every vector up to this many passages, IVF above (a setting);
        # compressed: IVF-PQ re-scored instead of IVF (a setting, see index.compressed).
        self.flat_max, self.compressed = flat_max, compressed
        self._vectors: faiss.Index | None = None
        self._generation = -1
        self._lock = threading.RLock()

    # -- opening ----------------------------------------------------------

    @classmethod
    def open(
        cls,
        folder: Path,
        encoder: Encoder | None = None,
        flat_max: int = vectors.FLAT_MAX,
        compressed: bool = False,
    ) -> PassageIndex:
        """Open an existing index; with ``encoder``, refuse one built with
        another model. ``flat_max``: the layout writes choose (see
        ``index.vectors``)."""
        if not (folder / MANIFEST).is_file():
            raise IndexNotFound(
                f"no index at {folder}: run 'minutes-qa ingest PATH --index {folder}' first"
            )
        index = cls(folder, read_manifest(folder), Store(folder / STORE), flat_max, compressed)
        # First: a commit cut short may have changed the model (minutes-qa tune).
        index._finish_interrupted_commit()
        if encoder is not None:
            index.manifest.check_compatible(
                encoder.name, encoder.dimension, encoder.encoding, folder
            )
        return index

    @classmethod
    def open_or_create(
        cls,
        folder: Path,
        encoder: Encoder,
        context: bool = False,
        flat_max: int = vectors.FLAT_MAX,
        compressed: bool = False,
    ) -> PassageIndex:
        """Open the index at ``folder``, or start an empty one there.

        ``context`` (for a new index) embeds each passage with its item title
        and lead-in; measured, it does not help (README, "Quality"), so it is
        off by default. An existing index keeps the choice it was built with."""
        if (folder / MANIFEST).is_file():
            return cls.open(folder, encoder, flat_max, compressed)
        folder.mkdir(parents=True, exist_ok=True)
        manifest = Manifest(
            model=encoder.name,
            dimension=encoder.dimension,
            encoding=encoder.encoding,
            context=context,
        )
        index = cls(folder, manifest, Store(folder / STORE), flat_max, compressed)
        with index._write_lock():
            if not (folder / MANIFEST).is_file():
                write_manifest(folder, manifest)
        return index

    def _finish_interrupted_commit(self) -> None:
        """An ingest killed after its commit but before it rewrote the manifest
        and removed the old vectors file: do that now (when no ingest runs)."""
        with self.store.read():
            generation = self.store.generation()
        if generation == self.manifest.generation:
            return
        try:
            with self._write_lock():
                log.info("finishing the commit of generation %d", generation)
                self._after_commit(generation)
        except IndexBusy:
            pass  # the running ingest rewrites the manifest when it commits
        except OSError as exc:  # a read-only folder: readers use the store's generation
            log.warning("could not update the manifest of %s: %s", self.folder, exc)

    def close(self) -> None:
        self.store.close()

    # -- reading ----------------------------------------------------------

    @contextmanager
    def snapshot(self) -> Iterator[faiss.Index]:
        """The store in one read transaction and the FAISS vectors of the
        same generation; a newer committed generation is picked up here."""
        while True:
            with self.store.read():
                generation = self.store.generation()
                with self._lock:
                    if generation > self._generation:
                        self._check_model()
                        self._vectors = self._load_vectors(generation)
                        self._generation = generation
                    current = self._vectors if generation == self._generation else None
                if current is not None:
                    yield current
                    return
            # This snapshot began before a commit another thread has already
            # loaded (and whose predecessor's file may be gone): take a newer one.

    def _load_vectors(self, generation: int, mmap: bool = True) -> faiss.Index:
        """Readers map the file (the page cache holds it once for every
        process); a writer reads its own copy to change."""
        if generation == 0:
            return vectors.new_index(self.manifest.dimension)
        path = self.folder / _vectors_name(generation)
        log.info("loading %s", path)
        return vectors.load(path, mmap=mmap)

    def _writable_vectors(self) -> tuple[faiss.Index, int]:
        """A private, changeable copy of the current vectors and their generation."""
        with self.store.read():
            generation = self.store.generation()
        # The write lock is held: no other writer can commit meanwhile.
        return self._load_vectors(generation, mmap=False), generation

    @property
    def generation(self) -> int:
        with self.snapshot():
            return self.store.generation()

    # -- browsing: each read in one snapshot -------------------------------

    def passage_context(
        self, passage_id: str, include_restricted: bool = False
    ) -> browse.PassageContext | None:
        """A passage with its neighbours in its agenda item and the item's decisions."""
        with self.snapshot():
            return browse.passage_context(self.store, passage_id, include_restricted)

    def meetings(
        self, filters: Filters, limit: int, offset: int
    ) -> tuple[list[browse.MeetingSummary], int]:
        """Meetings that pass ``filters``, newest first, and how many there are."""
        with self.snapshot():
            return browse.meetings(self.store, filters, limit, offset)

    def meeting(
        self, meeting_id: str, include_restricted: bool = False
    ) -> tuple[browse.MeetingSummary, list[browse.MeetingItem]] | None:
        """One meeting's summary and its agenda items with their passages."""
        with self.snapshot():
            return browse.meeting(self.store, meeting_id, include_restricted)

    def by_kind(self, filters: Filters, limit: int) -> list[StoredPassage]:
        """Passages of ``filters.kinds``, newest meeting first."""
        with self.snapshot():
            return self.store.by_kind(filters, limit)

    def export(self, include_restricted: bool = False) -> Iterator[dict[str, object]]:
        """Every stored document as one JSON-ready dict (see ``index.export``)."""
        with self.snapshot():
            yield from export_documents(self.store, include_restricted)

    def stats(self, include_restricted: bool = False) -> IndexStats:
        with self.snapshot():
            return self.store.stats(include_restricted)

    # -- writing ----------------------------------------------------------

    @contextmanager
    def _write_lock(self) -> Iterator[None]:
        with open(self.folder / LOCK, "a+") as handle:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                raise IndexBusy(
                    f"another ingest is writing to {self.folder}; try again when it ends"
                ) from None
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    def ingest(
        self,
        documents: Iterable[Document | Failure],
        encoder: Encoder,
        on_document: Callable[[str], None] | None = None,
    ) -> IngestReport:
        """Add, replace or skip each document, all in one new generation.

        A source seen before with the same content is left alone; with new
        content its old passages go (unless another source still holds
        them) and the new ones come in. Texts already embedded are not
        embedded again.
        """
        self.manifest.check_compatible(
            encoder.name, encoder.dimension, encoder.encoding, self.folder
        )
        started = time.perf_counter()
        report = IngestReport()
        with self._write_lock():
            work, generation = self._writable_vectors()
            batch = EncodeBatch(work, encoder, self.store, report)
            with self._write_errors(generation), self.store.write():
                batch.max_old_vec_id = self._max_vec_id()
                removed: list[tuple[int, str]] = []
                for doc in documents:
                    if on_document:
                        on_document(doc.source)
                    if isinstance(doc, Failure):
                        report.failures.append(doc)
                        continue
                    report.documents += 1
                    report.warnings += [Failure(doc.source, w) for w in doc.warnings]
                    if doc.incomplete:
                        report.incomplete.append(doc.source)
                    removed += self._ingest_one(doc, batch, report)
                    if batch.pending >= ENCODE_BATCH:
                        batch.flush()
                batch.flush()
                report.generation = generation
                if report.added or report.replaced or report.duplicates:
                    report.passages_removed = len(removed)
                    report.generation = self._stage(work, generation, removed)
            # Committed. What follows only tidies up and can be redone.
            if report.generation != generation:
                self._after_commit(report.generation)
        report.seconds = time.perf_counter() - started
        return report

    def delete_meetings(self, meeting_ids: Iterable[str]) -> int:
        """Remove meetings, their documents, passages and vectors, in one new
        generation. Returns how many passages went (0: no such meeting)."""
        with self._write_lock():
            work, generation = self._writable_vectors()
            with self._write_errors(generation), self.store.write():
                doc_ids = [
                    r[0]
                    for meeting_id in meeting_ids
                    for r in self.store.db.execute(
                        "SELECT id FROM documents WHERE meeting_id = ?", (meeting_id,)
                    )
                ]
                removed = self.store.delete_documents(doc_ids)
                if removed:
                    self._stage(work, generation, removed)
            if removed:
                self._after_commit(generation + 1)
        return len(removed)

    @contextmanager
    def _write_errors(self, generation: int) -> Iterator[None]:
        """A write that fails (a full disk, most often) rolls back and says so
        in one line; the FAISS file it may have written is removed."""
        try:
            yield
        except (OSError, sqlite3.DatabaseError) as exc:
            (self.folder / _vectors_name(generation + 1)).unlink(missing_ok=True)
            reason = getattr(exc, "strerror", None) or str(exc).strip().splitlines()[-1]
            raise IndexWriteError(
                f"could not write the index at {self.folder} ({reason}); is the disk full? "
                f"Nothing was changed: the index is still at generation {generation}"
            ) from exc

    def _stage(self, work: faiss.Index, generation: int, removed: list[tuple[int, str]]) -> int:
        """Inside the write transaction: write the next generation's vectors
        and record it; the transaction's commit makes it the current one."""
        work = vectors.remove(work, [vec_id for vec_id, _ in removed])
        path = self.folder / _vectors_name(generation + 1)
        layout = vectors.save_fitted(work, path, self.flat_max, self.compressed)
        self.store.set_generation(generation + 1, layout)
        return generation + 1

    def _ingest_one(
        self, doc: Document, batch: EncodeBatch, report: IngestReport
    ) -> list[tuple[int, str]]:
        removed: list[tuple[int, str]] = []
        prior = self.store.doc_of_source(doc.source)
        if prior == doc.doc_id:
            report.unchanged += 1
            return removed
        if prior is not None:
            removed = self.store.detach_source(doc.source)
            batch.retired.update((h, vec_id) for vec_id, h in removed)
            report.replaced += 1
        if self.store.has_document(doc.doc_id):
            self.store.attach_source(doc.source, doc.doc_id)
            report.duplicates += 1
            return removed
        vec_ids = self.store.insert_document(doc, self.manifest.model, self.manifest.context)
        self.store.attach_source(doc.source, doc.doc_id)
        batch.add(vec_ids, [p.embedding_text(self.manifest.context) for p in doc.passages])
        report.added += 1
        report.passages_added += len(vec_ids)
        return removed

    def _max_vec_id(self) -> int:
        row = self.store.db.execute(
            "SELECT seq FROM sqlite_sequence WHERE name = 'passages'"
        ).fetchone()
        return int(row[0]) if row else 0

    def _after_commit(self, generation: int) -> None:
        counts = self.store.stats(include_restricted=True)
        self.manifest.index_type = self.store.index_type()
        if recorded := recorded_model(self.store.db):  # re-embedded by a tune
            self.manifest.model, self.manifest.tuned = recorded
        self.manifest.generation = generation
        self.manifest.vectors = _vectors_name(generation)
        self.manifest.counts = {k: v for k, v in counts.to_dict().items() if isinstance(v, int)}
        write_manifest(self.folder, self.manifest)
        for stale in self.folder.glob("vectors-*.faiss*"):
            if stale.name != _vectors_name(generation):
                stale.unlink(missing_ok=True)


def _vectors_name(generation: int) -> str:
    return f"vectors-{generation}.faiss"
