"""Embedding, FAISS vectors and the passage store, kept in one folder."""

from index.encoder import DEFAULT_MODEL, Encoder, HashingEncoder, SentenceTransformerEncoder
from index.passage_index import IngestReport, PassageIndex
from index.store import Filters, StoredPassage

__all__ = [
    "DEFAULT_MODEL",
    "Encoder",
    "Filters",
    "HashingEncoder",
    "IngestReport",
    "PassageIndex",
    "SentenceTransformerEncoder",
    "StoredPassage",
]
