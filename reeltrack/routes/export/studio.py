"""Studio-wide CSV exports: people, projects, task types, open tasks, time spent."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import Response

from reeltrack.auth.deps import CtxDep
from reeltrack.routes.export.response import csv_attachment
from reeltrack.services import csv_export
from reeltrack.services.playlist_access import check_studio_manager

router = APIRouter()


@router.get("/export/csv/persons.csv")
def persons_csv(ctx: CtxDep) -> Response:
    check_studio_manager(ctx)
    return csv_attachment(csv_export.persons(ctx.session), "people_export")


@router.get("/export/csv/projects.csv")
def projects_csv(ctx: CtxDep) -> Response:
    check_studio_manager(ctx)
    return csv_attachment(csv_export.projects(ctx.session), "export")


@router.get("/export/csv/task-types.csv")
def task_types_csv(ctx: CtxDep) -> Response:
    check_studio_manager(ctx)
    return csv_attachment(csv_export.task_types(ctx.session), "export")


@router.get("/export/csv/tasks.csv")
def tasks_csv(ctx: CtxDep) -> Response:
    check_studio_manager(ctx)
    return csv_attachment(csv_export.tasks(ctx.session), "tasks_export")


@router.get("/export/csv/time-spents.csv")
def time_spents_csv(ctx: CtxDep) -> Response:
    check_studio_manager(ctx)
    timezone = csv_export.person_timezone(ctx.session, ctx.actor.person_id)
    today = csv_export.local_today(timezone)
    name = f"{today}_open_projects_time_spents_export"
    return csv_attachment(csv_export.time_spents(ctx.session), name)
