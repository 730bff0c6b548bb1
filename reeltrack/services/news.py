"""The news feed: one entry per comment, filtered and paged as Zou's news routes."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session, aliased

from reeltrack.auth.actor import Actor
from reeltrack.crud.values import datetime_arg, uuid_arg
from reeltrack.models import Comment, Entity, News, PreviewFile, Project, Task
from reeltrack.models.project import project_person_link
from reeltrack.services.task_common import BAD_DATE
from reeltrack.services.user_notifications import full_entity_names
from reeltrack.wire.errors import WrongParameter
from reeltrack.wire.paging import envelope

ID_ARGS = ("task_type_id", "task_status_id", "person_id", "episode_id")


@dataclass
class NewsFilters:
    project_ids: list[uuid.UUID] | None = None
    team_of: uuid.UUID | None = None
    task_status_id: uuid.UUID | None = None
    task_type_id: uuid.UUID | None = None
    author_id: uuid.UUID | None = None
    episode_id: uuid.UUID | None = None
    only_preview: bool = False
    before: dt.datetime | None = None
    after: dt.datetime | None = None


def _date(value: str | None) -> dt.datetime | None:
    return datetime_arg(value, BAD_DATE)


def _int(value: str | None, name: str, default: int) -> int:
    if value in (None, ""):
        return default
    try:
        return int(str(value))
    except ValueError:
        raise WrongParameter(f"{name} must be an integer.") from None


def parse_args(args: dict[str, str | None]) -> tuple[NewsFilters, int, int]:
    """Filters, page and limit from the query string (ids checked, dates parsed)."""
    ids: dict[str, uuid.UUID | None] = {}
    for key in ID_ARGS:
        raw = args.get(key)
        ids[key] = uuid_arg(raw or None, f"Invalid UUID format for {key}: {raw}")
    filters = NewsFilters(
        task_status_id=ids["task_status_id"],
        task_type_id=ids["task_type_id"],
        author_id=ids["person_id"],
        episode_id=ids["episode_id"],
        only_preview=(args.get("only_preview") or "").lower() in ("true", "1"),
        before=_date(args.get("before")),
        after=_date(args.get("after")),
    )
    page = _int(args.get("page"), "page", 1)
    limit = _int(args.get("limit"), "limit", 50)
    if page < 1 or limit < 1:
        raise WrongParameter("page and limit must be positive integers.")
    return filters, page, limit


def _filtered(query: Select[Any], filters: NewsFilters) -> Select[Any]:
    if filters.project_ids is not None:
        query = query.where(Task.project_id.in_(filters.project_ids))
    if filters.team_of is not None:
        team = project_person_link.c
        members = select(team.project_id).where(team.person_id == filters.team_of)
        query = query.where(Task.project_id.in_(members))
    if filters.episode_id is not None:
        sequence = aliased(Entity, name="sequence")
        query = query.join(sequence, Entity.parent_id == sequence.id).where(
            sequence.parent_id == filters.episode_id
        )
    conditions = (
        (filters.task_status_id, lambda v: Comment.task_status_id == v),
        (filters.task_type_id, lambda v: Task.task_type_id == v),
        (filters.author_id, lambda v: News.author_id == v),
        (filters.after, lambda v: News.created_at > v),
        (filters.before, lambda v: News.created_at < v),
    )
    for value, condition in conditions:
        if value is not None:
            query = query.where(condition(value))
    if filters.only_preview:
        query = query.where(News.preview_file_id.is_not(None))
    return query


def _base(columns: tuple[Any, ...]) -> Select[Any]:
    return (
        select(*columns)
        .select_from(News)
        .join(Task, Task.id == News.task_id)
        .join(Project, Project.id == Task.project_id)
        .join(Entity, Entity.id == Task.entity_id)
        .outerjoin(Comment, Comment.id == News.comment_id)
        .outerjoin(PreviewFile, PreviewFile.id == News.preview_file_id)
    )


COLUMNS = (
    News,
    Project.id,
    Project.name,
    Task.task_type_id,
    Comment.task_status_id,
    Task.entity_id,
    PreviewFile.extension,
    PreviewFile.revision,
    Entity.preview_file_id,
)


def _entry(row: Any, names: dict[Any, tuple]) -> dict[str, Any]:
    news, project_id, project_name, type_id, status_id, entity_id, ext, revision, main = row
    name, episode_id = (
        (names[entity_id][0], names[entity_id][1]) if entity_id in names else ("", None)
    )
    return {
        "id": news.id,
        "type": "News",
        "author_id": news.author_id,
        "comment_id": news.comment_id,
        "task_id": news.task_id,
        "task_type_id": type_id,
        "task_status_id": status_id,
        "task_entity_id": entity_id,
        "preview_file_id": news.preview_file_id,
        "preview_file_extension": ext,
        "preview_file_revision": revision,
        "project_id": project_id,
        "project_name": project_name,
        "created_at": news.created_at,
        "change": news.change,
        "full_entity_name": name,
        "episode_id": episode_id,
        "entity_preview_file_id": main,
    }


def last_news(
    session: Session,
    filters: NewsFilters,
    page: int = 1,
    limit: int = 50,
    news_id: uuid.UUID | None = None,
    entity_id: uuid.UUID | None = None,
) -> dict[str, Any]:
    """A page of news, newest first, with the authors embedded (a fixed number of queries)."""
    query = _filtered(_base(COLUMNS), filters)
    if news_id is not None:
        query = query.where(News.id == news_id)
    if entity_id is not None:
        query = query.where(Entity.id == entity_id)
    total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
    offset = (page - 1) * limit
    rows = session.execute(
        query.order_by(News.created_at.desc(), News.id.desc()).limit(limit).offset(offset)
    ).all()
    names = full_entity_names(session, {row[5] for row in rows})
    result = [_entry(row, names) for row in rows]
    _embed_authors(session, result)
    if filters.only_preview:
        _embed_preview_files(session, result)
    return envelope(result, total, page, limit)


def _embed_authors(session: Session, result: list[dict[str, Any]]) -> None:
    from reeltrack.services.persons import short_people

    people = short_people(session, {entry["author_id"] for entry in result})
    for entry in result:
        entry["person"] = people.get(str(entry["author_id"]))


def _embed_preview_files(session: Session, result: list[dict[str, Any]]) -> None:
    task_ids = {entry["task_id"] for entry in result}
    revisions = {entry["preview_file_revision"] for entry in result}
    found: dict[str, list[dict[str, Any]]] = {}
    if task_ids:
        rows = session.scalars(
            select(PreviewFile)
            .where(PreviewFile.task_id.in_(task_ids), PreviewFile.revision.in_(revisions))
            .order_by(PreviewFile.task_id, PreviewFile.revision, PreviewFile.position)
        )
        for preview in rows:
            found.setdefault(f"{preview.task_id}-{preview.revision}", []).append(
                {
                    "id": preview.id,
                    "name": preview.name,
                    "extension": preview.extension,
                    "revision": preview.revision,
                    "position": preview.position,
                    "status": preview.status,
                }
            )
    for entry in result:
        entry["preview_files"] = found.get(
            f"{entry['task_id']}-{entry['preview_file_revision']}", []
        )


def stats(session: Session, filters: NewsFilters) -> dict[str, int]:
    """How many status changes per status, under the same filters."""
    query = _filtered(_base((Comment.task_status_id, func.count(Entity.id))), filters)
    query = query.where(News.change.is_(True), Comment.id.is_not(None))
    rows = session.execute(query.group_by(Comment.task_status_id))
    return {str(status): count for status, count in rows if status is not None}


def open_project_ids(session: Session, actor: Actor) -> list[uuid.UUID]:
    """Open projects: all of them for an admin, else those of the caller's teams."""
    from reeltrack.crud.hooks.reviews_access import open_project_ids as open_query

    query = select(Project.id).where(Project.id.in_(open_query()))
    if not actor.is_admin:
        team = project_person_link.c
        query = query.where(
            Project.id.in_(select(team.project_id).where(team.person_id == actor.person_id))
        )
    return list(session.scalars(query))


def feed(session: Session, filters: NewsFilters, page: int, limit: int) -> dict[str, Any]:
    """A page of news plus the status-change stats (the news routes' answer)."""
    result = last_news(session, filters, page, limit)
    result["stats"] = stats(session, filters)
    return result
