"""Comment attachments: multipart upload, storage, download, deletion, size limit."""

from __future__ import annotations

import dataclasses
import uuid

from sqlalchemy import func, select

from reeltrack.models import AttachmentFile, Comment
from reeltrack.services.comment_files import BUCKET
from tests import factories
from tests.routes.comments.support import fresh, task_row


def _multipart(client, task, status, files, **fields):
    data = {"task_status_id": str(status.id), **fields}
    return client.post(f"/actions/tasks/{task.id}/comment", data=data, files=files)


def _stored(runtime, file_id):
    return runtime.files.get(BUCKET, str(file_id))


def test_comment_with_files_stores_and_serves_them(admin, runtime, db, scene):
    files = [
        ("file-0", ("notes.txt", b"hello world", "text/plain")),
        ("file-1", ("frame.png", b"\x89PNG fake", "image/png")),
    ]
    response = _multipart(admin, scene.task, scene.wip, files, comment="see files", links='["a"]')
    assert response.status_code == 201, response.text
    data = response.json()
    assert data["links"] == ["a"]
    names = {f["name"]: f for f in data["attachment_files"]}
    assert set(names) == {"notes.txt", "frame.png"}
    assert names["notes.txt"]["size"] == 11 and names["notes.txt"]["extension"] == "txt"
    assert _stored(runtime, names["notes.txt"]["id"]) == b"hello world"
    assert task_row(db, scene.task.id).task_status_id == scene.wip.id
    download = admin.get(f"/data/attachment-files/{names['notes.txt']['id']}/file/notes.txt")
    assert download.status_code == 200
    assert download.content == b"hello world"
    assert download.headers["content-disposition"].startswith("attachment")
    image = admin.get(f"/data/attachment-files/{names['frame.png']['id']}/file/frame.png")
    assert image.headers["content-type"] == "image/png"
    assert image.headers["content-disposition"].startswith("inline")
    thread = admin.get(f"/data/tasks/{scene.task.id}/comments").json()
    assert {f["name"] for f in thread[0]["attachment_files"]} == {"notes.txt", "frame.png"}


def test_too_large_upload_is_refused_and_nothing_written(admin, runtime, db, scene, monkeypatch):
    small = dataclasses.replace(runtime.settings, max_upload_size=10)
    monkeypatch.setattr(runtime, "settings", small)
    before = _stored_paths(runtime)
    files = [("file-0", ("big.bin", b"x" * 11, "application/octet-stream"))]
    response = _multipart(admin, scene.task, scene.wip, files, comment="too big")
    assert response.status_code == 413
    task = task_row(db, scene.task.id)
    assert task.task_status_id == scene.todo.id and task.last_comment_date is None
    assert db.scalar(select(func.count()).select_from(Comment)) == 0
    assert db.scalar(select(func.count()).select_from(AttachmentFile)) == 0
    assert _stored_paths(runtime) == before


def _stored_paths(runtime):
    root = runtime.settings.file_store_path / BUCKET
    return {p for p in root.rglob("*") if p.is_file()} if root.exists() else set()


def test_size_limit_counts_every_file(admin, runtime, db, scene, monkeypatch):
    small = dataclasses.replace(runtime.settings, max_upload_size=10)
    monkeypatch.setattr(runtime, "settings", small)
    files = [("a", ("a.txt", b"x" * 6, "text/plain")), ("b", ("b.txt", b"y" * 6, "text/plain"))]
    assert _multipart(admin, scene.task, scene.wip, files).status_code == 413
    fits = [("a", ("a.txt", b"x" * 10, "text/plain"))]
    assert _multipart(admin, scene.task, scene.wip, fits).status_code == 201


def test_failed_comment_removes_stored_files(member, runtime, db, scene):
    artist = member("user", assigned=True)
    files = [("file-0", ("a.txt", b"abc", "text/plain"))]
    response = _multipart(artist, scene.task, scene.done, files)
    assert response.status_code == 403
    fresh(db)
    assert db.scalar(select(func.count()).select_from(AttachmentFile)) == 0


def _comment(client, scene):
    response = client.post(
        f"/actions/tasks/{scene.task.id}/comment", json={"task_status_id": str(scene.wip.id)}
    )
    assert response.status_code == 201
    return response.json()


def test_add_attachment_by_author_or_manager(member, runtime, db, scene):
    artist = member("user", assigned=True)
    comment = _comment(artist, scene)
    url = f"/actions/tasks/{scene.task.id}/comments/{comment['id']}/add-attachment"
    files = [("file", ("plan.pdf", b"%PDF", "application/pdf"))]
    response = artist.post(url, files=files)
    assert response.status_code == 201, response.text
    [item] = response.json()
    assert item["name"] == "plan.pdf" and item["size"] == 4
    assert _stored(runtime, item["id"]) == b"%PDF"
    assert member("user", assigned=True).post(url, files=files).status_code == 403
    again = member("manager").post(url, files=[("f", ("b.txt", b"b", "text/plain"))]).json()
    assert [f["name"] for f in again] == ["b.txt"]
    thread = artist.get(f"/data/tasks/{scene.task.id}/comments").json()
    assert {f["name"] for f in thread[0]["attachment_files"]} == {"plan.pdf", "b.txt"}


