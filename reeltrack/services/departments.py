"""Departments: their members and the hardware and software linked to them."""

from __future__ import annotations

import uuid
from collections import defaultdict
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from reeltrack.auth.actor import Actor
from reeltrack.crud.values import parse_uuid
from reeltrack.services.persons import MINIMAL_FIELDS, department_ids, pick, present_safe
from reeltrack.wire.errors import Forbidden, MalformedId, NotFound
from reeltrack.wire.present import present


def require_admin(actor: Actor) -> None:
    if not actor.is_admin:
        raise Forbidden()


def parse_id(value: Any) -> uuid.UUID:
    parsed = parse_uuid(value)
    if parsed is None:
        raise MalformedId()
    return parsed


def get_row(session: Session, model: Any, row_id: uuid.UUID) -> Any:
    row = session.get(model, row_id)
    if row is None:
        raise NotFound()
    return row


def _models(kind: str) -> tuple[Any, Any, str]:
    """(item model, link model, link column) for "software" or "hardware"."""
    from reeltrack.models import HardwareItem, Software
    from reeltrack.models.department import HardwareItemDepartmentLink, SoftwareDepartmentLink

    if kind == "software":
        return Software, SoftwareDepartmentLink, "software_id"
    return HardwareItem, HardwareItemDepartmentLink, "hardware_item_id"


def items_by_department(session: Session, kind: str) -> dict[str, list[dict[str, Any]]]:
    """Every linked item, grouped under its department id (one query)."""
    model, link, column = _models(kind)
    query = select(model, link.department_id).join(link, getattr(link, column) == model.id)
    grouped: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for item, department_id in session.execute(query):
        grouped[str(department_id)].append(present(item))
    return dict(grouped)


def department_items(session: Session, kind: str, department_id: uuid.UUID) -> list[dict]:
    """The items of one department (which must exist)."""
    from reeltrack.models import Department

    get_row(session, Department, department_id)
    model, link, column = _models(kind)
    query = (
        select(model)
        .join(link, getattr(link, column) == model.id)
        .where(link.department_id == department_id)
        .order_by(model.name)
    )
    return [present(item) for item in session.scalars(query)]


def link_item(
    session: Session, kind: str, department_id: uuid.UUID, item_id: uuid.UUID
) -> dict[str, Any]:
    """Link an item to a department (idempotent) and return the link."""
    from reeltrack.models import Department

    model, link_model, column = _models(kind)
    get_row(session, Department, department_id)
    get_row(session, model, item_id)
    link = session.scalars(
        select(link_model).where(
            link_model.department_id == department_id, getattr(link_model, column) == item_id
        )
    ).first()
    if link is None:
        link = link_model(department_id=department_id, **{column: item_id})
        session.add(link)
        session.flush()
    return present(link)


def unlink_item(session: Session, kind: str, department_id: uuid.UUID, item_id: uuid.UUID) -> None:
    """Remove the link between a department and an item, if there is one."""
    from reeltrack.models import Department

    model, link_model, column = _models(kind)
    get_row(session, Department, department_id)
    get_row(session, model, item_id)
    link = session.scalars(
        select(link_model).where(
            link_model.department_id == department_id, getattr(link_model, column) == item_id
        )
    ).first()
    if link is not None:
        session.delete(link)
        session.flush()


def department_persons(
    session: Session, actor: Actor, department_id: uuid.UUID
) -> list[dict[str, Any]]:
    """Members of a department by name: the safe view for admins, minimal for others."""
    from reeltrack.models import Department, Person
    from reeltrack.models.person import department_link

    get_row(session, Department, department_id)
    query = (
        select(Person)
        .join(department_link, department_link.c.person_id == Person.id)
        .where(department_link.c.department_id == department_id)
        .order_by(Person.first_name, Person.last_name)
    )
    persons = list(session.scalars(query))
    links = department_ids(session, [person.id for person in persons])
    result = []
    for person in persons:
        data = present_safe(person, links.get(person.id, []))
        result.append(data if actor.is_admin else pick(data, MINIMAL_FIELDS))
    return result
