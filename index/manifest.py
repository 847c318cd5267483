"""The manifest: what an index folder holds and how it was built.

A plain JSON file, written atomically. The model, dimension, normalisation
and encoding never change for the life of an index; opening an index with
an encoder that does not match them is refused with a clear message.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path

from minutes_qa.index.errors import IndexMismatch

FORMAT_VERSION = 1
MANIFEST = "manifest.json"


@dataclass(slots=True)
class Manifest:
    """``generation`` counts committed ingests; ``vectors`` names the FAISS
    file of that generation. ``counts`` is for people reading the folder."""

    model: str
    dimension: int
    encoding: str = "fp32"
    normalized: bool = True
    metric: str = "inner_product"
    index_type: str = "flat"
    # Whether passages were embedded with their item title and lead-in.
    context: bool = False
    format_version: int = FORMAT_VERSION
    generation: int = 0
    vectors: str = ""
    counts: dict[str, int] = field(default_factory=dict)
    # Set by ``minutes-qa tune``: the base model, the tuned model's folder
    # (relative to the index folder) and the recipe (seed, pairs, steps).
    tuned: dict[str, object] | None = None

    def check_compatible(self, model: str, dimension: int, encoding: str, folder: Path) -> None:
        if self.format_version != FORMAT_VERSION:
            raise IndexMismatch(
                f"index {folder} has format version {self.format_version}; this version of "
                f"minutes-qa reads version {FORMAT_VERSION}: re-ingest into a new folder"
            )
        if (self.model, self.dimension, self.encoding) != (model, dimension, encoding):
            raise IndexMismatch(
                f"index {folder} was built with model {self.model!r} ({self.dimension}-d, "
                f"{self.encoding}) but the encoder is {model!r} ({dimension}-d, {encoding}): "
                "use the same model, or ingest into another --index folder"
            )


def read_manifest(folder: Path) -> Manifest:
    data = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    known = set(Manifest.__dataclass_fields__)
    return Manifest(**{key: value for key, value in data.items() if key in known})


def write_manifest(folder: Path, manifest: Manifest) -> None:
    write_atomic(folder / MANIFEST, json.dumps(asdict(manifest), indent=2).encode() + b"\n")


def write_atomic(path: Path, data: bytes) -> None:
    """``data`` written whole to ``path`` (see ``replacing``)."""
    with replacing(path) as tmp:
        tmp.write_bytes(data)


@contextmanager
def replacing(path: Path) -> Iterator[Path]:
    """A temporary path to write ``path``'s new content to; on success it is
    flushed to disk and renamed over ``path``, so a reader sees the old file
    or the new one, never half of one. On failure it is removed."""
    tmp = path.with_name(path.name + ".tmp")
    try:
        yield tmp
        fd = os.open(tmp, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    os.replace(tmp, path)
    fsync_dir(path.parent)


def fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
