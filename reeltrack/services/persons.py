"""How persons are shown to each audience, and their department links."""

from __future__ import annotations

import uuid
from collections import defaultdict
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from reeltrack.crud.values import parse_uuid
from reeltrack.services.auth import SENSITIVE_FIELDS
from reeltrack.wire.present import present

MINIMAL_FIELDS = (
    "id",
    "type",
    "first_name",
    "last_name",
    "full_name",
    "has_avatar",
    "active",
    "departments",
    "studio_id",
    "role",
    "desktop_login",
    "is_bot",
)
CLIENT_FIELDS = (
    "id",
    "type",
    "first_name",
    "last_name",
    "full_name",
    "has_avatar",
    "active",
    "role",
    "is_bot",
)
# What a non-admin may filter the person list on.
PUBLIC_FILTERS = frozenset(MINIMAL_FIELDS) | {"email", "is_guest"}


def full_name(first: str | None, last: str | None) -> str:
    return f"{first or ''} {last or ''}".strip()


def short_people(session: Session, ids: set[Any]) -> dict[str, dict[str, Any]]:
    """{person id: Zou's short author record} in one query (none when no id is given)."""
    from reeltrack.models import Person

    wanted = [pid for pid in (parse_uuid(str(i)) for i in ids if i) if pid is not None]
    if not wanted:
        return {}
    rows = session.execute(
        select(
            Person.id, Person.first_name, Person.last_name, Person.has_avatar, Person.role
        ).where(Person.id.in_(wanted))
    )
    return {
        str(pid): {
            "id": str(pid),
            "first_name": first,
            "last_name": last,
            "full_name": full_name(first, last),
            "has_avatar": avatar,
            "role": role,
        }
        for pid, first, last, avatar, role in rows
    }


def department_ids(session: Session, person_ids: list[uuid.UUID]) -> dict[uuid.UUID, list]:
    """Department ids of each person, in one query."""
    from reeltrack.models.person import department_link

    result: dict[uuid.UUID, list[uuid.UUID]] = defaultdict(list)
    if person_ids:
        link = department_link.c
        query = select(link.person_id, link.department_id).where(link.person_id.in_(person_ids))
        for person_id, department_id in session.execute(query):
            result[person_id].append(department_id)
    return result


def present_safe(person: Any, departments: list[uuid.UUID] | None = None) -> dict[str, Any]:
    """Every column but the secrets, plus full_name (and departments when given)."""
    data = present(person, SENSITIVE_FIELDS)
    data["full_name"] = full_name(person.first_name, person.last_name)
    if departments is not None:
        data["departments"] = departments
    return data


def present_person(session: Session, person: Any) -> dict[str, Any]:
    """The safe view with departments, as login and /auth/authenticated show it."""
    return present_safe(person, department_ids(session, [person.id]).get(person.id, []))


def pick(data: dict[str, Any], keys: tuple[str, ...]) -> dict[str, Any]:
    return {key: data.get(key, [] if key == "departments" else None) for key in keys}
