"""Events routes: the event log, the login log and the event names."""

from __future__ import annotations

import datetime as dt
import re
import uuid

import pytest
from sqlalchemy import insert

from reeltrack.models import ApiEvent, LoginLog, project_person_link
from tests import factories

LAST = "/data/events/last"
LOGINS = "/data/events/login-logs/last"
NAMES = "/data/events/names"
STAMP = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}")


def _at(day: int, hour: int = 12, second: int = 0, micro: int = 0) -> dt.datetime:
    return dt.datetime(2026, 1, day, hour, 0, second, micro)


@pytest.fixture()
def log(db):
    """Two projects, two authors and events of known names and dates."""
    first, second = factories.make_project(db), factories.make_project(db)
    alice, bob = factories.make_person(db), factories.make_person(db)
    rows = {
        "asset_new": ("asset:new", first, alice, _at(1)),
        "preview": ("preview-file:add-file", first, alice, _at(2)),
        "shot_update": ("shot:update", second, bob, _at(3)),
        "thumbnail": ("person:set-thumbnail", None, bob, _at(4)),
        "asset_delete": ("asset:delete", first, bob, _at(5, second=45, micro=123456)),
    }
    events = {
        key: factories.make_api_event(
            db,
            name=name,
            project_id=project.id if project else None,
            user_id=person.id,
            created_at=when,
            data={"key": key},
        )
        for key, (name, project, person, when) in rows.items()
    }
    db.commit()
    return {"first": first, "second": second, "alice": alice, "bob": bob, **events}


def _names(response) -> list[str]:
    assert response.status_code == 200, response.text
    return [event["name"] for event in response.json()]


def _member(as_role, db, project, role, link_role=None):
    client = as_role(role)
    link = {"project_id": project.id, "person_id": client.person.id, "role": link_role}
    db.execute(project_person_link.insert().values(**link))
    db.commit()
    return client


def test_last_events_shape_and_order(admin, log):
    response = admin.get(LAST)
    assert response.status_code == 200
    data = response.json()
    assert [e["name"] for e in data] == [
        "asset:delete",
        "person:set-thumbnail",
        "shot:update",
        "preview-file:add-file",
        "asset:new",
    ]
    top = data[0]
    assert list(top) == ["id", "created_at", "name", "user_id", "project_id", "data"]
    assert top == {
        "id": str(log["asset_delete"].id),
        "created_at": "2026-01-05T12:00:45",
        "name": "asset:delete",
        "user_id": str(log["bob"].id),
        "project_id": str(log["first"].id),
        "data": {"key": "asset_delete"},
    }
    assert data[1]["project_id"] is None


def test_real_action_is_in_the_log(admin):
    created = admin.post("/data/projects", json={"name": "Logged"})
    assert created.status_code == 201, created.text
    data = admin.get(LAST).json()
    event = next(e for e in data if e["name"] == "project:new")
    assert event["data"]["project_id"] == created.json()["id"]
    assert event["user_id"] == str(admin.person.id)
    assert STAMP.fullmatch(event["created_at"])
    assert admin.get(NAMES).json() == sorted({e["name"] for e in data})


def test_last_events_date_and_cursor_filters(admin, log):
    assert _names(admin.get(LAST, params={"after": "2026-01-03T12:00:00"})) == [
        "asset:delete",
        "person:set-thumbnail",
    ]
    assert _names(admin.get(LAST, params={"before": "2026-01-02"})) == ["asset:new"]
    both = {"after": "2026-01-01T12:00:00", "before": "2026-01-04"}
    assert _names(admin.get(LAST, params=both)) == ["shot:update", "preview-file:add-file"]
    cursor = {"cursor_event_id": str(log["shot_update"].id)}
    assert _names(admin.get(LAST, params=cursor)) == ["preview-file:add-file", "asset:new"]
    assert _names(admin.get(LAST, params={"limit": 2})) == ["asset:delete", "person:set-thumbnail"]
    assert _names(admin.get(LAST, params={"limit": 0})) == []


def test_last_events_name_filters(admin, log):
    assert _names(admin.get(LAST, params={"name": "shot:update"})) == ["shot:update"]
    assert _names(admin.get(LAST, params={"name": "shot"})) == []
    prefixes = [("name_prefixes", "asset"), ("name_prefixes", "shot")]
    assert _names(admin.get(LAST, params=prefixes)) == ["asset:delete", "shot:update", "asset:new"]
    suffixes = [("name_suffixes", "new"), ("name_suffixes", "add-file")]
    assert _names(admin.get(LAST, params=suffixes)) == ["preview-file:add-file", "asset:new"]
    both = [("name_prefixes", "asset"), ("name_suffixes", "new")]
    assert _names(admin.get(LAST, params=both)) == ["asset:new"]
    # A prefix is a whole object name, not the start of one.
    assert _names(admin.get(LAST, params={"name_prefixes": "asse"})) == []


