"""Casting route of the `shots` blueprint: the assets cast in a shot."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from reeltrack.auth.deps import CtxDep
from reeltrack.routes.breakdown import access
from reeltrack.services import casting

router = APIRouter()


@router.get("/data/shots/{shot_id}/assets")
def get_shot_assets(ctx: CtxDep, shot_id: str) -> list[dict[str, Any]]:
    shot = access.entity_of(ctx, shot_id, "Shot")
    access.check_entity_read(ctx, shot)
    return casting.cast_assets(ctx.session, shot.id)
