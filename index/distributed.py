"""Ingest on a Ray cluster: files read in parallel tasks, texts embedded by
encoder actors that hold the model, and the result committed on the driver
by the one ingest every other path runs (``PassageIndex.ingest``).

The cluster does the two costly parts, reading and embedding; it never
writes the index. The driver, in order:

1. reads every discovered file in Ray Data tasks (``corpus.load.read_file``
   with the folder's labels, exactly as ``corpus.load.load`` does), and
   gathers the Documents and Failures in discovery order;
2. keeps the texts that need a vector: new to this ingest and not already
   embedded in the index (the same texts that the single-process ingest
   would embed, each once), sorted by length so that a batch pads little;
3. embeds them in an actor pool (``map_batches`` with a class);
4. runs the ordinary ingest with an encoder that answers from those
   vectors: one generation, crash-safe, the same dedupe, the same passage
   ids and report as a single-process ingest of the same files.

Nothing is committed before step 4, so a lost worker can only cost time:
Ray retries a read task and restarts an encoder actor (both set here
explicitly), and when the cluster cannot finish, the ingest fails with
:class:`DistributedIngestFailed`, the index untouched, and a re-run starts
afresh. Files are read where the task runs: on a cluster of several
machines every path must be readable at the same place on each (a shared
file system); the index folder is only written by the driver.

Ray is an optional extra (``pip install minutes-qa[ray]``): only this
module, ``index.ray_session`` (connecting, gathering results) and
``index.ray_shards`` import it.
"""

from __future__ import annotations

import logging
import os
import pickle
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from minutes_qa.corpus.boilerplate import drop_archive_repeats
from minutes_qa.corpus.errors import ReadError
from minutes_qa.corpus.load import discover, read_file
from minutes_qa.corpus.metadata import SidecarCache
from minutes_qa.corpus.model import Document, Failure
from minutes_qa.index import vectors
from minutes_qa.index.batch import IngestReport
from minutes_qa.index.encoder import Encoder
from minutes_qa.index.passage_index import PassageIndex
from minutes_qa.index.ray_session import (
    STALL_SECONDS,
    DistributedIngestFailed,
    connected,
    map_batches,
    results,
)
from minutes_qa.index.store import embed_hash

__all__ = ["DistributedIngestFailed", "RayPlan", "embed_all", "ray_ingest_into", "read_all"]

log = logging.getLogger(__name__)

# Texts per encoder-actor call. Measured with the default model on one
# 1-CPU worker (bench/ray_ingest.py, 1,521 texts, the actor's start
# included): 64 texts 83 a second, 256: 118, 1,024: 121, 4,096: 115. Texts
# arrive sorted by length, so larger batches gain nothing, and a lost
# worker's batch in flight is embedded again.
EMBED_BATCH = 256
# Files per read task: enough to amortise a task's start (~5 ms).
READ_BATCH = 16
# Retries of a read task and restarts of an encoder actor lost with its
# worker (Ray Data's default for both is "forever"). A task sent to an actor
# whose node died is retried until the actor is back or out of restarts: its
# failures while the node is not yet known to be dead (seconds of "actor
# unavailable") say nothing about the work.
RETRIES = 3


@dataclass(frozen=True, slots=True)
class RayPlan:
    """Where and how to run. ``address``: a cluster's ``host:port``, or
    ``auto``/None for the cluster started on this machine (one is started
    when none runs). ``workers``: encoder actors, by default one per CPU of
    the cluster."""

    address: str | None = None
    workers: int | None = None
    batch_size: int = EMBED_BATCH
    read_batch: int = READ_BATCH
    retries: int = RETRIES
    stall_seconds: float = STALL_SECONDS


