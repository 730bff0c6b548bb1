"""The after-commit event bus."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Event:
    """One Zou event, e.g. `project:new` with `{"project_id": ...}`."""

    name: str
    data: dict[str, Any]
    project_id: uuid.UUID | None = None
    user_id: uuid.UUID | None = None
    id: uuid.UUID = field(default_factory=uuid.uuid4)


Subscriber = Callable[[Event], None]


class EventBus:
    """Fans committed events out to subscribers (Socket.IO, tests, ...)."""

    def __init__(self) -> None:
        self._subscribers: list[Subscriber] = []

    def subscribe(self, subscriber: Subscriber) -> Callable[[], None]:
        self._subscribers.append(subscriber)
        return lambda: self._subscribers.remove(subscriber)

    def publish(self, events: list[Event]) -> None:
        for event in events:
            for subscriber in list(self._subscribers):
                try:
                    subscriber(event)
                except Exception:  # a broken listener must not fail a committed request
                    log.exception("event subscriber failed for %s", event.name)
