"""An entity's chat: reading it, posting, reading and deleting messages."""

from __future__ import annotations

import io
import uuid

import pytest
from sqlalchemy import select

from reeltrack.models import AttachmentFile, Chat, ChatMessage
from reeltrack.models.chat import chat_participant
from tests import factories as f
from tests.crud.support import ISO_SECONDS, assert_error, events, one_event

NOT_PARTICIPANT = "You are not a participant of this chat"


def _join(db, chat, person) -> None:
    db.execute(chat_participant.insert().values(chat_id=chat.id, person_id=person.id))


def _setup(db, *people):
    project = f.make_project(db, team=list(people))
    entity = f.make_entity(db, project)
    chat = f.make_chat(db, object_id=entity.id)
    for person in people:
        _join(db, chat, person)
    db.commit()
    return project, entity, chat


def _url(entity, message_id=None) -> str:
    url = f"/data/entities/{entity.id}/chat/messages"
    return url if message_id is None else f"{url}/{message_id}"


MESSAGE_KEYS = {
    "id",
    "type",
    "chat_id",
    "person_id",
    "text",
    "created_at",
    "updated_at",
    "attachment_files",
}


def test_post_then_read_the_chat_and_its_messages(as_role, db, runtime) -> None:
    artist = as_role("user")
    _, entity, chat = _setup(db, artist.person)

    posted = artist.post(_url(entity), json={"message": "Hello"})

    assert posted.status_code == 201, posted.text
    body = posted.json()
    assert set(body) == MESSAGE_KEYS - {"attachment_files"}
    assert body["type"] == "ChatMessage"
    assert body["chat_id"] == str(chat.id)
    assert body["person_id"] == str(artist.person.id)
    assert body["text"] == "Hello"
    assert ISO_SECONDS.match(body["created_at"])
    event = one_event(db, "chat:new-message")
    assert event.data == {
        "chat_id": str(chat.id),
        "chat_message_id": body["id"],
        "last_message": body["created_at"],
    }
    db.expire_all()
    assert db.get(Chat, chat.id).last_message is not None

    listed = artist.get(_url(entity))
    assert listed.status_code == 200
    assert listed.json() == [{**body, "attachment_files": []}]
    single = artist.get(_url(entity, body["id"]))
    assert single.status_code == 200
    assert single.json() == {**body, "attachment_files": []}

    whole = artist.get(f"/data/entities/{entity.id}/chat")
    assert whole.status_code == 200
    data = whole.json()
    assert data["id"] == str(chat.id)
    assert data["type"] == "Chat"
    assert data["object_id"] == str(entity.id)
    assert data["object_type"] == "entity"
    assert data["participants"] == [str(artist.person.id)]
    assert data["messages"] == [{**body, "attachment_files": []}]
    assert ISO_SECONDS.match(data["last_message"])


def test_reading_creates_the_missing_chat_once(as_role, db) -> None:
    artist = as_role("user")
    project = f.make_project(db, team=[artist.person])
    entity = f.make_entity(db, project)
    db.commit()

    first = artist.get(f"/data/entities/{entity.id}/chat")
    assert first.status_code == 200
    assert first.json()["participants"] == []
    assert first.json()["messages"] == []
    assert first.json()["last_message"] is None
    assert artist.get(_url(entity)).json() == []
    again = artist.get(f"/data/entities/{entity.id}/chat")
    assert again.json()["id"] == first.json()["id"]
    db.expire_all()
    assert len(list(db.scalars(select(Chat).where(Chat.object_id == entity.id)))) == 1


