"""The `entities` blueprint: bulk deletion, preview files, time spents, concept links."""

from __future__ import annotations

import datetime as dt
from typing import Any

from tests import factories as f


def _member(as_role: Any, db: Any, role: str, project: Any) -> Any:
    client = as_role(role)
    f.add_to_team(db, project, client.person)
    db.commit()
    return client


def test_delete_entities_cancels_or_removes(as_role, db) -> None:
    project = f.make_project(db)
    busy_asset = f.make_entity(db, project)
    f.make_task(db, busy_asset)
    bare_shot = f.make_entity(db, project, type_name="Shot")
    concept = f.make_entity(db, project, type_name="Concept")
    f.make_task(db, concept)
    sequence = f.make_entity(db, project, type_name="Sequence")
    foreign = f.make_entity(db)
    manager = _member(as_role, db, "manager", project)
    ids = [busy_asset.id, bare_shot.id, concept.id, sequence.id, foreign.id]
    ids.append("00000000-0000-0000-0000-000000000003")

    response = manager.post(
        f"/actions/projects/{project.id}/delete-entities", json=[str(i) for i in ids]
    )

    assert response.status_code == 200
    assert response.json() == [str(busy_asset.id), str(bare_shot.id), str(concept.id)]
    assert manager.get(f"/data/assets/{busy_asset.id}").json()["canceled"] is True
    assert manager.get(f"/data/entities/{bare_shot.id}").status_code == 404
    assert manager.get(f"/data/entities/{concept.id}").status_code == 404
    assert manager.get(f"/data/entities/{sequence.id}").status_code == 200

    forced = manager.post(
        f"/actions/projects/{project.id}/delete-entities?force=true", json=[str(busy_asset.id)]
    )
    assert forced.json() == [str(busy_asset.id)]
    assert manager.get(f"/data/entities/{busy_asset.id}").status_code == 404


def test_delete_entities_rights_and_bad_input(as_role, db) -> None:
    project = f.make_project(db)
    asset = f.make_entity(db, project)
    artist = _member(as_role, db, "user", project)
    own = f.make_entity(db, project, created_by=artist.person.id)
    db.commit()
    url = f"/actions/projects/{project.id}/delete-entities"
    assert artist.post(url, json=[str(asset.id)]).status_code == 403
    assert artist.post(url, json=[str(own.id)]).json() == [str(own.id)]
    assert artist.post(url, json=["bad"]).status_code == 400
    assert artist.post(url, json={"ids": []}).status_code == 400
    assert as_role("user").post(url, json=[str(asset.id)]).status_code == 403
    unknown = "/actions/projects/00000000-0000-0000-0000-000000000004/delete-entities"
    assert artist.post(unknown, json=[]).status_code == 404


def test_preview_files_and_time_spents_of_an_entity(as_role, db) -> None:
    project = f.make_project(db)
    task = f.make_task(db, f.make_entity(db, project))
    preview = f.make_preview_file(db, task, revision=2)
    artist = _member(as_role, db, "user", project)
    f.make_time_spent(
        db, task_id=task.id, person_id=artist.person.id, duration=60, date=dt.date(2026, 1, 5)
    )
    db.commit()
    entity_id = task.entity_id

    previews = artist.get(f"/data/entities/{entity_id}/preview-files").json()
    assert [(p["id"], p["revision"]) for p in previews] == [(str(preview.id), 2)]
    assert set(previews[0]) >= {"name", "extension", "status", "task_id", "created_at"}
    spents = artist.get(f"/data/entities/{entity_id}/time-spents").json()
    assert [(s["duration"], s["date"], s["type"]) for s in spents] == [
        (60.0, "2026-01-05", "TimeSpent")
    ]
    outsider = as_role("user")
    assert outsider.get(f"/data/entities/{entity_id}/preview-files").status_code == 403
    vendor = _member(as_role, db, "vendor", project)
    assert vendor.get(f"/data/entities/{entity_id}/time-spents").status_code == 403
    assert artist.get(f"/data/entities/{task.id}/time-spents").status_code == 404
    assert artist.get("/data/entities/bad/preview-files").status_code == 400


def test_entities_linked_with_tasks(as_role, db) -> None:
    project = f.make_project(db)
    concept = f.make_entity(db, project, type_name="Concept")
    asset = f.make_entity(db, project, name="hero", data={"fps": 25})
    worker = f.make_person(db)
    task = f.make_task(db, asset, assignees=[worker])
    from reeltrack.models import EntityConceptLink

    db.add(EntityConceptLink(entity_in_id=asset.id, entity_out_id=concept.id))
    artist = _member(as_role, db, "user", project)

    response = artist.get(f"/data/entities/{concept.id}/entities-linked/with-tasks")

    assert response.status_code == 200
    [row] = response.json()
    assert row["id"] == str(asset.id)
    assert row["type"] == "Asset"
    assert row["fps"] == 25
    assert row["project_name"] == project.name
    assert row["entity_concept_links"] == [str(concept.id)]
    [linked_task] = row["tasks"]
    assert linked_task["id"] == str(task.id)
    assert linked_task["assignees"] == [str(worker.id)]
    assert (
        as_role("user").get(f"/data/entities/{concept.id}/entities-linked/with-tasks").status_code
        == 403
    )
