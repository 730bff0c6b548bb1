"""Metadata descriptors, status automations, preview backgrounds and project templates."""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING, Any

from sqlalchemy import Select, and_, exists, false, func, or_, select, update

from reeltrack.auth.actor import Actor
from reeltrack.auth.policies import Policy
from reeltrack.crud.hooks.config_access import open_team_projects
from reeltrack.crud.spec import Hooks
from reeltrack.wire.errors import Forbidden, WrongParameter

if TYPE_CHECKING:
    from reeltrack.auth.deps import Ctx

AUTOMATION_IN_USE = "This automation is used in a project."
BACKGROUND_NAME_TAKEN = "A preview background file with similar name already exists"
TEMPLATE_NAME_REQUIRED = "name is required"
TEMPLATE_NAME_TAKEN = "A project template with this name already exists"
TEMPLATE_NOT_FOUND = "Project template not found"
# Production settings a template and a project share (name and description set apart).
TEMPLATE_SETTING_FIELDS = (
    "fps",
    "ratio",
    "resolution",
    "production_type",
    "production_style",
    "max_retakes",
    "is_clients_isolated",
    "is_preview_download_allowed",
    "is_set_preview_automated",
    "is_publish_default_for_artists",
    "homepage",
    "hd_bitrate_compression",
    "ld_bitrate_compression",
    "is_client_stats_visible",
    "is_client_task_list_visible",
    "is_client_task_panel_visible",
)
# What a template creation keeps from its body; anything else is ignored.
TEMPLATE_CREATE_FIELDS = frozenset(
    {"name", "description", *TEMPLATE_SETTING_FIELDS, "file_tree", "data", "metadata_descriptors"}
)


# ---------------------------------------------------------------- metadata descriptors


def _descriptor_narrowing(actor: Actor, model: Any, role: str) -> Any:
    """Clients read the descriptors shared with clients; vendors those of their departments."""
    from reeltrack.models.metadata_descriptor import department_metadata_descriptor_link as link

    if role == "client":
        return model.for_client.is_(True)
    if role == "vendor":
        owned = link.c.metadata_descriptor_id == model.id
        mine = and_(owned, link.c.department_id.in_(actor.department_ids))
        return or_(~exists().where(owned), exists().where(mine))
    return None


def _descriptor_scope(actor: Actor, model: Any, stmt: Select[Any]) -> Select[Any]:
    """Admins list every descriptor; others those of their open projects, per project role."""
    if actor.is_admin:
        return stmt
    by_role: dict[str, list[Any]] = defaultdict(list)
    for project_id in actor.project_ids:
        by_role[actor.role_in(project_id) or actor.role].append(project_id)
    criteria = []
    for role, project_ids in by_role.items():
        criterion = model.project_id.in_(project_ids)
        narrowing = _descriptor_narrowing(actor, model, role)
        criteria.append(criterion if narrowing is None else and_(criterion, narrowing))
    if not criteria:
        return stmt.where(false())
    return stmt.where(model.project_id.in_(open_team_projects(actor)), or_(*criteria))


def _admin(actor: Actor, _target: Any) -> bool:
    return actor.is_admin


# Zou lists descriptors to every team member but serves one descriptor to admins only.
DESCRIPTOR_READ = Policy("metadata-descriptors-read", _admin, _descriptor_scope)


def _check_data_type(values: dict[str, Any]) -> None:
    """A data_type sent as null is refused like an unknown one."""
    if "data_type" in values and values["data_type"] is None:
        raise WrongParameter("Invalid data_type")


def _descriptor_departments(ctx: Ctx, row: Any) -> dict[str, Any]:
    from reeltrack.models.metadata_descriptor import department_metadata_descriptor_link as link

    query = select(link.c.department_id).where(link.c.metadata_descriptor_id == row.id)
    return {"departments": list(ctx.session.scalars(query))}


DESCRIPTOR_HOOKS = Hooks(
    validate_create=lambda ctx, values: _check_data_type(values),
    validate_update=lambda ctx, row, values: _check_data_type(values),
    after_update=_descriptor_departments,
)


# ---------------------------------------------------------------- status automations


def automation_in_use(ctx: Ctx, row: Any) -> None:
    """Zou refuses to delete an automation a project uses, whoever asks."""
    from reeltrack.models import project_status_automation_link as link

    used = exists().where(link.c.status_automation_id == row.id)
    if ctx.session.scalar(select(used)):
        raise WrongParameter(AUTOMATION_IN_USE)


