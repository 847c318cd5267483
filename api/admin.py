"""Routes that change the index: upload minutes, delete a meeting.

Both need an API key (header ``X-API-Key``), compared in constant time with
the keys configured in the environment; without a valid key they answer 401
and change nothing. Changes are made through a second connection to the
index, so that searches keep being served from the committed generation.
"""

import dataclasses
import json
import re
import tempfile
from pathlib import Path
from typing import Annotated, Literal

from fastapi import APIRouter, BackgroundTasks, Depends, File, Form, HTTPException, UploadFile

from minutes_qa.api.deps import AccessDep, SearcherDep, SettingsDep
from minutes_qa.api.schemas import ErrorResponse, UploadOut
from minutes_qa.corpus.load import load
from minutes_qa.corpus.metadata import SIDECAR
from minutes_qa.index.passage_index import PassageIndex, ingest_into
from minutes_qa.index.sharded import as_one_index

# 409: another ingest is writing; 507: the disk is full (nothing changed).
router = APIRouter(
    prefix="/api/v1",
    responses={code: {"model": ErrorResponse} for code in (401, 409, 422, 429, 507)},
)
_SAFE_NAME = re.compile(r"[^\w.\- ]+")


def require_key(access: AccessDep) -> None:
    if not access.admin:
        raise HTTPException(401, "an admin API key is needed (header X-API-Key)")


KeyDep = Depends(require_key)


def require_one_index(s: SearcherDep) -> None:
    """A folder of shards is only searched (409): changes go to its shards."""
    as_one_index(s.index, "changing it")


OneIndexDep = Depends(require_one_index)


@router.post("/documents", response_model=UploadOut, dependencies=[KeyDep, OneIndexDep])
def upload(
    s: SearcherDep,
    settings: SettingsDep,
    background: BackgroundTasks,
    files: Annotated[list[UploadFile], File(description="minutes files")],
    council: Annotated[str | None, Form()] = None,
    committee: Annotated[str | None, Form()] = None,
    date: Annotated[str | None, Form(description="YYYY-MM-DD")] = None,
    title: Annotated[str | None, Form()] = None,
    url: Annotated[str | None, Form()] = None,
    visibility: Annotated[
        Literal["public", "restricted"] | None,
        Form(description="restricted: readable only with a key that grants it"),
    ] = None,
) -> UploadOut:
    """Ingest uploaded minutes files; the metadata given applies to all of them."""
    if len(files) > settings.max_upload_files:
        raise HTTPException(422, f"at most {settings.max_upload_files} files per upload")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        names = []
        for upload_file in files:
            name = _SAFE_NAME.sub("_", Path(upload_file.filename or "upload.txt").name)
            data = upload_file.file.read(settings.max_upload_bytes + 1)
            if len(data) > settings.max_upload_bytes:
                raise HTTPException(422, f"{name}: larger than {settings.max_upload_bytes} bytes")
            (folder / name).write_bytes(data)
            names.append(name)
        meta = {
            "council": council,
            "committee": committee,
            "date": date,
            "title": title,
            "url": url,
            "visibility": visibility,
        }
        if any(meta.values()):
            (folder / SIDECAR).write_text(json.dumps(meta))
        documents = [
            dataclasses.replace(doc, source="upload/" + Path(doc.source).name)
            for doc in load([folder])
        ]
        report = ingest_into(
            settings.index,
            documents,
            s.encoder,
            context=settings.embed_context,
            flat_max=settings.flat_max,
        )
    # Saved searches hear of the new passages once the upload is answered.
    from minutes_qa.api.alerts import after_upload  # api.alerts imports this module

    after_upload(background, s, settings)
    return UploadOut.model_validate({"files": names, **report.to_dict()})


@router.delete(
    "/meetings/{meeting_id}",
    dependencies=[KeyDep, OneIndexDep],
    responses={404: {"model": ErrorResponse}},
)
def delete_meeting(s: SearcherDep, settings: SettingsDep, meeting_id: str) -> dict[str, int]:
    """Remove a meeting and everything stored from it."""
    writer = PassageIndex.open(settings.index, s.encoder, settings.flat_max)
    try:
        removed = writer.delete_meetings([meeting_id])
    finally:
        writer.close()
    if not removed:
        raise HTTPException(404, f"no meeting with id {meeting_id!r}")
    return {"passages_removed": removed}
