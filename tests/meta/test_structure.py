"""Structural rules from DESIGN.md: layering, authentication by default, module size."""

from __future__ import annotations

import ast
from pathlib import Path

from fastapi.routing import APIRoute

from reeltrack.app import api_routers, iter_api_routes
from reeltrack.auth.deps import get_ctx
from reeltrack.crud.registry import registry

PACKAGE = Path(__file__).resolve().parents[2] / "reeltrack"
# Routes Zou serves without a token.
PUBLIC = {
    "/",
    "/status",
    "/status.txt",
    "/status/influx",
    "/status/resources",
    "/status/test-event",
    "/config",
    "/auth/login",
    "/auth/refresh-token",
    "/auth/reset-password",
}
# Public for one method only; the other methods on the same path need a login.
PUBLIC_METHODS = {("GET", "/auth/email-otp")}  # a login code, asked for before logging in


def _dependencies(route: APIRoute) -> set:
    found = set()
    stack = [route.dependant]
    while stack:
        dependant = stack.pop()
        if dependant.call is not None:
            found.add(dependant.call)
        stack.extend(dependant.dependencies)
    return found


def test_every_private_route_requires_an_authenticated_actor():
    unguarded = []
    routes = [route for router in api_routers() for route in router.routes]
    for path, route in iter_api_routes(routes):
        if path in PUBLIC or {(method, path) for method in route.methods} <= PUBLIC_METHODS:
            continue
        if get_ctx not in _dependencies(route):
            unguarded.append(f"{sorted(route.methods)} {path}")
    assert unguarded == []


def test_every_resource_has_named_policies():
    for spec in registry:
        for policy in (spec.read, spec.create, spec.update, spec.delete):
            assert policy.name, spec.path


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text())
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_services_never_import_the_web_framework():
    for path in (PACKAGE / "services").rglob("*.py"):
        web = {name for name in _imports(path) if name.split(".")[0] in ("fastapi", "starlette")}
        assert not web, f"{path.name} imports {web}"


def test_modules_stay_reasonably_small():
    for path in PACKAGE.rglob("*.py"):
        lines = len(path.read_text().splitlines())
        assert lines <= 600, f"{path.relative_to(PACKAGE)} has {lines} lines"
