"""Edits: creation, detail, listings, tasks, previews, versions, deletion."""

from __future__ import annotations

import uuid

import pytest

from reeltrack.models import Entity, EntityVersion, Task
from tests import factories
from tests.crud.support import assert_error, assert_forbidden, events, one_event, reload, sid
from tests.routes.shots.production import (
    assert_invalid,
    make_production,
    make_task,
    with_team,
)

NOT_MANAGERS = ("supervisor", "user", "client", "vendor")


def make_edit(db, prod, **fields):
    fields.setdefault("name", f"edit {uuid.uuid4().hex[:6]}")
    return factories.make_entity(db, prod.project, type_name="Edit", **fields)


@pytest.fixture()
def edit(db, prod):
    row = make_edit(db, prod, name="Cut 1", parent_id=prod.episode.id, data={"v": 1})
    db.commit()
    return row


def test_a_manager_creates_an_edit_in_an_episode(db, prod):
    url = f"/data/projects/{prod.project.id}/edits"
    body = {"name": "Cut 2", "episode_id": sid(prod.episode), "description": "first"}
    response = prod.callers["manager"].post(url, json=body)
    assert response.status_code == 201, response.text
    data = response.json()
    assert (data["type"], data["parent_id"], data["description"]) == (
        "Edit",
        sid(prod.episode),
        "first",
    )
    event = one_event(db, "edit:new")
    assert event.data["edit_id"] == data["id"] and event.data["parent_id"] == sid(prod.episode)
    again = prod.callers["manager"].post(url, json=body)
    assert again.json()["id"] == data["id"] and len(events(db, "edit:new")) == 1


@pytest.mark.parametrize("role", NOT_MANAGERS)
def test_only_managers_create_edits(prod, role):
    url = f"/data/projects/{prod.project.id}/edits"
    assert_forbidden(prod.callers[role].post(url, json={"name": "Cut"}))


def test_edit_creation_checks_the_episode(db, prod):
    other = make_production(db)
    url = f"/data/projects/{prod.project.id}/edits"
    manager = prod.callers["manager"]
    assert_error(manager.post(url, json={"name": "C", "episode_id": sid(other.episode)}), 404)
    assert_error(manager.post(url, json={"name": "C", "episode_id": sid(prod.sequence)}), 404)
    assert_invalid(manager.post(url, json={"name": "C", "episode_id": "nope"}))
    assert_invalid(manager.post(url, json={"name": ""}))
    assert_error(manager.post(f"/data/projects/{uuid.uuid4()}/edits", json={"name": "C"}), 404)


def test_an_edit_reads_with_its_episode_and_tasks(db, prod, edit):
    task = make_task(db, edit)
    db.commit()
    data = prod.callers["client"].get(f"/data/edits/{edit.id}").json()
    assert (data["type"], data["episode_id"], data["episode_name"]) == (
        "Edit",
        sid(prod.episode),
        "E01",
    )
    assert data["project_name"] == prod.project.name
    assert [t["id"] for t in data["tasks"]] == [sid(task)]
    assert data["data"] == {"v": 1}


def test_edit_ids_of_the_wrong_kind_or_malformed(prod, edit):
    admin = prod.callers["admin"]
    for sub in ("", "/tasks", "/task-types", "/preview-files", "/versions"):
        assert_error(admin.get(f"/data/edits/{prod.shots[0].id}{sub}"), 404)
        assert_error(admin.get(f"/data/edits/bad{sub}"), 400)
    assert_error(admin.get(f"/data/episodes/{edit.id}/edits"), 404)


def test_edit_access_by_role(db, as_role, prod, edit):
    for role in ("admin", "manager", "supervisor", "user", "client"):
        assert prod.callers[role].get(f"/data/edits/{edit.id}/tasks").status_code == 200
    assert_forbidden(prod.callers["vendor"].get(f"/data/edits/{edit.id}"))
    assert_forbidden(as_role("manager").get(f"/data/edits/{edit.id}"))
    make_task(db, edit, assignees=[prod.callers["vendor"].person])
    db.commit()
    assert prod.callers["vendor"].get(f"/data/edits/{edit.id}").status_code == 200


