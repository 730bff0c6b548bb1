"""The production team: list, add, remove, and per-project roles."""

from __future__ import annotations

from typing import Any, Literal

from fastapi import APIRouter, Response
from pydantic import Field

from reeltrack.auth.deps import CtxDep
from reeltrack.routes.projects.access import managed_project, parse_id, readable_project
from reeltrack.services import projects as service
from reeltrack.wire.body import ArgsBody, BodySchema, validate_body

router = APIRouter()
# A team link may carry any role but admin, which stays global.
ProjectRole = Literal["user", "supervisor", "manager", "client", "vendor"]


class TeamMemberBody(BodySchema):
    person_id: str = Field(..., min_length=1)
    role: ProjectRole | None = None


class TeamRoleBody(BodySchema):
    role: ProjectRole | None = None


def _emit_update(ctx: CtxDep, project: Any) -> None:
    ctx.uow.emit("project:update", {"project_id": project.id}, project.id)


@router.get("/data/projects/{project_id}/team")
def get_team(ctx: CtxDep, project_id: str) -> list[dict[str, Any]]:
    project = readable_project(ctx, project_id)
    return service.team(ctx.session, ctx.actor, project.id)


@router.post("/data/projects/{project_id}/team", status_code=201)
def add_team_member(ctx: CtxDep, project_id: str, payload: ArgsBody) -> dict[str, Any]:
    body = validate_body(TeamMemberBody, payload)
    project = managed_project(ctx, project_id)
    data = service.add_team_member(ctx.session, project, body.person_id, body.role)
    _emit_update(ctx, project)
    return data


@router.delete("/data/projects/{project_id}/team/{person_id}", status_code=204)
def remove_team_member(ctx: CtxDep, project_id: str, person_id: str) -> Response:
    project = managed_project(ctx, project_id)
    service.remove_team_member(ctx.session, project, parse_id(person_id))
    _emit_update(ctx, project)
    return Response(status_code=204)


@router.put("/data/projects/{project_id}/team/{person_id}")
def set_team_member_role(
    ctx: CtxDep, project_id: str, person_id: str, payload: ArgsBody
) -> dict[str, Any]:
    body = validate_body(TeamRoleBody, payload)
    project = managed_project(ctx, project_id)
    data = service.set_team_member_role(ctx.session, project, parse_id(person_id), body.role)
    _emit_update(ctx, project)
    return data
