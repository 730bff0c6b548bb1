"""Answer a with-tasks list as JSON, or in Zou's compact / NDJSON stream options."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from fastapi import Request
from fastapi.responses import Response, StreamingResponse

from reeltrack.auth.deps import Ctx
from reeltrack.services.entity_with_tasks import compact
from reeltrack.wire.present import JSONResponse, dumps


def options(request: Request) -> tuple[dict[str, str], bool, bool]:
    """Query parameters as criteria, and the `stream` / `compact` response options."""
    params = {key: value for key, value in request.query_params.items() if key != "page"}
    stream = params.pop("stream", "false") == "true"
    packed = params.pop("compact", "false") == "true"
    return params, stream, packed


def cached(ctx: Ctx, request: Request, project_id: str | None) -> tuple[str | None, bool]:
    """The board's ETag (one project only) and whether the client already holds it."""
    from reeltrack.services.entity_board_etag import board_etag, matches

    params = dict(request.query_params.items())
    etag = board_etag(ctx.session, ctx.actor, project_id, params)
    fresh = etag is not None and matches(request.headers.get("if-none-match"), etag)
    return etag, fresh


def mark(response: Response, etag: str | None) -> Response:
    if etag is not None:
        response.headers["ETag"] = f'"{etag}"'
        response.headers["Cache-Control"] = "private, no-cache"
    return response


def not_modified(etag: str) -> Response:
    return mark(Response(status_code=304), etag)


def answer(
    rows: list[dict[str, Any]],
    stream: bool,
    packed: bool,
    names: tuple[str, tuple, tuple] | None = None,
    etag: str | None = None,
) -> Response:
    """`names` = (header key, entity fields, task fields) for the compact encoding."""
    return mark(_body(rows, stream, packed, names), etag)


def _body(
    rows: list[dict[str, Any]],
    stream: bool,
    packed: bool,
    names: tuple[str, tuple, tuple] | None,
) -> Response:
    if not stream and not packed:
        return JSONResponse(rows)
    header: dict[str, Any] = {"compact": packed}
    body: list[Any] = rows
    if packed and names is not None:
        key, fields, task_fields = names
        header[key] = list(fields)
        header["task_fields"] = list(task_fields)
        body = compact(rows, fields, task_fields)
    if not stream:
        return JSONResponse({**header, "rows": body})

    def lines() -> Iterator[bytes]:
        yield dumps(header) + b"\n"
        for row in body:
            yield dumps(row) + b"\n"

    return StreamingResponse(lines(), media_type="application/x-ndjson")