def test_last_events_person_project_and_file_filters(admin, log):
    one = {"person_ids": str(log["alice"].id)}
    assert _names(admin.get(LAST, params=one)) == ["preview-file:add-file", "asset:new"]
    two = [("person_ids", str(log["alice"].id)), ("person_ids", str(log["bob"].id))]
    assert len(_names(admin.get(LAST, params=two))) == 5
    project = {"project_id": str(log["second"].id)}
    assert _names(admin.get(LAST, params=project)) == ["shot:update"]
    assert _names(admin.get(LAST, params={"project_id": str(uuid.uuid4())})) == []
    files = _names(admin.get(LAST, params={"only_files": "true"}))
    assert files == ["person:set-thumbnail", "preview-file:add-file"]
    # Zou compares with the exact string "true".
    assert len(_names(admin.get(LAST, params={"only_files": "True"}))) == 5


def test_limit_defaults_to_100_and_is_capped_at_1000(admin, db):
    start = dt.datetime(2026, 1, 1)
    rows = [
        {"id": uuid.uuid4(), "name": "thing:update", "created_at": start + dt.timedelta(seconds=i)}
        for i in range(1005)
    ]
    db.execute(insert(ApiEvent), rows)
    db.commit()
    assert len(admin.get(LAST).json()) == 100
    assert len(admin.get(LAST, params={"limit": 5000}).json()) == 1000


def test_last_events_permissions(as_role, db, log):
    manager = _member(as_role, db, log["first"], "manager")
    assert _names(manager.get(LAST)) == ["asset:delete", "preview-file:add-file", "asset:new"]
    mine = {"project_id": str(log["first"].id)}
    assert len(_names(manager.get(LAST, params=mine))) == 3
    for project_id in (str(log["second"].id), str(uuid.uuid4())):
        assert manager.get(LAST, params={"project_id": project_id}).status_code == 403
    outsider = as_role("manager")
    assert _names(outsider.get(LAST)) == []
    for role in ("supervisor", "user", "client", "vendor", "bot"):
        client = _member(as_role, db, log["first"], role)
        for params in ({}, mine):
            response = client.get(LAST, params=params)
            assert response.status_code == 403, role
            assert response.json()["error"] is True


def test_project_manager_role_applies_to_that_project_only(as_role, db, log):
    lead = _member(as_role, db, log["first"], "supervisor", link_role="manager")
    mine = {"project_id": str(log["first"].id)}
    assert len(_names(lead.get(LAST, params=mine))) == 3
    assert lead.get(LAST).status_code == 403
    assert lead.get(LAST, params={"project_id": str(log["second"].id)}).status_code == 403
    assert lead.get(LAST, params={"project_id": str(uuid.uuid4())}).status_code == 403


@pytest.fixture()
def logins(db, admin):
    alice, bob = factories.make_person(db), factories.make_person(db)
    found = {}
    for key, person, day, origin in (
        ("old", alice, 1, "web"),
        ("middle", bob, 2, "script"),
        ("new", alice, 3, "web"),
    ):
        row = LoginLog(person_id=person.id, ip_address="10.0.0.1", origin=origin)
        row.created_at = _at(day)
        db.add(row)
        db.flush()
        found[key] = row
    db.commit()
    return {"alice": alice, "bob": bob, **found}


def test_login_logs_shape_filters_and_cursor(admin, logins):
    data = admin.get(LOGINS).json()
    assert [log["id"] for log in data] == [
        str(logins["new"].id),
        str(logins["middle"].id),
        str(logins["old"].id),
    ]
    assert data[0] == {
        "id": str(logins["new"].id),
        "created_at": "2026-01-03T12:00:00",
        "ip_address": "10.0.0.1",
        "person_id": str(logins["alice"].id),
        "origin": "web",
    }
    assert list(data[0]) == ["id", "created_at", "ip_address", "person_id", "origin"]

    def ids(**params):
        response = admin.get(LOGINS, params=params)
        assert response.status_code == 200, response.text
        return [log["id"] for log in response.json()]

    assert ids(person_ids=str(logins["bob"].id)) == [str(logins["middle"].id)]
    assert ids(after="2026-01-02T12:00:00") == [str(logins["new"].id)]
    assert ids(before="2026-01-02") == [str(logins["old"].id)]
    assert ids(cursor_login_log_id=str(logins["middle"].id)) == [str(logins["old"].id)]
    assert ids(limit=1) == [str(logins["new"].id)]


@pytest.mark.parametrize("role", ["manager", "supervisor", "user", "client", "vendor", "bot"])
def test_login_logs_are_for_admins_only(as_role, db, role):
    project = factories.make_project(db)
    client = _member(as_role, db, project, role)
    response = client.get(LOGINS)
    assert response.status_code == 403
    assert response.json()["error"] is True


