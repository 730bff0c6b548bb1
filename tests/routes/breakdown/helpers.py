"""A small production to cast: an episode, a sequence, shots, a scene and typed assets."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from reeltrack.models import Entity, EntityLink
from tests import factories as f

ROLES = ("admin", "manager", "supervisor", "user", "client", "vendor")


@dataclass
class Production:
    project: Any
    episode: Any
    sequence: Any
    shots: list[Any]
    scene: Any
    character: Any
    prop: Any
    hero: Any
    villain: Any
    chair: Any

    @property
    def pid(self) -> str:
        return str(self.project.id)

    def casting_url(self, entity: Any) -> str:
        return f"/data/projects/{self.pid}/entities/{entity.id}/casting"


def make_production(db: Any, nb_shots: int = 2, team: list[Any] = ()) -> Production:  # type: ignore[assignment]
    project = f.make_project(db, team=list(team))
    episode = f.make_entity(db, project, type_name="Episode", name="E01")
    sequence = f.make_entity(db, project, type_name="Sequence", name="SQ01", parent_id=episode.id)
    shots = [
        f.make_entity(db, project, type_name="Shot", name=f"SH{i:03d}", parent_id=sequence.id)
        for i in range(1, nb_shots + 1)
    ]
    scene = f.make_entity(db, project, type_name="Scene", name="SC01", parent_id=sequence.id)
    character = f.make_entity_type(db, name=f"Character {f.n()}")
    prop = f.make_entity_type(db, name=f"Prop {f.n()}")
    hero = f.make_entity(db, project, name="Hero", entity_type_id=character.id)
    villain = f.make_entity(db, project, name="Villain", entity_type_id=character.id)
    chair = f.make_entity(db, project, name="Chair", entity_type_id=prop.id)
    db.commit()
    return Production(
        project, episode, sequence, shots, scene, character, prop, hero, villain, chair
    )


def member(as_role: Any, db: Any, project: Any, role: str) -> Any:
    """A client for a new person of this role in the project's team."""
    caller = as_role(role)
    f.add_to_team(db, project, caller.person)
    db.commit()
    return caller


def link(db: Any, holder: Any, asset: Any, **fields: Any) -> EntityLink:
    row = f.make_entity_link(db, entity_in_id=holder.id, entity_out_id=asset.id, **fields)
    db.commit()
    return row


def links_of(db: Any, holder: Any) -> dict[str, EntityLink]:
    """The committed links of an entity, by cast asset id."""
    db.commit()
    rows = db.scalars(
        select(EntityLink).where(EntityLink.entity_in_id == holder.id),
        execution_options={"populate_existing": True},
    )
    return {str(row.entity_out_id): row for row in rows}


def fresh(db: Any, entity: Any) -> Entity:
    db.commit()
    return db.get(Entity, entity.id, populate_existing=True)


def cast(asset: Any, nb: int = 1, label: str = "") -> dict[str, Any]:
    return {"asset_id": str(asset.id), "nb_occurences": nb, "label": label}


def assert_bad(response: Any, status: int = 400) -> None:
    """A Zou error envelope with this status (validation errors carry field details)."""
    assert response.status_code == status, response.text
    body = response.json()
    assert body["error"] is True and isinstance(body["message"], str), body
