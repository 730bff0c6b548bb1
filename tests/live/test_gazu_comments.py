"""gazu's comment functions against a live server: post, read, attach, reply, remove."""

from __future__ import annotations

import gazu
import pytest

from tests import factories
from tests.routes.comments.support import assign, make_statuses

PASSWORD = "comments-password"


@pytest.fixture()
def review(live_url, db):
    """A project, a shot task assigned to an artist, the usual statuses; gazu logged in."""
    manager = factories.make_person(
        db, role="manager", email="lead@comments.test", password=PASSWORD
    )
    artist = factories.make_person(
        db, email="artist@comments.test", password=PASSWORD, first_name="Ada", last_name="Byron"
    )
    statuses = make_statuses(db)
    project = factories.make_project(db, team=[manager, artist])
    shot = factories.make_entity(db, project=project, type_name="Shot", name="SH010")
    task = factories.make_task(db, entity=shot, task_status_id=statuses["todo"].id)
    assign(db, task, artist)
    db.commit()
    gazu.set_host(live_url + "/api")
    yield {
        "task_id": str(task.id),
        "shot_id": str(shot.id),
        "project_id": str(project.id),
        "manager_id": str(manager.id),
        "artist_id": str(artist.id),
        **{name: str(status.id) for name, status in statuses.items()},
    }
    gazu.client.default_client.tokens = {}


def test_artist_and_manager_review_loop_through_gazu(review, tmp_path):
    task = {"id": review["task_id"]}
    gazu.log_in("artist@comments.test", PASSWORD)
    notes = tmp_path / "notes.txt"
    notes.write_text("frame 12 flickers")
    posted = gazu.task.add_comment(
        task,
        review["wip"],
        "Started",
        checklist=[{"text": "rig", "checked": False}],
        attachments=[str(notes)],
    )
    assert posted["task_status_id"] == review["wip"]
    assert [f["name"] for f in posted["attachment_files"]] == ["notes.txt"]
    assert gazu.task.get_task(task["id"])["task_status_id"] == review["wip"]

    with pytest.raises(gazu.exception.NotAllowedException):
        gazu.task.add_comment(task, review["done"], "I may not close it")
    assert gazu.task.get_task(task["id"])["task_status_id"] == review["wip"]

    target = tmp_path / "downloaded.txt"
    gazu.files.download_attachment_file(posted["attachment_files"][0]["id"], str(target))
    assert target.read_text() == "frame 12 flickers"
    gazu.log_out()

    gazu.log_in("lead@comments.test", PASSWORD)
    review_comment = gazu.task.add_comment(task, review["retake"], "@Ada Byron fix the flicker")
    assert review_comment["mentions"] == [review["artist_id"]]
    added = gazu.task.add_attachment_files_to_comment(task, review_comment, [str(notes)])
    assert [f["name"] for f in added] == ["notes.txt"]
    reply = gazu.task.reply_to_comment(task, posted, "see my retake")
    assert reply["person_id"] == review["manager_id"]

    last = gazu.task.get_last_comment_for_task(task)
    assert last["id"] == review_comment["id"]
    assert last["task_status"]["short_name"] == "retake"
    thread = gazu.task.all_comments_for_task(task)
    assert [c["id"] for c in thread] == [review_comment["id"], posted["id"]]
    assert thread[1]["replies"][0]["text"] == "see my retake"
    refreshed = gazu.task.get_task(task["id"])
    assert refreshed["task_status_id"] == review["retake"]
    assert refreshed["retake_count"] == 1

    news = gazu.client.get(f"data/projects/{review['project_id']}/news")
    assert news["total"] == 2

    gazu.task.remove_comment(review_comment)
    assert gazu.task.get_task(task["id"])["task_status_id"] == review["wip"]
    gazu.client.delete(f"data/tasks/{task['id']}/comments/{posted['id']}")
    assert gazu.task.all_comments_for_task(task) == []
    assert gazu.task.get_task(task["id"])["task_status_id"] == review["todo"]
