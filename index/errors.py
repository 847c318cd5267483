"""Named errors of the index layer; the CLI and API turn them into one line."""


class IndexProblem(Exception):
    """Base class: something is wrong with an index folder."""


class IndexNotFound(IndexProblem):
    """No index exists at the given folder yet."""


class IndexMismatch(IndexProblem):
    """The index was built with another model, dimension or format."""


class IndexBusy(IndexProblem):
    """Another ingest holds the index's write lock."""


class IndexWriteError(IndexProblem):
    """Writing the next generation failed (a full disk, say); the index is unchanged."""


class NotOneIndex(IndexProblem):
    """The archive is a folder of shards; what was asked needs one index folder."""
