"""Concepts and concept folders (Zou's `concepts` blueprint)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from reeltrack.auth.deps import CtxDep
from reeltrack.routes.assets.rows_output import answer, options
from reeltrack.services import concept_writes as concepts
from reeltrack.services import entity_access as access
from reeltrack.services import entity_removal
from reeltrack.services.entity_with_tasks import concepts_and_tasks
from reeltrack.services.shot_params import flag
from reeltrack.services.with_tasks import make_scope
from reeltrack.wire.body import JsonBody, validate_body
from reeltrack.wire.errors import Forbidden

router = APIRouter()
STUDIO = ("admin", "manager", "supervisor", "user")


def _studio_project(ctx: CtxDep, project_id: Any) -> None:
    """Project access, refused to vendors and clients."""
    if access.check_project(ctx.session, ctx.actor, project_id) not in STUDIO:
        raise Forbidden()


def _studio_project_row(ctx: CtxDep, project_id: str) -> Any:
    """The project (404 if unknown), refused to vendors and clients."""
    project = access.project_row(ctx.session, project_id)
    _studio_project(ctx, project.id)
    return project


def _concept(ctx: CtxDep, concept_id: str) -> Any:
    concept = access.typed_entity(ctx.session, concept_id, "Concept")
    if access.check_entity(ctx.session, ctx.actor, concept) == "client":
        raise Forbidden()
    return concept


@router.get("/data/concepts")
def all_concepts(ctx: CtxDep, request: Request) -> list[dict[str, Any]]:
    params = {k: v for k, v in request.query_params.items() if k != "page"}
    _studio_project(ctx, params.get("project_id"))
    return concepts.concepts(ctx, params)


@router.get("/data/concepts/with-tasks")
def concepts_with_tasks(ctx: CtxDep, request: Request) -> Response:
    params, _, _ = options(request)
    scope = make_scope(ctx.actor, params, ("id", "project_id"))
    _studio_project(ctx, scope.project_id)
    return answer(concepts_and_tasks(ctx.session, scope), False, False)


@router.get("/data/concepts/{concept_id}")
def get_concept(ctx: CtxDep, concept_id: str) -> dict[str, Any]:
    concept = _concept(ctx, concept_id)
    params = {"id": str(concept.id), "project_id": str(concept.project_id)}
    rows = concepts_and_tasks(ctx.session, make_scope(ctx.actor, params, ("id", "project_id")))
    data = rows[0] if rows else {}
    data.update(concepts.presented(ctx, [concept], "Concept", relations=True)[0])
    return data


@router.delete("/data/concepts/{concept_id}", status_code=204)
def delete_concept(ctx: CtxDep, concept_id: str, request: Request) -> Response:
    force = flag(request.query_params, "force")
    entity_removal.remove_as_owner(ctx, concept_id, "Concept", force)
    return Response(status_code=204)


@router.get("/data/concepts/{concept_id}/task-types")
def concept_task_types(ctx: CtxDep, concept_id: str) -> list[dict[str, Any]]:
    from reeltrack.services.asset_listing import task_types

    return task_types(ctx, _concept(ctx, concept_id))


@router.get("/data/concepts/{concept_id}/tasks")
def concept_tasks(ctx: CtxDep, concept_id: str, request: Request) -> list[dict[str, Any]]:
    from reeltrack.services.shot_tasks import entity_tasks

    relations = request.query_params.get("relations", "false").lower() == "true"
    return entity_tasks(ctx.session, ctx.actor, _concept(ctx, concept_id), relations)


@router.get("/data/concepts/{concept_id}/preview-files")
def concept_previews(ctx: CtxDep, concept_id: str) -> dict[str, Any]:
    from reeltrack.services.shot_previews import previews_by_task_type

    return previews_by_task_type(ctx.session, _concept(ctx, concept_id).id)


@router.get("/data/projects/{project_id}/concepts")
def project_concepts(ctx: CtxDep, project_id: str) -> list[dict[str, Any]]:
    project = _studio_project_row(ctx, project_id)
    return concepts.of_project(ctx, project.id, "Concept")


@router.post("/data/projects/{project_id}/concepts", status_code=201)
def new_concept(ctx: CtxDep, project_id: str, body: JsonBody) -> dict[str, Any]:
    values = validate_body(concepts.NewConcept, body)
    project = _studio_project_row(ctx, project_id)
    return concepts.create_concept(ctx, project.id, values)


@router.get("/data/projects/{project_id}/concept-folders")
def project_folders(ctx: CtxDep, project_id: str) -> list[dict[str, Any]]:
    project = _studio_project_row(ctx, project_id)
    return concepts.of_project(ctx, project.id, "ConceptFolder")


@router.post("/data/projects/{project_id}/concept-folders", status_code=201)
def new_folder(ctx: CtxDep, project_id: str, body: JsonBody) -> dict[str, Any]:
    values = validate_body(concepts.ConceptFolderBody, body)
    project = access.project_row(ctx.session, project_id)
    access.check_supervisor(ctx.session, ctx.actor, project.id)
    return concepts.create_folder(ctx, project.id, values.name)


@router.put("/data/concept-folders/{concept_folder_id}")
def rename_folder(ctx: CtxDep, concept_folder_id: str, body: JsonBody) -> dict[str, Any]:
    values = validate_body(concepts.ConceptFolderBody, body)
    folder = access.typed_entity(ctx.session, concept_folder_id, "ConceptFolder")
    access.check_supervisor(ctx.session, ctx.actor, folder.project_id)
    return concepts.rename_folder(ctx, folder, values.name)


@router.delete("/data/concept-folders/{concept_folder_id}", status_code=204)
def delete_folder(ctx: CtxDep, concept_folder_id: str) -> Response:
    folder = access.typed_entity(ctx.session, concept_folder_id, "ConceptFolder")
    access.check_supervisor(ctx.session, ctx.actor, folder.project_id)
    concepts.remove_folder(ctx, folder)
    return Response(status_code=204)


@router.post("/actions/projects/{project_id}/move-concepts")
def move_concepts(ctx: CtxDep, project_id: str, body: JsonBody) -> list[str]:
    values = validate_body(concepts.MoveConcepts, body)
    project = access.project_row(ctx.session, project_id)
    access.check_supervisor(ctx.session, ctx.actor, project.id)
    return concepts.move(ctx, project.id, values.concept_ids, values.concept_folder_id)
