"""gazu's task functions against a live server: create, read, assign, log time, list, remove."""

from __future__ import annotations

import uuid

import gazu
import pytest

from reeltrack.models import Project
from tests import factories

PASSWORD = "tasks-password"


@pytest.fixture()
def production(live_url, db):
    """An admin logged in through gazu, a project with two shots made in the database."""
    factories.make_person(db, role="admin", email="admin@tasks.test", password=PASSWORD)
    factories.project_status(db, "Open")
    factories.make_task_status(db, name="Todo", short_name="todo", is_default=True)
    db.commit()
    gazu.set_host(live_url + "/api")
    gazu.log_in("admin@tasks.test", PASSWORD)
    project = gazu.project.new_project("Task Film")
    row = db.get(Project, uuid.UUID(project["id"]))
    sequence = factories.make_entity(db, project=row, type_name="Sequence", name="SQ01")
    shots = [
        factories.make_entity(db, project=row, type_name="Shot", name=name, parent_id=sequence.id)
        for name in ("SH010", "SH020")
    ]
    db.commit()
    artist = gazu.person.new_person("Art", "Ist", "artist@tasks.test", password=PASSWORD)
    yield {
        "project": project,
        "shots": [{"id": str(s.id), "project_id": project["id"]} for s in shots],
        "artist": artist,
    }
    gazu.log_out()
    gazu.client.default_client.tokens = {}


def test_task_life_through_gazu(production) -> None:
    shot, other_shot = production["shots"]
    artist = production["artist"]
    anim = gazu.task.new_task_type("Animation", for_entity="Shot")

    task = gazu.task.new_task(shot, anim)
    assert gazu.task.new_task(shot, anim)["id"] == task["id"]
    full = gazu.task.get_task(task["id"])
    assert full["entity"]["id"] == shot["id"]
    assert full["task_type"]["name"] == "Animation"
    assert full["task_status"]["short_name"] == "todo"
    listed = gazu.task.all_tasks_for_entity_and_task_type(shot, anim)
    assert [t["id"] for t in listed] == [task["id"]]

    assigned = gazu.task.assign_task(task, artist)
    assert assigned[0]["assignees"] == [artist["id"]]
    assert [t["id"] for t in gazu.task.all_tasks_for_person(artist)] == [task["id"]]
    assert gazu.project.get_team(production["project"])[0]["id"] == artist["id"]

    gazu.task.set_time_spent(task, artist, "2026-02-03", 120)
    added = gazu.task.add_time_spent(task, artist, "2026-02-03", 30)
    assert added["duration"] == 150
    spent = gazu.task.get_time_spent(task, "2026-02-03")
    assert spent["total"] == 150
    assert [t["duration"] for t in spent[artist["id"]]] == [150]
    assert gazu.task.get_task(task)["duration"] == 150

    open_tasks = gazu.task.all_open_tasks()
    assert [t["id"] for t in open_tasks["data"]] == [task["id"]]
    assert gazu.task.get_open_tasks_stats()[production["project"]["id"]]["amount"] == 1
    project_tasks = gazu.task.all_tasks_for_project(production["project"])
    assert [t["id"] for t in project_tasks] == [task["id"]]

    assert gazu.task.clear_assignations(task) == [task["id"]]
    assert gazu.task.get_task(task)["assignees"] == []

    path = (
        f"actions/projects/{production['project']['id']}/task-types/{anim['id']}/shots/create-tasks"
    )
    created = gazu.client.post(path, [shot["id"], other_shot["id"]])
    assert [t["entity_id"] for t in created] == [other_shot["id"]]

    gazu.task.remove_task(task)
    remaining = gazu.task.all_tasks_for_project(production["project"])
    assert [t["entity_id"] for t in remaining] == [other_shot["id"]]


def test_tasks_of_shots_and_assets_made_through_gazu(production) -> None:
    project = production["project"]
    sequence = gazu.shot.new_sequence(project, "SQ02")
    shot = gazu.shot.new_shot(project, sequence, "SH100", frame_in=1, frame_out=48)
    character = gazu.asset.new_asset_type("Character")
    asset = gazu.asset.new_asset(project, character, "Hero")
    layout = gazu.task.new_task_type("Layout", for_entity="Shot")
    modeling = gazu.task.new_task_type("Modeling", for_entity="Asset")

    shot_task = gazu.task.new_task(shot, layout)
    asset_task = gazu.task.new_task(asset, modeling)

    assert [t["id"] for t in gazu.task.all_tasks_for_shot(shot)] == [shot_task["id"]]
    assert [t["id"] for t in gazu.task.all_tasks_for_asset(asset)] == [asset_task["id"]]
    # As in Zou, a sequence's own tasks are not its shots' tasks.
    assert gazu.task.all_tasks_for_sequence(sequence) == []
    shot_tasks = gazu.task.all_shot_tasks_for_sequence(sequence)
    assert [t["id"] for t in shot_tasks] == [shot_task["id"]]
    assert [t["name"] for t in gazu.task.all_task_types_for_shot(shot)] == ["Layout"]
    assert [t["name"] for t in gazu.task.all_task_types_for_asset(asset)] == ["Modeling"]
    assert gazu.task.get_task_by_entity(shot, layout)["id"] == shot_task["id"]

    wip = gazu.task.new_task_status("Work in progress", "wip", "#3273dc")
    gazu.task.add_comment(shot_task, wip, "Blocking started")
    assert gazu.task.get_task(shot_task)["task_status_id"] == wip["id"]
    assert gazu.task.get_last_comment_for_task(shot_task)["text"] == "Blocking started"
