"""GET /data/assets/with-tasks: the asset board, its shape, filters, roles and query count."""

from __future__ import annotations

from typing import Any

import pytest

from tests import factories as f
from tests.routes.assets.production import add_asset, production, team_member

URL = "/data/assets/with-tasks"


def test_rows_carry_zou_fields_and_nested_tasks(admin, db) -> None:
    artist = f.make_person(db)
    prod = production(db, nb_assets=0)
    asset = add_asset(db, prod, assignees=[artist], name="chair", data={"k": 1})
    f.make_subscription(db, person_id=admin.person.id, task_id=prod.tasks[0].id, entity_id=asset.id)
    db.commit()

    response = admin.get(URL, params={"project_id": str(prod.project.id)})

    assert response.status_code == 200
    [row] = response.json()
    assert row == {
        "id": str(asset.id),
        "name": "chair",
        "preview_file_id": "",
        "description": None,
        "asset_type_name": prod.asset_type.name,
        "asset_type_id": str(prod.asset_type.id),
        "canceled": False,
        "ready_for": "None",
        "episode_id": "",
        "casting_episode_ids": [],
        "is_casting_standby": False,
        "is_shared": False,
        "data": {"k": 1},
        "tasks": row["tasks"],
    }
    [task] = row["tasks"]
    task_id = str(prod.tasks[0].id)
    assert task["id"] == task_id
    assert task["entity_id"] == str(asset.id)
    assert task["task_status_id"] == str(prod.status.id)
    assert task["task_type_id"] == str(prod.task_type.id)
    assert task["assignees"] == [str(artist.id)]
    assert task["is_subscribed"] is True
    assert task["due_date"] == "2026-03-04T05:06:07"
    assert task["estimation"] == 3
    assert task["priority"] == 0
    assert task["last_preview_file_id"] is None
    assert "nb_drawings" not in task


def test_episode_filter_main_cast_and_own_episode(admin, db) -> None:
    prod = production(db, nb_assets=0)
    episode = f.make_entity(db, prod.project, type_name="Episode", name="E01")
    add_asset(db, prod, name="main")
    add_asset(db, prod, name="own", source_id=episode.id)
    cast = add_asset(db, prod, name="cast")
    f.make_entity_link(db, entity_in_id=episode.id, entity_out_id=cast.id)
    db.commit()
    project = str(prod.project.id)

    def names(episode_id: str) -> list[str]:
        response = admin.get(URL, params={"project_id": project, "episode_id": episode_id})
        assert response.status_code == 200
        return sorted(row["name"] for row in response.json())

    assert names("main") == ["cast", "main"]
    assert names(str(episode.id)) == ["cast", "own"]
    assert names("all") == ["cast", "main", "own"]
    rows = {row["name"]: row for row in admin.get(URL, params={"project_id": project}).json()}
    assert rows["own"]["episode_id"] == str(episode.id)
    assert rows["cast"]["casting_episode_ids"] == [str(episode.id)]


def test_id_filter_and_rows_ordered_by_type_then_name(admin, db) -> None:
    prod = production(db, nb_assets=3)
    db.commit()
    response = admin.get(URL, params={"id": str(prod.assets[1].id)})
    assert [row["id"] for row in response.json()] == [str(prod.assets[1].id)]
    response = admin.get(URL, params={"project_id": str(prod.project.id)})
    assert [row["name"] for row in response.json()] == ["asset000", "asset001", "asset002"]


@pytest.mark.parametrize(
    ("params", "status"),
    [
        ({"project_id": "not-a-uuid"}, 400),
        ({"id": "12"}, 400),
        ({"episode_id": "nope"}, 400),
    ],
)
def test_malformed_ids_are_refused(admin, params, status) -> None:
    response = admin.get(URL, params=params)
    assert response.status_code == status
    assert response.json()["error"] is True


def test_artist_sees_team_projects_only(as_role, db) -> None:
    prod = production(db)
    other = production(db)
    artist = team_member(as_role, db, "user", prod)

    mine = artist.get(URL)
    assert mine.status_code == 200
    assert {row["id"] for row in mine.json()} == {str(a.id) for a in prod.assets}
    assert artist.get(URL, params={"project_id": str(other.project.id)}).status_code == 403
    unknown = "00000000-0000-0000-0000-000000000001"
    assert artist.get(URL, params={"project_id": unknown}).status_code == 404


def test_wrong_kind_episode_id_is_not_found(as_role, db) -> None:
    prod = production(db)
    artist = team_member(as_role, db, "user", prod)
    # An asset id where an episode id is expected.
    response = artist.get(URL, params={"episode_id": str(prod.assets[0].id)})
    assert response.status_code == 404


