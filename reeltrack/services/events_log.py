"""Reading the event log and the login log, as Zou's `events` blueprint answers."""

from __future__ import annotations

import datetime as dt
import re
import uuid
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from sqlalchemy import Select, false, or_, select
from sqlalchemy.orm import Session

from reeltrack.auth.actor import Actor
from reeltrack.models import ApiEvent, LoginLog
from reeltrack.services.task_common import parse_date_arg
from reeltrack.wire.errors import Forbidden, WrongParameter

Args = Mapping[str, Sequence[str]]

DEFAULT_LIMIT = 100
MAX_LIMIT = 1000
MANAGER_ROLES = ("admin", "manager")
# The events whose data names a stored file (a preview or a thumbnail).
FILE_EVENTS = (
    "preview-file:add-file",
    "organisation:set-thumbnail",
    "person:set-thumbnail",
    "project:set-thumbnail",
)
# Zou only takes the dashed, 36-character spelling of an id.
STRICT_ID = re.compile(r"[0-9a-fA-F]{8}(-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}")
# Name filters become LIKE patterns: only lowercase words, digits and dashes, so no wildcard.
NAME_PART = re.compile(r"[a-z0-9-]+")

EVENT_COLUMNS: tuple[Any, ...] = (
    ApiEvent.id,
    ApiEvent.created_at,
    ApiEvent.name,
    ApiEvent.user_id,
    ApiEvent.project_id,
    ApiEvent.data,
)
LOGIN_COLUMNS: tuple[Any, ...] = (
    LoginLog.id,
    LoginLog.created_at,
    LoginLog.ip_address,
    LoginLog.person_id,
    LoginLog.origin,
)


def _first(args: Args, name: str) -> str | None:
    """The first value of a query parameter, as Zou reads a single-valued one."""
    values = args.get(name)
    return values[0] if values else None


def _id(value: str | None, message: str) -> uuid.UUID | None:
    if value is None:
        return None
    if not STRICT_ID.fullmatch(value):
        raise WrongParameter(message)
    return uuid.UUID(value)


def _limit(args: Args) -> int:
    raw = _first(args, "limit")
    if raw is None:
        return DEFAULT_LIMIT
    try:
        limit = int(raw)
    except ValueError:
        raise WrongParameter("Wrong value for parameter limit.") from None
    if limit < 0:
        # Zou hands a negative limit to the database, which fails; refuse it up front.
        raise WrongParameter("The limit parameter must be a positive integer.")
    return min(limit, MAX_LIMIT)


def _person_ids(args: Args) -> list[uuid.UUID]:
    message = "The person_ids parameter contains an invalid id"
    return [_id(value, message) for value in args.get("person_ids", ())]  # type: ignore[misc]


def _name_parts(args: Args, name: str) -> list[str]:
    values = list(args.get(name, ()))
    for value in values:
        if not NAME_PART.fullmatch(value):
            raise WrongParameter(f"The {name} parameter contains an invalid value")
    return values


def _stamp(value: dt.datetime | None) -> str | None:
    """A datetime as Zou writes it: naive UTC, to the second."""
    if value is None:
        return None
    if value.tzinfo is not None:
        value = value.astimezone(dt.UTC).replace(tzinfo=None)
    return value.replace(microsecond=0).isoformat()


def _text(value: Any) -> str | None:
    return None if value is None else str(value)


def _dated(query: Select[Any], column: Any, after: Any, before: Any) -> Select[Any]:
    if after is not None:
        query = query.where(column > after)
    if before is not None:
        query = query.where(column < before)
    return query


def _events_role(actor: Actor, project_id: uuid.UUID | None) -> str | None:
    """The role the manager check reads: the project's one when a project is asked for.

    An unknown project is denied like a foreign one: no team there, so the global role.
    """
    if project_id is None or actor.role in MANAGER_ROLES:
        return actor.role
    return actor.role_in(project_id) or actor.role


