"""Retrieval, ranking, citations and the command line."""

from qa.hits import Citation, Hit
from qa.search import Searcher

__all__ = ["Citation", "Hit", "Searcher"]
