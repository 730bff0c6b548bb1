"""Hot list routes run a fixed, small number of SQL statements whatever the row count."""

from __future__ import annotations

import pytest

from reeltrack.models import ProjectTaskTypeLink
from tests import factories

# Statements per request on SQLite (BEGIN and COMMIT included); PostgreSQL runs fewer.
MAX_PERSON_LIST = 8
MAX_PROJECT_LIST = 12


def _people(db, count: int) -> None:
    department = factories.make_department(db)
    for _ in range(count):
        person = factories.make_person(db)
        factories.add_to_department(db, person, department)
    db.commit()


def _projects(db, count: int, member) -> None:
    task_type = factories.make_task_type(db)
    for _ in range(count):
        project = factories.make_project(db, team=[member, factories.make_person(db)])
        db.add(ProjectTaskTypeLink(project_id=project.id, task_type_id=task_type.id, priority=1))
    db.commit()


def _measure(count_queries, client, url: str, params: dict) -> tuple[int, int]:
    with count_queries() as counter:
        response = client.get(url, params=params)
    assert response.status_code == 200
    body = response.json()
    return counter.count, len(body["data"] if isinstance(body, dict) else body)


@pytest.mark.parametrize("params", [{}, {"relations": "true"}, {"page": "1"}])
@pytest.mark.parametrize("role", ["admin", "user", "client"])
def test_person_list_query_count_does_not_grow(role, params, as_role, db, count_queries):
    caller = as_role(role)
    if role == "client":
        factories.make_project(db, team=[caller.person])
    _people(db, 3)
    small, small_rows = _measure(count_queries, caller, "/data/persons", params)
    _people(db, 27)
    large, large_rows = _measure(count_queries, caller, "/data/persons", params)
    if role != "client":
        assert (small_rows, large_rows) == (4, 31)
    assert small == large
    assert small <= MAX_PERSON_LIST


@pytest.mark.parametrize("role", ["admin", "manager", "vendor"])
def test_project_list_with_relations_query_count_does_not_grow(role, as_role, db, count_queries):
    caller = as_role(role)
    params = {"relations": "true"}
    _projects(db, 3, caller.person)
    small, small_rows = _measure(count_queries, caller, "/data/projects", params)
    _projects(db, 27, caller.person)
    large, large_rows = _measure(count_queries, caller, "/data/projects", params)
    assert (small_rows, large_rows) == (3, 30)
    assert small == large
    assert small <= MAX_PROJECT_LIST


def test_reference_lists_query_count_does_not_grow(admin, db, count_queries):
    for _ in range(3):
        factories.make_task_type(db)
    db.commit()
    small, _ = _measure(count_queries, admin, "/data/task-types", {})
    for _ in range(27):
        factories.make_task_type(db)
    db.commit()
    large, rows = _measure(count_queries, admin, "/data/task-types", {})
    assert rows == 30
    assert small == large <= 6
