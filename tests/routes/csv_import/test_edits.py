"""POST /import/csv/projects/<id>/edits: edits by name and episode, with task columns."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from reeltrack.models import Comment, Entity, EntityType, ProjectTaskTypeLink, Task
from tests import factories
from tests.crud.support import assert_forbidden, events, member
from tests.routes.csv_import.support import csv_text, upload


@pytest.fixture
def prod(db):
    project = factories.make_project(db, production_type="tvshow")
    cut = factories.make_task_type(db, for_entity="Edit", name=f"Cut {factories.n()}")
    db.add(ProjectTaskTypeLink(project_id=project.id, task_type_id=cut.id))
    done = factories.make_task_status(db)
    db.commit()

    class Prod:
        pass

    p = Prod()
    p.__dict__.update(locals())
    return p


def _edits(db, project):
    db.commit()
    edit_type = db.scalar(select(EntityType.id).where(EntityType.name == "Edit"))
    query = select(Entity).where(
        Entity.project_id == project.id, Entity.entity_type_id == edit_type
    )
    return {e.name: e for e in db.scalars(query, execution_options={"populate_existing": True})}


def test_creates_edits_episodes_and_tasks(admin, db, prod):
    url = f"/import/csv/projects/{prod.project.id}/edits"
    text = csv_text(
        f"Episode;Name;Description;{prod.cut.name};{prod.cut.name} comment",
        f"E01;Trailer;Teaser cut;{prod.done.name};Looks good",
        ";Making of;;;",
    )
    response = upload(admin, url, text)
    assert response.status_code == 201, response.text
    assert [row["name"] for row in response.json()] == ["Trailer", "Making of"]
    edits = _edits(db, prod.project)
    episode = db.get(Entity, edits["Trailer"].parent_id)
    assert episode.name == "E01" and edits["Making of"].parent_id is None
    for edit in edits.values():
        tasks = list(db.scalars(select(Task).where(Task.entity_id == edit.id)))
        assert [t.task_type_id for t in tasks] == [prod.cut.id]
    task = db.scalars(select(Task).where(Task.entity_id == edits["Trailer"].id)).one()
    assert task.task_status_id == prod.done.id
    assert db.scalar(select(Comment.text).where(Comment.object_id == task.id)) == "Looks good"
    names = [e.name for e in events(db) if e.project_id == prod.project.id]
    assert names.count("edit:new") == 2 and names.count("episode:new") == 1


def test_update_and_episode_column_outside_tv_shows(admin, db, prod):
    url = f"/import/csv/projects/{prod.project.id}/edits"
    assert upload(admin, url, csv_text("Name;Description", "Cut;One")).status_code == 201
    assert upload(admin, url, csv_text("Name;Description", "Cut;Two")).status_code == 201
    assert _edits(db, prod.project)["Cut"].description == "One"
    response = upload(admin, url, csv_text("Name;Description", "Cut;Two"), update=True)
    assert response.status_code == 201
    assert _edits(db, prod.project)["Cut"].description == "Two"
    short = factories.make_project(db)
    db.commit()
    response = upload(
        admin, f"/import/csv/projects/{short.id}/edits", csv_text("Episode;Name", "E01;Cut")
    )
    assert response.status_code == 400
    assert response.json()["message"] == (
        "An episode column is present for a production that isn't a TV Show"
    )


@pytest.mark.parametrize("role", ["supervisor", "user", "client", "vendor"])
def test_only_managers_import_edits(as_role, db, prod, role):
    caller, _ = member(as_role, db, role, prod.project)
    url = f"/import/csv/projects/{prod.project.id}/edits"
    assert_forbidden(upload(caller, url, csv_text("Name;Description", "Cut;One")))
    assert _edits(db, prod.project) == {}
