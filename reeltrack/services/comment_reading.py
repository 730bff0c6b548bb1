"""Reading comments: a task's thread (fixed query count), one comment, a project's."""

from __future__ import annotations

import uuid
from collections import defaultdict
from functools import cache
from typing import TYPE_CHECKING, Any

from sqlalchemy import and_, bindparam, func, select
from sqlalchemy.orm import aliased

from reeltrack.crud.values import parse_uuid
from reeltrack.models.comment import (
    comment_acknoledgments,
    comment_department_mentions,
    comment_mentions,
    comment_preview_link,
)
from reeltrack.services.persons import full_name
from reeltrack.wire.errors import NotFound, WrongParameter
from reeltrack.wire.paging import envelope
from reeltrack.wire.present import present

if TYPE_CHECKING:
    from reeltrack.auth.deps import Ctx

LINK_TABLES = (
    ("acknowledgements", comment_acknoledgments, "person"),
    ("mentions", comment_mentions, "person"),
    ("department_mentions", comment_department_mentions, "department"),
)


def parse_id(value: Any) -> uuid.UUID:
    parsed = parse_uuid(value)
    if parsed is None:
        raise WrongParameter("Malformed ID.")
    return parsed


def get_task(ctx: Ctx, task_id: Any) -> Any:
    """The task with this id: 400 when malformed, 404 when unknown."""
    from reeltrack.models import Task

    task = ctx.session.get(Task, parse_id(task_id))
    if task is None:
        raise NotFound("Task not found")
    return task


def get_comment(ctx: Ctx, comment_id: Any) -> Any:
    """The comment with this id: 400 when malformed, 404 when unknown."""
    from reeltrack.models import Comment

    comment = ctx.session.get(Comment, parse_id(comment_id))
    if comment is None:
        raise NotFound("Comment not found")
    return comment


def comment_of_task(ctx: Ctx, task_id: Any, comment_id: Any) -> tuple[Any, Any]:
    """A task and one of its comments; 404 when the comment is on another task."""
    task = get_task(ctx, task_id)
    comment = get_comment(ctx, comment_id)
    if comment.object_id != task.id:
        raise NotFound("Comment not found")
    return task, comment


@cache
def _thread_statement(hide_clients: bool) -> Any:
    """The thread select, built once: the task and its project are bound at execution."""
    from reeltrack.models import Comment, Person, TaskStatus, project_person_link

    editor = aliased(Person, name="editor")
    query = (
        select(
            Comment,
            TaskStatus.name,
            TaskStatus.short_name,
            TaskStatus.color,
            Person.first_name,
            Person.last_name,
            Person.has_avatar,
            Person.role,
            editor.first_name,
            editor.last_name,
            editor.has_avatar,
            editor.role,
        )
        .join(Person, Person.id == Comment.person_id)
        .join(TaskStatus, TaskStatus.id == Comment.task_status_id)
        .outerjoin(editor, editor.id == Comment.editor_id)
        .where(Comment.object_id == bindparam("thread_task_id"))
        .order_by(Comment.created_at.desc(), Comment.id)
    )
    if hide_clients:
        team = project_person_link.c
        query = query.outerjoin(
            project_person_link,
            and_(team.person_id == Person.id, team.project_id == bindparam("thread_project_id")),
        ).where(func.coalesce(team.role, Person.role) != "client")
    return query


def _thread_rows(ctx: Ctx, task: Any, hide_clients: bool) -> list[Any]:
    params = {"thread_task_id": task.id}
    if hide_clients:
        params["thread_project_id"] = task.project_id
    return list(ctx.session.execute(_thread_statement(hide_clients), params).all())


def _thread_row(row: Any) -> dict[str, Any]:
    comment, st_name, st_short, st_color, first, last, avatar, role = row[:8]
    ed_first, ed_last, ed_avatar, ed_role = row[8:]
    data = present(comment)
    data["person"] = {
        "first_name": first,
        "last_name": last,
        "full_name": full_name(first, last),
        "has_avatar": avatar,
        "role": role,
        "id": comment.person_id,
    }
    if comment.editor_id is not None:
        data["editor"] = {
            "first_name": ed_first,
            "last_name": ed_last,
            "has_avatar": ed_avatar,
            "role": ed_role,
            "id": comment.editor_id,
        }
    data["task_status"] = {
        "name": st_name,
        "short_name": st_short,
        "color": st_color,
        "id": comment.task_status_id,
    }
    return data


def link_maps(ctx: Ctx, ids: list[Any]) -> dict[str, dict[Any, list[str]]]:
    """Acknowledgements, mentions and department mentions of comments, one query each."""
    maps: dict[str, dict[Any, list[str]]] = {}
    for key, table, column in LINK_TABLES:
        found: dict[Any, list[str]] = defaultdict(list)
        rows = ctx.session.execute(
            select(table.c.comment, table.c[column]).where(table.c.comment.in_(ids))
        )
        for comment_id, target in rows:
            found[comment_id].append(str(target))
        maps[key] = found
    return maps


