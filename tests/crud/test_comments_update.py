"""Comment updates: who may change which field, status changes, mentions recomputed."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import select

from reeltrack.models import (
    Comment,
    Notification,
    ProjectTaskStatusLink,
    Task,
    comment_department_mentions,
    comment_mentions,
    project_person_link,
)
from tests import factories
from tests.crud.support import assert_error, assert_forbidden, events, one_event, reload, sid


def join(db, project, person, role=None):
    db.execute(
        project_person_link.insert().values(project_id=project.id, person_id=person.id, role=role)
    )


@pytest.fixture()
def world(db):
    """A project, a task of a department's task type, and its open status."""
    project = factories.make_project(db)
    department = factories.make_department(db, name="Lighting")
    task_type = factories.make_task_type(db, department_id=department.id)
    entity = factories.make_entity(db, project)
    task = factories.make_task(db, entity=entity, task_type_id=task_type.id)
    status = factories.make_task_status(db, name="WIP", is_wip=True)
    db.commit()
    return {"project": project, "task": task, "department": department, "status": status}


def member(as_role, db, world, role, team_role=None, department=None, **fields):
    caller = as_role(role, **fields)
    join(db, world["project"], caller.person, team_role)
    if department is not None:
        factories.add_to_department(db, caller.person, department)
    db.commit()
    return caller


def comment_by(db, world, person, **fields):
    fields.setdefault("task_status_id", world["status"].id)
    comment = factories.make_comment(db, task=world["task"], person_id=person.id, **fields)
    db.commit()
    return comment


def put(caller, comment, body):
    return caller.put(f"/data/comments/{comment.id}", json=body)


def test_authors_edit_their_text_others_may_not(world, as_role, db):
    author = member(as_role, db, world, "user")
    comment = comment_by(db, world, author.person)
    response = put(author, comment, {"text": "Fixed the lights"})
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["text"] == "Fixed the lights" and body["editor_id"] == sid(author.person)
    assert "mentions" not in body
    other = member(as_role, db, world, "user")
    assert_forbidden(put(other, comment, {"text": "Hijacked"}))
    assert_forbidden(put(as_role("user"), comment, {"text": "Outsider"}))
    assert reload(db, Comment, comment.id).text == "Fixed the lights"
    assert one_event(db, "comment:update").data == {
        "comment_id": sid(comment),
        "task_id": sid(world["task"]),
        "person_id": sid(author.person),
        "for_client": False,
        "project_id": sid(world["project"]),
    }


def test_managers_may_change_anything_including_for_client(world, as_role, db):
    author = member(as_role, db, world, "user")
    comment = comment_by(db, world, author.person)
    assert_forbidden(put(author, comment, {"for_client": True}))
    manager = member(as_role, db, world, "user", "manager")
    assert put(manager, comment, {"for_client": True, "text": "Shared"}).status_code == 200
    stored = reload(db, Comment, comment.id)
    assert (stored.for_client, stored.text, stored.editor_id) == (True, "Shared", manager.person.id)


def test_pinning_needs_a_supervisor_of_the_task_department(world, as_role, db):
    author = member(as_role, db, world, "user")
    comment = comment_by(db, world, author.person)
    assert_forbidden(put(author, comment, {"pinned": True}))
    elsewhere = member(as_role, db, world, "supervisor", department=factories.make_department(db))
    assert_forbidden(put(elsewhere, comment, {"pinned": True}))
    supervisor = member(as_role, db, world, "supervisor", department=world["department"])
    assert put(supervisor, comment, {"pinned": True}).status_code == 200
    assert_forbidden(put(supervisor, comment, {"pinned": False, "text": "Mine now"}))
    assert reload(db, Comment, comment.id).pinned is True


def test_checklists_are_ticked_by_the_author_assignees_or_supervisors(world, as_role, db):
    author = member(as_role, db, world, "user")
    comment = comment_by(db, world, author.person, checklist=[{"text": "a", "checked": False}])
    ticked = [{"text": "a", "checked": True}]
    bystander = member(as_role, db, world, "user")
    assert_forbidden(put(bystander, comment, {"checklist": ticked}))
    assignee = member(as_role, db, world, "user")
    db.execute(
        Task.__links__["assignees"]
        .table.insert()
        .values(task_id=world["task"].id, person_id=assignee.person.id)
    )
    db.commit()
    assert put(assignee, comment, {"checklist": ticked}).status_code == 200
    assert put(author, comment, {"checklist": None}).status_code == 200
    assert reload(db, Comment, comment.id).checklist == []


def test_authors_cannot_move_a_comment_or_give_it_away(world, as_role, db):
    author = member(as_role, db, world, "user")
    comment = comment_by(db, world, author.person)
    other_task = factories.make_task(db)
    someone = factories.make_person(db)
    db.commit()
    assert_forbidden(put(author, comment, {"object_id": sid(other_task)}))
    assert_forbidden(put(author, comment, {"person_id": sid(someone)}))
    assert put(author, comment, {"person_id": sid(author.person).upper()}).status_code == 200


