"""Entities (assets, shots, sequences...), entity links and asset instances."""

from __future__ import annotations

import weakref
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import Select, delete, or_, select, update
from sqlalchemy.orm import object_session

from reeltrack.auth.actor import Actor
from reeltrack.auth.policies import Policy, project_manager, refuse_list_unless_admin
from reeltrack.crud.cascade import is_referenced, purge_references
from reeltrack.crud.hooks import task_purge
from reeltrack.crud.hooks.production import (
    assigned_entities,
    base_type_names,
    base_type_of,
    entity_access,
    event_words,
    open_team_projects,
)
from reeltrack.crud.hooks.tasks import FK_CONFLICT, vendor_projects
from reeltrack.crud.spec import Hooks, model_links
from reeltrack.db.base import utcnow
from reeltrack.wire.errors import Forbidden, WrongParameter

if TYPE_CHECKING:
    from reeltrack.auth.deps import Ctx

# Fields a PUT leaves alone (project_id is protected by the engine for every model).
UPDATE_PROTECTED = frozenset(
    {"instance_casting", "entities_in", "entities_out", "type", "shotgun_id", "created_by"}
)
LINK_TABLES = frozenset({"entity_link", "entity_concept_link", "asset_instance_link"})
# A shot version takes its author's next change within a minute, for up to five minutes.
VERSION_FOLD_DELAY = timedelta(seconds=60)
VERSION_FOLD_MAX = timedelta(minutes=5)
# Name and data of an entity before an update, for shot versions.
_BEFORE: weakref.WeakKeyDictionary[Any, tuple[str, dict[str, Any]]] = weakref.WeakKeyDictionary()


# ---------------------------------------------------------------- policies


def _read_list(actor: Actor, model: Any, stmt: Select[Any]) -> Select[Any]:
    """Admins see all; others their open team projects, vendors only entities they work on."""
    if actor.is_admin:
        return stmt
    stmt = stmt.where(model.project_id.in_(open_team_projects(actor)))
    vendor_in = vendor_projects(actor)
    if vendor_in:
        stmt = stmt.where(
            or_(model.project_id.not_in(vendor_in), model.id.in_(assigned_entities(actor)))
        )
    return stmt


def _read_one(actor: Actor, entity: Any) -> bool:
    return entity is not None and entity_access(actor, entity.project_id, entity.id, entity)


def _update(actor: Actor, entity: Any) -> bool:
    """Admins; managers, supervisors (within limits) and the creator in the team."""
    if actor.is_admin:
        return True
    if entity is None:
        return False
    role = actor.role_in(entity.project_id)
    if role is None:
        return False
    return role in ("manager", "supervisor") or entity.created_by == actor.person_id


def _delete(actor: Actor, entity: Any) -> bool:
    """The creator, or a manager of the project."""
    if entity is not None and entity.created_by == actor.person_id:
        return True
    return MANAGE.allows(actor, entity)


def _instance_access(actor: Actor, instance: Any) -> bool:
    """Admins, and callers with project and entity access to the instance's asset."""
    from reeltrack.models import Entity

    if actor.is_admin:
        return True
    session = object_session(instance) if instance is not None else None
    asset = session.get(Entity, instance.asset_id) if session is not None else None
    return asset is not None and entity_access(actor, asset.project_id, asset.id, instance)


MANAGE = project_manager()
READ = Policy("entity-project-and-entity-access", _read_one, _read_list)
UPDATE = Policy("entity-manager-supervisor-or-creator", _update)
DELETE = Policy("entity-creator-or-manager", _delete)
INSTANCE_READ = Policy("asset-instance-asset-access", _instance_access, refuse_list_unless_admin)
INSTANCE_UPDATE = Policy("asset-instance-asset-access", _instance_access)


# ---------------------------------------------------------------- writing


def _descriptor_departments(ctx: Ctx, entity: Any, kind: str, keys: list[str]) -> dict:
    """For each field name among `keys`, the departments of its descriptors."""
    from reeltrack.models import MetadataDescriptor
    from reeltrack.models import department_metadata_descriptor_link as link

    query = (
        select(MetadataDescriptor.field_name, link.c.department_id)
        .join(link, link.c.metadata_descriptor_id == MetadataDescriptor.id, isouter=True)
        .where(
            MetadataDescriptor.project_id == entity.project_id,
            MetadataDescriptor.entity_type == kind,
            MetadataDescriptor.field_name.in_(keys),
        )
    )
    found: dict[str, set[Any]] = {}
    for field_name, department_id in ctx.session.execute(query):
        found.setdefault(field_name, set()).add(department_id)
    return found


