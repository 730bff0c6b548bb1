"""Who may call each project template route: admins and managers read, only admins write."""

from __future__ import annotations

import uuid

import pytest

from tests.crud.support import assert_forbidden, events, member
from tests.routes.project_templates.support import ACTIONS, BASE, seed

ROLES = ("manager", "supervisor", "user", "client", "vendor", "bot")
READS = (
    "task-types",
    "task-statuses",
    "asset-types",
    "status-automations",
    "preview-background-files",
)


def _writes(data):
    """Every writing call (method, path, body) on the seeded template and project."""
    t, p = data["template"].id, data["project"].id
    return [
        ("post", f"{BASE}/{t}/task-types", {"task_type_id": str(data["task_type"].id)}),
        ("delete", f"{BASE}/{t}/task-types/{data['task_type'].id}", None),
        ("post", f"{ACTIONS}/{t}/task-types/reorder", {"task_type_ids": []}),
        ("post", f"{BASE}/{t}/task-statuses", {"task_status_id": str(data["task_status"].id)}),
        ("delete", f"{BASE}/{t}/task-statuses/{data['task_status'].id}", None),
        ("post", f"{ACTIONS}/{t}/task-statuses/reorder", {"task_status_ids": []}),
        ("post", f"{BASE}/{t}/asset-types", {"asset_type_id": str(data["asset_type"].id)}),
        ("delete", f"{BASE}/{t}/asset-types/{data['asset_type'].id}", None),
        (
            "post",
            f"{BASE}/{t}/status-automations",
            {"status_automation_id": str(data["automation"].id)},
        ),
        ("delete", f"{BASE}/{t}/status-automations/{data['automation'].id}", None),
        (
            "post",
            f"{BASE}/{t}/preview-background-files",
            {"preview_background_file_id": str(data["background"].id)},
        ),
        ("delete", f"{BASE}/{t}/preview-background-files/{data['background'].id}", None),
        ("put", f"{BASE}/{t}/default-preview-background-file", {}),
        ("put", f"{BASE}/{t}/metadata-descriptors", []),
        ("post", f"/data/project-templates/from-project/{p}", {"name": "Copy"}),
        ("post", f"/data/projects/{p}/apply-template/{t}", None),
    ]


def _call(client, method, path, body):
    if method in ("post", "put"):
        return getattr(client, method)(path, json=body)
    return getattr(client, method)(path)


@pytest.fixture()
def data(db):
    return seed(db)


@pytest.mark.parametrize("role", ROLES)
def test_only_admins_write(as_role, db, data, role):
    # Even a member of the project's team, whatever their role, is refused.
    caller, _ = member(as_role, db, role, data["project"])
    for method, path, body in _writes(data):
        assert_forbidden(_call(caller, method, path, body))
    # Refused before the template or project is looked up.
    unknown = uuid.uuid4()
    assert_forbidden(caller.post(f"/data/projects/{unknown}/apply-template/{unknown}"))
    assert events(db) == []


def test_admins_may_write_everything(admin, data):
    for method, path, body in _writes(data):
        response = _call(admin, method, path, body)
        assert response.status_code < 300, (method, path, response.text)


@pytest.mark.parametrize("role", ROLES)
def test_reads_are_for_admins_and_managers(as_role, data, role):
    caller = as_role(role)
    for suffix in READS:
        path = f"{BASE}/{data['template'].id}/{suffix}"
        response = caller.get(path)
        if role == "manager":
            assert response.status_code == 200, response.text
            assert response.json() == []
        else:
            assert_forbidden(response)
            assert_forbidden(caller.get(f"{BASE}/{uuid.uuid4()}/{suffix}"))


def test_anonymous_callers_are_refused(client, data):
    response = client.get(f"{BASE}/{data['template'].id}/task-types")
    assert response.status_code == 401
