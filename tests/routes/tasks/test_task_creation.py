"""Bulk task creation for a project's assets, shots, edits, concepts and any entity type."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import func, select

from reeltrack.models import Task
from tests import factories as f
from tests.routes.tasks.helpers import events, fresh, member, shots

BASE = "/actions/projects/{}/task-types/{}"


def _count(db, **where) -> int:
    fresh(db)
    query = select(func.count()).select_from(Task)
    for key, value in where.items():
        query = query.where(getattr(Task, key) == value)
    return db.scalar(query)


def test_shot_tasks_for_listed_shots_skip_existing_and_other_projects(admin, db) -> None:
    project = f.make_project(db)
    first, second, third = shots(db, project, 3)
    task_type = f.make_task_type(db, for_entity="Shot", name="Anim", color="#112233", priority=4)
    f.make_task(db, third, task_type_id=task_type.id)
    elsewhere = shots(db, f.make_project(db), 1)[0]
    db.commit()
    ids = [str(first.id), str(second.id), str(third.id), str(elsewhere.id)]

    response = admin.post(BASE.format(project.id, task_type.id) + "/shots/create-tasks", json=ids)

    assert response.status_code == 201
    rows = response.json()
    assert [row["entity_id"] for row in rows] == [str(first.id), str(second.id)]
    row = rows[0]
    assert row["type"] == "Task"
    assert row["name"] == "main"
    assert row["assignees"] == []
    assert row["assigner_id"] == str(admin.person.id)
    assert row["project_id"] == str(project.id)
    assert row["task_type_name"] == "Anim"
    assert row["task_type_color"] == "#112233"
    assert row["task_type_priority"] == 4
    assert row["task_status_name"] == "Todo"
    assert row["task_status_short_name"] == "todo"
    assert row["duration"] == 0 and row["estimation"] == 0
    assert _count(db, task_type_id=task_type.id) == 3
    created = {row["id"] for row in rows}
    assert {e["task_id"] for e in events(db, "task:new")} == created


def test_without_ids_every_entity_of_the_kind_gets_a_task(admin, db) -> None:
    project = f.make_project(db)
    assets = [f.make_entity(db, project) for _ in range(3)]
    shots(db, project, 2)
    task_type = f.make_task_type(db, for_entity="Asset")
    db.commit()

    response = admin.post(BASE.format(project.id, task_type.id) + "/assets/create-tasks")

    assert response.status_code == 201
    assert {row["entity_id"] for row in response.json()} == {str(a.id) for a in assets}
    again = admin.post(BASE.format(project.id, task_type.id) + "/assets/create-tasks", json=[])
    assert again.status_code == 201 and again.json() == []


def test_query_parameters_narrow_the_entities(admin, db) -> None:
    project = f.make_project(db)
    wanted = shots(db, project, 2)
    shots(db, project, 2)
    task_type = f.make_task_type(db, for_entity="Shot")
    db.commit()
    url = (
        BASE.format(project.id, task_type.id)
        + f"/shots/create-tasks?parent_id={wanted[0].parent_id}"
    )

    response = admin.post(url)

    assert {row["entity_id"] for row in response.json()} == {str(s.id) for s in wanted}
    by_name = admin.post(url.split("?")[0] + "?name=SH0000&nb_frames=3")
    assert by_name.status_code == 201 and len(by_name.json()) == 1
    assert admin.post(url.split("?")[0] + "?parent_id=bad").status_code == 400


def test_creation_runs_a_fixed_number_of_queries(admin, db, count_queries) -> None:
    counts = []
    for size in (3, 30):
        project = f.make_project(db)
        shots(db, project, size)
        task_type = f.make_task_type(db, for_entity="Shot")
        f.make_task_status(db, name="Todo", short_name=f"todo{size}", is_default=True)
        db.commit()
        with count_queries() as counter:
            response = admin.post(BASE.format(project.id, task_type.id) + "/shots/create-tasks")
        assert len(response.json()) == size
        counts.append(counter.count)
    assert counts[0] == counts[1]


def test_edits_concepts_and_named_entity_types(admin, db) -> None:
    project = f.make_project(db)
    edit = f.make_entity(db, project, type_name="Edit")
    concept = f.make_entity(db, project, type_name="Concept")
    episode = f.make_entity(db, project, type_name="Episode")
    sequence = f.make_entity(db, project, type_name="Sequence", parent_id=episode.id)
    f.make_entity(db, project, type_name="Sequence")
    db.commit()
    edit_type = f.make_task_type(db, for_entity="Edit")
    concept_type = f.make_task_type(db, for_entity="Concept")
    sequence_type = f.make_task_type(db, for_entity="Sequence")
    db.commit()

    edits = admin.post(BASE.format(project.id, edit_type.id) + "/edits/create-tasks")
    concepts = admin.post(BASE.format(project.id, concept_type.id) + "/concepts/create-tasks")
    url = (
        BASE.format(project.id, sequence_type.id)
        + f"/create-tasks/sequence?episode_id={episode.id}"
    )
    sequences = admin.post(url)

    assert [row["entity_id"] for row in edits.json()] == [str(edit.id)]
    assert [row["entity_id"] for row in concepts.json()] == [str(concept.id)]
    assert concepts.json()[0]["task_status_name"] == "Neutral"
    assert [row["entity_id"] for row in sequences.json()] == [str(sequence.id)]
    unknown = admin.post(BASE.format(project.id, sequence_type.id) + "/create-tasks/nothing")
    assert unknown.status_code == 404


@pytest.mark.parametrize(
    ("body", "status"),
    [
        ({"a": 1}, 400),
        (["not-a-uuid"], 400),
        ([12], 400),
        ("text", 400),
    ],
)
def test_bad_bodies_are_refused(admin, db, body, status) -> None:
    project = f.make_project(db)
    task_type = f.make_task_type(db, for_entity="Shot")
    db.commit()

    response = admin.post(BASE.format(project.id, task_type.id) + "/shots/create-tasks", json=body)

    assert response.status_code == status
    assert _count(db, task_type_id=task_type.id) == 0


def test_wrong_kind_and_unknown_ids_are_not_found(admin, db) -> None:
    project = f.make_project(db)
    asset = f.make_entity(db, project)
    shot = shots(db, project, 1)[0]
    task_type = f.make_task_type(db, for_entity="Shot")
    db.commit()
    url = BASE.format(project.id, task_type.id) + "/shots/create-tasks"

    assert admin.post(url, json=[str(shot.id), str(asset.id)]).status_code == 404
    assert admin.post(url, json=[str(uuid.uuid4())]).status_code == 404
    assert _count(db, task_type_id=task_type.id) == 0
    unknown_type = BASE.format(project.id, uuid.uuid4()) + "/shots/create-tasks"
    assert admin.post(unknown_type, json=[str(shot.id)]).status_code == 404
    malformed = BASE.format("nope", task_type.id) + "/shots/create-tasks"
    assert admin.post(malformed).status_code == 400


@pytest.mark.parametrize(
    ("role", "status"),
    [("manager", 201), ("supervisor", 403), ("user", 403), ("client", 403), ("vendor", 403)],
)
def test_only_managers_create_shot_tasks(as_role, db, role, status) -> None:
    project = f.make_project(db)
    shot = shots(db, project, 1)[0]
    task_type = f.make_task_type(db, for_entity="Shot")
    db.commit()
    caller = member(as_role, db, role, project)

    response = caller.post(
        BASE.format(project.id, task_type.id) + "/shots/create-tasks", json=[str(shot.id)]
    )

    assert response.status_code == status


def test_a_manager_outside_the_team_is_refused(as_role, db) -> None:
    project = f.make_project(db)
    task_type = f.make_task_type(db, for_entity="Shot")
    db.commit()

    response = as_role("manager").post(
        BASE.format(project.id, task_type.id) + "/shots/create-tasks"
    )

    assert response.status_code == 403


@pytest.mark.parametrize(
    ("role", "status"), [("user", 201), ("supervisor", 201), ("client", 403), ("vendor", 403)]
)
def test_team_members_but_clients_and_vendors_create_concept_tasks(
    as_role, db, role, status
) -> None:
    project = f.make_project(db)
    f.make_entity(db, project, type_name="Concept")
    task_type = f.make_task_type(db, for_entity="Concept")
    db.commit()
    caller = member(as_role, db, role, project)

    response = caller.post(BASE.format(project.id, task_type.id) + "/concepts/create-tasks")

    assert response.status_code == status