def test_edit_lists(db, prod, edit):
    loose = make_edit(db, prod, name="A loose cut")
    db.commit()
    user = prod.callers["user"]
    rows = user.get(f"/data/edits?project_id={prod.project.id}").json()
    assert [(r["name"], r["project_name"], r["type"]) for r in rows] == [
        ("A loose cut", prod.project.name, "Edit"),
        ("Cut 1", prod.project.name, "Edit"),
    ]
    assert user.get(f"/data/edits/all?project_id={prod.project.id}").json() == rows
    assert [r["id"] for r in user.get(f"/data/projects/{prod.project.id}/edits").json()] == [
        sid(loose),
        sid(edit),
    ]
    rows = user.get(f"/data/episodes/{prod.episode.id}/edits?relations=true").json()
    assert [r["id"] for r in rows] == [sid(edit)] and rows[0]["entities_out"] == []
    assert_forbidden(user.get("/data/edits"))
    assert len(prod.callers["admin"].get("/data/edits").json()) >= 2


def test_vendors_list_only_their_edits(db, prod, edit):
    vendor = prod.callers["vendor"]
    assert vendor.get(f"/data/edits?project_id={prod.project.id}").json() == []
    make_task(db, edit, assignees=[vendor.person])
    db.commit()
    for url in (
        f"/data/edits?project_id={prod.project.id}",
        f"/data/projects/{prod.project.id}/edits",
    ):
        assert [r["id"] for r in vendor.get(url).json()] == [sid(edit)]
    assert_forbidden(vendor.get(f"/data/episodes/{prod.episode.id}/edit-tasks"))


def test_edit_tasks_task_types_previews_and_versions(db, prod, edit):
    task = make_task(db, edit, assignees=[prod.callers["user"].person])
    preview = factories.make_preview_file(db, task, revision=1)
    db.add(EntityVersion(entity_id=edit.id, name="Cut 1", data={"v": 0}))
    db.commit()
    user, base = prod.callers["user"], f"/data/edits/{edit.id}"
    rows = user.get(f"{base}/tasks?relations=true").json()
    assert [(r["id"], r["assignees"]) for r in rows] == [
        (sid(task), [str(prod.callers["user"].person.id)])
    ]
    assert [r["id"] for r in user.get(f"{base}/task-types").json()] == [str(task.task_type_id)]
    previews = user.get(f"{base}/preview-files").json()
    assert [p["id"] for p in previews[str(task.task_type_id)]] == [sid(preview)]
    versions = user.get(f"{base}/versions").json()
    assert [(v["type"], v["data"]) for v in versions] == [("EditVersion", {"v": 0})]
    episode_tasks = user.get(f"/data/episodes/{prod.episode.id}/edit-tasks").json()
    assert [r["id"] for r in episode_tasks] == [sid(task)]


def test_deleting_edits(db, prod, edit):
    manager = prod.callers["manager"]
    task = make_task(db, edit)
    db.commit()
    edit_id, task_id = edit.id, task.id
    assert_forbidden(prod.callers["user"].delete(f"/data/edits/{edit_id}"))
    assert manager.delete(f"/data/edits/{edit_id}").status_code == 204
    assert reload(db, Entity, edit_id).canceled is True
    assert one_event(db, "edit:update").data["edit_id"] == str(edit_id)
    assert manager.delete(f"/data/edits/{edit_id}?force=true").status_code == 204
    assert reload(db, Entity, edit_id) is None and reload(db, Task, task_id) is None
    assert one_event(db, "edit:delete").data["edit_id"] == str(edit_id)


@pytest.mark.parametrize(
    "path",
    ["/data/edits?project_id={p}", "/data/projects/{p}/edits", "/data/episodes/{e}/edit-tasks"],
)
def test_edit_lists_run_a_fixed_number_of_queries(db, as_role, count_queries, path):
    counts = []
    for size in (3, 30):
        prod = with_team(as_role, db, make_production(db))
        for _ in range(size):
            make_task(db, make_edit(db, prod, parent_id=prod.episode.id))
        db.commit()
        url = path.format(p=prod.project.id, e=prod.episode.id)
        with count_queries() as counter:
            rows = prod.callers["user"].get(url).json()
        assert len(rows) == size
        counts.append(counter.count)
    assert counts[0] == counts[1]
