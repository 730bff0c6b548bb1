"""Helpers shared by the comment tests."""

from __future__ import annotations

from typing import Any

from tests import factories


def assign(db: Any, task: Any, person: Any) -> None:
    from reeltrack.models import task_person_link

    db.execute(task_person_link.insert().values(task_id=task.id, person_id=person.id))


def fresh(db: Any) -> None:
    """End the test session's read snapshot so the server's writes are seen (SQLite WAL)."""
    db.commit()
    db.expire_all()


def task_row(db: Any, task_id: Any) -> Any:
    """A fresh copy of the task row."""
    from reeltrack.models import Task

    fresh(db)
    return db.get(Task, task_id)


def events_named(db: Any, name: str) -> list[dict[str, Any]]:
    from sqlalchemy import select

    from reeltrack.models import ApiEvent

    fresh(db)
    return [e.data for e in db.scalars(select(ApiEvent).where(ApiEvent.name == name))]


def make_statuses(db: Any) -> dict[str, Any]:
    """The usual statuses; one artists may not use, one clients may use."""
    make = factories.make_task_status
    return {
        "todo": make(db, name="Todo", short_name="todo", is_default=True),
        "wip": make(db, name="WIP", short_name="wip", is_wip=True),
        "retake": make(db, name="Retake", short_name="retake", is_retake=True),
        "wfa": make(db, name="WFA", short_name="wfa", is_feedback_request=True),
        "done": make(db, name="Done", short_name="done", is_done=True, is_artist_allowed=False),
        "manager_only": make(
            db, name="Approved", short_name="app", is_artist_allowed=False, is_client_allowed=False
        ),
        "client_ok": make(db, name="Client OK", short_name="cok", is_client_allowed=True),
    }
