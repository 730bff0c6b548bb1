"""Task and sequence subscriptions of the caller."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import func, select

from reeltrack.models import Subscription
from tests import factories as f
from tests.crud.support import assert_error


def _count(db: Any) -> int:
    db.commit()
    return db.scalar(select(func.count()).select_from(Subscription))


def test_subscribe_check_and_unsubscribe_a_task(as_role, db) -> None:
    artist = as_role("user")
    project = f.make_project(db, team=[artist.person])
    task = f.make_task(db, f.make_entity(db, project))
    db.commit()
    base = f"/data/user/tasks/{task.id}/subscribed"

    assert artist.get(base).json() is False
    response = artist.post(f"/actions/user/tasks/{task.id}/subscribe")
    assert response.status_code == 201
    assert response.json()["type"] == "Subscription"
    assert response.json()["person_id"] == str(artist.person.id)
    assert response.json()["task_id"] == str(task.id)
    again = artist.post(f"/actions/user/tasks/{task.id}/subscribe")
    assert again.json()["id"] == response.json()["id"]
    assert artist.get(base).json() is True
    assert _count(db) == 1

    assert artist.delete(f"/actions/user/tasks/{task.id}/unsubscribe").status_code == 204
    assert artist.get(base).json() is False
    assert _count(db) == 0


def test_subscription_of_someone_else_is_not_seen_nor_removed(as_role, db) -> None:
    artist = as_role("user")
    theirs = f.make_subscription(db)
    task_id = theirs.task_id
    db.commit()

    assert artist.get(f"/data/user/tasks/{task_id}/subscribed").json() is False
    assert artist.delete(f"/actions/user/tasks/{task_id}/unsubscribe").status_code == 204
    assert _count(db) == 1


def test_subscribing_outside_ones_projects_is_forbidden(as_role, db) -> None:
    artist = as_role("user")
    task = f.make_task(db)
    db.commit()

    assert_error(artist.post(f"/actions/user/tasks/{task.id}/subscribe"), 403)
    assert_error(artist.post(f"/actions/user/tasks/{uuid.uuid4()}/subscribe"), 404)
    assert_error(artist.post("/actions/user/tasks/nope/subscribe"), 400, "Malformed ID.")
    assert as_role("admin").post(f"/actions/user/tasks/{task.id}/subscribe").status_code == 201


def test_bulk_subscribe_and_unsubscribe(as_role, db) -> None:
    artist = as_role("user")
    project = f.make_project(db, team=[artist.person])
    tasks = [f.make_task(db, f.make_entity(db, project)) for _ in range(3)]
    outside = f.make_task(db)
    db.commit()
    ids = [str(task.id) for task in tasks]

    response = artist.post("/actions/user/tasks/subscribe", json={"task_ids": ids})
    assert response.status_code == 201
    assert [row["task_id"] for row in response.json()] == ids
    assert _count(db) == 3

    refused = artist.post("/actions/user/tasks/subscribe", json={"task_ids": [str(outside.id)]})
    assert_error(refused, 403)
    empty = artist.post("/actions/user/tasks/subscribe", json={"task_ids": []})
    assert empty.status_code == 400
    assert empty.json()["message"] == "Validation error."

    response = artist.post("/actions/user/tasks/unsubscribe", json={"task_ids": ids[:2]})
    assert response.status_code == 200
    assert response.json() == ids[:2]
    assert _count(db) == 1


def test_sequence_subscription_cycle(as_role, db) -> None:
    artist = as_role("user")
    project = f.make_project(db, team=[artist.person])
    sequence = f.make_entity(db, project, type_name="Sequence")
    task_type = f.make_task_type(db)
    db.commit()
    pair = f"sequences/{sequence.id}/task-types/{task_type.id}"

    assert artist.get(f"/data/user/{pair}/subscribed").json() is False
    response = artist.post(f"/actions/user/{pair}/subscribe")
    assert response.status_code == 201
    assert response.json()["entity_id"] == str(sequence.id)
    assert response.json()["task_type_id"] == str(task_type.id)
    assert artist.get(f"/data/user/{pair}/subscribed").json() is True
    entities_path = f"/data/user/entities/{sequence.id}/task-types/{task_type.id}/subscribed"
    assert artist.get(entities_path).json() is True
    assert artist.delete(f"/actions/user/{pair}/unsubscribe").status_code == 204
    assert artist.get(f"/data/user/{pair}/subscribed").json() is False


def test_sequence_subscription_errors(as_role, db) -> None:
    artist = as_role("user")
    project = f.make_project(db, team=[artist.person])
    shot = f.make_entity(db, project, type_name="Shot")
    foreign = f.make_entity(db, type_name="Sequence")
    task_type = f.make_task_type(db)
    db.commit()
    kind = task_type.id

    assert_error(artist.post(f"/actions/user/sequences/{shot.id}/task-types/{kind}/subscribe"), 404)
    forbidden = artist.post(f"/actions/user/sequences/{foreign.id}/task-types/{kind}/subscribe")
    assert_error(forbidden, 403)
    bad = artist.get(f"/data/user/sequences/nope/task-types/{kind}/subscribed")
    assert_error(bad, 400, "Malformed ID.")


def test_anonymous_is_401(client) -> None:
    assert client.get(f"/data/user/tasks/{uuid.uuid4()}/subscribed").status_code == 401
