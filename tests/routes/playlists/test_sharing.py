"""Share links of a playlist, invitations, and notifying clients that a playlist is ready."""

from __future__ import annotations

import logging
import uuid

import pytest
from sqlalchemy import select

from reeltrack.models import Notification, PlaylistShareLink
from tests import factories
from tests.crud.support import assert_error, assert_forbidden, events, reload
from tests.routes.playlists.support import assert_bad_request, member


@pytest.fixture()
def setup(db):
    project = factories.make_project(db)
    playlist = factories.make_playlist(db, project=project)
    db.commit()
    return project, playlist


def test_share_link_lifecycle(as_role, db, setup):
    project, playlist = setup
    manager = member(as_role, db, project, "manager")
    url = f"/data/playlists/{playlist.id}/share"
    assert manager.get(url).json() == []
    response = manager.post(url, json={"expiration_date": "2030-01-10", "password": "secret"})
    assert response.status_code == 201, response.text
    link = response.json()
    assert link["type"] == "PlaylistShareLink"
    assert link["playlist_id"] == str(playlist.id)
    assert link["created_by"] == str(manager.person.id)
    assert link["expiration_date"] == "2030-01-10T23:59:59"
    assert link["has_password"] is True
    assert link["can_comment"] is True
    assert link["is_active"] is True
    assert "password" not in link
    stored = reload(db, PlaylistShareLink, uuid.UUID(link["id"]))
    assert stored.password and stored.password != "secret"
    plain = manager.post(url, json={"can_comment": False, "expiration_date": ""}).json()
    assert plain["has_password"] is False and plain["can_comment"] is False
    assert plain["expiration_date"] is None
    assert {x["id"] for x in manager.get(url).json()} == {link["id"], plain["id"]}
    revoked = manager.delete(f"{url}/{link['token']}")
    assert revoked.status_code == 200
    assert revoked.json()["is_active"] is False
    assert [x["id"] for x in manager.get(url).json()] == [plain["id"]]
    assert_error(manager.delete(f"{url}/nope"), 404)
    db.commit()
    other = factories.make_playlist(db, project=project)
    db.commit()
    assert_error(manager.delete(f"/data/playlists/{other.id}/share/{plain['token']}"), 404)
    assert_bad_request(manager.post(url, json={"expiration_date": "soon"}))
    assert_bad_request(manager.post(url, json={"can_comment": "maybe"}))
    assert_bad_request(manager.post(url, json=[1]))
    stamped = manager.post(url, json={"expiration_date": "2030-01-10T10:00:00+02:00"}).json()
    assert stamped["expiration_date"] == "2030-01-10T08:00:00"


def test_share_link_permissions(as_role, db, setup):
    project, playlist = setup
    url = f"/data/playlists/{playlist.id}/share"
    for role in ("supervisor", "user", "client", "vendor"):
        client = member(as_role, db, project, role)
        assert_forbidden(client.get(url))
        assert_forbidden(client.post(url, json={}))
        assert_forbidden(client.delete(f"{url}/token"))
        assert_forbidden(client.post(f"{url}/token/invite", json={}))
    outsider = as_role("manager")
    assert_forbidden(outsider.get(url))
    assert_forbidden(outsider.post(url, json={}))
    admin = as_role("admin")
    assert admin.get(url).status_code == 200
    assert_error(admin.get(f"/data/playlists/{uuid.uuid4()}/share"), 404)
    assert_error(admin.get("/data/playlists/nope/share"), 404)
    # The studio role is checked before the playlist is looked up.
    assert_forbidden(as_role("user").get(f"/data/playlists/{uuid.uuid4()}/share"))
    assert db.scalars(select(PlaylistShareLink)).all() == []


