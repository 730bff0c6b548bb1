"""POST /import/csv/projects/<id>/assets: assets by type and name, workflow tasks, updates."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from reeltrack.models import Entity, ProjectTaskTypeLink, Task
from reeltrack.models.project import project_asset_type_link
from reeltrack.models.task import task_person_link
from tests import factories
from tests.crud.support import assert_forbidden, events, member
from tests.routes.csv_import.support import csv_text, upload


@pytest.fixture
def prod(db):
    project = factories.make_project(db)
    model = factories.make_task_type(db, for_entity="Asset", name=f"Model {factories.n()}")
    rig = factories.make_task_type(db, for_entity="Asset", name=f"Rig {factories.n()}")
    layout = factories.make_task_type(db, for_entity="Shot", name=f"Layout {factories.n()}")
    for task_type in (model, rig, layout):
        db.add(ProjectTaskTypeLink(project_id=project.id, task_type_id=task_type.id))
    wip = factories.make_task_status(db)
    artist = factories.make_person(db, email=f"rigger{factories.n()}@example.com")
    db.commit()

    class Prod:
        pass

    p = Prod()
    p.__dict__.update(locals())
    return p


def _assets(db, project):
    db.commit()
    query = select(Entity).where(Entity.project_id == project.id)
    return {e.name: e for e in db.scalars(query, execution_options={"populate_existing": True})}


def _task_types(db, asset):
    return {t.task_type_id: t for t in db.scalars(select(Task).where(Task.entity_id == asset.id))}


def test_creates_assets_types_and_tasks(admin, db, prod):
    kind = f"Character {factories.n()}"
    url = f"/import/csv/projects/{prod.project.id}/assets"
    text = csv_text(
        f"Type;Name;Description;Ready for;{prod.rig.name};{prod.rig.name} assignations",
        f"{kind};Bob;Hero;{prod.layout.name};{prod.wip.name};{prod.artist.email}",
        f"{kind};Alice;;;;",
    )
    response = upload(admin, url, text)
    assert response.status_code == 201, response.text
    assert [row["name"] for row in response.json()] == ["Bob", "Alice"]
    assets = _assets(db, prod.project)
    bob = assets["Bob"]
    assert bob.description == "Hero" and bob.ready_for == prod.layout.id
    for asset in assets.values():
        assert set(_task_types(db, asset)) == {prod.model.id, prod.rig.id}
    rig_task = _task_types(db, bob)[prod.rig.id]
    assert rig_task.task_status_id == prod.wip.id
    assert set(
        db.scalars(
            select(task_person_link.c.person_id).where(task_person_link.c.task_id == rig_task.id)
        )
    ) == {prod.artist.id}
    names = [e.name for e in events(db) if e.project_id == prod.project.id]
    assert names.count("asset:new") == 2 and names.count("task:new") == 4


def test_closed_asset_type_list(admin, db, prod):
    listed = factories.make_entity_type(db)
    elsewhere = factories.make_entity_type(db)
    db.execute(
        project_asset_type_link.insert().values(project_id=prod.project.id, asset_type_id=listed.id)
    )
    db.commit()
    url = f"/import/csv/projects/{prod.project.id}/assets"
    text = csv_text(
        "Type;Name", f"{listed.name.upper()};A1", f"{elsewhere.name};A2", "Nope Type;A3"
    )
    response = upload(admin, url, text)
    assert response.status_code == 400
    body = response.json()
    assert body["message"] == "Asset type Nope Type is not configured for this project"
    assert body["imported_rows"] == 2 and body["line_number"] == 4
    assets = _assets(db, prod.project)
    assert assets["A1"].entity_type_id == listed.id and assets["A2"].entity_type_id == elsewhere.id
    listed_ids = set(
        db.scalars(
            select(project_asset_type_link.c.asset_type_id).where(
                project_asset_type_link.c.project_id == prod.project.id
            )
        )
    )
    assert listed_ids == {listed.id, elsewhere.id}


def test_update_and_task_repair(admin, db, prod):
    kind = factories.make_entity_type(db)
    db.commit()
    asset = factories.make_entity(
        db, prod.project, entity_type_id=kind.id, name="Tree", description="old"
    )
    db.commit()
    url = f"/import/csv/projects/{prod.project.id}/assets"
    text = csv_text("Type;Name;Description;Resolution", f"{kind.name};Tree;new;4k")
    assert upload(admin, url, text).status_code == 201
    tree = _assets(db, prod.project)["Tree"]
    assert tree.description == "old"
    assert set(_task_types(db, tree)) == {prod.model.id, prod.rig.id}
    assert upload(admin, url, text, update=True).status_code == 201
    tree = _assets(db, prod.project)["Tree"]
    assert tree.description == "new" and tree.data == {"resolution": "4k"}
    assert any(e.data.get("asset_id") == str(asset.id) for e in events(db, "asset:update"))


def test_bad_rows(admin, db, prod):
    url = f"/import/csv/projects/{prod.project.id}/assets"
    response = upload(admin, url, csv_text("Type;Name", ";Ghost"))
    assert response.status_code == 400
    assert response.json()["message"] == "An asset type is required in the Type column"
    kind = factories.make_entity_type(db)
    db.commit()
    response = upload(admin, url, csv_text("Type;Name;Ready for", f"{kind.name};Ghost;Nope"))
    assert response.json()["message"] == "Task type not found for Nope"
    response = upload(admin, url, csv_text("Type;Name;Episode", f"{kind.name};Ghost;E01"))
    assert response.status_code == 400
    text = csv_text(
        f"Type;Name;{prod.rig.name} assignations", f"{kind.name};Ghost;nobody@nowhere.io"
    )
    response = upload(admin, url, text)
    assert response.json()["message"] == "Person not found for nobody@nowhere.io"
    assert "Ghost" not in _assets(db, prod.project)


@pytest.mark.parametrize("role", ["supervisor", "user", "client", "vendor"])
def test_only_managers_import_assets(as_role, db, prod, role):
    caller, _ = member(as_role, db, role, prod.project)
    url = f"/import/csv/projects/{prod.project.id}/assets"
    kind = factories.make_entity_type(db)
    db.commit()
    assert_forbidden(upload(caller, url, csv_text("Type;Name", f"{kind.name};Bob")))
    assert _assets(db, prod.project) == {}


def test_query_count_grows_linearly_with_rows(admin, db, prod, count_queries):
    kind = factories.make_entity_type(db)
    db.commit()
    url = f"/import/csv/projects/{prod.project.id}/assets"
    counts = []
    for size, start in ((10, 0), (40, 100)):
        lines = [f"{kind.name};Asset{start + i:04d}" for i in range(size)]
        with count_queries() as counter:
            response = upload(admin, url, csv_text("Type;Name", *lines))
        assert response.status_code == 201
        counts.append(counter.count)
    assert counts[0] > 10
    assert (counts[1] - counts[0]) / 30 <= 8, counts
