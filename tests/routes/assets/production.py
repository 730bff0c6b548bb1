"""A small production for the asset, concept and with-tasks route tests."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from tests import factories as f


@dataclass
class Production:
    project: Any
    asset_type: Any
    task_type: Any
    status: Any
    assets: list[Any] = field(default_factory=list)
    tasks: list[Any] = field(default_factory=list)


def production(db: Any, team: list[Any] = (), nb_assets: int = 2, **project: Any) -> Production:  # type: ignore[assignment]
    """A project with assets of one type, each with one task of one task type."""
    prod = Production(
        project=f.make_project(db, team=list(team), **project),
        asset_type=f.make_entity_type(db),
        task_type=f.make_task_type(db, for_entity="Asset"),
        status=f.make_task_status(db),
    )
    for index in range(nb_assets):
        add_asset(db, prod, name=f"asset{index:03d}")
    return prod


def add_asset(db: Any, prod: Production, assignees: list[Any] = (), **fields: Any) -> Any:  # type: ignore[assignment]
    asset = f.make_entity(db, prod.project, entity_type_id=prod.asset_type.id, **fields)
    task = f.make_task(
        db,
        asset,
        assignees=list(assignees),
        task_type_id=prod.task_type.id,
        task_status_id=prod.status.id,
        estimation=3,
        due_date=dt.datetime(2026, 3, 4, 5, 6, 7),
    )
    prod.assets.append(asset)
    prod.tasks.append(task)
    return asset


def team_member(as_role: Any, db: Any, role: str, prod: Production) -> Any:
    """A client of this role in the production's team."""
    client = as_role(role)
    f.add_to_team(db, prod.project, client.person)
    db.commit()
    return client
