"""Entities, tasks and task types reached through the caller's assignments."""

from __future__ import annotations

import uuid
from typing import Any

import pytest

from tests import factories as f
from tests.crud.support import assert_error


def _world(db: Any, me: Any) -> dict[str, Any]:
    project = f.make_project(db, team=[me])
    episode = f.make_entity(db, project, type_name="Episode")
    sequence = f.make_entity(db, project, type_name="Sequence", parent_id=episode.id)
    shot = f.make_entity(db, project, type_name="Shot", parent_id=sequence.id)
    scene = f.make_entity(db, project, type_name="Scene", parent_id=sequence.id)
    other_shot = f.make_entity(db, project, type_name="Shot", parent_id=sequence.id)
    asset = f.make_entity(db, project)
    other_asset = f.make_entity(db, project, entity_type_id=asset.entity_type_id)
    someone = f.make_person(db)
    mine = {
        "shot_task": f.make_task(db, shot, assignees=[me]),
        "shot_task_2": f.make_task(db, shot, assignees=[me], name="second"),
        "scene_task": f.make_task(db, scene, assignees=[me]),
        "asset_task": f.make_task(db, asset, assignees=[me]),
        "sequence_task": f.make_task(db, sequence, assignees=[me]),
    }
    f.make_task(db, shot, assignees=[someone])
    f.make_task(db, other_shot, assignees=[someone])
    f.make_task(db, other_asset, assignees=[someone])
    db.commit()
    return dict(
        project=project,
        episode=episode,
        sequence=sequence,
        shot=shot,
        scene=scene,
        asset=asset,
        **mine,
    )


def _ids(response: Any) -> list[str]:
    assert response.status_code == 200, response.text
    return sorted(row["id"] for row in response.json())


def test_tasks_and_task_types_of_an_entity_are_the_callers(as_role, db) -> None:
    artist = as_role("user")
    w = _world(db, artist.person)
    for plural, entity, keys in (
        ("shots", w["shot"], ["shot_task", "shot_task_2"]),
        ("assets", w["asset"], ["asset_task"]),
        ("scenes", w["scene"], ["scene_task"]),
        ("sequences", w["sequence"], ["sequence_task"]),
    ):
        rows = artist.get(f"/data/user/{plural}/{entity.id}/tasks")
        assert _ids(rows) == sorted(str(w[key].id) for key in keys)
        assert all(row["type"] == "Task" for row in rows.json())
        types = artist.get(f"/data/user/{plural}/{entity.id}/task-types")
        assert _ids(types) == sorted({str(w[key].task_type_id) for key in keys})


def test_entity_kind_is_checked(as_role, db) -> None:
    artist = as_role("user")
    w = _world(db, artist.person)
    assert_error(artist.get(f"/data/user/shots/{w['asset'].id}/tasks"), 404)
    assert_error(artist.get(f"/data/user/assets/{w['shot'].id}/task-types"), 404)
    assert_error(artist.get(f"/data/user/sequences/{w['shot'].id}/shots"), 404)
    assert_error(artist.get(f"/data/user/scenes/{uuid.uuid4()}/tasks"), 404)
    assert_error(artist.get("/data/user/shots/nope/tasks"), 400, "Malformed ID.")


def test_project_listings(as_role, db) -> None:
    artist = as_role("user")
    w = _world(db, artist.person)
    base = f"/data/user/projects/{w['project'].id}"

    sequences = artist.get(f"{base}/sequences")
    assert _ids(sequences) == [str(w["sequence"].id)]
    assert sequences.json()[0]["type"] == "Sequence"
    episodes = artist.get(f"{base}/episodes")
    assert _ids(episodes) == [str(w["episode"].id)]
    assert episodes.json()[0]["type"] == "Episode"
    asset_types = artist.get(f"{base}/asset-types")
    assert _ids(asset_types) == [str(w["asset"].entity_type_id)]
    assert asset_types.json()[0]["type"] == "AssetType"
    assets = artist.get(f"{base}/asset-types/{w['asset'].entity_type_id}/assets")
    assert _ids(assets) == [str(w["asset"].id)]
    assert assets.json()[0]["type"] == "Asset"


