"""The caller's search filters and filter groups under /data/user/filters|filter-groups."""

from __future__ import annotations

import uuid
from typing import Any

import pytest

from tests import factories as f


def test_create_filter_belongs_to_caller_and_lists_grouped(as_role, db) -> None:
    artist = as_role("user")
    project = f.make_project(db, team=[artist.person])
    db.commit()

    response = artist.post(
        "/data/user/filters",
        json={
            "name": "Mine",
            "query": "modeling=wip",
            "list_type": "asset",
            "project_id": str(project.id),
        },
    )

    assert response.status_code == 201
    created = response.json()
    assert created["type"] == "SearchFilter"
    assert created["person_id"] == str(artist.person.id)
    assert created["search_query"] == "modeling=wip"
    assert created["is_shared"] is False
    listing = artist.get("/data/user/filters").json()
    assert listing == {"asset": {str(project.id): [created]}}


def test_project_less_filter_is_listed_under_all_and_default_list_type_is_todo(as_role) -> None:
    artist = as_role("user")
    created = artist.post("/data/user/filters", json={"name": "n", "query": "q"}).json()
    assert created["list_type"] == "todo"
    assert artist.get("/data/user/filters").json() == {"todo": {"all": [created]}}


def test_filters_of_others_and_of_closed_projects_are_not_listed(as_role, db) -> None:
    artist = as_role("user")
    other = f.make_person(db)
    closed = f.make_project(db, closed=True)
    f.make_search_filter(db, person_id=other.id)
    f.make_search_filter(db, person_id=artist.person.id, project_id=closed.id)
    shared = f.make_search_filter(db, person_id=other.id, is_shared=True)
    dept = f.make_department(db)
    f.make_search_filter(db, person_id=other.id, is_shared=True, department_id=dept.id)
    db.commit()

    listing = artist.get("/data/user/filters").json()

    assert [row["id"] for row in listing["asset"]["all"]] == [str(shared.id)]


def test_only_project_managers_may_share(as_role, db) -> None:
    artist = as_role("user")
    manager = as_role("manager")
    project = f.make_project(db, team=[artist.person, manager.person])
    db.commit()
    body = {"name": "n", "query": "q", "is_shared": True, "project_id": str(project.id)}

    assert artist.post("/data/user/filters", json=body).json()["is_shared"] is False
    assert manager.post("/data/user/filters", json=body).json()["is_shared"] is True
    no_project = {"name": "n", "query": "q", "is_shared": True}
    assert manager.post("/data/user/filters", json=no_project).json()["is_shared"] is False


def test_update_and_delete_own_filter(as_role, db) -> None:
    artist = as_role("user")
    row = f.make_search_filter(db, person_id=artist.person.id)
    db.commit()

    response = artist.put(f"/data/user/filters/{row.id}", json={"name": "new", "search_query": "z"})

    assert response.status_code == 200
    assert response.json()["name"] == "new"
    assert response.json()["search_query"] == "z"
    assert artist.delete(f"/data/user/filters/{row.id}").status_code == 204
    assert artist.get("/data/user/filters").json() == {}


def test_someone_elses_filter_is_404_except_for_admins(as_role, db) -> None:
    artist = as_role("user")
    admin = as_role("admin")
    row = f.make_search_filter(db)
    db.commit()

    assert artist.put(f"/data/user/filters/{row.id}", json={"name": "x"}).status_code == 404
    assert artist.delete(f"/data/user/filters/{row.id}").status_code == 404
    assert admin.put(f"/data/user/filters/{row.id}", json={"name": "x"}).status_code == 200


def test_filter_in_group_must_share_its_sharing(as_role, db) -> None:
    manager = as_role("manager")
    project = f.make_project(db, team=[manager.person])
    group = f.make_search_filter_group(
        db, person_id=manager.person.id, is_shared=True, project_id=project.id
    )
    db.commit()
    body = {"name": "n", "query": "q", "search_filter_group_id": str(group.id)}

    response = manager.post("/data/user/filters", json=body)
    assert response.status_code == 400
    assert "same value for is_shared" in response.json()["message"]

    body.update(is_shared=True, project_id=str(project.id))
    assert manager.post("/data/user/filters", json=body).status_code == 201


@pytest.mark.parametrize(
    ("body", "status"),
    [
        ({"query": "q"}, 400),
        ({"name": "", "query": "q"}, 400),
        ({"name": "n", "query": "q", "project_id": "nope"}, 400),
        ({"name": "n", "query": "q", "project_id": str(uuid.uuid4())}, 404),
        ({"name": "n", "query": "q", "department_id": str(uuid.uuid4())}, 404),
        ({"name": "n", "query": "q", "search_filter_group_id": str(uuid.uuid4())}, 404),
    ],
)
def test_create_filter_bad_input(as_role, body: dict[str, Any], status: int) -> None:
    assert as_role("user").post("/data/user/filters", json=body).status_code == status


def test_malformed_ids_in_path(as_role) -> None:
    artist = as_role("user")
    for response in (
        artist.put("/data/user/filters/nope", json={}),
        artist.delete("/data/user/filters/nope"),
        artist.get("/data/user/filter-groups/nope"),
    ):
        assert response.status_code == 400
        assert response.json()["message"] == "Malformed ID."


def test_filter_group_crud(as_role, db) -> None:
    artist = as_role("user")
    created = artist.post(
        "/data/user/filter-groups", json={"name": "G", "color": "#00ff00", "list_type": "shot"}
    )
    assert created.status_code == 201
    group = created.json()
    assert group["type"] == "SearchFilterGroup"
    assert group["person_id"] == str(artist.person.id)
    assert artist.get("/data/user/filter-groups").json() == {"shot": {"all": [group]}}
    assert artist.get(f"/data/user/filter-groups/{group['id']}").json() == group

    updated = artist.put(f"/data/user/filter-groups/{group['id']}", json={"name": "H"})
    assert updated.json()["name"] == "H"

    inner = f.make_search_filter(
        db, person_id=artist.person.id, search_filter_group_id=uuid.UUID(group["id"])
    )
    inner_id = inner.id
    db.commit()
    assert artist.delete(f"/data/user/filter-groups/{group['id']}").status_code == 204
    assert artist.get(f"/data/user/filter-groups/{group['id']}").status_code == 404
    db.expire_all()
    from reeltrack.models import SearchFilter

    assert db.get(SearchFilter, inner_id) is None


def test_group_sharing_change_carries_its_filters(as_role, db) -> None:
    manager = as_role("manager")
    project = f.make_project(db, team=[manager.person])
    group = f.make_search_filter_group(
        db, person_id=manager.person.id, is_shared=False, project_id=project.id
    )
    inner = f.make_search_filter(db, person_id=manager.person.id, search_filter_group_id=group.id)
    inner_id, group_id = inner.id, group.id
    db.commit()

    response = manager.put(
        f"/data/user/filter-groups/{group_id}",
        json={"is_shared": True, "project_id": str(project.id)},
    )

    assert response.json()["is_shared"] is True
    db.expire_all()
    from reeltrack.models import SearchFilter

    assert db.get(SearchFilter, inner_id).is_shared is True


def test_other_persons_group_is_hidden(as_role, db) -> None:
    artist = as_role("user")
    group = f.make_search_filter_group(db)
    db.commit()
    assert artist.get(f"/data/user/filter-groups/{group.id}").status_code == 404
    assert artist.delete(f"/data/user/filter-groups/{group.id}").status_code == 404
    assert artist.get("/data/user/filter-groups").json() == {}
