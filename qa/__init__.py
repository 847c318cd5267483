"""Retrieval, ranking, citations and the command line."""

from minutes_qa.qa.hits import Citation, Hit
from minutes_qa.qa.search import Searcher

__all__ = ["Citation", "Hit", "Searcher"]
