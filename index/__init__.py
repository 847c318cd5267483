"""Embedding, FAISS vectors and the passage store, kept in one folder."""

from index.batch import IngestReport
from index.encoder import DEFAULT_MODEL, Encoder, HashingEncoder
from index.passage_index import PassageIndex
from index.rows import Filters, StoredPassage
from index.torch_encoder import SentenceTransformerEncoder

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
