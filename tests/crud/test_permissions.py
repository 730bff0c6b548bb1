"""Who may do what, role by role: reference data, projects (persons in their own module)."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from reeltrack.models import Department, Project
from reeltrack.models.project import project_person_link
from tests import factories
from tests.crud.cases import CASES, Case
from tests.crud.conftest import NON_ADMIN_ROLES, ROLES
from tests.crud.support import assert_error, assert_forbidden, events, ids, reload, sid

REFERENCE = [
    case for case in CASES if case.group == "core" and case.path not in ("persons", "projects")
]
REFERENCE_IDS = [case.path for case in REFERENCE]
ONLY_CLOSED = "Only closed projects can be deleted"


@pytest.fixture(params=REFERENCE, ids=REFERENCE_IDS)
def reference(request: pytest.FixtureRequest) -> Case:
    return request.param


def model_count(db, model) -> int:
    db.commit()
    return db.scalar(select(func.count()).select_from(model))


# ---------------------------------------------------------------- reference data


@pytest.mark.parametrize("role", ROLES)
def test_every_role_reads_reference_data(reference, role, caller, db):
    row = reference.make_row(db)
    db.commit()
    client = caller(role)
    listed = client.get(f"/data/{reference.path}")
    assert listed.status_code == 200
    assert sid(row) in ids(listed.json())
    one = client.get(f"/data/{reference.path}/{row.id}")
    assert one.status_code == 200
    assert one.json()["id"] == sid(row)
    assert one.json()["type"] == reference.model


@pytest.mark.parametrize("role", NON_ADMIN_ROLES)
def test_only_admins_write_reference_data(reference, role, caller, db):
    row = reference.make_row(db)
    db.commit()
    change = reference.change(db)
    key, before = next(iter(change)), getattr(row, next(iter(change)))
    client = caller(role)
    assert_forbidden(client.post(f"/data/{reference.path}", json=reference.body(db)))
    assert_forbidden(client.put(f"/data/{reference.path}/{row.id}", json=change))
    assert_forbidden(client.delete(f"/data/{reference.path}/{row.id}"))
    stored = reload(db, type(row), row.id)
    assert stored is not None
    assert getattr(stored, key) == before
    assert events(db) == []


def test_admin_writes_reference_data(reference, admin, db):
    created = admin.post(f"/data/{reference.path}", json=reference.body(db))
    assert created.status_code == 201
    row_id = created.json()["id"]
    change = reference.change(db)
    assert admin.put(f"/data/{reference.path}/{row_id}", json=change).status_code == 200
    assert admin.delete(f"/data/{reference.path}/{row_id}").status_code == 204
    names = sorted(event.name for event in events(db))
    assert names == sorted(f"{reference.event_name}:{verb}" for verb in ("new", "update", "delete"))


def test_a_bot_with_the_admin_role_acts_as_an_admin(as_bot, db):
    bot = as_bot("admin")
    response = bot.post("/data/departments", json={"name": "Bots dept", "color": "#000000"})
    assert response.status_code == 201
    assert one_department_named(db, "Bots dept")
    assert events(db, "department:new")[0].user_id == bot.person.id


def one_department_named(db, name: str) -> bool:
    db.commit()
    return db.scalar(select(func.count()).where(Department.name == name)) == 1


# ---------------------------------------------------------------- projects


@pytest.fixture()
def world(db):
    """Projects seen from one caller: open and closed ones they are in, one they are not."""

    def make(client):
        person = client.person
        projects = {
            "open_member": factories.make_project(db, team=[person]),
            "closed_member": factories.make_project(db, team=[person], closed=True),
            "open_other": factories.make_project(db),
            "closed_other": factories.make_project(db, closed=True),
        }
        db.commit()
        return {key: sid(project) for key, project in projects.items()}

    return make


@pytest.mark.parametrize("role", ROLES)
def test_project_list_scope(role, caller, world):
    client = caller(role)
    projects = world(client)
    listed = ids(client.get("/data/projects").json())
    if role == "admin":
        assert set(projects.values()) <= listed
    else:
        assert listed == {projects["open_member"]}
    paged = client.get("/data/projects", params={"page": 1}).json()
    assert paged["total"] == len(listed)


@pytest.mark.parametrize("role", ROLES)
def test_project_get_one_needs_team_membership(role, caller, world):
    client = caller(role)
    projects = world(client)
    for key in ("open_member", "closed_member"):
        response = client.get(f"/data/projects/{projects[key]}")
        assert response.status_code == 200
        assert response.json()["id"] == projects[key]
    other = client.get(f"/data/projects/{projects['open_other']}")
    if role == "admin":
        assert other.json()["id"] == projects["open_other"]
    else:
        assert_forbidden(other)


@pytest.mark.parametrize("role", ROLES)
def test_project_create_is_admin_only(role, caller, db):
    client = caller(role)
    before = model_count(db, Project)
    response = client.post("/data/projects", json={"name": f"By {role}"})
    if role == "admin":
        assert response.status_code == 201
        assert model_count(db, Project) == before + 1
    else:
        assert_forbidden(response)
        assert model_count(db, Project) == before


@pytest.mark.parametrize("role", ROLES)
def test_project_update_needs_admin_or_a_manager_in_the_team(role, caller, world, db):
    client = caller(role)
    projects = world(client)
    mine = client.put(f"/data/projects/{projects['open_member']}", json={"code": "NEW"})
    other = client.put(f"/data/projects/{projects['open_other']}", json={"code": "NEW"})
    if role in ("admin", "manager"):
        assert mine.status_code == 200 and mine.json()["code"] == "NEW"
    else:
        assert_forbidden(mine)
    if role == "admin":
        assert other.status_code == 200
    else:
        assert_forbidden(other)
        assert reload(db, Project, projects["open_other"]).code is None
    updated = {event.data["project_id"] for event in events(db, "project:update")}
    expected = {projects["open_member"]} if role in ("admin", "manager") else set()
    assert updated - {projects["open_other"]} == expected


@pytest.mark.parametrize("role", ROLES)
def test_project_delete_is_admin_only_and_open_projects_never(role, caller, world, db):
    client = caller(role)
    projects = world(client)
    for key in ("open_member", "open_other"):
        response = client.delete(f"/data/projects/{projects[key]}")
        assert_error(response, 400, ONLY_CLOSED)
    closed = client.delete(f"/data/projects/{projects['closed_member']}")
    if role == "admin":
        assert closed.status_code == 204
        assert reload(db, Project, projects["closed_member"]) is None
    else:
        assert_forbidden(closed)
        assert reload(db, Project, projects["closed_member"]) is not None
    assert reload(db, Project, projects["open_member"]) is not None


def _join(db, project, person, role):
    db.execute(
        project_person_link.insert().values(project_id=project.id, person_id=person.id, role=role)
    )
    db.commit()


def test_a_project_role_of_manager_lets_an_artist_manage_that_project(as_role, db):
    artist = as_role("user")
    project = factories.make_project(db)
    _join(db, project, artist.person, "manager")
    response = artist.put(f"/data/projects/{project.id}", json={"code": "PM"})
    assert response.status_code == 200
    assert reload(db, Project, project.id).code == "PM"


def test_a_project_role_of_artist_stops_a_manager_managing_that_project(as_role, db):
    manager = as_role("manager")
    project = factories.make_project(db)
    _join(db, project, manager.person, "user")
    assert_forbidden(manager.put(f"/data/projects/{project.id}", json={"code": "PM"}))
    assert reload(db, Project, project.id).code is None


def test_a_null_project_role_inherits_the_global_role(as_role, db):
    manager = as_role("manager")
    project = factories.make_project(db)
    _join(db, project, manager.person, None)
    assert manager.put(f"/data/projects/{project.id}", json={"code": "OK"}).status_code == 200
