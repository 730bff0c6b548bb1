"""Batch casting: PUT .../entities/casting and PUT .../entities/casting/assets/<asset_id>."""

from __future__ import annotations

import uuid

import pytest

from tests.crud.support import assert_error, assert_forbidden, events, one_event
from tests.routes.breakdown.helpers import (
    ROLES,
    assert_bad,
    cast,
    fresh,
    link,
    links_of,
    make_production,
    member,
)


def _many_url(prod) -> str:
    return f"/data/projects/{prod.pid}/entities/casting"


def _one_url(prod, asset) -> str:
    return f"/data/projects/{prod.pid}/entities/casting/assets/{asset.id}"


def test_several_entities_at_once(admin, db, prod) -> None:
    first, second = prod.shots
    body = {str(first.id): [cast(prod.hero)], str(second.id): [cast(prod.chair, 2)]}
    response = admin.put(_many_url(prod), json=body)
    assert response.status_code == 200, response.text
    assert response.json() == body
    assert set(links_of(db, first)) == {str(prod.hero.id)}
    assert links_of(db, second)[str(prod.chair.id)].nb_occurences == 2
    assert len(events(db, "shot:casting-update")) == 2


def test_several_entities_all_or_nothing(admin, db, prod) -> None:
    first, second = prod.shots
    other = make_production(db)
    bad_asset = {str(first.id): [cast(prod.hero)], str(second.id): [cast(other.hero)]}
    assert_error(admin.put(_many_url(prod), json=bad_asset), 400)
    foreign = {str(first.id): [cast(prod.hero)], str(other.shots[0].id): [cast(prod.hero)]}
    assert_forbidden(admin.put(_many_url(prod), json=foreign))
    unknown = {str(first.id): [cast(prod.hero)], str(uuid.uuid4()): []}
    assert_error(admin.put(_many_url(prod), json=unknown), 404)
    assert_error(admin.put(_many_url(prod), json={"nope": []}), 400, "Malformed ID.")
    assert_error(admin.put(_many_url(prod), json=[cast(prod.hero)]), 400)
    assert_error(admin.put(_many_url(prod), json={str(first.id): {}}), 400)
    assert links_of(db, first) == {}
    assert events(db) == []


def test_cast_one_asset_keeps_or_sets_count_and_label(admin, db, prod) -> None:
    first, second = prod.shots
    link(db, first, prod.hero, nb_occurences=3, label="crowd")
    body = {"entity_ids": [str(first.id), str(second.id)]}
    response = admin.put(_one_url(prod, prod.hero), json=body)
    assert response.status_code == 200, response.text
    result = response.json()
    assert set(result) == {str(first.id), str(second.id)}
    assert result[str(first.id)][0]["nb_occurences"] == 3
    assert result[str(first.id)][0]["label"] == "crowd"
    assert result[str(second.id)][0]["nb_occurences"] == 1
    assert result[str(second.id)][0]["label"] == ""
    assert fresh(db, second).nb_entities_out == 1
    diffs = {
        e.data["shot_id"]: e.data["added_asset_ids"] for e in events(db, "shot:casting-update")
    }
    assert diffs == {str(first.id): [], str(second.id): [str(prod.hero.id)]}
    assert one_event(db, "entity-link:update").data["nb_occurences"] == 3
    # The second shot brought the hero into the episode.
    assert str(prod.hero.id) in links_of(db, prod.episode)

    body = {"entity_ids": [str(first.id)], "nb_occurences": 5, "label": "hero"}
    admin.put(_one_url(prod, prod.hero), json=body)
    row = links_of(db, first)[str(prod.hero.id)]
    assert (row.nb_occurences, row.label) == (5, "hero")


def test_zero_occurences_uncasts(admin, db, prod) -> None:
    first, second = prod.shots
    link(db, first, prod.hero)
    body = {"entity_ids": [str(first.id), str(second.id)], "nb_occurences": 0}
    response = admin.put(_one_url(prod, prod.hero), json=body)
    assert response.status_code == 200, response.text
    assert response.json() == {str(first.id): [], str(second.id): []}
    assert links_of(db, first) == {}
    removed = one_event(db, "shot:casting-update").data
    assert removed["removed_asset_ids"] == [str(prod.hero.id)]


def test_uncast_from_episode_cascades_to_shots(admin, db, prod) -> None:
    admin.put(prod.casting_url(prod.shots[0]), json=[cast(prod.chair)])
    body = {"entity_ids": [str(prod.episode.id)], "nb_occurences": 0}
    assert admin.put(_one_url(prod, prod.chair), json=body).status_code == 200
    assert links_of(db, prod.shots[0]) == {}
    assert links_of(db, prod.episode) == {}


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"entity_ids": []},
        {"entity_ids": ["nope"]},
        {"entity_ids": "{shot}"},
        {"entity_ids": ["{shot}"], "nb_occurences": -1},
        {"entity_ids": ["{shot}"], "nb_occurences": "x"},
        {"entity_ids": ["{shot}"], "label": "y" * 81},
    ],
)
def test_cast_one_bad_bodies(admin, db, prod, body) -> None:
    shot = str(prod.shots[0].id)
    body = {
        k: ([shot if x == "{shot}" else x for x in v] if isinstance(v, list) else v)
        for k, v in body.items()
    }
    assert_bad(admin.put(_one_url(prod, prod.hero), json=body))
    assert links_of(db, prod.shots[0]) == {}


def test_cast_one_wrong_ids(admin, db, prod) -> None:
    other = make_production(db)
    shot_ids = {"entity_ids": [str(prod.shots[0].id)]}
    assert_error(admin.put(_one_url(prod, prod.shots[1]), json=shot_ids), 404)
    url = f"/data/projects/{prod.pid}/entities/casting/assets/nope"
    assert_error(admin.put(url, json=shot_ids), 400, "Malformed ID.")
    assert_error(admin.put(_one_url(prod, other.hero), json=shot_ids), 400)
    foreign = {"entity_ids": [str(other.shots[0].id)]}
    assert_forbidden(admin.put(_one_url(prod, prod.hero), json=foreign))
    unknown = {"entity_ids": [str(uuid.uuid4())]}
    assert_error(admin.put(_one_url(prod, prod.hero), json=unknown), 404)
    assert links_of(db, prod.shots[0]) == {}


@pytest.mark.parametrize("role", ROLES)
def test_batch_role_matrix(as_role, db, prod, role) -> None:
    caller = member(as_role, db, prod.project, role)
    shot = prod.shots[0]
    many = caller.put(_many_url(prod), json={str(shot.id): [cast(prod.hero)]})
    one = caller.put(_one_url(prod, prod.chair), json={"entity_ids": [str(shot.id)]})
    if role in ("admin", "manager"):
        assert many.status_code == 200, many.text
        assert one.status_code == 200, one.text
        assert set(links_of(db, shot)) == {str(prod.hero.id), str(prod.chair.id)}
    else:
        assert_forbidden(many)
        assert_forbidden(one)
        assert links_of(db, shot) == {}
