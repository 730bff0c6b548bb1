"""Events: queued during a request, logged with its transaction, delivered after commit."""

from reeltrack.events.bus import Event, EventBus

__all__ = ["Event", "EventBus"]
