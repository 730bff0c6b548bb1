"""Softwares of the task types of a production."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import select

from reeltrack.models import ProjectTaskTypeLink, ProjectTaskTypeSoftwareLink, project_person_link
from tests import factories
from tests.crud.support import assert_error, assert_forbidden, events, sid


@pytest.fixture()
def setup(db):
    project = factories.make_project(db)
    department = factories.make_department(db)
    task_type = factories.make_task_type(db, department_id=department.id)
    db.add(ProjectTaskTypeLink(project_id=project.id, task_type_id=task_type.id))
    software = factories.make_software(db)
    db.commit()
    return project, task_type, software, department


def member(as_role, db, project, role):
    caller = as_role(role)
    db.execute(
        project_person_link.insert().values(project_id=project.id, person_id=caller.person.id)
    )
    db.commit()
    return caller


def link_ids(db) -> list[tuple[str, str]]:
    db.commit()
    rows = db.scalars(select(ProjectTaskTypeSoftwareLink))
    return [(str(r.task_type_id), str(r.software_id)) for r in rows]


def test_a_manager_links_then_unlinks_a_software(as_role, db, setup):
    project, task_type, software, _ = setup
    manager = member(as_role, db, project, "manager")
    base = f"/data/projects/{sid(project)}/task-types/{sid(task_type)}/softwares"
    response = manager.post(base, json={"software_id": sid(software)})
    assert response.status_code == 201
    expected = {
        "project_id": sid(project),
        "task_type_id": sid(task_type),
        "software_id": sid(software),
    }
    assert response.json() == expected
    assert manager.post(base, json={"software_id": sid(software)}).json() == expected
    assert link_ids(db) == [(sid(task_type), sid(software))]
    assert manager.get(f"/data/projects/{sid(project)}/task-type-softwares").json() == [expected]
    assert manager.delete(f"{base}/{sid(software)}").status_code == 204
    assert manager.delete(f"{base}/{sid(software)}").status_code == 204
    assert link_ids(db) == []
    assert len(events(db, "project:update")) == 2


def test_links_are_checked(admin, db, setup):
    project, task_type, software, _ = setup
    other_type = factories.make_task_type(db)
    archived = factories.make_software(db, archived=True)
    db.commit()
    base = f"/data/projects/{sid(project)}/task-types"
    outside = admin.post(f"{base}/{sid(other_type)}/softwares", json={"software_id": sid(software)})
    assert_error(outside, 400, "The task type is not a task type of the project.")
    old = admin.post(f"{base}/{sid(task_type)}/softwares", json={"software_id": sid(archived)})
    assert_error(old, 400, "The software is archived.")
    missing = {"software_id": str(uuid.uuid4())}
    assert_error(admin.post(f"{base}/{sid(task_type)}/softwares", json=missing), 404)
    bad = admin.post(f"{base}/{sid(task_type)}/softwares", json={"software_id": "x"})
    assert_error(bad, 400, "task_type_id and software_id must be valid UUIDs.")
    assert link_ids(db) == []


def test_a_supervisor_links_for_their_departments_only(as_role, db, setup):
    project, task_type, software, department = setup
    supervisor = member(as_role, db, project, "supervisor")
    factories.add_to_department(db, supervisor.person, factories.make_department(db))
    db.commit()
    base = f"/data/projects/{sid(project)}/task-types/{sid(task_type)}/softwares"
    assert_forbidden(supervisor.post(base, json={"software_id": sid(software)}))
    factories.add_to_department(db, supervisor.person, department)
    db.commit()
    assert supervisor.post(base, json={"software_id": sid(software)}).status_code == 201


@pytest.mark.parametrize("role", ("user", "client", "vendor"))
def test_others_read_but_cannot_link(as_role, db, setup, role):
    project, task_type, software, _ = setup
    caller = member(as_role, db, project, role)
    base = f"/data/projects/{sid(project)}/task-types/{sid(task_type)}/softwares"
    assert_forbidden(caller.post(base, json={"software_id": sid(software)}))
    assert_forbidden(caller.delete(f"{base}/{sid(software)}"))
    assert caller.get(f"/data/projects/{sid(project)}/task-type-softwares").json() == []
    assert_forbidden(as_role("manager").get(f"/data/projects/{sid(project)}/task-type-softwares"))
