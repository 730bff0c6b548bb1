"""POST .../task-types/<id>/estimations (and per episode): task estimations and dates."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from reeltrack.models import Organisation, Task
from tests import factories
from tests.crud.support import assert_error, assert_forbidden, events, member
from tests.routes.csv_import.support import csv_text, upload


@pytest.fixture
def board(db):
    """A project with an asset and two shots, each with a task of its type."""
    project = factories.make_project(db, production_type="tvshow")
    character = factories.make_entity_type(db)
    asset = factories.make_entity(db, project, entity_type_id=character.id, name="Bob")
    episode = factories.make_entity(db, project, type_name="Episode", name="E01")
    other = factories.make_entity(db, project, type_name="Episode", name="E02")
    sequence = factories.make_entity(
        db, project, type_name="Sequence", name="SQ01", parent_id=episode.id
    )
    sequence2 = factories.make_entity(
        db, project, type_name="Sequence", name="SQ02", parent_id=other.id
    )
    shot = factories.make_entity(db, project, type_name="Shot", name="SH01", parent_id=sequence.id)
    shot2 = factories.make_entity(
        db, project, type_name="Shot", name="SH02", parent_id=sequence2.id
    )
    asset_type = factories.make_task_type(db, for_entity="Asset")
    shot_type = factories.make_task_type(db, for_entity="Shot")
    asset_task = factories.make_task(db, asset, task_type_id=asset_type.id)
    shot_task = factories.make_task(db, shot, task_type_id=shot_type.id)
    shot2_task = factories.make_task(db, shot2, task_type_id=shot_type.id)
    db.commit()

    class Board:
        pass

    b = Board()
    b.__dict__.update(locals())
    return b


def _url(board, task_type, episode=None):
    middle = f"/episodes/{episode}" if episode else ""
    return f"/import/csv/projects/{board.project.id}{middle}/task-types/{task_type.id}/estimations"


def _task(db, task):
    db.commit()
    return db.get(Task, task.id, populate_existing=True)


def _organisation(db, **values):
    organisation = db.scalars(select(Organisation).limit(1)).first()
    if organisation is None:
        organisation = factories.make_organisation(db)
    for key, value in values.items():
        setattr(organisation, key, value)
    db.commit()


def test_asset_estimations_in_days(admin, db, board):
    _organisation(db, hours_by_day=8, format_duration_in_hours=False)
    type_name = db.get(type(board.character), board.character.id).name
    text = csv_text(
        "Parent;Entity;Estimation;Drawings;Start date;Due date;Difficulty",
        f"{type_name};Bob;2.5;12;2024-01-05;;4",
    )
    response = upload(admin, _url(board, board.asset_type), text)
    assert response.status_code == 201, response.text
    assert response.json() == [None]
    task = _task(db, board.asset_task)
    assert task.estimation == 2.5 * 8 * 60
    assert task.nb_drawings == 12 and task.difficulty == 4
    assert task.start_date == dt.datetime(2024, 1, 5)
    # 2.5 days from a Friday: the due date skips the weekend.
    assert task.due_date == dt.datetime(2024, 1, 9)
    assert [e.data["task_id"] for e in events(db, "task:update")][-1] == str(task.id)


def test_shot_estimations_in_hours(admin, db, board):
    _organisation(db, hours_by_day=7.6, format_duration_in_hours=True)
    text = csv_text(
        "Parent;Entity;Estimation;Start date;Due date",
        "SQ01;SH01;2.05;;2024-02-01",
        "SQ02;SH02;;;",
    )
    response = upload(admin, _url(board, board.shot_type), text)
    assert response.status_code == 201, response.text
    task = _task(db, board.shot_task)
    assert task.estimation == 123
    assert task.due_date == dt.datetime(2024, 2, 1)
    _organisation(db, hours_by_day=8, format_duration_in_hours=False)


def test_episode_scope(admin, db, board):
    text = csv_text("Parent;Entity;Estimation", "SQ02;SH02;1")
    response = upload(admin, _url(board, board.shot_type, board.episode.id), text)
    assert response.status_code == 400
    assert response.json()["message"] == "Entity 'SH02' with parent 'SQ02' not found"
    assert _task(db, board.shot2_task).estimation in (0, None)
    text = csv_text("Parent;Entity;Estimation", "SQ01;SH01;1")
    assert upload(admin, _url(board, board.shot_type, board.episode.id), text).status_code == 201
    assert upload(admin, _url(board, board.shot_type, "all"), text).status_code == 201


def test_bad_values_keep_previous_rows(admin, db, board):
    text = csv_text(
        "Parent;Entity;Estimation;Difficulty",
        "SQ01;SH01;3;",
        "SQ02;SH02;abc;",
    )
    response = upload(admin, _url(board, board.shot_type), text)
    assert response.status_code == 400
    body = response.json()
    assert body["line_number"] == 3 and body["imported_rows"] == 1
    assert body["message"].startswith("A value is invalid")
    assert _task(db, board.shot_task).estimation == 3 * 8 * 60
    text = csv_text("Parent;Entity;Difficulty", "SQ02;SH02;9")
    response = upload(admin, _url(board, board.shot_type), text)
    assert response.status_code == 400 and response.json()["imported_rows"] == 0
    assert _task(db, board.shot2_task).difficulty == 3


def test_unknown_and_malformed_ids(admin, board):
    text = csv_text("Parent;Entity;Estimation", "SQ01;SH01;1")
    zero = "00000000-0000-0000-0000-000000000000"
    base = f"/import/csv/projects/{board.project.id}"
    assert_error(upload(admin, f"{base}/task-types/{zero}/estimations", text), 404)
    assert_error(upload(admin, f"{base}/task-types/bad/estimations", text), 400)
    url = f"/import/csv/projects/{zero}/task-types/{board.shot_type.id}/estimations"
    assert_error(upload(admin, url, text), 404)
    url = f"{base}/episodes/bad/task-types/{board.shot_type.id}/estimations"
    assert_error(upload(admin, url, text), 400)


def test_permissions(as_role, db, board):
    text = csv_text("Parent;Entity;Estimation", "SQ01;SH01;1")
    url = _url(board, board.shot_type)
    for role in ("manager", "supervisor"):
        caller, _ = member(as_role, db, role, board.project)
        assert upload(caller, url, text).status_code == 201
    for role in ("user", "client", "vendor"):
        caller, _ = member(as_role, db, role, board.project)
        assert_forbidden(upload(caller, url, text))
    outsider = as_role("manager")
    assert_forbidden(upload(outsider, url, text))
    department = factories.make_department(db)
    other = factories.make_department(db)
    db.commit()
    supervisor, _ = member(as_role, db, "supervisor", board.project)
    factories.add_to_department(db, supervisor.person, other)
    db.commit()
    assert_forbidden(upload(supervisor, url, text))
    board.shot_type.department_id = department.id
    db.merge(board.shot_type)
    factories.add_to_department(db, supervisor.person, department)
    db.commit()
    assert upload(supervisor, url, text).status_code == 201
