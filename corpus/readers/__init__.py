"""One module per format of minutes; each returns a :class:`Parsed`."""

from corpus.readers.base import Parsed

__all__ = ["Parsed"]
