"""GET /data/user/tasks and /data/user/done-tasks: the caller's own assigned tasks."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from tests import factories as f


def _status(db: Any, done: bool = False) -> Any:
    return f.make_task_status(db, is_done=done)


def _setup(db: Any, person: Any, closed: bool = False) -> Any:
    project = f.make_project(db, team=[person], closed=closed)
    return project


def test_todo_lists_only_own_unfinished_tasks_in_open_team_projects(as_role, db) -> None:
    artist = as_role("user")
    me = artist.person
    other = f.make_person(db)
    project = _setup(db, me)
    todo = f.make_task(
        db,
        f.make_entity(db, project),
        assignees=[me, other],
        task_status_id=_status(db).id,
        estimation=5,
        start_date=dt.datetime(2026, 1, 2, 3, 4, 5),
    )
    f.make_task(db, f.make_entity(db, project), assignees=[me], task_status_id=_status(db, True).id)
    f.make_task(db, f.make_entity(db, project), assignees=[other], task_status_id=_status(db).id)
    closed = _setup(db, me, closed=True)
    f.make_task(db, f.make_entity(db, closed), assignees=[me], task_status_id=_status(db).id)
    outside = f.make_project(db)
    f.make_task(db, f.make_entity(db, outside), assignees=[me], task_status_id=_status(db).id)
    db.commit()

    response = artist.get("/data/user/tasks")

    assert response.status_code == 200
    rows = response.json()
    assert [row["id"] for row in rows] == [str(todo.id)]
    row = rows[0]
    assert row["type"] == "Task"
    assert row["project_name"] == project.name
    assert row["project_id"] == str(project.id)
    assert sorted(row["assignees"]) == sorted([str(me.id), str(other.id)])
    assert row["task_estimation"] == 5
    assert row["task_start_date"] == "2026-01-02T03:04:05"
    assert row["start_date"] == "2026-01-02T03:04:05"
    assert row["entity_preview_file_id"] == ""
    assert row["entity_source_id"] == ""
    assert row["episode_id"] == ""
    assert row["episode_name"] is None
    assert row["last_comment"] == {}
    assert row["task_type_for_entity"] == "Asset"
    assert "episode_ids" not in row


def test_todo_row_names_shot_sequence_episode_and_last_comment(as_role, db) -> None:
    artist = as_role("user")
    me = artist.person
    project = _setup(db, me)
    episode = f.make_entity(db, project, type_name="Episode", name="E01")
    sequence = f.make_entity(db, project, type_name="Sequence", name="SQ01", parent_id=episode.id)
    shot = f.make_entity(db, project, type_name="Shot", name="SH010", parent_id=sequence.id)
    status = _status(db)
    task = f.make_task(db, shot, assignees=[me], task_status_id=status.id)
    client = f.make_person(db, role="client")
    author = f.make_person(db)
    f.make_comment(
        db, task, person_id=author.id, text="first", created_at=dt.datetime(2026, 1, 1, 10, 0, 0)
    )
    f.make_comment(
        db, task, person_id=author.id, text="latest", created_at=dt.datetime(2026, 1, 2, 10, 0, 0)
    )
    f.make_comment(
        db,
        task,
        person_id=client.id,
        text="client says",
        created_at=dt.datetime(2026, 1, 3, 10, 0, 0),
    )
    db.commit()

    row = as_json_single(artist.get("/data/user/tasks"))

    assert row["entity_name"] == "SH010"
    assert row["entity_type_name"] == "Shot"
    assert row["sequence_name"] == "SQ01"
    assert row["episode_id"] == str(episode.id)
    assert row["episode_name"] == "E01"
    assert row["task_status_name"] == status.name
    assert row["task_status_short_name"] == status.short_name
    assert row["last_comment"] == {
        "text": "latest",
        "date": "2026-01-02T10:00:00",
        "person_id": str(author.id),
    }


def test_todo_asset_lists_the_episodes_it_is_cast_in(as_role, db) -> None:
    artist = as_role("user")
    me = artist.person
    project = _setup(db, me)
    ep2 = f.make_entity(db, project, type_name="Episode", name="E02")
    ep1 = f.make_entity(db, project, type_name="Episode", name="E01")
    asset = f.make_entity(db, project, source_id=ep2.id)
    f.make_entity_link(db, entity_in_id=ep2.id, entity_out_id=asset.id)
    f.make_entity_link(db, entity_in_id=ep1.id, entity_out_id=asset.id)
    f.make_task(db, asset, assignees=[me], task_status_id=_status(db).id)
    db.commit()

    row = as_json_single(artist.get("/data/user/tasks"))

    assert row["episode_id"] == str(ep2.id)
    assert row["episode_name"] == "E02"
    assert row["entity_source_id"] == str(ep2.id)
    assert row["episode_ids"] == [str(ep1.id), str(ep2.id)]
    assert row["episode_names"] == ["E01", "E02"]


def test_done_tasks_are_finished_ones_newest_end_first(as_role, db) -> None:
    artist = as_role("user")
    me = artist.person
    project = _setup(db, me)
    done = _status(db, True)
    old = f.make_task(
        db,
        f.make_entity(db, project),
        assignees=[me],
        task_status_id=done.id,
        end_date=dt.datetime(2026, 1, 1),
    )
    new = f.make_task(
        db,
        f.make_entity(db, project),
        assignees=[me],
        task_status_id=done.id,
        end_date=dt.datetime(2026, 2, 1),
    )
    f.make_task(db, f.make_entity(db, project), assignees=[me], task_status_id=_status(db).id)
    db.commit()

    response = artist.get("/data/user/done-tasks")

    assert response.status_code == 200
    assert [row["id"] for row in response.json()] == [str(new.id), str(old.id)]
    assert response.json()[0]["task_status_name"] == done.name


@pytest.mark.parametrize("role", ["admin", "manager", "supervisor", "user", "client", "vendor"])
def test_every_role_sees_only_its_own_tasks(as_role, db, role) -> None:
    caller = as_role(role)
    someone = f.make_person(db)
    project = f.make_project(db, team=[caller.person, someone])
    status = _status(db)
    mine = f.make_task(
        db, f.make_entity(db, project), assignees=[caller.person], task_status_id=status.id
    )
    f.make_task(db, f.make_entity(db, project), assignees=[someone], task_status_id=status.id)
    db.commit()

    ids = [row["id"] for row in caller.get("/data/user/tasks").json()]

    assert ids == [str(mine.id)]


def test_todo_needs_a_token(client) -> None:
    assert client.get("/data/user/tasks").status_code == 401
    assert client.get("/data/user/done-tasks").status_code == 401


@pytest.mark.parametrize("path", ["/data/user/tasks", "/data/user/done-tasks"])
def test_query_count_does_not_grow_with_tasks(as_role, db, count_queries, path) -> None:
    artist = as_role("user")
    me = artist.person
    project = _setup(db, me)
    status = _status(db, done=path.endswith("done-tasks"))
    task_type = f.make_task_type(db)

    def add(count: int) -> None:
        for _ in range(count):
            task = f.make_task(
                db,
                f.make_entity(db, project),
                assignees=[me],
                task_status_id=status.id,
                task_type_id=task_type.id,
            )
            f.make_comment(db, task)
        db.commit()

    add(3)
    with count_queries() as small:
        assert len(artist.get(path).json()) == 3
    add(27)
    with count_queries() as large:
        assert len(artist.get(path).json()) == 30
    assert small.count == large.count


def as_json_single(response: Any) -> dict[str, Any]:
    assert response.status_code == 200
    rows = response.json()
    assert len(rows) == 1
    return rows[0]