def ray_ingest_into(
    folder: Path,
    paths: Sequence[Path],
    encoder: Encoder,
    make_encoder: Callable[[], Encoder],
    plan: RayPlan = RayPlan(),
    *,
    context: bool = False,
    flat_max: int = vectors.FLAT_MAX,
    compressed: bool = False,
    on_document: Callable[[str], None] | None = None,
) -> IngestReport:
    """Ingest the files under ``paths`` into the index at ``folder`` on a
    Ray cluster (see the module's docstring). ``encoder`` names the model
    (and embeds, on the driver, anything the cluster did not); each actor
    builds its own with ``make_encoder``, which must be picklable."""
    started = time.perf_counter()
    # Refuses an index of another model before the cluster spends any time.
    index = PassageIndex.open_or_create(folder, encoder, context, flat_max, compressed)
    try:
        with connected(plan.address):
            stage = time.perf_counter()
            results = read_all(paths, plan)
            texts = _texts_to_embed(index, results, encoder.name)
            log.info("read: %d results in %.1f s", len(results), time.perf_counter() - stage)
            stage = time.perf_counter()
            table = embed_all(texts, make_encoder, plan)
            log.info("embed: %d texts in %.1f s", len(texts), time.perf_counter() - stage)
        stage = time.perf_counter()
        report = index.ingest(results, Embedded(encoder, table), on_document=on_document)
        log.info(
            "commit: %d passages in %.1f s", report.passages_added, time.perf_counter() - stage
        )
    finally:
        index.close()
    # The whole run, reading and embedding on the cluster included.
    report.seconds = time.perf_counter() - started
    return report


