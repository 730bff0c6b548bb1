"""Helpers of the export tests: read a CSV answer."""

from __future__ import annotations

import csv
import io
from typing import Any


def rows(response: Any) -> list[list[str]]:
    """The CSV rows of a 200 answer (`;`-delimited, as Zou writes them)."""
    assert response.status_code == 200, response.text
    assert "\r\n" in response.text or response.text == ""
    return list(csv.reader(io.StringIO(response.text), delimiter=";"))
