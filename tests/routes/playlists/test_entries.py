"""Adding entities to a playlist, and temporary playlists built from tasks or entities."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest

from reeltrack.models import Playlist
from tests import factories
from tests.crud.support import assert_error, assert_forbidden, events, reload
from tests.routes.playlists.support import assert_bad_request, member, production


@pytest.fixture()
def prod(db):
    return production(db)


def _playlist(db, project, **fields):
    row = factories.make_playlist(db, project=project, **fields)
    db.commit()
    return row


def test_add_entity_resolves_latest_preview_and_emits(admin, db, prod):
    playlist = _playlist(db, prod["project"])
    url = f"/actions/playlists/{playlist.id}/add-entity"
    response = admin.post(url, json={"entity_id": str(prod["shot"].id)})
    assert response.status_code == 200, response.text
    data = response.json()
    assert data["type"] == "Playlist"
    assert data["shots"] == [
        {"entity_id": str(prod["shot"].id), "preview_file_id": str(prod["v2b"].id)}
    ] or data["shots"] == [
        {"entity_id": str(prod["shot"].id), "preview_file_id": str(prod["v2"].id)}
    ]
    added = events(db, "playlist:add_entity")
    assert len(added) == 1
    assert added[0].data["playlist_id"] == str(playlist.id)
    assert added[0].data["entity_id"] == str(prod["shot"].id)
    # The same couple again adds nothing and emits nothing.
    again = admin.post(url, json={"entity_id": str(prod["shot"].id)}).json()
    assert again["shots"] == data["shots"]
    assert len(events(db, "playlist:add_entity")) == 1
    # Another preview of the same entity is another entry.
    other = admin.post(
        url, json={"entity_id": str(prod["shot"].id), "preview_file_id": str(prod["v1"].id)}
    ).json()
    assert other["shots"][-1] == {
        "entity_id": str(prod["shot"].id),
        "preview_file_id": str(prod["v1"].id),
    }
    assert len(reload(db, Playlist, playlist.id).shots) == 2


def test_add_entity_task_type_and_foreign_preview(admin, db, prod):
    playlist = _playlist(db, prod["project"], task_type_id=prod["layout"].id)
    url = f"/actions/playlists/{playlist.id}/add-entity"
    data = admin.post(url, json={"entity_id": str(prod["shot"].id), "preview_file_id": ""}).json()
    assert data["shots"] == [
        {"entity_id": str(prod["shot"].id), "preview_file_id": str(prod["lay1"].id)}
    ]
    # A preview of another entity is replaced by the entity's latest (of the task type).
    data = admin.post(
        url, json={"entity_id": str(prod["shot2"].id), "preview_file_id": str(prod["v1"].id)}
    ).json()
    assert data["shots"][-1] == {"entity_id": str(prod["shot2"].id)}


def test_add_entities(admin, db, prod):
    playlist = _playlist(db, prod["project"])
    url = f"/actions/playlists/{playlist.id}/add-entities"
    body = {
        "entities": [
            {"entity_id": str(prod["shot"].id), "preview_file_id": str(prod["v1"].id)},
            {"entity_id": str(prod["shot2"].id)},
            {"entity_id": str(prod["shot"].id), "preview_file_id": str(prod["v1"].id)},
        ]
    }
    data = admin.post(url, json=body).json()
    assert data["shots"] == [
        {"entity_id": str(prod["shot"].id), "preview_file_id": str(prod["v1"].id)},
        {"entity_id": str(prod["shot2"].id), "preview_file_id": str(prod["other"].id)},
    ]
    assert len(events(db, "playlist:add_entity")) == 2
    for bad in ({}, {"entities": []}, {"entities": [{}]}, {"entities": "x"}, [1]):
        assert_bad_request(admin.post(url, json=bad))
    assert_bad_request(admin.post(url, json={"entities": [{"entity_id": "nope"}]}))
    assert len(reload(db, Playlist, playlist.id).shots) == 2


def test_add_entity_permissions(as_role, db, prod):
    project = prod["project"]
    body = {"entity_id": str(prod["shot"].id)}
    manager = member(as_role, db, project, "manager")
    supervisor = member(as_role, db, project, "supervisor")
    own = _playlist(db, project, created_by=supervisor.person.id)
    theirs = _playlist(db, project, created_by=manager.person.id)
    nobody = _playlist(db, project)
    url = "/actions/playlists/{}/add-entity"
    assert manager.post(url.format(theirs.id), json=body).status_code == 200
    assert supervisor.post(url.format(own.id), json=body).status_code == 200
    assert supervisor.post(url.format(nobody.id), json=body).status_code == 200
    assert_forbidden(supervisor.post(url.format(theirs.id), json=body))
    for role in ("user", "client", "vendor"):
        assert_forbidden(member(as_role, db, project, role).post(url.format(nobody.id), json=body))
    assert_forbidden(as_role("manager").post(url.format(nobody.id), json=body))
    assert_forbidden(as_role("supervisor").post(url.format(nobody.id), json=body))
    assert_error(manager.post(url.format(uuid.uuid4()), json=body), 404)
    assert_error(manager.post(url.format("nope"), json=body), 404)
    for bad in (None, {}, {"entity_id": "x"}, {"entity_id": 3}, ["x"]):
        assert_bad_request(manager.post(url.format(nobody.id), json=bad))


def test_temp_playlist_from_tasks(admin, db, prod):
    url = f"/data/projects/{prod['project'].id}/playlists/temp"
    assert admin.post(url, json={}).json() == []
    response = admin.post(url, json={"task_ids": [str(prod["task2"].id), str(prod["task"].id)]})
    assert response.status_code == 200, response.text
    second, first = response.json()
    assert second["id"] == str(prod["shot2"].id)
    assert first["id"] == str(prod["shot"].id)
    assert first["name"] == "SH01"
    assert first["parent_name"] == "SQ01"
    assert first["sequence_id"] == str(prod["sequence"].id)
    assert first["sequence_name"] == "SQ01"
    assert first["episode_id"] == "" and first["asset_type_name"] == ""
    assert first["preview_file_task_id"] == str(prod["task"].id)
    assert first["preview_file_id"] == str(prod["v2"].id)
    assert first["preview_file_status"] == "ready"
    assert first["preview_file_annotations"] == []
    assert [p["id"] for p in first["preview_file_previews"]] == [str(prod["v2b"].id)]
    assert list(first["preview_files"]) == [str(prod["anim"].id), str(prod["layout"].id)]
    ordered = admin.post(
        url + "?sort=true", json={"task_ids": [str(prod["task2"].id), str(prod["task"].id)]}
    ).json()
    assert [e["id"] for e in ordered] == [str(prod["shot"].id), str(prod["shot2"].id)]


def test_temp_playlist_from_entities_and_assets(admin, db, prod):
    project = prod["project"]
    url = f"/data/projects/{project.id}/playlists/temp"
    prod["task"].last_comment_date = dt.datetime(2024, 1, 1)
    prod["layout_task"].last_preview_file_id = prod["lay1"].id
    prod["layout_task"].last_comment_date = dt.datetime(2024, 2, 1)
    asset = factories.make_entity(db, project=project, name="Chair")
    asset_task = factories.make_task(db, entity=asset)
    db.commit()
    data = admin.post(
        url,
        json={"entity_ids": [str(prod["shot"].id), str(uuid.uuid4())]},
    ).json()
    assert [e["preview_file_task_id"] for e in data] == [str(prod["layout_task"].id)]
    assert data[0]["preview_file_id"] == str(prod["lay1"].id)
    entry = admin.post(url, json={"task_ids": [str(asset_task.id)]}).json()[0]
    assert entry["asset_type_id"] == str(asset.entity_type_id)
    assert entry["parent_name"] == entry["asset_type_name"]
    assert entry["preview_files"] == {}
    assert "preview_file_id" not in entry


def test_temp_playlist_permissions_and_bad_input(admin, as_role, db, prod):
    project = prod["project"]
    url = f"/data/projects/{project.id}/playlists/temp"
    body = {"task_ids": [str(prod["task"].id)]}
    for role in ("manager", "supervisor", "user", "client"):
        assert member(as_role, db, project, role).post(url, json=body).status_code == 200
        assert_forbidden(as_role(role).post(url, json=body))
    vendor = member(as_role, db, project, "vendor")
    assert vendor.post(url, json={}).json() == []
    assert_forbidden(vendor.post(url, json=body))
    assert_error(admin.post(url, json={"task_ids": [str(uuid.uuid4())]}), 404)
    for bad in ({"task_ids": ["x"]}, {"task_ids": "x"}, {"entity_ids": [1]}, [1]):
        assert_bad_request(admin.post(url, json=bad))
    assert_bad_request(admin.post("/data/projects/nope/playlists/temp", json=body))
