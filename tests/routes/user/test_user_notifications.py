"""The caller's notifications: listing, filters, one, read flags."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from reeltrack.models.comment import comment_mentions, comment_preview_link
from tests import factories as f
from tests.crud.support import assert_error, one_event


def _shot_task(db: Any, project: Any) -> Any:
    episode = f.make_entity(db, project, type_name="Episode", name="E01")
    sequence = f.make_entity(db, project, type_name="Sequence", name="SQ01", parent_id=episode.id)
    shot = f.make_entity(db, project, type_name="Shot", name="SH01", parent_id=sequence.id)
    return f.make_task(db, shot), episode


def test_list_shows_own_notifications_with_zou_row_shape(as_role, db) -> None:
    artist = as_role("user")
    project = f.make_project(db, team=[artist.person])
    task, episode = _shot_task(db, project)
    author = f.make_person(db)
    comment = f.make_comment(db, task, person_id=author.id, text="Nice")
    preview = f.make_preview_file(db, task)
    db.execute(comment_preview_link.insert().values(comment=comment.id, preview_file=preview.id))
    db.execute(comment_mentions.insert().values(comment=comment.id, person=artist.person.id))
    mine = f.make_notification(
        db,
        person_id=artist.person.id,
        author_id=author.id,
        comment_id=comment.id,
        task_id=task.id,
        type="mention",
    )
    f.make_notification(db, author_id=author.id)  # someone else's
    f.make_subscription(db, person_id=artist.person.id, task_id=task.id)
    db.commit()

    response = artist.get("/data/user/notifications")

    assert response.status_code == 200
    rows = response.json()
    assert len(rows) == 1
    row = rows[0]
    assert row["id"] == str(mine.id)
    assert row["type"] == "Notification"
    assert row["notification_type"] == "mention"
    assert row["project_id"] == str(project.id)
    assert row["project_name"] == project.name
    assert row["task_type_id"] == str(task.task_type_id)
    assert row["comment_text"] == "Nice"
    assert row["mentions"] == [str(artist.person.id)]
    assert row["preview_file_id"] == str(preview.id)
    assert row["full_entity_name"] == "E01 / SQ01 / SH01"
    assert row["episode_id"] == str(episode.id)
    assert row["subscription_id"] is not None
    assert row["read"] is False
    assert row["reply_text"] == ""
    assert row["playlist_id"] is None


def test_client_comment_text_is_blanked_for_artists_only(as_role, db) -> None:
    artist = as_role("user")
    supervisor = as_role("supervisor")
    client = f.make_person(db, role="client")
    task = f.make_task(db)
    comment = f.make_comment(db, task, person_id=client.id, text="secret")
    for person in (artist.person, supervisor.person):
        f.make_notification(
            db, person_id=person.id, author_id=client.id, comment_id=comment.id, task_id=task.id
        )
    db.commit()

    assert artist.get("/data/user/notifications").json()[0]["comment_text"] == ""
    assert supervisor.get("/data/user/notifications").json()[0]["comment_text"] == "secret"


def test_filters_read_type_dates_and_watching(as_role, db) -> None:
    artist = as_role("user")
    me = artist.person.id
    watched = f.make_task(db)
    f.make_subscription(db, person_id=me, task_id=watched.id)
    old = f.make_notification(
        db,
        person_id=me,
        type="comment",
        read=True,
        created_at=dt.datetime(2026, 1, 1),
        task_id=watched.id,
    )
    new = f.make_notification(
        db, person_id=me, type="assignation", created_at=dt.datetime(2026, 3, 1)
    )
    db.commit()

    def ids(query: str) -> list[str]:
        response = artist.get(f"/data/user/notifications?{query}")
        assert response.status_code == 200
        return [row["id"] for row in response.json()]

    assert ids("") == [str(new.id), str(old.id)]
    assert ids("read=true") == [str(old.id)]
    assert ids("read=false") == [str(new.id)]
    assert ids("type=assignation") == [str(new.id)]
    assert ids("after=2026-02-01") == [str(new.id)]
    assert ids("before=2026-02-01T00:00:00") == [str(old.id)]
    assert ids("watching=true") == [str(old.id)]
    assert ids("watching=false") == [str(new.id)]
    assert ids(f"task_type_id={watched.task_type_id}") == [str(old.id)]


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("after=2026-13-45", "Wrong date format for after or before."),
        ("before=yesterday", "Wrong date format for after or before."),
        ("task_type_id=nope", "Invalid UUID format for task_type_id: nope"),
        ("task_status_id=nope", "Invalid UUID format for task_status_id: nope"),
    ],
)
def test_bad_filters_are_400(as_role, query: str, message: str) -> None:
    assert_error(as_role("user").get(f"/data/user/notifications?{query}"), 400, message)


def test_get_one_and_others_are_404(as_role, db) -> None:
    artist = as_role("user")
    mine = f.make_notification(db, person_id=artist.person.id)
    theirs = f.make_notification(db)
    db.commit()

    assert artist.get(f"/data/user/notifications/{mine.id}").json()["id"] == str(mine.id)
    assert_error(artist.get(f"/data/user/notifications/{theirs.id}"), 404)
    assert_error(artist.put(f"/data/user/notifications/{theirs.id}", json={"read": True}), 404)
    assert_error(artist.put("/data/user/notifications/nope", json={"read": True}), 400)


def test_put_sets_read_and_emits(as_role, db) -> None:
    artist = as_role("user")
    mine = f.make_notification(db, person_id=artist.person.id, type="reply")
    db.commit()

    response = artist.put(f"/data/user/notifications/{mine.id}", json={"read": True})

    assert response.status_code == 200
    assert response.json()["read"] is True
    assert response.json()["notification_type"] == "reply"
    assert response.json()["type"] == "Notification"
    event = one_event(db, "notification:read")
    assert event.data["notification_id"] == str(mine.id)
    response = artist.put(f"/data/user/notifications/{mine.id}", json={"read": False})
    assert response.json()["read"] is False
    one_event(db, "notification:unread")


def test_mark_all_as_read_touches_only_callers(as_role, db) -> None:
    artist = as_role("user")
    mine = [f.make_notification(db, person_id=artist.person.id) for _ in range(2)]
    theirs = f.make_notification(db)
    ids = [row.id for row in mine]
    their_id = theirs.id
    db.commit()

    response = artist.post("/actions/user/notifications/mark-all-as-read")

    assert response.json() == {"success": True}
    from reeltrack.models import Notification

    db.expire_all()
    assert all(db.get(Notification, i).read for i in ids)
    assert db.get(Notification, their_id).read is False
    assert one_event(db, "notification:all-read").data["person_id"] == str(artist.person.id)


def test_list_query_count_is_fixed(as_role, db, count_queries) -> None:
    artist = as_role("user")
    project = f.make_project(db, team=[artist.person])

    def add(count: int) -> None:
        for _ in range(count):
            task, _ = _shot_task(db, project)
            comment = f.make_comment(db, task)
            f.make_notification(
                db, person_id=artist.person.id, comment_id=comment.id, task_id=task.id
            )
            playlist = f.make_playlist(db, project)
            f.make_notification(
                db, person_id=artist.person.id, playlist_id=playlist.id, type="playlist-ready"
            )
        db.commit()

    add(2)
    with count_queries() as small:
        assert len(artist.get("/data/user/notifications").json()) == 4
    add(13)
    with count_queries() as large:
        rows = artist.get("/data/user/notifications").json()
    assert len(rows) == 30
    assert small.count == large.count
    playlist_rows = [row for row in rows if row["playlist_id"]]
    assert playlist_rows[0]["project_name"] == project.name
    assert playlist_rows[0]["playlist_name"].startswith("Playlist")
