"""The request's unit of work: one session, one commit, events after commit."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import insert
from sqlalchemy.orm import Session

from reeltrack.db import revisions
from reeltrack.events.bus import Event, EventBus


def _json_safe(value: Any) -> Any:
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, dict):
        return {k: _json_safe(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_json_safe(v) for v in value]
    return value


class UnitOfWork:
    """Holds the session and the events of one request."""

    def __init__(self, session: Session, bus: EventBus) -> None:
        self.session = session
        self.bus = bus
        self.events: list[Event] = []
        self.user_id: uuid.UUID | None = None

    def emit(self, name: str, data: dict[str, Any], project_id: Any = None) -> None:
        """Queue an event; it is logged in this transaction and sent after commit."""
        project = uuid.UUID(str(project_id)) if project_id else None
        payload = _json_safe(data)
        if project is not None:
            payload["project_id"] = str(project)
        self.events.append(Event(name, payload, project, self.user_id))
        revisions.touch(self.session, project)

    def commit(self) -> None:
        """Write the event log rows, commit, then deliver the events."""
        from reeltrack.models import ApiEvent

        if self.events:
            self.session.execute(
                insert(ApiEvent),
                [
                    {
                        "id": e.id,
                        "name": e.name,
                        "data": e.data,
                        "project_id": e.project_id,
                        "user_id": e.user_id,
                    }
                    for e in self.events
                ],
            )
        revisions.bump(self.session)
        self.session.commit()
        events, self.events = self.events, []
        self.bus.publish(events)

    def rollback(self) -> None:
        self.events = []
        revisions.forget(self.session)
        self.session.rollback()

    def close(self) -> None:
        self.session.close()