def test_event_names_sorted_and_distinct(admin, as_role, db, log):
    factories.make_api_event(db, name="asset:new")
    db.commit()
    expected = [
        "asset:delete",
        "asset:new",
        "person:set-thumbnail",
        "preview-file:add-file",
        "shot:update",
    ]
    assert admin.get(NAMES).json() == expected
    # Not scoped: a manager outside every project sees the same list.
    assert as_role("manager").get(NAMES).json() == expected


@pytest.mark.parametrize("role", ["supervisor", "user", "client", "vendor", "bot"])
def test_event_names_need_a_manager(as_role, db, role):
    project = factories.make_project(db)
    # A manager role on one project does not open the studio-wide name list.
    client = _member(as_role, db, project, role, link_role="manager")
    assert client.get(NAMES).status_code == 403


BAD_LAST = [
    ({"project_id": "nope"}, "The project_id parameter is not a valid id"),
    ({"project_id": ""}, "The project_id parameter is not a valid id"),
    ({"project_id": uuid.uuid4().hex}, "The project_id parameter is not a valid id"),
    ({"cursor_event_id": "x"}, "The cursor_event_id parameter is not a valid id"),
    ({"person_ids": "x"}, "The person_ids parameter contains an invalid id"),
    ({"name_prefixes": "as%"}, "The name_prefixes parameter contains an invalid value"),
    ({"name_suffixes": "New"}, "The name_suffixes parameter contains an invalid value"),
    ({"name_suffixes": ""}, "The name_suffixes parameter contains an invalid value"),
    ({"limit": "ten"}, "Wrong value for parameter limit."),
    ({"limit": ""}, "Wrong value for parameter limit."),
    ({"after": "2026-13-01"}, "Wrong date format"),
    ({"before": "yesterday"}, "Wrong date format"),
    ({"after": ""}, "Wrong date format"),
]


@pytest.mark.parametrize(("params", "message"), BAD_LAST)
def test_last_events_bad_input_is_400(admin, log, params, message):
    response = admin.get(LAST, params=params)
    assert response.status_code == 400, response.text
    body = response.json()
    assert body["error"] is True and body["data"] is None
    assert body["message"].startswith(message)


def test_unknown_cursor_negative_limit_and_nul_name(admin, log):
    unknown = str(uuid.uuid4())
    response = admin.get(LAST, params={"cursor_event_id": unknown})
    assert response.status_code == 400
    assert response.json()["message"] == f"No event found with id: {unknown}"
    response = admin.get(LOGINS, params={"cursor_login_log_id": unknown})
    assert response.json()["message"] == f"No login log found with id: {unknown}"
    assert admin.get(LAST, params={"limit": "-1"}).status_code == 400
    assert admin.get(LOGINS, params={"limit": "-1"}).status_code == 400
    assert _names(admin.get(LAST, params={"name": "a\x00b"})) == []


@pytest.mark.parametrize(
    "params",
    [
        {"limit": "x"},
        {"after": "bad"},
        {"before": "2026-02-30"},
        {"cursor_login_log_id": "x"},
        {"person_ids": "x"},
    ],
)
def test_login_logs_bad_input_is_400(admin, params):
    response = admin.get(LOGINS, params=params)
    assert response.status_code == 400
    assert response.json()["error"] is True


def test_checks_run_in_zous_order(as_role, log):
    artist = as_role("user")
    # The limit is read before the role check, the other parameters after it.
    assert artist.get(LAST, params={"limit": "x"}).status_code == 400
    assert artist.get(LAST, params={"project_id": "x"}).status_code == 400
    assert artist.get(LAST, params={"after": "x"}).status_code == 403
    assert artist.get(LOGINS, params={"limit": "x"}).status_code == 400
    assert artist.get(LOGINS, params={"after": "x"}).status_code == 403


def _add_events(db, project, count):
    for _ in range(count):
        factories.make_api_event(db, project_id=project.id)
    db.commit()


# Beyond authentication (whose statements differ per backend): the caller's team, then one read.
@pytest.mark.parametrize(("url", "expected"), [(LAST, 2), (LOGINS, 1), (NAMES, 1)])
def test_query_count_does_not_grow_with_rows(as_role, admin, db, count_queries, url, expected):
    project = factories.make_project(db)
    client = admin if url == LOGINS else _member(as_role, db, project, "manager")
    totals, own = [], []
    for _ in range(2):
        _add_events(db, project, 10)
        db.add_all(LoginLog(person_id=admin.person.id, origin="web") for _ in range(10))
        db.commit()
        with count_queries() as counter:
            response = client.get(url, params={"project_id": str(project.id)})
        assert response.status_code == 200
        assert len(response.json()) >= 10
        totals.append(counter.count)
        tables = ("api_event", "login_log", "project_person_link")
        own.append(sum(any(t in s for t in tables) for s in counter.statements))
    assert totals[0] == totals[1]
    assert own == [expected, expected]
