"""Comments: who reads and edits which, mentions, and what a status change or delete does."""

from __future__ import annotations

import re
import uuid
from typing import TYPE_CHECKING, Any

from sqlalchemy import delete, insert, inspect, select

from reeltrack.auth.actor import Actor
from reeltrack.auth.policies import Policy, refuse_list_unless_admin
from reeltrack.crud.hooks.reviews_access import (
    check_project_access,
    check_task_access,
    check_task_action_access,
    effective_role,
    in_task_department,
    is_assigned,
    person_project_role,
    task_of,
)
from reeltrack.crud.hooks.reviews_tasks import remove_preview, reset_task_data
from reeltrack.crud.spec import Hooks
from reeltrack.crud.values import parse_uuid
from reeltrack.services.persons import full_name, short_people
from reeltrack.wire.errors import Forbidden, NotFound, WrongParameter

if TYPE_CHECKING:
    from reeltrack.auth.deps import Ctx

MENTION_FIELDS = ("mentions", "department_mentions")
OWNER_FREE_KEYS = frozenset({"pinned", "checklist"})


def _row_gate(actor: Actor, target: Any) -> bool:
    """Lists are for admins; one comment is checked against its task by the hooks."""
    if actor.is_admin:
        return True
    return target is not None and bool(actor.project_ids)


READ = Policy("comment-task-access", _row_gate, refuse_list_unless_admin)
WRITE = Policy("comment-author-or-task-manager", _row_gate)


# ---------------------------------------------------------------- reading


def _task_or_404(ctx: Ctx, row: Any) -> Any:
    task = task_of(ctx, row.object_id)
    if task is None:
        raise NotFound()
    return task


def check_comment_access(ctx: Ctx, row: Any, task: Any) -> None:
    """Zou's rule: team access, then clients and client-authored comments kept apart."""
    actor = ctx.actor
    if actor.is_admin:
        return
    role = check_task_access(ctx, task)
    if role in ("supervisor", "manager"):
        return
    author_role = person_project_role(ctx, row.person_id, task.project_id)
    if role == "client":
        from reeltrack.models import Project

        isolated = ctx.session.scalar(
            select(Project.is_clients_isolated).where(Project.id == task.project_id)
        )
        own = row.person_id == actor.person_id
        if isolated and not own and not row.for_client:
            raise Forbidden()
        if author_role != "client" and not row.for_client:
            raise Forbidden()
    elif author_role == "client":
        raise Forbidden()


def check_read(ctx: Ctx, row: Any) -> None:
    if not ctx.actor.is_admin:
        check_comment_access(ctx, row, _task_or_404(ctx, row))


def detail(ctx: Ctx, row: Any, data: dict[str, Any]) -> dict[str, Any]:
    """One comment embeds its author, its reply authors and its attachments."""
    from reeltrack.models import AttachmentFile

    replies = [dict(r) if isinstance(r, dict) else r for r in (data.get("replies") or [])]
    authors = {r.get("person_id") for r in replies if isinstance(r, dict)}
    people = short_people(ctx.session, {row.person_id} | authors)
    data["person"] = people.get(str(row.person_id))
    for reply in replies:
        if isinstance(reply, dict):
            reply["person"] = people.get(str(reply.get("person_id")))
    if data.get("replies"):
        data["replies"] = replies
    if data.get("attachment_files"):
        files = ctx.session.scalars(
            select(AttachmentFile).where(AttachmentFile.id.in_(data["attachment_files"]))
        )
        data["attachment_files"] = [
            {"id": f.id, "name": f.name, "extension": f.extension, "size": f.size} for f in files
        ]
    return data


# ---------------------------------------------------------------- writing


def _changed(body: dict[str, Any], key: str, current: Any) -> bool:
    return key in body and body[key] != current


def _same_id(value: Any, current: Any) -> bool:
    return str(value).lower() == str(current).lower()


def check_update(ctx: Ctx, row: Any, body: dict[str, Any]) -> None:
    """Who may change what in a comment (Zou's check_update_permissions)."""
    actor = ctx.actor
    if actor.is_admin:
        return
    task = _task_or_404(ctx, row)
    if not actor.is_member(task.project_id):
        raise Forbidden()
    role = effective_role(actor, task.project_id)
    if role == "manager":
        return
    check_comment_access(ctx, row, task)
    if _changed(body, "for_client", row.for_client):
        raise Forbidden()
    is_supervisor = role == "supervisor"
    in_department = in_task_department(ctx, task) if is_supervisor else False
    is_author = row.person_id == actor.person_id
    if _changed(body, "pinned", row.pinned) and not (is_supervisor and in_department):
        raise Forbidden()
    if _changed(body, "checklist", row.checklist) and not is_author:
        assigned = is_assigned(ctx, task.id)
        if not assigned and not (is_supervisor and in_department):
            raise Forbidden()
    if not is_author and set(body) - OWNER_FREE_KEYS:
        raise Forbidden()
    if "person_id" in body and not _same_id(body["person_id"], actor.person_id):
        raise Forbidden()
    if "object_id" in body and not _same_id(body["object_id"], row.object_id):
        raise Forbidden()
    if "task_status_id" in body:
        if not _same_id(body["task_status_id"], row.task_status_id):
            check_task_action_access(ctx, task)
        check_status_use(ctx, role, body["task_status_id"], task.project_id)