def test_a_status_change_recomputes_the_task_and_is_announced(world, admin, db):
    author = factories.make_person(db)
    comment = comment_by(db, world, author)
    done = factories.make_task_status(db, name="Done", is_done=True)
    db.commit()
    response = put(admin, comment, {"task_status_id": sid(done)})
    assert response.status_code == 200, response.text
    task = reload(db, Task, world["task"].id)
    assert task.task_status_id == done.id and task.done_date == comment.created_at
    assert one_event(db, "task:status-changed").data == {
        "task_id": sid(world["task"]),
        "new_task_status_id": sid(done),
        "previous_task_status_id": sid(world["status"]),
        "person_id": sid(author),
        "project_id": sid(world["project"]),
    }
    assert {e.name for e in events(db)} >= {"task:update", "comment:update"}
    put(admin, comment, {"task_status_id": sid(done), "text": "same status"})
    assert len(events(db, "task:status-changed")) == 1


def test_artists_need_an_artist_allowed_status_and_task_action_access(world, as_role, db):
    author = member(as_role, db, world, "user")
    comment = comment_by(db, world, author.person)
    locked = factories.make_task_status(db, name="Approved", is_artist_allowed=False)
    allowed = factories.make_task_status(db, name="Ready")
    db.commit()
    # Not assigned: no task action access.
    assert_forbidden(put(author, comment, {"task_status_id": sid(allowed)}))
    db.execute(
        Task.__links__["assignees"]
        .table.insert()
        .values(task_id=world["task"].id, person_id=author.person.id)
    )
    db.commit()
    assert_forbidden(put(author, comment, {"task_status_id": sid(locked)}))
    assert put(author, comment, {"task_status_id": sid(allowed)}).status_code == 200
    assert reload(db, Task, world["task"].id).task_status_id == allowed.id


def test_clients_use_client_allowed_statuses_with_the_project_override(world, as_role, db):
    client = member(as_role, db, world, "client")
    comment = comment_by(db, world, client.person)
    status = factories.make_task_status(db, name="Client OK", is_client_allowed=False)
    db.commit()
    assert_forbidden(put(client, comment, {"task_status_id": sid(status)}))
    db.add(
        ProjectTaskStatusLink(
            project_id=world["project"].id, task_status_id=status.id, is_client_allowed=True
        )
    )
    db.commit()
    assert put(client, comment, {"task_status_id": sid(status)}).status_code == 200


def test_mentions_follow_the_text_and_notify(world, admin, db):
    named = factories.make_person(db, first_name="Ada", last_name="Lovelace")
    lighter = factories.make_person(db)
    outsider = factories.make_person(db, first_name="Bob", last_name="Outside")
    for person in (named, lighter):
        join(db, world["project"], person)
    factories.add_to_department(db, lighter, world["department"])
    author = factories.make_person(db)
    comment = comment_by(db, world, author)
    stale = factories.make_notification(db, comment_id=comment.id, type="mention")
    db.commit()
    text = "@Ada Lovelace and @Lighting please, not @Bob Outside"
    response = put(admin, comment, {"text": text, "mentions": [sid(outsider)]})
    assert response.status_code == 200, response.text
    db.commit()
    people = db.scalars(
        select(comment_mentions.c.person).where(comment_mentions.c.comment == comment.id)
    )
    assert set(people) == {named.id}
    departments = db.scalars(
        select(comment_department_mentions.c.department).where(
            comment_department_mentions.c.comment == comment.id
        )
    )
    assert set(departments) == {world["department"].id}
    notes = db.scalars(select(Notification).where(Notification.comment_id == comment.id)).all()
    assert reload(db, Notification, stale.id) is None
    assert {(n.person_id, n.type, n.author_id) for n in notes} == {
        (named.id, "mention", author.id),
        (lighter.id, "mention", author.id),
    }
    detail = admin.get(f"/data/comments/{comment.id}").json()
    assert detail["mentions"] == [sid(named)]
    assert detail["department_mentions"] == [sid(world["department"])]


def test_bad_values_are_refused_with_400(world, admin, db):
    comment = comment_by(db, world, factories.make_person(db))
    assert_error(put(admin, comment, {"task_status_id": "nope"}), 400)
    assert_error(put(admin, comment, {"task_status_id": str(uuid.uuid4())}), 400)
    assert_error(put(admin, comment, {"checklist": "x", "pinned": "no way"}), 400)
    assert reload(db, Comment, comment.id).task_status_id == world["status"].id


def test_link_lists_hold_text_only(world, admin, db):
    """An array column checks each item: nested lists, objects or booleans are a 400."""
    comment = comment_by(db, world, factories.make_person(db))
    for links in ([["a"]], [True], [{}], ["ok", {"k": 1}]):
        assert_error(put(admin, comment, {"links": links}), 400)
    assert reload(db, Comment, comment.id).links in (None, [])
    response = put(admin, comment, {"links": ["https://example.com/a", 7]})
    assert response.status_code == 200, response.text
    assert response.json()["links"] == ["https://example.com/a", "7"]
