"""Project listings as each role sees them, and the production team."""

from __future__ import annotations

import uuid
from collections import defaultdict
from typing import Any

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from reeltrack.auth.actor import Actor
from reeltrack.crud.spec import model_links
from reeltrack.wire.errors import NotFound, WrongParameter
from reeltrack.wire.present import present

OPEN_STATUS_NAMES = ("Active", "open", "Open")
PROJECT_ROLES = ("user", "supervisor", "manager", "client", "vendor")


def _with_status(query: Any) -> Any:
    from reeltrack.models import Project, ProjectStatus

    return query.join(ProjectStatus, ProjectStatus.id == Project.project_status_id)


def open_projects(session: Session, actor: Actor, name: str | None) -> list[dict[str, Any]]:
    """Open projects (all for admins, the caller's teams otherwise) with their settings."""
    from reeltrack.models import Project, ProjectStatus, project_person_link

    query = _with_status(select(Project))
    if actor.is_admin:
        query = query.where(ProjectStatus.name.in_(OPEN_STATUS_NAMES))
    else:
        link = project_person_link.c
        query = query.where(ProjectStatus.name == "Open").where(
            Project.id.in_(select(link.project_id).where(link.person_id == actor.person_id))
        )
    if name is not None:
        query = query.where(Project.name == name)
    rows = list(session.scalars(query.order_by(Project.name)))
    return present_with_extra_data(session, actor, rows)


def all_projects(session: Session, actor: Actor, name: str | None) -> list[dict[str, Any]]:
    """Every project for admins (with Project descriptors); the caller's teams otherwise."""
    from reeltrack.models import Project, ProjectStatus, project_person_link

    if not actor.is_admin:
        link = project_person_link.c
        query = _with_status(select(Project)).where(
            Project.id.in_(select(link.project_id).where(link.person_id == actor.person_id))
        )
        if name is not None:
            query = query.where(func.lower(Project.name) == name.lower())
        rows = [present(row) for row in session.scalars(query)]
        if name is not None and not rows:
            raise NotFound()
        return rows[:1] if name is not None else rows
    if name is not None:
        found = session.scalars(select(Project).where(Project.name.ilike(name))).first()
        if found is None:
            raise NotFound()
        return [present(found)]
    query = _with_status(select(Project, ProjectStatus.name)).order_by(Project.name)
    entries = list(session.execute(query))
    descriptors = _descriptors_by_project(session, None, project_entity_only=True)
    result = []
    for project, status_name in entries:
        data = present(project)
        data["project_status_name"] = status_name
        data["descriptors"] = descriptors.get(project.id, [])
        result.append(data)
    return result


