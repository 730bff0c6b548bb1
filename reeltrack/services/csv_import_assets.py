"""Importing assets: created or updated by type and name, with their workflow tasks."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, insert, select

from reeltrack.crud.hooks.production import TEMPORAL_TYPES
from reeltrack.services.csv_import import RowError, descriptor_values, run_rows
from reeltrack.services.csv_import_edits import NOT_TV_SHOW, episodes_by_name, new_episode
from reeltrack.services.csv_import_tasks import ProjectImport, TaskColumns, entity_target
from reeltrack.wire.present import present

if TYPE_CHECKING:
    from reeltrack.auth.deps import Ctx


class AssetsImport(ProjectImport):
    """One run: asset types, workflows and shot task types (for `Ready for`) load once."""

    def __init__(self, ctx: Ctx, project: Any, update: bool) -> None:
        from reeltrack.models import EntityType
        from reeltrack.models.project import project_asset_type_link

        super().__init__(ctx, project, update)
        self.episodes = episodes_by_name(ctx, project) if self.tv_show else {}
        self.columns = TaskColumns(ctx, project, "Asset")
        link = project_asset_type_link.c
        self.closed_types = {
            name.lower(): type_id
            for name, type_id in ctx.session.execute(
                select(EntityType.name, EntityType.id)
                .join(project_asset_type_link, link.asset_type_id == EntityType.id)
                .where(link.project_id == project.id)
            )
        }
        self.open_types: dict[str, uuid.UUID] = {}
        shot_types = TaskColumns(ctx, project, "Shot").task_types
        self.ready_for = {task_type.name: task_type.id for task_type in shot_types}
        self.workflows: dict[uuid.UUID, list[Any]] = {}
        self.pending: list[Any] = []

    # ------------------------------------------------------------ asset types

    def _global_type(self, name: str) -> Any:
        from reeltrack.models import EntityType

        return self.ctx.session.scalars(
            select(EntityType)
            .where(
                func.lower(EntityType.name) == name.lower(), EntityType.name.not_in(TEMPORAL_TYPES)
            )
            .limit(1)
        ).first()

    def _type_id(self, name: str) -> uuid.UUID:
        """The asset type of a `Type` cell, within the project's list when it has one."""
        from reeltrack.models import EntityType
        from reeltrack.models.project import project_asset_type_link

        if self.closed_types:
            found = self.closed_types.get(name.lower())
            if found is None:
                asset_type = self._global_type(name)
                if asset_type is None:
                    raise RowError(f"Asset type {name} is not configured for this project")
                self.ctx.session.execute(
                    insert(project_asset_type_link),
                    [{"project_id": self.project.id, "asset_type_id": asset_type.id}],
                )
                self.ctx.uow.emit("project:update", {"project_id": self.project.id})
                found = self.closed_types[name.lower()] = asset_type.id
            return found
        if name not in self.open_types:
            asset_type = self._global_type(name)
            if asset_type is None:
                asset_type = EntityType(name=name)
                self.ctx.session.add(asset_type)
                self.ctx.session.flush()
                self.ctx.uow.emit("asset-type:new", {"asset_type_id": asset_type.id})
            self.open_types[name] = asset_type.id
        return self.open_types[name]

    def _workflow(self, asset_type_id: uuid.UUID) -> list[Any]:
        """Project asset task types, narrowed to the asset type's workflow when it has one."""
        from reeltrack.models import task_type_asset_type_link

        if asset_type_id not in self.workflows:
            link = task_type_asset_type_link.c
            workflow = set(
                self.ctx.session.scalars(
                    select(link.task_type_id).where(link.asset_type_id == asset_type_id)
                )
            )
            types = self.columns.task_types
            self.workflows[asset_type_id] = [t for t in types if not workflow or t.id in workflow]
        return self.workflows[asset_type_id]

    def _create_missing(self, asset: Any) -> None:
        from reeltrack.services import task_creation

        target = entity_target(asset, "Asset")
        for task_type in self._workflow(asset.entity_type_id):
            task_creation.create_tasks(self.ctx, task_type, [target])

    # ------------------------------------------------------------ rows

    def _episode_id(self, row: dict[str, Any]) -> Any:
        name = (row.get("Episode") or "").strip() or None
        if not self.tv_show:
            if name is not None:
                raise RowError(NOT_TV_SHOW)
            return None
        if name in (None, "MP"):
            return None
        if name not in self.episodes:
            self.episodes[name] = new_episode(self.ctx, self.project, name)
        return self.episodes[name]

    def _values(self, row: dict[str, Any], asset: Any) -> dict[str, Any]:
        values: dict[str, Any] = {}
        if row.get("Description") is not None:
            values["description"] = row["Description"]
        data = {} if asset is None else dict(asset.data or {})
        if row.get("Resolution") is not None:
            data["resolution"] = row["Resolution"]
        values["data"] = descriptor_values(self.columns.fields, self.columns.persons, row, data)
        ready_for = row.get("Ready for")
        if ready_for is not None:
            if ready_for == "":
                values["ready_for"] = None
            elif ready_for in self.ready_for:
                values["ready_for"] = self.ready_for[ready_for]
            else:
                raise RowError(f"Task type not found for {ready_for}")
        return values

    def import_row(self, row: dict[str, Any]) -> dict[str, Any]:
        from reeltrack.crud.registry import registry
        from reeltrack.crud.service import update_row
        from reeltrack.models import Entity

        type_name = row["Type"]
        if type_name is None or not type_name.strip():
            raise RowError("An asset type is required in the Type column")
        episode_id = self._episode_id(row)
        asset_type_id = self._type_id(type_name)
        asset = self.ctx.session.scalars(
            select(Entity)
            .where(
                Entity.name == row["Name"],
                Entity.project_id == self.project.id,
                Entity.entity_type_id == asset_type_id,
            )
            .limit(1)
        ).first()
        values = self._values(row, asset)
        updates = self.columns.updates(row)
        created = asset is None
        if asset is None:
            asset = Entity(
                project_id=self.project.id,
                entity_type_id=asset_type_id,
                name=row["Name"],
                description=values.get("description"),
                data=values["data"],
                source_id=episode_id,
                ready_for=values.get("ready_for"),
                created_by=self.ctx.actor.person_id,
            )
            self.ctx.session.add(asset)
            self.ctx.session.flush()
            payload = {"asset_id": asset.id, "asset_type": asset_type_id}
            self.ctx.uow.emit("asset:new", payload, self.project.id)
        elif self.update:
            body = {"name": row["Name"], "source_id": episode_id, **values}
            update_row(self.ctx, registry.by_model(Entity), str(asset.id), body)
        if updates and (self.update or created):
            self._create_missing(asset)
            self.columns.apply(asset, updates)
        else:
            # Workflow tasks in bulk once the rows are done; for an asset left as it is,
            # this repairs missing tasks, as a re-import does in Zou.
            self.pending.append(asset)
        self.ctx.session.flush()
        return present(asset)

    def finish(self) -> None:
        from reeltrack.services import task_creation

        by_type: dict[Any, list[Any]] = {}
        for asset in self.pending:
            for task_type in self._workflow(asset.entity_type_id):
                by_type.setdefault(task_type, []).append(entity_target(asset, "Asset"))
        for task_type, targets in by_type.items():
            task_creation.create_tasks(self.ctx, task_type, targets)


def import_assets(ctx: Ctx, content: bytes, project: Any, update: bool) -> list[Any]:
    run = AssetsImport(ctx, project, update)
    return run_rows(ctx, content, run.import_row, run.finish)
