"""Playlists of a project: pages of them, one with its previews, entries added to one."""

from __future__ import annotations

import copy
import uuid
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from sqlalchemy import Select, or_, select

from reeltrack.crud.hooks.reviews_playlists import EDIT, unpin_foreign_previews
from reeltrack.crud.values import parse_uuid
from reeltrack.wire.errors import Forbidden, NotFound, WrongParameter
from reeltrack.wire.present import _zou_datetime, present

if TYPE_CHECKING:
    from reeltrack.auth.deps import Ctx

PAGE_SIZE = 20
LIST_COLUMNS = (
    "id",
    "name",
    "project_id",
    "episode_id",
    "task_type_id",
    "for_client",
    "for_entity",
    "is_for_all",
    "created_at",
    "updated_at",
    "created_by",
)
# Zou renders a preview status here with str() of its choice, which gives the label.
STATUS_LABELS = {
    "processing": "Processing",
    "ready": "Ready",
    "broken": "Broken",
    "missing": "Missing",
}
PLAYLIST_NOT_FOUND = "Playlist not found"


# ---------------------------------------------------------------- lookups


def playlist_row(ctx: Ctx, playlist_id: Any, for_update: bool = False) -> Any:
    """The playlist with this id; 404 for an unknown or malformed id."""
    from reeltrack.models import Playlist

    parsed = parse_uuid(playlist_id)
    if parsed is None:
        raise NotFound(PLAYLIST_NOT_FOUND)
    query = select(Playlist).where(Playlist.id == parsed)
    if for_update:
        query = query.with_for_update()
    row = ctx.session.scalars(query).first()
    if row is None:
        raise NotFound(PLAYLIST_NOT_FOUND)
    return row


def check_update(ctx: Ctx, playlist: Any) -> None:
    """Managers of the project, or its supervisors for the playlists they made."""
    if not EDIT.allows(ctx.actor, playlist):
        raise Forbidden()


# ---------------------------------------------------------------- lists


def text_id(value: str | None) -> uuid.UUID | None:
    """An optional id filter given as text: None when empty, 400 when malformed."""
    if value is None or value == "":
        return None
    parsed = parse_uuid(value)
    if parsed is None:
        raise WrongParameter("Malformed ID.")
    return parsed


def _first_preview_file_id(shots: Any) -> str | None:
    if not isinstance(shots, list) or not shots or not isinstance(shots[0], dict):
        return None
    value = shots[0].get("preview_file_id")
    return str(value) if value else None


def _list_entry(row: Any) -> dict[str, Any]:
    out: dict[str, Any] = {"type": "Playlist"}
    for key in LIST_COLUMNS:
        value = getattr(row, key)
        out[key] = _zou_datetime(value) if key in ("created_at", "updated_at") and value else value
    if row.for_entity is None:
        out["for_entity"] = "shot"
    first = _first_preview_file_id(row.shots)
    if first:
        out["first_preview_file_id"] = first
    return out


def _page_of(ctx: Ctx, query: Select[Any], page: int, sort_by: str | None) -> list[dict[str, Any]]:
    from reeltrack.models import Playlist

    columns = Playlist.__table__.columns
    if sort_by and sort_by in columns:
        column = columns[sort_by]
        order = column.desc() if sort_by in ("created_at", "updated_at") else column
    else:
        order = Playlist.updated_at.desc()
    page = max(page, 1)
    fields = [getattr(Playlist, key) for key in LIST_COLUMNS] + [Playlist.shots]
    query = query.with_only_columns(*fields).order_by(order, Playlist.id)
    rows = ctx.session.execute(query.limit(PAGE_SIZE).offset((page - 1) * PAGE_SIZE))
    return [_list_entry(row) for row in rows]


def project_playlists(
    ctx: Ctx,
    project_id: uuid.UUID,
    for_client: bool,
    page: int,
    sort_by: str | None,
    task_type_id: uuid.UUID | None,
) -> list[dict[str, Any]]:
    """One page (20) of a project's playlists, for a client only those shared with clients."""
    from reeltrack.models import Playlist

    query = select(Playlist).where(Playlist.project_id == project_id)
    if for_client:
        query = query.where(Playlist.for_client.is_(True))
    if task_type_id is not None:
        query = query.where(Playlist.task_type_id == task_type_id)
    return _page_of(ctx, query, page, sort_by)


