"""Reading request bodies: JSON (or form/query fallback) checked against a schema."""

from __future__ import annotations

from typing import Annotated, Any, TypeVar

import orjson
from fastapi import Depends, Request
from pydantic import BaseModel, ConfigDict, ValidationError

from reeltrack.wire.errors import WrongParameter

SchemaT = TypeVar("SchemaT", bound=BaseModel)
INT32_MAX = 2**31 - 1  # the bound of Zou's integer columns (priorities, counts)


class BodySchema(BaseModel):
    """Request schemas ignore unknown keys, as Zou's do."""

    model_config = ConfigDict(extra="ignore")


async def json_body(request: Request) -> Any:
    """The parsed JSON body, None when empty, 400 when malformed."""
    raw = await request.body()
    if not raw.strip():
        return None
    try:
        return orjson.loads(raw)
    except orjson.JSONDecodeError:
        raise WrongParameter("The request body is not valid JSON.") from None


JsonBody = Annotated[Any, Depends(json_body)]


async def args_body(request: Request) -> Any:
    """JSON body, else form fields, else query parameters (Zou's argument fallback)."""
    try:
        body = await json_body(request)
    except WrongParameter:  # a body that is not JSON (e.g. a form) is read as fields
        body = None
    if body is not None:
        return body
    content_type = request.headers.get("content-type", "")
    if "form" in content_type:
        form = await request.form()
        return {k: v for k, v in form.items() if isinstance(v, str)}
    return dict(request.query_params)


ArgsBody = Annotated[Any, Depends(args_body)]


def validate_body(schema: type[SchemaT], payload: Any) -> SchemaT:
    """Validate a payload or raise Zou's 400 "Validation error." with field errors."""
    try:
        return schema.model_validate(payload if payload is not None else {})
    except ValidationError as exc:
        errors = [
            {
                "field": ".".join(str(p) for p in err["loc"] if p != "body"),
                "message": err.get("msg", "Invalid value"),
            }
            for err in exc.errors()
        ]
        raise WrongParameter("Validation error.", data={"errors": errors}) from None
