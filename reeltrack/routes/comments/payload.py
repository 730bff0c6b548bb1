"""Reading a comment or reply post: JSON, or a multipart form carrying files."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Annotated, Any

import orjson
from fastapi import Depends, Request
from starlette.datastructures import UploadFile

from reeltrack.auth.deps import RuntimeDep
from reeltrack.services.comment_files import TooLarge, Upload, check_sizes
from reeltrack.wire.body import json_body

# Room for the form fields and multipart boundaries around the files themselves.
FORM_OVERHEAD = 1024 * 1024


@dataclass
class Payload:
    """The fields of a post and the files it uploads."""

    fields: Any = None
    uploads: list[Upload] = field(default_factory=list)


def _declared_length(request: Request) -> int:
    try:
        return int(request.headers.get("content-length") or 0)
    except ValueError:
        return 0


async def read_payload(request: Request, runtime: RuntimeDep) -> Payload:
    """JSON body, or multipart fields and files; 413 past the upload size limit."""
    limit = runtime.settings.max_upload_size
    content_type = request.headers.get("content-type", "")
    if "application/x-www-form-urlencoded" in content_type:
        form = await request.form()
        return Payload({k: v for k, v in form.items() if isinstance(v, str)})
    if "multipart/form-data" not in content_type:
        return Payload(await json_body(request))
    if _declared_length(request) > limit + FORM_OVERHEAD:
        raise TooLarge(limit)
    form = await request.form(max_files=100, max_fields=100)
    fields: dict[str, Any] = {}
    uploads: list[Upload] = []
    for key, value in form.multi_items():
        if isinstance(value, UploadFile):
            size = value.size if value.size is not None else _size_of(value)
            uploads.append(Upload(value.filename or key, value.content_type, value.file, size))
        else:
            fields[key] = value
    check_sizes(uploads, limit)
    return Payload(fields, uploads)


def _size_of(upload: UploadFile) -> int:
    upload.file.seek(0, 2)
    size = upload.file.tell()
    upload.file.seek(0)
    return size


def json_list(value: Any) -> Any:
    """Form fields carry lists as JSON strings (checklist, links)."""
    if isinstance(value, str):
        try:
            return orjson.loads(value) if value else []
        except orjson.JSONDecodeError:
            return value
    return [] if value is None else value


PayloadDep = Annotated[Payload, Depends(read_payload)]
