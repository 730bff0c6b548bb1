"""Reading the uploaded file: delimiters, encodings, blank lines, bad and missing files."""

from __future__ import annotations

import dataclasses

from sqlalchemy import func, select

from reeltrack.models import ApiEvent, Entity, Person
from tests import factories
from tests.crud.support import assert_error
from tests.routes.csv_import.support import csv_text, upload

URL = "/import/csv/persons"


def _count(db, email_part):
    db.commit()
    return db.scalar(select(func.count()).where(Person.email.like(f"%{email_part}%")))


def test_delimiter_is_sniffed_and_blank_lines_skipped(admin, db):
    text = csv_text(
        "First Name,Last Name,Email",
        '"Ann, Jr",Lee,comma.sniff@example.com',
        ",,",
        "Bob,Ray,comma2.sniff@example.com",
    )
    response = upload(admin, URL, text)
    assert response.status_code == 201, response.text
    assert [p["first_name"] for p in response.json()] == ["Ann, Jr", "Bob"]


def test_utf8_with_byte_order_mark(admin, db):
    text = "\ufeff" + csv_text("First Name;Last Name;Email", "Zoé;Müller;bom.csv@example.com")
    response = upload(admin, URL, text.encode("utf-8"))
    assert response.status_code == 201, response.text
    assert response.json()[0]["first_name"] == "Zoé"


def test_bad_encoding_is_refused(admin, db):
    text = csv_text("First Name;Last Name;Email", "Zoé;Müller;latin.csv@example.com")
    response = upload(admin, URL, text.encode("latin-1"))
    assert response.status_code == 400
    body = response.json()
    assert body["error"] is True and "UTF-8" in body["message"]
    assert _count(db, "latin.csv") == 0


def test_empty_file_is_refused(admin, db):
    response = upload(admin, URL, b"")
    assert response.status_code == 400
    assert response.json() == {"error": True, "message": "Could not determine delimiter"}


def test_header_only_imports_nothing(admin, db):
    response = upload(admin, URL, csv_text("First Name;Last Name;Email"))
    assert response.status_code == 201
    assert response.json() == []


def test_wrong_header_writes_nothing(admin, db):
    project = factories.make_project(db)
    db.commit()
    before = db.scalar(select(func.count()).select_from(ApiEvent))
    text = csv_text("Sequence;Shot;Frames", "SQ01;SH01;10")
    response = upload(admin, f"/import/csv/projects/{project.id}/shots", text)
    assert response.status_code == 400
    assert response.json()["message"] == "A columns is missing: 'Name'"
    assert response.json()["imported_rows"] == 0
    db.commit()
    assert db.scalar(select(func.count()).where(Entity.project_id == project.id)) == 0
    assert db.scalar(select(func.count()).select_from(ApiEvent)) == before


def test_missing_file_is_refused(admin, db):
    response = admin.post(URL, data={"name": "nothing"})
    assert_error(response, 400)
    response = admin.post(URL, json={"file": "First Name"})
    assert_error(response, 400)


def test_oversized_file_is_refused(admin, db, runtime, monkeypatch):
    small = dataclasses.replace(runtime.settings, max_upload_size=20)
    monkeypatch.setattr(runtime, "settings", small)
    text = csv_text("First Name;Last Name;Email", "A;B;big.csv@example.com")
    response = upload(admin, URL, text)
    assert_error(response, 413)
    assert _count(db, "big.csv") == 0


def test_malformed_project_and_unknown_project(admin):
    text = csv_text("Sequence;Name", "SQ01;SH01")
    assert_error(upload(admin, "/import/csv/projects/nope/shots", text), 400)
    missing = "/import/csv/projects/00000000-0000-0000-0000-000000000000/shots"
    assert_error(upload(admin, missing, text), 404)
