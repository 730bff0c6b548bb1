"""Garbage ids, dates, bodies and paging on every route of the blueprint: 4xx, never a 500."""

from __future__ import annotations

import itertools
import uuid

import pytest

from tests import factories as f

BODIES = [None, ["x"], {"task_ids": [1], "duration": "x", "priority": 1e30}, "text"]


def _blueprint_routes() -> list:
    """The routes of this blueprint, but the comment ones another module serves."""
    from reeltrack.routes.tasks import router

    return [route for route in router.routes if "comment" not in route.path]


def test_no_route_answers_a_server_error(admin, db) -> None:
    project = f.make_project(db)
    task = f.make_task(db, f.make_entity(db, project))
    db.commit()
    values = {
        "task_id": ["bad", str(project.id)],
        "project_id": ["bad", str(task.id)],
        "person_id": ["bad", str(uuid.uuid4())],
        "task_type_id": ["bad", str(uuid.uuid4())],
        "entity_id": ["bad", str(task.id)],
        "date": ["2026-02-30"],
        "entity_type": ["zz"],
    }
    routes = _blueprint_routes()
    assert len(routes) >= 30
    errors = []
    for route in routes:
        names = [name for name in values if "{" + name + "}" in route.path]
        for combo in itertools.product(*[values[name] for name in names]):
            path = route.path
            for name, value in zip(names, combo, strict=True):
                path = path.replace("{" + name + "}", value)
            for method in route.methods:
                for body in BODIES if method != "GET" else [None]:
                    status = admin.request(method, path, json=body).status_code
                    if status >= 500:
                        errors.append((method, path, body, status))
    assert errors == []


@pytest.mark.parametrize(
    "query", ["?page=99999999999999999999", "?limit=-99999999999999&page=1", "?page=1.5"]
)
def test_huge_or_odd_paging_is_refused(admin, db, query) -> None:
    project = f.make_project(db)
    db.commit()

    for path in ("/data/tasks/open-tasks", f"/data/projects/{project.id}/tasks"):
        assert admin.get(path + query).status_code == 400
