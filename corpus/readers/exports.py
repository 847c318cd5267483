"""Structured exports of publishing systems: ``.xml`` and ``.json`` files.

- ``.xml``: the ModernGov web service's ``GetMeeting`` export
  (:mod:`corpus.readers.moderngov_xml`);
- ``.json``: an eSCRIBE meeting as scrapers of eSCRIBE portals write it
  (:mod:`corpus.readers.escribe_json`).

A file of any other shape fails with a reason that names what was expected.
"""

from __future__ import annotations

import json

from minutes_qa.corpus.errors import ReadError
from minutes_qa.corpus.readers import escribe_json, moderngov_xml
from minutes_qa.corpus.readers.base import Parsed

SUFFIXES = {".xml", ".json"}
_JSON_EXPECTED = "an eSCRIBE meeting export ({title, datetime, meeting_type, items})"


def read_export(text: str, suffix: str) -> tuple[Parsed, str]:
    """The items and meeting details of one export, and its format's name."""
    if suffix == ".xml":
        return moderngov_xml.read_xml(moderngov_xml.parse_xml(text)), "moderngov-xml"
    try:
        data = json.loads(text)
    except (json.JSONDecodeError, RecursionError) as exc:
        raise ReadError(f"not valid JSON ({exc}); expected {_JSON_EXPECTED}") from None
    if escribe_json.looks_like_escribe_json(data):
        return escribe_json.read_json(data), "escribe-json"
    keys = sorted(" ".join(str(k).split())[:30] for k in data) if isinstance(data, dict) else []
    shape = "object with keys " + ", ".join(keys[:6]) if keys else type(data).__name__
    raise ReadError(f"a JSON file of no known shape (a {shape}); expected {_JSON_EXPECTED}")