def read_all(paths: Sequence[Path], plan: RayPlan) -> list[Document | Failure]:
    """Every file under ``paths`` read in Ray tasks: what ``corpus.load.load``
    yields, in the same order."""
    import ray.data

    files = list(_files(paths))
    rows = [
        {"order": n, "path": str(path), "top": str(top)} for n, (path, top, _) in enumerate(files)
    ]
    if not rows:
        return []
    dataset = ray.data.from_items(rows, override_num_blocks=-(-len(rows) // plan.read_batch))
    read = map_batches(
        dataset,
        _ReadFiles(os.getcwd()),
        batch_size=plan.read_batch,
        num_cpus=1,
        max_retries=plan.retries,
    )
    found: list[tuple[int, list[Document | Failure]]] = []
    for batch in results(read, "reading the files", plan.stall_seconds):
        pairs = zip(batch["order"], batch["payload"], strict=True)
        found += [(int(order), pickle.loads(payload)) for order, payload in pairs]
    found.sort(key=lambda pair: pair[0])
    # Lines an archive repeats at the head and foot of its documents are
    # judged over all of one root's files, as corpus.load.load does, so the
    # passages and their ids are those of a single-process ingest.
    by_root: dict[int, list[Document | Failure]] = {}
    for order, docs in found:
        by_root.setdefault(files[order][2], []).extend(docs)
    return [doc for root in sorted(by_root) for doc in drop_archive_repeats(by_root[root])]


def _files(paths: Iterable[Path]) -> Iterator[tuple[Path, Path, int]]:
    """Each file with the folder its labels stop at and the number of the
    root it was found under."""
    for n, root in enumerate(paths):
        top = root if root.is_dir() else root.parent
        for path in discover([root]):
            yield path, top, n


class _ReadFiles:
    """A read task: the files of one batch, each as ``corpus.load.load``
    reads it. Paths stay as the driver gave them (sources are recorded as
    given), so the task reads from the driver's working folder."""

    def __init__(self, cwd: str):
        self.cwd = cwd

    def __call__(self, batch: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
        sidecars = SidecarCache()
        payloads = []
        with _working_folder(self.cwd):
            for path, top in zip(batch["path"], batch["top"], strict=True):
                payloads.append(pickle.dumps(_read_one(Path(path), Path(top), sidecars)))
        return {"order": batch["order"], "payload": np.array(payloads, dtype=object)}


def _read_one(path: Path, top: Path, sidecars: SidecarCache) -> list[Document | Failure]:
    # The same handling of one file as corpus.load.load.
    try:
        return list(read_file(path, sidecars.labels(path.parent, top)))
    except ReadError as exc:
        return [Failure(str(path), str(exc))]
    except OSError as exc:
        return [Failure(str(path), exc.strerror or str(exc))]
    except RecursionError:
        return [Failure(str(path), "nested too deeply to read")]


@contextmanager
def _working_folder(cwd: str) -> Iterator[None]:
    # A Ray worker runs one task at a time: changing its folder is safe.
    before = os.getcwd()
    os.chdir(cwd)
    try:
        yield
    finally:
        os.chdir(before)


def _texts_to_embed(
    index: PassageIndex, results: list[Document | Failure], model: str
) -> list[str]:
    """New texts, each once, longest last: those the ingest will not find
    already embedded in the index."""
    context = index.manifest.context
    texts = {
        p.embedding_text(context): None
        for doc in results
        if isinstance(doc, Document)
        for p in doc.passages
    }
    hashes = {embed_hash(t, model): t for t in texts}
    with index.store.read():
        known = index.store.vec_ids_by_hash(list(hashes), 2**62)
    return sorted((t for h, t in hashes.items() if h not in known), key=len)


class _EncodeTexts:
    """An encoder actor: loads the model once, then embeds batch after batch.
    Subclassed per ingest with its ``make_encoder``."""

    make_encoder: Callable[[], Encoder]

    def __init__(self) -> None:
        self.encoder = self.make_encoder()

    def __call__(self, batch: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
        return {"key": batch["key"], "vector": self.encoder.encode_batch(list(batch["text"]))}


def embed_all(
    texts: list[str], make_encoder: Callable[[], Encoder], plan: RayPlan
) -> dict[str, np.ndarray]:
    """Each text's vector, computed by a pool of encoder actors."""
    import ray
    import ray.data

    if not texts:
        return {}
    workers = plan.workers or max(1, int(ray.cluster_resources().get("CPU", 1)))
    dataset = ray.data.from_items(
        [{"key": n, "text": t} for n, t in enumerate(texts)],
        override_num_blocks=max(workers, -(-len(texts) // plan.batch_size)),
    )
    # The factory travels inside the class, not as constructor arguments in
    # the object store, where a restart after a lost node might not find it.
    actor = type("EncodeTexts", (_EncodeTexts,), {"make_encoder": staticmethod(make_encoder)})
    encoded = map_batches(
        dataset,
        actor,
        batch_size=plan.batch_size,
        compute=ray.data.ActorPoolStrategy(size=workers),
        num_cpus=1,
        max_restarts=plan.retries,
        max_task_retries=-1,
        # One actor per node while nodes last: a lost node takes one actor.
        scheduling_strategy="SPREAD",
    )
    table: dict[str, np.ndarray] = {}
    for batch in results(encoded, "embedding", plan.stall_seconds):
        for key, vector in zip(batch["key"], batch["vector"], strict=True):
            table[texts[int(key)]] = np.asarray(vector, dtype=np.float32)
    return table


class Embedded:
    """An encoder that answers with the vectors the cluster computed, and
    embeds on the driver only a text it did not (one that was dropped from
    the index between the plan and the commit, say)."""

    def __init__(self, encoder: Encoder, table: dict[str, np.ndarray]):
        self.encoder, self.table = encoder, table

    @property
    def name(self) -> str:
        return self.encoder.name

    @property
    def dimension(self) -> int:
        return self.encoder.dimension

    @property
    def encoding(self) -> str:
        return self.encoder.encoding

    def encode_batch(self, texts: Sequence[str]) -> np.ndarray:
        out = np.zeros((len(texts), self.dimension), dtype=np.float32)
        missing = [i for i, t in enumerate(texts) if t not in self.table]
        for i, text in enumerate(texts):
            if text in self.table:
                out[i] = self.table[text]
        if missing:
            log.warning("embedding %d texts on the driver", len(missing))
            out[missing] = self.encoder.encode_batch([texts[i] for i in missing])
        return out
