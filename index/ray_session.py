"""A Ray session for the distributed ingest: connecting, the options Ray
Data is given, and its results gathered so that a cluster that fails or
stalls ends the ingest with one named error (nothing committed)."""

from __future__ import annotations

import importlib.util
import logging
import queue
import threading
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import numpy as np

from minutes_qa.index.errors import IndexProblem

log = logging.getLogger(__name__)

# An actor lost with its node restarts on another one with a free CPU; when
# no node has room it waits, and so would the ingest. After this long with
# no results the ingest gives up (nothing committed).
STALL_SECONDS = 600.0


class DistributedIngestFailed(IndexProblem):
    """The cluster could not read or embed everything; nothing was committed."""


class RayNotInstalled(IndexProblem):
    """``--ray`` without the extra that brings Ray."""


@contextmanager
def connected(address: str | None) -> Iterator[None]:
    """Attach to the cluster (or start one on this machine); detach after."""
    if importlib.util.find_spec("ray") is None:
        raise RayNotInstalled(
            "Ray is not installed: pip install 'minutes-qa[ray]' (make setup does)"
        )
    import ray
    import ray.data

    if ray.is_initialized():  # the caller's own connection: leave it open
        yield
        return
    quiet: dict[str, Any] = {"logging_level": logging.WARNING, "log_to_driver": False}
    if address in (None, "auto"):
        try:
            ray.init(address="auto", **quiet)
        except ConnectionError:
            log.info("no Ray cluster runs here: starting one on this machine")
            ray.init(include_dashboard=False, **quiet)
    else:
        ray.init(address=address, **quiet)
    ray.data.DataContext.get_current().enable_progress_bars = False
    if not log.isEnabledFor(logging.INFO):
        # Ray Data prints its progress through a console handler of its own
        # at INFO: the library stays quiet unless its caller asked for more.
        logging.getLogger("ray.data").setLevel(logging.WARNING)
    try:
        yield
    finally:
        ray.shutdown()


def map_batches(dataset: Any, fn: Any, **options: Any) -> Any:
    # Ray 2.60 deprecates passing task and actor options (retries, restarts,
    # placement) through map_batches and offers no other way to set them:
    # pyproject keeps Ray below 2.64, which is to remove it.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        return dataset.map_batches(fn, **options)


def results(dataset: Any, stage: str, stall_seconds: float) -> Iterator[dict[str, np.ndarray]]:
    """The dataset's batches as they come, read in a thread so that a
    cluster that stops making progress ends the ingest instead of hanging it."""
    done = object()
    found: queue.Queue[Any] = queue.Queue(maxsize=64)

    def pull() -> None:
        try:
            for batch in dataset.iter_batches(batch_size=None, batch_format="numpy"):
                found.put(batch)
            found.put(done)
        except Exception as exc:  # Ray's errors share no base class worth naming
            found.put(exc)

    threading.Thread(target=pull, daemon=True, name=f"ray-{stage}").start()
    while True:
        try:
            item = found.get(timeout=stall_seconds)
        except queue.Empty:
            raise DistributedIngestFailed(
                _failed(stage, TimeoutError(f"no progress in {stall_seconds:.0f} s"))
            ) from None
        if item is done:
            return
        if isinstance(item, Exception):
            raise DistributedIngestFailed(_failed(stage, item)) from item
        yield item


def _failed(stage: str, exc: BaseException) -> str:
    # Ray wraps the worker's own error (a task error around a system error
    # around a traceback): its last line says what happened.
    while getattr(exc, "cause", None) is not None or exc.__cause__ is not None:
        exc = getattr(exc, "cause", None) or exc.__cause__  # type: ignore[assignment]
    lines = [line.strip() for line in str(exc).strip().splitlines() if line.strip()]
    reason = lines[-1] if lines else type(exc).__name__
    return (
        f"the Ray cluster failed while {stage} ({reason[:300]}); nothing was committed: "
        "run the ingest again"
    )