def test_form_and_multipart_posts_with_attachments(as_role, db, runtime) -> None:
    artist = as_role("user")
    _, entity, chat = _setup(db, artist.person)

    form = artist.post(_url(entity), data={"message": "As a form"})
    assert form.status_code == 201, form.text
    assert form.json()["text"] == "As a form"

    posted = artist.post(
        _url(entity),
        data={"message": "With files"},
        files=[
            ("file", ("notes.txt", io.BytesIO(b"hello"), "text/plain")),
            ("file2", ("pic.png", io.BytesIO(b"\x89PNG.."), "image/png")),
        ],
    )
    assert posted.status_code == 201, posted.text
    files = posted.json()["attachment_files"]
    assert [(x["name"], x["extension"], x["size"]) for x in files] == [
        ("notes.txt", "txt", 5),
        ("pic.png", "png", 6),
    ]
    assert set(files[0]) == {"id", "name", "extension", "size"}
    assert runtime.files.get("attachments", files[0]["id"]) == b"hello"

    message_id = posted.json()["id"]
    shown = artist.get(_url(entity, message_id)).json()
    assert sorted(shown["attachment_files"], key=lambda x: x["name"]) == [
        {"id": x["id"], "name": x["name"], "extension": x["extension"]} for x in files
    ]
    download = artist.get(f"/data/attachment-files/{files[0]['id']}/file/notes.txt")
    assert download.status_code == 200
    assert download.content == b"hello"

    assert artist.delete(_url(entity, message_id)).status_code == 204
    db.expire_all()
    assert db.scalars(select(AttachmentFile)).all() == []
    assert not runtime.files.exists("attachments", files[0]["id"])
    assert db.get(ChatMessage, uuid.UUID(message_id)) is None
    assert len(list(db.scalars(select(ChatMessage).where(ChatMessage.chat_id == chat.id)))) == 1


def test_only_participants_post(as_role, db) -> None:
    artist = as_role("user")
    admin = as_role("admin")
    project, entity, chat = _setup(db, artist.person)
    outsider = as_role("user")
    f.add_to_team(db, project, outsider.person)
    db.commit()

    assert_error(outsider.post(_url(entity), json={"message": "hi"}), 400, NOT_PARTICIPANT)
    assert_error(admin.post(_url(entity), json={"message": "hi"}), 400, NOT_PARTICIPANT)
    db.expire_all()
    assert db.scalars(select(ChatMessage)).all() == []
    assert events(db, "chat:new-message") == []


@pytest.mark.parametrize(
    "payload",
    [None, {}, {"message": 3}, {"message": None}, {"message": ["a"]}, [], "text", {"text": "x"}],
)
def test_bad_bodies_are_refused(as_role, db, payload) -> None:
    artist = as_role("user")
    _, entity, _chat = _setup(db, artist.person)

    response = artist.post(_url(entity), json=payload)

    assert response.status_code == 400, response.text
    assert response.json()["error"] is True
    assert response.json()["message"] == "Validation error."
    db.expire_all()
    assert db.scalars(select(ChatMessage)).all() == []


def test_malformed_json_and_bad_ids(as_role, db) -> None:
    artist = as_role("user")
    _, entity, _chat = _setup(db, artist.person)

    bad_json = artist.post(
        _url(entity), content=b"{nope", headers={"Content-Type": "application/json"}
    )
    assert_error(bad_json, 400)
    assert_error(artist.get("/data/entities/nope/chat"), 400, "Malformed ID.")
    assert_error(artist.get("/data/entities/nope/chat/messages"), 400)
    assert_error(artist.post("/data/entities/nope/chat/messages", json={"message": "x"}), 400)
    assert_error(artist.get(_url(entity, "nope")), 400)
    assert_error(artist.delete(_url(entity, "nope")), 400)
    missing = uuid.uuid4()
    assert_error(artist.get(f"/data/entities/{missing}/chat"), 404)
    assert_error(artist.post(f"/data/entities/{missing}/chat/messages", json={"message": "x"}), 404)
    assert_error(artist.get(_url(entity, missing)), 404)
    assert_error(artist.delete(_url(entity, missing)), 404)
    # a project id is not an entity id
    assert_error(artist.get(f"/data/entities/{entity.project_id}/chat"), 404)


def test_a_message_of_another_entity_is_refused(as_role, db) -> None:
    artist = as_role("user")
    project, entity, chat = _setup(db, artist.person)
    other = f.make_entity(db, project)
    other_chat = f.make_chat(db, object_id=other.id)
    foreign = f.make_chat_message(db, chat_id=other_chat.id, person_id=artist.person.id)
    db.commit()

    assert_error(artist.get(_url(entity, foreign.id)), 403)
    assert_error(artist.delete(_url(entity, foreign.id)), 403)
    assert artist.get(_url(other, foreign.id)).status_code == 200


