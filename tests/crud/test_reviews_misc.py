"""Attachments, notifications, news, chats, subscriptions and the event log: the rest of reviews."""

from __future__ import annotations

import uuid

import pytest

from reeltrack.models import ApiEvent, AttachmentFile, Chat, project_person_link, task_person_link
from tests import factories
from tests.crud.support import FK_CONFLICT, assert_error, assert_forbidden, ids, reload, sid

NON_ADMIN = ("manager", "supervisor", "user", "client", "vendor")
ADMIN_ONLY = {
    "news": factories.make_news,
    "notifications": factories.make_notification,
    "subscriptions": factories.make_subscription,
    "chats": factories.make_chat,
    "chat-messages": factories.make_chat_message,
    "events": factories.make_api_event,
}


def join(db, project, person, role=None):
    db.execute(
        project_person_link.insert().values(project_id=project.id, person_id=person.id, role=role)
    )


@pytest.mark.parametrize("path", sorted(ADMIN_ONLY))
@pytest.mark.parametrize("role", NON_ADMIN)
def test_admin_only_resources_refuse_every_other_role(path, role, as_role, caller, db):
    row = ADMIN_ONLY[path](db)
    db.commit()
    who = caller(role)
    assert_forbidden(who.get(f"/data/{path}"))
    assert_forbidden(who.get(f"/data/{path}/{row.id}"))
    assert_forbidden(who.post(f"/data/{path}", json={}))
    assert_forbidden(who.put(f"/data/{path}/{row.id}", json={}))
    assert_forbidden(who.delete(f"/data/{path}/{row.id}"))
    assert reload(db, type(row), row.id) is not None


def test_bots_are_refused_too(as_bot, db):
    bot = as_bot("user")
    assert_forbidden(bot.get("/data/notifications"))
    assert_forbidden(bot.get("/data/comments"))


# ---------------------------------------------------------------- attachment files


@pytest.fixture()
def attached(db):
    project = factories.make_project(db)
    entity = factories.make_entity(db, project)
    task = factories.make_task(db, entity=entity)
    comment = factories.make_comment(db, task=task)
    on_comment = factories.make_attachment_file(db, comment_id=comment.id)
    message = factories.make_chat_message(
        db, chat_id=factories.make_chat(db, object_id=entity.id).id
    )
    on_message = factories.make_attachment_file(db, chat_message_id=message.id)
    orphan = factories.make_attachment_file(db, comment_id=None, chat_message_id=None)
    db.commit()
    return {
        "project": project,
        "task": task,
        "comment": comment,
        "message": message,
        "on_comment": on_comment,
        "on_message": on_message,
        "orphan": orphan,
    }


def test_attachments_embed_their_comment_or_chat_message(attached, admin):
    listed = {row["id"]: row for row in admin.get("/data/attachment-files").json()}
    on_comment = listed[sid(attached["on_comment"])]
    assert on_comment["comment"]["id"] == sid(attached["comment"])
    assert on_comment["comment"]["type"] == "Comment" and on_comment["chat_message"] is None
    assert "previews" not in on_comment["comment"]
    on_message = admin.get(f"/data/attachment-files/{attached['on_message'].id}").json()
    assert on_message["chat_message"]["text"] == attached["message"].text
    assert on_message["chat_message"]["type"] == "ChatMessage" and on_message["comment"] is None


def test_attachments_are_read_through_their_parent(attached, as_role, db):
    on_comment = f"/data/attachment-files/{attached['on_comment'].id}"
    on_message = f"/data/attachment-files/{attached['on_message'].id}"
    artist = as_role("user")
    assert_forbidden(artist.get(on_comment))
    assert artist.get(on_message).status_code == 200
    join(db, attached["project"], artist.person)
    db.commit()
    assert artist.get(on_comment).json()["id"] == sid(attached["on_comment"])
    vendor = as_role("vendor")
    join(db, attached["project"], vendor.person)
    db.commit()
    assert_forbidden(vendor.get(on_comment))
    assert_forbidden(vendor.get(on_message))
    db.execute(
        task_person_link.insert().values(task_id=attached["task"].id, person_id=vendor.person.id)
    )
    db.commit()
    assert vendor.get(on_comment).status_code == 200
    assert vendor.get(on_message).status_code == 200


def test_an_attachment_without_parent_is_readable_by_nobody(attached, admin):
    assert_forbidden(admin.get(f"/data/attachment-files/{attached['orphan'].id}"))


def test_attachment_writes_and_lists_are_for_admins(attached, as_role, db):
    artist = as_role("user")
    join(db, attached["project"], artist.person)
    db.commit()
    url = f"/data/attachment-files/{attached['on_comment'].id}"
    assert_forbidden(artist.get("/data/attachment-files"))
    assert_forbidden(artist.put(url, json={"name": "x"}))
    assert_forbidden(artist.delete(url))
    assert_forbidden(artist.post("/data/attachment-files", json={"name": "x"}))