def test_vendor_sees_assigned_assets_and_own_tasks_only(as_role, db) -> None:
    prod = production(db, nb_assets=1)
    vendor = team_member(as_role, db, "vendor", prod)
    someone = f.make_person(db)
    mine = add_asset(db, prod, assignees=[vendor.person], name="mine")
    f.make_task(db, mine, assignees=[someone], task_status_id=prod.status.id)
    db.commit()

    response = vendor.get(URL, params={"project_id": str(prod.project.id)})

    assert response.status_code == 200
    [row] = response.json()
    assert row["id"] == str(mine.id)
    assert [task["assignees"] for task in row["tasks"]] == [[str(vendor.person.id)]]


def test_vendor_loses_metadata_of_other_departments(as_role, db) -> None:
    prod = production(db, nb_assets=0)
    vendor = team_member(as_role, db, "vendor", prod)
    department = f.make_department(db)
    mine_department = f.make_department(db)
    f.add_to_department(db, vendor.person, mine_department)
    from reeltrack.models import department_metadata_descriptor_link as link

    for name, dep in (("secret", department), ("shared", mine_department)):
        descriptor = f.make_metadata_descriptor(
            db, project_id=prod.project.id, entity_type="Asset", field_name=name, name=name
        )
        db.execute(link.insert().values(metadata_descriptor_id=descriptor.id, department_id=dep.id))
    add_asset(db, prod, assignees=[vendor.person], data={"secret": 1, "shared": 2, "free": 3})
    db.commit()

    [row] = vendor.get(URL, params={"project_id": str(prod.project.id)}).json()

    assert row["data"] == {"shared": 2, "free": 3}


def test_client_gets_blank_studio_fields(as_role, db) -> None:
    artist = f.make_person(db)
    prod = production(db, nb_assets=0)
    add_asset(db, prod, assignees=[artist])
    client = team_member(as_role, db, "client", prod)

    [row] = client.get(URL, params={"project_id": str(prod.project.id)}).json()

    [task] = row["tasks"]
    assert task["assignees"] == []
    assert task["estimation"] == 0
    assert task["due_date"] is None
    assert task["task_status_id"] == str(prod.status.id)


def test_compact_and_stream_options(admin, db) -> None:
    prod = production(db, nb_assets=2)
    db.commit()
    params = {"project_id": str(prod.project.id), "compact": "true"}

    body = admin.get(URL, params=params).json()

    assert body["compact"] is True
    fields = body["asset_fields"]
    assert fields[0] == "id" and fields[-1] == "tasks"
    first = dict(zip(fields, body["rows"][0], strict=True))
    assert first["name"] == "asset000"
    task = dict(zip(body["task_fields"], first["tasks"][0], strict=True))
    assert task["id"] == str(prod.tasks[0].id)
    streamed = admin.get(URL, params={**params, "stream": "true"})
    assert streamed.headers["content-type"].startswith("application/x-ndjson")
    lines = streamed.text.strip().split("\n")
    assert len(lines) == 3


def _count(admin: Any, count_queries: Any, project_id: str, runtime: Any) -> int:
    runtime.boards.clear()  # a cold board: the kept body would skip the list's queries
    with count_queries() as counter:
        response = admin.get(URL, params={"project_id": project_id})
    assert response.status_code == 200
    return counter.count


def test_query_count_does_not_grow_with_rows(as_role, db, count_queries, runtime) -> None:
    small = production(db, nb_assets=3)
    large = production(db, nb_assets=30)
    artist = as_role("user")
    for prod in (small, large):
        f.add_to_team(db, prod.project, artist.person)
    db.commit()
    assert len(artist.get(URL, params={"project_id": str(large.project.id)}).json()) == 30
    assert _count(artist, count_queries, str(small.project.id), runtime) == _count(
        artist, count_queries, str(large.project.id), runtime
    )


def test_unchanged_board_answers_not_modified(admin, db) -> None:
    prod = production(db, nb_assets=2)
    db.commit()
    params = {"project_id": str(prod.project.id)}

    first = admin.get(URL, params=params)
    etag = first.headers["etag"]
    assert first.headers["cache-control"] == "private, no-cache"

    again = admin.get(URL, params=params, headers={"If-None-Match": etag})
    assert again.status_code == 304
    assert again.content == b""
    other_filter = admin.get(
        URL, params={**params, "episode_id": "main"}, headers={"If-None-Match": etag}
    )
    assert other_filter.status_code == 200

    add_asset(db, prod, name="late")
    db.commit()
    changed = admin.get(URL, params=params, headers={"If-None-Match": etag})
    assert changed.status_code == 200
    assert changed.headers["etag"] != etag
    assert "etag" not in admin.get(URL).headers
