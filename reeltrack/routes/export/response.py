"""CSV attachments as Zou's export resources answer them."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from fastapi.responses import Response

from reeltrack.services.csv_export import file_name, render


def csv_attachment(rows: Sequence[Sequence[Any]], name: str, exact_type: bool = False) -> Response:
    """The CSV of `rows` as an attachment named `kitsu_<slug of name>.csv`.

    Zou's studio-wide exports are streamed as `text/csv; charset=utf-8`; its project and
    playlist exports set a bare `text/csv` (`exact_type`).
    """
    headers = {"Content-Disposition": f"attachment; filename={file_name(name)}"}
    if exact_type:
        headers["Content-Type"] = "text/csv"
        return Response(render(rows), headers=headers)
    return Response(render(rows), media_type="text/csv", headers=headers)
