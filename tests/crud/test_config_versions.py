"""Production schedule versions and their task links: project access, closed to outsiders."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import func, select

from reeltrack.models import (
    ProductionScheduleVersion,
    ProductionScheduleVersionTaskLink,
    Project,
)
from reeltrack.models.schedule import production_schedule_version_task_link_person_link
from tests import factories
from tests.crud.support import (
    NOT_FOUND,
    assert_error,
    assert_forbidden,
    events,
    ids,
    member,
    one_event,
    reload,
    sid,
)

VERSIONS = "/data/production-schedule-versions"
LINKS = "/data/production-schedule-version-task-links"
SAME_PROJECT = "The task and the production schedule version must be in the same project."


# ---------------------------------------------------------------- versions


@pytest.mark.parametrize("role", ["manager", "supervisor", "user"])
def test_members_list_and_read_versions_of_their_project(role, as_role, db):
    caller, project = member(as_role, db, role)
    version = factories.make_production_schedule_version(db, project_id=project.id)
    factories.make_production_schedule_version(db)
    db.commit()
    listed = caller.get(VERSIONS, params={"project_id": str(project.id)}).json()
    assert ids(listed) == {sid(version)}
    assert caller.get(f"{VERSIONS}/{version.id}").json()["name"] == version.name
    assert_forbidden(caller.get(VERSIONS))


@pytest.mark.parametrize("role", ["client", "vendor"])
def test_clients_and_vendors_never_see_versions(role, as_role, db):
    caller, project = member(as_role, db, role)
    version = factories.make_production_schedule_version(db, project_id=project.id)
    db.commit()
    assert_forbidden(caller.get(VERSIONS, params={"project_id": str(project.id)}))
    assert_forbidden(caller.get(f"{VERSIONS}/{version.id}"))
    assert_forbidden(caller.get(LINKS, params={"project_id": str(project.id)}))


def test_a_client_on_one_project_only_is_closed_there(as_role, db):
    artist, project = member(as_role, db, "user", link_role="client")
    version = factories.make_production_schedule_version(db, project_id=project.id)
    db.commit()
    assert_forbidden(artist.get(VERSIONS, params={"project_id": str(project.id)}))
    assert_forbidden(artist.get(f"{VERSIONS}/{version.id}"))


def test_version_lists_of_other_or_unknown_projects(as_role, admin, db):
    artist, _ = member(as_role, db, "user")
    other = factories.make_production_schedule_version(db)
    db.commit()
    assert_forbidden(artist.get(VERSIONS, params={"project_id": str(other.project_id)}))
    assert_forbidden(artist.get(f"{VERSIONS}/{other.id}"))
    unknown = artist.get(VERSIONS, params={"project_id": str(uuid.uuid4())})
    assert_error(unknown, 404, NOT_FOUND)
    assert ids(admin.get(VERSIONS).json()) == {sid(other)}
    assert admin.get(VERSIONS, params={"project_id": str(uuid.uuid4())}).json() == []


def test_project_managers_write_versions(as_role, db):
    manager, project = member(as_role, db, "manager")
    outside = factories.make_production_schedule_version(db)
    db.commit()
    created = manager.post(VERSIONS, json={"project_id": str(project.id), "name": "V1"})
    assert created.status_code == 201
    url = f"{VERSIONS}/{created.json()['id']}"
    assert manager.put(url, json={"locked": True}).json()["locked"] is True
    assert manager.delete(url).status_code == 204
    assert_forbidden(
        manager.post(VERSIONS, json={"project_id": str(outside.project_id), "name": "X"})
    )
    assert_forbidden(manager.put(f"{VERSIONS}/{outside.id}", json={"locked": True}))
    assert_forbidden(manager.delete(f"{VERSIONS}/{outside.id}"))


@pytest.mark.parametrize("role", ["supervisor", "user", "client", "vendor"])
def test_other_members_cannot_write_versions(role, as_role, db):
    caller, project = member(as_role, db, role)
    version = factories.make_production_schedule_version(db, project_id=project.id)
    db.commit()
    assert_forbidden(caller.post(VERSIONS, json={"project_id": str(project.id), "name": "V9"}))
    assert_forbidden(caller.put(f"{VERSIONS}/{version.id}", json={"name": "V9"}))
    assert_forbidden(caller.delete(f"{VERSIONS}/{version.id}"))
    assert reload(db, ProductionScheduleVersion, version.id).name == version.name


def test_a_version_needs_its_project_and_a_unique_name(admin, db):
    version = factories.make_production_schedule_version(db)
    db.commit()
    assert_error(admin.post(VERSIONS, json={"name": "V1"}), 400, "'project_id'")
    duplicate = {"project_id": str(version.project_id), "name": version.name}
    assert_error(admin.post(VERSIONS, json=duplicate), 400)


def test_deleting_a_version_detaches_copies_projects_and_drops_its_links(admin, db):
    version = factories.make_production_schedule_version(db)
    copy = factories.make_production_schedule_version(
        db, project_id=version.project_id, production_schedule_from=version.id
    )
    project = db.get(Project, version.project_id)
    project.from_schedule_version_id = version.id
    person = factories.make_person(db)
    link = factories.make_schedule_version_task_link(db, production_schedule_version_id=version.id)
    db.execute(
        production_schedule_version_task_link_person_link.insert().values(
            production_schedule_version_task_link_id=link.id, person_id=person.id
        )
    )
    db.commit()
    assert admin.delete(f"{VERSIONS}/{version.id}").status_code == 204
    assert reload(db, ProductionScheduleVersion, copy.id).production_schedule_from is None
    assert reload(db, Project, project.id).from_schedule_version_id is None
    assert reload(db, ProductionScheduleVersionTaskLink, link.id) is None
    person_links = production_schedule_version_task_link_person_link
    assert db.scalar(select(func.count()).select_from(person_links)) == 0
    assert one_event(db, "project:update").data == {"project_id": sid(project)}


# ---------------------------------------------------------------- task links


def test_members_list_the_links_of_their_project(as_role, admin, db):
    supervisor, project = member(as_role, db, "supervisor")
    link = factories.make_schedule_version_task_link(db, project_id=project.id)
    other = factories.make_schedule_version_task_link(db)
    db.commit()
    listed = supervisor.get(LINKS, params={"project_id": str(project.id)}).json()
    assert ids(listed) == {sid(link)}
    assert supervisor.get(f"{LINKS}/{link.id}").json()["task_id"] == str(link.task_id)
    assert_forbidden(supervisor.get(f"{LINKS}/{other.id}"))
    assert_forbidden(supervisor.get(LINKS))
    assert ids(admin.get(LINKS).json()) == {sid(link), sid(other)}
    by_project = admin.get(LINKS, params={"project_id": str(project.id)}).json()
    assert ids(by_project) == {sid(link)}
    assert_error(admin.get(LINKS, params={"project_id": "nope"}), 400, "Invalid project_id.")


def test_a_link_joins_a_task_and_a_version_of_one_project(as_role, db):
    manager, project = member(as_role, db, "manager")
    version = factories.make_production_schedule_version(db, project_id=project.id)
    task = factories.make_config_task(db, project_id=project.id)
    foreign_task = factories.make_config_task(db)
    assignee = factories.make_person(db)
    db.commit()
    body = {"production_schedule_version_id": str(version.id), "task_id": str(foreign_task.id)}
    assert_error(manager.post(LINKS, json=body), 400, SAME_PROJECT)
    body = {**body, "task_id": str(task.id), "assignees": [str(assignee.id)]}
    created = manager.post(LINKS, json=body)
    assert created.status_code == 201, created.text
    assert created.json()["assignees"] == [sid(assignee)]
    assert one_event(db, "production-schedule-version-task-link:new").data == {
        "production_schedule_version_task_link_id": created.json()["id"]
    }


def test_link_creation_checks_its_parents_before_the_caller(as_role, admin, db):
    artist, project = member(as_role, db, "user")
    version = factories.make_production_schedule_version(db, project_id=project.id)
    task = factories.make_config_task(db, project_id=project.id)
    db.commit()
    good = {"production_schedule_version_id": str(version.id), "task_id": str(task.id)}
    assert_forbidden(artist.post(LINKS, json=good))
    missing_task = {"production_schedule_version_id": str(version.id)}
    assert_error(admin.post(LINKS, json=missing_task), 400, "'task_id'")
    unknown = {**good, "task_id": str(uuid.uuid4())}
    assert_error(admin.post(LINKS, json=unknown), 404, NOT_FOUND)
    malformed = {**good, "production_schedule_version_id": "x"}
    assert_error(admin.post(LINKS, json=malformed), 404, NOT_FOUND)
    assert events(db) == []


def test_a_link_keeps_its_task_and_version(admin, db):
    link = factories.make_schedule_version_task_link(db)
    other = factories.make_schedule_version_task_link(db)
    db.commit()
    body = {"task_id": str(other.task_id), "estimation": 9.0}
    body["production_schedule_version_id"] = str(other.production_schedule_version_id)
    response = admin.put(f"{LINKS}/{link.id}", json=body)
    assert response.status_code == 200
    stored = reload(db, ProductionScheduleVersionTaskLink, link.id)
    assert (stored.task_id, stored.estimation) == (link.task_id, 9.0)
    assert stored.production_schedule_version_id == link.production_schedule_version_id


@pytest.mark.parametrize("role", ["supervisor", "user", "client", "vendor"])
def test_only_project_managers_change_links(role, as_role, db):
    caller, project = member(as_role, db, role)
    link = factories.make_schedule_version_task_link(db, project_id=project.id)
    db.commit()
    assert_forbidden(caller.put(f"{LINKS}/{link.id}", json={"estimation": 1.0}))
    assert_forbidden(caller.delete(f"{LINKS}/{link.id}"))
    assert reload(db, ProductionScheduleVersionTaskLink, link.id).estimation == 2.0


def test_a_project_manager_changes_and_deletes_links(as_role, db):
    manager, project = member(as_role, db, "manager")
    link = factories.make_schedule_version_task_link(db, project_id=project.id)
    db.commit()
    url = f"{LINKS}/{link.id}"
    assert manager.put(url, json={"estimation": 4.0}).json()["estimation"] == 4.0
    assert manager.delete(url).status_code == 204
    assert reload(db, ProductionScheduleVersionTaskLink, link.id) is None