def test_author_or_admin_deletes(as_role, db) -> None:
    artist = as_role("user")
    colleague = as_role("user")
    manager = as_role("manager")
    admin = as_role("admin")
    _, entity, chat = _setup(db, artist.person, colleague.person, manager.person)
    mine = f.make_chat_message(db, chat_id=chat.id, person_id=artist.person.id)
    theirs = f.make_chat_message(db, chat_id=chat.id, person_id=colleague.person.id)
    db.commit()

    assert_error(colleague.delete(_url(entity, mine.id)), 403)
    assert_error(manager.delete(_url(entity, mine.id)), 403)
    assert artist.delete(_url(entity, mine.id)).status_code == 204
    assert admin.delete(_url(entity, theirs.id)).status_code == 204
    assert_error(admin.delete(_url(entity, theirs.id)), 404)

    deleted = events(db, "chat:deleted-message")
    assert sorted((e.data for e in deleted), key=lambda d: d["chat_message_id"]) == sorted(
        (
            {"chat_id": str(chat.id), "chat_message_id": str(mine.id)},
            {"chat_id": str(chat.id), "chat_message_id": str(theirs.id)},
        ),
        key=lambda d: d["chat_message_id"],
    )
    db.expire_all()
    assert db.scalars(select(ChatMessage)).all() == []


@pytest.mark.parametrize("role", ["admin", "manager", "supervisor", "user", "client", "vendor"])
def test_access_needs_the_team_and_for_vendors_a_task(as_role, db, role) -> None:
    caller = as_role(role)
    outsider = as_role(role)
    project = f.make_project(db, team=[caller.person])
    entity = f.make_entity(db, project)
    chat = f.make_chat(db, object_id=entity.id)
    _join(db, chat, caller.person)
    _join(db, chat, outsider.person)
    message = f.make_chat_message(db, chat_id=chat.id, person_id=caller.person.id)
    db.commit()
    chat_url = f"/data/entities/{entity.id}/chat"

    calls = [
        lambda c: c.get(chat_url),
        lambda c: c.get(_url(entity)),
        lambda c: c.post(_url(entity), json={"message": "hi"}),
        lambda c: c.get(_url(entity, message.id)),
    ]
    if role != "admin":
        for call in calls:
            assert_error(call(outsider), 403)
    if role == "vendor":
        for call in calls:
            assert_error(call(caller), 403)
        assert_error(caller.delete(_url(entity, message.id)), 403)
        f.make_task(db, entity, assignees=[caller.person])
        db.commit()
    assert caller.get(chat_url).status_code == 200
    assert caller.get(_url(entity)).status_code == 200
    assert caller.post(_url(entity), json={"message": "hi"}).status_code == 201
    assert caller.get(_url(entity, message.id)).status_code == 200
    if role != "admin":
        assert_error(outsider.delete(_url(entity, message.id)), 403)
    assert caller.delete(_url(entity, message.id)).status_code == 204


def test_unauthenticated_calls_are_refused(client, db) -> None:
    entity = f.make_entity(db)
    db.commit()
    assert client.get(f"/data/entities/{entity.id}/chat").status_code == 401


def test_listing_query_count_does_not_grow_with_rows(as_role, db, count_queries) -> None:
    artist = as_role("user")
    _, entity, chat = _setup(db, artist.person)

    def fill(count: int) -> None:
        for _ in range(count):
            message = f.make_chat_message(db, chat_id=chat.id, person_id=artist.person.id)
            f_row = AttachmentFile(name="a.txt", extension="txt", chat_message_id=message.id)
            db.add(f_row)
        db.commit()

    fill(1)
    with count_queries() as few:
        assert len(artist.get(_url(entity)).json()) == 1
    with count_queries() as few_chat:
        assert len(artist.get(f"/data/entities/{entity.id}/chat").json()["messages"]) == 1
    fill(5)
    with count_queries() as many:
        rows = artist.get(_url(entity)).json()
    with count_queries() as many_chat:
        assert len(artist.get(f"/data/entities/{entity.id}/chat").json()["messages"]) == 6
    assert len(rows) == 6
    assert all(len(row["attachment_files"]) == 1 for row in rows)
    assert many.count == few.count
    assert many_chat.count == few_chat.count
