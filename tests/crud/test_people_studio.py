"""Studio data of the people group: equipment, salary scales, searches, actions, budgets."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

import pytest

from reeltrack.models import (
    Budget,
    BudgetEntry,
    CustomAction,
    HardwareItem,
    HardwareItemDepartmentLink,
    Plugin,
    SalaryScale,
    SearchFilter,
    SearchFilterGroup,
    Software,
)
from tests import factories
from tests.crud.conftest import NON_ADMIN_ROLES, ROLES
from tests.crud.support import (
    FK_CONFLICT,
    assert_error,
    assert_forbidden,
    events,
    ids,
    one_event,
    reload,
    sid,
)

# path: (factory, a valid creation body maker, an update)
ADMIN_ONLY: dict[str, tuple[Callable[..., Any], Callable[[Any], dict], dict]] = {
    "hardware-items": (
        factories.make_hardware_item,
        lambda db: {"name": f"Tablet {uuid.uuid4().hex[:6]}", "short_name": "tab"},
        {"monthly_cost": 30},
    ),
    "plugins": (
        factories.make_plugin,
        lambda db: {
            "plugin_id": uuid.uuid4().hex,
            "name": "Exporter",
            "version": "2.0",
            "maintainer_name": "Jo",
            "license": "GPL",
        },
        {"version": "2.1"},
    ),
    "search-filters": (
        factories.make_search_filter,
        lambda db: {"list_type": "shot", "name": "Late", "search_query": "status=wip"},
        {"search_query": "status=done"},
    ),
    "search-filter-groups": (
        factories.make_search_filter_group,
        lambda db: {"list_type": "shot", "name": "Mine", "color": "#00ff00"},
        {"color": "#0000ff"},
    ),
    "budgets": (
        factories.make_budget,
        lambda db: {"project_id": sid(factories.make_project(db)), "name": "Quote"},
        {"currency": "USD"},
    ),
    "budget-entries": (
        factories.make_budget_entry,
        lambda db: {
            "budget_id": sid(factories.make_budget(db)),
            "department_id": sid(factories.make_department(db)),
            "start_date": "2030-01-01",
            "months_duration": 2,
            "daily_salary": 300,
        },
        {"months_duration": 6},
    ),
    "salary-scales": (factories.make_salary_scale, lambda db: {}, {"salary": 500}),
}


@pytest.mark.parametrize("path", list(ADMIN_ONLY))
@pytest.mark.parametrize("role", NON_ADMIN_ROLES)
def test_only_admins_touch_admin_resources(path, role, caller, db):
    make, body, change = ADMIN_ONLY[path]
    row = make(db)
    payload = body(db)
    db.commit()
    client = caller(role)
    assert_forbidden(client.get(f"/data/{path}"))
    assert_forbidden(client.get(f"/data/{path}", params={"page": 1}))
    assert_forbidden(client.get(f"/data/{path}/{row.id}"))
    assert_forbidden(client.post(f"/data/{path}", json=payload))
    assert_forbidden(client.put(f"/data/{path}/{row.id}", json=change))
    assert_forbidden(client.delete(f"/data/{path}/{row.id}"))
    key = next(iter(change))
    assert getattr(reload(db, type(row), row.id), key) == getattr(row, key)
    assert events(db) == []


@pytest.mark.parametrize("path", [p for p in ADMIN_ONLY if p != "salary-scales"])
def test_admin_crud_round_trip(path, admin, db):
    _, body, change = ADMIN_ONLY[path]
    payload = body(db)
    db.commit()
    created = admin.post(f"/data/{path}", json=payload)
    assert created.status_code == 201, created.text
    row_id = created.json()["id"]
    assert admin.get(f"/data/{path}/{row_id}").json()["id"] == row_id
    updated = admin.put(f"/data/{path}/{row_id}", json=change).json()
    assert all(updated[key] == value for key, value in change.items())
    assert admin.delete(f"/data/{path}/{row_id}").status_code == 204
    assert admin.get(f"/data/{path}/{row_id}").status_code == 404
    event = path[:-1] if path != "search-filter-groups" else "search-filter-group"
    event = {"budget-entries": "budget-entry"}.get(path, event)
    names = sorted(e.name for e in events(db))
    assert names == sorted(f"{event}:{verb}" for verb in ("delete", "new", "update"))


# ---------------------------------------------------------------- softwares


@pytest.mark.parametrize("role", ROLES)
def test_every_role_reads_softwares_admins_write_them(role, caller, db):
    software = factories.make_software(db, name="Blender")
    db.commit()
    client = caller(role)
    assert sid(software) in ids(client.get("/data/softwares").json())
    assert client.get(f"/data/softwares/{software.id}").json()["name"] == "Blender"
    body = {"name": f"Maya {role}", "short_name": "ma", "file_extension": ".ma"}
    created = client.post("/data/softwares", json=body)
    updated = client.put(f"/data/softwares/{software.id}", json={"version": "4.2"})
    if role == "admin":
        assert created.status_code == 201 and updated.json()["version"] == "4.2"
    else:
        assert_forbidden(created)
        assert_forbidden(updated)
        assert_forbidden(client.delete(f"/data/softwares/{software.id}"))
        assert reload(db, Software, software.id).version is None


def test_software_used_by_a_department_cannot_be_deleted(admin, db):
    software = factories.make_software(db)
    department = factories.make_department(db)
    db.execute(
        factories.Department.metadata.tables["software_department_link"]
        .insert()
        .values(id=uuid.uuid4(), software_id=software.id, department_id=department.id)
    )
    db.commit()
    assert_error(admin.delete(f"/data/softwares/{software.id}"), 400, FK_CONFLICT)
    assert reload(db, Software, software.id) is not None


def test_hardware_used_by_a_department_cannot_be_deleted(admin, db):
    item = factories.make_hardware_item(db)
    department = factories.make_department(db)
    db.add(HardwareItemDepartmentLink(hardware_item_id=item.id, department_id=department.id))
    db.commit()
    assert_error(admin.delete(f"/data/hardware-items/{item.id}"), 400, FK_CONFLICT)
    assert reload(db, HardwareItem, item.id) is not None
    assert events(db) == []


# ---------------------------------------------------------------- salary scales


def test_listing_salary_scales_fills_the_department_grid(admin, db):
    departments = [factories.make_department(db) for _ in range(2)]
    kept = factories.make_salary_scale(
        db, department_id=departments[0].id, position="lead", seniority="senior", salary=900
    )
    db.commit()
    body = admin.get("/data/salary-scales").json()
    assert len(body) == 2 * 3 * 3
    grid = {(row["department_id"], row["position"], row["seniority"]) for row in body}
    assert grid == {
        (sid(d), position, seniority)
        for d in departments
        for position in ("supervisor", "lead", "artist")
        for seniority in ("senior", "mid", "junior")
    }
    assert next(row for row in body if row["id"] == sid(kept))["salary"] == 900
    assert {row["salary"] for row in body if row["id"] != sid(kept)} == {0}
    assert len(admin.get("/data/salary-scales").json()) == 18
    db.commit()
    assert db.query(SalaryScale).count() == 18
    filtered = admin.get("/data/salary-scales", params={"department_id": sid(departments[1])})
    assert len(filtered.json()) == 9


@pytest.mark.parametrize("role", ROLES)
def test_salary_scales_cannot_be_created(role, caller, db):
    department = factories.make_department(db)
    db.commit()
    response = caller(role).post("/data/salary-scales", json={"department_id": sid(department)})
    if role == "admin":
        assert_error(response, 400, "Salary scales cannot be created")
    else:
        assert_forbidden(response)
    db.commit()
    assert db.query(SalaryScale).count() == 0


def test_salary_scale_update_keeps_its_department(admin, db):
    scale = factories.make_salary_scale(db)
    other = factories.make_department(db)
    db.commit()
    body = {"salary": 450, "department_id": sid(other), "seniority": "senior"}
    response = admin.put(f"/data/salary-scales/{scale.id}", json=body)
    assert response.status_code == 200
    stored = reload(db, SalaryScale, scale.id)
    assert (stored.salary, stored.seniority, stored.department_id) == (
        450,
        "senior",
        scale.department_id,
    )
    assert one_event(db, "salary-scale:update").data == {"salary_scale_id": sid(scale)}
    assert_error(admin.put(f"/data/salary-scales/{scale.id}", json={"position": "boss"}), 400)
    assert_error(admin.put(f"/data/salary-scales/{scale.id}", json={"salary": "lots"}), 400)


def test_admin_deletes_a_salary_scale(admin, db):
    scale = factories.make_salary_scale(db)
    db.commit()
    assert admin.delete(f"/data/salary-scales/{scale.id}").status_code == 204
    assert reload(db, SalaryScale, scale.id) is None


# ---------------------------------------------------------------- custom actions


@pytest.mark.parametrize("role", ROLES)
def test_custom_actions_are_listed_by_all_but_vendors_and_read_by_admins(role, caller, db):
    action = factories.make_custom_action(db)
    db.commit()
    client = caller(role)
    listed = client.get("/data/custom-actions")
    one = client.get(f"/data/custom-actions/{action.id}")
    if role == "vendor":
        assert_forbidden(listed)
    else:
        assert ids(listed.json()) == {sid(action)}
    if role == "admin":
        assert one.json()["url"] == "https://example.com/hook"
    else:
        assert_forbidden(one)
    if role != "admin":
        assert_forbidden(client.post("/data/custom-actions", json={"name": "Publish"}))
        assert_forbidden(client.put(f"/data/custom-actions/{action.id}", json={"name": "X"}))
        assert_forbidden(client.delete(f"/data/custom-actions/{action.id}"))


def test_a_vendor_bot_cannot_list_custom_actions(as_bot):
    assert_forbidden(as_bot("vendor").get("/data/custom-actions"))


def test_custom_action_names_are_required(admin, db):
    missing = admin.post("/data/custom-actions", json={"url": "https://example.com"})
    assert_error(missing, 400, "The 'name' field is required and cannot be None.")
    null = admin.post("/data/custom-actions", json={"name": None})
    assert_error(null, 400, "The 'name' field is required and cannot be None.")
    created = admin.post("/data/custom-actions", json={"name": "Publish", "is_ajax": True})
    assert created.status_code == 201
    assert (created.json()["entity_type"], created.json()["is_ajax"]) == ("all", True)
    row_id = created.json()["id"]
    cleared = admin.put(f"/data/custom-actions/{row_id}", json={"name": None})
    assert_error(cleared, 400, "The 'name' field cannot be set to None.")
    assert reload(db, CustomAction, row_id).name == "Publish"


# ---------------------------------------------------------------- budgets


def test_budget_revision_and_project_are_set_at_creation_only(admin, db):
    project, other = factories.make_project(db), factories.make_project(db)
    db.commit()
    body = {"project_id": sid(project), "name": "Quote", "revision": 3, "currency": "EUR"}
    created = admin.post("/data/budgets", json=body).json()
    assert (created["revision"], created["project_id"]) == (3, sid(project))
    assert one_event(db, "budget:new").data == {
        "budget_id": created["id"],
        "project_id": sid(project),
    }
    change = {"revision": 9, "project_id": sid(other), "name": "Quote v2"}
    updated = admin.put(f"/data/budgets/{created['id']}", json=change).json()
    assert (updated["revision"], updated["project_id"], updated["name"]) == (
        3,
        sid(project),
        "Quote v2",
    )
    stored = reload(db, Budget, created["id"])
    assert (stored.revision, stored.project_id) == (3, project.id)


def test_a_budget_with_entries_cannot_be_deleted(admin, db):
    entry = factories.make_budget_entry(db)
    db.commit()
    assert_error(admin.delete(f"/data/budgets/{entry.budget_id}"), 400, FK_CONFLICT)
    assert reload(db, Budget, entry.budget_id) is not None


def test_budget_entry_stays_in_its_budget(admin, db):
    entry = factories.make_budget_entry(db)
    other = factories.make_budget(db)
    db.commit()
    change = {"budget_id": sid(other), "daily_salary": 410.5, "position": "lead"}
    updated = admin.put(f"/data/budget-entries/{entry.id}", json=change).json()
    assert (updated["budget_id"], updated["daily_salary"], updated["position"]) == (
        str(entry.budget_id),
        410.5,
        "lead",
    )
    assert reload(db, BudgetEntry, entry.id).budget_id == entry.budget_id
    bad = admin.put(f"/data/budget-entries/{entry.id}", json={"seniority": "ancient"})
    assert_error(bad, 400, "Invalid seniority")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"budget_id": str(uuid.uuid4())}, FK_CONFLICT),
        ({"budget_id": "budget"}, "Invalid UUID value for 'budget_id'"),
        ({"months_duration": "long"}, "Field 'months_duration' must be an integer."),
        ({"position": "intern"}, "Invalid position"),
    ],
)
def test_budget_entry_creation_refusals(change, message, admin, db):
    body = ADMIN_ONLY["budget-entries"][1](db)
    db.commit()
    error = assert_error(admin.post("/data/budget-entries", json={**body, **change}), 400)
    assert error["message"].startswith(message)
    db.commit()
    assert db.query(BudgetEntry).count() == 0


# ---------------------------------------------------------------- searches and plugins


def test_search_filter_events_name_their_project(admin, db):
    project = factories.make_project(db)
    group = factories.make_search_filter_group(db)
    db.commit()
    body = {
        "list_type": "asset",
        "name": "Props",
        "search_query": "type=props",
        "project_id": sid(project),
        "search_filter_group_id": sid(group),
    }
    created = admin.post("/data/search-filters", json=body).json()
    assert created["search_filter_group_id"] == sid(group)
    assert one_event(db, "search-filter:new").data == {
        "search_filter_id": created["id"],
        "project_id": sid(project),
    }
    assert_error(admin.delete(f"/data/search-filter-groups/{group.id}"), 400, FK_CONFLICT)
    assert reload(db, SearchFilterGroup, group.id) is not None
    assert admin.delete(f"/data/search-filters/{created['id']}").status_code == 204
    assert admin.delete(f"/data/search-filter-groups/{group.id}").status_code == 204
    assert reload(db, SearchFilter, created["id"]) is None


def test_plugin_ids_are_unique(admin, db):
    plugin = factories.make_plugin(db)
    db.commit()
    body = ADMIN_ONLY["plugins"][1](db) | {"plugin_id": plugin.plugin_id}
    assert_error(admin.post("/data/plugins", json=body), 400)
    db.commit()
    assert db.query(Plugin).count() == 1


# ---------------------------------------------------------------- query counts


LISTS = {
    "search-filters": factories.make_search_filter,
    "search-filter-groups": factories.make_search_filter_group,
    "budgets": factories.make_budget,
    "budget-entries": factories.make_budget_entry,
    "softwares": factories.make_software,
    "custom-actions": factories.make_custom_action,
}


@pytest.mark.parametrize("path", list(LISTS))
def test_list_query_count_does_not_grow_with_rows(path, admin, db, count_queries):
    def measure(total: int) -> int:
        for _ in range(total - len(admin.get(f"/data/{path}").json())):
            LISTS[path](db)
        db.commit()
        with count_queries() as counter:
            assert len(admin.get(f"/data/{path}").json()) == total
        return counter.count

    assert measure(3) == measure(30)


def test_salary_scale_list_query_count_does_not_grow(admin, db, count_queries):
    def measure(departments: int) -> int:
        for _ in range(departments - len(admin.get("/data/salary-scales").json()) // 9):
            factories.make_department(db)
        db.commit()
        admin.get("/data/salary-scales")  # fills the grid
        with count_queries() as counter:
            assert len(admin.get("/data/salary-scales").json()) == departments * 9
        return counter.count

    assert measure(1) == measure(10)