def test_deleting_a_chat_message_keeps_its_files_detached(attached, admin, db):
    assert admin.delete(f"/data/chat-messages/{attached['message'].id}").status_code == 204
    kept = reload(db, AttachmentFile, attached["on_message"].id)
    assert kept is not None and kept.chat_message_id is None


def test_a_chat_with_messages_cannot_be_deleted(attached, admin, db):
    chat_id = attached["message"].chat_id
    assert_error(admin.delete(f"/data/chats/{chat_id}"), 400, FK_CONFLICT)
    assert reload(db, Chat, chat_id) is not None


def test_chats_belong_to_known_entities_and_list_participants(admin, db):
    person = factories.make_person(db)
    entity = factories.make_entity(db)
    db.commit()
    body = {"object_id": str(uuid.uuid4()), "object_type": "entity"}
    assert_error(admin.post("/data/chats", json=body), 400)
    created = admin.post(
        "/data/chats", json={"object_id": sid(entity), "participants": [sid(person)]}
    ).json()
    assert created["participants"] == [sid(person)] and created["object_type"] == "entity"
    listed = admin.get("/data/chats", params={"relations": "true"}).json()
    assert listed[0]["participants"] == [sid(person)]


# ---------------------------------------------------------------- notifications


def test_notifications_show_their_type_as_notification_type(admin, db):
    note = factories.make_notification(db, type="reply")
    db.commit()
    listed = admin.get("/data/notifications").json()
    assert [(n["type"], n["notification_type"]) for n in listed] == [("Notification", "reply")]
    assert [n["id"] for n in admin.get("/data/notifications", params={"type": "reply"}).json()] == [
        sid(note)
    ]
    assert admin.get("/data/notifications", params={"type": "mention"}).json() == []
    updated = admin.put(
        f"/data/notifications/{note.id}", json={"type": "Notification", "read": True}
    )
    assert (updated.json()["notification_type"], updated.json()["read"]) == ("reply", True)
    assert (
        admin.put(f"/data/notifications/{note.id}", json={"type": "mention"}).json()[
            "notification_type"
        ]
        == "mention"
    )


def test_notification_type_is_required_and_checked(admin, db):
    people = {
        "person_id": sid(factories.make_person(db)),
        "author_id": sid(factories.make_person(db)),
    }
    db.commit()
    assert_error(
        admin.post("/data/notifications", json=people), 400, "Missing required field(s): type."
    )
    bad = admin.post("/data/notifications", json={**people, "type": "gossip"})
    assert_error(bad, 400, "Invalid type")
    created = admin.post("/data/notifications", json={**people, "type": "assignation"}).json()
    assert (created["type"], created["notification_type"]) == ("Notification", "assignation")


# ---------------------------------------------------------------- event log


def test_the_unpaginated_event_log_is_capped(admin, db, runtime):
    from sqlalchemy import insert

    with runtime.db.engine.begin() as conn:
        conn.execute(
            insert(ApiEvent), [{"id": uuid.uuid4(), "name": f"x:{i}"} for i in range(1005)]
        )
    assert len(admin.get("/data/events").json()) == 1000
    assert len(admin.get("/data/events", params={"name": "x:7"}).json()) == 1
    page = admin.get("/data/events", params={"page": 2, "limit": 1000}).json()
    assert (page["total"], len(page["data"])) == (1005, 5)
    assert len(admin.get("/data/events", params={"page": -1}).json()) == 1000


# ---------------------------------------------------------------- query counts


def _scoped_world(db, caller, total):
    project = factories.make_project(db)
    join(db, project, caller.person)
    for _ in range(total):
        task = factories.make_task(
            db, entity=factories.make_entity(db, project), assignees=[caller.person]
        )
        factories.make_preview_file(db, task=task)
        factories.make_playlist(db, project, for_client=True)
    db.commit()


@pytest.mark.parametrize("path", ["preview-files", "playlists"])
@pytest.mark.parametrize("role", ["user", "client", "vendor"])
def test_scoped_list_query_counts_do_not_grow(path, role, as_role, db, count_queries):
    caller = as_role(role)
    if path == "playlists" and role == "vendor":
        pytest.skip("vendors are refused the playlist list")

    def measure(total):
        _scoped_world(db, caller, total)
        with count_queries() as counter:
            response = caller.get(f"/data/{path}", params={"relations": "true"})
        assert response.status_code == 200, response.text
        return counter.count, len(response.json())

    small, small_rows = measure(3)
    large, large_rows = measure(27)
    assert (small_rows, large_rows) == (3, 30)
    assert small == large


def test_attachment_list_query_count_does_not_grow(admin, db, count_queries):
    def measure(total):
        for _ in range(total):
            factories.make_attachment_file(db)
            factories.make_attachment_file(
                db, comment_id=None, chat_message_id=factories.make_chat_message(db).id
            )
        db.commit()
        with count_queries() as counter:
            body = admin.get("/data/attachment-files").json()
        return counter.count, ids(body)

    small, _ = measure(3)
    large, rows = measure(27)
    assert small == large and len(rows) == 60
