"""The event log, the login log and the list of event names."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request

from reeltrack.auth.deps import CtxDep
from reeltrack.services import events_log

router = APIRouter()


def _args(request: Request) -> dict[str, list[str]]:
    """Every query parameter with all its values, in the order they were sent."""
    args: dict[str, list[str]] = {}
    for key, value in request.query_params.multi_items():
        args.setdefault(key, []).append(value)
    return args


@router.get("/data/events/last")
def last_events(ctx: CtxDep, request: Request) -> list[dict[str, Any]]:
    return events_log.last_events(ctx.session, ctx.actor, _args(request))


@router.get("/data/events/login-logs/last")
def last_login_logs(ctx: CtxDep, request: Request) -> list[dict[str, Any]]:
    return events_log.last_login_logs(ctx.session, ctx.actor, _args(request))


@router.get("/data/events/names")
def event_names(ctx: CtxDep) -> list[str]:
    return events_log.event_names(ctx.session, ctx.actor)