def check_status_use(ctx: Ctx, role: str, status_value: Any, project_id: Any) -> None:
    """Artists need an artist-allowed status, clients a client-allowed one."""
    from reeltrack.models import ProjectTaskStatusLink, TaskStatus

    if role not in ("user", "client"):
        return
    status_id = parse_uuid(status_value)
    status = ctx.session.get(TaskStatus, status_id) if status_id else None
    if status is None:
        return  # refused later as a malformed or unknown id
    if role == "user" and not status.is_artist_allowed:
        raise Forbidden()
    if role == "client":
        override = ctx.session.scalar(
            select(ProjectTaskStatusLink.is_client_allowed).where(
                ProjectTaskStatusLink.project_id == project_id,
                ProjectTaskStatusLink.task_status_id == status.id,
            )
        )
        allowed = status.is_client_allowed if override is None else override
        if not allowed:
            raise Forbidden()


def prepare(ctx: Ctx, body: dict[str, Any], row: Any) -> dict[str, Any]:
    """Check the update rights, keep mentions computed, record the editor."""
    if row is not None:
        check_update(ctx, row, body)
    if "checklist" in body and body["checklist"] is None:
        body["checklist"] = []
    if row is None:
        return {}
    for key in (*MENTION_FIELDS, "editor_id"):
        body.pop(key, None)
    new_status = body.get("task_status_id")
    if new_status is not None and not _same_id(new_status, row.task_status_id):
        inspect(row).info["previous_status"] = row.task_status_id
    return {"editor_id": ctx.actor.person_id}


def validate_create(ctx: Ctx, values: dict[str, Any]) -> None:
    """A comment belongs to a known task."""
    if task_of(ctx, values.get("object_id")) is None:
        raise WrongParameter(f"Unknown id(s) in 'object_id': {values.get('object_id')}.")


def validate_update(ctx: Ctx, row: Any, values: dict[str, Any]) -> None:
    """A comment moved by an admin still belongs to a known task."""
    if "object_id" in values:
        validate_create(ctx, values)


def mentioned_people(ctx: Ctx, project_id: Any, text: str) -> list[uuid.UUID]:
    """Team members named as `@First Last` in the text (preview accounts excepted)."""
    from reeltrack.models import Person, project_person_link

    link = project_person_link.c
    team = ctx.session.execute(
        select(Person.id, Person.first_name, Person.last_name)
        .join(project_person_link, link.person_id == Person.id)
        .where(link.project_id == project_id, Person.preview_project_id.is_(None))
    )
    return [
        person_id
        for person_id, first, last in team
        if re.search(f"@{re.escape(full_name(first, last))}( |$)", text)
    ]


def mentioned_departments(ctx: Ctx, text: str) -> list[uuid.UUID]:
    """Departments named as `@Name` in the text."""
    from reeltrack.models import Department

    rows = ctx.session.execute(select(Department.id, Department.name))
    return [dep_id for dep_id, name in rows if re.search(f"@{re.escape(name)}( |$)", text)]


def department_team(ctx: Ctx, project_id: Any, department_ids: list[uuid.UUID]) -> list[Any]:
    """Team members of the project who belong to one of the departments."""
    from reeltrack.models import department_link, project_person_link

    if not department_ids:
        return []
    team, deps = project_person_link.c, department_link.c
    return list(
        ctx.session.scalars(
            select(team.person_id)
            .join(department_link, deps.person_id == team.person_id)
            .where(team.project_id == project_id, deps.department_id.in_(department_ids))
        )
    )


def _replace_links(ctx: Ctx, table: Any, remote: str, comment_id: Any, ids: list[Any]) -> None:
    ctx.session.execute(delete(table).where(table.c.comment == comment_id))
    if ids:
        ctx.session.execute(insert(table), [{"comment": comment_id, remote: i} for i in ids])


