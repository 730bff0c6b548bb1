"""The production team: GET/POST /data/projects/<id>/team, DELETE/PUT .../team/<person_id>."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import select

from reeltrack.models import project_person_link
from tests import factories
from tests.crud.support import (
    CLIENT_PERSON_KEYS,
    MINIMAL_PERSON_KEYS,
    assert_error,
    assert_forbidden,
    events,
    sid,
)

NON_MANAGERS = ("supervisor", "user", "client", "vendor")


def assert_invalid(response) -> None:
    assert response.status_code == 400, response.text
    body = response.json()
    assert (body["error"], body["message"]) == (True, "Validation error.")
    assert body["data"]["errors"]


def team_roles(db, project) -> dict[str, str | None]:
    db.commit()
    link = project_person_link.c
    rows = db.execute(select(link.person_id, link.role).where(link.project_id == project.id))
    return {str(person_id): role for person_id, role in rows}


@pytest.fixture()
def project(db):
    project = factories.make_project(db)
    db.commit()
    return project


def member(as_role, db, project, role, link_role=None):
    caller = as_role(role)
    db.execute(
        project_person_link.insert().values(
            project_id=project.id, person_id=caller.person.id, role=link_role
        )
    )
    db.commit()
    return caller


# ---------------------------------------------------------------- GET


def test_a_manager_reads_the_full_team_with_departments_and_project_roles(as_role, db, project):
    manager = member(as_role, db, project, "manager")
    artist = factories.make_person(db, role="user")
    department = factories.make_department(db)
    factories.add_to_department(db, artist, department)
    db.execute(
        project_person_link.insert().values(
            project_id=project.id, person_id=artist.id, role="supervisor"
        )
    )
    db.commit()
    response = manager.get(f"/data/projects/{sid(project)}/team")
    assert response.status_code == 200
    by_id = {person["id"]: person for person in response.json()}
    assert set(by_id) == {sid(manager.person), sid(artist)}
    assert by_id[sid(artist)]["project_role"] == "supervisor"
    assert by_id[sid(manager.person)]["project_role"] is None
    assert by_id[sid(artist)]["departments"] == [sid(department)]
    assert by_id[sid(artist)]["email"] == artist.email
    assert "password" not in by_id[sid(artist)]


def test_an_artist_reads_the_minimal_view(as_role, db, project):
    artist = member(as_role, db, project, "user")
    (person,) = artist.get(f"/data/projects/{sid(project)}/team").json()
    assert set(person) == MINIMAL_PERSON_KEYS | {"project_role"}
    assert person["departments"] == []


def test_a_client_reads_the_client_view(as_role, db, project):
    client = member(as_role, db, project, "client")
    (person,) = client.get(f"/data/projects/{sid(project)}/team").json()
    assert set(person) == CLIENT_PERSON_KEYS | {"project_role"}


def test_a_project_role_decides_the_view(as_role, db, project):
    promoted = member(as_role, db, project, "user", link_role="manager")
    (person,) = promoted.get(f"/data/projects/{sid(project)}/team").json()
    assert "email" in person


def test_outsiders_cannot_read_a_team(as_role, project):
    assert_forbidden(as_role("manager").get(f"/data/projects/{sid(project)}/team"))


def test_team_ids_are_checked(admin):
    assert_error(admin.get("/data/projects/nope/team"), 400, "Malformed ID.")
    assert_error(admin.get(f"/data/projects/{uuid.uuid4()}/team"), 404)


def test_team_listing_runs_a_fixed_number_of_queries(admin, db, project, count_queries):
    def build(count: int) -> int:
        for _ in range(count):
            person = factories.make_person(db)
            factories.add_to_team(db, project, person)
            factories.add_to_department(db, person, factories.make_department(db))
        db.commit()
        with count_queries() as counter:
            admin.get(f"/data/projects/{sid(project)}/team")
        return counter.count

    assert build(3) == build(30)


# ---------------------------------------------------------------- POST


def test_a_manager_adds_a_member_with_a_project_role(as_role, db, project):
    manager = member(as_role, db, project, "manager")
    person = factories.make_person(db)
    db.commit()
    payload = {"person_id": sid(person), "role": "supervisor"}
    response = manager.post(f"/data/projects/{sid(project)}/team", json=payload)
    assert response.status_code == 201
    assert response.json()["id"] == sid(project)
    assert response.json()["type"] == "Project"
    assert team_roles(db, project)[sid(person)] == "supervisor"
    logged = events(db, "project:update")
    assert [e.data for e in logged] == [{"project_id": sid(project)}]


def test_adding_twice_keeps_one_link(admin, db, project):
    person = factories.make_person(db)
    db.commit()
    url = f"/data/projects/{sid(project)}/team"
    assert admin.post(url, json={"person_id": sid(person)}).status_code == 201
    assert admin.post(url, json={"person_id": sid(person)}).status_code == 201
    assert team_roles(db, project) == {sid(person): None}


@pytest.mark.parametrize(
    "payload",
    [
        {},
        {"person_id": ""},
        {"person_id": "x", "role": "admin"},
        {"person_id": "x", "role": "boss"},
    ],
)
def test_bad_team_bodies_are_refused(admin, project, payload):
    assert_invalid(admin.post(f"/data/projects/{sid(project)}/team", json=payload))


def test_team_arguments_may_come_from_the_query_string(admin, db, project):
    person = factories.make_person(db)
    db.commit()
    url = f"/data/projects/{sid(project)}/team"
    assert admin.post(url, params={"person_id": sid(person)}).status_code == 201
    assert team_roles(db, project) == {sid(person): None}


def test_an_unknown_person_is_refused(admin, db, project):
    missing = str(uuid.uuid4())
    response = admin.post(f"/data/projects/{sid(project)}/team", json={"person_id": missing})
    assert_error(response, 400, f"Person with id {missing} not found")
    assert team_roles(db, project) == {}


def test_a_preview_account_only_joins_its_own_project(admin, db, project):
    other = factories.make_project(db)
    preview = factories.make_person(db, role="client", preview_project_id=other.id)
    db.commit()
    response = admin.post(f"/data/projects/{sid(project)}/team", json={"person_id": sid(preview)})
    assert_error(response, 400, "A preview account can only belong to its own project")


@pytest.mark.parametrize("role", NON_MANAGERS)
def test_only_managers_of_the_project_add_members(as_role, db, project, role):
    caller = member(as_role, db, project, role)
    person = factories.make_person(db)
    db.commit()
    response = caller.post(f"/data/projects/{sid(project)}/team", json={"person_id": sid(person)})
    assert_forbidden(response)
    assert sid(person) not in team_roles(db, project)


def test_a_manager_of_another_project_cannot_add(as_role, db, project):
    other = factories.make_project(db)
    manager = member(as_role, db, other, "manager")
    person = factories.make_person(db)
    db.commit()
    response = manager.post(f"/data/projects/{sid(project)}/team", json={"person_id": sid(person)})
    assert_forbidden(response)


# ---------------------------------------------------------------- DELETE


def test_a_manager_removes_a_member(as_role, db, project):
    manager = member(as_role, db, project, "manager")
    person = factories.make_person(db)
    factories.add_to_team(db, project, person)
    db.commit()
    response = manager.delete(f"/data/projects/{sid(project)}/team/{sid(person)}")
    assert response.status_code == 204
    assert set(team_roles(db, project)) == {sid(manager.person)}
    assert len(events(db, "project:update")) == 1


def test_removing_an_outsider_is_a_no_op(admin, db, project):
    response = admin.delete(f"/data/projects/{sid(project)}/team/{uuid.uuid4()}")
    assert response.status_code == 204
    assert_error(admin.delete(f"/data/projects/{sid(project)}/team/bad"), 400, "Malformed ID.")


@pytest.mark.parametrize("role", NON_MANAGERS)
def test_only_managers_remove_members(as_role, db, project, role):
    caller = member(as_role, db, project, role)
    response = caller.delete(f"/data/projects/{sid(project)}/team/{sid(caller.person)}")
    assert_forbidden(response)
    assert sid(caller.person) in team_roles(db, project)


# ---------------------------------------------------------------- PUT


def test_a_manager_sets_then_clears_a_project_role(as_role, db, project):
    manager = member(as_role, db, project, "manager")
    person = factories.make_person(db, role="user")
    factories.add_to_team(db, project, person)
    db.commit()
    url = f"/data/projects/{sid(project)}/team/{sid(person)}"
    response = manager.put(url, json={"role": "supervisor"})
    assert response.status_code == 200
    expected = {"project_id": sid(project), "person_id": sid(person), "role": "supervisor"}
    assert response.json() == expected
    assert team_roles(db, project)[sid(person)] == "supervisor"
    cleared = manager.put(url, json={"role": None})
    assert cleared.json()["role"] is None
    assert team_roles(db, project)[sid(person)] is None


def test_a_project_role_changes_what_the_member_may_do(as_role, db, project):
    caller = member(as_role, db, project, "user")
    person = factories.make_person(db)
    db.commit()
    url = f"/data/projects/{sid(project)}/team"
    assert_forbidden(caller.post(url, json={"person_id": sid(person)}))
    admin = as_role("admin")
    admin.put(f"{url}/{sid(caller.person)}", json={"role": "manager"})
    assert caller.post(url, json={"person_id": sid(person)}).status_code == 201


def test_roles_are_only_set_on_members(admin, db, project):
    outsider = factories.make_person(db)
    db.commit()
    response = admin.put(
        f"/data/projects/{sid(project)}/team/{sid(outsider)}", json={"role": "user"}
    )
    assert_error(response, 400, "Person is not a member of the project team")
    bad = admin.put(f"/data/projects/{sid(project)}/team/{sid(outsider)}", json={"role": "admin"})
    assert_invalid(bad)


def test_a_preview_account_keeps_its_client_role(admin, db, project):
    preview = factories.make_person(db, role="client", preview_project_id=project.id)
    factories.add_to_team(db, project, preview)
    db.commit()
    response = admin.put(
        f"/data/projects/{sid(project)}/team/{sid(preview)}", json={"role": "manager"}
    )
    assert_error(response, 400, "A preview account keeps its client role")
    assert team_roles(db, project)[sid(preview)] is None


@pytest.mark.parametrize("role", NON_MANAGERS)
def test_only_managers_set_roles(as_role, db, project, role):
    caller = member(as_role, db, project, role)
    response = caller.put(
        f"/data/projects/{sid(project)}/team/{sid(caller.person)}", json={"role": "manager"}
    )
    assert_forbidden(response)
    assert team_roles(db, project)[sid(caller.person)] is None
