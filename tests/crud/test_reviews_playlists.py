"""Playlists: per-project-role lists and reads, supervisor creation, manager/creator edits."""

from __future__ import annotations

import uuid

import pytest

from reeltrack.models import (
    BuildJob,
    Notification,
    Playlist,
    PlaylistShareLink,
    project_person_link,
)
from tests import factories
from tests.crud.support import assert_error, assert_forbidden, ids, one_event, reload, sid

FOR_ENTITY = "for_entity must be one of shot, asset, sequence, edit, episode"


def join(db, project, person, role=None):
    db.execute(
        project_person_link.insert().values(project_id=project.id, person_id=person.id, role=role)
    )


@pytest.fixture()
def world(db):
    """Two projects with an internal and a client playlist each."""
    projects = [factories.make_project(db), factories.make_project(db, closed=True)]
    playlists = {}
    for index, project in enumerate(projects):
        playlists[index, "internal"] = factories.make_playlist(db, project)
        playlists[index, "client"] = factories.make_playlist(db, project, for_client=True)
    db.commit()
    return {"projects": projects, "playlists": playlists}


def member(as_role, db, project, role, team_role=None):
    caller = as_role(role)
    join(db, project, caller.person, team_role)
    db.commit()
    return caller


def test_lists_follow_the_role_held_on_each_project(world, as_role, db):
    first, second = world["projects"]
    pls = world["playlists"]
    artist = member(as_role, db, first, "user")
    assert ids(artist.get("/data/playlists").json()) == {
        sid(pls[0, "internal"]),
        sid(pls[0, "client"]),
    }
    # Client on the closed project, vendor on the open one: both scoped by that role.
    join(db, second, artist.person, "client")
    db.execute(
        project_person_link.update()
        .where(project_person_link.c.person_id == artist.person.id)
        .where(project_person_link.c.project_id == first.id)
        .values(role="vendor")
    )
    db.commit()
    assert ids(artist.get("/data/playlists").json()) == {sid(pls[1, "client"])}
    client = member(as_role, db, first, "client")
    assert ids(client.get("/data/playlists").json()) == {sid(pls[0, "client"])}
    assert_forbidden(member(as_role, db, first, "vendor").get("/data/playlists"))
    assert ids(as_role("manager").get("/data/playlists").json()) == set()
    assert ids(as_role("admin").get("/data/playlists").json()) == {sid(p) for p in pls.values()}


def test_reading_one_blocks_vendors_and_internal_playlists_for_clients(world, as_role, db):
    project = world["projects"][0]
    internal = f"/data/playlists/{world['playlists'][0, 'internal'].id}"
    shared = f"/data/playlists/{world['playlists'][0, 'client'].id}"
    assert member(as_role, db, project, "user").get(internal).status_code == 200
    client = member(as_role, db, project, "client")
    assert_forbidden(client.get(internal))
    assert client.get(shared).json()["build_jobs"] == []
    assert_forbidden(member(as_role, db, project, "user", "vendor").get(shared))
    assert_forbidden(as_role("supervisor").get(shared))


def test_supervisors_and_managers_of_the_project_create(world, as_role, db):
    project = world["projects"][0]
    body = {"project_id": sid(project), "name": "Review", "created_by": str(uuid.uuid4())}
    assert_forbidden(member(as_role, db, project, "user").post("/data/playlists", json=body))
    assert_forbidden(as_role("supervisor").post("/data/playlists", json=body))
    supervisor = member(as_role, db, project, "user", "supervisor")
    response = supervisor.post("/data/playlists", json=body)
    assert response.status_code == 201, response.text
    created = response.json()
    assert created["created_by"] == sid(supervisor.person)
    assert (created["for_entity"], created["for_client"], created["build_jobs"]) == (
        "shot",
        False,
        [],
    )
    assert one_event(db, "playlist:new").data == {
        "playlist_id": created["id"],
        "project_id": sid(project),
    }


