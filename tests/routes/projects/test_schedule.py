"""A production's schedule items, milestones, time spents and its team's day offs."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest

from reeltrack.models import project_person_link
from tests import factories
from tests.crud.support import assert_error, assert_forbidden, sid

D = dt.date


@pytest.fixture()
def project(db):
    project = factories.make_project(db)
    db.commit()
    return project


def member(as_role, db, project, role, link_role=None):
    caller = as_role(role)
    db.execute(
        project_person_link.insert().values(
            project_id=project.id, person_id=caller.person.id, role=link_role
        )
    )
    db.commit()
    return caller


def base(project) -> str:
    return f"/data/projects/{sid(project)}"


# ---------------------------------------------------------------- schedule items


def test_members_read_the_schedule_items_of_the_project(as_role, db, project):
    item = factories.make_schedule_item(db, project_id=project.id)
    factories.make_schedule_item(db)  # another project
    db.commit()
    artist = member(as_role, db, project, "user")
    rows = artist.get(f"{base(project)}/schedule-items").json()
    assert [(r["id"], r["type"], r["start_date"]) for r in rows] == [
        (sid(item), "ScheduleItem", "2030-01-01")
    ]


@pytest.mark.parametrize("role", ("client", "vendor"))
def test_clients_and_vendors_cannot_read_schedule_items(as_role, db, project, role):
    assert_forbidden(member(as_role, db, project, role).get(f"{base(project)}/schedule-items"))


def test_a_project_role_blocks_like_a_global_one(as_role, db, project):
    demoted = member(as_role, db, project, "manager", link_role="client")
    assert_forbidden(demoted.get(f"{base(project)}/schedule-items"))


def test_outsiders_and_bad_ids(as_role, admin, project):
    assert_forbidden(as_role("manager").get(f"{base(project)}/schedule-items"))
    assert_error(admin.get("/data/projects/bad/milestones"), 400, "Malformed ID.")
    assert_error(admin.get(f"/data/projects/{uuid.uuid4()}/milestones"), 404)


def test_schedule_items_run_a_fixed_number_of_queries(admin, db, project, count_queries):
    def build(count: int) -> int:
        for _ in range(count):
            factories.make_schedule_item(db, project_id=project.id)
        db.commit()
        with count_queries() as counter:
            admin.get(f"{base(project)}/schedule-items")
        return counter.count

    assert build(3) == build(30)


# ---------------------------------------------------------------- milestones


@pytest.mark.parametrize("role", ("user", "vendor", "supervisor"))
def test_members_but_clients_read_milestones_in_short_form(as_role, db, project, role):
    milestone = factories.make_milestone(db, project_id=project.id, name="Delivery")
    factories.make_milestone(db)
    db.commit()
    rows = member(as_role, db, project, role).get(f"{base(project)}/milestones").json()
    assert rows == [
        {
            "id": sid(milestone),
            "date": "2030-03-01",
            "name": "Delivery",
            "project_id": sid(project),
            "task_type_id": None,
        }
    ]


def test_clients_cannot_read_milestones(as_role, db, project):
    assert_forbidden(member(as_role, db, project, "client").get(f"{base(project)}/milestones"))


# ---------------------------------------------------------------- time spents


def test_time_spents_of_the_project_tasks(as_role, db, project):
    task = factories.make_bare_task(db, project_id=project.id)
    spent = factories.make_time_spent(db, task_id=task.id, duration=120.0)
    factories.make_time_spent(db)  # another project
    db.commit()
    vendor = member(as_role, db, project, "vendor")
    rows = vendor.get(f"{base(project)}/time-spents").json()
    assert [(r["id"], r["type"], r["duration"]) for r in rows] == [(sid(spent), "TimeSpent", 120.0)]
    assert_forbidden(member(as_role, db, project, "client").get(f"{base(project)}/time-spents"))


# ---------------------------------------------------------------- day offs


@pytest.fixture()
def leave(db, project):
    artist = factories.make_person(db, role="user")
    factories.add_to_team(db, project, artist)
    jan = factories.make_day_off(
        db, person_id=artist.id, date=D(2031, 1, 5), end_date=D(2031, 1, 9)
    )
    feb = factories.make_day_off(
        db, person_id=artist.id, date=D(2031, 2, 1), end_date=D(2031, 2, 2)
    )
    factories.make_day_off(db, date=D(2031, 1, 6), end_date=D(2031, 1, 6))  # not in the team
    db.commit()
    return artist, jan, feb


def test_a_manager_reads_team_day_offs_with_descriptions(as_role, db, project, leave):
    artist, jan, feb = leave
    manager = member(as_role, db, project, "manager")
    body = manager.get(f"{base(project)}/day-offs").json()
    assert list(body) == [sid(artist)]
    assert [row["id"] for row in body[sid(artist)]] == [sid(jan), sid(feb)]
    assert body[sid(artist)][0]["description"] == "Holidays"


def test_day_offs_are_filtered_by_overlap(admin, project, leave):
    artist, jan, feb = leave
    params = {"start_date": "2031-01-08", "end_date": "2031-01-31"}
    body = admin.get(f"{base(project)}/day-offs", params=params).json()
    assert [row["id"] for row in body[sid(artist)]] == [sid(jan)]
    body = admin.get(f"{base(project)}/day-offs", params={"start_date": "2031-01-10"}).json()
    assert [row["id"] for row in body[sid(artist)]] == [sid(feb)]


def test_an_artist_reads_descriptions_of_their_own_day_offs_only(as_role, db, project, leave):
    artist, _, _ = leave
    caller = member(as_role, db, project, "user")
    own = factories.make_day_off(db, person_id=caller.person.id)
    db.commit()
    body = caller.get(f"{base(project)}/day-offs").json()
    assert all("description" not in row for row in body[sid(artist)])
    assert [row["description"] for row in body[sid(caller.person)]] == ["Holidays"]
    assert own.id is not None


@pytest.mark.parametrize("role", ("client", "vendor"))
def test_clients_and_vendors_cannot_read_day_offs(as_role, db, project, role):
    assert_forbidden(member(as_role, db, project, role).get(f"{base(project)}/day-offs"))


@pytest.mark.parametrize("value", ["2026-13-45", "soon"])
def test_bad_dates_are_refused(admin, project, value):
    response = admin.get(f"{base(project)}/day-offs", params={"start_date": value})
    assert_error(response, 400, f"Wrong date format for {value} and/or None")


# ---------------------------------------------------------------- task type time spents


def test_a_manager_reads_task_type_time_spents_by_person(as_role, db, project):
    manager = member(as_role, db, project, "manager")
    task_type = factories.make_task_type(db)
    task = factories.make_bare_task(db, project_id=project.id, task_type_id=task_type.id)
    other_task = factories.make_bare_task(db, project_id=project.id)
    person = factories.make_person(db)
    early = factories.make_time_spent(db, task_id=task.id, person_id=person.id, date=D(2030, 1, 2))
    late = factories.make_time_spent(db, task_id=task.id, person_id=person.id, date=D(2030, 1, 9))
    factories.make_time_spent(db, task_id=other_task.id, person_id=person.id, date=D(2030, 1, 3))
    db.commit()
    target = f"{base(project)}/task-types/{sid(task_type)}/time-spents"
    body = manager.get(target).json()
    assert [row["id"] for row in body[sid(person)]] == [sid(late), sid(early)]
    ranged = manager.get(target, params={"start_date": "2030-01-01", "end_date": "2030-01-05"})
    assert [row["id"] for row in ranged.json()[sid(person)]] == [sid(early)]
    bad = manager.get(target, params={"end_date": "2030-02-31"})
    assert_error(bad, 400, "Wrong date format for None and/or 2030-02-31")
    assert_error(manager.get(f"{base(project)}/task-types/bad/time-spents"), 400, "Malformed ID.")


@pytest.mark.parametrize("role", ("supervisor", "user", "client", "vendor"))
def test_only_managers_read_task_type_time_spents(as_role, db, project, role):
    task_type = factories.make_task_type(db)
    db.commit()
    caller = member(as_role, db, project, role)
    assert_forbidden(caller.get(f"{base(project)}/task-types/{sid(task_type)}/time-spents"))


# ---------------------------------------------------------------- task type schedule items


def test_task_type_schedule_items_are_created_for_used_task_types(as_role, db, project):
    anim = factories.make_task_type(db, for_entity="Shot")
    layout = factories.make_task_type(db, for_entity="Shot")
    concept = factories.make_task_type(db, for_entity="Concept")
    unused = factories.make_task_type(db, for_entity="Asset")
    for task_type in (anim, layout, concept):
        factories.make_bare_task(db, project_id=project.id, task_type_id=task_type.id)
    kept = factories.make_schedule_item(
        db, project_id=project.id, task_type_id=anim.id, start_date=D(2000, 1, 1)
    )
    db.commit()
    client = member(as_role, db, project, "client")
    rows = client.get(f"{base(project)}/schedule-items/task-types").json()
    assert [row["task_type_id"] for row in rows] == [sid(anim), sid(layout)]
    assert rows[0] == {
        "id": sid(kept),
        "start_date": "2000-01-01",
        "end_date": "2030-02-01",
        "man_days": None,
        "project_id": sid(project),
        "task_type_id": sid(anim),
        "object_id": None,
    }
    assert rows[1]["start_date"] == dt.date.today().isoformat()
    again = client.get(f"{base(project)}/schedule-items/task-types").json()
    assert [row["id"] for row in again] == [row["id"] for row in rows]
    from tests.crud.support import events

    assert len(events(db, "schedule-item:new")) == 1
    assert unused.id is not None


def test_project_settings_narrow_the_task_type_schedule_items(admin, db, project):
    from reeltrack.models import ProjectTaskTypeLink

    anim = factories.make_task_type(db, for_entity="Shot")
    layout = factories.make_task_type(db, for_entity="Shot")
    for task_type in (anim, layout):
        factories.make_bare_task(db, project_id=project.id, task_type_id=task_type.id)
    db.add(ProjectTaskTypeLink(project_id=project.id, task_type_id=layout.id))
    dropped = factories.make_schedule_item(db, project_id=project.id, task_type_id=anim.id)
    db.commit()
    rows = admin.get(f"{base(project)}/schedule-items/task-types").json()
    assert [row["task_type_id"] for row in rows] == [sid(layout)]
    assert sid(dropped) not in [row["id"] for row in rows]


def test_vendors_cannot_read_task_type_schedule_items(as_role, db, project):
    vendor = member(as_role, db, project, "vendor")
    assert_forbidden(vendor.get(f"{base(project)}/schedule-items/task-types"))
