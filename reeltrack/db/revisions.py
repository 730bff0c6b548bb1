"""Revision counters: what lets a cached answer know, exactly, that nothing has changed.

A write marks the keys it touches: the project of each event it emits (`*` for events
without a project, such as a person or a type changing), or a caller's own key for
changes only that caller sees (subscriptions). At commit, in the same transaction, each
touched counter moves by one. Timestamps cannot do this job: they are stored to the
second, and a transaction may commit after another one that started later.
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy.orm import Session

from reeltrack.db.upsert import dialect_insert

GLOBAL = "*"
_TOUCHED = "reeltrack.touched"


def person_key(person_id: Any) -> str:
    return f"person:{person_id}"


def touch(session: Session, key: Any = None) -> None:
    """Mark a key (a project id, a `person_key`, or None for every project) as changed."""
    session.info.setdefault(_TOUCHED, set()).add(str(key) if key else GLOBAL)


def forget(session: Session) -> None:
    session.info.pop(_TOUCHED, None)


def bump(session: Session) -> None:
    """Move every touched counter by one, inside the session's transaction."""
    from reeltrack.models import Revision

    keys = sorted(session.info.pop(_TOUCHED, ()))  # one order: no deadlock between writers
    if not keys:
        return
    insert = dialect_insert(session.get_bind().dialect.name)
    stmt = insert(Revision).values([{"key": key, "revision": 1} for key in keys])
    stmt = stmt.on_conflict_do_update(
        index_elements=[Revision.key], set_={"revision": Revision.revision + 1}
    )
    session.execute(stmt)


def project_keys(project_id: uuid.UUID, person_id: uuid.UUID) -> list[str]:
    """The counters a board of this project, seen by this person, depends on."""
    return [str(project_id), GLOBAL, person_key(person_id)]
