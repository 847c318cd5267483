"""One module per format of minutes; each returns a :class:`Parsed`."""

from minutes_qa.corpus.readers.base import Parsed

__all__ = ["Parsed"]
