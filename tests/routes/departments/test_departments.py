"""Department members and the hardware/software links of departments."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import select

from reeltrack.models.department import HardwareItemDepartmentLink, SoftwareDepartmentLink
from tests import factories
from tests.crud.support import FORBIDDEN, MINIMAL_PERSON_KEYS, NOT_FOUND

NON_ADMIN = ("manager", "supervisor", "user", "client", "vendor")
KINDS = {
    "software": ("software-licenses", "software_id", factories.make_software),
    "hardware": ("hardware-items", "hardware_item_id", factories.make_hardware_item),
}


def links(db, model) -> list:
    db.commit()
    return list(db.scalars(select(model), execution_options={"populate_existing": True}))


@pytest.fixture()
def department(db):
    row = factories.make_department(db)
    db.commit()
    return row


@pytest.mark.parametrize("kind", KINDS)
def test_an_item_is_linked_listed_read_and_unlinked(admin, db, department, kind):
    segment, column, make = KINDS[kind]
    item = make(db)
    other = make(db)
    db.commit()
    base = f"/data/departments/{department.id}/{segment}"
    created = admin.post(base, json={column: str(item.id)})
    assert created.status_code == 201, created.text
    link = created.json()
    assert link["department_id"] == str(department.id)
    assert link[column] == str(item.id)
    # Linking twice keeps one link.
    again = admin.post(base, json={column: str(item.id)})
    assert again.status_code == 201
    assert again.json()["id"] == link["id"]
    model = SoftwareDepartmentLink if kind == "software" else HardwareItemDepartmentLink
    assert len(links(db, model)) == 1

    got = admin.get(f"{base}/{item.id}")
    assert got.status_code == 200
    assert got.json()["id"] == str(item.id)
    assert got.json()["name"] == item.name
    assert admin.get(f"{base}/{other.id}").status_code == 404

    grouped = admin.get(f"/data/departments/{segment}")
    assert grouped.status_code == 200
    assert [row["id"] for row in grouped.json()[str(department.id)]] == [str(item.id)]

    deleted = admin.delete(f"{base}/{item.id}")
    assert deleted.status_code == 204
    assert links(db, model) == []
    assert admin.get(f"{base}/{item.id}").status_code == 404
    assert admin.get(f"/data/departments/{segment}").json() == {}
    # Removing a link that does not exist is not an error.
    assert admin.delete(f"{base}/{item.id}").status_code == 204


@pytest.mark.parametrize("kind", KINDS)
def test_grouped_lists_hold_every_department(admin, db, kind):
    segment, column, make = KINDS[kind]
    first, second = factories.make_department(db), factories.make_department(db)
    a, b = make(db), make(db)
    db.commit()
    for dep, items in ((first, (a, b)), (second, (b,))):
        for item in items:
            url = f"/data/departments/{dep.id}/{segment}"
            assert admin.post(url, json={column: str(item.id)}).status_code == 201
    body = admin.get(f"/data/departments/{segment}").json()
    assert sorted(row["id"] for row in body[str(first.id)]) == sorted([str(a.id), str(b.id)])
    assert [row["id"] for row in body[str(second.id)]] == [str(b.id)]
    assert body[str(second.id)][0]["type"] in ("Software", "HardwareItem")


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("role", NON_ADMIN)
def test_only_admins_manage_links(as_role, db, department, kind, role):
    segment, column, make = KINDS[kind]
    item = make(db)
    db.commit()
    caller = as_role(role)
    base = f"/data/departments/{department.id}/{segment}"
    for response in (
        caller.get(f"/data/departments/{segment}"),
        caller.post(base, json={column: str(item.id)}),
        caller.get(f"{base}/{item.id}"),
        caller.delete(f"{base}/{item.id}"),
    ):
        assert response.status_code == 403
        assert response.json()["message"] == FORBIDDEN


@pytest.mark.parametrize("kind", KINDS)
def test_bad_ids_and_bodies(admin, db, department, kind):
    segment, column, make = KINDS[kind]
    item = make(db)
    db.commit()
    base = f"/data/departments/{department.id}/{segment}"
    missing = admin.post(base, json={})
    assert missing.status_code == 400
    assert missing.json()["message"] == "Validation error."
    assert admin.post(base, json={column: "nope"}).status_code == 400
    unknown_item = admin.post(base, json={column: str(uuid.uuid4())})
    assert unknown_item.status_code == 404
    assert unknown_item.json()["message"] == NOT_FOUND
    unknown_dep = f"/data/departments/{uuid.uuid4()}/{segment}"
    assert admin.post(unknown_dep, json={column: str(item.id)}).status_code == 404
    assert admin.get(f"{unknown_dep}/{item.id}").status_code == 404
    assert admin.delete(f"{unknown_dep}/{item.id}").status_code == 404
    assert admin.delete(f"{base}/{uuid.uuid4()}").status_code == 404
    bad = admin.post(f"/data/departments/bad-id/{segment}", json={column: str(item.id)})
    assert bad.status_code == 400
    assert bad.json()["message"] == "Malformed ID."
    assert admin.get(f"{base}/bad-id").json()["message"] == "Malformed ID."
    assert admin.delete(f"{base}/bad-id").status_code == 400


def test_anonymous_callers_are_refused(client, department):
    assert client.get("/data/departments/software-licenses").status_code == 401
    assert client.get(f"/data/departments/{department.id}/persons").status_code == 401


def test_members_are_listed_by_name(admin, as_role, db, department):
    other = factories.make_department(db)
    zoe = factories.make_person(db, first_name="Zoe", last_name="A")
    adam = factories.make_person(db, first_name="Adam", last_name="B")
    outsider = factories.make_person(db, first_name="Bob")
    factories.add_to_department(db, zoe, department)
    factories.add_to_department(db, adam, department)
    factories.add_to_department(db, adam, other)
    factories.add_to_department(db, outsider, other)
    db.commit()
    url = f"/data/departments/{department.id}/persons"
    body = admin.get(url).json()
    assert [row["id"] for row in body] == [str(adam.id), str(zoe.id)]
    assert sorted(body[0]["departments"]) == sorted([str(department.id), str(other.id)])
    assert body[0]["email"] == adam.email
    assert body[0]["full_name"] == "Adam B"
    assert "password" not in body[0]
    for role in NON_ADMIN:
        rows = as_role(role).get(url).json()
        assert [row["id"] for row in rows] == [str(adam.id), str(zoe.id)]
        assert set(rows[0]) == MINIMAL_PERSON_KEYS
        assert sorted(rows[0]["departments"]) == sorted([str(department.id), str(other.id)])


def test_members_of_bad_departments(admin):
    assert admin.get(f"/data/departments/{uuid.uuid4()}/persons").status_code == 404
    bad = admin.get("/data/departments/bad/persons")
    assert bad.status_code == 400
    assert bad.json()["message"] == "Malformed ID."


def _fill(db, department, size):
    for _ in range(size):
        person = factories.make_person(db)
        factories.add_to_department(db, person, department)
        item = factories.make_software(db)
        db.add(SoftwareDepartmentLink(department_id=department.id, software_id=item.id))
    db.commit()


def _counts(admin, department, count_queries) -> list[int]:
    counts = []
    for url in (
        f"/data/departments/{department.id}/persons",
        "/data/departments/software-licenses",
        f"/data/departments/{department.id}/software-licenses/{uuid.uuid4()}",
    ):
        with count_queries() as counter:
            response = admin.get(url)
        assert response.status_code in (200, 404)
        counts.append(counter.count)
    return counts


def test_lists_run_a_fixed_number_of_queries(admin, db, department, count_queries):
    _fill(db, department, 3)
    few = _counts(admin, department, count_queries)
    _fill(db, department, 27)
    assert len(admin.get(f"/data/departments/{department.id}/persons").json()) == 30
    assert _counts(admin, department, count_queries) == few
