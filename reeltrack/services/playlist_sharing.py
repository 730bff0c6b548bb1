"""Share links of a playlist, invitations to them, and telling clients a playlist is ready."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, insert, select

from reeltrack.auth.passwords import hash_password
from reeltrack.crud.hooks.persons import EMAIL_PATTERN
from reeltrack.services.mail import send_mail
from reeltrack.wire.errors import NotFound, WrongParameter
from reeltrack.wire.present import present

if TYPE_CHECKING:
    from reeltrack.auth.deps import Ctx

SHARE_LINK_NOT_FOUND = "Playlist share link not found"


# ---------------------------------------------------------------- share links


def present_link(link: Any) -> dict[str, Any]:
    """A share link without its password hash, with whether it has one."""
    data = present(link, hidden=("password",))
    data["has_password"] = bool(link.password)
    return data


def expiration(value: str | None) -> dt.datetime | None:
    """A day means its last second; a full timestamp is taken as given (as naive UTC)."""
    if not value:
        return None
    try:
        return dt.datetime.combine(dt.date.fromisoformat(value), dt.time.max)
    except ValueError:
        pass
    try:
        moment = dt.datetime.fromisoformat(value)
    except ValueError:
        raise WrongParameter(f"{value} is not a valid ISO 8601 date") from None
    if moment.tzinfo is not None:
        moment = moment.astimezone(dt.UTC).replace(tzinfo=None)
    return moment


def active_links(ctx: Ctx, playlist_id: uuid.UUID) -> list[dict[str, Any]]:
    from reeltrack.models import PlaylistShareLink as Link

    query = (
        select(Link)
        .where(Link.playlist_id == playlist_id, Link.is_active.is_(True))
        .order_by(Link.created_at, Link.id)
    )
    return [present_link(link) for link in ctx.session.scalars(query)]


def create_link(
    ctx: Ctx,
    playlist_id: uuid.UUID,
    expiration_date: str | None,
    can_comment: bool,
    password: str | None,
) -> dict[str, Any]:
    from reeltrack.models import PlaylistShareLink as Link

    expires = expiration(expiration_date)
    link = Link(
        token=str(uuid.uuid4()),
        playlist_id=playlist_id,
        created_by=ctx.actor.person_id,
        expiration_date=expires,
        can_comment=can_comment,
        is_active=True,
        password=hash_password(password).decode("utf-8") if password else None,
    )
    ctx.session.add(link)
    ctx.session.flush()
    return present_link(link)


def link_of(ctx: Ctx, playlist_id: uuid.UUID, token: str) -> Any:
    """The share link with this token, if it belongs to this playlist (404 otherwise)."""
    from reeltrack.models import PlaylistShareLink as Link

    link = ctx.session.scalars(select(Link).where(Link.token == token)).first()
    if link is None or link.playlist_id != playlist_id:
        raise NotFound(SHARE_LINK_NOT_FOUND)
    return link


def revoke(ctx: Ctx, link: Any) -> dict[str, Any]:
    """Deactivate the link; the row stays."""
    link.is_active = False
    ctx.session.flush()
    return present_link(link)


def _valid_email(value: Any) -> str:
    if not isinstance(value, str) or not EMAIL_PATTERN.match(value.strip()):
        raise WrongParameter(f"{value} is not a valid email address.")
    return value.strip()


def share_url(base_url: str, token: str) -> str:
    return f"{base_url.rstrip('/')}/playlists/shared/{token}"


def invite(
    ctx: Ctx,
    playlist: Any,
    link: Any,
    emails: list[str],
    person_ids: list[uuid.UUID],
    message: str | None,
    base_url: str,
) -> list[str]:
    """Mail the link to addresses and to people's addresses; returns the addresses used."""
    from reeltrack.models import Person, Project

    if not link.is_active:
        raise NotFound(SHARE_LINK_NOT_FOUND)
    recipients: dict[str, str] = {}
    for raw in emails:
        email = _valid_email(raw)
        recipients.setdefault(email.lower(), email)
    if person_ids:
        query = select(Person.id, Person.email).where(Person.id.in_(person_ids))
        found = dict(ctx.session.execute(query).tuples().all())
        for person_id in person_ids:
            address = found.get(person_id)
            if not address:
                continue
            email = _valid_email(address)
            recipients[email.lower()] = email
    author = ctx.session.get(Person, ctx.actor.person_id)
    project = ctx.session.get(Project, playlist.project_id)
    author_name = f"{author.first_name} {author.last_name}".strip() if author else ""
    project_name = project.name if project else ""
    subject = f"Review invitation: {playlist.name} ({project_name})"
    lines = [
        f"{author_name} invites you to review the playlist {playlist.name}"
        f" of the production {project_name}.",
        "",
        f"Open it here: {share_url(base_url, link.token)}",
    ]
    if message:
        lines += ["", message]
    body = "\n".join(lines) + "\n"
    sent = []
    for email in recipients.values():
        send_mail(ctx.runtime.settings, email, subject, body)
        sent.append(email)
    return sent


