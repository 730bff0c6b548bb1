"""A production's casting links for synchronisation: plain, paginated or after a cursor."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from reeltrack.models import Entity, EntityLink
from reeltrack.wire.errors import WrongParameter
from reeltrack.wire.paging import envelope
from reeltrack.wire.present import present

# Bound on SQL LIMIT/OFFSET values, so a huge query parameter never overflows the database.
MAX_SQL_INT = 2**31 - 1
CURSOR_FORMAT = "%Y-%m-%dT%H:%M:%S.%f"


def _project_links(project_id: uuid.UUID) -> Select[Any]:
    return (
        select(EntityLink)
        .join(Entity, Entity.id == EntityLink.entity_in_id)
        .where(Entity.project_id == project_id)
    )


def _total(session: Session, query: Select[Any]) -> int:
    return int(session.scalar(select(func.count()).select_from(query.subquery())) or 0)


def _precise(value: datetime | None) -> str | None:
    return None if value is None else value.isoformat(timespec="microseconds")


def _plain(link: EntityLink) -> dict[str, Any]:
    return {
        "id": str(link.id),
        "entity_in_id": str(link.entity_in_id),
        "entity_out_id": str(link.entity_out_id),
        "nb_occurences": link.nb_occurences,
        "label": link.label,
        "data": link.data,
        "created_at": _precise(link.created_at),
        "type": "EntityLink",
    }


def parse_cursor(value: str) -> datetime:
    try:
        return datetime.strptime(value, CURSOR_FORMAT)
    except ValueError:
        message = "cursor_created_at must be a date like 2024-01-31T12:00:00.000000."
        raise WrongParameter(message) from None


def _page(session: Session, query: Select[Any], page: int, size: int) -> dict[str, Any]:
    """Zou's page envelope; a page past the end has no data but the real total."""
    total = _total(session, query)
    offset = (page - 1) * size
    data: list[dict[str, Any]] = []
    if offset <= total:
        ordered = query.order_by(EntityLink.created_at, EntityLink.id)
        rows = session.scalars(ordered.limit(min(size, MAX_SQL_INT)).offset(offset))
        data = [present(row) for row in rows]
    return envelope(data, total, page, size)


def _after(session: Session, query: Select[Any], cursor: datetime, size: int) -> dict[str, Any]:
    """The links created after the cursor, dates with microseconds so they can be sent back."""
    total = _total(session, query)
    after = (
        query.where(EntityLink.created_at > cursor)
        .order_by(EntityLink.created_at, EntityLink.updated_at, EntityLink.id)
        .limit(min(size, MAX_SQL_INT))
    )
    data = []
    for row in session.scalars(after):
        item = present(row)
        item["created_at"] = _precise(row.created_at)
        item["updated_at"] = _precise(row.updated_at)
        data.append(item)
    return {"data": data, "total": total, "limit": size}


def project_links(
    session: Session,
    project_id: uuid.UUID,
    page: int,
    limit: int,
    cursor: datetime | None,
    per_page: int,
) -> Any:
    """Zou's three answers: a page envelope, a cursor envelope, or every link."""
    query = _project_links(project_id)
    size = limit if limit > 0 else per_page
    if page > 0:
        return _page(session, query, page, size)
    if cursor is not None:
        return _after(session, query, cursor, size)
    ordered = query.order_by(EntityLink.created_at, EntityLink.id)
    if limit > 0:
        ordered = ordered.limit(min(limit, MAX_SQL_INT))
    return [_plain(link) for link in session.scalars(ordered)]
