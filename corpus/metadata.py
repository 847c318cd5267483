"""Meeting metadata from front matter and sidecar files.

What the text does not state comes from outside it. The order of trust is:
the file's own YAML front matter; a ``meeting.json`` in its folder or any
folder above it (one meeting's files); an ``archive.json`` in its folder or
above (a whole archive's council, visibility and default committee); what
the reader finds in the text; the archive's default committee; the file's
name. A nearer sidecar overrides a farther one, field by field.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from minutes_qa.corpus.errors import MetadataError, ReadError
from minutes_qa.corpus.model import MeetingInfo

SIDECAR = "meeting.json"
ARCHIVE = "archive.json"
SIDECARS = (SIDECAR, ARCHIVE)
_ARCHIVE_FIELDS = {"council", "committee", "visibility"}
_FIELDS = ("council", "committee", "date", "title", "url")
# Where each field came from, as an export records it.
SOURCE_FIELDS = ("date_source", "council_source", "committee_source")
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
    sources: dict[str, str | None] = {}
    for name in SOURCE_FIELDS:
        value = fields.get(name)
        if value is not None and not isinstance(value, str):
            raise MetadataError(f"{where}: field '{name}' must be text")
        sources[name] = value or None
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
        date_source=sources["date_source"],
        council_source=sources["council_source"],
        committee_source=sources["committee_source"],
    )


def is_blog_post(fields: dict[str, Any]) -> bool:
    return any(key in fields for key in _BLOG_KEYS)


@dataclass(frozen=True, slots=True)
class Labels:
    """What sidecar files say about the documents below them. ``over`` is
    trusted above what the text states (a meeting.json's fields, an
    archive.json's council and visibility); ``under`` only fills in what the
    text leaves empty (an archive.json's committee: the archive's usual body)."""

    over: MeetingInfo = MeetingInfo()
    under: MeetingInfo = MeetingInfo()


def read_sidecar(folder: Path, name: str = SIDECAR) -> MeetingInfo:
    """A sidecar of a folder, or nothing known when there is none; each field
    recorded as coming from it."""
    path = folder / name
    if not path.is_file():
        return MeetingInfo()
    try:
        fields = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise MetadataError(f"{path}: not valid JSON ({exc})") from exc
    if not isinstance(fields, dict):
        raise MetadataError(f"{path}: must hold one JSON object")
    if name == ARCHIVE:
        extra = sorted(set(fields) - _ARCHIVE_FIELDS)
        if extra:
            raise MetadataError(
                f"{path}: field '{extra[0]}' describes one meeting: put it in a {SIDECAR} "
                f"(an {ARCHIVE} holds {', '.join(sorted(_ARCHIVE_FIELDS))})"
            )
    return meeting_from_fields(fields, str(path)).from_source(f"{name} in {folder}")


def folder_labels(folder: Path, above: Labels) -> Labels:
    """The labels of ``folder``: its own sidecars over those of the folders
    above it (``above``)."""
    meeting = read_sidecar(folder, SIDECAR)
    archive = read_sidecar(folder, ARCHIVE)
    archive_over = MeetingInfo(
        council=archive.council,
        visibility=archive.visibility,
        council_source=archive.council_source,
    )
    archive_under = MeetingInfo(
        committee=archive.committee, committee_source=archive.committee_source
    )
    return Labels(
        over=meeting.merged_over(archive_over).merged_over(above.over),
        under=archive_under.merged_over(above.under),
    )


class SidecarCache:
    """The labels of each folder, each sidecar read once per run. A folder
    inherits from the folders above it up to ``top`` and, above that, up to
    the current folder when ``top`` lies inside it."""

    def __init__(self) -> None:
        self._labels: dict[Path, Labels | ReadError] = {}

    def labels(self, folder: Path, top: Path) -> Labels:
        folder = folder.absolute()
        if folder not in self._labels:
            parent = folder.parent
            try:
                inherit = parent != folder and _inside(parent, top.absolute())
                above = self.labels(parent, top) if inherit else Labels()
                self._labels[folder] = folder_labels(folder, above)
            except ReadError as exc:
                self._labels[folder] = exc
        found = self._labels[folder]
        if isinstance(found, ReadError):
            raise found
        return found


def _inside(folder: Path, top: Path) -> bool:
    """``folder`` is ``top`` or below it, or below the current folder while
    ``top`` is too."""
    cwd = Path.cwd()
    return folder.is_relative_to(top) or (top.is_relative_to(cwd) and folder.is_relative_to(cwd))


def _iso_date(value: str, where: str) -> str:
    try:
        return dt.date.fromisoformat(value[:10]).isoformat()
    except ValueError:
        raise MetadataError(f"{where}: field 'date' must be YYYY-MM-DD, got {value!r}") from None


def _first_line(exc: Exception) -> str:
    return str(exc).splitlines()[0] if str(exc) else type(exc).__name__
