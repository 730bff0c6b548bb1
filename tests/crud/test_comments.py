"""Comments: who may read one (clients kept apart), what one shows, and deleting one."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import select

from reeltrack.models import (
    AttachmentFile,
    Comment,
    News,
    Notification,
    PreviewFile,
    Task,
    TaskStatus,
    comment_preview_link,
    project_person_link,
)
from tests import factories
from tests.crud.support import assert_error, assert_forbidden, events, one_event, reload, sid

NON_ADMIN = ("manager", "supervisor", "user", "client", "vendor")


def join(db, project, person, role=None):
    """Put a person on a project's team, with a project role when given."""
    db.execute(
        project_person_link.insert().values(project_id=project.id, person_id=person.id, role=role)
    )


@pytest.fixture()
def world(db):
    """A project with one task and a studio artist who comments on it."""
    project = factories.make_project(db)
    entity = factories.make_entity(db, project)
    task = factories.make_task(db, entity=entity)
    artist = factories.make_person(db, role="user")
    join(db, project, artist)
    client_person = factories.make_person(db, role="client")
    join(db, project, client_person)
    db.commit()
    return {
        "project": project,
        "entity": entity,
        "task": task,
        "artist": artist,
        "client": client_person,
    }


def member(as_role, db, project, role, team_role=None, **fields):
    caller = as_role(role, **fields)
    join(db, project, caller.person, team_role)
    db.commit()
    return caller


# ---------------------------------------------------------------- reading


def test_list_is_for_admins_only(world, admin, as_role, db):
    comment = factories.make_comment(db, task=world["task"], person_id=world["artist"].id)
    db.commit()
    assert sid(comment) in {c["id"] for c in admin.get("/data/comments").json()}
    body = {"object_id": sid(world["task"]), "object_type": "Task", "text": "Mine"}
    for role in NON_ADMIN:
        caller = member(as_role, db, world["project"], role)
        assert_forbidden(caller.get("/data/comments"))
        assert_forbidden(
            caller.post("/data/comments", json={**body, "person_id": sid(caller.person)})
        )


def test_one_comment_embeds_author_reply_authors_and_attachments(world, admin, db):
    replier = factories.make_person(db, first_name="Rita", last_name="Reply")
    comment = factories.make_comment(
        db,
        task=world["task"],
        person_id=world["artist"].id,
        replies=[{"id": "r1", "person_id": str(replier.id), "text": "ok"}],
    )
    attachment = factories.make_attachment_file(db, comment_id=comment.id, name="a.pdf", size=7)
    db.commit()
    body = admin.get(f"/data/comments/{comment.id}").json()
    artist = world["artist"]
    assert body["person"] == {
        "id": sid(artist),
        "first_name": artist.first_name,
        "last_name": artist.last_name,
        "full_name": f"{artist.first_name} {artist.last_name}",
        "has_avatar": False,
        "role": "user",
    }
    assert body["replies"][0]["person"]["full_name"] == "Rita Reply"
    assert body["attachment_files"] == [
        {"id": sid(attachment), "name": "a.pdf", "extension": "pdf", "size": 7}
    ]
    assert (body["mentions"], body["previews"], body["acknowledgements"]) == ([], [], [])
    plain = admin.get(f"/data/comments/{comment.id}", params={"relations": "false"}).json()
    assert "attachment_files" not in plain and plain["person"]["id"] == sid(artist)
    assert reload(db, Comment, comment.id).replies[0] == {
        "id": "r1",
        "person_id": str(replier.id),
        "text": "ok",
    }


def test_team_members_read_studio_comments_outsiders_do_not(world, as_role, db):
    comment = factories.make_comment(db, task=world["task"], person_id=world["artist"].id)
    db.commit()
    for role in ("manager", "supervisor", "user"):
        caller = member(as_role, db, world["project"], role)
        assert caller.get(f"/data/comments/{comment.id}").status_code == 200
        assert_forbidden(as_role(role).get(f"/data/comments/{comment.id}"))


