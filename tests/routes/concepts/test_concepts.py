"""The `concepts` blueprint: concepts, concept folders, moves, with-tasks, roles."""

from __future__ import annotations

from typing import Any

import pytest

from tests import factories as f


def _project(db: Any) -> Any:
    return f.make_project(db)


def _member(as_role: Any, db: Any, role: str, project: Any) -> Any:
    client = as_role(role)
    f.add_to_team(db, project, client.person)
    db.commit()
    return client


def _concept(db: Any, project: Any, **fields: Any) -> Any:
    return f.make_entity(db, project, type_name="Concept", **fields)


def test_create_list_and_read_concepts(as_role, db) -> None:
    project = _project(db)
    asset = f.make_entity(db, project)
    artist = _member(as_role, db, "user", project)
    url = f"/data/projects/{project.id}/concepts"

    created = artist.post(url, json={"name": "hero", "entity_concept_links": [str(asset.id)]})

    assert created.status_code == 201
    concept = created.json()
    assert concept["type"] == "Concept"
    assert concept["entity_concept_links"] == [str(asset.id)]
    again = artist.post(url, json={"name": "hero"})
    assert again.status_code == 201 and again.json()["id"] == concept["id"]
    assert [row["id"] for row in artist.get(url).json()] == [concept["id"]]
    listed = artist.get("/data/concepts", params={"project_id": str(project.id)}).json()
    assert [(row["id"], row["project_name"]) for row in listed] == [(concept["id"], project.name)]
    one = artist.get(f"/data/concepts/{concept['id']}").json()
    assert one["tasks"] == [] and one["project_name"] == project.name
    assert one["entity_concept_links"] == [str(asset.id)]


def test_concept_reads_refused_to_clients_vendors_and_outsiders(as_role, db) -> None:
    project = _project(db)
    concept = _concept(db, project)
    client = _member(as_role, db, "client", project)
    vendor = _member(as_role, db, "vendor", project)
    outsider = as_role("user")
    for who in (client, vendor, outsider):
        assert who.get(f"/data/projects/{project.id}/concepts").status_code == 403
        assert who.get(f"/data/concepts/{concept.id}").status_code == 403
        params = {"project_id": str(project.id)}
        assert who.get("/data/concepts/with-tasks", params=params).status_code == 403
        assert (
            who.post(f"/data/projects/{project.id}/concepts", json={"name": "x"}).status_code == 403
        )
    assert as_role("user").get("/data/concepts").status_code == 403


@pytest.mark.parametrize("kind", ["asset", "task", "malformed", "unknown"])
def test_concept_routes_refuse_other_ids(admin, db, kind) -> None:
    project = _project(db)
    task = f.make_task(db, f.make_entity(db, project))
    db.commit()
    ident = {
        "asset": task.entity_id,
        "task": task.id,
        "malformed": "zz",
        "unknown": "00000000-0000-0000-0000-000000000002",
    }[kind]
    for suffix in ("", "/tasks", "/task-types", "/preview-files"):
        response = admin.get(f"/data/concepts/{ident}{suffix}")
        assert response.status_code == (400 if kind == "malformed" else 404)


def test_concepts_with_tasks_tasks_and_task_types(as_role, db) -> None:
    project = _project(db)
    concept = _concept(db, project, name="c1")
    status = f.make_task_status(db)
    task = f.make_task(db, concept, task_status_id=status.id)
    artist = _member(as_role, db, "user", project)

    [row] = artist.get("/data/concepts/with-tasks", params={"project_id": str(project.id)}).json()

    assert row["id"] == str(concept.id)
    assert row["type"] == "Concept"
    assert row["project_name"] == project.name
    assert [t["id"] for t in row["tasks"]] == [str(task.id)]
    assert row["preview_file_status"] is None
    assert row["entity_concept_links"] == []
    assert [t["id"] for t in artist.get(f"/data/concepts/{concept.id}/tasks").json()] == [
        str(task.id)
    ]
    types = artist.get(f"/data/concepts/{concept.id}/task-types").json()
    assert [t["id"] for t in types] == [str(task.task_type_id)]
    assert artist.get(f"/data/concepts/{concept.id}/preview-files").json() == {}


def test_delete_concept(as_role, db) -> None:
    project = _project(db)
    concept = _concept(db, project)
    f.make_task(db, concept)
    manager = _member(as_role, db, "manager", project)
    artist = _member(as_role, db, "user", project)
    assert artist.delete(f"/data/concepts/{concept.id}").status_code == 403
    assert manager.delete(f"/data/concepts/{concept.id}").status_code == 204
    assert manager.get(f"/data/concepts/{concept.id}").json()["canceled"] is True
    assert manager.delete(f"/data/concepts/{concept.id}?force=true").status_code == 204
    assert manager.get(f"/data/concepts/{concept.id}").status_code == 404


def test_concept_folders_and_moves(as_role, db) -> None:
    project = _project(db)
    concepts = [_concept(db, project) for _ in range(2)]
    supervisor = _member(as_role, db, "supervisor", project)
    artist = _member(as_role, db, "user", project)
    folders_url = f"/data/projects/{project.id}/concept-folders"

    assert artist.post(folders_url, json={"name": "refs"}).status_code == 403
    created = supervisor.post(folders_url, json={"name": "refs"})
    assert created.status_code == 201
    folder = created.json()
    assert folder["type"] == "ConceptFolder"
    assert [row["id"] for row in artist.get(folders_url).json()] == [folder["id"]]
    move_url = f"/actions/projects/{project.id}/move-concepts"
    body = {"concept_ids": [str(c.id) for c in concepts], "concept_folder_id": folder["id"]}
    moved = supervisor.post(move_url, json=body)
    assert moved.status_code == 200
    assert sorted(moved.json()) == sorted(str(c.id) for c in concepts)
    assert artist.post(move_url, json=body).status_code == 403
    assert supervisor.post(move_url, json={"concept_ids": ["bad"]}).status_code == 400
    other = supervisor.post(folders_url, json={"name": "other"}).json()
    renamed = supervisor.put(f"/data/concept-folders/{other['id']}", json={"name": "refs"})
    assert renamed.status_code == 400
    renamed = supervisor.put(f"/data/concept-folders/{other['id']}", json={"name": "art"})
    assert renamed.json()["name"] == "art"
    assert supervisor.delete(f"/data/concept-folders/{folder['id']}").status_code == 204
    listed = artist.get(f"/data/projects/{project.id}/concepts").json()
    assert {row["parent_id"] for row in listed} == {None}
    foreign = f.make_entity(db, type_name="ConceptFolder")
    db.commit()
    cross = {"concept_ids": [str(concepts[0].id)], "concept_folder_id": str(foreign.id)}
    assert supervisor.post(move_url, json=cross).status_code == 404
    assert (
        supervisor.put(f"/data/concept-folders/{concepts[0].id}", json={"name": "x"}).status_code
        == 404
    )


def test_concepts_with_tasks_query_count_is_fixed(as_role, db, count_queries) -> None:
    artist = as_role("user")
    counts = []
    for size in (3, 30):
        project = _project(db)
        f.add_to_team(db, project, artist.person)
        for _ in range(size):
            f.make_task(db, _concept(db, project), assignees=[artist.person])
        db.commit()
        with count_queries() as counter:
            response = artist.get(
                "/data/concepts/with-tasks", params={"project_id": str(project.id)}
            )
        assert len(response.json()) == size
        counts.append(counter.count)
    assert counts[0] == counts[1]
