"""CSV imports of people and of a project's assets, shots, edits, casting and estimations."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi import APIRouter

from reeltrack.auth.deps import Ctx, CtxDep
from reeltrack.crud.hooks.reviews_access import (
    check_manager_project_access,
)
from reeltrack.models import Project, TaskType
from reeltrack.routes.comments.payload import Payload, PayloadDep
from reeltrack.services import (
    csv_import_assets,
    csv_import_casting,
    csv_import_edits,
    csv_import_estimations,
    csv_import_persons,
    csv_import_shots,
)
from reeltrack.services.csv_import import FileError, ImportStopped
from reeltrack.services.entity_access import parse_id, project_row
from reeltrack.services.task_type_softwares import check_supervisor_access
from reeltrack.wire.errors import Forbidden, NotFound, WrongParameter
from reeltrack.wire.present import JSONResponse

router = APIRouter()
NO_FILE = "No file was uploaded: send the CSV file in a multipart form."


def _content(payload: Payload) -> bytes:
    if not payload.uploads:
        raise WrongParameter(NO_FILE)
    return payload.uploads[0].stream.read()


def _is_update(update: str | None) -> bool:
    return (update or "false").lower() == "true"


def _answer(run: Callable[[], list[Any]]) -> JSONResponse:
    """201 with the imported rows; 400 in Zou's shapes when the file or a row is bad.

    The 400s are answers, not exceptions: the rows imported before a bad one are kept.
    """
    try:
        return JSONResponse(run(), status_code=201)
    except ImportStopped as stopped:
        return JSONResponse(stopped.body, status_code=400)
    except FileError as error:
        return JSONResponse({"error": True, "message": error.message}, status_code=400)


def _managed_project(ctx: Ctx, project_id: str) -> Project:
    project = project_row(ctx.session, project_id)
    check_manager_project_access(ctx, project.id)
    return project


@router.post("/import/csv/persons")
def import_persons(ctx: CtxDep, payload: PayloadDep, update: str | None = None) -> JSONResponse:
    if not ctx.actor.is_admin:
        raise Forbidden()
    content = _content(payload)
    return _answer(lambda: csv_import_persons.import_persons(ctx, content, _is_update(update)))


@router.post("/import/csv/projects/{project_id}/assets")
def import_assets(
    ctx: CtxDep, project_id: str, payload: PayloadDep, update: str | None = None
) -> JSONResponse:
    project = _managed_project(ctx, project_id)
    content = _content(payload)
    return _answer(
        lambda: csv_import_assets.import_assets(ctx, content, project, _is_update(update))
    )


@router.post("/import/csv/projects/{project_id}/shots")
def import_shots(
    ctx: CtxDep, project_id: str, payload: PayloadDep, update: str | None = None
) -> JSONResponse:
    project = _managed_project(ctx, project_id)
    content = _content(payload)
    return _answer(lambda: csv_import_shots.import_shots(ctx, content, project, _is_update(update)))


@router.post("/import/csv/projects/{project_id}/edits")
def import_edits(
    ctx: CtxDep, project_id: str, payload: PayloadDep, update: str | None = None
) -> JSONResponse:
    project = _managed_project(ctx, project_id)
    content = _content(payload)
    return _answer(lambda: csv_import_edits.import_edits(ctx, content, project, _is_update(update)))


@router.post("/import/csv/projects/{project_id}/casting")
def import_casting(ctx: CtxDep, project_id: str, payload: PayloadDep) -> JSONResponse:
    project = _managed_project(ctx, project_id)
    content = _content(payload)
    return _answer(lambda: csv_import_casting.import_casting(ctx, content, project))


def _estimations(
    ctx: Ctx, project_id: str, task_type_id: str, episode_id: str | None, payload: Payload
) -> JSONResponse:
    task_type = ctx.session.get(TaskType, parse_id(task_type_id))
    if task_type is None:
        raise NotFound()
    project = project_row(ctx.session, project_id)
    check_supervisor_access(ctx.session, ctx.actor, project.id, str(task_type.id))
    if episode_id not in (None, "main", "all"):
        parse_id(episode_id)
    content = _content(payload)
    return _answer(
        lambda: csv_import_estimations.import_estimations(
            ctx, content, project.id, task_type, episode_id
        )
    )


@router.post("/import/csv/projects/{project_id}/task-types/{task_type_id}/estimations")
def import_estimations(
    ctx: CtxDep, project_id: str, task_type_id: str, payload: PayloadDep
) -> JSONResponse:
    return _estimations(ctx, project_id, task_type_id, None, payload)


@router.post(
    "/import/csv/projects/{project_id}/episodes/{episode_id}/task-types/{task_type_id}/estimations"
)
def import_episode_estimations(
    ctx: CtxDep, project_id: str, episode_id: str, task_type_id: str, payload: PayloadDep
) -> JSONResponse:
    return _estimations(ctx, project_id, task_type_id, episode_id, payload)
