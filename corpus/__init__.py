"""Reading minutes: formats, metadata and per-bullet chunking."""

from corpus.load import discover, load, parse_text, read_document
from corpus.model import AgendaItem, Block, Document, Failure, Form, Kind, MeetingInfo, Passage

__all__ = [
    "AgendaItem",
    "Block",
    "Document",
    "Failure",
    "Form",
    "Kind",
    "MeetingInfo",
    "Passage",
    "discover",
    "load",
    "parse_text",
    "read_document",
]
