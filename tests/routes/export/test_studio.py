"""Studio-wide CSV exports: people, projects, task types, open tasks, time spent."""

from __future__ import annotations

import datetime as dt

import pytest

from tests import factories
from tests.crud.support import assert_forbidden
from tests.routes.export.support import rows

ROUTES = [
    "/export/csv/persons.csv",
    "/export/csv/projects.csv",
    "/export/csv/task-types.csv",
    "/export/csv/tasks.csv",
    "/export/csv/time-spents.csv",
]


@pytest.mark.parametrize("path", ROUTES)
@pytest.mark.parametrize("role", ["supervisor", "user", "client", "vendor", "bot"])
def test_only_admins_and_managers_export(as_role, path, role):
    assert_forbidden(as_role(role).get(path))


@pytest.mark.parametrize("path", ROUTES)
@pytest.mark.parametrize("role", ["admin", "manager"])
def test_admins_and_managers_export(as_role, path, role):
    response = as_role(role).get(path)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    assert response.headers["content-disposition"].startswith("attachment; filename=kitsu_")


def test_anonymous_is_refused(client):
    assert client.get("/export/csv/persons.csv").status_code == 401


def test_served_under_api_prefix_too(admin):
    assert admin.get("/api/export/csv/projects.csv").status_code == 200


def test_persons(admin, db):
    studio = factories.make_studio(db, name="North")
    anim = factories.make_department(db, name="Animation")
    fx = factories.make_department(db, name="FX")
    alice = factories.make_person(
        db,
        first_name="alice",
        last_name="Zed",
        email="a@x.io",
        phone="0102",
        role="manager",
        studio_id=studio.id,
        country="FR",
        contract_type="freelance",
        position="lead",
        seniority="senior",
        daily_salary=300,
    )
    factories.add_to_department(db, alice, fx)
    factories.add_to_department(db, alice, anim)
    factories.make_person(db, first_name="Bob", last_name="Young", active=False, phone=None)
    factories.make_person(db, first_name="Aaron", last_name="Bot", is_bot=True)
    factories.make_person(db, first_name="Aaron", last_name="Guest", is_guest=True)
    factories.make_person(
        db,
        first_name="Aaron",
        last_name="Preview",
        preview_project_id=factories.make_project(db).id,
    )
    db.commit()
    me = admin.person
    response = admin.get("/export/csv/persons.csv")
    assert response.headers["content-disposition"] == (
        "attachment; filename=kitsu_people_export.csv"
    )
    found = rows(response)
    assert found[0] == [
        "First Name",
        "Last Name",
        "Email",
        "Phone",
        "Role",
        "Departments",
        "Studio",
        "Country",
        "Contract Type",
        "Position",
        "Seniority",
        "Daily Salary",
        "Active",
    ]
    assert found[1:] == [
        [
            "alice",
            "Zed",
            "a@x.io",
            "0102",
            "manager",
            "Animation,FX",
            "North",
            "FR",
            "freelance",
            "lead",
            "senior",
            "300",
            "yes",
        ],
        [
            "Bob",
            "Young",
            found[2][2],
            "",
            "user",
            "",
            "",
            "",
            "open-ended",
            "artist",
            "mid",
            "0",
            "no",
        ],
        [
            me.first_name,
            me.last_name,
            me.email,
            "",
            "admin",
            "",
            "",
            "",
            "open-ended",
            "artist",
            "mid",
            "0",
            "yes",
        ],
    ]


def test_projects(admin, db):
    factories.make_project(db, name="Beta", closed=True)
    factories.make_project(db, name="Alpha")
    db.commit()
    response = admin.get("/export/csv/projects.csv")
    assert response.headers["content-disposition"] == "attachment; filename=kitsu_export.csv"
    assert rows(response) == [["Name", "Status"], ["Alpha", "Open"], ["Beta", "Closed"]]


def test_task_types(admin, db):
    modeling = factories.make_department(db, name="Modeling")
    anim = factories.make_department(db, name="Animation")
    factories.make_task_type(db, name="Sculpt", department_id=modeling.id)
    factories.make_task_type(db, name="Blocking", department_id=anim.id)
    factories.make_task_type(db, name="Anim; polish", department_id=anim.id)
    factories.make_task_type(db, name="Orphan")
    db.commit()
    response = admin.get("/export/csv/task-types.csv")
    assert response.headers["content-disposition"] == "attachment; filename=kitsu_export.csv"
    assert '"Anim; polish"' in response.text
    assert response.text.startswith("Department;Name\r\n")
    assert rows(response) == [
        ["Department", "Name"],
        ["Animation", "Anim; polish"],
        ["Animation", "Blocking"],
        ["Modeling", "Sculpt"],
    ]


def _production(db, project):
    episode = factories.make_entity(db, project=project, type_name="Episode", name="E01")
    sequence = factories.make_entity(
        db, project=project, type_name="Sequence", name="SQ01", parent_id=episode.id
    )
    shot = factories.make_entity(
        db, project=project, type_name="Shot", name="SH010", parent_id=sequence.id
    )
    character = factories.make_entity_type(db, name="Character")
    asset = factories.make_entity(db, project=project, entity_type_id=character.id, name="Hero")
    return episode, sequence, shot, asset