def test_creation_cleans_its_input(world, admin, db):
    project = world["projects"][0]
    shot = factories.make_entity(db, project, type_name="Shot")
    other = factories.make_entity(db, project, type_name="Shot")
    own = factories.make_preview_file(db, task=factories.make_task(db, entity=shot))
    db.commit()
    body = {
        "project_id": sid(project),
        "name": "Cleaned",
        "episode_id": "all",
        "task_type_id": "not-an-id",
        "shots": [
            {"entity_id": sid(shot), "preview_file_id": sid(own).upper()},
            {"entity_id": sid(other), "preview_file_id": sid(own)},
        ],
    }
    created = admin.post("/data/playlists", json=body).json()
    assert (created["episode_id"], created["task_type_id"]) == (None, None)
    assert created["shots"] == [
        {"entity_id": sid(shot), "preview_file_id": sid(own)},
        {"entity_id": sid(other), "preview_file_id": None},
    ]
    assert_error(
        admin.post("/data/playlists", json={**body, "for_entity": "shots"}), 400, FOR_ENTITY
    )
    assert_error(admin.post("/data/playlists", json={"name": "No project"}), 400, "'project_id'")
    episode = sid(factories.make_entity(db, project, type_name="Episode"))
    db.commit()
    unique = {"project_id": sid(project), "name": "Ep", "episode_id": episode}
    assert admin.post("/data/playlists", json=unique).status_code == 201
    duplicate = admin.post("/data/playlists", json=unique)
    assert_error(duplicate, 400, "A record with the same unique values already exists.")


def test_managers_or_the_supervisor_who_made_it_edit_and_delete(world, as_role, db):
    project = world["projects"][0]
    supervisor = member(as_role, db, project, "supervisor")
    other_supervisor = member(as_role, db, project, "supervisor")
    mine = factories.make_playlist(db, project, created_by=supervisor.person.id)
    orphan = world["playlists"][0, "internal"]
    db.commit()
    assert supervisor.put(f"/data/playlists/{mine.id}", json={"name": "Mine"}).status_code == 200
    assert_forbidden(other_supervisor.put(f"/data/playlists/{mine.id}", json={"name": "Theirs"}))
    assert (
        other_supervisor.put(f"/data/playlists/{orphan.id}", json={"name": "x"}).status_code == 200
    )
    assert_forbidden(member(as_role, db, project, "user").delete(f"/data/playlists/{mine.id}"))
    assert_forbidden(as_role("manager").delete(f"/data/playlists/{mine.id}"))
    manager = member(as_role, db, project, "user", "manager")
    assert manager.put(f"/data/playlists/{mine.id}", json={"for_client": True}).status_code == 200
    assert reload(db, Playlist, mine.id).name == "Mine"


def test_updates_normalise_shots_and_check_for_entity(world, admin, db):
    playlist = world["playlists"][0, "internal"]
    url = f"/data/playlists/{playlist.id}"
    shots = [
        {"id": str(uuid.uuid4()), "preview_file_id": str(uuid.uuid4()), "extra": 1},
        {"x": 1},
        3,
    ]
    body = admin.put(url, json={"shots": shots}).json()
    assert body["shots"] == [{"entity_id": shots[0]["id"], "preview_file_id": None}]
    assert_error(admin.put(url, json={"for_entity": "movie"}), 400, FOR_ENTITY)
    assert_error(admin.put(url, json={"shots": None}), 400)
    assert admin.put(url, json={"for_entity": "asset"}).json()["for_entity"] == "asset"


def test_delete_removes_notifications_build_jobs_and_share_links(world, admin, db):
    playlist = world["playlists"][0, "internal"]
    job = BuildJob(playlist_id=playlist.id)
    link = PlaylistShareLink(
        playlist_id=playlist.id, token=uuid.uuid4().hex, created_by=factories.make_person(db).id
    )
    note = factories.make_notification(db, playlist_id=playlist.id, type="playlist-ready")
    db.add_all([job, link])
    db.commit()
    assert admin.delete(f"/data/playlists/{playlist.id}").status_code == 204
    for model, row in ((BuildJob, job), (PlaylistShareLink, link), (Notification, note)):
        assert reload(db, model, row.id) is None
    project = sid(world["projects"][0])
    assert one_event(db, "build-job:delete").data == {
        "build_job_id": sid(job),
        "playlist_id": sid(playlist),
        "project_id": project,
    }
    assert one_event(db, "playlist:delete").data == {
        "playlist_id": sid(playlist),
        "project_id": project,
    }
