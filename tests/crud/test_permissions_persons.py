"""Persons, role by role: who sees whom, in which view, and who may change or delete them."""

from __future__ import annotations

import datetime as dt

import pytest

from reeltrack.models import Person
from tests import factories
from tests.crud.conftest import NON_ADMIN_ROLES, ROLES
from tests.crud.support import (
    CLIENT_PERSON_KEYS,
    MINIMAL_PERSON_KEYS,
    SECRETS,
    assert_error,
    assert_forbidden,
    events,
    ids,
    one_event,
    reload,
    sid,
)

MINIMAL_VIEW_ROLES = ("supervisor", "user", "vendor", "bot")


@pytest.fixture()
def colleague(db):
    department = factories.make_department(db)
    person = factories.make_person(db, first_name="Col", last_name="League", daily_salary=300)
    factories.add_to_department(db, person, department)
    db.commit()
    return person, department


# ---------------------------------------------------------------- list


@pytest.mark.parametrize("role", ROLES)
def test_list_view_per_role(role, caller, colleague, db):
    person, _ = colleague
    client = caller(role)
    if role == "client":
        factories.make_project(db, team=[client.person, person])
        db.commit()
    body = client.get("/data/persons").json()
    listed = next(item for item in body if item["id"] == sid(person))
    if role == "admin":
        assert listed["email"] == person.email
        assert listed["daily_salary"] == 300
        assert listed["full_name"] == "Col League"
        assert "departments" not in listed
    elif role == "client":
        assert set(listed) == CLIENT_PERSON_KEYS
    else:
        assert set(listed) == MINIMAL_PERSON_KEYS
        assert listed["departments"] == []
        assert listed["full_name"] == "Col League"


@pytest.mark.parametrize("role", ("manager", "user", "client"))
def test_list_with_relations_keeps_the_view_of_the_role(role, caller, colleague, db):
    person, department = colleague
    client = caller(role)
    factories.make_project(db, team=[client.person, person])
    db.commit()
    body = client.get("/data/persons", params={"relations": "true"}).json()
    listed = next(item for item in body if item["id"] == sid(person))
    if role == "client":
        assert set(listed) == CLIENT_PERSON_KEYS
    else:
        assert set(listed) == MINIMAL_PERSON_KEYS
        assert listed["departments"] == [sid(department)]


def test_a_client_lists_only_team_mates_of_open_projects(as_role, db):
    client = as_role("client")
    mate, stranger, closed_mate = (factories.make_person(db) for _ in range(3))
    factories.make_project(db, team=[client.person, mate])
    factories.make_project(db, team=[client.person, closed_mate], closed=True)
    factories.make_project(db, team=[stranger])
    db.commit()
    assert ids(client.get("/data/persons").json()) == {sid(client.person), sid(mate)}
    paged = client.get("/data/persons", params={"page": 1}).json()
    assert ids(paged["data"]) == {sid(client.person), sid(mate)}


def test_a_client_without_open_projects_lists_nobody(as_role, db):
    client = as_role("client")
    factories.make_person(db)
    db.commit()
    assert client.get("/data/persons").json() == []
    assert_forbidden(client.get(f"/data/persons/{client.person.id}"))


@pytest.mark.parametrize("role", NON_ADMIN_ROLES)
def test_non_admins_filter_only_on_public_columns(role, caller, colleague):
    person, _ = colleague
    client = caller(role)
    assert_error(
        client.get("/data/persons", params={"daily_salary": "300"}),
        400,
        "Filtering on daily_salary is not allowed.",
    )
    found = client.get("/data/persons", params={"email": person.email}).json()
    assert ids(found) <= {sid(person)}


def test_admins_filter_on_anything_but_secrets(admin, colleague):
    person, _ = colleague
    found = admin.get("/data/persons", params={"daily_salary": "300"}).json()
    assert ids(found) == {sid(person)}
    for secret in ("password", "jti", "totp_secret"):
        assert_error(
            admin.get("/data/persons", params={secret: "x"}),
            400,
            f"Filtering on {secret} is not allowed.",
        )


# ---------------------------------------------------------------- one person


@pytest.mark.parametrize("role", ROLES)
def test_get_one_view_per_role(role, caller, colleague, db):
    person, department = colleague
    client = caller(role)
    if role == "client":
        factories.make_project(db, team=[client.person, person])
        db.commit()
    response = client.get(f"/data/persons/{person.id}")
    assert response.status_code == 200
    body = response.json()
    if role in ("admin", "manager"):
        assert body["email"] == person.email
        assert body["daily_salary"] == 300
        assert body["departments"] == [sid(department)]
    elif role == "client":
        assert set(body) == CLIENT_PERSON_KEYS
    else:
        assert set(body) == MINIMAL_PERSON_KEYS
        assert body["departments"] == [sid(department)]


