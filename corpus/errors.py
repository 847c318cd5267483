"""Named errors of the corpus layer; the CLI and API turn them into one line."""


class ReadError(Exception):
    """A file could not be read as minutes; the message names the reason.

    The loader adds the file name, so messages say what is wrong, not where.
    """


class MetadataError(ReadError):
    """Front matter or a ``meeting.json`` sidecar has a field that is wrong."""
