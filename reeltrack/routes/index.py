"""The `index` blueprint: API name, status, stats and public configuration."""

from __future__ import annotations

import os
import time
from typing import Any

from fastapi import APIRouter
from fastapi.responses import PlainTextResponse
from sqlalchemy import func, select, text

from reeltrack.auth.deps import CtxDep, RuntimeDep
from reeltrack.events.bus import Event
from reeltrack.runtime import Runtime
from reeltrack.settings import VERSION, ZOU_API_VERSION
from reeltrack.wire.errors import Forbidden

router = APIRouter()
API_NAME = "Reeltrack"


@router.get("/")
def root() -> dict[str, str]:
    return {"api": API_NAME, "version": ZOU_API_VERSION, "reeltrack_version": VERSION}


def service_status(runtime: Runtime) -> dict[str, bool]:
    """Which backing services answer; the embedded setup has no separate ones."""
    try:
        with runtime.db.engine.connect() as conn:
            conn.execute(text("SELECT 1"))
        db_up = True
    except Exception:
        db_up = False
    kv_up = True
    if runtime.settings.redis_url:
        try:
            import redis

            kv_up = bool(redis.Redis.from_url(runtime.settings.redis_url).ping())
        except Exception:
            kv_up = False
    return {
        "database-up": db_up,
        "key-value-store-up": kv_up,
        "event-stream-up": kv_up,
        "job-queue-up": kv_up,
        "indexer-up": False,
    }


@router.get("/status")
def status(runtime: RuntimeDep) -> dict[str, Any]:
    return {"name": API_NAME, "version": ZOU_API_VERSION, **service_status(runtime)}


@router.get("/status.txt", response_class=PlainTextResponse)
def status_txt(runtime: RuntimeDep) -> PlainTextResponse:
    state = {k: "up" if v else "down" for k, v in service_status(runtime).items()}
    lines = [f"name: {API_NAME}", f"version: {ZOU_API_VERSION}"]
    for key in ("database-up", "event-stream-up", "key-value-store-up", "job-queue-up"):
        lines.append(f"{key}: {state[key]}")
    lines.append(f"indexer-up: {state['indexer-up']}")
    return PlainTextResponse("\n".join(lines) + "\n", media_type="text")


@router.get("/status/influx")
def status_influx(runtime: RuntimeDep) -> dict[str, Any]:
    state = {k: int(v) for k, v in service_status(runtime).items()}
    return {**state, "time": time.time()}


def _memory() -> dict[str, Any]:
    info: dict[str, int] = {}
    try:
        with open("/proc/meminfo") as handle:
            for line in handle:
                key, _, rest = line.partition(":")
                info[key] = int(rest.split()[0]) * 1024
    except OSError:
        return {"total": 0, "used": 0, "available": 0, "percent": 0.0}
    total, available = info.get("MemTotal", 0), info.get("MemAvailable", 0)
    used = total - available
    return {
        "total": total,
        "used": used,
        "available": available,
        "percent": round(used * 100 / total, 1) if total else 0.0,
    }


@router.get("/status/resources")
def status_resources() -> dict[str, Any]:
    from datetime import datetime

    load = os.getloadavg()
    cores = os.cpu_count() or 1
    return {
        "date": datetime.now().isoformat(),
        "cpu": {
            "percent": [round(load[0] * 100 / cores, 1)] * cores,
            "loadavg": {"last 1 min": load[0], "last 5 min": load[1], "last 10 min": load[2]},
        },
        "memory": _memory(),
        "jobs": {"running_jobs": 0},
    }


@router.get("/status/test-event")
def status_test_event(runtime: RuntimeDep) -> dict[str, bool]:
    runtime.bus.publish([Event("main:test", {})])
    return {"success": True}


@router.get("/stats")
def stats(ctx: CtxDep) -> dict[str, int]:
    from reeltrack.models import Comment, PreviewFile

    if not ctx.actor.is_admin:
        raise Forbidden()
    session = ctx.session

    def previews(extension: str) -> int:
        query = select(func.count()).where(PreviewFile.extension == extension)
        return session.scalar(query) or 0

    return {
        "number_of_video_previews": previews("mp4"),
        "number_of_picture_previews": previews("png"),
        "number_of_model_previews": previews("obj"),
        "number_of_comments": session.scalar(select(func.count()).select_from(Comment)) or 0,
    }


@router.get("/config")
def config(runtime: RuntimeDep) -> dict[str, Any]:
    from reeltrack.services.organisation import organisation_settings

    settings = runtime.settings
    organisation = organisation_settings(runtime)
    return {
        "is_self_hosted": settings.is_self_hosted,
        "crisp_token": settings.crisp_token,
        "dark_theme_by_default": organisation["dark_theme_by_default"],
        "indexer_configured": False,
        "saml_enabled": False,
        "saml_idp_name": "",
        "oidc_enabled": False,
        "oidc_idp_name": "",
        "default_locale": settings.default_locale,
        "default_timezone": settings.default_timezone,
        "enforce_2fa": False,
        "movie_highdef_bitrate": settings.movie_highdef_bitrate,
        "movie_lowdef_bitrate": settings.movie_lowdef_bitrate,
        "preview_accounts_enabled": True,
    }
