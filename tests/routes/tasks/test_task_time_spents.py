"""Time spent on a task per person and day."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from sqlalchemy import select

from reeltrack.models import Person, Task, TimeSpent
from tests import factories as f
from tests.routes.tasks.helpers import events, fresh, member

URL = "/actions/tasks/{}/time-spents/{}/persons/{}"


def _duration(db, task) -> float:
    fresh(db)
    return db.get(Task, task.id).duration


def test_set_add_and_delete_keep_the_task_duration(as_role, db) -> None:
    project = f.make_project(db)
    artist = member(as_role, db, "user", project)
    task = f.make_task(db, f.make_entity(db, project), assignees=[artist.person])
    db.commit()
    url = URL.format(task.id, "2026-03-02", artist.person.id)

    created = artist.post(url, json={"duration": 60})
    replaced = artist.post(url, json={"duration": 90})
    added = artist.post(url + "/add", json={"duration": 30})

    assert created.status_code == replaced.status_code == added.status_code == 201
    row = added.json()
    assert row["type"] == "TimeSpent"
    assert row["date"] == "2026-03-02"
    assert row["duration"] == 120
    assert row["person_id"] == str(artist.person.id)
    assert _duration(db, task) == 120
    assert db.get(Person, artist.person.id).last_presence is not None
    other_day = artist.post(
        URL.format(task.id, "2026-03-03", artist.person.id) + "/add", json={"duration": 15}
    )
    assert other_day.json()["duration"] == 15
    assert _duration(db, task) == 135
    assert len(events(db, "time-spent:new")) == 2
    assert len(events(db, "time-spent:update")) == 2

    deleted = artist.delete(url)
    assert deleted.status_code == 201
    assert deleted.json()["duration"] == 0
    assert _duration(db, task) == 15
    assert len(events(db, "time-spent:delete")) == 1
    assert artist.delete(url).status_code == 404


def test_lists_by_person_with_total(as_role, db) -> None:
    project = f.make_project(db)
    viewer = member(as_role, db, "user", project)
    first, second = f.make_person(db), f.make_person(db)
    task = f.make_task(db, f.make_entity(db, project))
    day = dt.date(2026, 3, 2)
    f.make_time_spent(db, task_id=task.id, person_id=first.id, date=day, duration=60)
    f.make_time_spent(db, task_id=task.id, person_id=second.id, date=day, duration=30)
    f.make_time_spent(
        db, task_id=task.id, person_id=first.id, date=dt.date(2026, 3, 3), duration=10
    )
    db.commit()

    everything = viewer.get(f"/actions/tasks/{task.id}/time-spents").json()
    one_day = viewer.get(f"/actions/tasks/{task.id}/time-spents/2026-03-02").json()

    assert everything["total"] == 100
    assert [r["duration"] for r in everything[str(first.id)]] == [60, 10]
    assert one_day["total"] == 90
    assert set(one_day) == {"total", str(first.id), str(second.id)}
    assert viewer.get(f"/actions/tasks/{task.id}/time-spents/2026-13-45").status_code == 400
    assert viewer.get(f"/actions/tasks/{uuid.uuid4()}/time-spents").status_code == 404
    assert as_role("user").get(f"/actions/tasks/{task.id}/time-spents").status_code == 403


@pytest.mark.parametrize(
    ("role", "status"),
    [("admin", 201), ("manager", 201), ("supervisor", 403), ("user", 403), ("client", 403)],
)
def test_only_admins_and_managers_log_time_for_others(as_role, db, role, status) -> None:
    project = f.make_project(db)
    caller = member(as_role, db, role, project)
    artist = f.make_person(db)
    task = f.make_task(db, f.make_entity(db, project), assignees=[artist])
    db.commit()

    response = caller.post(URL.format(task.id, "2026-03-02", artist.id), json={"duration": 10})

    assert response.status_code == status


def test_time_goes_only_to_assignees_and_bad_input_is_refused(admin, db) -> None:
    project = f.make_project(db)
    artist, stranger = f.make_person(db), f.make_person(db)
    bot = f.make_person(db, is_bot=True)
    task = f.make_task(db, f.make_entity(db, project), assignees=[artist, bot])
    db.commit()

    assert (
        admin.post(URL.format(task.id, "2026-03-02", stranger.id), json={"duration": 5}).status_code
        == 403
    )
    assert (
        admin.post(URL.format(task.id, "2026-03-02", bot.id), json={"duration": 5}).status_code
        == 403
    )
    for body in ({"duration": 0}, {"duration": -3}, {"duration": "x"}, {}):
        assert (
            admin.post(URL.format(task.id, "2026-03-02", artist.id), json=body).status_code == 400
        )
    assert (
        admin.post(URL.format(task.id, "02-03-2026", artist.id), json={"duration": 5}).status_code
        == 400
    )
    assert (
        admin.post(
            URL.format(task.id, "2026-03-02", uuid.uuid4()), json={"duration": 5}
        ).status_code
        == 404
    )
    assert (
        admin.post(URL.format("bad", "2026-03-02", artist.id), json={"duration": 5}).status_code
        == 400
    )
    assert (
        admin.post(
            URL.format(uuid.uuid4(), "2026-03-02", artist.id), json={"duration": 5}
        ).status_code
        == 404
    )
    assert db.scalars(select(TimeSpent)).first() is None


def test_bots_log_time_when_the_project_allows_it(admin, db) -> None:
    project = f.make_project(db, is_bot_collaboration_enabled=True)
    bot = f.make_person(db, is_bot=True)
    task = f.make_task(db, f.make_entity(db, project), assignees=[bot])
    db.commit()

    response = admin.post(URL.format(task.id, "2026-03-02", bot.id), json={"duration": 5})

    assert response.status_code == 201


def test_a_day_holds_at_most_24_hours_across_tasks_and_a_refusal_changes_nothing(
    as_role, db
) -> None:
    project = f.make_project(db)
    artist = member(as_role, db, "user", project)
    first = f.make_task(db, f.make_entity(db, project), assignees=[artist.person])
    second = f.make_task(db, f.make_entity(db, project), assignees=[artist.person])
    db.commit()
    day = "2026-03-02"
    on_first = URL.format(first.id, day, artist.person.id)
    on_second = URL.format(second.id, day, artist.person.id)

    assert artist.post(on_first, json={"duration": 1000}).status_code == 201
    assert artist.post(on_second, json={"duration": 440}).status_code == 201
    over = artist.post(on_second + "/add", json={"duration": 1})
    assert over.status_code == 400
    assert over.json()["error"] is True and "1440" in over.json()["message"]
    assert artist.post(on_second, json={"duration": 441}).status_code == 400
    assert _duration(db, second) == 440
    # Replacing a day's value on the same task only counts the other tasks.
    assert artist.post(on_first, json={"duration": 1000}).status_code == 201
    assert artist.post(on_first, json={"duration": 1001}).status_code == 400
    # Another day is a fresh day.
    other_day = URL.format(second.id, "2026-03-03", artist.person.id)
    assert artist.post(other_day, json={"duration": 1440}).status_code == 201