AUTOMATION_HOOKS = Hooks(precheck_delete=automation_in_use)


# ---------------------------------------------------------------- preview background files


def _background_name_taken(ctx: Ctx, name: Any, exclude: Any = None) -> None:
    from reeltrack.models import PreviewBackgroundFile

    if name is None:
        return
    query = select(func.count()).where(PreviewBackgroundFile.name == name)
    if exclude is not None:
        query = query.where(PreviewBackgroundFile.id != exclude)
    if ctx.session.scalar(query):
        raise WrongParameter(BACKGROUND_NAME_TAKEN)


def _single_default_background(ctx: Ctx, row: Any) -> None:
    """A default background takes the title from every other one."""
    from reeltrack.models import PreviewBackgroundFile as Background

    if row.is_default:
        ctx.session.execute(
            update(Background)
            .where(Background.id != row.id, Background.is_default.is_(True))
            .values(is_default=False),
            execution_options={"synchronize_session": False},
        )


BACKGROUND_HOOKS = Hooks(
    validate_create=lambda ctx, values: _background_name_taken(ctx, values.get("name")),
    validate_update=lambda ctx, row, values: _background_name_taken(
        ctx, values.get("name"), exclude=row.id
    ),
    after_create=lambda ctx, row: _single_default_background(ctx, row),
    after_update=lambda ctx, row: _single_default_background(ctx, row),
)


# ---------------------------------------------------------------- project templates


def _admin_or_manager(actor: Actor, _target: Any) -> bool:
    return actor.is_admin or actor.is_manager


def _admin_or_manager_list(actor: Actor, _model: Any, stmt: Select[Any]) -> Select[Any]:
    if not _admin_or_manager(actor, None):
        raise Forbidden()
    return stmt


TEMPLATE_READ = Policy("project-templates-read", _admin_or_manager, _admin_or_manager_list)


def _check_bitrates(ctx: Ctx, values: dict[str, Any], row: Any = None) -> None:
    """Bitrates a change sets lie within 1..ceiling, and low definition never above high."""
    ceiling = ctx.runtime.settings.movie_highdef_bitrate
    keys = ("hd_bitrate_compression", "ld_bitrate_compression")
    changes = {k: values[k] for k in keys if k in values and values[k] != getattr(row, k, None)}
    for bitrate in changes.values():
        if bitrate is not None and not 1 <= bitrate <= ceiling:
            raise WrongParameter(
                f"Invalid bitrate {bitrate}. Expected an integer number of Mbit/s "
                f"between 1 and {ceiling}."
            )
    lowdef = changes.get("ld_bitrate_compression")
    if lowdef is None:
        return
    highdef = values.get("hd_bitrate_compression", getattr(row, "hd_bitrate_compression", None))
    highdef = min(highdef or ceiling, ceiling)
    if lowdef > highdef:
        raise WrongParameter(
            f"The low definition bitrate ({lowdef}) cannot exceed the high definition "
            f"one ({highdef})."
        )


def _template_name_taken(ctx: Ctx, name: str, exclude: Any = None) -> None:
    from reeltrack.models import ProjectTemplate

    query = select(func.count()).where(ProjectTemplate.name == name)
    if exclude is not None:
        query = query.where(ProjectTemplate.id != exclude)
    if ctx.session.scalar(query):
        raise WrongParameter(TEMPLATE_NAME_TAKEN)


def template_prepare(ctx: Ctx, body: dict[str, Any], row: Any) -> dict[str, Any]:
    """A creation keeps only the name, description and production settings."""
    if row is None:
        for key in [key for key in body if key not in TEMPLATE_CREATE_FIELDS]:
            body.pop(key)
    return {}


def template_create(ctx: Ctx, values: dict[str, Any]) -> None:
    if not values.get("name"):
        raise WrongParameter(TEMPLATE_NAME_REQUIRED)
    _check_bitrates(ctx, values)
    _template_name_taken(ctx, values["name"])


def template_update(ctx: Ctx, row: Any, values: dict[str, Any]) -> None:
    if "name" in values:
        if values["name"] is None:
            raise WrongParameter(TEMPLATE_NAME_REQUIRED)
        _template_name_taken(ctx, values["name"], exclude=row.id)
    _check_bitrates(ctx, values, row)


TEMPLATE_HOOKS = Hooks(
    prepare=template_prepare,
    validate_create=template_create,
    validate_update=template_update,
)
