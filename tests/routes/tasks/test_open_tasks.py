"""Open tasks of open productions: listing, filters, paging, stats and burndown."""

from __future__ import annotations

import datetime as dt

import pytest

from tests import factories as f
from tests.routes.tasks.helpers import member, shots


def _studio(db):
    project = f.make_project(db, name="Alpha")
    todo = f.make_task_status(db)
    done = f.make_task_status(db, is_done=True)
    anim = f.make_task_type(db, for_entity="Shot", name="Anim", priority=2)
    artist = f.make_person(db)
    first, second, third = shots(db, project, 3)
    tasks = [
        f.make_task(
            db,
            first,
            assignees=[artist],
            task_type_id=anim.id,
            task_status_id=todo.id,
            duration=10,
            estimation=20,
            start_date=dt.datetime(2026, 1, 5),
        ),
        f.make_task(
            db,
            second,
            task_type_id=anim.id,
            task_status_id=done.id,
            duration=5,
            estimation=7,
            done_date=dt.datetime(2026, 1, 10, 15),
            due_date=dt.datetime(2026, 1, 20),
        ),
        f.make_task(db, third, task_type_id=anim.id, task_status_id=todo.id),
    ]
    concept_type = f.make_task_type(db, for_entity="Concept")
    f.make_task(
        db,
        f.make_entity(db, project, type_name="Concept"),
        task_type_id=concept_type.id,
        task_status_id=todo.id,
    )
    closed = f.make_project(db, closed=True)
    f.make_task(db, shots(db, closed, 1)[0], task_status_id=todo.id)
    db.commit()
    return project, tasks, artist, todo, done, anim


def test_admin_lists_open_tasks_with_stats(admin, db) -> None:
    project, tasks, artist, todo, done, anim = _studio(db)

    body = admin.get("/data/tasks/open-tasks").json()

    assert [row["id"] for row in body["data"]] == [str(t.id) for t in tasks]
    row = body["data"][0]
    assert row["type"] == "Task"
    assert row["assignees"] == [str(artist.id)]
    assert row["project_name"] == "Alpha"
    assert row["type_name"] == "Anim" and row["status_name"] == todo.name
    assert row["status_short_name"] == todo.short_name
    assert row["start_date"] == "2026-01-05T00:00:00"
    assert "task_type_name" not in row and "last_comment" not in row
    assert body["stats"]["total"] == 3
    assert body["stats"]["total_duration"] == 15
    assert body["stats"]["total_estimation"] == 27
    amounts = {s["task_status_id"]: s["amount"] for s in body["stats"]["status"]}
    assert amounts == {str(todo.id): 2, str(done.id): 1}
    assert (body["limit"], body["is_more"], body["page"]) == (100, False, 1)


def test_filters_and_paging(admin, db) -> None:
    project, tasks, artist, todo, done, anim = _studio(db)

    def ids(query):
        return [row["id"] for row in admin.get(f"/data/tasks/open-tasks?{query}").json()["data"]]

    assert ids(f"task_status_id={done.id}") == [str(tasks[1].id)]
    assert ids(f"person_id={artist.id}") == [str(tasks[0].id)]
    assert ids("person_id=unassigned") == [str(tasks[1].id), str(tasks[2].id)]
    assert ids("start_date=2026-01-01") == [str(tasks[0].id)]
    assert ids("due_date=2026-01-31T00:00:00") == [str(tasks[1].id)]
    assert ids("priority=2") == [str(t.id) for t in tasks]
    assert ids("priority=9") == []
    page = admin.get("/data/tasks/open-tasks?limit=2&page=2").json()
    assert [row["id"] for row in page["data"]] == [str(tasks[2].id)]
    assert (page["page"], page["limit"], page["is_more"]) == (2, 2, False)
    first = admin.get("/data/tasks/open-tasks?limit=2&page=1").json()
    assert first["is_more"] is True


