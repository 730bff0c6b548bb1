"""Scenes: creation, detail, listings, shot links, deletion."""

from __future__ import annotations

import pytest

from reeltrack.models import Entity
from tests import factories
from tests.crud.support import assert_error, assert_forbidden, events, one_event, sid
from tests.routes.shots.production import assert_invalid, make_production, make_task, with_team


@pytest.fixture()
def scene(db, prod):
    row = factories.make_entity(
        db, prod.project, type_name="Scene", name="SC01", parent_id=prod.sequence.id
    )
    db.commit()
    return row


def test_a_manager_creates_a_scene_in_a_sequence(db, prod):
    url = f"/data/projects/{prod.project.id}/scenes"
    body = {"name": "SC05", "sequence_id": sid(prod.sequence)}
    response = prod.callers["manager"].post(url, json=body)
    assert response.status_code == 201, response.text
    scene = response.json()
    assert (scene["type"], scene["parent_id"], scene["data"]) == ("Scene", sid(prod.sequence), {})
    assert one_event(db, "scene:new").data["scene_id"] == scene["id"]
    assert_forbidden(prod.callers["supervisor"].post(url, json=body))
    other = make_production(db)
    assert_error(
        prod.callers["manager"].post(url, json={"name": "X", "sequence_id": sid(other.sequence)}),
        404,
    )


def test_a_scene_reads_with_its_sequence_and_episode(prod, scene):
    data = prod.callers["user"].get(f"/data/scenes/{scene.id}").json()
    assert (data["type"], data["sequence_name"], data["episode_name"]) == ("Scene", "SQ01", "E01")
    assert data["project_name"] == prod.project.name
    assert_error(prod.callers["user"].get(f"/data/scenes/{prod.sequence.id}"), 404)


def test_scene_lists(db, prod, scene):
    user = prod.callers["user"]
    rows = user.get(f"/data/scenes/all?project_id={prod.project.id}").json()
    assert [(r["name"], r["sequence_name"], r["type"]) for r in rows] == [("SC01", "SQ01", "Scene")]
    assert [r["id"] for r in user.get(f"/data/projects/{prod.project.id}/scenes").json()] == [
        sid(scene)
    ]
    assert [r["id"] for r in user.get(f"/data/sequences/{prod.sequence.id}/scenes").json()] == [
        sid(scene)
    ]
    assert_forbidden(prod.callers["vendor"].get(f"/data/scenes/all?project_id={prod.project.id}"))
    assert_forbidden(user.get("/data/scenes/all"))


def test_linking_shots_to_a_scene(db, prod, scene):
    manager, shot = prod.callers["manager"], prod.shots[0]
    url = f"/data/scenes/{scene.id}/shots"
    response = manager.post(url, json={"shot_id": sid(shot)})
    assert response.status_code == 201, response.text
    assert response.json()["source_id"] == sid(scene)
    assert one_event(db, "shot:add-to-scene").data == {
        "scene_id": sid(scene),
        "shot_id": sid(shot),
        "project_id": sid(prod.project),
    }
    assert [r["id"] for r in prod.callers["user"].get(url).json()] == [sid(shot)]
    assert manager.delete(f"{url}/{shot.id}").status_code == 204
    db.commit()
    db.refresh(shot)
    assert shot.source_id is None
    assert len(events(db, "shot:remove-from-scene")) == 1


def test_scene_links_refuse_bad_shots_and_non_managers(db, prod, scene):
    other = make_production(db)
    url = f"/data/scenes/{scene.id}/shots"
    manager = prod.callers["manager"]
    assert_error(manager.post(url, json={"shot_id": sid(other.shots[0])}), 400)
    assert_error(manager.post(url, json={"shot_id": sid(prod.sequence)}), 404)
    assert_invalid(manager.post(url, json={"shot_id": "bad"}))
    assert_error(manager.delete(f"{url}/bad"), 400)
    assert_forbidden(prod.callers["user"].post(url, json={"shot_id": sid(prod.shots[0])}))
    assert_forbidden(prod.callers["client"].delete(f"{url}/{prod.shots[0].id}"))


def test_a_scene_with_tasks_is_canceled_else_deleted(db, prod, scene):
    manager = prod.callers["manager"]
    task = factories.make_task(db, scene)
    db.commit()
    assert manager.delete(f"/data/scenes/{scene.id}").status_code == 204
    db.refresh(scene)
    assert scene.canceled is True
    db.delete(task)
    db.commit()
    scene_id = scene.id
    assert manager.delete(f"/data/scenes/{scene_id}").status_code == 204
    db.expire_all()
    assert db.get(Entity, scene_id) is None
    assert len(events(db, "scene:delete")) == 2


def test_scene_tasks_and_task_types(db, prod, scene):
    task = make_task(db, scene)
    db.commit()
    rows = prod.callers["user"].get(f"/data/scenes/{scene.id}/tasks").json()
    assert [r["id"] for r in rows] == [sid(task)]
    types = prod.callers["user"].get(f"/data/scenes/{scene.id}/task-types").json()
    assert [t["id"] for t in types] == [str(task.task_type_id)]


def test_scene_list_query_count(db, as_role, count_queries):
    counts = []
    for size in (3, 30):
        prod = with_team(as_role, db, make_production(db))
        for i in range(size):
            factories.make_entity(
                db, prod.project, type_name="Scene", name=f"SC{i}", parent_id=prod.sequence.id
            )
        db.commit()
        with count_queries() as counter:
            rows = prod.callers["user"].get(f"/data/scenes/all?project_id={prod.project.id}").json()
        assert len(rows) == size
        counts.append(counter.count)
    assert counts[0] == counts[1]
