"""Entity chats the caller joins, and clearing their own avatar."""

from __future__ import annotations

import uuid

from sqlalchemy import select

from reeltrack.models import Chat, Person
from reeltrack.models.chat import chat_participant
from tests import factories as f
from tests.crud.support import assert_error, events


def test_join_list_and_leave_a_chat(as_role, db) -> None:
    artist = as_role("user")
    project = f.make_project(db, team=[artist.person])
    sequence = f.make_entity(db, project, type_name="Sequence", name="SQ01")
    shot = f.make_entity(db, project, type_name="Shot", name="SH01", parent_id=sequence.id)
    db.commit()

    joined = artist.post(f"/actions/user/chats/{shot.id}/join")

    assert joined.status_code == 200
    assert joined.json()["type"] == "Chat"
    assert joined.json()["object_id"] == str(shot.id)
    again = artist.post(f"/actions/user/chats/{shot.id}/join")
    assert again.json()["id"] == joined.json()["id"]
    rows = artist.get("/data/user/chats").json()
    assert rows == [
        {
            "id": joined.json()["id"],
            "object_id": str(shot.id),
            "last_message": None,
            "entity_name": "SQ01 / SH01",
            "project_id": str(project.id),
            "preview_file_id": None,
        }
    ]
    assert len(events(db, "chat:joined")) == 2

    assert artist.delete(f"/actions/user/chats/{shot.id}/join").status_code == 204
    assert artist.get("/data/user/chats").json() == []
    assert len(events(db, "chat:left")) == 1


def test_chats_of_others_and_of_closed_projects_are_not_listed(as_role, db) -> None:
    artist = as_role("user")
    closed = f.make_project(db, closed=True)
    mine_closed = f.make_chat(db, object_id=f.make_entity(db, closed).id)
    db.execute(chat_participant.insert().values(chat_id=mine_closed.id, person_id=artist.person.id))
    theirs = f.make_chat(db)
    db.execute(chat_participant.insert().values(chat_id=theirs.id, person_id=f.make_person(db).id))
    db.commit()
    assert artist.get("/data/user/chats").json() == []


def test_joining_needs_project_and_entity_access(as_role, db) -> None:
    artist = as_role("user")
    vendor = as_role("vendor")
    project = f.make_project(db, team=[vendor.person])
    entity = f.make_entity(db, project)
    assigned = f.make_entity(db, project)
    f.make_task(db, assigned, assignees=[vendor.person])
    db.commit()

    assert_error(artist.post(f"/actions/user/chats/{entity.id}/join"), 403)
    assert_error(vendor.post(f"/actions/user/chats/{entity.id}/join"), 403)
    assert vendor.post(f"/actions/user/chats/{assigned.id}/join").status_code == 200
    assert_error(artist.post(f"/actions/user/chats/{uuid.uuid4()}/join"), 404)
    assert_error(artist.delete("/actions/user/chats/nope/join"), 400, "Malformed ID.")
    db.expire_all()
    assert len(list(db.scalars(select(Chat)))) == 1


def test_clear_avatar_clears_only_the_callers(as_role, db) -> None:
    artist = as_role("user", has_avatar=True)
    other = f.make_person(db, has_avatar=True)
    other_id = other.id
    db.commit()

    assert artist.delete("/actions/user/clear-avatar").status_code == 204

    db.expire_all()
    assert db.get(Person, artist.person.id).has_avatar is False
    assert db.get(Person, other_id).has_avatar is True
    assert len(events(db, "person:update")) == 1
