"""A task's thread: listing, one comment, delete, acknowledge, replies, move."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import select

from reeltrack.models import Comment, News, Notification
from tests import factories
from tests.routes.comments.support import events_named, fresh, task_row


def _post(client, task, status, **body):
    response = client.post(
        f"/actions/tasks/{task.id}/comment", json={"task_status_id": str(status.id), **body}
    )
    assert response.status_code == 201, response.text
    return response.json()


def test_thread_lists_comments_newest_first_with_embedded_data(admin, db, scene):
    first = _post(admin, scene.task, scene.wip, comment="one")
    second = _post(admin, scene.task, scene.wfa, comment="two")
    response = admin.get(f"/data/tasks/{scene.task.id}/comments")
    assert response.status_code == 200
    data = response.json()
    assert [c["id"] for c in data] == [second["id"], first["id"]]
    top = data[0]
    assert top["type"] == "Comment"
    assert top["task_status"] == {
        "name": "WFA",
        "short_name": "wfa",
        "color": "#000000",
        "id": str(scene.wfa.id),
    }
    assert top["person"]["id"] == str(admin.person.id)
    assert top["person"]["full_name"]
    for key in ("acknowledgements", "previews", "mentions", "department_mentions"):
        assert top[key] == []
    assert top["attachment_files"] == []
    assert "editor" not in top


def _thread_with(db, task, count, status):
    author = factories.make_person(db)
    for i in range(count):
        comment = factories.make_comment(
            db, task=task, person_id=author.id, task_status_id=status.id, text=f"c{i}"
        )
        comment.replies = [{"id": str(uuid.uuid4()), "person_id": str(author.id), "text": "r"}]
        factories.make_attachment_file(db, comment_id=comment.id)
        factories.make_preview_file(db, task=task)
    db.commit()


def test_thread_runs_a_fixed_number_of_queries(admin, db, scene, count_queries):
    other = factories.make_task(db, entity=scene.entity, task_status_id=scene.todo.id)
    _thread_with(db, scene.task, 3, scene.wip)
    _thread_with(db, other, 30, scene.wip)
    with count_queries() as few:
        small = admin.get(f"/data/tasks/{scene.task.id}/comments").json()
    with count_queries() as many:
        big = admin.get(f"/data/tasks/{other.id}/comments").json()
    assert (len(small), len(big)) == (3, 30)
    assert big[0]["replies"][0]["person"]["id"]
    assert len(big[0]["attachment_files"]) == 1
    assert few.count == many.count


def test_thread_hides_client_comments_from_artists(member, db, scene):
    client = member("client")
    artist = member("user", assigned=True)
    _post(client, scene.task, scene.client_ok, comment="from client")
    studio = _post(artist, scene.task, scene.wip, comment="from studio")
    seen = artist.get(f"/data/tasks/{scene.task.id}/comments").json()
    assert [c["id"] for c in seen] == [studio["id"]]
    client_view = client.get(f"/data/tasks/{scene.task.id}/comments").json()
    assert [c["text"] for c in client_view] == ["from client"]
    manager = member("manager")
    assert len(manager.get(f"/data/tasks/{scene.task.id}/comments").json()) == 2


def test_thread_access(member, as_role, scene):
    assert as_role("user").get(f"/data/tasks/{scene.task.id}/comments").status_code == 403
    assert member("vendor").get(f"/data/tasks/{scene.task.id}/comments").status_code == 403
    assert member("vendor", assigned=True).get(f"/data/tasks/{scene.task.id}/comments").json() == []
    admin = as_role("admin")
    assert admin.get("/data/tasks/bad/comments").status_code == 400
    assert admin.get(f"/data/tasks/{uuid.uuid4()}/comments").status_code == 404


def test_get_one_comment(admin, member, db, scene):
    data = _post(admin, scene.task, scene.wip, comment="x")
    response = admin.get(f"/data/tasks/{scene.task.id}/comments/{data['id']}")
    assert response.status_code == 200
    assert response.json()["id"] == data["id"] and response.json()["type"] == "Comment"
    other = factories.make_task(db, entity=scene.entity)
    db.commit()
    assert admin.get(f"/data/tasks/{other.id}/comments/{data['id']}").status_code == 404
    assert admin.get(f"/data/tasks/{scene.task.id}/comments/nope").status_code == 400
    assert (
        member("user").get(f"/data/tasks/{scene.task.id}/comments/{data['id']}").status_code == 200
    )
    assert (
        member("client").get(f"/data/tasks/{scene.task.id}/comments/{data['id']}").status_code
        == 403
    )


def test_delete_comment_restores_previous_status(member, db, scene):
    manager = member("manager")
    _post(manager, scene.task, scene.wip)
    last = _post(manager, scene.task, scene.retake)
    response = manager.delete(f"/data/tasks/{scene.task.id}/comments/{last['id']}")
    assert response.status_code == 204
    task = task_row(db, scene.task.id)
    assert task.task_status_id == scene.wip.id and task.retake_count == 0
    changes = [
        (e["previous_task_status_id"], e["new_task_status_id"])
        for e in events_named(db, "task:status-changed")
    ]
    assert sorted(changes) == sorted(
        [
            (str(scene.todo.id), str(scene.wip.id)),
            (str(scene.wip.id), str(scene.retake.id)),
            (str(scene.retake.id), str(scene.wip.id)),
        ]
    )
    assert db.scalars(select(News).where(News.comment_id == uuid.UUID(last["id"]))).all() == []


def test_only_author_or_manager_deletes(member, db, scene):
    artist = member("user", assigned=True)
    comment = _post(artist, scene.task, scene.wip)
    url = f"/data/tasks/{scene.task.id}/comments/{comment['id']}"
    assert member("user", assigned=True).delete(url).status_code == 403
    assert member("supervisor").delete(url).status_code == 403
    assert artist.delete(url).status_code == 204
    assert task_row(db, scene.task.id).task_status_id == scene.todo.id


def test_acknowledge_toggles(member, db, scene):
    artist = member("user", assigned=True)
    comment = _post(artist, scene.task, scene.wip)
    url = f"/data/tasks/{scene.task.id}/comments/{comment['id']}/ack"
    reader = member("supervisor")
    data = reader.post(url).json()
    assert data["acknowledgements"] == [str(reader.person.id)]
    assert data["type"] == "Comment"
    assert reader.post(url).json()["acknowledgements"] == []
    assert len(events_named(db, "comment:acknowledge")) == 1
    assert len(events_named(db, "comment:unacknowledge")) == 1
    assert member("vendor").post(url).status_code == 403


def test_reply_notifies_author_and_followers(member, db, scene):
    artist = member("user", assigned=True, first_name="Al", last_name="Bo")
    comment = _post(artist, scene.task, scene.wip, comment="done?")
    supervisor = member("supervisor")
    url = f"/data/tasks/{scene.task.id}/comments/{comment['id']}/reply"
    response = supervisor.post(url, json={"text": "looks good @Al Bo"})
    assert response.status_code == 200, response.text
    reply = response.json()
    assert reply["text"] == "looks good @Al Bo"
    assert reply["person_id"] == str(supervisor.person.id)
    assert reply["person"]["id"] == str(supervisor.person.id)
    assert reply["mentions"] == [str(artist.person.id)]
    fresh(db)
    kinds = sorted(
        (n.type, str(n.person_id))
        for n in db.scalars(select(Notification).where(Notification.reply_id.is_not(None)))
    )
    assert kinds == [("reply", str(artist.person.id)), ("reply-mention", str(artist.person.id))]
    thread = artist.get(f"/data/tasks/{scene.task.id}/comments").json()
    assert thread[0]["replies"][0]["id"] == reply["id"]
    assert [e["reply_id"] for e in events_named(db, "comment:reply")] == [reply["id"]]


def test_reply_rules(member, admin, db, scene):
    client = member("client")
    client_comment = _post(client, scene.task, scene.client_ok, comment="hm")
    url = f"/data/tasks/{scene.task.id}/comments/{client_comment['id']}/reply"
    assert member("user", assigned=True).post(url, json={"text": "x"}).status_code == 403
    assert member("manager").post(url, json={"text": "x"}).status_code == 200
    assert member("user").post(url, json={"text": "x"}).status_code == 403
    other = factories.make_task(db, entity=scene.entity)
    db.commit()
    wrong = f"/data/tasks/{other.id}/comments/{client_comment['id']}/reply"
    assert admin.post(wrong, json={"text": "x"}).status_code == 403


def test_delete_reply(member, admin, db, scene):
    artist = member("user", assigned=True)
    comment = _post(artist, scene.task, scene.wip)
    base = f"/data/tasks/{scene.task.id}/comments/{comment['id']}/reply"
    reply = artist.post(base, json={"text": "first"}).json()
    other = member("manager").post(base, json={"text": "second"}).json()
    assert artist.delete(f"{base}/{other['id']}").status_code == 403
    response = artist.delete(f"{base}/{reply['id']}")
    assert response.status_code == 200
    assert [r["id"] for r in response.json()["replies"]] == [other["id"]]
    assert admin.delete(f"{base}/{other['id']}").status_code == 200
    assert admin.delete(f"{base}/{other['id']}").status_code == 404
    assert len(events_named(db, "comment:delete-reply")) == 2


def test_move_comment_to_sibling_task(member, as_role, db, scene):
    manager = as_role("manager")
    factories.add_to_team(db, scene.project, manager.person)
    sibling = factories.make_task(db, entity=scene.entity, task_status_id=scene.todo.id)
    db.commit()
    _post(manager, scene.task, scene.wip)
    moved = _post(manager, scene.task, scene.retake)
    url = f"/actions/tasks/{scene.task.id}/comments/{moved['id']}/move"
    response = manager.post(url, json={"target_task_id": str(sibling.id)})
    assert response.status_code == 200, response.text
    assert response.json()["object_id"] == str(sibling.id)
    assert task_row(db, scene.task.id).task_status_id == scene.wip.id
    target = task_row(db, sibling.id)
    assert target.task_status_id == scene.retake.id and target.retake_count == 1
    news = db.scalars(select(News).where(News.comment_id == uuid.UUID(moved["id"]))).all()
    assert [n.task_id for n in news] == [sibling.id]
    again = manager.post(url, json={"target_task_id": str(sibling.id)})
    assert again.status_code == 400  # no longer on the source task


@pytest.mark.parametrize("case", ["artist", "other_entity", "same", "malformed", "unknown"])
def test_move_refusals(member, as_role, db, scene, case):
    manager = as_role("manager")
    factories.add_to_team(db, scene.project, manager.person)
    elsewhere = factories.make_task(db, entity=factories.make_entity(db, project=scene.project))
    db.commit()
    comment = _post(manager, scene.task, scene.wip)
    url = f"/actions/tasks/{scene.task.id}/comments/{comment['id']}/move"
    client, target, code = {
        "artist": (member("user", assigned=True), str(elsewhere.id), 403),
        "other_entity": (manager, str(elsewhere.id), 400),
        "same": (manager, str(scene.task.id), 400),
        "malformed": (manager, "x", 400),
        "unknown": (manager, str(uuid.uuid4()), 404),
    }[case]
    assert client.post(url, json={"target_task_id": target}).status_code == code
    fresh(db)
    assert db.get(Comment, uuid.UUID(comment["id"])).object_id == scene.task.id
