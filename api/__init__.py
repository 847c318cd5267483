"""The HTTP API and the search page."""

from api.app import create_app

__all__ = ["create_app"]
