"""Concurrent writes through a real server: each one lands, none gets a 5xx.

On SQLite a write request takes the write lock when its transaction begins; a deferred
transaction that read first would fail at once ("database is locked") when another
request committed in between.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import httpx
from sqlalchemy import func, select

from reeltrack.models import Comment, TaskType
from tests import factories


def _headers(runtime, person) -> dict[str, str]:
    token, _ = runtime.tokens.issue(person.id)
    return {"Authorization": f"Bearer {token}"}


def test_concurrent_creates_and_comments_all_land(live_url, runtime, db):
    admin = factories.make_person(db, role="admin")
    project = factories.make_project(db)
    factories.add_to_team(db, project, admin)
    status = factories.make_task_status(db)
    tasks = [factories.make_task(db, factories.make_entity(db, project)) for _ in range(4)]
    db.commit()
    headers = _headers(runtime, admin)

    def create(index: int) -> int:
        with httpx.Client(base_url=live_url, headers=headers, timeout=60) as client:
            made = client.post("/data/task-types", json={"name": f"Concurrent {index}"})
            task = tasks[index % len(tasks)]
            body = {"task_status_id": str(status.id), "comment": f"note {index}"}
            posted = client.post(f"/actions/tasks/{task.id}/comment", json=body)
            return max(made.status_code, posted.status_code)

    with ThreadPoolExecutor(max_workers=8) as pool:
        codes = list(pool.map(create, range(24)))

    assert all(code in (200, 201) for code in codes), codes
    db.rollback()
    made = select(func.count()).select_from(TaskType).where(TaskType.name.like("Concurrent %"))
    assert db.scalar(made) == 24
    ids = [task.id for task in tasks]
    assert db.scalar(select(func.count()).where(Comment.object_id.in_(ids))) == 24
