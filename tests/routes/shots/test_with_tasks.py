"""Shots, sequences, episodes, scenes and edits with their tasks (one shared engine)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest

from tests import factories as f


@dataclass
class Board:
    project: Any
    episode: Any
    sequence: Any
    shots: list[Any]
    status: Any


def board(db: Any, nb_shots: int = 2, team: list[Any] = ()) -> Board:  # type: ignore[assignment]
    project = f.make_project(db, team=list(team))
    episode = f.make_entity(db, project, type_name="Episode", name="E01")
    sequence = f.make_entity(db, project, type_name="Sequence", name="SQ01", parent_id=episode.id)
    status = f.make_task_status(db)
    shots = []
    for index in range(nb_shots):
        shot = f.make_entity(
            db,
            project,
            type_name="Shot",
            name=f"SH{index:03d}",
            parent_id=sequence.id,
            data={"fps": 24, "frame_in": 1, "frame_out": 10},
            nb_frames=10,
        )
        f.make_task(db, shot, task_status_id=status.id)
        shots.append(shot)
    return Board(project, episode, sequence, shots, status)


def member(as_role: Any, db: Any, role: str, target: Board) -> Any:
    client = as_role(role)
    f.add_to_team(db, target.project, client.person)
    db.commit()
    return client


def test_shots_with_tasks_shape(as_role, db) -> None:
    target = board(db, nb_shots=1)
    artist = member(as_role, db, "user", target)
    shot = target.shots[0]

    response = artist.get("/data/shots/with-tasks", params={"project_id": str(target.project.id)})

    assert response.status_code == 200
    [row] = response.json()
    assert row["id"] == str(shot.id)
    assert row["type"] == "Shot"
    assert row["sequence_id"] == str(target.sequence.id)
    assert row["sequence_name"] == "SQ01"
    assert row["episode_id"] == str(target.episode.id)
    assert row["episode_name"] == "E01"
    assert row["project_name"] == target.project.name
    assert (row["fps"], row["frame_in"], row["frame_out"], row["nb_frames"]) == (24, 1, 10, 10)
    assert row["is_casting_standby"] is False
    [task] = row["tasks"]
    assert task["task_status_id"] == str(target.status.id)
    assert task["assignees"] == [] and task["is_subscribed"] is False
    assert "nb_drawings" in task
    etag = response.headers["etag"]
    params = {"project_id": str(target.project.id)}
    cached = artist.get("/data/shots/with-tasks", params=params, headers={"If-None-Match": etag})
    assert cached.status_code == 304


def test_shots_filters_and_access(as_role, db) -> None:
    target = board(db, nb_shots=2)
    other_episode = f.make_entity(db, target.project, type_name="Episode")
    artist = member(as_role, db, "user", target)
    project = str(target.project.id)
    url = "/data/shots/with-tasks"

    assert len(artist.get(url, params={"project_id": project, "episode_id": "all"}).json()) == 2
    by_episode = {"project_id": project, "episode_id": str(target.episode.id)}
    assert len(artist.get(url, params=by_episode).json()) == 2
    by_other = {"project_id": project, "episode_id": str(other_episode.id)}
    assert artist.get(url, params=by_other).json() == []
    one = artist.get(url, params={"project_id": project, "id": str(target.shots[1].id)}).json()
    assert [row["name"] for row in one] == ["SH001"]
    assert artist.get(url).status_code == 403
    assert artist.get(url, params={"project_id": "bad"}).status_code == 400
    outsider = as_role("user")
    assert outsider.get(url, params={"project_id": project}).status_code == 403


def test_vendor_sees_only_shots_with_their_tasks(as_role, db) -> None:
    target = board(db, nb_shots=2)
    vendor = member(as_role, db, "vendor", target)
    f.make_task(db, target.shots[0], assignees=[vendor.person], task_status_id=target.status.id)
    other = f.make_person(db)
    mine = f.make_task(db, target.sequence, assignees=[vendor.person, other])
    f.make_task(db, target.sequence, assignees=[other])
    db.commit()
    params = {"project_id": str(target.project.id)}

    [row] = vendor.get("/data/shots/with-tasks", params=params).json()

    assert row["id"] == str(target.shots[0].id)
    assert [task["assignees"] for task in row["tasks"]] == [[str(vendor.person.id)]]
    sequences = vendor.get("/data/sequences/with-tasks", params=params).json()
    assert [s["id"] for s in sequences] == [str(target.sequence.id)]
    [task] = sequences[0]["tasks"]
    assert task["id"] == str(mine.id)
    assert sorted(task["assignees"]) == sorted([str(vendor.person.id), str(other.id)])
    episodes = vendor.get("/data/episodes/with-tasks", params=params).json()
    assert [e["id"] for e in episodes] == [str(target.episode.id)]
    assert vendor.get("/data/scenes/with-tasks", params=params).status_code == 403


def test_sequences_episodes_and_scenes_with_tasks(as_role, db) -> None:
    target = board(db, nb_shots=1)
    task = f.make_task(db, target.sequence, task_status_id=target.status.id)
    scene = f.make_entity(db, target.project, type_name="Scene", parent_id=target.sequence.id)
    artist = member(as_role, db, "user", target)
    params = {"project_id": str(target.project.id)}

    [sequence] = artist.get("/data/sequences/with-tasks", params=params).json()
    assert sequence["id"] == str(target.sequence.id)
    assert sequence["episode_id"] == str(target.episode.id)
    assert sequence["status"] == "running"
    assert sequence["preview_file_id"] == ""
    assert [t["id"] for t in sequence["tasks"]] == [str(task.id)]
    [episode] = artist.get("/data/episodes/with-tasks", params=params).json()
    assert episode["episode_id"] == "None"
    [listed_scene] = artist.get("/data/scenes/with-tasks", params=params).json()
    assert listed_scene["id"] == str(scene.id)
    by_episode = {**params, "episode_id": str(target.episode.id)}
    assert len(artist.get("/data/sequences/with-tasks", params=by_episode).json()) == 1
    assert artist.get("/data/sequences/with-tasks").status_code == 403


def test_edits_with_tasks(as_role, db) -> None:
    target = board(db, nb_shots=0)
    edit = f.make_entity(db, target.project, type_name="Edit", parent_id=target.episode.id)
    main_edit = f.make_entity(db, target.project, type_name="Edit")
    f.make_task(db, edit, task_status_id=target.status.id)
    artist = member(as_role, db, "user", target)
    params = {"project_id": str(target.project.id)}

    rows = {row["id"]: row for row in artist.get("/data/edits/with-tasks", params=params).json()}

    assert set(rows) == {str(edit.id), str(main_edit.id)}
    assert rows[str(edit.id)]["episode_name"] == "E01"
    assert rows[str(edit.id)]["type"] == "Edit"
    assert len(rows[str(edit.id)]["tasks"]) == 1
    main = artist.get("/data/edits/with-tasks", params={**params, "episode_id": "main"}).json()
    assert [row["id"] for row in main] == [str(main_edit.id)]
    assert artist.get("/data/edits/with-tasks", params={"id": "bad"}).status_code == 400


def test_client_sees_blank_task_fields_on_shots(as_role, db) -> None:
    artist = f.make_person(db)
    target = board(db, nb_shots=1)
    f.make_task(db, target.shots[0], assignees=[artist], task_status_id=target.status.id)
    client = member(as_role, db, "client", target)
    [row] = client.get(
        "/data/shots/with-tasks", params={"project_id": str(target.project.id)}
    ).json()
    assert all(task["assignees"] == [] for task in row["tasks"])


@pytest.mark.parametrize(
    "url",
    [
        "/data/shots/with-tasks",
        "/data/sequences/with-tasks",
        "/data/episodes/with-tasks",
        "/data/edits/with-tasks",
    ],
)
def test_query_count_is_fixed(as_role, db, count_queries, url) -> None:
    small, large = board(db, nb_shots=3), board(db, nb_shots=30)
    artist = as_role("user")
    for target in (small, large):
        for index in range(len(target.shots)):
            project, episode = target.project, target.episode
            extra = f.make_entity(db, project, type_name="Sequence", parent_id=episode.id)
            f.make_entity(db, project, type_name="Edit", name=f"edit{index}")
            more = f.make_entity(db, project, type_name="Episode", name=f"E{index + 2:02d}")
            for entity in (extra, more):
                f.make_task(db, entity, task_status_id=target.status.id)
        f.add_to_team(db, target.project, artist.person)
    db.commit()
    counts = []
    for target in (small, large):
        with count_queries() as counter:
            response = artist.get(url, params={"project_id": str(target.project.id)})
        assert response.status_code == 200
        counts.append(counter.count)
    assert len(response.json()) >= 30
    assert counts[0] == counts[1]