def _check_supervisor(ctx: Ctx, entity: Any, body: dict[str, Any]) -> None:
    """A supervisor who did not create the entity only sets metadata of their departments."""
    actor = ctx.actor
    role = actor.role_in(entity.project_id)
    if role in ("admin", "manager") or entity.created_by == actor.person_id:
        return
    if set(body) - {"data"}:
        raise Forbidden()
    departments = actor.department_ids
    if not departments:
        return
    data = body.get("data")
    kind = base_type_of(ctx.session, entity)
    if not isinstance(data, dict) or not data or kind not in ("Asset", "Shot", "Edit"):
        raise Forbidden()
    allowed = _descriptor_departments(ctx, entity, kind, list(data))
    if any(not allowed.get(key, set()) & departments for key in data):
        raise Forbidden()


def _merge_data(entity: Any, body: dict[str, Any]) -> None:
    """Metadata sent on update is merged into what the entity already holds."""
    incoming = body.get("data")
    if incoming is None:
        incoming = {}
    if not isinstance(incoming, dict):
        raise WrongParameter("Field 'data' must be an object.")
    body["data"] = {**(entity.data or {}), **incoming}


def prepare(ctx: Ctx, body: dict[str, Any], row: Any) -> dict[str, Any]:
    if row is None:
        if "project_id" not in body:
            raise WrongParameter("'project_id'")
        body.pop("created_by", None)
        return {"created_by": ctx.actor.person_id}
    _check_supervisor(ctx, row, body)
    for key in UPDATE_PROTECTED:
        body.pop(key, None)
    _merge_data(row, body)
    if body.get("source_id") == "null":
        body["source_id"] = None
    _BEFORE[row] = (row.name, dict(row.data or {}))
    return {}


def validate_update(ctx: Ctx, entity: Any, values: dict[str, Any]) -> None:
    """(name, project, entity type, parent) stays unique, with Zou's message."""
    from reeltrack.models import Entity

    keys = ("name", "entity_type_id", "parent_id")
    new = {key: values.get(key, getattr(entity, key)) for key in keys}
    if all(new[key] == getattr(entity, key) for key in keys):
        return
    query = select(Entity.id).where(
        Entity.name == new["name"],
        Entity.project_id == entity.project_id,
        Entity.entity_type_id == new["entity_type_id"],
        Entity.id != entity.id,
    )
    parent = new["parent_id"]
    same_parent = Entity.parent_id.is_(None) if parent is None else Entity.parent_id == parent
    query = query.where(same_parent)
    if ctx.session.scalars(query.limit(1)).first() is not None:
        raise WrongParameter(
            f"An entity with name '{new['name']}', project_id '{entity.project_id}', "
            f"entity_type_id '{new['entity_type_id']}', and parent_id '{parent}' already "
            "exists. The combination of these fields must be unique."
        )


def _frames(data: Any) -> tuple[Any, Any]:
    data = data if isinstance(data, dict) else {}
    return data.get("frame_in", 0), data.get("frame_out", 0)


def _foldable(version: Any, actor: Actor, before: tuple[str, dict], shot: Any) -> bool:
    """Whether this change of the shot can be folded into its last version."""
    if version is None or version.person_id != actor.person_id:
        return False
    old_name, old_data = before
    frames, old_frames, kept = _frames(shot.data), _frames(old_data), _frames(version.data)
    if frames != old_frames and version.name != old_name:
        return False
    for frame, old_frame, version_frame in zip(frames, old_frames, kept, strict=True):
        if frame == old_frame and version_frame != old_frame:
            return False
    now = utcnow()
    changed = version.updated_at or version.created_at
    return now - changed <= VERSION_FOLD_DELAY and now - version.created_at <= VERSION_FOLD_MAX


def save_shot_version(ctx: Ctx, shot: Any, before: tuple[str, dict]) -> None:
    """Record the frame range or name change of a shot, folding a burst into one version."""
    from reeltrack.models import EntityVersion

    old_name, old_data = before
    if _frames(shot.data) == _frames(old_data) and shot.name == old_name:
        return
    last = ctx.session.scalars(
        select(EntityVersion)
        .where(EntityVersion.entity_id == shot.id)
        .order_by(EntityVersion.created_at.desc())
        .limit(1)
    ).first()
    if last is not None and _foldable(last, ctx.actor, before, shot):
        last.data = dict(shot.data or {})
    else:
        ctx.session.add(
            EntityVersion(
                entity_id=shot.id,
                name=old_name,
                data=dict(shot.data or {}),
                person_id=ctx.actor.person_id,
            )
        )
    ctx.session.flush()