def test_sequence_children(as_role, db) -> None:
    artist = as_role("user")
    w = _world(db, artist.person)
    shots = artist.get(f"/data/user/sequences/{w['sequence'].id}/shots")
    assert _ids(shots) == [str(w["shot"].id)]
    assert shots.json()[0]["type"] == "Shot"
    scenes = artist.get(f"/data/user/sequences/{w['sequence'].id}/scenes")
    assert _ids(scenes) == [str(w["scene"].id)]


@pytest.mark.parametrize("role", ["supervisor", "vendor", "client", "manager"])
def test_others_see_nothing_of_tasks_not_assigned_to_them(as_role, db, role) -> None:
    artist = as_role("user")
    w = _world(db, artist.person)
    caller = as_role(role)
    from tests.factories import add_to_team

    add_to_team(db, w["project"], caller.person)
    db.commit()
    assert caller.get(f"/data/user/shots/{w['shot'].id}/tasks").json() == []
    assert caller.get(f"/data/user/projects/{w['project'].id}/sequences").json() == []
    assert caller.get(f"/data/user/sequences/{w['sequence'].id}/shots").json() == []


def test_closed_projects_are_left_out(as_role, db) -> None:
    artist = as_role("user")
    project = f.make_project(db, team=[artist.person], closed=True)
    shot = f.make_entity(db, project, type_name="Shot")
    f.make_task(db, shot, assignees=[artist.person])
    db.commit()
    response = artist.get(f"/data/user/shots/{shot.id}/tasks")
    assert response.json() == [], response.text


def test_unknown_project_and_asset_type(as_role, db) -> None:
    artist = as_role("user")
    w = _world(db, artist.person)
    assert_error(artist.get(f"/data/user/projects/{uuid.uuid4()}/asset-types"), 404)
    shot_type = w["shot"].entity_type_id
    path = f"/data/user/projects/{w['project'].id}/asset-types/{shot_type}/assets"
    assert_error(artist.get(path), 404)
    assert_error(artist.get("/data/user/projects/nope/episodes"), 400, "Malformed ID.")


def test_open_projects_are_the_callers_open_teams(as_role, db) -> None:
    artist = as_role("user")
    mine = f.make_project(db, team=[artist.person], name="B mine")
    f.make_project(db, team=[artist.person], closed=True)
    other = f.make_project(db, name="A other")
    task_type = f.make_task_type(db)
    from reeltrack.models import ProjectTaskTypeLink

    db.add(ProjectTaskTypeLink(project_id=mine.id, task_type_id=task_type.id, priority=2))
    db.commit()

    rows = artist.get("/data/user/projects/open").json()
    assert [row["id"] for row in rows] == [str(mine.id)]
    assert rows[0]["type"] == "Project"
    assert rows[0]["task_types_priority"] == {str(task_type.id): 2}
    assert rows[0]["team"] == [str(artist.person.id)]
    admin_rows = as_role("admin").get("/data/user/projects/open").json()
    assert [row["id"] for row in admin_rows] == [str(other.id), str(mine.id)]
    named = artist.get("/data/user/projects/open?name=B mine").json()
    assert [row["id"] for row in named] == [str(mine.id)]
    assert artist.get("/data/user/projects/open?name=A other").json() == []


def test_open_projects_query_count_is_fixed(as_role, db, count_queries) -> None:
    artist = as_role("user")

    def add(count: int) -> None:
        for _ in range(count):
            f.make_project(db, team=[artist.person])
        db.commit()

    add(2)
    with count_queries() as small:
        assert len(artist.get("/data/user/projects/open").json()) == 2
    add(10)
    with count_queries() as large:
        assert len(artist.get("/data/user/projects/open").json()) == 12
    assert small.count == large.count
