"""Sequences: listings, detail, removal, their shots, scenes, tasks and task types."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request, Response

from reeltrack.auth.deps import CtxDep
from reeltrack.routes import entity_bodies as bodies
from reeltrack.services import shot_access as access
from reeltrack.services import shot_listing, shot_tasks, shot_writes
from reeltrack.services.shot_detail import named_entity
from reeltrack.services.shot_params import flag
from reeltrack.services.shot_schemas import NewSequence
from reeltrack.wire.body import JsonBody

router = APIRouter()


@router.get("/data/sequences")
def all_sequences(ctx: CtxDep, request: Request) -> list[dict[str, Any]]:
    return shot_listing.all_sequences(ctx.session, ctx.actor, request.query_params)


@router.get("/data/sequences/{sequence_id}")
def get_sequence(ctx: CtxDep, sequence_id: str) -> dict[str, Any]:
    sequence = access.readable_entity(ctx.session, ctx.actor, sequence_id, "Sequence")
    return named_entity(ctx.session, sequence, "Sequence")


@router.delete("/data/sequences/{sequence_id}", status_code=204)
def delete_sequence(ctx: CtxDep, sequence_id: str, request: Request) -> Response:
    return bodies.remove(ctx, sequence_id, "Sequence", flag(request.query_params, "force"))


@router.get("/data/sequences/{sequence_id}/shots")
def sequence_shots(ctx: CtxDep, sequence_id: str, request: Request) -> list[dict[str, Any]]:
    sequence = access.typed_entity(ctx.session, sequence_id, "Sequence")
    access.check_project_access(ctx.actor, sequence.project_id)
    params = request.query_params
    return shot_listing.sequence_shots(ctx.session, ctx.actor, sequence, params)


@router.get("/data/sequences/{sequence_id}/scenes")
def sequence_scenes(ctx: CtxDep, sequence_id: str) -> list[dict[str, Any]]:
    sequence = access.readable_entity(ctx.session, ctx.actor, sequence_id, "Sequence")
    return shot_listing.sequence_scenes(ctx.session, ctx.actor, sequence)


@router.get("/data/sequences/{sequence_id}/tasks")
def sequence_tasks(ctx: CtxDep, sequence_id: str, request: Request) -> list[dict[str, Any]]:
    relations = flag(request.query_params, "relations")
    return bodies.tasks(ctx, sequence_id, "Sequence", relations, vendor_own=True)


@router.get("/data/sequences/{sequence_id}/task-types")
def sequence_task_types(ctx: CtxDep, sequence_id: str) -> list[dict[str, Any]]:
    sequence = access.readable_entity(ctx.session, ctx.actor, sequence_id, "Sequence")
    return shot_tasks.sequence_task_types(ctx.session, sequence)


@router.get("/data/sequences/{sequence_id}/shot-tasks")
def sequence_shot_tasks(ctx: CtxDep, sequence_id: str, request: Request) -> list[dict[str, Any]]:
    params = request.query_params
    return bodies.studio_list_below(
        ctx, sequence_id, "Sequence", params, shot_tasks.sequence_shot_tasks
    )


@router.get("/data/projects/{project_id}/sequences")
def project_sequences(ctx: CtxDep, project_id: str) -> list[dict[str, Any]]:
    return bodies.project_entities(ctx, project_id, "Sequence")


@router.post("/data/projects/{project_id}/sequences", status_code=201)
def create_sequence(ctx: CtxDep, project_id: str, payload: JsonBody) -> dict[str, Any]:
    return bodies.create_in_project(
        ctx, project_id, payload, NewSequence, shot_writes.create_sequence
    )