def episode_playlists(
    ctx: Ctx,
    project_id: uuid.UUID,
    episode: uuid.UUID | str,
    for_client: bool,
    page: int,
    sort_by: str | None,
    task_type_id: uuid.UUID | None,
    for_entity: str | None,
) -> list[dict[str, Any]]:
    """Playlists of an episode; "main" are those of no episode, "all" the production-wide ones."""
    from reeltrack.models import Playlist

    query = select(Playlist).where(Playlist.project_id == project_id)
    if for_client:
        query = query.where(Playlist.for_client.is_(True))
    if for_entity:
        query = query.where(Playlist.for_entity == for_entity)
    if task_type_id is not None:
        query = query.where(Playlist.task_type_id == task_type_id)
    if episode == "main":
        query = query.where(
            Playlist.episode_id.is_(None),
            or_(Playlist.is_for_all.is_(None), Playlist.is_for_all.is_(False)),
        )
    elif episode == "all":
        query = query.where(Playlist.episode_id.is_(None), Playlist.is_for_all.is_(True))
    else:
        query = query.where(Playlist.episode_id == episode)
    return _page_of(ctx, query, page, sort_by)


def _build_job_ids(ctx: Ctx, playlist_ids: list[uuid.UUID]) -> dict[uuid.UUID, list[uuid.UUID]]:
    from reeltrack.models import BuildJob

    found: dict[uuid.UUID, list[uuid.UUID]] = {}
    if not playlist_ids:
        return found
    query = (
        select(BuildJob.playlist_id, BuildJob.id)
        .where(BuildJob.playlist_id.in_(playlist_ids))
        .order_by(BuildJob.created_at, BuildJob.id)
    )
    for playlist_id, job_id in ctx.session.execute(query):
        found.setdefault(playlist_id, []).append(job_id)
    return found


def _with_relations(ctx: Ctx, rows: list[Any]) -> list[dict[str, Any]]:
    jobs = _build_job_ids(ctx, [row.id for row in rows])
    return [present(row, links={"build_jobs": jobs.get(row.id, [])}) for row in rows]


