"""Reading minutes: formats, metadata and per-bullet chunking."""

from minutes_qa.corpus.load import discover, load, parse_text, read_document
from minutes_qa.corpus.model import (
    AgendaItem,
    Block,
    Document,
    Failure,
    Form,
    Kind,
    MeetingInfo,
    Passage,
)

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
