"""Project settings: asset types, task types, task statuses, automations, backgrounds, batch."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import select

from reeltrack.db.base import Base
from reeltrack.models import ProjectTaskStatusLink, ProjectTaskTypeLink, project_person_link
from tests import factories
from tests.crud.support import assert_error, assert_forbidden, events, sid

NON_MANAGERS = ("supervisor", "user", "client", "vendor")

# (url segment, project attribute, factory, body key)
LISTS = [
    ("asset-types", "project_asset_type_link", "asset_type_id", factories.make_entity_type),
    ("task-types", "project_task_type_link", "task_type_id", factories.make_task_type),
    ("task-status", "project_task_status_link", "task_status_id", factories.make_task_status),
    (
        "status-automations",
        "project_status_automation_link",
        "status_automation_id",
        factories.make_status_automation,
    ),
    (
        "preview-background-files",
        "project_preview_background_file_link",
        "preview_background_file_id",
        factories.make_preview_background_file,
    ),
]
MODEL_NAMES = {
    "asset-types": "EntityType",
    "task-types": "TaskType",
    "task-status": "TaskStatus",
    "status-automations": "StatusAutomation",
    "preview-background-files": "PreviewBackgroundFile",
}


def linked(db, table_name: str, remote: str, project) -> list[str]:
    db.commit()
    table = Base.metadata.tables[table_name]
    rows = db.execute(select(table.c[remote]).where(table.c.project_id == project.id))
    return sorted(str(value) for (value,) in rows)


@pytest.fixture()
def project(db):
    project = factories.make_project(db)
    db.commit()
    return project


def member(as_role, db, project, role):
    caller = as_role(role)
    db.execute(
        project_person_link.insert().values(project_id=project.id, person_id=caller.person.id)
    )
    db.commit()
    return caller


@pytest.mark.parametrize(("segment", "table", "key", "make"), LISTS)
def test_a_manager_adds_then_removes_a_setting(as_role, db, project, segment, table, key, make):
    manager = member(as_role, db, project, "manager")
    target = make(db)
    db.commit()
    url = f"/data/projects/{sid(project)}/settings/{segment}"
    response = manager.post(url, json={key: sid(target)})
    assert response.status_code == 201, response.text
    assert (response.json()["id"], response.json()["type"]) == (sid(project), "Project")
    assert manager.post(url, json={key: sid(target)}).status_code == 201
    assert linked(db, table, key, project) == [sid(target)]
    assert manager.delete(f"{url}/{sid(target)}").status_code == 204
    assert linked(db, table, key, project) == []
    assert manager.delete(f"{url}/{sid(target)}").status_code == 204
    logged = events(db, "project:update")
    assert len(logged) == 4
    assert logged[0].data == {"project_id": sid(project)}


@pytest.mark.parametrize(("segment", "table", "key", "make"), LISTS)
def test_unknown_targets_are_refused(admin, db, project, segment, table, key, make):
    url = f"/data/projects/{sid(project)}/settings/{segment}"
    missing = str(uuid.uuid4())
    response = admin.post(url, json={key: missing})
    if segment == "task-types":
        assert_error(response, 400, f"TaskType with id {missing} not found")
    else:
        assert_error(response, 400, f"{MODEL_NAMES[segment]} with id {missing} not found")
    empty = admin.post(url, json={})
    assert empty.status_code == 400
    assert empty.json()["message"] == "Validation error."
    assert_error(admin.delete(f"{url}/nope"), 400, "Malformed ID.")
    assert linked(db, table, key, project) == []


@pytest.mark.parametrize(("segment", "table", "key", "make"), LISTS)
@pytest.mark.parametrize("role", NON_MANAGERS)
def test_only_managers_change_settings(as_role, db, project, segment, table, key, make, role):
    caller = member(as_role, db, project, role)
    target = make(db)
    db.commit()
    url = f"/data/projects/{sid(project)}/settings/{segment}"
    assert_forbidden(caller.post(url, json={key: sid(target)}))
    assert_forbidden(caller.delete(f"{url}/{sid(target)}"))
    assert linked(db, table, key, project) == []


def test_a_manager_of_another_project_cannot_change_settings(as_role, db, project):
    other = factories.make_project(db)
    manager = member(as_role, db, other, "manager")
    task_status = factories.make_task_status(db)
    db.commit()
    url = f"/data/projects/{sid(project)}/settings/task-status"
    assert_forbidden(manager.post(url, json={"task_status_id": sid(task_status)}))


def test_settings_need_a_known_project(admin):
    url = f"/data/projects/{uuid.uuid4()}/settings/task-status"
    assert_error(admin.get(url), 404)
    assert_error(admin.get("/data/projects/bad/settings/task-status"), 400, "Malformed ID.")


# ---------------------------------------------------------------- lists


@pytest.mark.parametrize("role", ("manager", *NON_MANAGERS))
def test_members_read_task_types_task_statuses_and_backgrounds(as_role, db, project, role):
    caller = member(as_role, db, project, role)
    task_type = factories.make_task_type(db, name="Anim")
    task_status = factories.make_task_status(db)
    background = factories.make_preview_background_file(db)
    factories.make_task_type(db)  # not in the project
    db.add(ProjectTaskTypeLink(project_id=project.id, task_type_id=task_type.id))
    db.add(ProjectTaskStatusLink(project_id=project.id, task_status_id=task_status.id))
    from reeltrack.models.project import project_preview_background_file_link as bg

    db.execute(bg.insert().values(project_id=project.id, preview_background_file_id=background.id))
    db.commit()
    base = f"/data/projects/{sid(project)}"
    types = caller.get(f"{base}/task-types").json()
    assert [(t["id"], t["type"], t["name"]) for t in types] == [
        (sid(task_type), "TaskType", "Anim")
    ]
    statuses = caller.get(f"{base}/settings/task-status").json()
    assert [(s["id"], s["type"]) for s in statuses] == [(sid(task_status), "TaskStatus")]
    backgrounds = caller.get(f"{base}/settings/preview-background-files").json()
    assert [b["id"] for b in backgrounds] == [sid(background)]


def test_outsiders_cannot_read_settings(as_role, project):
    caller = as_role("manager")
    base = f"/data/projects/{sid(project)}"
    assert_forbidden(caller.get(f"{base}/task-types"))
    assert_forbidden(caller.get(f"{base}/settings/task-status"))
    assert_forbidden(caller.get(f"{base}/settings/preview-background-files"))


@pytest.mark.parametrize("role", NON_MANAGERS)
def test_status_automations_are_read_by_managers_only(as_role, db, project, role):
    automation = factories.make_status_automation(db)
    from reeltrack.models.project import project_status_automation_link as link

    db.execute(link.insert().values(project_id=project.id, status_automation_id=automation.id))
    db.commit()
    url = f"/data/projects/{sid(project)}/settings/status-automations"
    assert_forbidden(member(as_role, db, project, role).get(url))
    manager = member(as_role, db, project, "manager")
    assert [a["id"] for a in manager.get(url).json()] == [sid(automation)]


def test_task_type_list_runs_a_fixed_number_of_queries(admin, db, project, count_queries):
    def build(count: int) -> int:
        for _ in range(count):
            task_type = factories.make_task_type(db)
            db.add(ProjectTaskTypeLink(project_id=project.id, task_type_id=task_type.id))
        db.commit()
        with count_queries() as counter:
            admin.get(f"/data/projects/{sid(project)}/task-types")
        return counter.count

    assert build(3) == build(30)


# ---------------------------------------------------------------- task type link details


def type_link(db, project, task_type) -> ProjectTaskTypeLink:
    db.commit()
    query = select(ProjectTaskTypeLink).where(
        ProjectTaskTypeLink.project_id == project.id,
        ProjectTaskTypeLink.task_type_id == task_type.id,
    )
    return db.scalars(query, execution_options={"populate_existing": True}).one()


def test_a_task_type_link_keeps_its_priority_but_takes_bitrates(admin, db, project):
    task_type = factories.make_task_type(db)
    db.commit()
    url = f"/data/projects/{sid(project)}/settings/task-types"
    admin.post(url, json={"task_type_id": sid(task_type), "priority": 3})
    assert type_link(db, project, task_type).priority == 3
    payload = {
        "task_type_id": sid(task_type),
        "priority": 9,
        "hd_bitrate_compression": 10,
        "ld_bitrate_compression": 4,
        "is_client_visible": False,
    }
    assert admin.post(url, json=payload).status_code == 201
    link = type_link(db, project, task_type)
    assert (link.priority, link.hd_bitrate_compression, link.ld_bitrate_compression) == (3, 10, 4)
    assert link.is_client_visible is False


@pytest.mark.parametrize(
    ("payload", "message"),
    [
        ({"hd_bitrate_compression": 100000}, "Invalid bitrate 100000."),
        ({"hd_bitrate_compression": 5, "ld_bitrate_compression": 6}, "cannot exceed"),
    ],
)
def test_task_type_bitrates_are_checked(admin, db, project, payload, message):
    task_type = factories.make_task_type(db)
    db.commit()
    url = f"/data/projects/{sid(project)}/settings/task-types"
    response = admin.post(url, json={"task_type_id": sid(task_type), **payload})
    assert response.status_code == 400
    assert message in response.json()["message"]
    assert admin.post(url, json={"task_type_id": "bad"}).json()["message"] == (
        "task_type_id is required and must be a valid UUID"
    )


def test_a_priority_beyond_the_integer_column_is_a_400(admin, db, project):
    task_type = factories.make_task_type(db)
    db.commit()
    url = f"/data/projects/{sid(project)}/settings/task-types"
    response = admin.post(url, json={"task_type_id": sid(task_type), "priority": 2**31})
    assert response.status_code == 400
    links = select(ProjectTaskTypeLink).where(ProjectTaskTypeLink.project_id == project.id)
    assert db.scalars(links).all() == []
    response = admin.post(url, json={"task_type_id": sid(task_type), "priority": 2**31 - 1})
    assert response.status_code == 201


# ---------------------------------------------------------------- task status PUT


def test_a_manager_overrides_the_client_permission_of_a_status(as_role, db, project):
    manager = member(as_role, db, project, "manager")
    task_status = factories.make_task_status(db)
    db.add(ProjectTaskStatusLink(project_id=project.id, task_status_id=task_status.id))
    db.commit()
    url = f"/data/projects/{sid(project)}/settings/task-status/{sid(task_status)}"
    response = manager.put(url, json={"is_client_allowed": True})
    assert response.status_code == 200
    body = response.json()
    assert (body["type"], body["task_status_id"], body["is_client_allowed"]) == (
        "ProjectTaskStatusLink",
        sid(task_status),
        True,
    )
    assert manager.put(url, json={"is_client_allowed": None}).json()["is_client_allowed"] is None
    assert manager.put(url, json={}).status_code == 400
    unlinked = factories.make_task_status(db)
    db.commit()
    other = f"/data/projects/{sid(project)}/settings/task-status/{sid(unlinked)}"
    assert_error(manager.put(other, json={"is_client_allowed": True}), 404)


@pytest.mark.parametrize("role", NON_MANAGERS)
def test_only_managers_override_client_permissions(as_role, db, project, role):
    caller = member(as_role, db, project, role)
    task_status = factories.make_task_status(db)
    db.add(ProjectTaskStatusLink(project_id=project.id, task_status_id=task_status.id))
    db.commit()
    url = f"/data/projects/{sid(project)}/settings/task-status/{sid(task_status)}"
    assert_forbidden(caller.put(url, json={"is_client_allowed": True}))


# ---------------------------------------------------------------- batch


def test_batch_adds_settings_and_skips_unknown_ids(admin, db, project):
    kept, added, dropped = (factories.make_task_type(db) for _ in range(3))
    task_status, asset_type = factories.make_task_status(db), factories.make_entity_type(db)
    db.add(ProjectTaskTypeLink(project_id=project.id, task_type_id=kept.id, priority=1))
    db.add(ProjectTaskTypeLink(project_id=project.id, task_type_id=dropped.id, priority=2))
    db.commit()
    payload = {
        "task_types": [
            {"task_type_id": sid(kept), "priority": 5},
            {"task_type_id": sid(added), "priority": 6, "is_client_visible": False},
            {"task_type_id": str(uuid.uuid4())},
        ],
        "task_status_ids": [sid(task_status), str(uuid.uuid4()), "bad"],
        "asset_type_ids": [sid(asset_type), sid(asset_type)],
        "replace_task_types": True,
    }
    response = admin.post(f"/data/projects/{sid(project)}/settings/batch", json=payload)
    assert response.status_code == 200, response.text
    assert response.json()["id"] == sid(project)
    assert type_link(db, project, kept).priority == 5
    assert type_link(db, project, added).priority == 6
    assert type_link(db, project, added).is_client_visible is False
    types = linked(db, "project_task_type_link", "task_type_id", project)
    assert types == sorted([sid(kept), sid(added)])
    assert linked(db, "project_task_status_link", "task_status_id", project) == [sid(task_status)]
    assert linked(db, "project_asset_type_link", "asset_type_id", project) == [sid(asset_type)]


def test_batch_without_replace_keeps_other_task_types(admin, db, project):
    existing, added = factories.make_task_type(db), factories.make_task_type(db)
    db.add(ProjectTaskTypeLink(project_id=project.id, task_type_id=existing.id))
    db.commit()
    payload = {"task_types": [{"task_type_id": sid(added)}]}
    admin.post(f"/data/projects/{sid(project)}/settings/batch", json=payload)
    types = linked(db, "project_task_type_link", "task_type_id", project)
    assert types == sorted([sid(existing), sid(added)])


@pytest.mark.parametrize("role", NON_MANAGERS)
def test_only_managers_run_a_batch(as_role, db, project, role):
    caller = member(as_role, db, project, role)
    task_status = factories.make_task_status(db)
    db.commit()
    url = f"/data/projects/{sid(project)}/settings/batch"
    assert_forbidden(caller.post(url, json={"task_status_ids": [sid(task_status)]}))
    assert linked(db, "project_task_status_link", "task_status_id", project) == []


def test_a_bad_batch_body_is_refused(admin, project):
    url = f"/data/projects/{sid(project)}/settings/batch"
    response = admin.post(url, json={"task_types": [{"priority": 1}]})
    assert response.status_code == 400
    assert response.json()["message"] == "Validation error."
