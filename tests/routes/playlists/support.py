"""A production with a sequence, shots, an asset, tasks and previews, for playlist tests."""

from __future__ import annotations

from typing import Any

from tests import factories


def member(as_role: Any, db: Any, project: Any, role: str) -> Any:
    client = as_role(role)
    factories.add_to_team(db, project, client.person)
    db.commit()
    return client


def production(db: Any) -> dict[str, Any]:
    project = factories.make_project(db)
    sequence = factories.make_entity(db, project=project, type_name="Sequence", name="SQ01")
    shot = factories.make_entity(
        db, project=project, type_name="Shot", parent_id=sequence.id, name="SH01"
    )
    shot2 = factories.make_entity(
        db, project=project, type_name="Shot", parent_id=sequence.id, name="SH02"
    )
    anim = factories.make_task_type(db, for_entity="Shot", priority=2, name=f"Anim {factories.n()}")
    layout = factories.make_task_type(
        db, for_entity="Shot", priority=1, name=f"Layout {factories.n()}"
    )
    task = factories.make_task(db, entity=shot, task_type_id=anim.id)
    layout_task = factories.make_task(db, entity=shot, task_type_id=layout.id)
    task2 = factories.make_task(db, entity=shot2, task_type_id=anim.id)
    v1 = factories.make_preview_file(db, task=task, revision=1, position=1)
    v2 = factories.make_preview_file(db, task=task, revision=2, position=1, extension="mp4")
    v2b = factories.make_preview_file(db, task=task, revision=2, position=2)
    lay1 = factories.make_preview_file(db, task=layout_task, revision=1)
    other = factories.make_preview_file(db, task=task2, revision=1)
    task.last_preview_file_id = v2.id
    task2.last_preview_file_id = other.id
    db.commit()
    return {
        "project": project,
        "sequence": sequence,
        "shot": shot,
        "shot2": shot2,
        "anim": anim,
        "layout": layout,
        "task": task,
        "layout_task": layout_task,
        "task2": task2,
        "v1": v1,
        "v2": v2,
        "v2b": v2b,
        "lay1": lay1,
        "other": other,
    }


def assert_bad_request(response: Any) -> None:
    """A 400 in Zou's error shape (validation errors carry their field list in data)."""
    assert response.status_code == 400, response.text
    assert response.json()["error"] is True
