"""Answer a with-tasks list as JSON, or in Zou's compact / NDJSON stream options."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from fastapi import Request
from fastapi.responses import Response, StreamingResponse

from reeltrack.auth.deps import Ctx
from reeltrack.services.entity_board_etag import board_etag, matches
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
    params = {**request.query_params, "": request.url.path}  # one tag per board and filter
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
    if stream:
        return mark(_streamed(rows, packed, names), etag)
    return mark(JSONResponse(_payload(rows, packed, names)), etag)


def board(
    ctx: Ctx,
    request: Request,
    project_id: str | None,
    rows: Callable[[], list[dict[str, Any]]],
    names: tuple[str, tuple, tuple],
) -> Response:
    """A project board: 304 when the client holds it, else the body, kept per exact ETag.

    Streamed answers are never kept: the stream option is there to hold less in memory.
    """
    _, stream, packed = options(request)
    etag, fresh = cached(ctx, request, project_id)
    if fresh and etag is not None:
        return not_modified(etag)
    if etag is None or stream:
        return answer(rows(), stream, packed, names, etag)
    # The tag hashes the whole query string, `compact` included: one key per encoding.
    body = ctx.runtime.boards.get_or_build(etag, lambda: dumps(_payload(rows(), packed, names)))
    return mark(Response(body, media_type="application/json"), etag)


def _payload(
    rows: list[dict[str, Any]], packed: bool, names: tuple[str, tuple, tuple] | None
) -> Any:
    if not packed:
        return rows
    return {**_header(packed, names), "rows": _packed_rows(rows, names)}


def _header(packed: bool, names: tuple[str, tuple, tuple] | None) -> dict[str, Any]:
    header: dict[str, Any] = {"compact": packed}
    if packed and names is not None:
        key, fields, task_fields = names
        header[key] = list(fields)
        header["task_fields"] = list(task_fields)
    return header


def _packed_rows(rows: list[dict[str, Any]], names: tuple[str, tuple, tuple] | None) -> list[Any]:
    if names is None:
        return rows
    _, fields, task_fields = names
    return compact(rows, fields, task_fields)


def _streamed(
    rows: list[dict[str, Any]], packed: bool, names: tuple[str, tuple, tuple] | None
) -> Response:
    header = _header(packed, names)
    body = _packed_rows(rows, names) if packed else rows

    def lines() -> Iterator[bytes]:
        yield dumps(header) + b"\n"
        for row in body:
            yield dumps(row) + b"\n"

    return StreamingResponse(lines(), media_type="application/x-ndjson")
