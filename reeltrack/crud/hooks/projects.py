"""Projects and project statuses: open/closed rules, team scoping, settings checks."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from sqlalchemy import Select, select

from reeltrack.auth.actor import Actor
from reeltrack.auth.policies import Policy
from reeltrack.crud.cascade import is_referenced, purge_references
from reeltrack.crud.spec import Hooks
from reeltrack.wire.errors import WrongParameter

if TYPE_CHECKING:
    from reeltrack.auth.deps import Ctx

RESOLUTION = re.compile(r"^(\d{3,4}x\d{3,4}|x\d{3,4})$")


def open_status_id(session: Any) -> Any:
    """The id of the "Open" project status, created when missing."""
    from reeltrack.services.setup import get_or_create_project_status

    return get_or_create_project_status(session, "Open").id  # type: ignore[attr-defined]


def _open_status_query() -> Any:
    from reeltrack.models import ProjectStatus

    return select(ProjectStatus.id).where(ProjectStatus.name == "Open")


def _read_one(actor: Actor, target: Any) -> bool:
    return actor.is_admin or (target is not None and actor.is_member(target.id))


def _read_list(actor: Actor, model: Any, stmt: Select[Any]) -> Select[Any]:
    """Admins see every project; others the open projects whose team they are in."""
    if actor.is_admin:
        return stmt
    return stmt.where(
        model.id.in_(actor.project_ids), model.project_status_id.in_(_open_status_query())
    )


def _manage(actor: Actor, target: Any) -> bool:
    if actor.is_admin:
        return True
    return target is not None and actor.role_in(target.id) == "manager"


READ = Policy("project-team-member", _read_one, _read_list)
MANAGE = Policy("project-manager", _manage)


def _check_bitrate(ctx: Ctx, key: str, value: Any) -> None:
    top = ctx.runtime.settings.movie_highdef_bitrate
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= top:
        raise WrongParameter(
            f"Invalid bitrate {value}. Expected an integer number of Mbit/s between 1 and {top}."
        )


def _check_settings(ctx: Ctx, body: dict[str, Any], row: Any) -> None:
    if "production_style" in body and body["production_style"] is None:
        body["production_style"] = "2d3d"
    resolution = body.get("resolution")
    if resolution not in (None, "") and (
        not isinstance(resolution, str) or not RESOLUTION.match(resolution)
    ):
        raise WrongParameter(
            f"Invalid resolution {resolution}. Expected format: '1920x1080' or 'x1080'."
        )
    for key in ("hd_bitrate_compression", "ld_bitrate_compression"):
        if key in body and (row is None or body[key] != getattr(row, key)):
            _check_bitrate(ctx, key, body[key])
    hd = body.get("hd_bitrate_compression", getattr(row, "hd_bitrate_compression", None))
    ld = body.get("ld_bitrate_compression", getattr(row, "ld_bitrate_compression", None))
    hd = hd or ctx.runtime.settings.movie_highdef_bitrate
    if isinstance(ld, int) and isinstance(hd, int) and ld > hd:
        raise WrongParameter(
            f"The low definition bitrate ({ld}) cannot exceed the high definition one ({hd})."
        )


def prepare(ctx: Ctx, body: dict[str, Any], row: Any) -> dict[str, Any]:
    _check_settings(ctx, body, row)
    if row is not None:
        body.pop("team", None)  # the team is managed through /data/projects/<id>/team
    elif body.get("project_status_id") is None:
        body.pop("project_status_id", None)
        return {"project_status_id": open_status_id(ctx.session)}
    return {}


def detail(ctx: Ctx, row: Any, data: dict[str, Any]) -> dict[str, Any]:
    """Single-project extras: status name and, with relations, per-project settings."""
    from reeltrack.models import ProjectStatus, ProjectTaskStatusLink, ProjectTaskTypeLink

    status = (
        ctx.session.get(ProjectStatus, row.project_status_id) if row.project_status_id else None
    )
    data["project_status_name"] = status.name if status else None
    if "team" not in data:
        return data
    type_links = ctx.session.scalars(
        select(ProjectTaskTypeLink).where(ProjectTaskTypeLink.project_id == row.id)
    )
    data["task_type_links"] = {}
    data["task_types_priority"] = {}
    for link in type_links:
        key = str(link.task_type_id)
        data["task_type_links"][key] = {
            "priority": link.priority,
            "hd_bitrate_compression": link.hd_bitrate_compression,
            "ld_bitrate_compression": link.ld_bitrate_compression,
            "is_client_visible": link.is_client_visible,
        }
        data["task_types_priority"][key] = link.priority
    status_links = ctx.session.scalars(
        select(ProjectTaskStatusLink).where(ProjectTaskStatusLink.project_id == row.id)
    )
    data["task_statuses_link"] = {
        str(link.task_status_id): {
            "priority": link.priority,
            "roles_for_board": link.roles_for_board,
            "is_client_allowed": link.is_client_allowed,
        }
        for link in status_links
    }
    data["descriptors"] = _descriptors(ctx, row)
    return data


def _descriptor_departments(ctx: Ctx, ids: list[Any]) -> dict[Any, list[Any]]:
    from reeltrack.models.metadata_descriptor import department_metadata_descriptor_link as link

    found: dict[Any, list[Any]] = {descriptor_id: [] for descriptor_id in ids}
    if ids:
        query = select(link.c.metadata_descriptor_id, link.c.department_id)
        for descriptor_id, department_id in ctx.session.execute(
            query.where(link.c.metadata_descriptor_id.in_(ids))
        ):
            found[descriptor_id].append(department_id)
    return found


def _descriptors(ctx: Ctx, row: Any) -> list[dict[str, Any]]:
    """The project's metadata descriptors a client (for_client) or vendor (departments) may see."""
    from reeltrack.models import MetadataDescriptor

    query = select(MetadataDescriptor).where(MetadataDescriptor.project_id == row.id)
    rows = list(ctx.session.scalars(query.order_by(MetadataDescriptor.position)))
    departments = _descriptor_departments(ctx, [descriptor.id for descriptor in rows])
    role = ctx.actor.role_in(row.id)
    keys = ("id", "name", "field_name", "data_type", "choices", "for_client", "entity_type")
    out = []
    for descriptor in rows:
        linked = departments[descriptor.id]
        if role == "client" and not descriptor.for_client:
            continue
        if role == "vendor" and linked and not set(linked) & ctx.actor.department_ids:
            continue
        item = {key: getattr(descriptor, key, None) for key in keys}
        item["task_type_id"] = descriptor.task_type_id
        item["position"] = descriptor.position
        item["departments"] = linked
        out.append(item)
    return out


def precheck_delete(ctx: Ctx, row: Any) -> None:
    """Zou refuses to delete an open project, whoever asks."""
    if row.project_status_id is not None and row.project_status_id == open_status_id(ctx.session):
        raise WrongParameter("Only closed projects can be deleted")


OWNED_BY_PROJECT = frozenset({"project_id", "preview_project_id"})


def before_delete(ctx: Ctx, row: Any, force: bool) -> None:
    table = row.__table__
    if force:
        # As in Zou, a forced delete removes what the project holds, its preview account too.
        purge_references(ctx.session, table, [row.id], owner_columns=OWNED_BY_PROJECT)
        return
    links = {
        "project_person_link",
        "project_task_type_link",
        "project_task_status_link",
        "project_asset_type_link",
        "project_status_automation_link",
        "project_preview_background_file_link",
        "api_event",
    }
    if is_referenced(ctx.session, table, row.id, ignore=links):
        raise WrongParameter(
            "This project still has data linked to it. Re-issue the request with force=true "
            "to delete it with everything it holds."
        )
    purge_references(ctx.session, table, [row.id])


HOOKS = Hooks(
    prepare=prepare,
    precheck_delete=precheck_delete,
    before_delete=before_delete,
    detail=detail,
)