def after_update(ctx: Ctx, entity: Any) -> dict[str, Any] | None:
    """Shot versions; the answer carries the relations as Zou's does."""
    from reeltrack.crud.service import load_links
    from reeltrack.models import Entity

    before = _BEFORE.pop(entity, None)
    if before is not None and base_type_of(ctx.session, entity) == "Shot":
        save_shot_version(ctx, entity, before)
    links = load_links(ctx, model_links(Entity), [entity.id])
    return {key: per_row.get(entity.id, []) for key, per_row in links.items()}


# ---------------------------------------------------------------- delete


def _drop_links(ctx: Ctx, entity_id: Any, sequence: bool) -> None:
    from reeltrack.models import EntityConceptLink, EntityLink, Subscription

    for model in (EntityLink, EntityConceptLink):
        ctx.session.execute(
            delete(model).where(
                or_(model.entity_in_id == entity_id, model.entity_out_id == entity_id)
            )
        )
    if sequence:
        ctx.session.execute(delete(Subscription).where(Subscription.entity_id == entity_id))


def _remove_everything(ctx: Ctx, entity: Any, kind: str, seen: set[Any]) -> None:
    """Forced delete: tasks, versions, files, subscriptions; children go (assets: detached).

    An episode's children include the assets created in it (`source_id`), as in Zou.
    """
    from reeltrack.models import Entity, EntityVersion, OutputFile, Subscription, Task

    session = ctx.session
    seen.add(entity.id)
    owned = Entity.parent_id == entity.id
    if kind == "Episode":
        owned = or_(owned, Entity.source_id == entity.id)  # the episode's own assets go too
    children = list(session.scalars(select(Entity).where(owned)))
    if kind == "Asset":
        children = []
        session.execute(update(Entity).where(Entity.parent_id == entity.id).values(parent_id=None))
    kinds = base_type_names(session, {child.entity_type_id for child in children})
    for child in children:
        if child.id in seen:
            continue
        child_kind = kinds.get(child.entity_type_id, "Asset")
        _remove_everything(ctx, child, child_kind, seen)
        prefix, stem = event_words(child_kind)
        ctx.uow.emit(f"{prefix}:delete", {f"{stem}_id": child.id}, child.project_id)
        session.execute(delete(Entity).where(Entity.id == child.id))
    tasks = task_purge.ids_where(session, Task.entity_id, [entity.id])
    for task_id, entity_id, task_type_id, project_id in task_purge.remove_tasks(session, tasks):
        payload = {"task_id": task_id, "entity_id": entity_id, "task_type_id": task_type_id}
        ctx.uow.emit("task:delete", payload, project_id)
    for model in (EntityVersion, Subscription, OutputFile):
        rows = task_purge.ids_where(session, model.entity_id, [entity.id])
        task_purge.delete_rows(session, model, rows)
    _drop_links(ctx, entity.id, sequence=False)
    purge_references(session, entity.__table__, [entity.id])


def before_delete(ctx: Ctx, entity: Any, force: bool) -> None:
    """Refused while tasks, children, versions... depend on it, unless forced."""
    kind = base_type_of(ctx.session, entity)
    if force:
        _remove_everything(ctx, entity, kind, set())
        return
    _drop_links(ctx, entity.id, sequence=kind == "Sequence")
    ignore = LINK_TABLES | ({"subscription"} if kind == "Sequence" else set())
    if is_referenced(ctx.session, entity.__table__, entity.id, ignore=ignore):
        raise WrongParameter(FK_CONFLICT)


# ---------------------------------------------------------------- output and events


def output_rows(ctx: Ctx, rows: list[Any], out: list[dict[str, Any]]) -> None:
    """`type` is the base type name, looked up once for the whole page."""
    names = base_type_names(ctx.session, {row.entity_type_id for row in rows})
    for row, data in zip(rows, out, strict=True):
        data["type"] = names.get(row.entity_type_id, "Asset")


def event(ctx: Ctx, entity: Any, action: str) -> tuple[str, dict[str, Any]]:
    """`asset:new {asset_id}`, `concept-folder:update {concept_folder_id}`..."""
    prefix, stem = event_words(base_type_of(ctx.session, entity))
    return f"{prefix}:{action}", {f"{stem}_id": entity.id}


def instance_prepare(ctx: Ctx, body: dict[str, Any], row: Any) -> dict[str, Any]:
    """An asset instance keeps its number once created."""
    if row is not None:
        body.pop("number", None)
    return {}


HOOKS = Hooks(
    prepare=prepare,
    validate_update=validate_update,
    after_update=after_update,
    before_delete=before_delete,
    output_rows=output_rows,
    event=event,
)
INSTANCE_HOOKS = Hooks(prepare=instance_prepare)