@pytest.mark.parametrize(
    "query",
    ["project_id=bad", "person_id=a,b", "start_date=yesterday", "priority=high", "page=x"],
)
def test_bad_arguments(admin, db, query) -> None:
    assert admin.get(f"/data/tasks/open-tasks?{query}").status_code == 400


def test_members_see_their_open_projects_only(as_role, db) -> None:
    project, tasks, *_ = _studio(db)
    artist = member(as_role, db, "user", project)
    hidden = f.make_task(
        db, shots(db, f.make_project(db), 1)[0], task_status_id=f.make_task_status(db).id
    )
    db.commit()

    body = artist.get("/data/tasks/open-tasks").json()

    assert {row["id"] for row in body["data"]} == {str(t.id) for t in tasks}
    assert artist.get(f"/data/tasks/open-tasks?project_id={hidden.project_id}").status_code == 403
    assert as_role("user").get("/data/tasks/open-tasks").json()["data"] == []


def test_open_tasks_run_a_fixed_number_of_queries(admin, db, count_queries) -> None:
    counts = []
    status = f.make_task_status(db)
    people = [f.make_person(db) for _ in range(2)]
    for size in (3, 30):
        project = f.make_project(db)
        for shot in shots(db, project, size):
            f.make_task(db, shot, assignees=people, task_status_id=status.id)
        db.commit()
        with count_queries() as counter:
            body = admin.get(f"/data/tasks/open-tasks?project_id={project.id}").json()
        assert len(body["data"]) == size
        counts.append(counter.count)
    assert counts[0] == counts[1]


def test_stats_per_project_and_type(admin, db) -> None:
    project, tasks, artist, todo, done, anim = _studio(db)

    stats = admin.get("/data/tasks/open-tasks/stats").json()

    assert list(stats) == [str(project.id)]
    alpha = stats[str(project.id)]
    assert (
        alpha["amount"],
        alpha["amount_done"],
        alpha["total_duration"],
        alpha["total_estimation"],
    ) == (3, 1, 15, 27)
    by_status = {row["task_status_id"]: row for row in alpha["task_types"]}
    assert by_status[str(done.id)]["amount_done"] == 1
    assert by_status[str(todo.id)]["task_type_id"] == str(anim.id)


def test_burndown(admin, db) -> None:
    project, tasks, *_ = _studio(db)

    body = admin.get(f"/data/tasks/open-tasks/burndown?project_id={project.id}").json()

    assert body == {
        "total": 3,
        "total_estimation": 27,
        "start_date": "2026-01-05",
        "end_date": "2026-01-20",
        "done_by_day": [{"date": "2026-01-10", "done": 1, "done_estimation": 7}],
    }


def test_burndown_folds_early_days_and_falls_back_to_project_dates(admin, db) -> None:
    project = f.make_project(db, start_date=dt.date(2026, 3, 1), end_date=dt.date(2026, 3, 31))
    status = f.make_task_status(db, is_done=True)
    for day in (dt.datetime(1899, 12, 31), dt.datetime(2026, 3, 1, 9), dt.datetime(2026, 3, 4)):
        f.make_task(
            db, shots(db, project, 1)[0], task_status_id=status.id, done_date=day, estimation=1
        )
    db.commit()

    body = admin.get(f"/data/tasks/open-tasks/burndown?project_id={project.id}").json()

    assert (body["start_date"], body["end_date"]) == ("2026-03-01", "2026-03-31")
    assert body["done_by_day"] == [
        {"date": "2026-03-01", "done": 2, "done_estimation": 2},
        {"date": "2026-03-04", "done": 1, "done_estimation": 1},
    ]


def test_vendors_see_only_their_own_open_tasks(as_role, db) -> None:
    project, tasks, artist, todo, *_ = _studio(db)
    vendor = member(as_role, db, "vendor", project)
    mine = f.make_task(
        db, shots(db, project, 1)[0], assignees=[vendor.person], task_status_id=todo.id
    )
    db.commit()

    body = vendor.get("/data/tasks/open-tasks").json()

    assert [row["id"] for row in body["data"]] == [str(mine.id)]
    assert body["stats"]["total"] == 1