def all_project_playlists(ctx: Ctx, project_id: uuid.UUID, page: int) -> Any:
    """Every playlist of a project with its relations; a page envelope when `page` >= 1."""
    from sqlalchemy import func

    from reeltrack.models import Playlist

    query = (
        select(Playlist)
        .where(Playlist.project_id == project_id)
        .order_by(Playlist.created_at, Playlist.id)
    )
    if page < 1:
        return _with_relations(ctx, list(ctx.session.scalars(query)))
    limit = ctx.runtime.settings.nb_records_per_page
    count = select(func.count()).select_from(Playlist).where(Playlist.project_id == project_id)
    total = ctx.session.scalar(count) or 0
    offset = (page - 1) * limit
    data: list[dict[str, Any]] = []
    if offset <= total:
        rows = list(ctx.session.scalars(query.limit(limit).offset(offset)))
        data = _with_relations(ctx, rows)
    return {
        "data": data,
        "total": total,
        "nb_pages": -(-total // limit),
        "limit": limit,
        "offset": offset,
        "page": page,
    }


# ---------------------------------------------------------------- one playlist


def project_playlist(ctx: Ctx, project_id: uuid.UUID, playlist_id: str) -> Any:
    """The playlist if it belongs to the project; 404 otherwise (malformed ids included)."""
    row = playlist_row(ctx, playlist_id)
    if row.project_id != project_id:
        raise NotFound(PLAYLIST_NOT_FOUND)
    return row


def _build_jobs(ctx: Ctx, playlist_id: uuid.UUID) -> list[dict[str, Any]]:
    from reeltrack.models import BuildJob

    query = (
        select(BuildJob.id, BuildJob.status, BuildJob.created_at, BuildJob.message)
        .where(BuildJob.playlist_id == playlist_id)
        .order_by(BuildJob.created_at.desc(), BuildJob.id.desc())
    )
    return [
        {
            "id": job.id,
            "status": job.status,
            "created_at": _zou_datetime(job.created_at) if job.created_at else None,
            "message": job.message,
        }
        for job in ctx.session.execute(query)
    ]


def _light_previews(
    ctx: Ctx, entity_ids: Iterable[uuid.UUID], with_annotations: bool
) -> tuple[dict[str, dict[str, list[dict[str, Any]]]], dict[str, dict[str, Any]]]:
    """Per entity, per task type, the previews grouped by revision; and every preview by id."""
    from reeltrack.models import PreviewFile, Task, TaskType

    ids = list(dict.fromkeys(entity_ids))
    previews: dict[str, dict[str, list[dict[str, Any]]]] = {}
    by_id: dict[str, dict[str, Any]] = {}
    if not ids:
        return previews, by_id
    columns: list[Any] = [
        PreviewFile.id,
        PreviewFile.revision,
        PreviewFile.extension,
        PreviewFile.width,
        PreviewFile.height,
        PreviewFile.duration,
        PreviewFile.status,
        PreviewFile.created_at,
        PreviewFile.task_id,
        Task.task_type_id,
        Task.entity_id,
    ]
    if with_annotations:
        columns.append(PreviewFile.annotations)
    query = (
        select(*columns)
        .join(Task, Task.id == PreviewFile.task_id)
        .join(TaskType, TaskType.id == Task.task_type_id)
        .where(Task.entity_id.in_(ids))
        .order_by(
            TaskType.priority.desc(),
            TaskType.name,
            PreviewFile.revision.desc(),
            PreviewFile.position,
            PreviewFile.created_at,
        )
    )
    for row in ctx.session.execute(query):
        light: dict[str, Any] = {
            "id": str(row.id),
            "revision": row.revision,
            "extension": row.extension,
            "width": row.width,
            "height": row.height,
            "duration": float(row.duration or 0),
            "status": STATUS_LABELS.get(row.status, str(row.status)),
            "created_at": _zou_datetime(row.created_at) if row.created_at else None,
            "task_id": str(row.task_id),
        }
        if with_annotations:
            light["annotations"] = row.annotations
        per_type = previews.setdefault(str(row.entity_id), {})
        per_type.setdefault(str(row.task_type_id), []).append(light)
        by_id[light["id"]] = light
    for per_type in previews.values():
        for task_type_id, items in per_type.items():
            per_type[task_type_id] = mix_revisions(items)
    return previews, by_id


def mix_revisions(previews: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The first preview of each revision, holding the others of that revision in `previews`."""
    parents: dict[Any, dict[str, Any]] = {}
    result = []
    for preview in previews:
        parent = parents.get(preview["revision"])
        if parent is None:
            preview["previews"] = []
            parents[preview["revision"]] = preview
            result.append(preview)
        else:
            parent["previews"].append(preview)
    return result


def _entry_entity_id(entry: dict[str, Any]) -> Any:
    return entry.get("id") or entry.get("shot_id") or entry.get("entity_id")


def playlist_detail(ctx: Ctx, playlist: Any, with_annotations: bool = False) -> dict[str, Any]:
    """The playlist, its build jobs (newest first) and each entry with its previews."""
    data = present(playlist)
    data["build_jobs"] = _build_jobs(ctx, playlist.id)
    shots = copy.deepcopy(playlist.shots) if isinstance(playlist.shots, list) else []
    data["shots"] = shots
    entries = [shot for shot in shots if isinstance(shot, dict)]
    wanted = []
    for entry in entries:
        entity_id = _entry_entity_id(entry)
        if entity_id:
            entry.setdefault("id", entity_id)
            parsed = parse_uuid(str(entity_id))
            if parsed is not None:
                wanted.append(parsed)
    previews, by_id = _light_previews(ctx, wanted, with_annotations)
    for entry in entries:
        entity_id = entry.get("id")
        entry["preview_files"] = previews.get(str(entity_id), []) if entity_id else []
    for entry in entries:
        if "preview_file_id" not in entry:
            continue
        preview_id = entry["preview_file_id"]
        preview = by_id.get(preview_id) if isinstance(preview_id, str) else None
        if preview is None:
            del entry["preview_file_id"]
            continue
        entry.update(
            {
                "preview_file_id": preview["id"],
                "preview_file_extension": preview["extension"],
                "preview_file_revision": preview["revision"],
                "preview_file_width": preview["width"],
                "preview_file_height": preview["height"],
                "preview_file_duration": preview["duration"],
                "preview_file_status": preview["status"],
                "preview_file_task_id": preview["task_id"],
                "preview_file_previews": preview.get("previews", []),
            }
        )
        if with_annotations:
            entry["preview_file_annotations"] = preview.get("annotations")
    return data


# ---------------------------------------------------------------- adding entries


def latest_preview_ids(
    ctx: Ctx, entity_ids: list[uuid.UUID], task_type_id: uuid.UUID | None
) -> dict[str, str]:
    """Each entity's latest preview (highest revision, then newest), of a task type if given."""
    from reeltrack.models import PreviewFile, Task

    if not entity_ids:
        return {}
    query = (
        select(PreviewFile.id, Task.entity_id)
        .join(Task, Task.id == PreviewFile.task_id)
        .where(Task.entity_id.in_(entity_ids))
        .order_by(Task.entity_id, PreviewFile.revision.desc(), PreviewFile.created_at.desc())
    )
    if task_type_id is not None:
        query = query.where(Task.task_type_id == task_type_id)
    latest: dict[str, str] = {}
    for preview_id, entity_id in ctx.session.execute(query):
        latest.setdefault(str(entity_id), str(preview_id))
    return latest


def add_entities(ctx: Ctx, playlist: Any, couples: list[dict[str, Any]]) -> dict[str, Any]:
    """Append (entity, preview) couples not already in the playlist, in one write.

    A preview of another entity is dropped first; a couple with no preview gets the
    entity's latest one (of the playlist's task type when it has one).
    """
    entries = unpin_foreign_previews(
        ctx,
        [
            {
                "entity_id": str(c["entity_id"]),
                "preview_file_id": str(c["preview_file_id"]) if c["preview_file_id"] else None,
            }
            for c in couples
        ],
    )
    to_resolve = [uuid.UUID(e["entity_id"]) for e in entries if e["preview_file_id"] is None]
    resolved = latest_preview_ids(ctx, to_resolve, playlist.task_type_id)
    shots = list(playlist.shots) if isinstance(playlist.shots, list) else []
    present_couples = {
        (shot.get("entity_id"), shot.get("preview_file_id"))
        for shot in shots
        if isinstance(shot, dict)
    }
    added = []
    for entry in entries:
        entity_id = entry["entity_id"]
        preview_id = entry["preview_file_id"] or resolved.get(entity_id)
        if (entity_id, preview_id) in present_couples:
            continue
        shot = {"entity_id": entity_id}
        if preview_id is not None:
            shot["preview_file_id"] = preview_id
        shots.append(shot)
        present_couples.add((entity_id, preview_id))
        added.append(shot)
    if added:
        playlist.shots = shots
        ctx.session.flush()
    for shot in added:
        ctx.uow.emit(
            "playlist:add_entity",
            {
                "playlist_id": playlist.id,
                "entity_id": shot["entity_id"],
                "preview_file_id": shot.get("preview_file_id"),
            },
            playlist.project_id,
        )
    return present(playlist)


# ---------------------------------------------------------------- build jobs (records only)


def check_playlist_access(ctx: Ctx, playlist: Any) -> None:
    """Zou's stricter playlist check: project managers, and clients for client playlists."""
    from reeltrack.crud.hooks.reviews_access import check_project_access

    role = check_project_access(ctx, playlist.project_id)
    if role in ("admin", "manager"):
        return
    if role == "client" and playlist.for_client:
        return
    raise Forbidden()


def build_job_of(ctx: Ctx, playlist: Any, build_job_id: str) -> dict[str, Any]:
    """The playlist's build job record; 404 when unknown, malformed or of another playlist."""
    from reeltrack.models import BuildJob

    parsed = parse_uuid(build_job_id)
    job = ctx.session.get(BuildJob, parsed) if parsed is not None else None
    if job is None or job.playlist_id != playlist.id:
        raise NotFound("Build job not found")
    return present(job)


def project_build_jobs(ctx: Ctx, project_id: uuid.UUID) -> list[dict[str, Any]]:
    """Every build job record of the project's playlists."""
    from reeltrack.models import BuildJob, Playlist

    query = (
        select(BuildJob)
        .join(Playlist, Playlist.id == BuildJob.playlist_id)
        .where(Playlist.project_id == project_id)
        .order_by(BuildJob.created_at, BuildJob.id)
    )
    return [present(job) for job in ctx.session.scalars(query)]
