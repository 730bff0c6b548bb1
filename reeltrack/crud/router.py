"""Turn the ResourceSpec registry into FastAPI routes under /data."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request, Response

from reeltrack.auth.deps import CtxDep
from reeltrack.crud import service
from reeltrack.crud.spec import Registry, ResourceSpec
from reeltrack.wire.body import JsonBody


def add_resource(router: APIRouter, spec: ResourceSpec) -> None:
    """The five generic operations of one resource."""
    base = f"/data/{spec.path}"
    name = spec.path

    def list_items(ctx: CtxDep, request: Request) -> Any:
        return service.list_rows(ctx, spec, request.query_params)

    def create_item(ctx: CtxDep, body: JsonBody) -> Any:
        return service.create_row(ctx, spec, body)

    def get_item(ctx: CtxDep, instance_id: str, request: Request) -> Any:
        relations = request.query_params.get("relations", "true").lower() == "true"
        return service.read_one(ctx, spec, instance_id, relations)

    def update_item(ctx: CtxDep, instance_id: str, body: JsonBody) -> Any:
        return service.update_row(ctx, spec, instance_id, body)

    def delete_item(ctx: CtxDep, instance_id: str, request: Request) -> Response:
        force = request.query_params.get("force", "false").lower() in ("true", "1")
        service.delete_row(ctx, spec, instance_id, force)
        return Response(status_code=204)

    router.add_api_route(base, list_items, methods=["GET"], name=f"{name}:list")
    router.add_api_route(
        base, create_item, methods=["POST"], status_code=201, name=f"{name}:create"
    )
    item = base + "/{instance_id}"
    router.add_api_route(item, get_item, methods=["GET"], name=f"{name}:get")
    router.add_api_route(item, update_item, methods=["PUT"], name=f"{name}:update")
    router.add_api_route(
        item, delete_item, methods=["DELETE"], status_code=204, name=f"{name}:delete"
    )


def build_router(registry: Registry) -> APIRouter:
    router = APIRouter()
    for spec in registry:
        add_resource(router, spec)
    return router
