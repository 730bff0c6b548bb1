"""comment-many, copy-client-comments, project comments and comment previews."""

from __future__ import annotations

import uuid

from sqlalchemy import select

from reeltrack.models import News, PreviewFile
from tests import factories
from tests.routes.comments.support import assign, events_named, fresh, task_row


def _many(client, project, items):
    return client.post(f"/actions/projects/{project.id}/tasks/comment-many", json=items)


def _item(task, status, text="batch"):
    return {"object_id": str(task.id), "task_status_id": str(status.id), "comment": text}


def test_comment_many_keeps_each_task_history(admin, db, scene):
    second = factories.make_task(db, entity=scene.entity, task_status_id=scene.todo.id)
    db.commit()
    items = [
        _item(scene.task, scene.wip),
        _item(second, scene.retake),
        _item(scene.task, scene.wfa),
        {"object_id": str(second.id)},  # incomplete: skipped as Zou does
    ]
    response = _many(admin, scene.project, items)
    assert response.status_code == 201, response.text
    assert [c["object_id"] for c in response.json()] == [
        str(scene.task.id),
        str(second.id),
        str(scene.task.id),
    ]
    first = task_row(db, scene.task.id)
    assert first.task_status_id == scene.wfa.id and first.real_start_date is not None
    assert task_row(db, second.id).retake_count == 1
    changes = [
        (e["task_id"], e["new_task_status_id"]) for e in events_named(db, "task:status-changed")
    ]
    assert sorted(changes) == sorted(
        [
            (str(scene.task.id), str(scene.wip.id)),
            (str(second.id), str(scene.retake.id)),
            (str(scene.task.id), str(scene.wfa.id)),
        ]
    )


def test_comment_many_for_non_managers_keeps_allowed_tasks(member, db, scene):
    mine = scene.task
    theirs = factories.make_task(db, entity=scene.entity, task_status_id=scene.todo.id)
    db.commit()
    artist = member("user", assigned=True)
    response = _many(artist, scene.project, [_item(mine, scene.wip), _item(theirs, scene.wip)])
    assert response.status_code == 201
    assert [c["object_id"] for c in response.json()] == [str(mine.id)]
    assert task_row(db, theirs.id).task_status_id == scene.todo.id
    refused = _many(artist, scene.project, [_item(mine, scene.done)])
    assert refused.status_code == 403
    assert task_row(db, mine.id).task_status_id == scene.wip.id


def test_comment_many_bad_input(admin, db, scene):
    elsewhere = factories.make_task(db)
    db.commit()
    assert _many(admin, scene.project, {"a": 1}).status_code == 400
    assert _many(admin, scene.project, [{"object_id": "x"}]).status_code == 400
    unknown = {**_item(scene.task, scene.wip), "object_id": str(uuid.uuid4())}
    assert _many(admin, scene.project, [unknown]).status_code == 404
    assert _many(admin, scene.project, [_item(elsewhere, scene.wip)]).status_code == 400
    bad_status = {**_item(scene.task, scene.wip), "task_status_id": str(uuid.uuid4())}
    assert (
        _many(admin, scene.project, [_item(scene.task, scene.wip), bad_status]).status_code == 404
    )
    assert task_row(db, scene.task.id).task_status_id == scene.todo.id
    assert admin.post("/actions/projects/x/tasks/comment-many", json=[]).status_code == 400


def test_copy_client_comments(member, db, scene):
    client = member("client")
    manager = member("manager")
    for text in ("old", "newest"):
        response = client.post(
            f"/actions/tasks/{scene.task.id}/comment",
            json={"task_status_id": str(scene.client_ok.id), "comment": text},
        )
        assert response.status_code == 201
    url = f"/actions/projects/{scene.project.id}/tasks/copy-client-comments"
    body = {"task_ids": [str(scene.task.id)], "prefix": "Client says:"}
    assert member("user", assigned=True).post(url, json=body).status_code == 403
    response = manager.post(url, json=body)
    assert response.status_code == 201, response.text
    [copy] = response.json()
    assert copy["text"] == "Client says:\n\nnewest"
    assert copy["person_id"] == str(manager.person.id)
    assert copy["task_status_id"] == str(scene.client_ok.id)
    assert manager.post(url, json={"task_ids": []}).status_code == 400


def test_project_comments(admin, member, db, scene):
    for status in (scene.wip, scene.wfa, scene.done):
        admin.post(
            f"/actions/tasks/{scene.task.id}/comment", json={"task_status_id": str(status.id)}
        )
    factories.make_comment(db)  # another project
    db.commit()
    url = f"/data/projects/{scene.project.id}/comments"
    listed = member("supervisor").get(url).json()
    assert len(listed) == 3 and all(c["type"] == "Comment" for c in listed)
    assert listed[0]["mentions"] == [] and "attachment_files" in listed[0]
    page = admin.get(url, params={"page": 1, "limit": 2}).json()
    assert (page["total"], page["nb_pages"], len(page["data"])) == (3, 2, 2)
    assert member("client").get(url).status_code == 403
    assert member("vendor").get(url).status_code == 403
    assert admin.get(f"/data/projects/{uuid.uuid4()}/comments").status_code == 404
    assert admin.get(url, params={"page": "x"}).status_code == 400


def test_add_preview_to_comment_and_remove_it(member, db, scene):
    artist = member("user", assigned=True)
    comment = artist.post(
        f"/actions/tasks/{scene.task.id}/comment", json={"task_status_id": str(scene.wfa.id)}
    ).json()
    base = f"/actions/tasks/{scene.task.id}/comments/{comment['id']}"
    response = artist.post(f"{base}/add-preview", json={})
    assert response.status_code == 201, response.text
    preview = response.json()
    assert preview["type"] == "PreviewFile"
    assert (preview["revision"], preview["position"], preview["status"]) == (1, 1, "processing")
    extra = artist.post(f"{base}/preview-files/{preview['id']}").json()
    assert (extra["revision"], extra["position"]) == (1, 2)
    assert len(events_named(db, "preview-file:new")) == 2
    fresh(db)
    assert db.scalars(select(News.preview_file_id)).all() == [uuid.UUID(extra["id"])]
    thread = artist.get(f"/data/tasks/{scene.task.id}/comments").json()
    assert [p["id"] for p in thread[0]["previews"]] == [preview["id"], extra["id"]]
    assert artist.delete(f"{base}/preview-files/{extra['id']}").status_code == 204
    fresh(db)
    assert db.get(PreviewFile, uuid.UUID(extra["id"])) is None
    assert artist.delete(f"{base}/preview-files/{extra['id']}").status_code == 404
    next_one = artist.post(f"{base}/add-preview", json={"revision": 1})
    assert next_one.json()["position"] == 2
    stranger = member("user")
    assert stranger.post(f"{base}/add-preview", json={}).status_code == 403
    assert artist.post(f"{base}/add-preview", json={"revision": -1}).status_code == 400


def test_add_preview_revision_taken(admin, db, scene):
    comment = admin.post(
        f"/actions/tasks/{scene.task.id}/comment", json={"task_status_id": str(scene.wfa.id)}
    ).json()
    factories.make_preview_file(db, task=scene.task, revision=4, position=1)
    assign(db, scene.task, admin.person)
    db.commit()
    url = f"/actions/tasks/{scene.task.id}/comments/{comment['id']}/add-preview"
    assert admin.post(url, json={"revision": 4}).status_code == 400
    assert admin.post(url, json={}).json()["revision"] == 5
