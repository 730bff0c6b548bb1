"""Boards kept in memory per exact ETag: served again unchanged, rebuilt after any change."""

from __future__ import annotations

import threading
import time
from typing import Any

from reeltrack.wire.body_cache import BodyCache
from tests import factories as f
from tests.routes.assets.production import production

ASSETS = "/data/assets/with-tasks"
SHOTS = "/data/shots/with-tasks"


def _get(caller: Any, count_queries: Any, url: str, **params: str) -> tuple[Any, int]:
    with count_queries() as counter:
        response = caller.get(url, params=params)
    assert response.status_code == 200, response.text
    return response, counter.count


def test_a_repeated_board_is_served_from_memory(admin, db, count_queries, runtime) -> None:
    prod = production(db, nb_assets=3)
    db.commit()
    runtime.boards.clear()
    first, cold = _get(admin, count_queries, ASSETS, project_id=str(prod.project.id))
    again, warm = _get(admin, count_queries, ASSETS, project_id=str(prod.project.id))
    assert again.content == first.content
    assert again.headers["etag"] == first.headers["etag"]
    assert again.headers["content-type"] == "application/json"
    assert warm < cold  # the board's own queries are skipped; auth and the tag remain
    assert len(runtime.boards) == 1


def test_a_change_through_the_api_rebuilds_the_board(admin, db) -> None:
    prod = production(db, nb_assets=2)
    artist = f.make_person(db)
    f.add_to_team(db, prod.project, artist)
    db.commit()
    params = {"project_id": str(prod.project.id)}
    task_id = str(prod.tasks[0].id)
    before = admin.get(ASSETS, params=params)

    assert admin.put(f"/data/tasks/{task_id}", json={"priority": 3}).status_code == 200
    tasks = {t["id"]: t for row in admin.get(ASSETS, params=params).json() for t in row["tasks"]}
    assert tasks[task_id]["priority"] == 3

    response = admin.put(f"/actions/persons/{artist.id}/assign", json={"task_ids": [task_id]})
    assert response.status_code == 200, response.text
    after = admin.get(ASSETS, params=params)
    tasks = {t["id"]: t for row in after.json() for t in row["tasks"]}
    assert tasks[task_id]["assignees"] == [str(artist.id)]
    assert after.headers["etag"] != before.headers["etag"]


def test_each_caller_and_encoding_gets_its_own_body(admin, as_role, db) -> None:
    prod = production(db, nb_assets=1)
    manager = as_role("manager")
    f.add_to_team(db, prod.project, manager.person)
    f.make_subscription(
        db, person_id=manager.person.id, task_id=prod.tasks[0].id, entity_id=prod.assets[0].id
    )
    db.commit()
    params = {"project_id": str(prod.project.id)}
    [mine] = manager.get(ASSETS, params=params).json()
    [theirs] = admin.get(ASSETS, params=params).json()
    assert mine["tasks"][0]["is_subscribed"] is True
    assert theirs["tasks"][0]["is_subscribed"] is False

    packed = manager.get(ASSETS, params={**params, "compact": "true"}).json()
    assert packed["compact"] is True and packed["rows"][0][0] == str(prod.assets[0].id)
    assert manager.get(ASSETS, params=params).json() == [mine]


def test_streamed_boards_are_not_kept(admin, db, runtime) -> None:
    prod = production(db, nb_assets=1)
    db.commit()
    runtime.boards.clear()
    response = admin.get(ASSETS, params={"project_id": str(prod.project.id), "stream": "true"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/x-ndjson")
    assert len(runtime.boards) == 0


def test_shot_boards_are_kept_too(admin, db, count_queries, runtime) -> None:
    prod = production(db, nb_assets=1)
    project = prod.project
    episode = f.make_entity(db, project, type_name="Episode")
    sequence = f.make_entity(db, project, type_name="Sequence", parent_id=episode.id)
    shot = f.make_entity(db, project, type_name="Shot", parent_id=sequence.id, name="SH010")
    f.make_task(db, shot)
    db.commit()
    runtime.boards.clear()
    first, cold = _get(admin, count_queries, SHOTS, project_id=str(project.id))
    again, warm = _get(admin, count_queries, SHOTS, project_id=str(project.id))
    assert [row["name"] for row in again.json()] == ["SH010"]
    assert again.content == first.content and warm < cold
    assets = admin.get(ASSETS, params={"project_id": str(project.id)})
    assert [row["name"] for row in assets.json()] == ["asset000"]
    assert assets.headers["etag"] != first.headers["etag"]


# ---------------------------------------------------------------- the cache itself


def test_the_cache_is_bounded_in_bytes_and_drops_the_least_recent() -> None:
    cache = BodyCache(max_bytes=10)
    cache.put("a", b"aaaa")
    cache.put("b", b"bbbb")
    assert cache.get("a") == b"aaaa"  # "a" is now the most recent
    cache.put("c", b"cccc")
    assert (cache.get("a"), cache.get("b"), cache.get("c")) == (b"aaaa", None, b"cccc")
    assert cache.size == 8
    cache.put("huge", b"x" * 11)
    assert cache.get("huge") is None and len(cache) == 2


def test_a_disabled_cache_builds_every_time() -> None:
    cache = BodyCache(max_bytes=0)
    built = []
    for _ in range(2):
        assert cache.get_or_build("k", lambda: built.append(1) or b"body") == b"body"
    assert len(built) == 2 and len(cache) == 0


def test_concurrent_misses_build_once() -> None:
    cache = BodyCache(max_bytes=1024)
    calls = []
    start = threading.Barrier(6)
    results: list[bytes] = []

    def build() -> bytes:
        calls.append(1)
        time.sleep(0.05)
        return b"board"

    def ask() -> None:
        start.wait()
        results.append(cache.get_or_build("tag", build))

    threads = [threading.Thread(target=ask) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == [b"board"] * 6
    assert len(calls) == 1


# ---------------------------------------------------------------- revision counters


def _revision(db: Any, key: str) -> int | None:
    from reeltrack.models import Revision

    db.commit()  # a new snapshot: SQLite's reader would not see later commits
    row = db.get(Revision, key)
    return None if row is None else row.revision


def test_each_committed_write_moves_its_project_counter_once(admin, db) -> None:
    prod = production(db, nb_assets=1)
    db.commit()
    key, task_id = str(prod.project.id), str(prod.tasks[0].id)
    before = _revision(db, key) or 0
    admin.get(ASSETS, params={"project_id": key})
    assert (_revision(db, key) or 0) == before  # reads move nothing
    refused = admin.put(f"/data/tasks/{task_id}", json={"task_status_id": "not-an-id"})
    assert refused.status_code == 400
    assert (_revision(db, key) or 0) == before  # nor do refused writes
    assert admin.put(f"/data/tasks/{task_id}", json={"priority": 2}).status_code == 200
    assert _revision(db, key) == before + 1


def test_a_subscription_moves_the_callers_own_counter(admin, db) -> None:
    prod = production(db, nb_assets=1)
    db.commit()
    params = {"project_id": str(prod.project.id)}
    task_id = str(prod.tasks[0].id)
    key = f"person:{admin.person.id}"
    assert admin.post(f"/actions/user/tasks/{task_id}/subscribe").status_code == 201
    assert _revision(db, key) == 1
    [row] = admin.get(ASSETS, params=params).json()
    assert row["tasks"][0]["is_subscribed"] is True
    assert admin.delete(f"/actions/user/tasks/{task_id}/unsubscribe").status_code == 204
    assert _revision(db, key) == 2
    [row] = admin.get(ASSETS, params=params).json()
    assert row["tasks"][0]["is_subscribed"] is False
