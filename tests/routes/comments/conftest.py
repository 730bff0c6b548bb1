"""A small production to comment on: statuses, a project, an asset task, a team."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest

from tests import factories
from tests.routes.comments.support import assign, make_statuses


@dataclass
class Scene:
    project: Any
    entity: Any
    task: Any
    todo: Any
    wip: Any
    retake: Any
    wfa: Any
    done: Any
    manager_only: Any
    client_ok: Any


@pytest.fixture()
def scene(db: Any) -> Scene:
    statuses = make_statuses(db)
    project = factories.make_project(db)
    entity = factories.make_entity(db, project=project)
    task = factories.make_task(db, entity=entity, task_status_id=statuses["todo"].id)
    db.commit()
    return Scene(project=project, entity=entity, task=task, **statuses)


@pytest.fixture()
def member(as_role: Any, db: Any, scene: Scene) -> Any:
    """A client for a new person of a role, in the scene's team (assigned on request)."""

    def make(role: str, assigned: bool = False, **fields: Any) -> Any:
        db.commit()  # a read snapshot older than the server's writes could not write
        client = as_role(role, **fields)
        factories.add_to_team(db, scene.project, client.person)
        if assigned:
            assign(db, scene.task, client.person)
        db.commit()
        return client

    return make