def test_client_authored_comments_are_hidden_from_artists(world, as_role, db):
    comment = factories.make_comment(db, task=world["task"], person_id=world["client"].id)
    db.commit()
    url = f"/data/comments/{comment.id}"
    assert_forbidden(member(as_role, db, world["project"], "user").get(url))
    assert member(as_role, db, world["project"], "supervisor").get(url).status_code == 200
    assert member(as_role, db, world["project"], "manager").get(url).status_code == 200
    assert member(as_role, db, world["project"], "client").get(url).status_code == 200


def test_clients_read_client_and_for_client_comments_only(world, as_role, db):
    studio = factories.make_comment(db, task=world["task"], person_id=world["artist"].id)
    shared = factories.make_comment(
        db, task=world["task"], person_id=world["artist"].id, for_client=True
    )
    db.commit()
    client = member(as_role, db, world["project"], "client")
    assert_forbidden(client.get(f"/data/comments/{studio.id}"))
    assert client.get(f"/data/comments/{shared.id}").json()["id"] == sid(shared)


def test_isolated_clients_only_read_their_own_or_shared_comments(world, as_role, db):
    world["project"].is_clients_isolated = True
    other_client = factories.make_comment(db, task=world["task"], person_id=world["client"].id)
    db.commit()
    client = member(as_role, db, world["project"], "client")
    own = factories.make_comment(db, task=world["task"], person_id=client.person.id)
    shared = factories.make_comment(
        db, task=world["task"], person_id=world["client"].id, for_client=True
    )
    db.commit()
    assert_forbidden(client.get(f"/data/comments/{other_client.id}"))
    assert client.get(f"/data/comments/{own.id}").status_code == 200
    assert client.get(f"/data/comments/{shared.id}").status_code == 200


def test_project_roles_override_global_roles(world, as_role, db):
    # A studio artist acting as client on this project authors the comment.
    guest = factories.make_person(db, role="user")
    join(db, world["project"], guest, "client")
    comment = factories.make_comment(db, task=world["task"], person_id=guest.id)
    db.commit()
    url = f"/data/comments/{comment.id}"
    assert_forbidden(member(as_role, db, world["project"], "user").get(url))
    assert member(as_role, db, world["project"], "user", "supervisor").get(url).status_code == 200


def test_vendors_need_a_task_on_the_entity(world, as_role, db):
    comment = factories.make_comment(db, task=world["task"], person_id=world["artist"].id)
    db.commit()
    url = f"/data/comments/{comment.id}"
    vendor = member(as_role, db, world["project"], "vendor")
    assert_forbidden(vendor.get(url))
    factories.make_task(db, entity=world["entity"], assignees=[vendor.person])
    db.commit()
    assert vendor.get(url).status_code == 200


def test_bad_ids_never_fail(world, admin, as_role, db):
    comment = factories.make_comment(db, task=world["task"])
    chat = factories.make_chat(db)
    db.commit()
    unknown = str(uuid.uuid4())
    assert_error(admin.put(f"/data/comments/{comment.id}", json={"object_id": unknown}), 400)
    assert_error(admin.put(f"/data/chats/{chat.id}", json={"object_id": unknown}), 400)
    assert admin.put(f"/data/chats/{chat.id}", json={"object_type": "other"}).status_code == 200
    assert admin.get("/data/comments/nope").status_code == 400
    assert admin.get("/data/comments?object_id=nope").status_code == 400
    caller = member(as_role, db, world["project"], "user")
    assert caller.get("/data/comments/00000000-0000-0000-0000-000000000000").status_code == 404


# ---------------------------------------------------------------- deleting


def _status(db, name, **flags):
    return factories.make_task_status(db, name=name, **flags)


