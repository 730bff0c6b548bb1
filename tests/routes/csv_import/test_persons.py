"""POST /import/csv/persons: people created by email, updated with update=true."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from reeltrack.models import Person
from reeltrack.models.person import department_link
from tests import factories
from tests.crud.support import assert_forbidden
from tests.routes.csv_import.support import csv_text, upload

URL = "/import/csv/persons"
HEADER = "First Name;Last Name;Email;Phone;Role;Contract Type;Position;Seniority;Country;Active"


def _person(db, email):
    db.commit()
    return db.scalars(
        select(Person).where(Person.email == email), execution_options={"populate_existing": True}
    ).first()


def test_creates_people_with_labels_or_codes(admin, db):
    studio = factories.make_studio(db)
    dep_a, dep_b = factories.make_department(db), factories.make_department(db)
    db.commit()
    text = csv_text(
        f"{HEADER};Daily Salary;Studio;Departments",
        f"Ann;Lee;ann.csv1@example.com;555;Production Manager;Freelance;Lead;Senior;fr;yes;300;"
        f"{studio.name};{dep_a.name}, {dep_b.name}",
        "Bob;Ray;bob.csv1@Example.COM;;user;;;;;;;;",
    )
    response = upload(admin, URL, text)
    assert response.status_code == 201, response.text
    body = response.json()
    assert [p["email"] for p in body] == ["ann.csv1@example.com", "bob.csv1@example.com"]
    assert body[0]["type"] == "Person" and "password" not in body[0]
    ann = _person(db, "ann.csv1@example.com")
    assert (ann.role, ann.contract_type, ann.position, ann.seniority) == (
        "manager",
        "freelance",
        "lead",
        "senior",
    )
    assert (ann.country, ann.daily_salary, ann.studio_id, ann.phone) == (
        "FR",
        300,
        studio.id,
        "555",
    )
    linked = set(
        db.scalars(
            select(department_link.c.department_id).where(department_link.c.person_id == ann.id)
        )
    )
    assert linked == {dep_a.id, dep_b.id}
    assert _person(db, "bob.csv1@example.com").role == "user"


def test_existing_person_kept_unless_update(admin, db):
    factories.make_person(db, email="keep.csv@example.com", first_name="Old", role="user")
    db.commit()
    text = csv_text("First Name;Last Name;Email;Role", "New;Name;keep.csv@example.com;Supervisor")
    assert upload(admin, URL, text).status_code == 201
    assert _person(db, "keep.csv@example.com").first_name == "Old"
    assert upload(admin, URL, text, update=True).status_code == 201
    person = _person(db, "keep.csv@example.com")
    assert (person.first_name, person.role) == ("New", "supervisor")
    count = db.scalar(select(func.count()).where(Person.email == "keep.csv@example.com"))
    assert count == 1


@pytest.mark.parametrize(
    ("cell", "message"),
    [
        ("Role=Boss", "A value is invalid: Role: Boss"),
        ("Country=France", "A value is invalid: Country: France"),
        ("Email=not-an-email", "A value is invalid: Email: not-an-email"),
    ],
)
def test_bad_row_stops_the_import_and_keeps_earlier_rows(admin, db, cell, message):
    column, value = cell.split("=")
    good = {"First Name": "A", "Last Name": "B", "Email": f"good.{column}@example.com"}
    bad = {"First Name": "C", "Last Name": "D", "Email": f"bad.{column}@example.com"}
    bad[column] = value
    after = {"First Name": "E", "Last Name": "F", "Email": f"after.{column}@example.com"}
    columns = ["First Name", "Last Name", "Email", column] if column != "Email" else list(good)
    lines = [";".join(columns)] + [
        ";".join(r.get(c, "") for c in columns) for r in (good, bad, after)
    ]
    response = upload(admin, URL, csv_text(*lines))
    assert response.status_code == 400
    body = response.json()
    assert body["error"] is True and body["line_number"] == 3 and body["imported_rows"] == 1
    assert body["message"].startswith(message)
    assert _person(db, good["Email"]) is not None
    assert _person(db, bad["Email"]) is None and _person(db, after["Email"]) is None


def test_unknown_studio_or_department_fails_the_row(admin, db):
    text = csv_text("First Name;Last Name;Email;Departments", "A;B;dep.csv@example.com;Nope")
    response = upload(admin, URL, text)
    assert response.status_code == 400
    assert response.json()["message"] == "Department not found: Nope"
    assert _person(db, "dep.csv@example.com") is None


def test_missing_column(admin, db):
    response = upload(admin, URL, csv_text("First Name;Email", "A;col.csv@example.com"))
    assert response.status_code == 400
    assert response.json() == {
        "error": True,
        "message": "A columns is missing: 'Last Name'",
        "line_number": 2,
        "imported_rows": 0,
    }
    assert _person(db, "col.csv@example.com") is None


@pytest.mark.parametrize("role", ["manager", "supervisor", "user", "client", "vendor"])
def test_only_admins_import_people(as_role, db, role):
    text = csv_text("First Name;Last Name;Email", f"A;B;denied.{role}@example.com")
    assert_forbidden(upload(as_role(role), URL, text))
    assert _person(db, f"denied.{role}@example.com") is None
