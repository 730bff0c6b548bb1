"""Person rules: bots and their tokens, email uniqueness, protected fields, deletion."""

from __future__ import annotations

import datetime as dt

import pytest
from fastapi.testclient import TestClient

from reeltrack.auth.passwords import verify_password
from reeltrack.models import Person
from reeltrack.models.person import department_link
from tests import factories
from tests.crud.support import assert_error, assert_forbidden, events, ids, one_event, reload, sid


def bearer(app, token: str) -> TestClient:
    client = TestClient(app)
    client.headers["Authorization"] = f"Bearer {token}"
    return client


# ---------------------------------------------------------------- bots


def test_creating_a_bot_returns_a_working_api_token(admin, app, db):
    response = admin.post(
        "/data/persons", json={"first_name": "Render", "last_name": "Bot", "is_bot": True}
    )
    assert response.status_code == 201
    body = response.json()
    assert body["is_bot"] is True
    token = body["access_token"]
    bot = bearer(app, token)
    listed = bot.get("/data/persons")
    assert listed.status_code == 200
    assert body["id"] in ids(listed.json())
    assert reload(db, Person, body["id"]).jti is not None
    assert one_event(db, "person:new").data == {"person_id": body["id"]}


def test_a_new_expiration_date_reissues_the_bot_token_and_revokes_the_old(admin, app, db):
    created = admin.post(
        "/data/persons", json={"first_name": "Old", "last_name": "Bot", "is_bot": True}
    ).json()
    future = (dt.date.today() + dt.timedelta(days=30)).isoformat()
    updated = admin.put(f"/data/persons/{created['id']}", json={"expiration_date": future})
    assert updated.status_code == 200
    assert updated.json()["expiration_date"] == future
    new_token = updated.json()["access_token"]
    assert new_token != created["access_token"]
    assert bearer(app, new_token).get("/data/persons").status_code == 200
    revoked = bearer(app, created["access_token"]).get("/data/persons")
    assert revoked.status_code == 401
    assert revoked.json() == {"msg": "Token has been revoked"}


def test_people_are_not_given_tokens(admin):
    body = admin.post("/data/persons", json={"first_name": "Hu", "last_name": "Man"}).json()
    assert "access_token" not in body


# ---------------------------------------------------------------- email


def test_an_email_is_unique_among_people_whatever_its_case(admin, db):
    factories.make_person(db, email="taken@example.com")
    db.commit()
    body = {"first_name": "A", "last_name": "B", "email": "Taken@Example.com"}
    assert_error(admin.post("/data/persons", json=body), 400, "Email already in use.")
    assert events(db) == []


def test_bots_may_share_an_email(admin, db):
    factories.make_person(db, email="shared@example.com")
    db.commit()
    body = {"first_name": "A", "last_name": "Bot", "email": "shared@example.com", "is_bot": True}
    assert admin.post("/data/persons", json=body).status_code == 201


def test_changing_ones_email_to_a_taken_one_is_refused(as_role, db):
    factories.make_person(db, email="other@example.com")
    user = as_role("user")
    own = user.person.email
    response = user.put(f"/data/persons/{user.person.id}", json={"email": "OTHER@example.com"})
    assert_error(response, 400, "Email already in use.")
    keep = user.put(f"/data/persons/{user.person.id}", json={"email": own.upper()})
    assert keep.status_code == 200
    assert reload(db, Person, user.person.id).email == own


def test_an_invalid_email_is_refused(admin):
    body = {"first_name": "A", "last_name": "B", "email": "not-an-email"}
    assert_error(admin.post("/data/persons", json=body), 400)


# ---------------------------------------------------------------- fields


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("role", "overlord", "Invalid role"),
        ("contract_type", "forever", "Invalid contract_type"),
        ("country", "FRA", "Invalid country code, expected an ISO 3166-1 alpha-2 code."),
        (
            "display_date_format",
            "YY/MM",
            "Invalid display_date_format, expected one of: YYYY-MM-DD, DD/MM/YYYY, MM/DD/YYYY.",
        ),
        ("expiration_date", "someday", "Expiration date is not valid."),
        ("expiration_date", "2001-01-01", "Expiration date can't be in the past."),
    ],
)
def test_person_fields_are_checked(field, value, message, admin, db):
    body = {"first_name": "A", "last_name": "B", field: value}
    assert_error(admin.post("/data/persons", json=body), 400, message)
    person = factories.make_person(db)
    db.commit()
    assert_error(admin.put(f"/data/persons/{person.id}", json={field: value}), 400, message)


