"""Importing shots: episodes and sequences made on the way, shots created or updated."""

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


def whole(value: Any, name: str) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        raise RowError(f"{name} must be an integer, got '{value}'") from None


def cell(row: dict[str, Any], *names: str) -> Any:
    """The first non-empty of several alternative columns (Zou's `a or b`)."""
    value = None
    for name in names:
        value = row.get(name)
        if value:
            return value
    return value


class ShotsImport(ProjectImport):
    """One run; shots created without task columns get their tasks in bulk at the end."""

    def __init__(self, ctx: Ctx, project: Any, update: bool) -> None:
        super().__init__(ctx, project, update)
        self.columns = TaskColumns(ctx, project, "Shot")
        self.parents: dict[tuple[str, ...], Any] = {}
        self.created: list[Any] = []
        self.shot_type: Any = None

    def _parent(self, kind: str, key: tuple[str, ...], name: str, parent_id: Any) -> Any:
        if key not in self.parents:
            values: dict[str, Any] = {"data": {}, "description": ""}
            if kind == "Episode":
                values["status"] = "running"
            entity, new = shot_writes.get_or_create(
                self.ctx, kind, self.project.id, name, parent_id, **values
            )
            if new and kind == "Episode":
                self.ctx.uow.emit("episode:new", {"episode_id": entity.id}, self.project.id)
            elif new:
                self.ctx.uow.emit("sequence:new", {"sequence_id": entity.id}, self.project.id)
            self.parents[key] = entity
        return self.parents[key]

    def _values(self, row: dict[str, Any], shot: Any) -> dict[str, Any]:
        values: dict[str, Any] = {}
        if row.get("Description") is not None:
            values["description"] = row["Description"]
        nb_frames = cell(row, "Nb Frames", "Frames")
        if nb_frames not in (None, ""):
            values["nb_frames"] = whole(nb_frames, "nb_frames")
        data = dict(shot.data) if shot is not None and shot.data else {}
        frame_in = cell(row, "Frame In", "In")
        if frame_in not in (None, ""):
            data["frame_in"] = whole(frame_in, "frame_in")
        frame_out = cell(row, "Frame Out", "Out")
        if frame_out not in (None, ""):
            data["frame_out"] = whole(frame_out, "frame_out")
        if "nb_frames" not in values:
            try:
                first, last = int(data["frame_in"]), int(data["frame_out"])
                if last > first:
                    values["nb_frames"] = last - first + 1
            except (KeyError, TypeError, ValueError):
                pass
        if row.get("FPS") is not None:
            data["fps"] = row["FPS"]
        if row.get("Resolution") is not None:
            data["resolution"] = row["Resolution"]
        values["data"] = descriptor_values(self.columns.fields, self.columns.persons, row, data)
        return values

    def import_row(self, row: dict[str, Any]) -> dict[str, Any]:
        required = ["Episode", "Sequence", "Name"] if self.tv_show else ["Sequence", "Name"]
        for column in required:
            if not (row[column] or "").strip():
                raise RowError(f"{column} cannot be empty")
        episode_id = None
        if self.tv_show:
            episode = self._parent("Episode", (row["Episode"],), row["Episode"], None)
            episode_id = episode.id
            key: tuple[str, ...] = (row["Episode"], row["Sequence"])
        else:
            key = ("", row["Sequence"])
        sequence = self._parent("Sequence", key, row["Sequence"], episode_id)
        shot = self._find(sequence, row["Name"])
        values = self._values(row, shot)
        updates = self.columns.updates(row)
        if shot is None:
            shot, _ = shot_writes.get_or_create(
                self.ctx,
                "Shot",
                self.project.id,
                row["Name"],
                sequence.id,
                data=values["data"],
                nb_frames=values.get("nb_frames", 0),
                description=values.get("description"),
            )
            payload = {"shot_id": shot.id, "episode_id": sequence.parent_id}
            self.ctx.uow.emit("shot:new", payload, self.project.id)
            if updates:
                self.columns.create_for_all([shot])
                self.columns.apply(shot, updates)
            else:
                self.ctx.session.flush()
                self.created.append(shot)  # tasks in bulk once the rows are done
        elif self.update:
            shot_writes.update_shot(self.ctx, shot, dict(values))
            self.columns.apply(shot, updates)
        self.ctx.session.flush()
        return present(shot)

    def _find(self, sequence: Any, name: str) -> Any:
        from reeltrack.models import Entity

        if self.shot_type is None:
            self.shot_type = type_id(self.ctx.session, "Shot", create=True)
        query = select(Entity).where(
            Entity.entity_type_id == self.shot_type,
            Entity.project_id == self.project.id,
            Entity.parent_id == sequence.id,
            Entity.name == name,
        )
        return self.ctx.session.scalars(query.limit(1)).first()

    def finish(self) -> None:
        self.columns.create_for_all(self.created)


def import_shots(ctx: Ctx, content: bytes, project: Any, update: bool) -> list[Any]:
    run = ShotsImport(ctx, project, update)
    return run_rows(ctx, content, run.import_row, run.finish)
