"""Tasks, task types and previews of shots, sequences and episodes."""

from __future__ import annotations

import pytest

from tests import factories
from tests.crud.support import assert_error, assert_forbidden, sid
from tests.routes.shots.production import make_production, make_task, with_team


def test_shot_tasks_are_detailed_and_carry_assignees_with_relations(db, prod):
    shot, artist = prod.shots[0], prod.callers["user"].person
    task = make_task(db, shot, assignees=[artist], priority=2)
    db.commit()
    rows = prod.callers["supervisor"].get(f"/data/shots/{shot.id}/tasks").json()
    assert [r["id"] for r in rows] == [sid(task)]
    row = rows[0]
    assert (row["entity_name"], row["entity_type_name"], row["type"]) == ("SH001", "Shot", "Task")
    assert row["project_name"] == prod.project.name and row["task_type_name"]
    assert "assignees" not in row
    rows = prod.callers["supervisor"].get(f"/data/shots/{shot.id}/tasks?relations=true").json()
    assert rows[0]["assignees"] == [str(artist.id)]


def test_clients_get_the_studio_fields_of_tasks_blank(db, prod):
    shot = prod.shots[0]
    make_task(db, shot, assignees=[prod.callers["user"].person], priority=3)
    db.commit()
    row = prod.callers["client"].get(f"/data/shots/{shot.id}/tasks?relations=true").json()[0]
    assert (row["assignees"], row["priority"]) == ([], 0)


def test_shot_task_types(db, prod):
    shot = prod.shots[0]
    task = make_task(db, shot)
    make_task(db, prod.shots[1])
    db.commit()
    rows = prod.callers["user"].get(f"/data/shots/{shot.id}/task-types").json()
    assert [(r["id"], r["type"]) for r in rows] == [(str(task.task_type_id), "TaskType")]


def test_shot_previews_grouped_by_task_type_and_revision(db, prod):
    shot = prod.shots[0]
    task = make_task(db, shot)
    first = factories.make_preview_file(db, task, revision=1, duration=2.5)
    second = factories.make_preview_file(db, task, revision=2)
    extra = factories.make_preview_file(db, task, revision=2, position=2)
    db.commit()
    data = prod.callers["user"].get(f"/data/shots/{shot.id}/preview-files").json()
    previews = data[str(task.task_type_id)]
    assert [p["revision"] for p in previews] == [2, 1]
    assert previews[0]["id"] in (sid(second), sid(extra))
    assert [p["id"] for p in previews[0]["previews"]] in ([sid(extra)], [sid(second)])
    assert (previews[1]["id"], previews[1]["duration"]) == (sid(first), 2.5)
    assert previews[1]["task_id"] == sid(task)


def test_vendor_access_to_shot_sub_routes(db, prod):
    vendor = prod.callers["vendor"]
    make_task(db, prod.shots[0], assignees=[vendor.person])
    db.commit()
    for sub in ("tasks", "task-types", "preview-files", "versions"):
        assert vendor.get(f"/data/shots/{prod.shots[0].id}/{sub}").status_code == 200
        assert_forbidden(vendor.get(f"/data/shots/{prod.shots[1].id}/{sub}"))


def test_outsiders_and_wrong_ids_on_shot_sub_routes(as_role, prod):
    outsider = as_role("manager")
    for sub in ("tasks", "task-types", "preview-files", "versions"):
        assert_forbidden(outsider.get(f"/data/shots/{prod.shots[0].id}/{sub}"))
        assert_error(prod.callers["admin"].get(f"/data/shots/{prod.sequence.id}/{sub}"), 404)
        assert_error(prod.callers["admin"].get(f"/data/shots/x/{sub}"), 400)


def test_sequence_and_episode_task_routes(db, prod):
    shot_task = make_task(db, prod.shots[0])
    sequence_task = make_task(db, prod.sequence)
    episode_task = make_task(db, prod.episode)
    asset = factories.make_entity(db, prod.project, source_id=prod.episode.id)
    asset_task = make_task(db, asset)
    db.commit()
    user = prod.callers["user"]
    seq, ep = f"/data/sequences/{prod.sequence.id}", f"/data/episodes/{prod.episode.id}"
    assert [r["id"] for r in user.get(f"{seq}/tasks").json()] == [sid(sequence_task)]
    assert [r["id"] for r in user.get(f"{seq}/shot-tasks").json()] == [sid(shot_task)]
    assert [r["id"] for r in user.get(f"{seq}/task-types").json()] == [str(shot_task.task_type_id)]
    assert [r["id"] for r in user.get(f"{ep}/tasks").json()] == [sid(episode_task)]
    assert [r["id"] for r in user.get(f"{ep}/shot-tasks").json()] == [sid(shot_task)]
    assert [r["id"] for r in user.get(f"{ep}/asset-tasks").json()] == [sid(asset_task)]
    assert [r["id"] for r in user.get(f"{ep}/task-types").json()] == [str(shot_task.task_type_id)]


def test_vendors_on_sequence_and_episode_task_routes(db, prod):
    vendor = prod.callers["vendor"]
    mine = make_task(db, prod.sequence, assignees=[vendor.person])
    make_task(db, prod.sequence)
    make_task(db, prod.episode, assignees=[vendor.person])
    db.commit()
    seq, ep = f"/data/sequences/{prod.sequence.id}", f"/data/episodes/{prod.episode.id}"
    assert [r["id"] for r in vendor.get(f"{seq}/tasks").json()] == [sid(mine)]
    assert len(vendor.get(f"{ep}/tasks").json()) == 1
    for url in (f"{seq}/shot-tasks", f"{ep}/shot-tasks", f"{ep}/asset-tasks"):
        assert_forbidden(vendor.get(url))


@pytest.mark.parametrize(
    "path",
    [
        "/data/sequences/{s}/shot-tasks?relations=true",
        "/data/episodes/{e}/shot-tasks?relations=true",
        "/data/sequences/{s}/task-types",
    ],
)
def test_task_lists_run_a_fixed_number_of_queries(db, as_role, count_queries, path):
    counts = []
    for size in (3, 30):
        prod = with_team(as_role, db, make_production(db, nb_shots=size))
        task_type = factories.make_task_type(db, for_entity="Shot")
        types = [task_type] + [
            factories.make_task_type(db, for_entity="Shot") for _ in range(size - 1)
        ]
        for shot, kind in zip(prod.shots, types, strict=True):
            make_task(db, shot, task_type_id=kind.id, assignees=[prod.callers["user"].person])
        db.commit()
        url = path.format(s=prod.sequence.id, e=prod.episode.id)
        with count_queries() as counter:
            rows = prod.callers["supervisor"].get(url).json()
        assert len(rows) == size
        counts.append(counter.count)
    assert counts[0] == counts[1]