def reset_mentions(ctx: Ctx, row: Any, task: Any) -> None:
    """Recompute mentions from the text and rebuild the mention notifications."""
    from reeltrack.models import Notification, comment_department_mentions, comment_mentions

    text = row.text or ""
    people = mentioned_people(ctx, task.project_id, text)
    departments = mentioned_departments(ctx, text)
    _replace_links(ctx, comment_mentions, "person", row.id, people)
    _replace_links(ctx, comment_department_mentions, "department", row.id, departments)
    ctx.session.execute(
        delete(Notification).where(
            Notification.type == "mention", Notification.comment_id == row.id
        )
    )
    recipients = list(dict.fromkeys(people + department_team(ctx, task.project_id, departments)))
    for recipient in recipients:
        ctx.session.add(
            Notification(
                person_id=recipient,
                author_id=row.person_id,
                comment_id=row.id,
                task_id=row.object_id,
                type="mention",
                created_at=row.created_at,
            )
        )
    ctx.session.flush()


def _status_changed(ctx: Ctx, row: Any, task: Any, new: Any, previous: Any) -> None:
    ctx.uow.emit(
        "task:status-changed",
        {
            "task_id": task.id,
            "new_task_status_id": new,
            "previous_task_status_id": previous,
            "person_id": row.person_id,
        },
        task.project_id,
    )


def after_update(ctx: Ctx, row: Any) -> None:
    """Mentions follow the text; a status change recomputes the task and is announced."""
    task = task_of(ctx, row.object_id)
    if task is None:
        return None
    reset_mentions(ctx, row, task)
    info = inspect(row).info
    if "previous_status" in info:
        previous = info.pop("previous_status")
        reset_task_data(ctx, task)
        _status_changed(ctx, row, task, row.task_status_id, previous)
    return None


def check_delete(ctx: Ctx, row: Any, task: Any) -> None:
    """A manager of the task's project, otherwise only the author (or an admin)."""
    actor = ctx.actor
    if task is not None and effective_role(actor, task.project_id) in ("admin", "manager"):
        check_project_access(ctx, task.project_id)
    elif not actor.is_admin and row.person_id != actor.person_id:
        raise Forbidden()


def before_delete(ctx: Ctx, row: Any, force: bool) -> None:
    """Remove the comment's notifications, news, previews and attachments first."""
    from reeltrack.models import News, Notification, PreviewFile
    from reeltrack.models import comment_preview_link as link

    task = task_of(ctx, row.object_id)
    check_delete(ctx, row, task)
    if task is not None:
        inspect(row).info["previous_status"] = task.task_status_id
    ctx.session.execute(delete(Notification).where(Notification.comment_id == row.id))
    news_ids = list(ctx.session.scalars(select(News.id).where(News.comment_id == row.id)))
    ctx.session.execute(delete(News).where(News.id.in_(news_ids)))
    for news_id in news_ids:
        ctx.uow.emit("news:delete", {"news_id": news_id}, task.project_id if task else None)
    previews = list(
        ctx.session.scalars(select(link.c.preview_file).where(link.c.comment == row.id))
    )
    ctx.session.execute(delete(link).where(link.c.comment == row.id))
    if row.preview_file_id is not None:
        previews.insert(0, row.preview_file_id)
        row.preview_file_id = None
        ctx.session.flush()
    for preview_id in dict.fromkeys(previews):
        preview = ctx.session.get(PreviewFile, preview_id)
        if preview is not None:
            remove_preview(ctx, preview)
    from reeltrack.services.comment_files import remove_for_comment

    remove_for_comment(ctx, row.id)


def after_delete(ctx: Ctx, row: Any) -> None:
    """The task falls back to the status of its remaining comments."""
    previous = inspect(row).info.pop("previous_status", None)
    task = task_of(ctx, row.object_id)
    if task is None:
        return
    reset_task_data(ctx, task)
    if task.task_status_id != previous:
        _status_changed(ctx, row, task, task.task_status_id, previous)


def event(ctx: Ctx, row: Any, action: str) -> tuple[str, dict[str, Any]]:
    """Comment events name the task, the author and whether clients see it."""
    payload: dict[str, Any] = {"comment_id": row.id}
    if action == "delete":
        if task_of(ctx, row.object_id) is not None:
            payload["task_id"] = row.object_id
        return "comment:delete", payload
    if action == "new":
        inspect(row).info["event_without_project"] = True
    payload.update(task_id=row.object_id, person_id=row.person_id, for_client=row.for_client)
    return f"comment:{action}", payload


def event_project(ctx: Ctx, row: Any) -> Any:
    """Zou sends comment:new to every listener, the other events to the task's project."""
    if inspect(row).info.pop("event_without_project", False):
        return None
    task = task_of(ctx, row.object_id)
    return task.project_id if task is not None else None


HOOKS = Hooks(
    prepare=prepare,
    validate_create=validate_create,
    validate_update=validate_update,
    after_update=after_update,
    check_read=check_read,
    before_delete=before_delete,
    after_delete=after_delete,
    detail=detail,
    event=event,
    event_project=event_project,
)
