"""Embedding, FAISS vectors and the passage store, kept in one folder."""

from minutes_qa.index.batch import IngestReport
from minutes_qa.index.encoder import DEFAULT_MODEL, Encoder, HashingEncoder
from minutes_qa.index.passage_index import PassageIndex
from minutes_qa.index.rows import Filters, StoredPassage
from minutes_qa.index.torch_encoder import SentenceTransformerEncoder

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
