"""POST /import/csv/projects/<id>/shots: sequences, shots, tasks, statuses and comments."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from reeltrack.models import Comment, Entity, EntityType, ProjectTaskTypeLink, Task
from reeltrack.models.task import task_person_link
from tests import factories
from tests.crud.support import assert_forbidden, events, member
from tests.routes.csv_import.support import csv_text, upload


@pytest.fixture
def prod(db):
    project = factories.make_project(db)
    anim = factories.make_task_type(db, for_entity="Shot", name=f"Anim {factories.n()}")
    light = factories.make_task_type(db, for_entity="Shot", name=f"Light {factories.n()}")
    for task_type in (anim, light):
        db.add(ProjectTaskTypeLink(project_id=project.id, task_type_id=task_type.id))
    wip = factories.make_task_status(db)
    artist = factories.make_person(db, first_name="Csv", last_name=f"Artist{factories.n()}")
    factories.add_to_team(db, project, artist)
    descriptor = factories.make_metadata_descriptor(
        db, project_id=project.id, entity_type="Shot", name="Camera", field_name="camera"
    )
    db.commit()

    class Prod:
        pass

    p = Prod()
    p.__dict__.update(locals())
    return p


def _shots(db, project):
    db.commit()
    shot_type = db.scalar(select(EntityType.id).where(EntityType.name == "Shot"))
    query = select(Entity).where(
        Entity.project_id == project.id, Entity.entity_type_id == shot_type
    )
    rows = db.scalars(query, execution_options={"populate_existing": True})
    return {shot.name: shot for shot in rows}


def _tasks(db, shot):
    return {t.task_type_id: t for t in db.scalars(select(Task).where(Task.entity_id == shot.id))}


def test_creates_shots_with_tasks_statuses_comments_assignees(admin, db, prod):
    anim = prod.anim.name
    text = csv_text(
        f"Sequence;Name;Description;Frame In;Frame Out;FPS;Camera;{anim};{anim} comment;"
        f"{anim} assignations",
        f"SQ01;SH01;First;101;124;25;cam A;{prod.wip.short_name};Go;{prod.artist.first_name} "
        f"{prod.artist.last_name}",
        "SQ01;SH02;;;;;;;;",
    )
    response = upload(admin, f"/import/csv/projects/{prod.project.id}/shots", text)
    assert response.status_code == 201, response.text
    body = response.json()
    assert [row["name"] for row in body] == ["SH01", "SH02"]
    assert body[0]["type"] == "Entity" and body[0]["nb_frames"] == 24
    shots = _shots(db, prod.project)
    first = shots["SH01"]
    assert first.description == "First"
    assert first.data == {"frame_in": 101, "frame_out": 124, "fps": "25", "camera": "cam A"}
    for shot in shots.values():
        assert set(_tasks(db, shot)) == {prod.anim.id, prod.light.id}
    task = _tasks(db, first)[prod.anim.id]
    assert task.task_status_id == prod.wip.id
    assert db.scalar(select(Comment.text).where(Comment.object_id == task.id)) == "Go"
    assignees = set(
        db.scalars(
            select(task_person_link.c.person_id).where(task_person_link.c.task_id == task.id)
        )
    )
    assert assignees == {prod.artist.id}
    sequence = db.get(Entity, first.parent_id)
    assert sequence.name == "SQ01" and shots["SH02"].parent_id == sequence.id
    names = [e.name for e in events(db) if e.project_id == prod.project.id]
    assert names.count("shot:new") == 2 and names.count("sequence:new") == 1
    assert names.count("task:new") == 4
    assert "comment:new" in names and "task:assign" in names


def test_existing_shots_change_only_with_update(admin, db, prod):
    url = f"/import/csv/projects/{prod.project.id}/shots"
    assert (
        upload(admin, url, csv_text("Sequence;Name;Description", "SQ01;SH01;One")).status_code
        == 201
    )
    text = csv_text(f"Sequence;Name;Description;Nb Frames;{prod.light.name}", "SQ01;SH01;Two;48;")
    response = upload(admin, url, text)
    assert response.status_code == 201
    assert _shots(db, prod.project)["SH01"].description == "One"
    response = upload(admin, url, text, update=True)
    assert response.status_code == 201, response.text
    shot = _shots(db, prod.project)["SH01"]
    assert (shot.description, shot.nb_frames) == ("Two", 48)
    assert len(_shots(db, prod.project)) == 1
    assert any(e.data.get("shot_id") == str(shot.id) for e in events(db, "shot:update"))


def test_bad_row_keeps_earlier_rows_with_their_tasks(admin, db, prod):
    url = f"/import/csv/projects/{prod.project.id}/shots"
    text = csv_text(
        f"Sequence;Name;Frame In;{prod.anim.name}",
        "SQ01;SH01;1;",
        "SQ02;SH02;x;",
        "SQ03;SH03;1;",
    )
    response = upload(admin, url, text)
    assert response.status_code == 400
    body = response.json()
    assert body == {
        "error": True,
        "message": "frame_in must be an integer, got 'x'",
        "line_number": 3,
        "imported_rows": 1,
    }
    shots = _shots(db, prod.project)
    assert set(shots) == {"SH01"}
    assert set(_tasks(db, shots["SH01"])) == {prod.anim.id, prod.light.id}
    sequences = db.scalars(
        select(Entity.name).where(Entity.project_id == prod.project.id, Entity.name.like("SQ%"))
    )
    assert set(sequences) == {"SQ01"}
    # The failing row's own events (SQ02 was made before its bad cell) are dropped too.
    made = [e for e in events(db, "sequence:new") if e.project_id == prod.project.id]
    assert len(made) == 1
    text = csv_text(f"Sequence;Name;{prod.anim.name}", "SQ01;SH05;NoSuchStatus")
    response = upload(admin, url, text)
    assert response.status_code == 400
    assert response.json()["message"] == "Task status not found for NoSuchStatus"
    assert "SH05" not in _shots(db, prod.project)


def test_tv_show_needs_an_episode(admin, db):
    project = factories.make_project(db, production_type="tvshow")
    db.commit()
    url = f"/import/csv/projects/{project.id}/shots"
    text = csv_text("Episode;Sequence;Name", ";SQ01;SH01")
    response = upload(admin, url, text)
    assert response.status_code == 400 and response.json()["message"] == "Episode cannot be empty"
    text = csv_text("Episode;Sequence;Name", "E01;SQ01;SH01", "E02;SQ01;SH01")
    assert upload(admin, url, text).status_code == 201
    db.commit()
    count = db.scalar(select(func.count()).where(Entity.project_id == project.id))
    assert count == 6  # two episodes, a sequence in each, a shot in each


def test_query_count_grows_linearly_with_rows(admin, db, prod, count_queries):
    url = f"/import/csv/projects/{prod.project.id}/shots"
    counts = []
    for size, start in ((10, 0), (40, 100)):
        lines = [f"SQ01;SH{start + i:04d}" for i in range(size)]
        with count_queries() as counter:
            response = upload(admin, url, csv_text("Sequence;Name", *lines))
        assert response.status_code == 201
        counts.append(counter.count)
    per_row = (counts[1] - counts[0]) / 30
    assert per_row <= 8, counts
    assert counts[0] > 10, counts


@pytest.mark.parametrize("role", ["supervisor", "user", "client", "vendor"])
def test_only_managers_import_shots(as_role, db, prod, role):
    caller, _ = member(as_role, db, role, prod.project)
    url = f"/import/csv/projects/{prod.project.id}/shots"
    assert_forbidden(upload(caller, url, csv_text("Sequence;Name", "SQ01;SH01")))
    assert _shots(db, prod.project) == {}


def test_project_manager_imports_shots(as_role, db, prod):
    url = f"/import/csv/projects/{prod.project.id}/shots"
    assert_forbidden(upload(as_role("manager"), url, csv_text("Sequence;Name", "SQ01;SH01")))
    caller, _ = member(as_role, db, "manager", prod.project)
    assert upload(caller, url, csv_text("Sequence;Name", "SQ01;SH01")).status_code == 201