def test_delete_attachment(member, runtime, db, scene):
    artist = member("user", assigned=True)
    comment = _comment(artist, scene)
    url = f"/actions/tasks/{scene.task.id}/comments/{comment['id']}/add-attachment"
    [item] = artist.post(url, files=[("f", ("a.txt", b"a", "text/plain"))]).json()
    delete_url = f"/data/tasks/{scene.task.id}/comments/{comment['id']}/attachments/{item['id']}"
    assert member("supervisor").delete(delete_url).status_code == 403
    assert artist.delete(delete_url).status_code == 204
    assert not runtime.files.exists(BUCKET, item["id"])
    assert artist.delete(delete_url).status_code == 404
    foreign = factories.make_attachment_file(db)
    db.commit()
    other = f"/data/tasks/{scene.task.id}/comments/{comment['id']}/attachments/{foreign.id}"
    assert artist.delete(other).status_code == 403


def test_deleting_comment_deletes_its_files(member, runtime, db, scene):
    artist = member("user", assigned=True)
    files = [("file-0", ("a.txt", b"abc", "text/plain"))]
    data = _multipart(artist, scene.task, scene.wip, files).json()
    file_id = data["attachment_files"][0]["id"]
    assert runtime.files.exists(BUCKET, file_id)
    assert artist.delete(f"/data/tasks/{scene.task.id}/comments/{data['id']}").status_code == 204
    assert not runtime.files.exists(BUCKET, file_id)


def test_download_permissions_and_missing_file(member, as_role, db, scene):
    artist = member("user", assigned=True)
    data = _multipart(artist, scene.task, scene.wip, [("f", ("a.txt", b"abc", "text/plain"))])
    file_id = data.json()["attachment_files"][0]["id"]
    url = f"/data/attachment-files/{file_id}/file/a.txt"
    assert as_role("user").get(url).status_code == 403
    assert member("supervisor").get(url).status_code == 200
    assert artist.get("/data/attachment-files/bad/file/a.txt").status_code == 400
    assert artist.get(f"/data/attachment-files/{uuid.uuid4()}/file/a.txt").status_code == 404
    ghost = factories.make_attachment_file(db, comment_id=uuid.UUID(data.json()["id"]))
    db.commit()
    assert artist.get(f"/data/attachment-files/{ghost.id}/file/x.pdf").status_code == 404


def test_attachment_lists_are_for_admins(admin, member, db, scene):
    data = _multipart(admin, scene.task, scene.wip, [("f", ("a.txt", b"abc", "text/plain"))])
    file_id = data.json()["attachment_files"][0]["id"]
    factories.make_attachment_file(db)  # another project's file
    db.commit()
    for url in (
        f"/data/projects/{scene.project.id}/attachment-files",
        f"/data/tasks/{scene.task.id}/attachment-files",
    ):
        listed = admin.get(url).json()
        assert [(f["id"], f["type"]) for f in listed] == [(file_id, "AttachmentFile")]
        assert member("manager").get(url).status_code == 403
    assert admin.get("/data/tasks/nope/attachment-files").status_code == 400
    assert admin.get(f"/data/projects/{uuid.uuid4()}/attachment-files").status_code == 404


def test_reply_with_file(member, runtime, db, scene):
    artist = member("user", assigned=True)
    comment = _comment(artist, scene)
    url = f"/data/tasks/{scene.task.id}/comments/{comment['id']}/reply"
    response = artist.post(url, data={"text": "with file"}, files=[("f", ("r.txt", b"r", "t/p"))])
    assert response.status_code == 200, response.text
    reply = response.json()
    [item] = reply["attachment_files"]
    assert item["reply_id"] == reply["id"]
    assert runtime.files.get(BUCKET, item["id"]) == b"r"
    delete = artist.delete(f"{url}/{reply['id']}")
    assert delete.status_code == 200
    assert not runtime.files.exists(BUCKET, item["id"])


def test_files_are_removed_when_the_post_fails_after_storing(
    admin, runtime, db, scene, monkeypatch
):
    from reeltrack.services import comment_notify
    from reeltrack.wire.errors import WrongParameter

    def broken(*_args, **_kwargs):
        raise WrongParameter("boom")

    monkeypatch.setattr(comment_notify, "add_news", broken)
    before = _stored_paths(runtime)
    files = [("file-0", ("late.txt", b"late", "text/plain"))]
    assert _multipart(admin, scene.task, scene.wip, files).status_code == 400
    assert _stored_paths(runtime) == before
    assert task_row(db, scene.task.id).task_status_id == scene.todo.id
    assert db.scalar(select(func.count()).select_from(AttachmentFile)) == 0
