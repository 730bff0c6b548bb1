"""A template's task types and task statuses: listing, linking, unlinking, reordering."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import select

from reeltrack.models import ProjectTemplateTaskStatusLink, ProjectTemplateTaskTypeLink
from tests import factories
from tests.crud.support import assert_error, events
from tests.routes.project_templates.support import ACTIONS, assert_400, seed, url


@pytest.fixture()
def data(db):
    return seed(db)


def _type_links(db, template):
    db.commit()
    query = select(ProjectTemplateTaskTypeLink).where(
        ProjectTemplateTaskTypeLink.project_template_id == template.id
    )
    return {
        str(link.task_type_id): link
        for link in db.scalars(query, execution_options={"populate_existing": True})
    }


def _status_links(db, template):
    db.commit()
    query = select(ProjectTemplateTaskStatusLink).where(
        ProjectTemplateTaskStatusLink.project_template_id == template.id
    )
    return {
        str(link.task_status_id): link
        for link in db.scalars(query, execution_options={"populate_existing": True})
    }


def test_add_task_type_returns_the_link_and_emits(admin, db, data):
    template, task_type = data["template"], data["task_type"]
    response = admin.post(
        url(template, "task-types"),
        json={"task_type_id": str(task_type.id), "priority": 2, "hd_bitrate_compression": 10},
    )
    assert response.status_code == 201, response.text
    link = response.json()
    assert link["type"] == "ProjectTemplateTaskTypeLink"
    assert link["project_template_id"] == str(template.id)
    assert link["task_type_id"] == str(task_type.id)
    assert (link["priority"], link["hd_bitrate_compression"]) == (2, 10)
    assert link["ld_bitrate_compression"] is None and link["is_client_visible"] is True
    assert {"id", "created_at", "updated_at"} <= set(link)
    found = events(db, "project-template:update")
    assert [e.data["project_template_id"] for e in found] == [str(template.id)]


def test_add_task_type_again_updates_only_what_is_sent(admin, db, data):
    template, task_type = data["template"], data["task_type"]
    body = {"task_type_id": str(task_type.id), "priority": 3, "ld_bitrate_compression": 5}
    admin.post(url(template, "task-types"), json=body)
    response = admin.post(
        url(template, "task-types"),
        json={"task_type_id": str(task_type.id), "is_client_visible": False},
    )
    assert response.status_code == 201
    link = _type_links(db, template)[str(task_type.id)]
    assert (link.priority, link.ld_bitrate_compression, link.is_client_visible) == (3, 5, False)
    assert len(_type_links(db, template)) == 1


def test_task_type_bitrates_are_checked_against_the_template(admin, data):
    template, task_type = data["template"], data["task_type"]
    too_high = {"task_type_id": str(task_type.id), "ld_bitrate_compression": 21}
    response = admin.post(url(template, "task-types"), json=too_high)
    assert_error(
        response,
        400,
        "The low definition bitrate (21) cannot exceed the high definition one (20).",
    )
    response = admin.post(
        url(template, "task-types"),
        json={"task_type_id": str(task_type.id), "hd_bitrate_compression": 100000},
    )
    assert_error(response, 400)
    response = admin.post(
        url(template, "task-types"),
        json={"task_type_id": str(task_type.id), "hd_bitrate_compression": 0},
    )
    assert_400(response, "Validation error.")


def test_list_task_types_shape_and_order(admin, db, data, count_queries):
    template = data["template"]
    admin.post(url(template, "task-types"), json={"task_type_id": str(data["task_type"].id)})
    admin.post(
        url(template, "task-types"),
        json={"task_type_id": str(data["task_type2"].id), "priority": 1},
    )
    response = admin.get(url(template, "task-types"))
    assert response.status_code == 200
    rows = response.json()
    # No priority counts as 0: Modeling (None) comes before Animation (1).
    assert [row["name"] for row in rows] == ["Modeling", "Animation"]
    first = rows[0]
    assert first["type"] == "TaskType" and first["id"] == str(data["task_type"].id)
    assert first["priority"] is None and first["is_client_visible"] is True
    assert "hd_bitrate_compression" in first and "ld_bitrate_compression" in first
    with count_queries() as few:
        admin.get(url(template, "task-types"))
    for _ in range(3):
        extra = factories.make_task_type(db)
        db.commit()
        admin.post(url(template, "task-types"), json={"task_type_id": str(extra.id)})
    with count_queries() as many:
        assert len(admin.get(url(template, "task-types")).json()) == 5
    assert many.count == few.count


def test_add_task_type_bad_ids(admin, data):
    template = data["template"]
    unknown = str(uuid.uuid4())
    response = admin.post(url(template, "task-types"), json={"task_type_id": "nope"})
    assert_error(response, 400, "task_type_id is required and must be a valid UUID")
    response = admin.post(url(template, "task-types"), json={"task_type_id": unknown})
    assert_error(response, 400, f"Task type {unknown} does not exist")
    response = admin.post(
        url(template, "task-types"), json={"task_type_id": str(data["task_status"].id)}
    )
    assert_error(response, 400)
    response = admin.post(
        f"/data/project-templates/{unknown}/task-types",
        json={"task_type_id": str(data["task_type"].id)},
    )
    assert_error(response, 404, "Project template not found")
    assert_error(admin.get("/data/project-templates/nope/task-types"), 404)
    too_big = {"task_type_id": str(data["task_type"].id), "priority": 2**40}
    assert_400(admin.post(url(template, "task-types"), json=too_big), "Validation error.")
    for body in ({}, {"task_type_id": 5}, [], {"task_type_id": ""}, "x"):
        assert_400(admin.post(url(template, "task-types"), json=body))


def test_remove_task_type(admin, db, data):
    template, task_type = data["template"], data["task_type"]
    admin.post(url(template, "task-types"), json={"task_type_id": str(task_type.id)})
    response = admin.delete(url(template, f"task-types/{task_type.id}"))
    assert response.status_code == 204
    assert _type_links(db, template) == {}
    # Unlinking what is not linked, or an id of nothing, is a no-op.
    assert admin.delete(url(template, f"task-types/{task_type.id}")).status_code == 204
    assert admin.delete(url(template, "task-types/nope")).status_code == 204
    unknown = uuid.uuid4()
    assert_error(admin.delete(f"/data/project-templates/{unknown}/task-types/{task_type.id}"), 404)


def test_reorder_task_types_sets_positions_and_links_missing(admin, db, data):
    template = data["template"]
    first, second = data["task_type"], data["task_type2"]
    admin.post(
        url(template, "task-types"),
        json={"task_type_id": str(first.id), "priority": 7, "hd_bitrate_compression": 4},
    )
    response = admin.post(
        f"{ACTIONS}/{template.id}/task-types/reorder",
        json={"task_type_ids": [str(second.id), str(first.id)]},
    )
    assert response.status_code == 200, response.text
    assert [link["task_type_id"] for link in response.json()] == [str(second.id), str(first.id)]
    links = _type_links(db, template)
    assert (links[str(second.id)].priority, links[str(first.id)].priority) == (1, 2)
    assert links[str(first.id)].hd_bitrate_compression == 4


def test_reorder_refuses_bad_bodies_and_ids(admin, db, data):
    template = data["template"]
    reorder = f"{ACTIONS}/{template.id}/task-types/reorder"
    for body in ({}, {"task_type_ids": "x"}, {"task_type_ids": [1]}, None):
        assert_400(admin.post(reorder, json=body))
    response = admin.post(reorder, json={"task_type_ids": [str(data["task_type"].id), "nope"]})
    assert_error(response, 400)
    assert _type_links(db, template) == {}  # nothing half-written
    response = admin.post(
        f"{ACTIONS}/{uuid.uuid4()}/task-types/reorder",
        json={"task_type_ids": [str(data["task_type"].id)]},
    )
    assert_error(response, 404)


def test_add_task_status_and_list(admin, db, data, count_queries):
    template, status = data["template"], data["task_status"]
    response = admin.post(
        url(template, "task-statuses"),
        json={
            "task_status_id": str(status.id),
            "priority": 2,
            "roles_for_board": ["user", "manager"],
            "is_client_allowed": True,
        },
    )
    assert response.status_code == 201, response.text
    link = response.json()
    assert link["type"] == "ProjectTemplateTaskStatusLink"
    assert (link["priority"], link["roles_for_board"], link["is_client_allowed"]) == (
        2,
        ["user", "manager"],
        True,
    )
    # A second call without roles nor client flag keeps them.
    admin.post(url(template, "task-statuses"), json={"task_status_id": str(status.id)})
    stored = _status_links(db, template)[str(status.id)]
    assert (stored.priority, stored.roles_for_board, stored.is_client_allowed) == (
        2,
        ["user", "manager"],
        True,
    )
    # An explicit null resets the client flag.
    admin.post(
        url(template, "task-statuses"),
        json={"task_status_id": str(status.id), "is_client_allowed": None},
    )
    assert _status_links(db, template)[str(status.id)].is_client_allowed is None
    with count_queries() as one:
        admin.get(url(template, "task-statuses"))
    second = {"task_status_id": str(data["task_status2"].id)}
    admin.post(url(template, "task-statuses"), json=second)
    with count_queries() as two:
        rows = admin.get(url(template, "task-statuses")).json()
    assert one.count == two.count
    assert [row["name"] for row in rows] == ["Done", "Wip"]
    wip = rows[1]
    assert wip["type"] == "TaskStatus" and wip["priority"] == 2
    assert wip["roles_for_board"] == ["user", "manager"] and wip["link_is_client_allowed"] is None
    assert rows[0]["priority"] is None


def test_task_status_bad_input(admin, data):
    template = data["template"]
    status_id = str(data["task_status"].id)
    assert_400(admin.post(url(template, "task-statuses"), json={"task_status_id": "x"}))
    bad_roles = {"task_status_id": status_id, "roles_for_board": ["king"]}
    assert_400(admin.post(url(template, "task-statuses"), json=bad_roles))
    for body in ({"task_status_id": status_id, "roles_for_board": None}, {"priority": 1}):
        assert_400(admin.post(url(template, "task-statuses"), json=body))


def test_remove_and_reorder_task_statuses(admin, db, data):
    template = data["template"]
    first, second = data["task_status"], data["task_status2"]
    admin.post(
        url(template, "task-statuses"),
        json={"task_status_id": str(first.id), "roles_for_board": ["client"]},
    )
    response = admin.post(
        f"{ACTIONS}/{template.id}/task-statuses/reorder",
        json={"task_status_ids": [str(second.id), str(first.id)]},
    )
    assert response.status_code == 200
    links = _status_links(db, template)
    assert (links[str(second.id)].priority, links[str(first.id)].priority) == (1, 2)
    assert links[str(first.id)].roles_for_board == ["client"]
    assert admin.delete(url(template, f"task-statuses/{first.id}")).status_code == 204
    assert set(_status_links(db, template)) == {str(second.id)}
    assert admin.delete(url(template, "task-statuses/nope")).status_code == 204
