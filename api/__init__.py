"""The HTTP API and the search page."""

from minutes_qa.api.app import create_app

__all__ = ["create_app"]
