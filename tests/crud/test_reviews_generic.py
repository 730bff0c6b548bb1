"""The five operations of every review resource, as an admin, with Zou's event payloads."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

import reeltrack.models as models
from reeltrack.crud.registry import registry
from reeltrack.crud.resources import reviews
from reeltrack.crud.spec import Registry
from tests import factories
from tests.crud.support import (
    EMPTY_BODY,
    NOT_FOUND,
    assert_error,
    events,
    ids,
    one_event,
    reload,
    sid,
)

Payload = Callable[[Session, Any, str], dict[str, Any]]


def _default_payload(id_key: str, project: Callable[[Any], Any] | None = None) -> Payload:
    def build(db: Session, row: Any, action: str) -> dict[str, Any]:
        data = {id_key: sid(row)}
        if project is not None and project(row) is not None:
            data["project_id"] = str(project(row))
        return data

    return build


def _comment_payload(db: Session, row: Any, action: str) -> dict[str, Any]:
    data: dict[str, Any] = {"comment_id": sid(row), "task_id": str(row.object_id)}
    if action != "delete":
        data.update(person_id=str(row.person_id), for_client=bool(row.for_client))
    if action != "new":
        data["project_id"] = str(db.get(models.Task, row.object_id).project_id)
    return data


@dataclass(frozen=True)
class Case:
    """One review resource as the shared tests drive it."""

    path: str
    model: str
    event: str
    make: Callable[..., Any]
    body: Callable[[Session], dict[str, Any]]
    update: Callable[[Session], dict[str, Any]]
    wrong_type: dict[str, Any]
    wrong_type_message: str
    payload: Payload
    echo_skip: frozenset[str] = field(default_factory=frozenset)


def _person(db: Session) -> str:
    return sid(factories.make_person(db))


def _task(db: Session) -> str:
    return sid(factories.make_task(db))


CASES = [
    Case(
        path="comments",
        model="Comment",
        event="comment",
        make=factories.make_comment,
        body=lambda db: {
            "object_id": _task(db),
            "object_type": "Task",
            "person_id": _person(db),
            "text": "Looks good",
        },
        update=lambda db: {"text": "Looks better"},
        wrong_type={"pinned": "sometimes"},
        wrong_type_message="Field 'pinned' must be a boolean.",
        payload=_comment_payload,
    ),
    Case(
        path="preview-files",
        model="PreviewFile",
        event="preview-file",
        make=factories.make_preview_file,
        body=lambda db: {"task_id": _task(db), "name": "v001", "revision": 1, "extension": "png"},
        update=lambda db: {"description": "Shaded"},
        wrong_type={"width": "wide"},
        wrong_type_message="Field 'width' must be an integer.",
        payload=_default_payload("preview_file_id"),
    ),
    Case(
        path="attachment-files",
        model="AttachmentFile",
        event="attachment-file",
        make=factories.make_attachment_file,
        body=lambda db: {
            "comment_id": sid(factories.make_comment(db)),
            "name": "notes.pdf",
            "extension": "pdf",
            "size": 1200,
        },
        update=lambda db: {"name": "renamed.pdf"},
        wrong_type={"size": "big"},
        wrong_type_message="Field 'size' must be an integer.",
        payload=_default_payload("attachment_file_id"),
    ),
    Case(
        path="playlists",
        model="Playlist",
        event="playlist",
        make=factories.make_playlist,
        body=lambda db: {"project_id": sid(factories.make_project(db)), "name": "Dailies"},
        update=lambda db: {"name": "Dailies 2"},
        wrong_type={"for_client": "maybe"},
        wrong_type_message="Field 'for_client' must be a boolean.",
        payload=_default_payload("playlist_id", lambda row: row.project_id),
    ),
    Case(
        path="news",
        model="News",
        event="news",
        make=factories.make_news,
        body=lambda db: {"task_id": _task(db), "author_id": _person(db), "change": True},
        update=lambda db: {"change": False},
        wrong_type={"change": "perhaps"},
        wrong_type_message="Field 'change' must be a boolean.",
        payload=_default_payload("news_id"),
    ),
    Case(
        path="notifications",
        model="Notification",
        event="notification",
        make=factories.make_notification,
        body=lambda db: {"person_id": _person(db), "author_id": _person(db), "type": "mention"},
        update=lambda db: {"read": True},
        wrong_type={"read": "unread"},
        wrong_type_message="Field 'read' must be a boolean.",
        payload=_default_payload("notification_id"),
        echo_skip=frozenset({"type"}),
    ),
    Case(
        path="subscriptions",
        model="Subscription",
        event="subscription",
        make=factories.make_subscription,
        body=lambda db: {"person_id": _person(db), "task_id": _task(db)},
        update=lambda db: {"task_type_id": sid(factories.make_task_type(db))},
        wrong_type={"task_id": 12},
        wrong_type_message="Invalid UUID value for 'task_id': 12.",
        payload=_default_payload("subscription_id"),
    ),
    Case(
        path="chats",
        model="Chat",
        event="chat",
        make=factories.make_chat,
        body=lambda db: {"object_id": sid(factories.make_entity(db)), "object_type": "entity"},
        update=lambda db: {"last_message": "2024-05-01T10:00:00"},
        wrong_type={"last_message": "yesterday"},
        wrong_type_message=(
            "Invalid date format for 'last_message': 'yesterday'. "
            "Expected an ISO 8601 date or datetime."
        ),
        payload=_default_payload("chat_id"),
    ),
    Case(
        path="chat-messages",
        model="ChatMessage",
        event="chat-message",
        make=factories.make_chat_message,
        body=lambda db: {
            "chat_id": sid(factories.make_chat(db)),
            "person_id": _person(db),
            "text": "Hello",
        },
        update=lambda db: {"text": "Hello again"},
        wrong_type={"text": ["hello"]},
        wrong_type_message="Field 'text' must be a string.",
        payload=_default_payload("chat_message_id"),
    ),
    Case(
        path="events",
        model="ApiEvent",
        event="api-event",
        make=factories.make_api_event,
        body=lambda db: {"name": "custom:event", "data": {"answer": 42}},
        update=lambda db: {"name": "custom:renamed"},
        wrong_type={"name": {"not": "text"}},
        wrong_type_message="Field 'name' must be a string.",
        payload=_default_payload("api_event_id"),
    ),
]
IDS = [case.path for case in CASES]


@pytest.fixture(params=CASES, ids=IDS)
def case(request: pytest.FixtureRequest) -> Case:
    return request.param


def url(case: Case, row_id: object = None) -> str:
    return f"/data/{case.path}" if row_id is None else f"/data/{case.path}/{row_id}"


def count_rows(db: Session, case: Case) -> int:
    db.commit()
    return db.scalar(select(func.count()).select_from(getattr(models, case.model)))


def test_every_resource_of_the_group_has_a_case():
    group = Registry()
    reviews.register(group)
    assert sorted(group.specs) == sorted(IDS)
    for case in CASES:
        assert registry.specs[case.path].model.__name__ == case.model


def test_list_get_page_filter_and_fields(case, admin, db):
    rows = [case.make(db) for _ in range(3)]
    db.commit()
    listed = admin.get(url(case)).json()
    assert ids(listed) >= {sid(r) for r in rows}
    assert {item["type"] for item in listed} == {case.model}
    page = admin.get(url(case), params={"page": 1, "limit": 2}).json()
    assert (page["nb_pages"], len(page["data"])) == (-(-page["total"] // 2), 2)
    assert ids(admin.get(url(case), params={"id": sid(rows[1])}).json()) == {sid(rows[1])}
    one = admin.get(url(case, rows[0].id)).json()
    assert (one["id"], one["type"]) == (sid(rows[0]), case.model)
    fields = admin.get(url(case), params={"fields": "created_at"}).json()
    assert set(fields[0]) == {"id", "type", "created_at"}


def test_create_stores_the_row_and_logs_the_event(case, admin, db):
    body = case.body(db)
    db.commit()
    response = admin.post(url(case), json=body)
    assert response.status_code == 201, response.text
    created = response.json()
    assert created["type"] == case.model
    assert all(created[k] == v for k, v in body.items() if k not in case.echo_skip)
    stored = reload(db, getattr(models, case.model), created["id"])
    assert stored is not None
    event = one_event(db, f"{case.event}:new")
    assert event.data == case.payload(db, stored, "new")
    assert event.user_id == admin.person.id


def test_update_stores_the_change_and_logs_the_event(case, admin, db):
    row = case.make(db)
    change = case.update(db)
    db.commit()
    response = admin.put(url(case, row.id), json={**change, "id": str(uuid.uuid4())})
    assert response.status_code == 200, response.text
    assert response.json()["id"] == sid(row)
    stored = reload(db, getattr(models, case.model), row.id)
    for key, value in change.items():
        assert _wire(getattr(stored, key)) == value
    assert one_event(db, f"{case.event}:update").data == case.payload(db, stored, "update")


def _wire(value: Any) -> Any:
    """A stored value as the request wrote it (ids and datetimes as strings)."""
    if isinstance(value, uuid.UUID):
        return str(value)
    return value.isoformat() if hasattr(value, "isoformat") else value


def test_delete_removes_the_row_and_logs_the_event(case, admin, db):
    row = case.make(db)
    db.commit()
    expected = case.payload(db, row, "delete")
    response = admin.delete(url(case, row.id))
    assert response.status_code == 204, response.text
    assert response.content == b""
    assert reload(db, getattr(models, case.model), row.id) is None
    assert one_event(db, f"{case.event}:delete").data == expected
    assert_error(admin.get(url(case, row.id)), 404, NOT_FOUND)


@pytest.mark.parametrize("method", ["get", "put", "delete"])
def test_unknown_and_malformed_ids(case, method, admin, db):
    call = getattr(admin, method)
    kwargs = {"json": case.update(db)} if method == "put" else {}
    db.commit()
    assert_error(call(url(case, uuid.uuid4()), **kwargs), 404, NOT_FOUND)
    assert_error(call(url(case, "not-a-uuid"), **kwargs), 400, "Malformed ID.")


@pytest.mark.parametrize("text", ["null", "[1, 2]", "{not json"])
def test_create_refuses_bodies_that_are_not_objects(case, text, admin, db):
    before = count_rows(db, case)
    headers = {"Content-Type": "application/json"}
    response = admin.post(url(case), content=text, headers=headers)
    assert_error(response, 400, EMPTY_BODY if text == "null" else None)
    assert count_rows(db, case) == before


def test_create_refuses_wrong_types_and_unknown_fields(case, admin, db):
    body = case.body(db)
    db.commit()
    before = count_rows(db, case)
    response = admin.post(url(case), json={**body, **case.wrong_type})
    assert_error(response, 400, case.wrong_type_message)
    response = admin.post(url(case), json={**body, "bogus": 1})
    assert_error(response, 400, f"'bogus' is an invalid keyword argument for {case.model}")
    assert count_rows(db, case) == before
    assert events(db) == []


def test_create_refuses_unknown_and_malformed_parents(case, admin, db):
    body = case.body(db)
    db.commit()
    parent = next((key for key in body if key.endswith("_id")), None)
    if parent is None:
        pytest.skip("no parent id in the body")
    before = count_rows(db, case)
    response = admin.post(url(case), json={**body, parent: str(uuid.uuid4())})
    assert_error(response, 400)
    assert_error(admin.post(url(case), json={**body, parent: "nope"}), 400)
    assert count_rows(db, case) == before


def test_update_refuses_wrong_types_and_empty_bodies(case, admin, db):
    row = case.make(db)
    db.commit()
    response = admin.put(url(case, row.id), json=case.wrong_type)
    assert_error(response, 400, case.wrong_type_message)
    headers = {"Content-Type": "application/json"}
    assert_error(admin.put(url(case, row.id), content="null", headers=headers), 400, EMPTY_BODY)
    assert [e for e in events(db) if e.id != row.id] == []


@pytest.mark.parametrize("relations", ["false", "true"])
def test_list_query_count_does_not_grow_with_rows(case, relations, admin, db, count_queries):
    def measure(total: int) -> int:
        for _ in range(total):
            case.make(db)
        db.commit()
        with count_queries() as counter:
            response = admin.get(url(case), params={"relations": relations})
        assert response.status_code == 200
        return counter.count

    assert measure(3) == measure(30)
