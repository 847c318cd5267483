"""Embedding, FAISS vectors and the passage store, kept in one folder."""

from index.batch import IngestReport
from index.encoder import DEFAULT_MODEL, Encoder, HashingEncoder, SentenceTransformerEncoder
from index.passage_index import PassageIndex
from index.rows import Filters, StoredPassage

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
