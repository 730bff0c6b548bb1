"""A small production (episode / sequence / shots) and its team, for the shots and edits tests."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from reeltrack.models import project_person_link
from tests import factories

ROLES = ("admin", "manager", "supervisor", "user", "client", "vendor")


@dataclass
class Production:
    project: Any
    episode: Any
    sequence: Any
    shots: list[Any]
    callers: dict[str, Any] = field(default_factory=dict)


def member(as_role: Any, db: Any, project: Any, role: str) -> Any:
    """A client for a new person of this role in the project's team (admins stay outside)."""
    caller = as_role(role)
    if role != "admin":
        db.execute(
            project_person_link.insert().values(project_id=project.id, person_id=caller.person.id)
        )
    db.commit()
    return caller


def make_shot(db: Any, sequence: Any, **fields: Any) -> Any:
    return factories.make_entity(
        db, project_id=sequence.project_id, type_name="Shot", parent_id=sequence.id, **fields
    )


def make_production(db: Any, nb_shots: int = 2, **project_fields: Any) -> Production:
    project = factories.make_project(db, **project_fields)
    episode = factories.make_entity(db, project, type_name="Episode", name="E01")
    sequence = factories.make_entity(
        db, project, type_name="Sequence", name="SQ01", parent_id=episode.id
    )
    shots = [
        make_shot(db, sequence, name=f"SH{i:03d}", data={"frame_in": 1, "frame_out": 24})
        for i in range(1, nb_shots + 1)
    ]
    db.commit()
    return Production(project, episode, sequence, shots)


def with_team(as_role: Any, db: Any, production: Production) -> Production:
    for role in ROLES:
        production.callers[role] = member(as_role, db, production.project, role)
    return production


def outsider(as_role: Any, role: str = "manager") -> Any:
    """A caller of this role who is in no team."""
    return as_role(role)


def assert_invalid(response: Any) -> None:
    """A 400 "Validation error." with the field errors listed."""
    assert response.status_code == 400, response.text
    body = response.json()
    assert (body["error"], body["message"]) == (True, "Validation error.")
    assert body["data"]["errors"]


def make_task(db: Any, entity: Any, **fields: Any) -> Any:
    """A task with a status (Zou's tasks always have one)."""
    if "task_status_id" not in fields:
        fields["task_status_id"] = factories.make_task_status(db).id
    return factories.make_task(db, entity, **fields)
