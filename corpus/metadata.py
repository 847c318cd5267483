"""Meeting metadata from front matter and ``meeting.json`` sidecars.

What the text does not state comes from outside it. The order of trust is:
the file's own YAML front matter, then a ``meeting.json`` in its folder, then
what the reader finds in the text, then the file's path.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import yaml

from minutes_qa.corpus.errors import MetadataError
from minutes_qa.corpus.model import MeetingInfo

SIDECAR = "meeting.json"
_FIELDS = ("council", "committee", "date", "title", "url")
# A blog export (WordPress, Jekyll, Hugo) tags its posts; there ``date`` is
# when the post was published, which is not when the meeting was held.
_BLOG_KEYS = ("categories", "tags")


def split_front_matter(text: str) -> tuple[dict[str, Any], str]:
    """YAML front matter between ``---`` lines at the very top, and the rest."""
    if not text.startswith("---\n"):
        return {}, text
    end = text.find("\n---", 4)
    if end == -1:
        return {}, text
    try:
        data = yaml.safe_load(text[4:end])
    except yaml.YAMLError as exc:
        raise MetadataError(f"front matter is not valid YAML ({_first_line(exc)})") from exc
    except ValueError as exc:  # a timestamp YAML cannot build: "date: 2024-02-30"
        raise MetadataError(f"front matter has an impossible value ({exc})") from exc
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise MetadataError("front matter is not a mapping of fields")
    rest = text[end + 4 :]
    return data, rest[1:] if rest.startswith("\n") else rest


def meeting_from_fields(fields: dict[str, Any], where: str) -> MeetingInfo:
    """Validate the metadata fields of front matter or a sidecar."""
    values: dict[str, str | None] = {}
    for name in _FIELDS:
        value = fields.get(name)
        if isinstance(value, dt.datetime):
            value = value.date()
        if isinstance(value, dt.date):
            value = value.isoformat()
        if value is not None and not isinstance(value, str):
            raise MetadataError(f"{where}: field '{name}' must be text, not {type(value).__name__}")
        values[name] = value.strip() or None if value else None
    if is_blog_post(fields) and "meeting_date" not in fields:
        values["date"] = None
    if fields.get("meeting_date") is not None:
        values["date"] = str(fields["meeting_date"]).strip()
    if values["date"] is not None:
        values["date"] = _iso_date(values["date"], where)
    visibility = str(fields.get("visibility") or "").strip().lower() or None
    if visibility not in (None, "public", "restricted"):
        raise MetadataError(f"{where}: field 'visibility' must be 'public' or 'restricted'")
    return MeetingInfo(
        council=values["council"],
        committee=values["committee"],
        date=values["date"],
        title=values["title"],
        url=values["url"],
        visibility=visibility,
    )


def is_blog_post(fields: dict[str, Any]) -> bool:
    return any(key in fields for key in _BLOG_KEYS)


def read_sidecar(folder: Path) -> MeetingInfo:
    """The ``meeting.json`` of a folder, or nothing known when there is none."""
    path = folder / SIDECAR
    if not path.is_file():
        return MeetingInfo()
    try:
        fields = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise MetadataError(f"{path}: not valid JSON ({exc})") from exc
    if not isinstance(fields, dict):
        raise MetadataError(f"{path}: must hold one JSON object")
    return meeting_from_fields(fields, str(path))


def _iso_date(value: str, where: str) -> str:
    try:
        return dt.date.fromisoformat(value[:10]).isoformat()
    except ValueError:
        raise MetadataError(f"{where}: field 'date' must be YYYY-MM-DD, got {value!r}") from None


def _first_line(exc: Exception) -> str:
    return str(exc).splitlines()[0] if str(exc) else type(exc).__name__
