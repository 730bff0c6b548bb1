"""Helpers of the CSV import tests: post a file as Kitsu does."""

from __future__ import annotations

from typing import Any


def upload(client: Any, url: str, content: str | bytes, update: bool | None = None) -> Any:
    """POST the CSV file in the multipart field `file`, with `?update=true` when asked."""
    data = content.encode() if isinstance(content, str) else content
    params = {"update": "true" if update else "false"} if update is not None else None
    files = {"file": ("import.csv", data, "text/csv")}
    return client.post(url, files=files, params=params)


def csv_text(*lines: str) -> str:
    """Lines of a file, CRLF-terminated like a spreadsheet export."""
    return "".join(f"{line}\r\n" for line in lines)