def _descriptors_by_project(
    session: Session,
    project_ids: list[uuid.UUID] | None,
    project_entity_only: bool = False,
) -> dict[uuid.UUID, list[dict[str, Any]]]:
    """Descriptors grouped by project, each with its department ids (two queries)."""
    from reeltrack.models import MetadataDescriptor
    from reeltrack.models.metadata_descriptor import department_metadata_descriptor_link as link

    query = select(MetadataDescriptor).order_by(MetadataDescriptor.position)
    if project_ids is not None:
        query = query.where(MetadataDescriptor.project_id.in_(project_ids))
    if project_entity_only:
        query = query.where(MetadataDescriptor.entity_type == "Project")
    rows = list(session.scalars(query))
    departments: dict[uuid.UUID, list[uuid.UUID]] = defaultdict(list)
    if rows:
        ids = [row.id for row in rows]
        pairs = select(link.c.metadata_descriptor_id, link.c.department_id)
        for descriptor_id, department_id in session.execute(
            pairs.where(link.c.metadata_descriptor_id.in_(ids))
        ):
            departments[descriptor_id].append(department_id)
    result: dict[uuid.UUID, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        result[row.project_id].append(_descriptor_summary(row, departments[row.id]))
    return result


def _descriptor_summary(row: Any, departments: list[uuid.UUID]) -> dict[str, Any]:
    return {
        "id": row.id,
        "name": row.name,
        "field_name": row.field_name,
        "data_type": row.data_type,
        "choices": row.choices,
        "for_client": row.for_client or False,
        "entity_type": row.entity_type,
        "task_type_id": row.task_type_id,
        "position": row.position,
        "departments": departments,
    }


def _visible_descriptor(actor: Actor, project_id: uuid.UUID, item: dict[str, Any]) -> bool:
    """Clients read the descriptors published to them; vendors those of their departments."""
    role = "admin" if actor.is_admin else (actor.role_in(project_id) or actor.role)
    if role == "client":
        return bool(item["for_client"])
    if role == "vendor":
        return not item["departments"] or bool(set(item["departments"]) & actor.department_ids)
    return True


def present_with_extra_data(
    session: Session, actor: Actor, rows: list[Any]
) -> list[dict[str, Any]]:
    """Projects with their link lists, settings and descriptors, in a fixed number of queries."""
    from reeltrack.models import Project, ProjectTaskStatusLink, ProjectTaskTypeLink

    if not rows:
        return []
    ids = [row.id for row in rows]
    links: dict[str, dict[uuid.UUID, list[uuid.UUID]]] = {}
    for link in model_links(Project):
        per_row: dict[uuid.UUID, list[uuid.UUID]] = defaultdict(list)
        local, remote = link.table.c[link.local], link.table.c[link.remote]
        for owner, target in session.execute(select(local, remote).where(local.in_(ids))):
            per_row[owner].append(target)
        links[link.key] = per_row
    descriptors = _descriptors_by_project(session, ids)
    type_links: dict[uuid.UUID, dict[str, Any]] = defaultdict(dict)
    for type_link in session.scalars(
        select(ProjectTaskTypeLink).where(ProjectTaskTypeLink.project_id.in_(ids))
    ):
        type_links[type_link.project_id][str(type_link.task_type_id)] = {
            "priority": type_link.priority,
            "hd_bitrate_compression": type_link.hd_bitrate_compression,
            "ld_bitrate_compression": type_link.ld_bitrate_compression,
            "is_client_visible": type_link.is_client_visible,
        }
    status_links: dict[uuid.UUID, dict[str, Any]] = defaultdict(dict)
    for status_link in session.scalars(
        select(ProjectTaskStatusLink).where(ProjectTaskStatusLink.project_id.in_(ids))
    ):
        status_links[status_link.project_id][str(status_link.task_status_id)] = {
            "priority": status_link.priority,
            "roles_for_board": status_link.roles_for_board or [],
            "is_client_allowed": status_link.is_client_allowed,
        }
    episodes = _first_episodes(session, [r.id for r in rows if r.production_type == "tvshow"])
    result = []
    for row in rows:
        data = present(row, links={key: per.get(row.id, []) for key, per in links.items()})
        data["descriptors"] = [
            item for item in descriptors.get(row.id, []) if _visible_descriptor(actor, row.id, item)
        ]
        data["task_type_links"] = type_links.get(row.id, {})
        data["task_types_priority"] = {
            key: value["priority"] for key, value in data["task_type_links"].items()
        }
        data["task_statuses_link"] = status_links.get(row.id, {})
        if row.id in episodes:
            data["first_episode_id"] = episodes[row.id]
        result.append(data)
    return result


def _first_episodes(session: Session, project_ids: list[uuid.UUID]) -> dict[uuid.UUID, Any]:
    """The first running episode of each TV show by name, else its first episode."""
    from reeltrack.models import Entity, EntityType

    if not project_ids:
        return {}
    not_running = case((Entity.status == "running", 0), else_=1)
    query = (
        select(Entity.project_id, Entity.id)
        .join(EntityType, EntityType.id == Entity.entity_type_id)
        .where(EntityType.name == "Episode", Entity.project_id.in_(project_ids))
        .order_by(Entity.project_id, not_running, Entity.name)
    )
    found: dict[uuid.UUID, Any] = {}
    for project_id, episode_id in session.execute(query):
        found.setdefault(project_id, episode_id)
    return found


# ---------------------------------------------------------------- team


def team(session: Session, actor: Actor, project_id: uuid.UUID) -> list[dict[str, Any]]:
    """Team members as the caller's role on the project may see them, with their link role."""
    from reeltrack.models import Person, project_person_link
    from reeltrack.services.persons import CLIENT_FIELDS, department_ids, pick, present_safe

    link = project_person_link.c
    query = (
        select(Person, link.role)
        .join(project_person_link, link.person_id == Person.id)
        .where(link.project_id == project_id)
    )
    entries = list(session.execute(query))
    role = "admin" if actor.is_admin else (actor.role_in(project_id) or actor.role)
    departments = (
        department_ids(session, [person.id for person, _ in entries])
        if role in ("admin", "manager")
        else {}
    )
    result = []
    for person, link_role in entries:
        if role in ("admin", "manager"):
            data = present_safe(person, departments.get(person.id, []))
        elif role == "client":
            data = pick(present_safe(person), CLIENT_FIELDS)
        else:
            data = _minimal(person)
        data["project_role"] = link_role
        result.append(data)
    return result


def _minimal(person: Any) -> dict[str, Any]:
    from reeltrack.services.persons import MINIMAL_FIELDS, pick, present_safe

    data = pick(present_safe(person), MINIMAL_FIELDS)
    data["departments"] = []  # Zou's minimal view carries no department here
    return data


def check_project_role(role: Any) -> None:
    """Refuse admin (global only) and unknown roles on a team link."""
    if role is None:
        return
    if role == "admin":
        raise WrongParameter("admin is a global role and cannot be set per project")
    if role not in PROJECT_ROLES:
        raise WrongParameter(f"{role} is not a role")


def add_team_member(
    session: Session, project: Any, person_id: str, role: str | None
) -> dict[str, Any]:
    """Add a person to the team (no-op when already in it), with an optional project role."""
    from reeltrack.crud.values import parse_uuid
    from reeltrack.models import Person, project_person_link

    check_project_role(role)
    parsed = parse_uuid(person_id)
    person = session.get(Person, parsed) if parsed is not None else None
    if person is None:
        raise WrongParameter(f"Person with id {person_id} not found")
    if person.preview_project_id is not None and person.preview_project_id != project.id:
        raise WrongParameter("A preview account can only belong to its own project")
    link = project_person_link.c
    exists = session.execute(
        select(link.person_id).where(link.project_id == project.id, link.person_id == person.id)
    ).first()
    if exists is None:
        session.execute(
            project_person_link.insert().values(project_id=project.id, person_id=person.id)
        )
    if role is not None:
        set_team_member_role(session, project, person.id, role)
    return present(project)


def remove_team_member(session: Session, project: Any, person_id: uuid.UUID) -> None:
    from reeltrack.models import project_person_link

    link = project_person_link.c
    session.execute(
        project_person_link.delete().where(
            link.project_id == project.id, link.person_id == person_id
        )
    )


def set_team_member_role(
    session: Session, project: Any, person_id: uuid.UUID, role: str | None
) -> dict[str, Any]:
    """Set (or with None, clear) a team member's role on this project."""
    from reeltrack.models import Person, project_person_link

    check_project_role(role)
    person = session.get(Person, person_id)
    if person is not None and person.preview_project_id is not None:
        raise WrongParameter("A preview account keeps its client role")
    link = project_person_link.c
    where = (link.project_id == project.id, link.person_id == person_id)
    if session.execute(select(link.person_id).where(*where)).first() is None:
        raise WrongParameter("Person is not a member of the project team")
    session.execute(project_person_link.update().where(*where).values(role=role))
    return {"project_id": str(project.id), "person_id": str(person_id), "role": role}
