"""GET /data/user/context: what Kitsu loads at login."""

from __future__ import annotations

from typing import Any

import pytest

from reeltrack.models.entity_type import task_type_asset_type_link
from tests import factories as f

KEYS = {
    "asset_types",
    "custom_actions",
    "status_automations",
    "departments",
    "studios",
    "notification_count",
    "persons",
    "project_status",
    "project_roles",
    "projects",
    "task_types",
    "task_status",
    "search_filters",
    "search_filter_groups",
    "preview_background_files",
    "plugins",
}


def _context(client: Any) -> dict[str, Any]:
    response = client.get("/data/user/context")
    assert response.status_code == 200, response.text
    return response.json()


def test_context_of_an_artist(as_role, db) -> None:
    artist = as_role("user")
    department = f.make_department(db)
    f.add_to_department(db, artist.person, department)
    mine = f.make_project(db, team=[artist.person])
    f.make_project(db)
    asset = f.make_entity(db, mine)
    task_type = f.make_task_type(db)
    db.execute(
        task_type_asset_type_link.insert().values(
            asset_type_id=asset.entity_type_id, task_type_id=task_type.id
        )
    )
    f.make_notification(db, person_id=artist.person.id)
    f.make_notification(db, person_id=artist.person.id, read=True)
    f.make_search_filter(db, person_id=artist.person.id)
    f.make_plugin(db)
    db.commit()

    data = _context(artist)

    assert set(data) == KEYS
    assert data["notification_count"] == 1
    assert [p["id"] for p in data["projects"]] == [str(mine.id)]
    asset_type = next(t for t in data["asset_types"] if t["id"] == str(asset.entity_type_id))
    assert asset_type["type"] == "AssetType"
    assert asset_type["task_types"] == [str(task_type.id)]
    assert str(task_type.id) in {t["id"] for t in data["task_types"]}
    me = next(p for p in data["persons"] if p["id"] == str(artist.person.id))
    assert me["departments"] == [str(department.id)]
    assert "email" not in me  # the minimal view
    assert "password" not in me
    assert list(data["search_filters"]) == ["asset"]
    assert set(data["plugins"][0]) >= {"plugin_id", "icon", "frontend_studio_enabled"}
    assert "website" not in data["plugins"][0]


def test_managers_get_the_safe_person_view_and_admins_the_user_limit(as_role, db) -> None:
    manager = as_role("manager")
    admin = as_role("admin")

    managed = _context(manager)
    me = next(p for p in managed["persons"] if p["id"] == str(manager.person.id))
    assert me["email"] == manager.person.email
    assert "password" not in me
    assert "user_limit" not in managed
    assert isinstance(_context(admin)["user_limit"], int)


def test_clients_only_meet_their_teams(as_role, db) -> None:
    client = as_role("client")
    teammate = f.make_person(db, first_name="Zed")
    stranger = f.make_person(db)
    f.make_project(db, team=[client.person, teammate])
    f.make_project(db, team=[stranger])
    db.commit()

    persons = _context(client)["persons"]

    assert sorted(p["id"] for p in persons) == sorted([str(client.person.id), str(teammate.id)])
    assert set(persons[0]) == {
        "id",
        "type",
        "first_name",
        "last_name",
        "full_name",
        "has_avatar",
        "active",
        "role",
        "is_bot",
    }


def test_project_roles_are_the_explicit_team_roles(as_role, db) -> None:
    artist = as_role("user")
    project = f.make_project(db)
    plain = f.make_project(db, team=[artist.person])
    from reeltrack.models.project import project_person_link

    db.execute(
        project_person_link.insert().values(
            project_id=project.id, person_id=artist.person.id, role="supervisor"
        )
    )
    db.commit()

    roles = _context(artist)["project_roles"]

    assert roles == {str(project.id): "supervisor"}
    assert str(plain.id) not in roles


def test_guests_are_left_out(as_role, db) -> None:
    artist = as_role("user")
    guest = f.make_person(db, is_guest=True)
    db.commit()
    assert str(guest.id) not in {p["id"] for p in _context(artist)["persons"]}


@pytest.mark.parametrize("role", ["supervisor", "vendor"])
def test_other_roles_get_minimal_persons(as_role, role) -> None:
    caller = as_role(role)
    me = next(p for p in _context(caller)["persons"] if p["id"] == str(caller.person.id))
    assert "email" not in me
    assert me["role"] == role


def test_context_needs_a_token(client) -> None:
    assert client.get("/data/user/context").status_code == 401


def test_context_query_count_is_fixed(as_role, db, count_queries) -> None:
    manager = as_role("manager")

    def add(count: int) -> None:
        for _ in range(count):
            person = f.make_person(db)
            f.add_to_department(db, person, f.make_department(db))
            f.make_project(db, team=[manager.person, person])
            f.make_entity(db)
        db.commit()

    add(2)
    with count_queries() as small:
        _context(manager)
    add(8)
    with count_queries() as large:
        data = _context(manager)
    assert len(data["projects"]) == 10
    assert small.count == large.count
