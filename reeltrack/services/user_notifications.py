"""The caller's notifications: listing with Zou's filters, read flags."""

from __future__ import annotations

import datetime as dt
import uuid
from collections import defaultdict
from typing import Any

from sqlalchemy import and_, select, update
from sqlalchemy.orm import Session, aliased

from reeltrack.auth.actor import Actor
from reeltrack.crud.values import datetime_arg, parse_uuid, uuid_arg
from reeltrack.models import (
    Comment,
    Entity,
    EntityType,
    Notification,
    Person,
    Playlist,
    Project,
    Subscription,
    Task,
)
from reeltrack.models.comment import (
    comment_department_mentions,
    comment_mentions,
    comment_preview_link,
)
from reeltrack.wire.errors import NotFound, WrongParameter
from reeltrack.wire.present import present

LIMIT = 100


def _valid_id(name: str, value: str | None) -> uuid.UUID | None:
    return uuid_arg(value, f"Invalid UUID format for {name}: {value}")


def _date(value: str | None) -> dt.datetime | None:
    return datetime_arg(value, "Wrong date format for after or before.")


def _query(actor: Actor, filters: dict[str, Any]) -> Any:
    author = aliased(Person, name="author")
    query = (
        select(
            Notification,
            Project.id,
            Project.name,
            Task.task_type_id,
            Comment.id,
            Comment.task_status_id,
            Comment.text,
            Comment.replies,
            Task.entity_id,
            Subscription.id,
            author.role,
        )
        .join(author, author.id == Notification.author_id)
        .outerjoin(Task, Task.id == Notification.task_id)
        .outerjoin(Project, Project.id == Task.project_id)
        .outerjoin(
            Subscription,
            and_(Subscription.task_id == Task.id, Subscription.person_id == actor.person_id),
        )
        .outerjoin(Comment, Comment.id == Notification.comment_id)
        .where(Notification.person_id == actor.person_id)
        .order_by(Notification.created_at.desc())
    )
    conditions = {
        "notification_id": lambda v: Notification.id == v,
        "after": lambda v: Notification.created_at > v,
        "before": lambda v: Notification.created_at < v,
        "task_type_id": lambda v: Task.task_type_id == v,
        "task_status_id": lambda v: Task.task_status_id == v,
        "type": lambda v: Notification.type == v,
        "read": lambda v: Notification.read.is_(v),
        "watching": lambda v: Subscription.id.is_not(None) if v else Subscription.id.is_(None),
    }
    for key, condition in conditions.items():
        if filters.get(key) is not None:
            query = query.where(condition(filters[key]))
    return query.limit(LIMIT)


def _comment_links(session: Session, comment_ids: set[uuid.UUID]) -> dict[str, Any]:
    """Previews, mentions and department mentions of the comments, one query each."""
    found: dict[str, Any] = {"preview": {}, "mentions": defaultdict(list)}
    found["departments"] = defaultdict(list)
    if not comment_ids:
        return found
    preview = comment_preview_link.c
    for comment_id, preview_id in session.execute(
        select(preview.comment, preview.preview_file).where(preview.comment.in_(comment_ids))
    ):
        found["preview"].setdefault(comment_id, str(preview_id))
    for table, key, column in (
        (comment_mentions, "mentions", "person"),
        (comment_department_mentions, "departments", "department"),
    ):
        rows = session.execute(
            select(table.c.comment, table.c[column]).where(table.c.comment.in_(comment_ids))
        )
        for comment_id, target in rows:
            found[key][comment_id].append(str(target))
    return found


def _playlists(session: Session, ids: set[uuid.UUID]) -> dict[uuid.UUID, Any]:
    if not ids:
        return {}
    query = (
        select(Playlist, Project.name)
        .join(Project, Project.id == Playlist.project_id)
        .where(Playlist.id.in_(ids))
    )
    return {playlist.id: (playlist, name) for playlist, name in session.execute(query)}


def full_entity_names(session: Session, ids: set[uuid.UUID]) -> dict[uuid.UUID, tuple]:
    """{entity id: (full name, episode id, preview file id)} in two queries."""
    if not ids:
        return {}
    parent = aliased(Entity, name="parent")
    grand = aliased(Entity, name="grand")
    kind = aliased(EntityType, name="kind")
    query = (
        select(Entity, kind.name, parent.name, parent.parent_id, grand.name)
        .join(kind, kind.id == Entity.entity_type_id)
        .outerjoin(parent, parent.id == Entity.parent_id)
        .outerjoin(grand, grand.id == parent.parent_id)
        .where(Entity.id.in_(ids))
    )
    result = {}
    for entity, kind_name, parent_name, grand_id, grand_name in session.execute(query):
        name, episode_id = entity.name, None
        if kind_name == "Shot" and parent_name is not None:
            if grand_name is not None:
                name, episode_id = f"{grand_name} / {parent_name} / {entity.name}", grand_id
            else:
                name = f"{parent_name} / {entity.name}"
        elif kind_name == "Sequence" and parent_name is not None:
            name, episode_id = f"{parent_name} / {entity.name}", entity.parent_id
        elif kind_name not in ("Shot", "Sequence", "Episode"):
            name, episode_id = f"{kind_name} / {entity.name}", entity.source_id
        result[entity.id] = (name, episode_id, entity.preview_file_id)
    return result


