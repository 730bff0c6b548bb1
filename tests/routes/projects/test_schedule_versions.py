"""Production schedule versions: task links and applying a version."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest

from reeltrack.models import ProductionScheduleVersion, Project, Task, project_person_link
from tests import factories
from tests.crud.support import assert_error, assert_forbidden, events, sid


@pytest.fixture()
def version(db):
    project = factories.make_project(db)
    version = factories.make_production_schedule_version(db, project_id=project.id)
    db.commit()
    return version


def member(as_role, db, project_id, role):
    caller = as_role(role)
    db.execute(
        project_person_link.insert().values(project_id=project_id, person_id=caller.person.id)
    )
    db.commit()
    return caller


def links_url(version) -> str:
    return f"/data/production-schedule-versions/{sid(version)}/task-links"


def apply_url(version) -> str:
    return f"/actions/production-schedule-versions/{sid(version)}/apply-to-production"


def test_members_read_task_links_filtered_by_task_type(as_role, db, version):
    from reeltrack.models.schedule import production_schedule_version_task_link_person_link as pl

    first = factories.make_schedule_version_task_link(db, production_schedule_version_id=version.id)
    second = factories.make_schedule_version_task_link(
        db, production_schedule_version_id=version.id
    )
    factories.make_schedule_version_task_link(db)  # another version
    person = factories.make_person(db)
    db.execute(
        pl.insert().values(production_schedule_version_task_link_id=first.id, person_id=person.id)
    )
    db.commit()
    artist = member(as_role, db, version.project_id, "user")
    rows = artist.get(links_url(version)).json()
    assert sorted(r["id"] for r in rows) == sorted([sid(first), sid(second)])
    assert rows[0]["type"] == "ProductionScheduleVersionTaskLink"
    assert "assignees" not in rows[0]
    task_type_id = db.get(Task, first.task_id).task_type_id
    narrowed = artist.get(
        links_url(version), params={"task_type_id": str(task_type_id), "relations": "true"}
    )
    assert [(r["id"], r["assignees"]) for r in narrowed.json()] == [(sid(first), [sid(person)])]


@pytest.mark.parametrize("role", ("client", "vendor"))
def test_clients_and_vendors_cannot_read_task_links(as_role, db, version, role):
    assert_forbidden(member(as_role, db, version.project_id, role).get(links_url(version)))


def test_task_links_check_ids_and_membership(as_role, admin, version):
    assert_error(
        admin.get("/data/production-schedule-versions/bad/task-links"), 400, "Malformed ID."
    )
    assert_error(admin.get(f"/data/production-schedule-versions/{uuid.uuid4()}/task-links"), 404)
    assert_forbidden(as_role("manager").get(links_url(version)))


def test_task_links_run_a_fixed_number_of_queries(admin, db, version, count_queries):
    def build(count: int) -> int:
        for _ in range(count):
            factories.make_schedule_version_task_link(db, production_schedule_version_id=version.id)
        db.commit()
        with count_queries() as counter:
            admin.get(links_url(version), params={"relations": "true"})
        return counter.count

    assert build(3) == build(20)


def test_a_manager_applies_a_version_to_the_production(as_role, db, version):
    manager = member(as_role, db, version.project_id, "manager")
    link = factories.make_schedule_version_task_link(
        db,
        production_schedule_version_id=version.id,
        start_date=dt.datetime(2031, 1, 1, 9),
        due_date=dt.datetime(2031, 2, 1),
        estimation=5.0,
    )
    untouched = factories.make_config_task(db, project_id=version.project_id)
    db.commit()
    response = manager.post(apply_url(version))
    assert response.status_code == 200
    assert response.json() == {"success": True, "task_count": 1}
    db.commit()
    task = db.get(Task, link.task_id, populate_existing=True)
    assert (task.start_date, task.due_date, task.estimation) == (
        dt.datetime(2031, 1, 1, 9),
        dt.datetime(2031, 2, 1),
        5,
    )
    assert db.get(Task, untouched.id, populate_existing=True).start_date is None
    assert db.get(ProductionScheduleVersion, version.id, populate_existing=True).locked is True
    project = db.get(Project, version.project_id, populate_existing=True)
    assert project.from_schedule_version_id == version.id
    assert [e.data["task_id"] for e in events(db, "task:update")] == [str(link.task_id)]


@pytest.mark.parametrize("role", ("supervisor", "user", "client", "vendor"))
def test_only_managers_apply_versions(as_role, db, version, role):
    caller = member(as_role, db, version.project_id, role)
    assert_forbidden(caller.post(apply_url(version)))
    db.commit()
    assert db.get(ProductionScheduleVersion, version.id, populate_existing=True).locked is not True


# ---------------------------------------------------------------- copies


def links_of(db, version) -> dict[str, tuple]:
    from sqlalchemy import select

    from reeltrack.models import ProductionScheduleVersionTaskLink as Link
    from reeltrack.models.schedule import production_schedule_version_task_link_person_link as pl

    db.commit()
    rows = db.scalars(
        select(Link).where(Link.production_schedule_version_id == version.id),
        execution_options={"populate_existing": True},
    )
    result = {}
    for link in rows:
        people = db.scalars(
            select(pl.c.person_id).where(pl.c.production_schedule_version_task_link_id == link.id)
        )
        result[str(link.task_id)] = (
            link.start_date,
            link.estimation,
            sorted(str(p) for p in people),
        )
    return result


def test_task_links_are_copied_from_the_production(as_role, db, version):
    manager = member(as_role, db, version.project_id, "manager")
    artist = factories.make_person(db)
    task = factories.make_config_task(
        db,
        project_id=version.project_id,
        assignees=[artist],
        start_date=dt.datetime(2031, 3, 4, 10),
        estimation=3.0,
    )
    other = factories.make_config_task(db, project_id=version.project_id)
    stale = factories.make_schedule_version_task_link(
        db, production_schedule_version_id=version.id, task_id=other.id, estimation=9.0
    )
    factories.make_config_task(db)  # another project
    db.commit()
    url = f"/actions/production-schedule-versions/{sid(version)}/set-task-links-from-production"
    response = manager.post(url)
    assert response.status_code == 200
    assert response.json() == {"success": True, "task_link_count": 2}
    links = links_of(db, version)
    assert links[str(task.id)] == (dt.datetime(2031, 3, 4, 10), 3.0, [sid(artist)])
    assert links[str(other.id)][1] == 0
    assert set(links) == {str(task.id), str(other.id)}
    assert stale.id is not None


def test_task_links_are_copied_from_another_version(admin, db, version):
    from reeltrack.models.schedule import production_schedule_version_task_link_person_link as pl

    source = factories.make_production_schedule_version(db, project_id=version.project_id)
    link = factories.make_schedule_version_task_link(
        db,
        production_schedule_version_id=source.id,
        start_date=dt.datetime(2031, 5, 1),
        estimation=4.0,
    )
    person = factories.make_person(db)
    db.execute(
        pl.insert().values(production_schedule_version_task_link_id=link.id, person_id=person.id)
    )
    db.commit()
    action = "set-task-links-from-production-schedule-version"
    url = f"/actions/production-schedule-versions/{sid(version)}/{action}"
    response = admin.post(url, json={"production_schedule_version_id": sid(source)})
    assert response.json() == {"success": True, "task_link_count": 1}
    assert links_of(db, version) == {
        str(link.task_id): (dt.datetime(2031, 5, 1), 4.0, [sid(person)])
    }
    itself = admin.post(url, json={"production_schedule_version_id": sid(version)})
    assert_error(itself, 400, "A production schedule version cannot be copied onto itself.")
    foreign = factories.make_production_schedule_version(db)
    db.commit()
    other = admin.post(url, json={"production_schedule_version_id": sid(foreign)})
    assert_error(other, 400, "Production schedule versions must belong to the same project.")
    assert admin.post(url, json={}).json()["message"] == "Validation error."


@pytest.mark.parametrize("role", ("supervisor", "user", "client", "vendor"))
def test_only_managers_copy_task_links(as_role, db, version, role):
    caller = member(as_role, db, version.project_id, role)
    factories.make_config_task(db, project_id=version.project_id)
    db.commit()
    url = f"/actions/production-schedule-versions/{sid(version)}/set-task-links-from-production"
    assert_forbidden(caller.post(url))
    assert links_of(db, version) == {}
