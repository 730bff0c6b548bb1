"""Who may post, reply to and handle comments (Zou's permission checks for the review loop)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sqlalchemy import exists, or_, select

from reeltrack.crud.hooks.reviews_access import (
    check_task_action_access,
    effective_role,
    in_task_department,
    is_assigned,
    person_project_role,
)
from reeltrack.crud.hooks.reviews_comments import check_status_use
from reeltrack.wire.errors import Forbidden

if TYPE_CHECKING:
    from reeltrack.auth.deps import Ctx


def is_mentioned_on_task(ctx: Ctx, task: Any) -> bool:
    """Whether the caller was named in the task's conversation (by name or department)."""
    from reeltrack.models import Comment, comment_department_mentions, comment_mentions

    person_id = ctx.actor.person_id
    people, deps = comment_mentions.c, comment_department_mentions.c
    conditions = [exists().where(people.comment == Comment.id, people.person == person_id)]
    departments = list(ctx.actor.department_ids)
    if departments:
        conditions.append(
            exists().where(deps.comment == Comment.id, deps.department.in_(departments))
        )
    named = select(Comment.id).where(Comment.object_id == task.id, or_(*conditions)).limit(1)
    if ctx.session.scalar(named) is not None:
        return True
    replies = ctx.session.scalars(select(Comment.replies).where(Comment.object_id == task.id))
    wanted = {str(person_id)}
    wanted_deps = {str(d) for d in departments}
    for thread in replies:
        for reply in thread or []:
            if not isinstance(reply, dict):
                continue
            if wanted & set(reply.get("mentions") or []):
                return True
            if wanted_deps & set(reply.get("department_mentions") or []):
                return True
    return False


def check_mention_access(ctx: Ctx, task: Any) -> None:
    """A team member (not a vendor) named in the conversation may answer in it."""
    actor = ctx.actor
    if not actor.is_member(task.project_id):
        raise Forbidden()
    if effective_role(actor, task.project_id) == "vendor":
        raise Forbidden()
    if not is_mentioned_on_task(ctx, task):
        raise Forbidden()


def check_can_post(ctx: Ctx, task: Any, status_value: Any) -> str:
    """Task action access (or a mention, keeping the status); returns the caller's role."""
    try:
        check_task_action_access(ctx, task)
    except Forbidden:
        check_mention_access(ctx, task)
        if str(status_value).lower() != str(task.task_status_id).lower():
            raise
    return effective_role(ctx.actor, task.project_id)


def check_status_allowed(ctx: Ctx, role: str, status: Any, project_id: Any) -> None:
    """Artists use artist-allowed statuses, clients client-allowed ones."""
    check_status_use(ctx, role, status.id, project_id)


def is_manager(role: str) -> bool:
    return role in ("admin", "manager")


def check_can_reply(ctx: Ctx, task: Any, comment: Any) -> None:
    """Zou's reply rules: task action access or a mention; client threads stay apart."""
    actor = ctx.actor
    if comment.person_id != actor.person_id:
        try:
            check_task_action_access(ctx, task)
        except Forbidden:
            check_mention_access(ctx, task)
        role = effective_role(actor, task.project_id)
        if role == "client":
            _check_client_reply(ctx, task, comment)
    role = effective_role(actor, task.project_id)
    if role not in ("admin", "manager", "client") and _is_client_thread(ctx, task, comment):
        raise Forbidden()


def _check_client_reply(ctx: Ctx, task: Any, comment: Any) -> None:
    from reeltrack.models import Person

    studios = dict(
        ctx.session.execute(
            select(Person.id, Person.studio_id).where(
                Person.id.in_([comment.person_id, ctx.actor.person_id])
            )
        ).all()
    )
    other_studio = studios.get(ctx.actor.person_id) != studios.get(comment.person_id)
    if other_studio and person_project_role(ctx, comment.person_id, task.project_id) == "client":
        raise Forbidden()


def _is_client_thread(ctx: Ctx, task: Any, comment: Any) -> bool:
    if comment.for_client:
        return True
    return person_project_role(ctx, comment.person_id, task.project_id) == "client"


def allowed_batch(ctx: Ctx, tasks: dict[Any, Any]) -> set[Any]:
    """Of these tasks, those a non-manager may comment in bulk: assigned or supervised."""
    allowed = set()
    for task_id, task in tasks.items():
        role = ctx.actor.role_in(task.project_id)
        if role == "supervisor" and in_task_department(ctx, task) or is_assigned(ctx, task.id):
            allowed.add(task_id)
    return allowed