def _reply(notification: Any, replies: Any) -> dict[str, Any]:
    if notification.type not in ("reply", "reply-mention"):
        return {}
    for reply in replies or []:
        if isinstance(reply, dict) and reply.get("id") == str(notification.reply_id):
            return reply
    return {}


def _serialize(row: Any, artist: bool, context: dict[str, Any]) -> dict[str, Any]:
    (notification, project_id, project_name, task_type_id, comment_id) = row[:5]
    (task_status_id, comment_text, replies, entity_id, subscription_id, role) = row[5:]
    full_name, episode_id, entity_preview = "", None, None
    playlist_name, playlist_for_entity, playlist_for_all = "", "", False
    if notification.playlist_id is None:
        full_name, episode_id, entity_preview = context["names"].get(entity_id, ("", None, None))
    elif notification.playlist_id in context["playlists"]:
        playlist, project_name = context["playlists"][notification.playlist_id]
        episode_id, project_id = playlist.episode_id, playlist.project_id
        playlist_name, playlist_for_entity = playlist.name, playlist.for_entity
        playlist_for_all = playlist.is_for_all
    links = context["links"]
    reply = _reply(notification, replies)
    reply_text = reply.get("text", "") if reply else ""
    if role == "client" and artist:
        comment_text, reply_text = "", ""
    return {
        "id": notification.id,
        "type": "Notification",
        "notification_type": notification.type,
        "author_id": notification.author_id,
        "comment_id": notification.comment_id,
        "task_id": notification.task_id,
        "task_type_id": task_type_id,
        "task_status_id": task_status_id,
        "mentions": links["mentions"].get(comment_id, []) if comment_id else [],
        "department_mentions": links["departments"].get(comment_id, []) if comment_id else [],
        "reply_mentions": reply.get("mentions") or [],
        "reply_department_mentions": reply.get("department_mentions") or [],
        "preview_file_id": links["preview"].get(comment_id),
        "project_id": project_id,
        "project_name": project_name,
        "comment_text": comment_text,
        "reply_text": reply_text,
        "created_at": notification.created_at.replace(microsecond=0),
        "read": notification.read,
        "change": notification.change,
        "full_entity_name": full_name,
        "episode_id": episode_id,
        "entity_preview_file_id": entity_preview,
        "subscription_id": subscription_id,
        "playlist_id": notification.playlist_id,
        "playlist_name": playlist_name,
        "playlist_for_entity": playlist_for_entity,
        "playlist_is_for_all": playlist_for_all,
    }


def last_notifications(
    session: Session, actor: Actor, filters: dict[str, Any]
) -> list[dict[str, Any]]:
    """The caller's 100 newest notifications matching the filters, in six queries."""
    for key in ("notification_id", "task_type_id", "task_status_id"):
        filters[key] = _valid_id(key, filters.get(key))
    filters["after"] = _date(filters.get("after"))
    filters["before"] = _date(filters.get("before"))
    rows = list(session.execute(_query(actor, filters)))
    comment_ids = {row[4] for row in rows if row[4] is not None}
    playlist_ids = {row[0].playlist_id for row in rows if row[0].playlist_id is not None}
    entity_ids = {row[8] for row in rows if row[0].playlist_id is None and row[8] is not None}
    context = {
        "links": _comment_links(session, comment_ids),
        "playlists": _playlists(session, playlist_ids),
        "names": full_entity_names(session, entity_ids),
    }
    return [_serialize(row, actor.role == "user", context) for row in rows]


def get_notification(session: Session, actor: Actor, notification_id: str) -> dict[str, Any]:
    found = last_notifications(session, actor, {"notification_id": notification_id})
    if not found:
        raise NotFound()
    return found[0]


def set_read(session: Session, actor: Actor, notification_id: str, read: bool | None) -> Any:
    """Set the read flag of one of the caller's notifications."""
    parsed = parse_uuid(notification_id)
    if parsed is None:
        raise WrongParameter("Malformed ID.")
    row = session.get(Notification, parsed)
    if row is None or row.person_id != actor.person_id:
        raise NotFound()
    row.read = bool(read) if read is not None else row.read
    session.flush()
    data = present(row)
    data["notification_type"] = row.type
    data["type"] = "Notification"
    return data


def mark_all_read(session: Session, actor: Actor) -> None:
    session.execute(
        update(Notification)
        .where(Notification.person_id == actor.person_id, Notification.read.is_(False))
        .values(read=True)
    )
