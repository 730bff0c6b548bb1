"""Playlists: read per project role, made by supervisors, edited by managers or their creator."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sqlalchemy import Select, delete, or_, select

from reeltrack.auth.actor import Actor
from reeltrack.auth.policies import Policy, as_uuid, field_of
from reeltrack.crud.spec import Hooks
from reeltrack.crud.values import parse_uuid
from reeltrack.wire.errors import Forbidden, WrongParameter

if TYPE_CHECKING:
    from reeltrack.auth.deps import Ctx

FOR_ENTITY_VALUES = ("shot", "asset", "sequence", "edit", "episode")


def _role(actor: Actor, target: Any) -> str | None:
    return actor.role_in(as_uuid(field_of(target, "project_id")))


def _projects_where_role(actor: Actor, role: str) -> Any:
    """The caller's team projects where their effective role is `role` (a subquery)."""
    from reeltrack.models import project_person_link

    link = project_person_link.c
    matches = link.role == role
    if actor.role == role:
        matches = or_(matches, link.role.is_(None), link.role == "admin")
    return select(link.project_id).where(link.person_id == actor.person_id, matches)


def _list_scope(actor: Actor, model: Any, stmt: Select[Any]) -> Select[Any]:
    """Team projects; client-role ones only for_client, vendor-role ones never."""
    from reeltrack.models import project_person_link

    if actor.is_vendor:
        raise Forbidden()
    if actor.is_admin:
        return stmt
    link = project_person_link.c
    team = select(link.project_id).where(link.person_id == actor.person_id)
    return stmt.where(
        model.project_id.in_(team),
        model.project_id.not_in(_projects_where_role(actor, "vendor")),
        or_(
            model.for_client.is_(True),
            model.project_id.not_in(_projects_where_role(actor, "client")),
        ),
    )


def _can_read(actor: Actor, target: Any) -> bool:
    if actor.is_admin:
        return True
    role = _role(actor, target)
    if role is None or role == "vendor":
        return False
    return role != "client" or bool(field_of(target, "for_client"))


def _can_create(actor: Actor, target: Any) -> bool:
    return actor.is_admin or _role(actor, target) in ("manager", "supervisor")


def _can_edit(actor: Actor, target: Any) -> bool:
    """A manager of the project, or a supervisor there who made it (or nobody did)."""
    if actor.is_admin:
        return True
    role = _role(actor, target)
    if role == "manager":
        return True
    creator = as_uuid(field_of(target, "created_by"))
    return role == "supervisor" and creator in (None, actor.person_id)


READ = Policy("playlist-reader", _can_read, _list_scope)
CREATE = Policy("project-supervisor", _can_create)
EDIT = Policy("playlist-manager-or-creator", _can_edit)


def _check_for_entity(body: dict[str, Any]) -> None:
    value = body.get("for_entity")
    if value is not None and value not in FOR_ENTITY_VALUES:
        raise WrongParameter(f"for_entity must be one of {', '.join(FOR_ENTITY_VALUES)}")


def unpin_foreign_previews(ctx: Ctx, shots: list[Any]) -> list[Any]:
    """Drop the preview of entries it does not belong to (unknown ones included)."""
    from reeltrack.models import PreviewFile, Task

    entries = [shot for shot in shots if isinstance(shot, dict)]
    wanted = {parse_uuid(str(s.get("preview_file_id"))) for s in entries}
    wanted.discard(None)
    owners: dict[str, str] = {}
    if wanted:
        rows = ctx.session.execute(
            select(PreviewFile.id, Task.entity_id)
            .join(Task, Task.id == PreviewFile.task_id)
            .where(PreviewFile.id.in_(wanted))
        )
        owners = {str(preview_id): str(entity_id) for preview_id, entity_id in rows}
    for shot in entries:
        if shot.get("preview_file_id"):
            preview_id = str(shot["preview_file_id"]).lower()
            entity_id = str(shot.get("entity_id") or shot.get("id")).lower()
            shot["preview_file_id"] = preview_id if owners.get(preview_id) == entity_id else None
    return shots


def _normalised_shots(value: Any) -> list[dict[str, Any]]:
    """Entries reduced to {entity_id, preview_file_id}; entries with no entity dropped."""
    if not isinstance(value, list):
        raise WrongParameter("Field 'shots' must be a list.")
    return [
        {
            "entity_id": shot.get("entity_id") or shot.get("id"),
            "preview_file_id": shot.get("preview_file_id"),
        }
        for shot in value
        if isinstance(shot, dict) and (shot.get("entity_id") or shot.get("id"))
    ]


def prepare(ctx: Ctx, body: dict[str, Any], row: Any) -> dict[str, Any]:
    """Check for_entity, clean episode/task type ids and shots, record the creator."""
    if row is not None:
        _check_for_entity(body)
        if "shots" in body:
            body["shots"] = unpin_foreign_previews(ctx, _normalised_shots(body["shots"]))
        return {}
    if "project_id" not in body:
        raise WrongParameter("'project_id'")
    _check_for_entity(body)
    if body.get("episode_id") in ("all", "main"):
        body["episode_id"] = None
    if "task_type_id" in body and parse_uuid(body["task_type_id"]) is None:
        body["task_type_id"] = None
    if isinstance(body.get("shots"), list):
        body["shots"] = unpin_foreign_previews(ctx, body["shots"])
    body.pop("created_by", None)
    return {"created_by": ctx.actor.person_id}


def before_delete(ctx: Ctx, row: Any, force: bool) -> None:
    """Its notifications, build jobs and share links go first."""
    from reeltrack.models import BuildJob, Notification, PlaylistShareLink

    ctx.session.execute(delete(Notification).where(Notification.playlist_id == row.id))
    jobs = list(ctx.session.scalars(select(BuildJob.id).where(BuildJob.playlist_id == row.id)))
    ctx.session.execute(delete(BuildJob).where(BuildJob.id.in_(jobs)))
    for job_id in jobs:
        ctx.uow.emit(
            "build-job:delete", {"build_job_id": job_id, "playlist_id": row.id}, row.project_id
        )
    share = PlaylistShareLink
    ctx.session.execute(delete(share).where(share.playlist_id == row.id))


HOOKS = Hooks(prepare=prepare, before_delete=before_delete)
