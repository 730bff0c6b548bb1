"""GET /data/projects/<id>/entity-links (plain, paged, cursor) and DELETE .../entity-links/<id>."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta

import pytest

from tests.crud.support import assert_error, assert_forbidden, events, one_event
from tests.routes.breakdown.helpers import ROLES, fresh, link, links_of, make_production, member


def _dated_links(db, prod) -> list:
    start = datetime(2024, 1, 1, 10, 0, 0)
    rows = []
    for i, (holder, asset) in enumerate(
        [(prod.shots[0], prod.hero), (prod.shots[1], prod.hero), (prod.hero, prod.chair)]
    ):
        rows.append(link(db, holder, asset, created_at=start + timedelta(minutes=i)))
    return rows


def test_plain_list(admin, db, prod) -> None:
    rows = _dated_links(db, prod)
    link(db, make_production(db).shots[0], prod.chair)  # another production's shot
    response = admin.get(f"/data/projects/{prod.pid}/entity-links")
    assert response.status_code == 200, response.text
    data = response.json()
    assert [row["id"] for row in data] == [str(row.id) for row in rows]
    assert data[0] == {
        "id": str(rows[0].id),
        "entity_in_id": str(prod.shots[0].id),
        "entity_out_id": str(prod.hero.id),
        "nb_occurences": 1,
        "label": "",
        "data": None,
        "created_at": "2024-01-01T10:00:00.000000",
        "type": "EntityLink",
    }
    limited = admin.get(f"/data/projects/{prod.pid}/entity-links?limit=2").json()
    assert len(limited) == 2


def test_pages_and_cursor(admin, db, prod) -> None:
    rows = _dated_links(db, prod)
    base = f"/data/projects/{prod.pid}/entity-links"
    page = admin.get(f"{base}?page=2&limit=2").json()
    assert {k: page[k] for k in ("total", "nb_pages", "limit", "offset", "page")} == {
        "total": 3,
        "nb_pages": 2,
        "limit": 2,
        "offset": 2,
        "page": 2,
    }
    assert [row["id"] for row in page["data"]] == [str(rows[2].id)]
    assert page["data"][0]["type"] == "EntityLink"
    assert page["data"][0]["created_at"] == "2024-01-01T10:02:00"
    assert admin.get(f"{base}?page=9&limit=2").json()["data"] == []
    assert admin.get(f"{base}?page=1&limit={10**30}").status_code == 200

    after = admin.get(f"{base}?cursor_created_at=2024-01-01T10:00:00.000000&limit=1").json()
    assert after["total"] == 3 and after["limit"] == 1
    assert [row["id"] for row in after["data"]] == [str(rows[1].id)]
    assert after["data"][0]["created_at"] == "2024-01-01T10:01:00.000000"


@pytest.mark.parametrize(
    "query", ["page=x", "limit=1.5", "cursor_created_at=yesterday", "cursor_created_at=2024-01-01"]
)
def test_bad_parameters(admin, prod, query) -> None:
    assert_error(admin.get(f"/data/projects/{prod.pid}/entity-links?{query}"), 400)


def test_delete_link_uncasts_and_answers_the_link(admin, db, prod) -> None:
    shot = prod.shots[0]
    admin.put(prod.casting_url(shot), json=[{"asset_id": str(prod.hero.id), "nb_occurences": 2}])
    row = links_of(db, shot)[str(prod.hero.id)]
    response = admin.delete(f"/data/projects/{prod.pid}/entity-links/{row.id}")
    assert response.status_code == 200, response.text
    body = response.json()
    assert (body["id"], body["type"], body["nb_occurences"]) == (str(row.id), "EntityLink", 2)
    assert links_of(db, shot) == {}
    assert fresh(db, shot).nb_entities_out == 0
    removed = [e.data for e in events(db, "shot:casting-update") if e.data["removed_asset_ids"]]
    assert removed and removed[0]["removed_asset_ids"] == [str(prod.hero.id)]


def test_delete_episode_link_does_not_cascade(admin, db, prod) -> None:
    link(db, prod.shots[0], prod.hero)
    row = link(db, prod.episode, prod.hero)
    response = admin.delete(f"/data/projects/{prod.pid}/entity-links/{row.id}")
    assert response.status_code == 200, response.text
    assert set(links_of(db, prod.shots[0])) == {str(prod.hero.id)}
    assert one_event(db, "episode:casting-update").data["removed_asset_ids"] == [str(prod.hero.id)]


def test_delete_wrong_ids(admin, db, prod) -> None:
    other = make_production(db)
    foreign = link(db, other.shots[0], other.hero)
    base = f"/data/projects/{prod.pid}/entity-links"
    assert_forbidden(admin.delete(f"{base}/{foreign.id}"))
    assert_error(admin.delete(f"{base}/{uuid.uuid4()}"), 404)
    assert_error(admin.delete(f"{base}/{prod.hero.id}"), 404)
    assert_error(admin.delete(f"{base}/nope"), 400, "Malformed ID.")
    assert set(links_of(db, other.shots[0])) == {str(other.hero.id)}


@pytest.mark.parametrize("role", ROLES)
def test_role_matrix(as_role, db, prod, role) -> None:
    caller = member(as_role, db, prod.project, role)
    row = link(db, prod.shots[0], prod.hero)
    listing = caller.get(f"/data/projects/{prod.pid}/entity-links")
    removal = caller.delete(f"/data/projects/{prod.pid}/entity-links/{row.id}")
    if role in ("admin", "manager"):
        assert listing.status_code == 200 and len(listing.json()) == 1
        assert removal.status_code == 200, removal.text
    else:
        assert_forbidden(listing)
        assert_forbidden(removal)
        assert set(links_of(db, prod.shots[0])) == {str(prod.hero.id)}
