"""A person's tasks, done tasks and related tasks as others see them; team task dates."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest

from tests import factories as f
from tests.routes.tasks.helpers import member, shots


def _status(db, done=False):
    return f.make_task_status(db, is_done=done)


def test_person_tasks_in_the_callers_open_projects(as_role, db) -> None:
    shared = f.make_project(db)
    manager = member(as_role, db, "manager", shared)
    artist = f.make_person(db)
    todo = f.make_task(
        db, f.make_entity(db, shared), assignees=[artist], task_status_id=_status(db).id
    )
    done = f.make_task(
        db,
        f.make_entity(db, shared),
        assignees=[artist],
        task_status_id=_status(db, True).id,
        end_date=dt.datetime(2026, 1, 1),
    )
    elsewhere = f.make_project(db, team=[artist])
    f.make_task(db, f.make_entity(db, elsewhere), assignees=[artist], task_status_id=_status(db).id)
    db.commit()

    todos = manager.get(f"/data/persons/{artist.id}/tasks").json()
    dones = manager.get(f"/data/persons/{artist.id}/done-tasks").json()

    assert [row["id"] for row in todos] == [str(todo.id)]
    assert todos[0]["project_name"] == shared.name
    assert todos[0]["assignees"] == [str(artist.id)]
    assert todos[0]["last_comment"] == {}
    assert [row["id"] for row in dones] == [str(done.id)]


def test_admins_see_every_open_project(admin, db) -> None:
    artist = f.make_person(db)
    task = f.make_task(db, assignees=[artist], task_status_id=_status(db).id)
    f.make_task(
        db,
        f.make_entity(db, f.make_project(db, closed=True)),
        assignees=[artist],
        task_status_id=_status(db).id,
    )
    db.commit()

    assert [row["id"] for row in admin.get(f"/data/persons/{artist.id}/tasks").json()] == [
        str(task.id)
    ]


def test_person_tasks_run_a_fixed_number_of_queries(admin, db, count_queries) -> None:
    counts = []
    for size in (3, 30):
        artist = f.make_person(db)
        project = f.make_project(db)
        status = _status(db)
        for shot in shots(db, project, size):
            f.make_task(db, shot, assignees=[artist], task_status_id=status.id)
        db.commit()
        with count_queries() as counter:
            rows = admin.get(f"/data/persons/{artist.id}/tasks").json()
        assert len(rows) == size
        counts.append(counter.count)
    assert counts[0] == counts[1]


def test_person_task_refusals(as_role, admin, db) -> None:
    project = f.make_project(db)
    vendor = member(as_role, db, "vendor", project)
    client = member(as_role, db, "client", project)
    artist = f.make_person(db)
    bot = f.make_person(db, is_bot=True)
    f.make_task(
        db,
        f.make_entity(db, project),
        assignees=[artist, vendor.person],
        task_status_id=_status(db).id,
    )
    db.commit()

    assert vendor.get(f"/data/persons/{artist.id}/tasks").status_code == 403
    assert vendor.get(f"/data/persons/{vendor.person.id}/tasks").json() == []
    assert client.get(f"/data/persons/{artist.id}/tasks").json() == []
    assert admin.get(f"/data/persons/{bot.id}/tasks").status_code == 403
    assert admin.get(f"/data/persons/{uuid.uuid4()}/done-tasks").status_code == 404
    assert admin.get("/data/persons/bad/tasks").status_code == 400


def test_related_tasks_are_of_the_type_on_the_persons_entities(as_role, db) -> None:
    project = f.make_project(db)
    viewer = member(as_role, db, "user", project)
    artist = f.make_person(db)
    layout = f.make_task_type(db, for_entity="Shot")
    first, second, third = shots(db, project, 3)
    f.make_task(db, first, assignees=[artist])
    related = f.make_task(db, first, task_type_id=layout.id)
    f.make_task(db, second, task_type_id=layout.id)
    hidden = f.make_project(db)
    hidden_shot = shots(db, hidden, 1)[0]
    f.make_task(db, hidden_shot, assignees=[artist])
    f.make_task(db, hidden_shot, task_type_id=layout.id)
    db.commit()

    response = viewer.get(f"/data/persons/{artist.id}/related-tasks/{layout.id}")

    assert [row["id"] for row in response.json()] == [str(related.id)]
    assert viewer.get(f"/data/persons/{artist.id}/related-tasks/bad").status_code == 400


def test_task_dates_per_person_with_busy_periods_elsewhere(as_role, db) -> None:
    project = f.make_project(db)
    manager = member(as_role, db, "manager", project)
    artist = f.make_person(db)
    f.make_task(
        db,
        f.make_entity(db, project),
        assignees=[artist],
        start_date=dt.datetime(2026, 1, 5),
        due_date=dt.datetime(2026, 1, 9),
    )
    other = f.make_project(db)
    for start, due in (
        (dt.datetime(2026, 2, 1), dt.datetime(2026, 2, 5)),
        (dt.datetime(2026, 2, 3), dt.datetime(2026, 2, 8)),
    ):
        f.make_task(
            db, f.make_entity(db, other), assignees=[artist], start_date=start, due_date=due
        )
    db.commit()

    rows = manager.get("/data/persons/task-dates").json()

    assert rows == [
        {
            "person_id": str(artist.id),
            "min_date": "2026-01-05T00:00:00",
            "max_date": "2026-01-09T00:00:00",
            "busy_periods": [
                {"start_date": "2026-02-01 00:00:00", "end_date": "2026-02-08 00:00:00"}
            ],
        }
    ]
    scoped = manager.get(f"/data/persons/task-dates?project_id={project.id}").json()
    assert scoped[0]["busy_periods"] == []
    assert manager.get(f"/data/persons/task-dates?project_id={other.id}").status_code == 403
    assert manager.get("/data/persons/task-dates?project_id=bad").status_code == 400
    assert manager.get("/data/persons/task-dates?project_id=").status_code == 200


@pytest.mark.parametrize(
    ("role", "status"), [("supervisor", 200), ("user", 403), ("client", 403), ("vendor", 403)]
)
def test_task_dates_roles(as_role, db, role, status) -> None:
    project = f.make_project(db)
    caller = member(as_role, db, role, project)

    assert caller.get("/data/persons/task-dates").status_code == status


def test_admin_task_dates_cover_every_open_project(admin, db) -> None:
    artist = f.make_person(db)
    f.make_task(db, assignees=[artist], start_date=dt.datetime(2026, 3, 1))
    f.make_task(
        db, f.make_entity(db, f.make_project(db, closed=True)), assignees=[f.make_person(db)]
    )
    db.commit()

    rows = admin.get("/data/persons/task-dates").json()

    assert [(r["person_id"], r["min_date"], r["max_date"]) for r in rows] == [
        (str(artist.id), "2026-03-01T00:00:00", None)
    ]