def test_authors_and_project_managers_delete_others_do_not(world, as_role, db):
    comments = [
        factories.make_comment(db, task=world["task"], person_id=world["artist"].id)
        for _ in range(2)
    ]
    db.commit()
    other_artist = member(as_role, db, world["project"], "user")
    assert_forbidden(other_artist.delete(f"/data/comments/{comments[0].id}"))
    supervisor = member(as_role, db, world["project"], "supervisor")
    assert_forbidden(supervisor.delete(f"/data/comments/{comments[0].id}"))
    outsider_manager = as_role("manager")
    assert_forbidden(outsider_manager.delete(f"/data/comments/{comments[0].id}"))
    manager = member(as_role, db, world["project"], "user", "manager")
    assert manager.delete(f"/data/comments/{comments[0].id}").status_code == 204
    author = as_role("user")
    comments[1].person_id = author.person.id
    join(db, world["project"], author.person)
    db.commit()
    assert author.delete(f"/data/comments/{comments[1].id}").status_code == 204
    assert reload(db, Comment, comments[1].id) is None


def test_a_global_manager_off_the_team_cannot_delete_even_their_own(world, as_role, db):
    manager = as_role("manager")
    comment = factories.make_comment(db, task=world["task"], person_id=manager.person.id)
    db.commit()
    assert_forbidden(manager.delete(f"/data/comments/{comment.id}"))


def test_delete_cleans_up_and_restores_the_previous_status(world, admin, db):
    task = world["task"]
    wip = _status(db, "WIP", is_wip=True)
    retake = _status(db, "Retake", is_retake=True)
    first = factories.make_comment(
        db, task=task, person_id=world["artist"].id, task_status_id=wip.id
    )
    db.flush()
    last = factories.make_comment(
        db, task=task, person_id=world["artist"].id, task_status_id=retake.id
    )
    last.created_at = first.created_at.replace(year=first.created_at.year + 1)
    task.task_status_id = retake.id
    preview = factories.make_preview_file(db, task=task)
    db.execute(comment_preview_link.insert().values(comment=last.id, preview_file=preview.id))
    attachment = factories.make_attachment_file(db, comment_id=last.id)
    news = factories.make_news(db, task_id=task.id, comment_id=last.id)
    note = factories.make_notification(db, comment_id=last.id, task_id=task.id)
    db.commit()
    assert admin.delete(f"/data/comments/{last.id}").status_code == 204
    for model, row in ((AttachmentFile, attachment), (News, news), (Notification, note)):
        assert reload(db, model, row.id) is None
    assert reload(db, PreviewFile, preview.id) is None
    stored = reload(db, Task, task.id)
    assert stored.task_status_id == wip.id
    assert stored.retake_count == 0 and stored.real_start_date == first.created_at
    project = sid(world["project"])
    assert one_event(db, "comment:delete").data == {
        "comment_id": sid(last),
        "task_id": sid(task),
        "project_id": project,
    }
    assert one_event(db, "news:delete").data == {"news_id": sid(news), "project_id": project}
    assert one_event(db, "task:status-changed").data == {
        "task_id": sid(task),
        "new_task_status_id": sid(wip),
        "previous_task_status_id": sid(retake),
        "person_id": sid(world["artist"]),
        "project_id": project,
    }
    assert {"task:update", "preview-file:delete"} & {e.name for e in events(db)} == {"task:update"}


def test_deleting_the_last_comment_puts_the_task_back_to_todo(world, admin, db):
    done = _status(db, "Done", is_done=True)
    comment = factories.make_comment(
        db, task=world["task"], person_id=world["artist"].id, task_status_id=done.id
    )
    world["task"].task_status_id = done.id
    db.commit()
    assert admin.delete(f"/data/comments/{comment.id}").status_code == 204
    todo = db.scalars(select(TaskStatus).where(TaskStatus.is_default.is_(True))).one()
    assert (todo.name, todo.short_name) == ("Todo", "todo")
    assert reload(db, Task, world["task"].id).task_status_id == todo.id
    assert one_event(db, "task-status:new").data == {"task_status_id": sid(todo)}
