"""Importing edits: created or updated by name under their episode, with task columns."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from reeltrack.services import shot_writes
from reeltrack.services.csv_import import RowError, descriptor_values, run_rows
from reeltrack.services.csv_import_tasks import ProjectImport, TaskColumns
from reeltrack.services.shot_access import type_id
from reeltrack.wire.present import present

if TYPE_CHECKING:
    from reeltrack.auth.deps import Ctx

NOT_TV_SHOW = "An episode column is present for a production that isn't a TV Show"


def episodes_by_name(ctx: Ctx, project: Any) -> dict[str, Any]:
    """The project's episode ids by name."""
    from reeltrack.models import Entity

    episode_type = type_id(ctx.session, "Episode", create=True)
    query = select(Entity.name, Entity.id).where(
        Entity.project_id == project.id, Entity.entity_type_id == episode_type
    )
    return {name: entity_id for name, entity_id in ctx.session.execute(query)}


def new_episode(ctx: Ctx, project: Any, name: str) -> Any:
    episode, new = shot_writes.get_or_create(
        ctx, "Episode", project.id, name, None, status="running", data={}, description=""
    )
    if new:
        ctx.uow.emit("episode:new", {"episode_id": episode.id}, project.id)
    return episode.id


class EditsImport(ProjectImport):
    """One run; edits created without task columns get their tasks in bulk at the end."""

    def __init__(self, ctx: Ctx, project: Any, update: bool) -> None:
        super().__init__(ctx, project, update)
        self.episodes = episodes_by_name(ctx, project) if self.tv_show else {}
        self.columns = TaskColumns(ctx, project, "Edit", assignations=False)
        self.edit_type = type_id(ctx.session, "Edit", create=True)
        self.created: list[Any] = []

    def _episode_id(self, row: dict[str, Any]) -> Any:
        name = (row.get("Episode") or "").strip() or None
        if not self.tv_show:
            if name is not None:
                raise RowError(NOT_TV_SHOW)
            return None
        if name is None:
            return None
        if name not in self.episodes:
            self.episodes[name] = new_episode(self.ctx, self.project, name)
        return self.episodes[name]

    def import_row(self, row: dict[str, Any]) -> dict[str, Any]:
        from reeltrack.crud.registry import registry
        from reeltrack.crud.service import update_row
        from reeltrack.models import Entity

        name = row["Name"]
        episode_id = self._episode_id(row)
        same_parent = (
            Entity.parent_id.is_(None) if episode_id is None else Entity.parent_id == episode_id
        )
        edit = self.ctx.session.scalars(
            select(Entity)
            .where(
                Entity.name == name,
                Entity.project_id == self.project.id,
                Entity.entity_type_id == self.edit_type,
                same_parent,
            )
            .limit(1)
        ).first()
        values: dict[str, Any] = {}
        if row.get("Description") is not None:
            values["description"] = row["Description"]
        base = {} if edit is None else edit.data
        values["data"] = descriptor_values(self.columns.fields, self.columns.persons, row, base)
        updates = self.columns.updates(row)
        if edit is None:
            edit, _ = shot_writes.get_or_create(
                self.ctx,
                "Edit",
                self.project.id,
                name,
                episode_id,
                data=values["data"],
                description=values.get("description", ""),
            )
            payload = {"edit_id": edit.id, "parent_id": episode_id}
            self.ctx.uow.emit("edit:new", payload, self.project.id)
            if updates:
                self.columns.create_for_all([edit])
                self.columns.apply(edit, updates)
            else:
                self.ctx.session.flush()
                self.created.append(edit)
        elif self.update:
            update_row(self.ctx, registry.by_model(Entity), str(edit.id), values)
            self.columns.apply(edit, updates)
        self.ctx.session.flush()
        return present(edit)

    def finish(self) -> None:
        self.columns.create_for_all(self.created)


def import_edits(ctx: Ctx, content: bytes, project: Any, update: bool) -> list[Any]:
    run = EditsImport(ctx, project, update)
    return run_rows(ctx, content, run.import_row, run.finish)