def test_a_person_changing_their_own_role_is_silently_ignored(as_role, db):
    user = as_role("user")
    response = user.put(
        f"/data/persons/{user.person.id}",
        json={"role": "admin", "active": False, "is_bot": True, "first_name": "Renamed"},
    )
    assert response.status_code == 200
    body = response.json()
    assert (body["role"], body["first_name"], body["active"]) == ("user", "Renamed", True)
    stored = reload(db, Person, user.person.id)
    assert (stored.role, stored.first_name, stored.active, stored.is_bot) == (
        "user",
        "Renamed",
        True,
        False,
    )


def test_a_person_cannot_set_their_departments(as_role, db):
    department = factories.make_department(db)
    user = as_role("user")
    response = user.put(f"/data/persons/{user.person.id}", json={"departments": [sid(department)]})
    assert response.json()["departments"] == []


def test_admins_set_departments_and_filter_people_by_department(admin, db):
    department = factories.make_department(db)
    db.commit()
    created = admin.post(
        "/data/persons",
        json={"first_name": "D", "last_name": "Ep", "departments": [sid(department)]},
    ).json()
    assert created["departments"] == [sid(department)]
    listed = admin.get("/data/persons", params={"departments": sid(department)}).json()
    assert ids(listed) == {created["id"]}
    assert admin.get(f"/data/persons/{created['id']}").json()["departments"] == [sid(department)]


def test_passwords_and_two_factor_settings_are_not_changed_through_crud(admin, db):
    person = factories.make_person(db, password="original-password")
    db.commit()
    response = admin.put(
        f"/data/persons/{person.id}",
        json={"password": "replaced-password", "totp_enabled": True, "jti": "forged"},
    )
    assert response.status_code == 200
    stored = reload(db, Person, person.id)
    assert verify_password("original-password", stored.password)
    assert (stored.totp_enabled, stored.jti) == (False, None)


def test_a_created_password_is_stored_hashed(admin, db):
    body = {"first_name": "P", "last_name": "W", "password": "my-password-1"}
    created = admin.post("/data/persons", json=body).json()
    stored = reload(db, Person, created["id"])
    assert stored.password != b"my-password-1"
    assert verify_password("my-password-1", stored.password)


# ---------------------------------------------------------------- preview accounts


def test_preview_accounts_are_hidden_from_lists_and_locked(admin, db):
    project = factories.make_project(db)
    preview = factories.make_person(db, preview_project_id=project.id)
    db.commit()
    assert sid(preview) not in ids(admin.get("/data/persons").json())
    assert admin.get(f"/data/persons/{preview.id}").json()["id"] == sid(preview)
    assert_forbidden(admin.put(f"/data/persons/{preview.id}", json={"first_name": "X"}))


def test_preview_fields_cannot_be_set(admin, db):
    project = factories.make_project(db)
    db.commit()
    body = {"first_name": "A", "last_name": "B", "preview_project_id": sid(project)}
    created = admin.post("/data/persons", json=body).json()
    assert created["preview_project_id"] is None


# ---------------------------------------------------------------- delete


def test_deleting_oneself_is_forbidden_even_for_admins(admin, db):
    assert_forbidden(admin.delete(f"/data/persons/{admin.person.id}"))
    assert reload(db, Person, admin.person.id) is not None


def test_a_person_with_linked_data_needs_force(admin, db):
    person = factories.make_person(db)
    factories.make_project(db, team=[person])
    db.commit()
    person_id = sid(person)
    response = admin.delete(f"/data/persons/{person_id}")
    assert_error(response, 400, "Some data are still linked to given person.")
    assert reload(db, Person, person_id) is not None
    assert events(db) == []
    assert admin.delete(f"/data/persons/{person_id}", params={"force": "true"}).status_code == 204
    assert reload(db, Person, person_id) is None
    assert events(db, "person:delete")[0].data == {"person_id": person_id}


def test_department_links_do_not_block_deletion(admin, db):
    person, department = factories.make_person(db), factories.make_department(db)
    factories.add_to_department(db, person, department)
    db.commit()
    person_id = sid(person)
    assert admin.delete(f"/data/persons/{person_id}").status_code == 204
    db.commit()
    assert db.execute(department_link.select()).all() == []
