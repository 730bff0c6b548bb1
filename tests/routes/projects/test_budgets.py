"""Budgets of a production and their entries."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import select

from reeltrack.models import Budget, BudgetEntry, project_person_link
from tests import factories
from tests.crud.support import assert_error, assert_forbidden, events, sid

NON_MANAGERS = ("supervisor", "user", "client", "vendor")
BUDGET_KEYS = {"id", "project_id", "revision", "name", "currency"}
ENTRY_KEYS = {
    "id",
    "budget_id",
    "department_id",
    "person_id",
    "start_date",
    "months_duration",
    "daily_salary",
    "position",
    "seniority",
    "exceptions",
}


@pytest.fixture()
def project(db):
    project = factories.make_project(db)
    db.commit()
    return project


def member(as_role, db, project, role):
    caller = as_role(role)
    db.execute(
        project_person_link.insert().values(project_id=project.id, person_id=caller.person.id)
    )
    db.commit()
    return caller


def url(project, suffix: str = "") -> str:
    return f"/data/projects/{sid(project)}/budgets{suffix}"


def test_a_manager_creates_budgets_with_increasing_revisions(as_role, db, project):
    manager = member(as_role, db, project, "manager")
    first = manager.post(url(project), json={"name": "Plan"})
    assert first.status_code == 200, first.text
    body = first.json()
    assert (body["type"], body["revision"], body["currency"]) == ("Budget", 1, "USD")
    assert "created_at" in body
    second = manager.post(url(project), json={"name": "Plan B", "currency": "EUR"}).json()
    assert second["revision"] == 2
    listed = manager.get(url(project)).json()
    assert [(b["name"], b["revision"]) for b in listed] == [("Plan", 1), ("Plan B", 2)]
    assert set(listed[0]) == BUDGET_KEYS
    assert {e.data["budget_id"] for e in events(db, "budget:create")} == {body["id"], second["id"]}


def test_a_budget_is_read_updated_and_deleted_with_its_entries(admin, db, project):
    budget = factories.make_budget(db, project_id=project.id, name="Old")
    entry = factories.make_budget_entry(db, budget_id=budget.id)
    db.commit()
    assert admin.get(url(project, f"/{sid(budget)}")).json()["name"] == "Old"
    updated = admin.put(url(project, f"/{sid(budget)}"), json={"currency": "JPY"}).json()
    assert (updated["name"], updated["currency"]) == ("Old", "JPY")
    assert admin.delete(url(project, f"/{sid(budget)}")).status_code == 204
    db.commit()
    assert db.get(Budget, budget.id, populate_existing=True) is None
    assert db.get(BudgetEntry, entry.id, populate_existing=True) is None
    assert len(events(db, "budget:delete")) == 1


def test_a_budget_is_only_reached_through_its_project(admin, db, project):
    elsewhere = factories.make_budget(db)
    db.commit()
    assert_error(admin.get(url(project, f"/{sid(elsewhere)}")), 404)
    assert_error(admin.put(url(project, f"/{sid(elsewhere)}"), json={"name": "X"}), 404)
    assert_error(admin.delete(url(project, f"/{sid(elsewhere)}")), 404)
    assert_error(admin.get(url(project, f"/{sid(elsewhere)}/entries")), 404)
    assert_error(admin.get(url(project, "/bad")), 400, "Malformed ID.")
    db.commit()
    assert db.get(Budget, elsewhere.id, populate_existing=True).name != "X"


def test_budget_bodies_are_checked(admin, project):
    assert admin.post(url(project), json={}).json()["message"] == "Validation error."
    assert admin.post(url(project), json={"name": "X", "currency": "EURO"}).status_code == 400


@pytest.mark.parametrize("role", NON_MANAGERS)
def test_only_managers_see_budgets(as_role, db, project, role):
    budget = factories.make_budget(db, project_id=project.id)
    db.commit()
    caller = member(as_role, db, project, role)
    assert_forbidden(caller.get(url(project)))
    assert_forbidden(caller.post(url(project), json={"name": "X"}))
    assert_forbidden(caller.get(url(project, f"/{sid(budget)}")))
    assert_forbidden(caller.delete(url(project, f"/{sid(budget)}")))
    assert_forbidden(caller.get(url(project, f"/{sid(budget)}/entries")))


def test_a_manager_of_another_project_sees_no_budget(as_role, db, project):
    other = factories.make_project(db)
    manager = member(as_role, db, other, "manager")
    assert_forbidden(manager.get(url(project)))


# ---------------------------------------------------------------- entries


@pytest.fixture()
def budget(db, project):
    budget = factories.make_budget(db, project_id=project.id)
    db.commit()
    return budget


def test_entries_are_created_listed_updated_and_deleted(admin, db, project, budget):
    department = factories.make_department(db)
    person = factories.make_person(db)
    db.commit()
    payload = {
        "department_id": sid(department),
        "person_id": sid(person),
        "start_date": "2030-02-01",
        "months_duration": 4,
        "daily_salary": 300,
        "position": "lead",
        "seniority": "senior",
    }
    created = admin.post(url(project, f"/{sid(budget)}/entries"), json=payload)
    assert created.status_code == 200, created.text
    body = created.json()
    assert (body["type"], body["start_date"], body["daily_salary"]) == (
        "BudgetEntry",
        "2030-02-01",
        300.0,
    )
    assert body["exceptions"] == {}
    entry_url = url(project, f"/{sid(budget)}/entries/{body['id']}")
    listed = admin.get(url(project, f"/{sid(budget)}/entries")).json()
    assert [set(e) for e in listed] == [ENTRY_KEYS]
    assert admin.get(entry_url).json()["position"] == "lead"
    changes = {"months_duration": 6, "exceptions": {"2030-03": 10, "2030-04": 0, "2030-05": None}}
    updated = admin.put(entry_url, json=changes).json()
    assert (updated["months_duration"], updated["exceptions"]) == (6, {"2030-03": 10})
    assert (updated["department_id"], updated["person_id"]) == (sid(department), sid(person))
    assert admin.delete(entry_url).status_code == 204
    db.commit()
    assert db.scalars(select(BudgetEntry)).all() == []
    names = sorted(e.name for e in events(db) if e.name.startswith("budget-entry:"))
    assert names == ["budget-entry:create", "budget-entry:delete", "budget-entry:update"]


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"department_id": None}, "Validation error."),
        ({"department_id": str(uuid.uuid4())}, "Department with id"),
        ({"start_date": None}, "Missing required parameter: start_date"),
        ({"start_date": "2030-13-45"}, "Wrong date format for 2030-13-45"),
        ({"position": "boss"}, "position must be one of"),
        ({"daily_salary": "lots"}, "Validation error."),
    ],
)
def test_bad_entries_are_refused(admin, db, project, budget, changes, message):
    department = factories.make_department(db)
    db.commit()
    payload = {
        "department_id": sid(department),
        "start_date": "2030-02-01",
        "months_duration": 4,
        "daily_salary": 300,
        **changes,
    }
    response = admin.post(url(project, f"/{sid(budget)}/entries"), json=payload)
    assert response.status_code == 400
    assert response.json()["message"].startswith(message)
    db.commit()
    assert db.scalars(select(BudgetEntry)).all() == []


def test_entries_belong_to_their_budget(admin, db, project, budget):
    other = factories.make_budget(db, project_id=project.id)
    entry = factories.make_budget_entry(db, budget_id=other.id)
    db.commit()
    wrong = url(project, f"/{sid(budget)}/entries/{sid(entry)}")
    assert_error(admin.get(wrong), 404)
    assert_error(admin.put(wrong, json={"months_duration": 1}), 404)
    assert_error(admin.delete(wrong), 404)


def test_entry_listing_runs_a_fixed_number_of_queries(admin, db, project, budget, count_queries):
    def build(count: int) -> int:
        for _ in range(count):
            factories.make_budget_entry(db, budget_id=budget.id)
        db.commit()
        with count_queries() as counter:
            admin.get(url(project, f"/{sid(budget)}/entries"))
        return counter.count

    assert build(3) == build(30)


# ---------------------------------------------------------------- monthly time spents


def test_admins_read_time_totals_by_department_person_and_month(admin, db, project):
    import datetime as dt

    department = factories.make_department(db)
    task_type = factories.make_task_type(db, department_id=department.id)
    no_department = factories.make_task_type(db)
    task = factories.make_bare_task(db, project_id=project.id, task_type_id=task_type.id)
    other = factories.make_bare_task(db, project_id=project.id, task_type_id=no_department.id)
    person = factories.make_person(db)
    for day, minutes in ((dt.date(2030, 1, 31), 60.0), (dt.date(2030, 2, 1), 30.0)):
        factories.make_time_spent(
            db, task_id=task.id, person_id=person.id, date=day, duration=minutes
        )
    factories.make_time_spent(db, task_id=other.id, person_id=person.id, duration=500.0)
    db.commit()
    body = admin.get(url(project, "/time-spents")).json()
    assert body == {
        sid(department): {
            "total": 90.0,
            sid(person): {"total": 90.0, "2030-01": 60.0, "2030-02": 30.0},
        }
    }
    assert_error(admin.get("/data/projects/bad/budgets/time-spents"), 400, "Malformed ID.")


def test_only_admins_read_monthly_time_totals(as_role, db, project):
    manager = member(as_role, db, project, "manager")
    assert_forbidden(manager.get(url(project, "/time-spents")))