def test_invite(as_role, db, setup, caplog):
    project, playlist = setup
    manager = member(as_role, db, project, "manager")
    url = f"/data/playlists/{playlist.id}/share"
    link = manager.post(url, json={}).json()
    guest = factories.make_person(db, email="Guest@Example.com")
    no_mail = factories.make_person(db, email=None)
    db.commit()
    invite = f"{url}/{link['token']}/invite"
    with caplog.at_level(logging.INFO, logger="reeltrack.mail"):
        response = manager.post(
            invite,
            json={
                "emails": ["a@example.com", "A@example.com"],
                "person_ids": [str(guest.id), str(no_mail.id), str(uuid.uuid4())],
                "message": "Please look",
            },
        )
    assert response.status_code == 200, response.text
    assert response.json() == {"sent": ["a@example.com", "Guest@Example.com"]}
    text = caplog.text
    assert f"/playlists/shared/{link['token']}" in text
    assert "Please look" in text
    assert manager.post(invite, json={}).json() == {"sent": []}
    assert_bad_request(manager.post(invite, json={"emails": ["not-an-email"]}))
    assert_bad_request(manager.post(invite, json={"person_ids": ["x"]}))
    assert_bad_request(manager.post(invite, json={"emails": "a@example.com"}))
    assert_error(manager.post(f"{url}/nope/invite", json={}), 404)
    manager.delete(f"{url}/{link['token']}")
    assert_error(manager.post(invite, json={"emails": ["a@example.com"]}), 404)


def test_notify_clients(as_role, db, setup, caplog):
    project, playlist = setup
    manager = member(as_role, db, project, "manager")
    studio = factories.make_studio(db)
    department = factories.make_department(db)
    client = factories.make_person(db, role="client", notifications_enabled=True)
    client2 = factories.make_person(db, role="client", studio_id=studio.id)
    bot = factories.make_person(db, role="client", is_bot=True)
    outsider = factories.make_person(db, role="client")
    artist = factories.make_person(db, role="user")
    for person in (client, client2, bot, artist):
        factories.add_to_team(db, project, person)
    factories.add_to_department(db, client2, department)
    db.commit()
    url = f"/data/playlists/{playlist.id}/notify-clients"
    with caplog.at_level(logging.INFO, logger="reeltrack.mail"):
        response = manager.post(url)
    assert response.status_code == 200, response.text
    assert response.json() == {"status": "success"}
    rows = db.scalars(select(Notification)).all()
    assert {r.person_id for r in rows} == {client.id, client2.id}
    assert {(r.type, r.playlist_id, r.author_id) for r in rows} == {
        ("playlist-ready", playlist.id, manager.person.id)
    }
    assert len(events(db, "notification:new")) == 2
    assert client.email in caplog.text
    assert client2.email not in caplog.text
    assert outsider.id not in {r.person_id for r in rows}
    manager.post(url, json={"studio_id": str(studio.id)})
    manager.post(url, json={"department_id": str(department.id), "studio_id": ""})
    db.commit()
    counts = [r.person_id for r in db.scalars(select(Notification))]
    assert counts.count(client2.id) == 3 and counts.count(client.id) == 1
    assert manager.post(url, data="not json").status_code == 200
    assert_bad_request(manager.post(url, json={"studio_id": "x"}))


def test_notify_clients_permissions(as_role, db, setup):
    project, playlist = setup
    url = f"/data/playlists/{playlist.id}/notify-clients"
    members = {role: member(as_role, db, project, role) for role in ("supervisor", "user")}
    members.update({role: member(as_role, db, project, role) for role in ("client", "vendor")})
    for client in members.values():
        assert_forbidden(client.post(url))
    assert_forbidden(as_role("manager").post(url))
    assert db.scalars(select(Notification)).all() == []
    assert as_role("admin").post(url).status_code == 200
    db.commit()
    notified = [n.person_id for n in db.scalars(select(Notification))]
    assert notified == [members["client"].person.id]
    assert_error(as_role("admin").post(f"/data/playlists/{uuid.uuid4()}/notify-clients"), 404)
    assert_error(as_role("admin").post("/data/playlists/x/notify-clients"), 404)
