"""Domain routes, one package per Zou blueprint."""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Iterable
from typing import Any

from fastapi import APIRouter


def specificity(route: Any) -> tuple[int, ...]:
    """Sort key putting literal segments before parameters at the same position.

    `/data/shots/with-tasks` must be tried before `/data/shots/{shot_id}`, whatever module
    or package each comes from; the sort is stable, so other routes keep their order.
    """
    path: str = getattr(route, "path", "")
    return tuple(1 if part.startswith("{") else 0 for part in path.strip("/").split("/"))


def merged_router(routes: Iterable[Any]) -> APIRouter:
    """One router holding `routes` in specificity order, as plain APIRoutes."""
    router = APIRouter()
    router.routes.extend(sorted(routes, key=specificity))
    return router


def collect(package: str) -> APIRouter:
    """The routes of every module in `package` that defines a module-level `router`."""
    found: list[Any] = []
    path = importlib.import_module(package).__path__
    for info in sorted(pkgutil.iter_modules(path), key=lambda item: item.name):
        module = importlib.import_module(f"{package}.{info.name}")
        router = getattr(module, "router", None)
        if isinstance(router, APIRouter):
            found.extend(router.routes)
    return merged_router(found)