def test_tasks(admin, db):
    wip = factories.make_task_status(db, name="WIP", short_name="wip")
    project = factories.make_project(db, name="Open One")
    _, _, shot, asset = _production(db, project)
    anim = factories.make_task_type(db, name="Animation", for_entity="Shot")
    model = factories.make_task_type(db, name="Modeling")
    boss = factories.make_person(db, first_name="Big", last_name="Boss")
    ann = factories.make_person(db, first_name="Ann", last_name="A")
    zoe = factories.make_person(db, first_name="Zoe", last_name="Z")
    factories.make_task(
        db,
        entity=shot,
        task_type_id=anim.id,
        task_status_id=wip.id,
        assignees=[zoe, ann],
        assigner_id=boss.id,
        duration=120.0,
        estimation=2.5,
        start_date=dt.datetime(2024, 3, 1, 10, 0),
        due_date=dt.datetime(2024, 3, 5),
        real_start_date=dt.datetime(2024, 3, 2, 23, 59),
        end_date=dt.datetime(2024, 3, 4),
    )
    factories.make_task(db, entity=asset, task_type_id=model.id, task_status_id=wip.id)
    closed = factories.make_project(db, name="Closed One", closed=True)
    factories.make_task(db, entity=factories.make_entity(db, project=closed), task_status_id=wip.id)
    db.commit()
    response = admin.get("/export/csv/tasks.csv")
    assert response.headers["content-disposition"] == (
        "attachment; filename=kitsu_tasks_export.csv"
    )
    assert rows(response) == [
        [
            "Project",
            "Task Type",
            "Episode",
            "Sequence",
            "Entity Type",
            "Entity",
            "Assigner",
            "Assignees",
            "Duration",
            "Estimation",
            "Start date",
            "Due date",
            "WIP date",
            "Validation date",
            "Task Status",
        ],
        [
            "Open One",
            "Animation",
            "E01",
            "SQ01",
            "Shot",
            "SH010",
            "Big Boss",
            "Ann A, Zoe Z",
            "120.0",
            "2.5",
            "2024-03-01",
            "2024-03-05",
            "2024-03-02",
            "2024-03-04",
            "WIP",
        ],
        [
            "Open One",
            "Modeling",
            "",
            "",
            "Character",
            "Hero",
            "",
            "",
            "0.0",
            "0.0",
            "",
            "",
            "",
            "",
            "WIP",
        ],
    ]


def test_time_spents(admin, db):
    project = factories.make_project(db, name="Open One")
    _, sequence, shot, asset = _production(db, project)
    lone_shot = factories.make_entity(db, project=project, type_name="Shot", name="SH999")
    anim = factories.make_task_type(db, name="Animation", for_entity="Shot")
    model = factories.make_task_type(db, name="Modeling")
    shot_task = factories.make_task(db, entity=shot, task_type_id=anim.id)
    asset_task = factories.make_task(db, entity=asset, task_type_id=model.id)
    lone_task = factories.make_task(db, entity=lone_shot, task_type_id=anim.id)
    ann = factories.make_person(db, first_name="Ann", last_name="Bee")
    cid = factories.make_person(db, first_name="Cid", last_name="")
    day1, day2 = dt.date(2024, 5, 1), dt.date(2024, 5, 2)
    factories.make_time_spent(db, task_id=asset_task.id, person_id=ann.id, date=day2, duration=90)
    factories.make_time_spent(db, task_id=shot_task.id, person_id=ann.id, date=day1, duration=30)
    factories.make_time_spent(db, task_id=lone_task.id, person_id=cid.id, date=day1, duration=15)
    closed = factories.make_project(db, closed=True)
    closed_task = factories.make_task(db, entity=factories.make_entity(db, project=closed))
    factories.make_time_spent(db, task_id=closed_task.id, person_id=ann.id, date=day1)
    db.commit()
    response = admin.get("/export/csv/time-spents.csv")
    disposition = response.headers["content-disposition"]
    assert disposition.startswith("attachment; filename=kitsu_2")
    assert disposition.endswith("_open_projects_time_spents_export.csv")
    assert len(disposition.split("filename=")[1]) == len(
        "kitsu_2026_01_01_open_projects_time_spents_export.csv"
    )
    assert rows(response) == [
        ["Project", "Person", "Entity Type Name", "Entity", "Task Type", "Date", "Time spent"],
        ["Open One", "Cid", "Shot", "SH999", "Animation", "2024-05-01", "15.0"],
        ["Open One", "Ann Bee", "Shot", "E01 / SQ01 / SH010", "Animation", "2024-05-01", "30.0"],
        ["Open One", "Ann Bee", "Character", "Hero", "Modeling", "2024-05-02", "90.0"],
    ]
    assert sequence.name == "SQ01"


def _grow(db, size):
    wip = factories.make_task_status(db)
    project = factories.make_project(db)
    department = factories.make_department(db)
    for _ in range(size):
        person = factories.make_person(db)
        factories.add_to_department(db, person, department)
        factories.make_project(db)
        factories.make_task_type(db, department_id=department.id)
        task = factories.make_task(
            db,
            entity=factories.make_entity(db, project=project),
            task_status_id=wip.id,
            assignees=[person],
            assigner_id=person.id,
        )
        factories.make_time_spent(db, task_id=task.id, person_id=person.id)
    db.commit()


@pytest.mark.parametrize("path", ROUTES)
def test_query_counts_do_not_grow(admin, db, count_queries, path):
    _grow(db, 1)
    with count_queries() as small:
        assert admin.get(path).status_code == 200
    _grow(db, 6)
    with count_queries() as large:
        response = admin.get(path)
    assert len(rows(response)) > 6
    assert large.count == small.count
    assert large.count <= 8


def test_tasks_of_a_project_without_a_status_are_not_exported(admin, db):
    from reeltrack.models import ProjectStatus

    project = factories.make_project(db, project_status_id=None)
    entity = factories.make_entity(db, project=project)
    factories.make_task(db, entity=entity, task_status_id=factories.make_task_status(db).id)
    db.query(ProjectStatus).delete()  # no "Open" status at all: nothing is open
    db.commit()
    response = admin.get("/export/csv/tasks.csv")
    assert response.status_code == 200
    assert [row[0] for row in rows(response)] == ["Project"]  # the header row alone