def _preview_map(ctx: Ctx, ids: list[Any], is_client: bool) -> dict[Any, list[dict]]:
    from reeltrack.models import PreviewFile

    link = comment_preview_link.c
    found: dict[Any, list[dict]] = defaultdict(list)
    rows = ctx.session.execute(
        select(PreviewFile, link.comment)
        .join(comment_preview_link, link.preview_file == PreviewFile.id)
        .where(link.comment.in_(ids))
        .order_by(PreviewFile.revision, PreviewFile.position)
    )
    for preview, comment_id in rows:
        validation = preview.validation_status or "neutral"
        if is_client and validation == "rejected":
            continue
        found[comment_id].append(
            {
                "id": str(preview.id),
                "task_id": str(preview.task_id),
                "revision": preview.revision,
                "extension": preview.extension,
                "width": preview.width,
                "height": preview.height,
                "duration": preview.duration,
                "status": preview.status or "ready",
                "validation_status": validation,
                "original_name": preview.original_name,
                "position": preview.position,
                "annotations": preview.annotations,
            }
        )
    return found


def _attachment_map(ctx: Ctx, ids: list[Any]) -> dict[Any, list[dict]]:
    from reeltrack.models import AttachmentFile

    found: dict[Any, list[dict]] = defaultdict(list)
    rows = ctx.session.scalars(
        select(AttachmentFile)
        .where(AttachmentFile.comment_id.in_(ids))
        .order_by(AttachmentFile.created_at, AttachmentFile.id)
    )
    for row in rows:
        found[row.comment_id].append(
            {
                "id": str(row.id),
                "name": row.name,
                "extension": row.extension,
                "reply_id": str(row.reply_id) if row.reply_id else None,
                "size": row.size,
            }
        )
    return found


def embed_reply_authors(ctx: Ctx, comments: list[dict[str, Any]]) -> None:
    """Each reply gets its author's short record (one query for all)."""
    from reeltrack.services.persons import short_people

    ids = {r.get("person_id") for c in comments for r in c.get("replies") or [] if r}
    if not ids:
        return
    people = short_people(ctx.session, ids)
    for comment in comments:
        for reply in comment.get("replies") or []:
            reply["person"] = people.get(str(reply.get("person_id")))


def task_comments(ctx: Ctx, task: Any, is_client: bool, is_manager: bool) -> list[dict]:
    """A task's comments, newest first, as Kitsu's thread reads them."""
    rows = _thread_rows(ctx, task, not is_manager and not is_client)
    comments = [_thread_row(row) for row in rows]
    authors = {row[0].id: row[7] for row in rows}
    if comments:
        ids = [row[0].id for row in rows]
        maps = link_maps(ctx, ids)
        previews, files = _preview_map(ctx, ids, is_client), _attachment_map(ctx, ids)
        for comment, row in zip(comments, rows, strict=True):
            for key, found in maps.items():
                comment[key] = found.get(row[0].id, [])
            comment["previews"] = previews.get(row[0].id, [])
            comment["attachment_files"] = files.get(row[0].id, [])
        embed_reply_authors(ctx, comments)
    if is_client:
        comments = _client_view(ctx, task, comments, authors)
    return comments


def _client_view(ctx: Ctx, task: Any, comments: list[dict], authors: dict[Any, Any]) -> list[dict]:
    """What a client sees: for-client and client threads; previews without their text."""
    from reeltrack.models import Project

    isolated = ctx.session.scalar(
        select(Project.is_clients_isolated).where(Project.id == task.project_id)
    )
    kept = []
    for comment in comments:
        author_is_client = authors.get(comment["id"]) == "client"
        for_client = bool(comment.get("for_client"))
        own = comment["person_id"] == ctx.actor.person_id
        allowed = for_client or (own if isolated else author_is_client)
        if comment["previews"] and not author_is_client and not for_client:
            comment.update(text="", attachment_files=[], checklist=[], replies=[])
            kept.append(comment)
        elif allowed:
            kept.append(comment)
    return kept


def project_comments(ctx: Ctx, project_id: Any, page: int, limit: int) -> Any:
    """A project's comments, last updated first, with their link id lists; paged on demand."""
    from reeltrack.models import Comment, Task

    query = (
        select(Comment)
        .join(Task, Task.id == Comment.object_id)
        .where(Task.project_id == project_id)
        .order_by(Comment.updated_at.desc(), Comment.id)
    )
    if page < 1:
        return _with_link_ids(ctx, list(ctx.session.scalars(query)))
    limit = limit or ctx.runtime.settings.nb_records_per_page
    total = ctx.session.scalar(select(func.count()).select_from(query.subquery())) or 0
    offset = (page - 1) * limit
    data = []
    if offset <= total:
        data = _with_link_ids(ctx, list(ctx.session.scalars(query.limit(limit).offset(offset))))
    return envelope(data, total, page, limit)


def _with_link_ids(ctx: Ctx, rows: list[Any]) -> list[dict[str, Any]]:
    from reeltrack.models import AttachmentFile

    ids = [row.id for row in rows]
    maps = link_maps(ctx, ids) if ids else {key: {} for key, _, _ in LINK_TABLES}
    previews: dict[Any, list[str]] = defaultdict(list)
    files: dict[Any, list[str]] = defaultdict(list)
    if ids:
        link = comment_preview_link.c
        for comment_id, preview_id in ctx.session.execute(
            select(link.comment, link.preview_file).where(link.comment.in_(ids))
        ):
            previews[comment_id].append(str(preview_id))
        for file_id, comment_id in ctx.session.execute(
            select(AttachmentFile.id, AttachmentFile.comment_id).where(
                AttachmentFile.comment_id.in_(ids)
            )
        ):
            files[comment_id].append(str(file_id))
    out = []
    for row in rows:
        data = present(row)
        data["previews"] = previews.get(row.id, [])
        for key, found in maps.items():
            data[key] = found.get(row.id, [])
        data["attachment_files"] = files.get(row.id, [])
        out.append(data)
    return out
