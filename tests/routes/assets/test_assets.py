"""The `assets` blueprint: lists, one asset, creation, deletion, sharing, asset types."""

from __future__ import annotations

from typing import Any

import pytest

from tests import factories as f
from tests.routes.assets.production import add_asset, production, team_member

UNKNOWN = "00000000-0000-0000-0000-000000000001"


def test_get_asset_is_full_detail_with_tasks(as_role, db) -> None:
    prod = production(db, nb_assets=1)
    artist = team_member(as_role, db, "user", prod)
    asset = prod.assets[0]

    response = artist.get(f"/data/assets/{asset.id}")

    assert response.status_code == 200
    data = response.json()
    assert data["id"] == str(asset.id)
    assert data["type"] == "Asset"
    assert data["project_name"] == prod.project.name
    assert data["asset_type_name"] == prod.asset_type.name
    assert data["asset_type_id"] == str(prod.asset_type.id)
    assert "source_id" not in data and "nb_frames" not in data
    assert [task["id"] for task in data["tasks"]] == [str(prod.tasks[0].id)]
    assert data["entities_out"] == []


@pytest.mark.parametrize("kind", ["shot", "task", "unknown", "malformed"])
def test_get_asset_refuses_other_ids(admin, db, kind) -> None:
    prod = production(db, nb_assets=1)
    shot = f.make_entity(db, prod.project, type_name="Shot")
    db.commit()
    ident = {"shot": shot.id, "task": prod.tasks[0].id, "unknown": UNKNOWN, "malformed": "x1"}
    response = admin.get(f"/data/assets/{ident[kind]}")
    assert response.status_code == (400 if kind == "malformed" else 404)


def test_asset_reads_are_refused_outside_the_team_and_to_unassigned_vendors(as_role, db) -> None:
    prod = production(db, nb_assets=1)
    asset = prod.assets[0]
    outsider = as_role("user")
    vendor = team_member(as_role, db, "vendor", prod)
    for suffix in ("", "/tasks", "/task-types", "/assets"):
        assert outsider.get(f"/data/assets/{asset.id}{suffix}").status_code == 403
        assert vendor.get(f"/data/assets/{asset.id}{suffix}").status_code == 403


def test_asset_tasks_task_types_and_casting(as_role, db) -> None:
    prod = production(db, nb_assets=2)
    artist = team_member(as_role, db, "user", prod)
    asset, other = prod.assets
    f.make_entity_link(db, entity_in_id=asset.id, entity_out_id=other.id)
    db.commit()

    tasks = artist.get(f"/data/assets/{asset.id}/tasks").json()
    assert [task["id"] for task in tasks] == [str(prod.tasks[0].id)]
    assert tasks[0]["task_type_name"] == prod.task_type.name
    types = artist.get(f"/data/assets/{asset.id}/task-types").json()
    assert [row["id"] for row in types] == [str(prod.task_type.id)]
    cast = artist.get(f"/data/assets/{asset.id}/assets").json()
    assert [(row["id"], row["type"]) for row in cast] == [(str(other.id), "Asset")]


def test_lists_of_assets(as_role, db) -> None:
    prod = production(db, nb_assets=2)
    other_type = f.make_entity_type(db)
    odd = f.make_entity(db, prod.project, entity_type_id=other_type.id, name="odd")
    f.make_entity(db, prod.project, type_name="Shot")
    foreign = production(db, nb_assets=1)
    artist = team_member(as_role, db, "user", prod)
    project = prod.project.id

    everything = {row["id"] for row in artist.get("/data/assets").json()}
    assert everything == {str(a.id) for a in prod.assets} | {str(odd.id)}
    assert {row["id"] for row in artist.get("/data/assets/all").json()} == everything
    listed = artist.get(f"/data/projects/{project}/assets").json()
    assert {row["id"] for row in listed} == everything
    assert all(row["type"] == "Asset" for row in listed)
    typed = artist.get(f"/data/projects/{project}/asset-types/{other_type.id}/assets").json()
    assert [row["id"] for row in typed] == [str(odd.id)]
    named = artist.get("/data/assets", params={"name": "odd"}).json()
    assert [row["id"] for row in named] == [str(odd.id)]
    assert artist.get(f"/data/projects/{foreign.project.id}/assets").status_code == 403
    assert (
        artist.get("/data/assets", params={"project_id": str(foreign.project.id)}).status_code
        == 403
    )
    assert artist.get("/data/projects/nope/assets").status_code == 400


def test_vendor_lists_only_assets_with_their_tasks(as_role, db) -> None:
    prod = production(db, nb_assets=2)
    vendor = team_member(as_role, db, "vendor", prod)
    mine = add_asset(db, prod, assignees=[vendor.person])
    db.commit()
    listed = vendor.get(f"/data/projects/{prod.project.id}/assets").json()
    assert [row["id"] for row in listed] == [str(mine.id)]


def test_asset_types(as_role, db) -> None:
    prod = production(db, nb_assets=1)
    unused = f.make_entity_type(db)
    f.make_entity(db, prod.project, type_name="Shot")
    artist = team_member(as_role, db, "user", prod)

    all_types = {row["id"] for row in artist.get("/data/asset-types").json()}
    assert {str(prod.asset_type.id), str(unused.id)} <= all_types
    assert "Shot" not in {row["name"] for row in artist.get("/data/asset-types").json()}
    one = artist.get(f"/data/asset-types/{prod.asset_type.id}").json()
    assert one["type"] == "AssetType" and one["task_types"] == []
    used = artist.get(f"/data/projects/{prod.project.id}/asset-types").json()
    assert [row["id"] for row in used] == [str(prod.asset_type.id)]
    shot_type = f.entity_type_named(db, "Shot")
    db.commit()
    assert artist.get(f"/data/asset-types/{shot_type.id}").status_code == 404
    assert artist.get("/data/asset-types/bad").status_code == 400


