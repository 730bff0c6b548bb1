"""Project listings: open projects and all projects, as each role sees them."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request

from reeltrack.auth.deps import CtxDep
from reeltrack.services import projects as service

router = APIRouter()


def _name(request: Request) -> str | None:
    value = request.query_params.get("name")
    return value if value else None


@router.get("/data/projects/open")
def open_projects(ctx: CtxDep, request: Request) -> list[dict[str, Any]]:
    return service.open_projects(ctx.session, ctx.actor, _name(request))


@router.get("/data/projects/all")
def all_projects(ctx: CtxDep, request: Request) -> list[dict[str, Any]]:
    return service.all_projects(ctx.session, ctx.actor, _name(request))
