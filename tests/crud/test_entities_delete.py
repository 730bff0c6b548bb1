"""Entity deletion rules, and who may touch entity links and asset instances."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from reeltrack.models import (
    AssetInstance,
    Comment,
    Entity,
    EntityConceptLink,
    EntityLink,
    EntityVersion,
    News,
    Notification,
    PreviewFile,
    Subscription,
    Task,
    TimeSpent,
)
from tests import factories
from tests.crud.support import FK_CONFLICT, assert_error, assert_forbidden, events, reload, sid
from tests.crud.test_entities import join, member


def count(db, model, *where) -> int:
    db.commit()
    return db.scalar(select(func.count()).select_from(model).where(*where))


# ---------------------------------------------------------------- who deletes


def test_creators_and_managers_delete(as_role, caller, db):
    project = factories.make_project(db)
    outsider = as_role("user")
    mine = factories.make_entity(db, project, created_by=outsider.person.id)
    theirs = [factories.make_entity(db, project) for _ in range(2)]
    db.commit()
    assert outsider.delete(f"/data/entities/{mine.id}").status_code == 204
    for role in ("supervisor", "user", "client", "vendor", "bot"):
        assert_forbidden(member(caller, db, project, role).delete(f"/data/entities/{theirs[0].id}"))
    assert_forbidden(as_role("manager").delete(f"/data/entities/{theirs[0].id}"))
    manager = member(caller, db, project, "manager")
    assert manager.delete(f"/data/entities/{theirs[1].id}").status_code == 204
    assert reload(db, Entity, theirs[0].id) is not None
    assert [e.name for e in events(db)] == ["asset:delete", "asset:delete"]


# ---------------------------------------------------------------- refused while referenced


@pytest.mark.parametrize("dependent", ["task", "child", "version"])
def test_delete_is_refused_while_data_depends_on_the_entity(dependent, admin, db):
    project = factories.make_project(db)
    sequence = factories.make_entity(db, project, type_name="Sequence")
    link_target = factories.make_entity(db, project)
    db.add(EntityLink(entity_in_id=sequence.id, entity_out_id=link_target.id))
    if dependent == "task":
        factories.make_task(db, sequence)
    elif dependent == "child":
        factories.make_entity(db, project, type_name="Shot", parent_id=sequence.id)
    else:
        db.add(EntityVersion(entity_id=sequence.id, name="v1"))
    db.commit()
    assert_error(admin.delete(f"/data/entities/{sequence.id}"), 400, FK_CONFLICT)
    assert reload(db, Entity, sequence.id) is not None
    assert count(db, EntityLink) == 1
    assert events(db) == []


def test_links_and_sequence_subscriptions_do_not_block(admin, db):
    project = factories.make_project(db)
    sequence = factories.make_entity(db, project, type_name="Sequence")
    shot = factories.make_entity(db, project, type_name="Shot")
    asset = factories.make_entity(db, project)
    db.add_all(
        [
            EntityLink(entity_in_id=shot.id, entity_out_id=sequence.id),
            EntityConceptLink(entity_in_id=asset.id, entity_out_id=sequence.id),
            Subscription(person_id=admin.person.id, entity_id=sequence.id),
        ]
    )
    db.commit()
    assert admin.delete(f"/data/entities/{sequence.id}").status_code == 204
    assert count(db, EntityLink) == count(db, EntityConceptLink) == count(db, Subscription) == 0
    assert reload(db, Entity, shot.id) is not None


# ---------------------------------------------------------------- forced


def busy_task(db, entity, author) -> Task:
    """A task with a comment, its news and notification, a preview, time and a follower."""
    task = factories.make_task(db, entity, assignees=[author])
    comment = Comment(object_id=task.id, object_type="Task", person_id=author.id, text="ok")
    db.add(comment)
    db.flush()
    preview = PreviewFile(task_id=task.id, name="v1", extension="png", status="ready")
    db.add(preview)
    db.flush()
    entity.preview_file_id = preview.id
    db.add_all(
        [
            News(author_id=author.id, task_id=task.id, comment_id=comment.id),
            Notification(
                person_id=author.id,
                author_id=author.id,
                comment_id=comment.id,
                task_id=task.id,
                type="comment",
            ),
            TimeSpent(task_id=task.id, person_id=author.id, duration=30, date=dt.date(2030, 1, 1)),
            Subscription(person_id=author.id, task_id=task.id),
        ]
    )
    db.flush()
    return task


def test_forced_delete_removes_tasks_and_everything_they_hold(admin, db):
    project = factories.make_project(db)
    asset = factories.make_entity(db, project)
    shot = factories.make_entity(db, project, type_name="Shot")
    child = factories.make_entity(db, project, parent_id=asset.id)
    task = busy_task(db, asset, admin.person)
    db.add_all(
        [
            EntityLink(entity_in_id=shot.id, entity_out_id=asset.id),
            EntityVersion(entity_id=asset.id, name="v1"),
            AssetInstance(asset_id=asset.id, number=1),
            Subscription(person_id=admin.person.id, entity_id=asset.id),
        ]
    )
    db.commit()
    assert_error(admin.delete(f"/data/entities/{asset.id}"), 400, FK_CONFLICT)
    response = admin.delete(f"/data/entities/{asset.id}", params={"force": "true"})
    assert response.status_code == 204, response.text
    assert reload(db, Entity, asset.id) is None and reload(db, Task, task.id) is None
    for model in (
        Comment,
        News,
        Notification,
        PreviewFile,
        TimeSpent,
        Subscription,
        EntityLink,
        EntityVersion,
        AssetInstance,
    ):
        assert count(db, model) == 0, model.__name__
    assert reload(db, Entity, child.id).parent_id is None
    names = sorted(e.name for e in events(db))
    assert names == ["asset:delete", "task:delete"]
    assert events(db, "task:delete")[0].data["entity_id"] == sid(asset)


def test_forced_delete_of_a_sequence_takes_its_shots(admin, db):
    project = factories.make_project(db)
    sequence = factories.make_entity(db, project, type_name="Sequence")
    shots = [
        factories.make_entity(db, project, type_name="Shot", parent_id=sequence.id)
        for _ in range(2)
    ]
    factories.make_task(db, shots[0])
    db.commit()
    response = admin.delete(f"/data/entities/{sequence.id}?force=true")
    assert response.status_code == 204, response.text
    assert count(db, Entity) == 0 and count(db, Task) == 0
    assert sorted(e.name for e in events(db)) == sorted(
        ["task:delete", "shot:delete", "shot:delete", "sequence:delete"]
    )
    assert {e.data.get("shot_id") for e in events(db, "shot:delete")} == {sid(s) for s in shots}


# ---------------------------------------------------------------- entity links


@pytest.mark.parametrize("role", ["manager", "supervisor", "user", "client", "vendor", "bot"])
def test_entity_links_are_admin_only(role, caller, db):
    link = factories.make_entity_link(db)
    db.commit()
    client = caller(role)
    body = {"entity_in_id": str(link.entity_out_id), "entity_out_id": str(link.entity_in_id)}
    assert_forbidden(client.get("/data/entity-links"))
    assert_forbidden(client.get(f"/data/entity-links/{link.id}"))
    assert_forbidden(client.post("/data/entity-links", json=body))
    assert_forbidden(client.put(f"/data/entity-links/{link.id}", json={"label": "x"}))
    assert_forbidden(client.delete(f"/data/entity-links/{link.id}"))
    assert count(db, EntityLink) == 1 and events(db) == []


def test_entity_link_duplicates_are_refused(admin, db):
    link = factories.make_entity_link(db)
    db.commit()
    body = {"entity_in_id": str(link.entity_in_id), "entity_out_id": str(link.entity_out_id)}
    assert_error(admin.post("/data/entity-links", json=body), 400)
    assert count(db, EntityLink) == 1


# ---------------------------------------------------------------- asset instances


def test_asset_instances_reads_and_updates_follow_the_asset(as_role, caller, db):
    project = factories.make_project(db)
    instance = factories.make_asset_instance(db, factories.make_entity(db, project), number=4)
    db.commit()
    url = f"/data/asset-instances/{instance.id}"
    artist = member(caller, db, project, "user")
    assert artist.get(url).json()["asset_id"] == str(instance.asset_id)
    answer = artist.put(url, json={"description": "left", "number": 9})
    assert answer.status_code == 200, answer.text
    assert (answer.json()["description"], answer.json()["number"]) == ("left", 4)
    for client in (as_role("manager"), member(caller, db, project, "vendor")):
        assert_forbidden(client.get(url))
        assert_forbidden(client.put(url, json={"description": "x"}))
    vendor = member(caller, db, project, "vendor")
    factories.make_task(db, db.get(Entity, instance.asset_id), assignees=[vendor.person])
    db.commit()
    assert vendor.get(url).status_code == 200
    assert reload(db, AssetInstance, instance.id).description == "left"


@pytest.mark.parametrize("role", ["manager", "supervisor", "user", "client", "vendor", "bot"])
def test_asset_instances_list_create_delete_are_admin_only(role, caller, db):
    project = factories.make_project(db)
    instance = factories.make_asset_instance(db, factories.make_entity(db, project))
    db.commit()
    client = member(caller, db, project, role)
    assert_forbidden(client.get("/data/asset-instances"))
    body = {"asset_id": str(instance.asset_id), "number": 99}
    assert_forbidden(client.post("/data/asset-instances", json=body))
    assert_forbidden(client.delete(f"/data/asset-instances/{instance.id}"))
    assert count(db, AssetInstance) == 1 and events(db) == []


def test_join_helper_sets_a_project_role(as_role, db):
    project = factories.make_project(db)
    client = join(db, as_role("user"), project, role="supervisor")
    assert client.get("/data/entities").status_code == 200
