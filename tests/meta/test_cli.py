"""The command line on a fresh data folder (always SQLite: it builds its own database)."""

from __future__ import annotations

import json

from sqlalchemy import create_engine, select
from sqlalchemy.orm import Session

from reeltrack.auth.passwords import verify_password
from reeltrack.cli import main
from reeltrack.models import Person, ProjectStatus


def _fresh_env(monkeypatch, tmp_path):
    for name in ("DATABASE_URL", "DB_HOST", "SECRET_KEY", "REDIS_URL", "KV_HOST"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("REELTRACK_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("REELTRACK_ADMIN_PASSWORD", raising=False)
    monkeypatch.setenv("REELTRACK_ADMIN_EMAIL", "first@example.com")
    return create_engine(f"sqlite:///{tmp_path / 'reeltrack.db'}")


def test_init_db_creates_schema_statuses_and_a_first_admin(monkeypatch, tmp_path, capsys):
    engine = _fresh_env(monkeypatch, tmp_path)
    assert main(["init-db"]) == 0
    out = capsys.readouterr().out
    assert "Created admin first@example.com with generated password: " in out
    password = out.split("generated password: ")[1].split()[0]
    with Session(engine) as session:
        admin = session.scalars(select(Person)).one()
        statuses = set(session.scalars(select(ProjectStatus.name)))
    assert admin.role == "admin" and admin.email == "first@example.com"
    assert verify_password(password, admin.password)
    assert statuses == {"Open", "Closed"}
    assert (tmp_path / "secret_key").read_text().strip()
    # A second run keeps the existing admin and says nothing about passwords.
    assert main(["init-db"]) == 0
    assert "password" not in capsys.readouterr().out


def test_create_admin_creates_or_promotes(monkeypatch, tmp_path, capsys):
    engine = _fresh_env(monkeypatch, tmp_path)
    assert main(["upgrade-db"]) == 0
    assert main(["create-admin", "Boss@Example.com", "--password", "long-enough-1"]) == 0
    assert main(["create-admin", "boss@example.com", "--password", "long-enough-2"]) == 0
    with Session(engine) as session:
        people = list(session.scalars(select(Person)))
    assert len(people) == 1
    assert people[0].email == "boss@example.com" and people[0].role == "admin"
    assert verify_password("long-enough-2", people[0].password)
    assert main(["create-admin", "other@example.com", "--password", "short"]) == 1
    assert "at least 8 characters" in capsys.readouterr().err


def test_routes_prints_zou_style_rules(capsys):
    assert main(["routes"]) == 0
    routes = json.loads(capsys.readouterr().out)
    persons = next(r for r in routes if r["rule"] == "/data/persons/<instance_id>")
    assert persons["methods"] == ["DELETE", "GET", "PUT"]
    assert all(set(r) == {"rule", "methods"} for r in routes)


def test_serve_workers_freeze_startup_objects_and_collect_less_often(monkeypatch, tmp_path):
    import gc

    from reeltrack.app import GC_THRESHOLDS, app_from_env

    monkeypatch.setenv("REELTRACK_DATA_DIR", str(tmp_path))
    saved = gc.get_threshold()
    try:
        app = app_from_env()
        assert app.state.runtime is not None
        assert gc.get_threshold() == GC_THRESHOLDS
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
        gc.set_threshold(*saved)
        app.state.runtime.db.dispose()
