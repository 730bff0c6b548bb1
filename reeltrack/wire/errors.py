"""Errors in Zou's wire shapes."""

from __future__ import annotations

from typing import Any


class ApiError(Exception):
    """An error answered as `{"error": true, "message": ..., "data": null}`."""

    status_code = 400

    def __init__(self, message: str, status_code: int | None = None, data: Any = None) -> None:
        super().__init__(message)
        self.message = message
        if status_code is not None:
            self.status_code = status_code
        self.data = data

    def body(self) -> dict[str, Any]:
        return {"error": True, "message": self.message, "data": self.data}


class WrongParameter(ApiError):
    status_code = 400


class MalformedId(ApiError):
    status_code = 400

    def __init__(self, message: str = "Malformed ID.") -> None:
        super().__init__(message)


NOT_FOUND_MESSAGE = (
    "404 Not Found: The requested URL was not found on the server. If you entered the URL "
    "manually please check your spelling and try again."
)
FORBIDDEN_MESSAGE = (
    "You don't have the permission to access the requested resource. It is either "
    "read-protected or not readable by the server."
)


class NotFound(ApiError):
    status_code = 404

    def __init__(self, message: str = NOT_FOUND_MESSAGE) -> None:
        super().__init__(message)


class Forbidden(ApiError):
    status_code = 403

    def __init__(self, message: str = FORBIDDEN_MESSAGE) -> None:
        super().__init__(message)


class Unauthorized(Exception):
    """A missing, invalid, expired or revoked token: 401 `{"msg": ...}`."""

    def __init__(self, msg: str = "Missing Authorization Header", expired: bool = False) -> None:
        super().__init__(msg)
        self.msg = msg
        self.expired = expired

    def body(self) -> dict[str, Any]:
        if self.expired:
            return {"error": True, "message": "Signature has expired"}
        return {"msg": self.msg}


class RawError(Exception):
    """An error whose body is given whole (e.g. `{"login": false, ...}`)."""

    def __init__(self, status_code: int, body: dict[str, Any]) -> None:
        super().__init__(str(body))
        self.status_code = status_code
        self.body_data = body
