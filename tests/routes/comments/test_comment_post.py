"""POST /actions/tasks/<task_id>/comment: status changes, dates, notifications, news, rights."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import func, select

from reeltrack.models import AttachmentFile, Comment, News, Notification
from tests import factories
from tests.routes.comments.support import assign, events_named, fresh, task_row


def _post(client, task, status, **body):
    return client.post(
        f"/actions/tasks/{task.id}/comment", json={"task_status_id": str(status.id), **body}
    )


def _count(db, model, *where):
    fresh(db)
    return db.scalar(select(func.count()).select_from(model).where(*where))


def test_comment_moves_task_to_wip_and_answers_zou_shape(admin, db, scene):
    response = _post(admin, scene.task, scene.wip, comment="Started", checklist=[{"text": "a"}])
    assert response.status_code == 201, response.text
    data = response.json()
    assert data["type"] == "Comment"
    assert data["object_id"] == str(scene.task.id)
    assert data["text"] == "Started"
    assert data["checklist"] == [{"text": "a"}]
    assert data["task_status"]["id"] == str(scene.wip.id)
    assert data["task_status"]["short_name"] == "wip"
    assert data["person"]["id"] == str(admin.person.id)
    assert "password" not in data["person"]
    assert data["mentions"] == [] and data["attachment_files"] == []
    task = task_row(db, scene.task.id)
    assert task.task_status_id == scene.wip.id
    assert task.real_start_date is not None
    assert task.last_comment_date is not None
    assert task.end_date is None and task.done_date is None
    changed = events_named(db, "task:status-changed")
    assert changed == [
        {
            "task_id": str(scene.task.id),
            "new_task_status_id": str(scene.wip.id),
            "previous_task_status_id": str(scene.todo.id),
            "person_id": str(admin.person.id),
            "project_id": str(scene.project.id),
        }
    ]
    assert [e["comment_id"] for e in events_named(db, "comment:new")] == [data["id"]]
    news = db.scalars(select(News)).all()
    assert [(n.comment_id, n.change) for n in news] == [(uuid.UUID(data["id"]), True)]


def test_same_status_is_no_change(admin, db, scene):
    assert _post(admin, scene.task, scene.todo, comment="hello").status_code == 201
    assert events_named(db, "task:status-changed") == []
    assert db.scalars(select(News.change)).all() == [False]
    assert task_row(db, scene.task.id).last_comment_date is not None


def test_retake_feedback_and_done_dates(admin, db, scene):
    _post(admin, scene.task, scene.wfa)
    task = task_row(db, scene.task.id)
    assert task.end_date is not None and task.done_date is None
    assert len(events_named(db, "task:to-review")) == 1
    _post(admin, scene.task, scene.retake)
    _post(admin, scene.task, scene.retake)  # same status: not one more retake
    task = task_row(db, scene.task.id)
    assert task.retake_count == 1 and task.end_date is None
    _post(admin, scene.task, scene.wip)
    _post(admin, scene.task, scene.retake)
    _post(admin, scene.task, scene.done)
    task = task_row(db, scene.task.id)
    assert task.retake_count == 2
    assert task.done_date is not None
    assert task.task_status_id == scene.done.id


def test_retake_cap_refuses_and_leaves_task_unchanged(admin, db, scene):
    scene.project.max_retakes = 1
    db.merge(scene.project)
    db.commit()
    assert _post(admin, scene.task, scene.retake).status_code == 201
    _post(admin, scene.task, scene.wip)
    response = _post(admin, scene.task, scene.retake)
    assert response.status_code == 400
    task = task_row(db, scene.task.id)
    assert task.task_status_id == scene.wip.id and task.retake_count == 1


@pytest.mark.parametrize(
    ("status_value", "code"), [("not-an-id", 400), (str(uuid.uuid4()), 404), ("", 400)]
)
def test_bad_status_leaves_task_unchanged(admin, db, scene, status_value, code):
    response = admin.post(
        f"/actions/tasks/{scene.task.id}/comment", json={"task_status_id": status_value}
    )
    assert response.status_code == code
    task = task_row(db, scene.task.id)
    assert task.task_status_id == scene.todo.id and task.last_comment_date is None
    assert _count(db, Comment) == 0 and _count(db, News) == 0


def test_bad_task_ids(admin, scene):
    body = {"task_status_id": str(scene.wip.id)}
    assert admin.post("/actions/tasks/nope/comment", json=body).status_code == 400
    assert admin.post(f"/actions/tasks/{uuid.uuid4()}/comment", json=body).status_code == 404
    wrong_kind = f"/actions/tasks/{scene.entity.id}/comment"
    assert admin.post(wrong_kind, json=body).status_code == 404
    assert admin.post(f"/actions/tasks/{scene.task.id}/comment", json={}).status_code == 400
    bad_list = {"task_status_id": str(scene.wip.id), "checklist": 3}
    assert admin.post(f"/actions/tasks/{scene.task.id}/comment", json=bad_list).status_code == 400


def test_assigned_artist_uses_artist_statuses_only(member, db, scene):
    artist = member("user", assigned=True)
    assert _post(artist, scene.task, scene.wip).status_code == 201
    response = _post(artist, scene.task, scene.done)
    assert response.status_code == 403
    task = task_row(db, scene.task.id)
    assert task.task_status_id == scene.wip.id and task.done_date is None
    assert _count(db, Comment) == 1


def test_unassigned_artist_and_strangers_are_refused(member, as_role, db, scene):
    assert _post(member("user"), scene.task, scene.wip).status_code == 403
    assert _post(member("vendor"), scene.task, scene.todo).status_code == 403
    assert _post(as_role("manager"), scene.task, scene.wip).status_code == 403
    assert _count(db, Comment) == 0


def test_mentioned_artist_may_answer_without_changing_status(member, admin, db, scene):
    artist = member("user", first_name="Ann", last_name="Lee")
    assert _post(admin, scene.task, scene.todo, comment="@Ann Lee please look").status_code == 201
    assert _post(artist, scene.task, scene.todo, comment="ok").status_code == 201
    assert _post(artist, scene.task, scene.wip).status_code == 403
    assert task_row(db, scene.task.id).task_status_id == scene.todo.id


def test_client_statuses(member, db, scene):
    client = member("client")
    assert _post(client, scene.task, scene.client_ok, comment="nice").status_code == 201
    assert _post(client, scene.task, scene.manager_only).status_code == 403
    assert task_row(db, scene.task.id).task_status_id == scene.client_ok.id


def test_supervisor_of_the_department_may_comment(member, db, scene):
    from reeltrack.models import TaskType

    department = factories.make_department(db)
    kind = db.get(TaskType, scene.task.task_type_id)
    kind.department_id = department.id
    db.commit()
    supervisor = member("supervisor")
    factories.add_to_department(db, supervisor.person, department)
    other = member("supervisor")
    factories.add_to_department(db, other.person, factories.make_department(db))
    db.commit()
    assert _post(supervisor, scene.task, scene.done).status_code == 201
    assert _post(other, scene.task, scene.wip).status_code == 403


def test_only_managers_choose_author_date_and_client_flag(member, db, scene):
    someone = factories.make_person(db)
    db.commit()
    manager = member("manager")
    body = {"person_id": str(someone.id), "created_at": "2024-01-02 03:04:05", "for_client": True}
    data = _post(manager, scene.task, scene.wip, **body).json()
    assert data["person_id"] == str(someone.id)
    assert data["created_at"] == "2024-01-02T03:04:05"
    assert data["for_client"] is True
    artist = member("user", assigned=True)
    data = _post(artist, scene.task, scene.wip, **body).json()
    assert data["person_id"] == str(artist.person.id)
    assert data["for_client"] is False
    assert data["created_at"] != "2024-01-02T03:04:05"


def test_older_comment_posted_late_replays_history(member, db, scene):
    manager = member("manager")
    _post(manager, scene.task, scene.wip)
    _post(manager, scene.task, scene.retake, created_at="2020-01-01 00:00:00")
    task = task_row(db, scene.task.id)
    assert task.task_status_id == scene.wip.id
    assert task.retake_count == 1


def test_notifications_go_to_followers_and_mentions_not_the_author(member, db, scene):
    assignee = factories.make_person(db)
    follower = factories.make_person(db)
    named = factories.make_person(db, first_name="Zoe", last_name="Kim")
    department = factories.make_department(db, name="Lighting")
    lit = factories.make_person(db)
    factories.add_to_department(db, lit, department)
    for person in (assignee, named, lit):
        factories.add_to_team(db, scene.project, person)
    assign(db, scene.task, assignee)
    factories.make_subscription(db, person_id=follower.id, task_id=scene.task.id)
    db.commit()
    author = member("manager", assigned=True)
    text = "@Zoe Kim and @Lighting see this"
    data = _post(author, scene.task, scene.wip, comment=text).json()
    assert data["mentions"] == [str(named.id)]
    assert data["department_mentions"] == [str(department.id)]
    fresh(db)
    rows = db.scalars(select(Notification)).all()
    got = sorted((str(n.person_id), n.type, n.change) for n in rows)
    expected = sorted(
        [
            (str(assignee.id), "comment", True),
            (str(follower.id), "comment", True),
            (str(named.id), "mention", False),
            (str(lit.id), "mention", False),
        ]
    )
    assert got == expected
    assert all(n.author_id == author.person.id for n in rows)
    assert len(events_named(db, "notification:new")) == 4


def test_sequence_subscribers_hear_about_shot_tasks(admin, db, scene):
    sequence = factories.make_entity(db, project=scene.project, type_name="Sequence")
    shot = factories.make_entity(db, project=scene.project, type_name="Shot", parent_id=sequence.id)
    task = factories.make_task(db, entity=shot, task_status_id=scene.todo.id)
    fan = factories.make_person(db)
    factories.make_subscription(
        db, person_id=fan.id, entity_id=sequence.id, task_type_id=task.task_type_id
    )
    db.commit()
    assert _post(admin, task, scene.wip).status_code == 201
    fresh(db)
    assert [n.person_id for n in db.scalars(select(Notification))] == [fan.id]


def _followers(db, task, count):
    for _ in range(count):
        person = factories.make_person(db)
        assign(db, task, person)
        factories.make_subscription(db, person_id=factories.make_person(db).id, task_id=task.id)
    db.commit()


def test_posting_runs_a_bounded_number_of_queries(admin, db, scene, count_queries):
    other = factories.make_task(db, entity=scene.entity, task_status_id=scene.todo.id)
    _followers(db, scene.task, 3)
    _followers(db, other, 30)
    with count_queries() as few:
        assert _post(admin, scene.task, scene.wip, comment="a").status_code == 201
    with count_queries() as many:
        assert _post(admin, other, scene.wip, comment="b").status_code == 201
    assert _count(db, Notification, Notification.task_id == other.id) == 60
    assert few.count == many.count, (few.statements, many.statements)


def test_concept_tasks_get_no_news(admin, db, scene):
    concept = factories.make_entity(db, project=scene.project, type_name="Concept")
    task = factories.make_task(db, entity=concept, task_status_id=scene.todo.id)
    db.commit()
    assert _post(admin, task, scene.wip).status_code == 201
    assert _count(db, News) == 0


def test_hashtag_copies_comment_to_sibling_task(admin, db, scene):
    from reeltrack.models import TaskType

    layout = factories.make_task_type(db, name="Layout")
    sibling = factories.make_task(
        db, entity=scene.entity, task_type_id=layout.id, task_status_id=scene.wip.id
    )
    db.commit()
    own = db.get(TaskType, scene.task.task_type_id).name
    assert _post(admin, scene.task, scene.retake, comment="fix this #layout").status_code == 201
    fresh(db)
    copies = db.scalars(select(Comment).where(Comment.object_id == sibling.id)).all()
    assert [c.text for c in copies] == [f"fix this #layout\n\n____\nFrom {own} task"]
    assert task_row(db, sibling.id).task_status_id == scene.wip.id


def test_status_automation_sets_the_next_task(admin, db, scene):
    from reeltrack.models import project_status_automation_link

    shading = factories.make_task_type(db, name="Shading")
    target = factories.make_task(
        db, entity=scene.entity, task_type_id=shading.id, task_status_id=scene.todo.id
    )
    automation = factories.make_status_automation(
        db,
        entity_type="asset",
        in_task_type_id=scene.task.task_type_id,
        in_task_status_id=scene.done.id,
        out_field_type="status",
        out_task_type_id=shading.id,
        out_task_status_id=scene.wip.id,
    )
    db.execute(
        project_status_automation_link.insert().values(
            project_id=scene.project.id, status_automation_id=automation.id
        )
    )
    db.commit()
    assert _post(admin, scene.task, scene.done).status_code == 201
    assert task_row(db, target.id).task_status_id == scene.wip.id
    assert _post(admin, scene.task, scene.wip).status_code == 201
    assert _count(db, Comment, Comment.object_id == target.id) == 1


def test_ready_for_automation_updates_the_asset(admin, db, scene):
    from reeltrack.models import Entity, project_status_automation_link

    shading = factories.make_task_type(db, name="Shading")
    automation = factories.make_status_automation(
        db,
        entity_type="asset",
        in_task_type_id=scene.task.task_type_id,
        in_task_status_id=scene.done.id,
        out_field_type="ready_for",
        out_task_type_id=shading.id,
    )
    db.execute(
        project_status_automation_link.insert().values(
            project_id=scene.project.id, status_automation_id=automation.id
        )
    )
    db.commit()
    assert _post(admin, scene.task, scene.done).status_code == 201
    fresh(db)
    assert db.get(Entity, scene.entity.id).ready_for == shading.id


def test_attachment_rows_are_only_written_with_the_comment(admin, db, scene):
    assert _count(db, AttachmentFile) == 0


def test_automation_loop_stops(admin, db, scene):
    from reeltrack.models import project_status_automation_link

    shading = factories.make_task_type(db, name="Shading")
    other = factories.make_task(
        db, entity=scene.entity, task_type_id=shading.id, task_status_id=scene.todo.id
    )
    for source, target in (
        (scene.task.task_type_id, shading.id),
        (shading.id, scene.task.task_type_id),
    ):
        rule = factories.make_status_automation(
            db,
            in_task_type_id=source,
            in_task_status_id=scene.done.id,
            out_task_type_id=target,
            out_task_status_id=scene.done.id,
        )
        db.execute(
            project_status_automation_link.insert().values(
                project_id=scene.project.id, status_automation_id=rule.id
            )
        )
    db.commit()
    assert _post(admin, scene.task, scene.done).status_code == 201
    assert task_row(db, other.id).task_status_id == scene.done.id
    assert _count(db, Comment) == 11


@pytest.mark.parametrize(("person_id", "code"), [("bad", 400), (str(uuid.uuid4()), 404)])
def test_manager_author_must_exist(member, db, scene, person_id, code):
    manager = member("manager")
    assert _post(manager, scene.task, scene.wip, person_id=person_id).status_code == code
    assert task_row(db, scene.task.id).task_status_id == scene.todo.id


def test_url_encoded_form_is_read(admin, db, scene):
    response = admin.post(
        f"/actions/tasks/{scene.task.id}/comment",
        data={"task_status_id": str(scene.wip.id), "comment": "form"},
    )
    assert response.status_code == 201
    assert response.json()["text"] == "form"
