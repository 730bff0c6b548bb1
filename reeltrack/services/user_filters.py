"""The caller's saved search filters and filter groups."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import delete, or_, select, update
from sqlalchemy.orm import Session

from reeltrack.auth.actor import Actor
from reeltrack.crud.values import parse_uuid
from reeltrack.models import Department, Project, ProjectStatus, SearchFilter, SearchFilterGroup
from reeltrack.wire.errors import NotFound, WrongParameter
from reeltrack.wire.present import present

SAME_SHARING = (
    "A search filter should have the same value for is_shared than its search filter group."
)


def _id(value: Any) -> uuid.UUID:
    parsed = parse_uuid(value)
    if parsed is None:
        raise WrongParameter("Malformed ID.")
    return parsed


def _optional_id(value: Any) -> uuid.UUID | None:
    return None if value is None else _id(value)


def can_share(actor: Actor, project_id: uuid.UUID | None) -> bool:
    """Sharing is for admins and the managers of the project; never without a project."""
    return project_id is not None and actor.role_in(project_id) in ("admin", "manager")


def _check_refs(session: Session, data: dict[str, Any]) -> None:
    """Project and department ids given in a body must exist."""
    for key, model in (("project_id", Project), ("department_id", Department)):
        if data.get(key) is not None:
            data[key] = _id(data[key])
            if session.get(model, data[key]) is None:
                raise NotFound()


def _visible(actor: Actor, row: Any) -> bool:
    department_id = row.department_id
    return (
        department_id is None
        or actor.role in ("admin", "manager")
        or department_id in actor.department_ids
    )


def _grouped(actor: Actor, rows: list[Any]) -> dict[str, dict[str, list[dict[str, Any]]]]:
    """{list_type: {project id or "all": [rows]}}, as Kitsu reads them."""
    result: dict[str, dict[str, list[dict[str, Any]]]] = {}
    for row in rows:
        by_project = result.setdefault(row.list_type, {})
        if not _visible(actor, row):
            continue
        key = "all" if row.project_id is None else str(row.project_id)
        by_project.setdefault(key, []).append(present(row))
    return result


def _listed(model: Any, actor: Actor) -> Any:
    return (
        select(model)
        .outerjoin(Project, Project.id == model.project_id)
        .outerjoin(ProjectStatus, ProjectStatus.id == Project.project_status_id)
        .where(
            or_(model.person_id == actor.person_id, model.is_shared.is_(True)),
            or_(ProjectStatus.name == "Open", model.project_id.is_(None)),
        )
    )


def list_filters(session: Session, actor: Actor) -> dict[str, Any]:
    """The caller's filters and the shared ones, in open projects or project-less."""
    query = _listed(SearchFilter, actor).order_by(SearchFilter.created_at, SearchFilter.id)
    rows = list(session.scalars(query))
    result = _grouped(actor, rows)
    return {key: value for key, value in result.items() if value}


def list_filter_groups(session: Session, actor: Actor) -> dict[str, Any]:
    """The caller's filter groups and the shared ones, newest first."""
    query = _listed(SearchFilterGroup, actor).order_by(SearchFilterGroup.created_at.desc())
    return _grouped(actor, list(session.scalars(query)))


def own_or_as_admin(session: Session, actor: Actor, model: Any, row_id: Any) -> Any:
    """The caller's own row; an admin reaches anyone's. 404 otherwise."""
    row = session.get(model, _id(row_id))
    if row is None or (row.person_id != actor.person_id and not actor.is_admin):
        raise NotFound()
    return row


def _group_for(session: Session, group_id: Any, is_shared: bool) -> uuid.UUID | None:
    if group_id is None:
        return None
    group = session.get(SearchFilterGroup, _id(group_id))
    if group is None:
        raise NotFound()
    if bool(is_shared) != bool(group.is_shared):
        raise WrongParameter(SAME_SHARING)
    return group.id


def create_filter(session: Session, actor: Actor, data: dict[str, Any]) -> dict[str, Any]:
    _check_refs(session, data)
    is_shared = bool(data.get("is_shared")) and can_share(actor, data.get("project_id"))
    row = SearchFilter(
        list_type=data["list_type"],
        name=data["name"],
        search_query=data["query"],
        project_id=data.get("project_id"),
        person_id=actor.person_id,
        entity_type=data.get("entity_type"),
        is_shared=is_shared,
        search_filter_group_id=_group_for(session, data.get("search_filter_group_id"), is_shared),
        department_id=data.get("department_id"),
    )
    session.add(row)
    session.flush()
    return present(row)


def _deny_sharing(actor: Actor, data: dict[str, Any], row: Any) -> None:
    """A sharing change the caller may not make is turned off, as Zou does."""
    wanted = data.get("is_shared")
    changed = wanted is not None and row.is_shared != wanted
    if changed and not can_share(actor, data.get("project_id")):
        data["is_shared"] = False


def _apply(row: Any, data: dict[str, Any]) -> None:
    for key, value in data.items():
        setattr(row, key, value)


def update_filter(
    session: Session, actor: Actor, filter_id: Any, data: dict[str, Any]
) -> dict[str, Any]:
    row = own_or_as_admin(session, actor, SearchFilter, filter_id)
    _check_refs(session, data)
    _deny_sharing(actor, data, row)
    group_id = data.get("search_filter_group_id", row.search_filter_group_id)
    is_shared = data.get("is_shared", row.is_shared)
    group = _group_for(session, group_id, is_shared)
    if "search_filter_group_id" in data:
        data["search_filter_group_id"] = group
    _apply(row, data)
    session.flush()
    return present(row)


def remove_filter(session: Session, actor: Actor, filter_id: Any) -> None:
    row = own_or_as_admin(session, actor, SearchFilter, filter_id)
    session.delete(row)
    session.flush()


def create_filter_group(session: Session, actor: Actor, data: dict[str, Any]) -> dict[str, Any]:
    _check_refs(session, data)
    row = SearchFilterGroup(
        list_type=data["list_type"],
        name=data["name"],
        color=data.get("color") or "",
        project_id=data.get("project_id"),
        person_id=actor.person_id,
        entity_type=data.get("entity_type"),
        is_shared=bool(data.get("is_shared")) and can_share(actor, data.get("project_id")),
        department_id=data.get("department_id"),
    )
    session.add(row)
    session.flush()
    return present(row)


def update_filter_group(
    session: Session, actor: Actor, group_id: Any, data: dict[str, Any]
) -> dict[str, Any]:
    row = own_or_as_admin(session, actor, SearchFilterGroup, group_id)
    _check_refs(session, data)
    _deny_sharing(actor, data, row)
    _apply(row, data)
    session.flush()
    if data.get("is_shared") is not None:
        # Filters follow their group's sharing, else they could never be edited again.
        session.execute(
            update(SearchFilter)
            .where(SearchFilter.search_filter_group_id == row.id)
            .values(is_shared=row.is_shared)
        )
    return present(row)


def remove_filter_group(session: Session, actor: Actor, group_id: Any) -> None:
    row = own_or_as_admin(session, actor, SearchFilterGroup, group_id)
    session.execute(delete(SearchFilter).where(SearchFilter.search_filter_group_id == row.id))
    session.delete(row)
    session.flush()
