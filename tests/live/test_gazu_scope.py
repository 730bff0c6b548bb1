"""gazu's person, project, user and context functions for an artist, a supervisor and a manager."""

from __future__ import annotations

import uuid

import gazu
import pytest

from reeltrack.models import Person, Project
from tests import factories

PASSWORD = "scope-password"


@pytest.fixture()
def studio(live_url, db):
    """An admin sets up a project and its team through gazu; a task is assigned to the artist."""
    factories.make_person(db, role="admin", email="admin@scope.test", password=PASSWORD)
    factories.project_status(db, "Open")
    db.commit()
    gazu.set_host(live_url + "/api")
    gazu.log_in("admin@scope.test", PASSWORD)

    project = gazu.project.new_project("Scope Film")
    department = gazu.person.new_department("Animation")
    people = {}
    for role in ("user", "supervisor", "manager"):
        person = gazu.person.new_person(
            role.title(), "Member", f"{role}@scope.test", role=role, password=PASSWORD
        )
        gazu.project.add_person_to_team(project, person)
        people[role] = person
    gazu.person.add_person_to_department(people["supervisor"], department)
    assert {p["id"] for p in gazu.project.get_team(project)} == {p["id"] for p in people.values()}

    row = db.get(Project, uuid.UUID(project["id"]))
    artist = db.get(Person, uuid.UUID(people["user"]["id"]))
    shot = factories.make_entity(db, project=row, type_name="Shot", name="SH010")
    todo = factories.make_task_status(db, name="Todo", short_name="todo", is_default=True)
    task = factories.make_task(db, entity=shot, assignees=[artist], task_status_id=todo.id)
    db.commit()
    gazu.log_out()
    yield {"project": project, "people": people, "task_id": str(task.id)}
    gazu.client.default_client.tokens = {}


@pytest.mark.parametrize("role", ["user", "supervisor", "manager"])
def test_each_role_sees_its_own_scope_through_gazu(studio, role):
    gazu.log_in(f"{role}@scope.test", PASSWORD)
    me = gazu.client.get_current_user()
    assert me["id"] == studio["people"][role]["id"]

    open_projects = gazu.user.all_open_projects()
    assert [p["id"] for p in open_projects] == [studio["project"]["id"]]
    assert gazu.context.all_open_projects(user_context=True) == open_projects

    context = gazu.user.get_context()
    assert [p["id"] for p in context["projects"]] == [studio["project"]["id"]]

    todo = [task["id"] for task in gazu.user.all_tasks_to_do()]
    assert todo == ([studio["task_id"]] if role == "user" else [])

    persons = {p["email"] if "email" in p else p["id"] for p in gazu.person.all_persons()}
    assert len(persons) == 4  # the admin and the three members
    mine = gazu.person.get_person(studio["people"][role]["id"])
    assert mine["full_name"] == f"{role.title()} Member"

    assert gazu.user.all_notifications() == []
    gazu.log_out()
