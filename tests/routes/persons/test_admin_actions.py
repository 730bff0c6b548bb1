"""Admin actions on persons: department membership and password changes."""

from __future__ import annotations

import logging
import uuid

import pytest
from sqlalchemy import select

from reeltrack.auth.passwords import verify_password
from reeltrack.models import Person
from reeltrack.models.person import department_link
from tests import factories
from tests.crud.support import FORBIDDEN, NOT_FOUND, events

NON_ADMIN = ("manager", "supervisor", "user", "client", "vendor")


def memberships(db, person) -> set[str]:
    db.commit()
    link = department_link.c
    rows = db.execute(select(link.department_id).where(link.person_id == person.id))
    return {str(row[0]) for row in rows}


@pytest.fixture()
def target(db):
    person = factories.make_person(db, role="user")
    department = factories.make_department(db)
    db.commit()
    return person, department


def test_a_person_joins_then_leaves_a_department(admin, db, target):
    person, department = target
    url = f"/actions/persons/{person.id}/departments/add"
    added = admin.post(url, json={"department_id": str(department.id)})
    assert added.status_code == 201, added.text
    body = added.json()
    assert body["id"] == str(person.id)
    assert body["departments"] == [str(department.id)]
    assert "password" not in body
    assert memberships(db, person) == {str(department.id)}
    # Adding again keeps one membership.
    assert admin.post(url, json={"department_id": str(department.id)}).status_code == 201
    assert memberships(db, person) == {str(department.id)}
    assert [e.data["person_id"] for e in events(db, "person:update")] == [str(person.id)] * 2

    removed = admin.delete(f"/actions/persons/{person.id}/departments/{department.id}")
    assert removed.status_code == 204
    assert memberships(db, person) == set()
    assert len(events(db, "person:update")) == 3


def test_department_actions_refuse_bad_input(admin, db, target):
    person, department = target
    url = f"/actions/persons/{person.id}/departments/add"
    missing = admin.post(url, json={})
    assert missing.status_code == 400
    assert missing.json()["message"] == "Validation error."
    unknown = admin.post(url, json={"department_id": str(uuid.uuid4())})
    assert unknown.status_code == 400
    assert unknown.json()["message"] == "Department ID matches no department"
    nobody = f"/actions/persons/{uuid.uuid4()}/departments/add"
    response = admin.post(nobody, json={"department_id": str(department.id)})
    assert response.status_code == 404
    assert response.json()["message"] == NOT_FOUND
    bad = admin.post(
        "/actions/persons/bad/departments/add", json={"department_id": str(department.id)}
    )
    assert bad.json()["message"] == "Malformed ID."
    gone = admin.delete(f"/actions/persons/{person.id}/departments/{uuid.uuid4()}")
    assert gone.status_code == 400
    assert gone.json()["message"] == "Department ID matches no department"
    assert admin.delete(f"/actions/persons/{person.id}/departments/bad").status_code == 400
    assert (
        admin.delete(f"/actions/persons/{uuid.uuid4()}/departments/{department.id}").status_code
        == 404
    )


@pytest.mark.parametrize("role", NON_ADMIN)
def test_only_admins_change_departments(as_role, db, target, role):
    person, department = target
    factories.add_to_department(db, person, department)
    db.commit()
    caller = as_role(role)
    other = factories.make_department(db)
    db.commit()
    added = caller.post(
        f"/actions/persons/{person.id}/departments/add", json={"department_id": str(other.id)}
    )
    assert added.status_code == 403
    assert added.json()["message"] == FORBIDDEN
    removed = caller.delete(f"/actions/persons/{person.id}/departments/{department.id}")
    assert removed.status_code == 403
    assert memberships(db, person) == {str(department.id)}


def stored_password(db, person) -> bytes:
    db.commit()
    return db.scalars(
        select(Person.password).where(Person.id == person.id),
        execution_options={"populate_existing": True},
    ).one()


def test_an_admin_sets_a_password_and_the_person_is_told(admin, db, target, caplog):
    person, _ = target
    caplog.set_level(logging.INFO, logger="reeltrack.mail")
    url = f"/actions/persons/{person.id}/change-password"
    response = admin.post(url, json={"password": "brand-new-pass", "password_2": "brand-new-pass"})
    assert response.status_code == 200, response.text
    assert response.json() == {"success": True}
    assert verify_password("brand-new-pass", stored_password(db, person))
    assert person.email in caplog.text
    login = admin.post("/auth/login", json={"email": person.email, "password": "brand-new-pass"})
    assert login.status_code == 200


@pytest.mark.parametrize(
    ("password", "confirmation", "message"),
    [
        ("short", "short", "Password is too short."),
        ("long-enough-1", "long-enough-2", "Confirmation password doesn't match."),
    ],
)
def test_bad_passwords_are_refused(admin, db, target, password, confirmation, message):
    person, _ = target
    before = stored_password(db, person)
    url = f"/actions/persons/{person.id}/change-password"
    response = admin.post(url, json={"password": password, "password_2": confirmation})
    assert response.status_code == 400
    assert response.json()["message"] == message
    assert stored_password(db, person) == before


def test_password_body_and_targets(admin, as_role, db, target):
    person, _ = target
    url = f"/actions/persons/{person.id}/change-password"
    missing = admin.post(url, json={"password": "long-enough"})
    assert missing.status_code == 400
    assert missing.json()["message"] == "Validation error."
    assert (
        admin.post(f"/actions/persons/{uuid.uuid4()}/change-password", json={}).status_code == 404
    )
    assert admin.post("/actions/persons/bad/change-password", json={}).status_code == 400
    bot = factories.make_person(db, is_bot=True, role="user")
    db.commit()
    body = {"password": "long-enough", "password_2": "long-enough"}
    assert admin.post(f"/actions/persons/{bot.id}/change-password", json=body).status_code == 403
    other_admin = as_role("admin")
    refused = admin.post(f"/actions/persons/{other_admin.person.id}/change-password", json=body)
    assert refused.status_code == 400
    assert refused.json()["message"] == "An admin can't change another admin's password."
    own = admin.post(f"/actions/persons/{admin.person.id}/change-password", json=body)
    assert own.status_code == 200


@pytest.mark.parametrize("role", NON_ADMIN)
def test_only_admins_set_passwords(as_role, db, target, role):
    person, _ = target
    before = stored_password(db, person)
    body = {"password": "long-enough", "password_2": "long-enough"}
    response = as_role(role).post(f"/actions/persons/{person.id}/change-password", json=body)
    assert response.status_code == 403
    assert stored_password(db, person) == before
