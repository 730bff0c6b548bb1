"""The index blueprint (/, /status*, /stats, /config) and the served route table."""

from __future__ import annotations

import contextlib
import io
import json
import os
import re
import uuid

import pytest

from reeltrack.app import served_routes
from reeltrack.cli import main as cli_main
from reeltrack.models import Comment, Organisation, PreviewFile
from tests import factories

STATUS_KEYS = ["database-up", "key-value-store-up", "event-stream-up", "job-queue-up", "indexer-up"]
CONFIG_KEYS = [
    "is_self_hosted",
    "crisp_token",
    "dark_theme_by_default",
    "indexer_configured",
    "saml_enabled",
    "saml_idp_name",
    "oidc_enabled",
    "oidc_idp_name",
    "default_locale",
    "default_timezone",
    "enforce_2fa",
    "movie_highdef_bitrate",
    "movie_lowdef_bitrate",
    "preview_accounts_enabled",
]
STATS_KEYS = [
    "number_of_video_previews",
    "number_of_picture_previews",
    "number_of_model_previews",
    "number_of_comments",
]


def test_root_names_the_api_and_zou_version(client):
    body = client.get("/").json()

    assert list(body)[:2] == ["api", "version"]
    assert isinstance(body["api"], str) and body["api"]
    assert body["version"] == "1.0.97"


def test_status_keys_in_zou_order(client):
    response = client.get("/status")

    assert response.status_code == 200
    body = response.json()
    assert list(body) == ["name", "version", *STATUS_KEYS]
    assert body["version"] == "1.0.97"
    assert body["database-up"] is True
    assert all(isinstance(body[key], bool) for key in STATUS_KEYS)


def test_status_txt_lines_in_zou_order(client):
    response = client.get("/status.txt")

    assert response.status_code == 200
    assert response.headers["content-type"].split(";")[0] == "text"
    assert response.text.endswith("\n")
    lines = response.text.splitlines()
    status = client.get("/status").json()
    assert [line.split(": ", 1)[0] for line in lines] == [
        "name",
        "version",
        "database-up",
        "event-stream-up",
        "key-value-store-up",
        "job-queue-up",
        "indexer-up",
    ]
    assert lines[0] == f"name: {status['name']}"
    assert lines[1] == "version: 1.0.97"
    for line in lines[2:]:
        key, value = line.split(": ", 1)
        assert value == ("up" if status[key] else "down")


def test_status_influx_is_numeric(client):
    body = client.get("/status/influx").json()

    assert list(body) == [*STATUS_KEYS, "time"]
    assert body["database-up"] == 1
    assert all(body[key] in (0, 1) and type(body[key]) is int for key in STATUS_KEYS)
    assert isinstance(body["time"], float)


def test_status_resources_shape(client):
    body = client.get("/status/resources").json()

    assert list(body) == ["date", "cpu", "memory", "jobs"]
    assert re.match(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?$", body["date"])
    assert len(body["cpu"]["percent"]) == (os.cpu_count() or 1)
    assert all(isinstance(value, float) for value in body["cpu"]["percent"])
    assert list(body["cpu"]["loadavg"]) == ["last 1 min", "last 5 min", "last 10 min"]
    memory = body["memory"]
    assert list(memory) == ["total", "used", "available", "percent"]
    assert memory["total"] >= memory["available"] >= 0
    assert isinstance(memory["percent"], float)
    assert body["jobs"] == {"running_jobs": 0}


def test_status_test_event_publishes_main_test(client, runtime):
    seen = []
    unsubscribe = runtime.bus.subscribe(seen.append)
    try:
        response = client.get("/status/test-event")
    finally:
        unsubscribe()

    assert (response.status_code, response.json()) == (200, {"success": True})
    assert [(event.name, event.data) for event in seen] == [("main:test", {})]


def test_public_index_routes_need_no_token(client):
    paths = ["/", "/status", "/status.txt", "/status/influx", "/status/resources", "/config"]

    assert [client.get(path).status_code for path in paths] == [200] * len(paths)


# ------------------------------------------------------------------ stats


def test_stats_counts_previews_and_comments(admin, db):
    for extension in ("mp4", "mp4", "png", "obj", "gif"):
        db.add(PreviewFile(extension=extension))
    db.add(Comment(object_id=uuid.uuid4(), object_type="Task", person_id=admin.person.id))
    db.commit()

    response = admin.get("/stats")

    assert response.status_code == 200
    assert list(response.json()) == STATS_KEYS
    assert list(response.json().values()) == [2, 1, 1, 1]


@pytest.mark.parametrize("role", ["manager", "supervisor", "user", "client", "vendor"])
def test_stats_is_admin_only(as_role, role):
    response = as_role(role).get("/stats")

    assert response.status_code == 403
    assert response.json()["error"] is True
    assert response.json()["message"].startswith("You don't have the permission")


def test_stats_needs_a_token(client):
    response = client.get("/stats")

    assert (response.status_code, response.json()) == (401, {"msg": "Missing Authorization Header"})


# ------------------------------------------------------------------ config


def test_config_has_every_zou_key_with_defaults(client):
    response = client.get("/config")

    assert response.status_code == 200
    body = response.json()
    assert list(body) == CONFIG_KEYS
    assert body["is_self_hosted"] is True
    assert (body["default_locale"], body["default_timezone"]) == ("en_US", "Europe/Paris")
    assert (body["movie_highdef_bitrate"], body["movie_lowdef_bitrate"]) == (28, 6)
    assert (body["saml_enabled"], body["oidc_enabled"], body["enforce_2fa"]) == (
        False,
        False,
        False,
    )


def test_config_follows_the_organisation_theme(client, db):
    factories.make_organisation(db, dark_theme_by_default=True)
    db.commit()

    assert client.get("/config").json()["dark_theme_by_default"] is True


def test_config_creates_the_organisation_when_missing(client, db):
    assert client.get("/config").json()["dark_theme_by_default"] is False

    db.rollback()
    assert [row.name for row in db.query(Organisation)] == ["Kitsu"]


# ------------------------------------------------------------------ route table


def routes_from_cli() -> list[dict]:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = cli_main(["routes"])
    assert code in (0, None)
    return json.loads(out.getvalue())


def test_cli_routes_is_a_json_array_of_rules_and_methods():
    routes = routes_from_cli()

    assert isinstance(routes, list) and routes
    assert all(set(route) == {"rule", "methods"} for route in routes)
    assert routes == served_routes()
    rules = {route["rule"]: route["methods"] for route in routes}
    assert rules["/auth/login"] == ["POST"]
    assert rules["/data/persons"] == ["GET", "POST"]
    assert rules["/data/persons/<instance_id>"] == ["DELETE", "GET", "PUT"]
    assert rules["/"] == ["GET"]


def test_cli_routes_use_zou_notation_and_no_api_duplicates():
    routes = routes_from_cli()

    for route in routes:
        assert "{" not in route["rule"] and "}" not in route["rule"]
        assert not route["rule"].startswith("/api/")
        assert route["methods"] == sorted(route["methods"])
        assert not {"HEAD", "OPTIONS"} & set(route["methods"])
    assert len({route["rule"] for route in routes}) == len(routes)
