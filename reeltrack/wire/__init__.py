"""The only place where rows become JSON: values, rows, errors and pages."""

from reeltrack.wire.errors import (
    ApiError,
    Forbidden,
    MalformedId,
    NotFound,
    Unauthorized,
    WrongParameter,
)
from reeltrack.wire.present import JSONResponse, present, present_many

__all__ = [
    "ApiError",
    "Forbidden",
    "JSONResponse",
    "MalformedId",
    "NotFound",
    "Unauthorized",
    "WrongParameter",
    "present",
    "present_many",
]