def test_a_client_cannot_read_people_outside_their_open_projects(as_role, db):
    client = as_role("client")
    stranger, closed_mate = factories.make_person(db), factories.make_person(db)
    factories.make_project(db, team=[client.person])
    factories.make_project(db, team=[client.person, closed_mate], closed=True)
    db.commit()
    assert_forbidden(client.get(f"/data/persons/{stranger.id}"))
    assert_forbidden(client.get(f"/data/persons/{closed_mate.id}"))
    assert client.get(f"/data/persons/{client.person.id}").json()["id"] == sid(client.person)


# ---------------------------------------------------------------- secrets


@pytest.fixture()
def secretive(db):
    person = factories.make_person(
        db,
        jti="a-secret-jti",
        totp_secret="TOTPSECRET",
        email_otp_secret="EMAILSECRET",
        otp_recovery_codes=[b"code"],
        fido_credentials=[{"id": "cred"}],
        login_failed_attemps=2,
        last_login_failed=dt.datetime(2024, 1, 1),
        oidc_issuer="https://idp",
        oidc_subject="sub",
        saml_issuer="https://saml",
        saml_subject="subject",
    )
    db.commit()
    return person


def _assert_no_secrets(payload) -> None:
    rows = payload if isinstance(payload, list) else [payload]
    for row in rows:
        leaked = set(SECRETS) & set(row)
        assert not leaked, leaked


@pytest.mark.parametrize("role", ROLES)
def test_secrets_never_leave_the_server_on_reads(role, caller, secretive, db):
    client = caller(role)
    factories.make_project(db, team=[client.person, secretive])
    db.commit()
    for params in ({}, {"relations": "true"}, {"page": "1"}, {"with_pass_hash": "true"}):
        body = client.get("/data/persons", params=params).json()
        _assert_no_secrets(body["data"] if isinstance(body, dict) else body)
    _assert_no_secrets(client.get(f"/data/persons/{secretive.id}").json())


def test_secrets_never_leave_the_server_on_writes(admin, secretive):
    created = admin.post(
        "/data/persons",
        json={"first_name": "New", "last_name": "One", "password": "a-new-password"},
    )
    assert created.status_code == 201
    _assert_no_secrets(created.json())
    updated = admin.put(f"/data/persons/{secretive.id}", json={"phone": "123"})
    assert updated.json()["phone"] == "123"
    _assert_no_secrets(updated.json())
    bot = admin.post("/data/persons", json={"first_name": "B", "last_name": "ot", "is_bot": True})
    _assert_no_secrets(bot.json())


# ---------------------------------------------------------------- writes


@pytest.mark.parametrize("role", NON_ADMIN_ROLES)
def test_only_admins_create_people(role, caller, db):
    client = caller(role)
    body = {"first_name": "Not", "last_name": "Allowed", "email": f"{role}-new@example.com"}
    assert_forbidden(client.post("/data/persons", json=body))
    assert events(db) == []


@pytest.mark.parametrize("role", NON_ADMIN_ROLES)
def test_non_admins_cannot_update_or_delete_others(role, caller, colleague, db):
    person, _ = colleague
    client = caller(role)
    assert_forbidden(client.put(f"/data/persons/{person.id}", json={"first_name": "Hacked"}))
    assert_forbidden(client.delete(f"/data/persons/{person.id}"))
    stored = reload(db, Person, person.id)
    assert stored.first_name == "Col"
    assert events(db) == []


def test_admins_update_and_delete_others(admin, colleague, db):
    person, _ = colleague
    person_id = sid(person)
    response = admin.put(f"/data/persons/{person_id}", json={"role": "supervisor"})
    assert response.json()["role"] == "supervisor"
    assert reload(db, Person, person_id).role == "supervisor"
    assert admin.delete(f"/data/persons/{person_id}").status_code == 204
    assert reload(db, Person, person_id) is None
    assert one_event(db, "person:update").data == {"person_id": person_id}
    assert events(db, "person:delete")[0].data == {"person_id": person_id}


@pytest.mark.parametrize("role", ROLES)
def test_everyone_updates_themselves(role, caller, db):
    client = caller(role)
    response = client.put(f"/data/persons/{client.person.id}", json={"phone": "+33 1 23"})
    assert response.status_code == 200
    assert response.json()["phone"] == "+33 1 23"
    assert response.json()["email"] == client.person.email
    assert reload(db, Person, client.person.id).phone == "+33 1 23"
    event = one_event(db, "person:update")
    assert event.data == {"person_id": sid(client.person)}
    assert event.user_id == client.person.id


@pytest.mark.parametrize("role", ROLES)
def test_nobody_deletes_themselves(role, caller, db):
    client = caller(role)
    assert_forbidden(client.delete(f"/data/persons/{client.person.id}"))
    assert reload(db, Person, client.person.id) is not None
