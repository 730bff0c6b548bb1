"""Task types, task statuses, entity (asset) types and the organisation: their own rules."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from reeltrack.models import (
    EntityType,
    Organisation,
    ProjectTaskTypeLink,
    ScheduleItem,
    TaskStatus,
    TaskType,
)
from tests import factories
from tests.crud.conftest import NON_ADMIN_ROLES
from tests.crud.support import (
    DUPLICATE,
    FK_CONFLICT,
    assert_error,
    events,
    ids,
    one_event,
    reload,
    sid,
)

SIMILAR = "A task type with similar name already exists"
CHAT_SECRETS = ("chat_token_slack", "chat_webhook_mattermost", "chat_token_discord")


# ---------------------------------------------------------------- task types


def test_task_type_names_are_unique_whatever_their_case(admin, db):
    factories.make_task_type(db, name="Modeling", for_entity="Asset")
    db.commit()
    body = {"name": "MODELING", "for_entity": "Shot"}
    assert_error(admin.post("/data/task-types", json=body), 400, SIMILAR)
    assert events(db) == []


def test_renaming_a_task_type_checks_the_others_only(admin, db):
    factories.make_task_type(db, name="Layout")
    mine = factories.make_task_type(db, name="Anim")
    db.commit()
    url = f"/data/task-types/{mine.id}"
    assert_error(admin.put(url, json={"name": "layout"}), 400, SIMILAR)
    assert admin.put(url, json={"name": "ANIM"}).json()["name"] == "ANIM"
    assert admin.put(url, json={"name": "Animation"}).json()["name"] == "Animation"
    assert reload(db, TaskType, mine.id).name == "Animation"


@pytest.fixture()
def attached(db):
    task_type = factories.make_task_type(db)
    project = factories.make_project(db)
    db.commit()
    return task_type, project


def _link(db, task_type, project) -> None:
    db.add(ProjectTaskTypeLink(project_id=project.id, task_type_id=task_type.id, priority=1))
    db.commit()


def _schedule(db, task_type, project) -> None:
    db.add(ScheduleItem(project_id=project.id, task_type_id=task_type.id))
    db.commit()


@pytest.mark.parametrize(
    ("attach", "what"),
    [
        ((_link,), "projects"),
        ((_schedule,), "schedule items"),
        ((_link, _schedule), "schedule items and projects"),
    ],
)
def test_an_attached_task_type_needs_force(attach, what, admin, attached, db):
    task_type, project = attached
    for step in attach:
        step(db, task_type, project)
    task_type_id = sid(task_type)
    response = admin.delete(f"/data/task-types/{task_type_id}")
    message = f"Task type is attached to {what}. Re-issue the request with force=true to detach."
    assert_error(response, 400, message)
    assert reload(db, TaskType, task_type_id) is not None
    assert events(db) == []
    forced = admin.delete(f"/data/task-types/{task_type_id}", params={"force": "true"})
    assert forced.status_code == 204
    assert reload(db, TaskType, task_type_id) is None
    for model in (ProjectTaskTypeLink, ScheduleItem):
        assert db.scalar(select(func.count()).select_from(model)) == 0
    assert one_event(db, "task-type:delete").data == {"task_type_id": task_type_id}


def test_a_task_type_used_by_an_asset_type_cannot_be_deleted(admin, db):
    task_type = factories.make_task_type(db)
    db.commit()
    asset_type = admin.post(
        "/data/entity-types", json={"name": "Rigs", "task_types": [sid(task_type)]}
    ).json()
    assert_error(admin.delete(f"/data/task-types/{task_type.id}"), 400, FK_CONFLICT)
    assert reload(db, TaskType, task_type.id) is not None
    one = admin.get(f"/data/entity-types/{asset_type['id']}").json()
    assert one["task_types"] == [sid(task_type)]


# ---------------------------------------------------------------- task statuses


def _defaults(db) -> set[str]:
    db.commit()
    query = select(TaskStatus.id).where(TaskStatus.is_default.is_(True))
    return {str(status_id) for status_id in db.scalars(query)}


def test_only_one_task_status_is_the_default(admin, db):
    first = factories.make_task_status(db, is_default=True)
    db.commit()
    body = {"name": "Todo", "short_name": "todo", "color": "#ffffff", "is_default": True}
    second = admin.post("/data/task-status", json=body).json()
    assert second["is_default"] is True
    assert _defaults(db) == {second["id"]}
    back = admin.put(f"/data/task-status/{first.id}", json={"is_default": True})
    assert back.json()["is_default"] is True
    assert _defaults(db) == {sid(first)}


def test_unsetting_the_default_leaves_none(admin, db):
    status = factories.make_task_status(db, is_default=True)
    db.commit()
    admin.put(f"/data/task-status/{status.id}", json={"is_default": False})
    assert _defaults(db) == set()


def test_task_status_short_names_are_unique(admin, db):
    factories.make_task_status(db, short_name="wip")
    db.commit()
    body = {"name": "Work", "short_name": "wip", "color": "#ffffff"}
    assert_error(admin.post("/data/task-status", json=body), 400, DUPLICATE)


def test_task_status_events_carry_the_task_status_id(admin, db):
    body = {"name": "Retake", "short_name": "rtk", "color": "#ff0000", "is_retake": True}
    created = admin.post("/data/task-status", json=body).json()
    assert created["is_retake"] is True
    assert one_event(db, "task-status:new").data == {"task_status_id": created["id"]}


# ---------------------------------------------------------------- entity types


def test_entity_type_events_are_asset_type_events(admin, db):
    created = admin.post("/data/entity-types", json={"name": "Vehicles"}).json()
    admin.put(f"/data/entity-types/{created['id']}", json={"short_name": "veh"})
    admin.delete(f"/data/entity-types/{created['id']}")
    logged = events(db)
    assert sorted(event.name for event in logged) == [
        "asset-type:delete",
        "asset-type:new",
        "asset-type:update",
    ]
    for event in logged:
        assert event.data == {"asset_type_id": created["id"]}
        assert event.project_id is None


def test_entity_type_names_are_unique_whatever_their_case(admin, db):
    factories.make_entity_type(db, name="Props")
    other = factories.make_entity_type(db, name="Sets")
    db.commit()
    assert_error(
        admin.post("/data/entity-types", json={"name": "PROPS"}),
        400,
        "Entity type with this name already exists",
    )
    assert_error(
        admin.put(f"/data/entity-types/{other.id}", json={"name": "Props"}), 400, DUPLICATE
    )
    assert reload(db, EntityType, other.id).name == "Sets"


def test_entity_type_task_types_show_on_get_one_and_update(admin, db):
    task_types = [factories.make_task_type(db) for _ in range(2)]
    db.commit()
    created = admin.post(
        "/data/entity-types", json={"name": "Characters", "task_types": [sid(task_types[0])]}
    ).json()
    assert created["task_types"] == [sid(task_types[0])]
    updated = admin.put(
        f"/data/entity-types/{created['id']}", json={"task_types": [sid(t) for t in task_types]}
    ).json()
    assert sorted(updated["task_types"]) == sorted(sid(t) for t in task_types)
    one = admin.get(f"/data/entity-types/{created['id']}").json()
    assert sorted(one["task_types"]) == sorted(sid(t) for t in task_types)
    listed = admin.get("/data/entity-types").json()
    assert "task_types" not in next(e for e in listed if e["id"] == created["id"])


# ---------------------------------------------------------------- organisations


@pytest.fixture()
def organisation(db):
    row = factories.make_organisation(
        db, chat_token_slack="xoxb-1", chat_webhook_mattermost="https://mm", chat_token_discord="d"
    )
    db.commit()
    return row


def test_admins_see_the_organisation_chat_tokens(admin, organisation):
    one = admin.get(f"/data/organisations/{organisation.id}").json()
    assert [one[key] for key in CHAT_SECRETS] == ["xoxb-1", "https://mm", "d"]
    listed = admin.get("/data/organisations").json()
    assert listed[0]["chat_token_slack"] == "xoxb-1"


@pytest.mark.parametrize("role", NON_ADMIN_ROLES)
def test_others_never_see_the_chat_tokens(role, caller, organisation):
    client = caller(role)
    one = client.get(f"/data/organisations/{organisation.id}").json()
    assert one["name"] == organisation.name
    assert not set(CHAT_SECRETS) & set(one)
    for item in client.get("/data/organisations", params={"page": 1}).json()["data"]:
        assert not set(CHAT_SECRETS) & set(item)
    assert_error(
        client.get("/data/organisations", params={"chat_token_slack": "xoxb-1"}),
        400,
        "Filtering on chat_token_slack is not allowed.",
    )


def test_hours_by_day_must_be_a_number(admin, organisation, db):
    url = f"/data/organisations/{organisation.id}"
    assert_error(
        admin.put(url, json={"hours_by_day": "abc"}), 400, "hours_by_day must be a number."
    )
    assert reload(db, Organisation, organisation.id).hours_by_day == 8
    assert events(db) == []
    body = admin.put(url, json={"hours_by_day": "7.5"}).json()
    assert body["hours_by_day"] == 7.5
    assert reload(db, Organisation, organisation.id).hours_by_day == 7.5
    assert one_event(db, "organisation:update").data == {"organisation_id": sid(organisation)}


def test_organisation_listing_is_open_to_all(as_role, organisation):
    vendor = as_role("vendor")
    assert sid(organisation) in ids(vendor.get("/data/organisations").json())