def _new(client: Any, prod: Any, **body: Any) -> Any:
    url = f"/data/projects/{prod.project.id}/asset-types/{prod.asset_type.id}/assets/new"
    return client.post(url, json=body)


def test_manager_creates_an_asset(as_role, db, runtime) -> None:
    prod = production(db, nb_assets=0)
    episode = f.make_entity(db, prod.project, type_name="Episode")
    manager = team_member(as_role, db, "manager", prod)

    response = _new(manager, prod, name="tree", data={"a": 1}, episode_id=str(episode.id))

    assert response.status_code == 201
    data = response.json()
    assert data["type"] == "Asset"
    assert data["name"] == "tree"
    assert data["source_id"] == str(episode.id)
    assert data["created_by"] == str(manager.person.id)


def test_asset_creation_is_checked(as_role, db) -> None:
    prod = production(db, nb_assets=0)
    manager = team_member(as_role, db, "manager", prod)
    artist = team_member(as_role, db, "user", prod)
    foreign_episode = f.make_entity(db, type_name="Episode")
    db.commit()
    assert _new(artist, prod, name="x").status_code == 403
    assert _new(manager, prod, name="").status_code == 400
    assert _new(manager, prod, name="x", episode_id="bad").status_code == 400
    assert _new(manager, prod, name="x", episode_id=str(foreign_episode.id)).status_code == 400
    url = f"/data/projects/{prod.project.id}/asset-types/{UNKNOWN}/assets/new"
    assert manager.post(url, json={"name": "x"}).status_code == 404


def test_delete_without_force_cancels_an_asset_with_tasks(as_role, db) -> None:
    prod = production(db, nb_assets=1)
    manager = team_member(as_role, db, "manager", prod)
    asset = prod.assets[0]

    assert manager.delete(f"/data/assets/{asset.id}").status_code == 204
    assert manager.get(f"/data/assets/{asset.id}").json()["canceled"] is True

    assert manager.delete(f"/data/assets/{asset.id}?force=true").status_code == 204
    assert manager.get(f"/data/assets/{asset.id}").status_code == 404
    assert manager.get(f"/data/tasks/{prod.tasks[0].id}").status_code == 404


def test_delete_asset_without_tasks_removes_it_and_checks_rights(as_role, db) -> None:
    prod = production(db, nb_assets=0)
    bare = f.make_entity(db, prod.project, entity_type_id=prod.asset_type.id)
    artist = team_member(as_role, db, "user", prod)
    own = f.make_entity(
        db, prod.project, entity_type_id=prod.asset_type.id, created_by=artist.person.id
    )
    db.commit()
    assert artist.delete(f"/data/assets/{bare.id}").status_code == 403
    assert artist.delete(f"/data/assets/{own.id}").status_code == 204
    manager = team_member(as_role, db, "manager", prod)
    assert manager.delete(f"/data/assets/{bare.id}").status_code == 204
    assert manager.get(f"/data/assets/{bare.id}").status_code == 404
    shot = f.make_entity(db, prod.project, type_name="Shot")
    db.commit()
    assert manager.delete(f"/data/assets/{shot.id}").status_code == 404


def test_share_routes(as_role, db) -> None:
    prod = production(db, nb_assets=2)
    manager = team_member(as_role, db, "manager", prod)
    artist = team_member(as_role, db, "user", prod)
    first = prod.assets[0]
    project = prod.project.id

    shared = manager.post("/actions/assets/share", json={"asset_ids": [str(first.id)]})
    assert shared.status_code == 200
    assert [(row["id"], row["is_shared"]) for row in shared.json()] == [(str(first.id), True)]
    unshared = manager.post(f"/actions/projects/{project}/assets/share", json={"is_shared": False})
    assert {row["is_shared"] for row in unshared.json()} == {False}
    assert len(unshared.json()) == 2
    url = f"/actions/projects/{project}/asset-types/{prod.asset_type.id}/assets/share"
    assert len(manager.post(url, json={}).json()) == 2
    assert artist.post(url, json={}).status_code == 403
    assert (
        artist.post("/actions/assets/share", json={"asset_ids": [str(first.id)]}).status_code == 403
    )
    bad = manager.post("/actions/assets/share", json={"asset_ids": ["bad"]})
    assert bad.status_code == 400
    task_id = str(prod.tasks[0].id)
    assert manager.post("/actions/assets/share", json={"asset_ids": [task_id]}).status_code == 404


def test_shared_assets_used_in_a_project(as_role, db) -> None:
    library = production(db, nb_assets=2)
    prod = production(db, nb_assets=0)
    episode = f.make_entity(db, prod.project, type_name="Episode")
    sequence = f.make_entity(db, prod.project, type_name="Sequence", parent_id=episode.id)
    shot = f.make_entity(db, prod.project, type_name="Shot", parent_id=sequence.id)
    used, unshared = library.assets
    used.is_shared = True
    for asset in (used, unshared):
        f.make_entity_link(db, entity_in_id=shot.id, entity_out_id=asset.id)
    artist = team_member(as_role, db, "user", prod)
    project = prod.project.id

    rows = artist.get(f"/data/projects/{project}/assets/shared-used").json()
    assert [row["id"] for row in rows] == [str(used.id)]
    by_episode = artist.get(f"/data/projects/{project}/episodes/{episode.id}/assets/shared-used")
    assert [row["id"] for row in by_episode.json()] == [str(used.id)]
    other = f"/data/projects/{project}/episodes/{sequence.id}/assets/shared-used"
    assert artist.get(other).json() == []
    outsider = as_role("user")
    assert outsider.get(f"/data/projects/{project}/assets/shared-used").status_code == 403