# ---------------------------------------------------------------- clients


def _playlist_url(base_url: str, playlist: Any, project: Any, episode: Any) -> str:
    url = f"{base_url.rstrip('/')}/productions/{playlist.project_id}/"
    if episode is not None:
        return url + f"episodes/{episode.id}/playlists/{playlist.id}"
    if project.production_type == "tvshow" and playlist.for_entity == "asset":
        part = "all" if playlist.is_for_all else "main"
        return url + f"episodes/{part}/playlists/{playlist.id}"
    return url + f"playlists/{playlist.id}"


def notify_clients(
    ctx: Ctx,
    playlist: Any,
    studio_id: uuid.UUID | None,
    department_id: uuid.UUID | None,
    base_url: str,
) -> None:
    """A playlist-ready notification (and a mail) for each client of the project's team."""
    from reeltrack.models import (
        Entity,
        EntityType,
        Notification,
        Person,
        Project,
        department_link,
        project_person_link,
    )

    link = project_person_link.c
    query = (
        select(Person)
        .join(project_person_link, link.person_id == Person.id)
        .where(
            link.project_id == playlist.project_id,
            Person.is_bot.is_not(True),
            Person.preview_project_id.is_(None),
            func.coalesce(link.role, Person.role) == "client",
        )
        .order_by(Person.id)
    )
    if studio_id is not None:
        query = query.where(Person.studio_id == studio_id)
    if department_id is not None:
        departments = department_link.c
        in_department = select(departments.person_id).where(
            departments.department_id == department_id
        )
        query = query.where(Person.id.in_(in_department))
    clients = list(ctx.session.scalars(query))
    if not clients:
        return
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)
    rows = [
        {
            "id": uuid.uuid4(),
            "person_id": client.id,
            "author_id": ctx.actor.person_id,
            "playlist_id": playlist.id,
            "type": "playlist-ready",
            "read": False,
            "change": False,
            "created_at": now,
            "updated_at": now,
        }
        for client in clients
    ]
    ctx.session.execute(insert(Notification), rows)
    project = ctx.session.get(Project, playlist.project_id)
    episode = None
    if playlist.episode_id is not None:
        episode = ctx.session.scalars(
            select(Entity)
            .join(EntityType, EntityType.id == Entity.entity_type_id)
            .where(Entity.id == playlist.episode_id, EntityType.name == "Episode")
        ).first()
    author = ctx.session.get(Person, ctx.actor.person_id)
    author_name = f"{author.first_name} {author.last_name}".strip() if author else ""
    project_name = project.name if project else ""
    url = _playlist_url(base_url, playlist, project, episode) if project else ""
    where = f" (episode {episode.name})" if episode is not None else ""
    subject = f"Playlist {playlist.name} ready for review in {project_name}"
    body = (
        f"{author_name} has made the playlist {playlist.name}{where}"
        f" of {project_name} ready for your review:\n{url}\n"
    )
    for client, row in zip(clients, rows, strict=True):
        if client.notifications_enabled:
            send_mail(ctx.runtime.settings, client.email, subject, body)
        ctx.uow.emit(
            "notification:new",
            {"notification_id": row["id"], "person_id": client.id},
            playlist.project_id,
        )