def last_events(session: Session, actor: Actor, args: Args) -> list[dict[str, Any]]:
    """The newest events, filtered; managers only see their projects' events."""
    limit = _limit(args)
    project_id = _id(_first(args, "project_id"), "The project_id parameter is not a valid id")
    if _events_role(actor, project_id) not in MANAGER_ROLES:
        raise Forbidden()
    before = parse_date_arg(_first(args, "before"))
    after = parse_date_arg(_first(args, "after"))
    raw_cursor = _first(args, "cursor_event_id")
    cursor_id = _id(raw_cursor, "The cursor_event_id parameter is not a valid id")
    query = _dated(select(*EVENT_COLUMNS), ApiEvent.created_at, after, before)
    if not actor.is_admin:
        # Scoped to the caller's teams; events without a project never match an IN.
        if project_id is not None and project_id not in actor.project_ids:
            raise Forbidden()
        query = query.where(ApiEvent.project_id.in_(actor.project_ids))
    if _first(args, "only_files") == "true":
        query = query.where(ApiEvent.name.in_(FILE_EVENTS))
    if project_id is not None:
        query = query.where(ApiEvent.project_id == project_id)
    query = _named(query, args)
    rows = _newest(session, query, ApiEvent, (cursor_id, raw_cursor, "event"), limit)
    return [_event(row) for row in rows]


def _newest(
    session: Session,
    query: Select[Any],
    model: Any,
    cursor: tuple[uuid.UUID | None, str | None, str],
    limit: int,
) -> Any:
    """The newest rows, older than the cursor row (id, as sent, what it is) when given."""
    cursor_id, raw, what = cursor
    if cursor_id is not None:
        row = session.get(model, cursor_id)
        if row is None:
            raise WrongParameter(f"No {what} found with id: {raw}")
        query = query.where(model.created_at < row.created_at)
    return session.execute(query.order_by(model.created_at.desc(), model.id.desc()).limit(limit))


def _named(query: Select[Any], args: Args) -> Select[Any]:
    """The author, exact name, object (prefix) and action (suffix) filters."""
    person_ids = _person_ids(args)
    if person_ids:
        query = query.where(ApiEvent.user_id.in_(person_ids))
    name = _first(args, "name")
    if name is not None:
        # No stored name holds a NUL, and PostgreSQL refuses one in a parameter.
        query = query.where(ApiEvent.name == name) if "\x00" not in name else query.where(false())
    prefixes = _name_parts(args, "name_prefixes")
    if prefixes:
        query = query.where(or_(*(ApiEvent.name.like(f"{part}:%") for part in prefixes)))
    suffixes = _name_parts(args, "name_suffixes")
    if suffixes:
        query = query.where(or_(*(ApiEvent.name.like(f"%:{part}") for part in suffixes)))
    return query


def _event(row: Any) -> dict[str, Any]:
    event_id, created_at, name, user_id, project_id, data = row
    return {
        "id": str(event_id),
        "created_at": _stamp(created_at),
        "name": name,
        "user_id": _text(user_id),
        "project_id": _text(project_id),
        "data": data,
    }


def last_login_logs(session: Session, actor: Actor, args: Args) -> list[dict[str, Any]]:
    """The newest logins of the studio (admins only), filtered."""
    limit = _limit(args)
    if not actor.is_admin:
        raise Forbidden()
    before = parse_date_arg(_first(args, "before"))
    after = parse_date_arg(_first(args, "after"))
    raw_cursor = _first(args, "cursor_login_log_id")
    cursor_id = _id(raw_cursor, "The cursor_login_log_id parameter is not a valid id")
    query: Select[Any] = select(*LOGIN_COLUMNS)
    person_ids = _person_ids(args)
    if person_ids:
        query = query.where(LoginLog.person_id.in_(person_ids))
    query = _dated(query, LoginLog.created_at, after, before)
    rows = _newest(session, query, LoginLog, (cursor_id, raw_cursor, "login log"), limit)
    return [_login(row) for row in rows]


def _login(row: Any) -> dict[str, Any]:
    log_id, created_at, ip_address, person_id, origin = row
    return {
        "id": str(log_id),
        "created_at": _stamp(created_at),
        "ip_address": ip_address,
        "person_id": str(person_id),
        "origin": origin,
    }


def event_names(session: Session, actor: Actor) -> list[str]:
    """Every distinct event name in the log, sorted (the same for every manager)."""
    if actor.role not in MANAGER_ROLES:
        raise Forbidden()
    names: Iterable[str] = session.scalars(select(ApiEvent.name).distinct())
    return sorted(names)
