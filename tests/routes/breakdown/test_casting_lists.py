"""Production-wide castings: per sequence, episode's sequences, project, episodes, asset type."""

from __future__ import annotations

import uuid

import pytest

from tests import factories as f
from tests.crud.support import assert_error, assert_forbidden
from tests.routes.breakdown.helpers import ROLES, link, make_production, member


def _shot_entry(prod, asset, type_name, nb=1, label="") -> dict:
    return {
        "asset_id": str(asset.id),
        "name": asset.name,
        "asset_name": asset.name,
        "asset_type_name": type_name,
        "sequence_name": "SQ01",
        "preview_file_id": None,
        "nb_occurences": nb,
        "label": label,
        "is_shared": False,
        "project_id": prod.pid,
    }


def test_sequence_casting_shape_and_order(admin, db, prod) -> None:
    first, second = prod.shots
    link(db, first, prod.chair, nb_occurences=2, label="bg")
    link(db, first, prod.hero)
    link(db, second, prod.villain)
    canceled = f.make_entity(db, prod.project, name="Gone", canceled=True)
    link(db, second, canceled)
    url = f"/data/projects/{prod.pid}/sequences/{prod.sequence.id}/casting"
    response = admin.get(url)
    assert response.status_code == 200, response.text
    character, prop = prod.character.name, prod.prop.name
    expected = {
        str(first.id): sorted(
            [
                _shot_entry(prod, prod.hero, character),
                _shot_entry(prod, prod.chair, prop, 2, "bg"),
            ],
            key=lambda e: (e["asset_type_name"], e["asset_name"]),
        ),
        str(second.id): [_shot_entry(prod, prod.villain, character)],
    }
    assert response.json() == expected
    whole = admin.get(f"/data/projects/{prod.pid}/sequences/all/casting").json()
    assert whole == expected
    url = f"/data/projects/{prod.pid}/episodes/{prod.episode.id}/sequences/all/casting"
    assert admin.get(url).json() == expected


def test_episode_filter_and_main_pack(admin, db, prod) -> None:
    other_episode = f.make_entity(db, prod.project, type_name="Episode", name="E02")
    sequence = f.make_entity(db, prod.project, type_name="Sequence", parent_id=other_episode.id)
    shot = f.make_entity(db, prod.project, type_name="Shot", parent_id=sequence.id)
    link(db, shot, prod.hero)
    link(db, prod.shots[0], prod.chair)
    base = f"/data/projects/{prod.pid}/episodes"
    assert set(admin.get(f"{base}/{other_episode.id}/sequences/all/casting").json()) == {
        str(shot.id)
    }
    assert admin.get(f"{base}/main/sequences/all/casting").json() == {}
    assert set(admin.get(f"/data/projects/{prod.pid}/sequences/all/casting").json()) == {
        str(shot.id),
        str(prod.shots[0].id),
    }


def test_episodes_and_asset_type_castings(admin, db, prod) -> None:
    link(db, prod.episode, prod.hero, label="lead")
    link(db, prod.shots[0], prod.chair)
    episodes = admin.get(f"/data/projects/{prod.pid}/episodes/casting")
    assert episodes.status_code == 200, episodes.text
    assert episodes.json() == {
        str(prod.episode.id): [
            {
                "asset_id": str(prod.hero.id),
                "name": "Hero",
                "asset_name": "Hero",
                "asset_type_name": prod.character.name,
                "preview_file_id": None,
                "nb_occurences": 1,
                "label": "lead",
                "is_shared": False,
                "project_id": prod.pid,
            }
        ]
    }
    link(db, prod.hero, prod.chair, nb_occurences=4)
    url = f"/data/projects/{prod.pid}/asset-types/{prod.character.id}/casting"
    assert admin.get(url).json() == {
        str(prod.hero.id): [
            {
                "asset_id": str(prod.chair.id),
                "name": "Chair",
                "asset_name": "Chair",
                "asset_type_name": prod.prop.name,
                "preview_file_id": None,
                "nb_occurences": 4,
                "label": "",
            }
        ]
    }


def test_wrong_ids(admin, db, prod) -> None:
    other = make_production(db)
    base = f"/data/projects/{prod.pid}"
    assert_error(admin.get(f"{base}/sequences/{prod.shots[0].id}/casting"), 404)
    assert_error(admin.get(f"{base}/sequences/{uuid.uuid4()}/casting"), 404)
    assert_error(admin.get(f"{base}/sequences/nope/casting"), 400, "Malformed ID.")
    assert_forbidden(admin.get(f"{base}/sequences/{other.sequence.id}/casting"))
    assert_error(admin.get(f"{base}/episodes/{prod.sequence.id}/sequences/all/casting"), 404)
    assert_error(admin.get(f"{base}/episodes/nope/sequences/all/casting"), 400)
    assert_forbidden(admin.get(f"{base}/episodes/{other.episode.id}/sequences/all/casting"))
    assert_error(admin.get(f"{base}/asset-types/{uuid.uuid4()}/casting"), 404)
    shot_type = prod.shots[0].entity_type_id
    assert_error(admin.get(f"{base}/asset-types/{shot_type}/casting"), 404)
    assert_error(admin.get("/data/projects/nope/sequences/all/casting"), 400)
    assert_error(admin.get(f"/data/projects/{uuid.uuid4()}/episodes/casting"), 404)


@pytest.mark.parametrize("role", ROLES)
def test_role_matrix(as_role, db, prod, role) -> None:
    caller = member(as_role, db, prod.project, role)
    link(db, prod.shots[0], prod.hero)
    base = f"/data/projects/{prod.pid}"
    urls = [
        f"{base}/sequences/{prod.sequence.id}/casting",
        f"{base}/sequences/all/casting",
        f"{base}/episodes/{prod.episode.id}/sequences/all/casting",
        f"{base}/episodes/casting",
        f"{base}/asset-types/{prod.character.id}/casting",
    ]
    for url in urls:
        response = caller.get(url)
        if role == "vendor":
            assert_forbidden(response)
        else:
            assert response.status_code == 200, (url, response.text)


def test_outsider_is_refused(as_role, db, prod) -> None:
    caller = as_role("manager")
    assert_forbidden(caller.get(f"/data/projects/{prod.pid}/sequences/all/casting"))
    assert_forbidden(caller.get(f"/data/projects/{prod.pid}/episodes/casting"))


def _cast_everything(db, prod) -> None:
    for shot in prod.shots:
        for asset in (prod.hero, prod.villain, prod.chair):
            link(db, shot, asset)
    link(db, prod.episode, prod.hero)


@pytest.mark.parametrize(
    "path",
    [
        "sequences/{sequence}/casting",
        "sequences/all/casting",
        "episodes/{episode}/sequences/all/casting",
        "episodes/casting",
        "entities/{shot}/casting",
    ],
)
def test_query_count_does_not_grow_with_shots(admin, db, count_queries, path) -> None:
    counts = []
    for nb_shots in (3, 30):
        prod = make_production(db, nb_shots=nb_shots)
        _cast_everything(db, prod)
        url = f"/data/projects/{prod.pid}/" + path.format(
            sequence=prod.sequence.id, episode=prod.episode.id, shot=prod.shots[-1].id
        )
        with count_queries() as counter:
            response = admin.get(url)
        assert response.status_code == 200, response.text
        if "sequences" in path:
            assert len(response.json()) == nb_shots
        counts.append(counter.count)
    assert counts[0] == counts[1] <= 7, counts
