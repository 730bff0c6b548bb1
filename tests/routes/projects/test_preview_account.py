"""A production's preview account: /data/projects/<id>/preview-account (GET, POST, PUT, DELETE)."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from reeltrack.db.base import utcnow
from reeltrack.models import Person, project_person_link
from tests import factories
from tests.crud.support import assert_forbidden

PATH = "/data/projects/{}/preview-account"


@pytest.fixture()
def project(db):
    project = factories.make_project(db, name="Sintel")
    db.commit()
    return project


@pytest.fixture()
def manager(as_role, db, project):
    caller = as_role("manager")
    factories.add_to_team(db, project, caller.person)
    db.commit()
    return caller


def login(client, email, password):
    return client.post("/auth/login", json={"email": email, "password": password})


def bearer(client, token):
    return {"Authorization": f"Bearer {token}"}


def test_created_closed_then_opened_for_an_hour_and_logs_in_read_only(manager, client, project, db):
    created = manager.post(PATH.format(project.id))
    assert created.status_code == 201, created.text
    account = created.json()
    assert set(account) == {"id", "email", "full_name", "preview_open_until", "password"}
    assert account["email"].endswith("@preview.kitsu.invalid")
    assert account["full_name"] == "Preview Sintel"
    assert account["preview_open_until"] is None
    row = db.get(Person, uuid.UUID(account["id"]))
    assert (row.role, row.preview_project_id) == ("client", project.id)
    team = select(project_person_link.c.project_id).where(project_person_link.c.person_id == row.id)
    assert list(db.scalars(team)) == [project.id]

    closed = login(client, account["email"], account["password"])
    # As Zou: a closed window is an inactive account.
    assert closed.status_code == 401 and closed.json()["login"] is False

    opened = manager.put(PATH.format(project.id), json={"is_open": True})
    assert opened.status_code == 200, opened.text
    until = opened.json()["preview_open_until"]
    assert until is not None
    assert manager.get(PATH.format(project.id)).json()["preview_open_until"] == until

    logged = login(client, account["email"], account["password"])
    assert logged.status_code == 200, logged.text
    headers = bearer(client, logged.json()["access_token"])
    assert client.get(f"/data/projects/{project.id}", headers=headers).status_code == 200
    write = client.post("/data/projects", json={"name": "Other"}, headers=headers)
    assert_forbidden(write)

    closing = manager.put(PATH.format(project.id), json={"is_open": False})
    assert closing.json()["preview_open_until"] is None
    refused = client.get("/auth/authenticated", headers=headers)
    assert refused.status_code == 401


def test_a_token_from_before_the_window_opened_is_refused(manager, client, project, db):
    account = manager.post(PATH.format(project.id)).json()
    manager.put(PATH.format(project.id), json={"is_open": True})
    token = login(client, account["email"], account["password"]).json()["access_token"]
    assert client.get("/auth/authenticated", headers=bearer(client, token)).status_code == 200
    # The window reopened after the token was issued: the old session is over.
    row = db.get(Person, uuid.UUID(account["id"]))
    row.preview_opened_at = utcnow() + timedelta(seconds=5)
    row.preview_open_until = utcnow() + timedelta(hours=1)
    db.commit()
    assert client.get("/auth/authenticated", headers=bearer(client, token)).status_code == 401


def test_an_elapsed_window_refuses_login(manager, client, project, db):
    account = manager.post(PATH.format(project.id)).json()
    manager.put(PATH.format(project.id), json={"is_open": True})
    row = db.get(Person, uuid.UUID(account["id"]))
    row.preview_open_until = utcnow() - timedelta(seconds=1)
    db.commit()
    assert login(client, account["email"], account["password"]).status_code == 401


def test_posting_again_resets_the_password_and_closes_the_window(manager, client, project, db):
    first = manager.post(PATH.format(project.id)).json()
    manager.put(PATH.format(project.id), json={"is_open": True})
    second = manager.post(PATH.format(project.id))
    assert second.status_code == 201
    assert second.json()["id"] == first["id"]
    assert second.json()["password"] != first["password"]
    assert second.json()["preview_open_until"] is None
    count = select(func.count()).select_from(Person).where(Person.preview_project_id == project.id)
    assert db.scalar(count) == 1
    manager.put(PATH.format(project.id), json={"is_open": True})
    assert login(client, first["email"], first["password"]).status_code == 400
    assert login(client, first["email"], second.json()["password"]).status_code == 200


def test_reopening_an_open_window_only_extends_it(manager, project, db):
    account = manager.post(PATH.format(project.id)).json()
    manager.put(PATH.format(project.id), json={"is_open": True})
    row = db.get(Person, uuid.UUID(account["id"]))
    opened_at = utcnow() - timedelta(minutes=10)
    row.preview_opened_at = opened_at
    db.commit()
    manager.put(PATH.format(project.id), json={"is_open": True})
    db.expire_all()
    assert db.get(Person, uuid.UUID(account["id"])).preview_opened_at == opened_at


def test_delete_removes_the_account_and_its_team_link(manager, project, db):
    account = manager.post(PATH.format(project.id)).json()
    deleted = manager.delete(PATH.format(project.id))
    assert deleted.status_code == 204
    db.expire_all()
    assert db.get(Person, uuid.UUID(account["id"])) is None
    assert manager.get(PATH.format(project.id)).json() is None
    assert manager.delete(PATH.format(project.id)).status_code == 204


def test_without_an_account_get_is_null_and_opening_is_404(manager, project):
    assert manager.get(PATH.format(project.id)).json() is None
    response = manager.put(PATH.format(project.id), json={"is_open": True})
    assert response.status_code == 404
    assert response.json()["error"] is True


@pytest.mark.parametrize("body", [{}, {"is_open": "maybe"}, {"is_open": None}, []])
def test_a_bad_body_is_a_400_and_changes_nothing(manager, project, body):
    manager.post(PATH.format(project.id))
    response = manager.put(PATH.format(project.id), json=body)
    assert response.status_code == 400
    assert manager.get(PATH.format(project.id)).json()["preview_open_until"] is None


@pytest.mark.parametrize("role", ["supervisor", "user", "client", "vendor"])
def test_team_members_other_than_managers_are_refused(as_role, db, project, role):
    caller = as_role(role)
    factories.add_to_team(db, project, caller.person)
    db.commit()
    for method in ("get", "post", "delete"):
        assert_forbidden(getattr(caller, method)(PATH.format(project.id)))
    assert_forbidden(caller.put(PATH.format(project.id), json={"is_open": True}))


def test_a_manager_of_another_project_is_refused_and_an_admin_allowed(as_role, admin, project):
    outsider = as_role("manager")
    assert_forbidden(outsider.post(PATH.format(project.id)))
    assert admin.post(PATH.format(project.id)).status_code == 201


def test_malformed_and_unknown_project_ids(admin):
    assert admin.get(PATH.format("not-a-uuid")).status_code == 400
    assert admin.post(PATH.format("00000000-0000-0000-0000-000000000000")).status_code == 404


def test_a_forced_project_delete_removes_the_preview_account(admin, project, db):
    account = admin.post(PATH.format(project.id)).json()
    closed = factories.project_status(db, "Closed")
    project.project_status_id = closed.id
    db.commit()
    assert admin.delete(f"/data/projects/{project.id}?force=true").status_code == 204
    db.expire_all()
    assert db.get(Person, uuid.UUID(account["id"])) is None
