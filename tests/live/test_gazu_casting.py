"""gazu.casting driven against a live server: a manager casts, an artist reads."""

from __future__ import annotations

import gazu
import pytest
from gazu.exception import NotAllowedException

from tests import factories
from tests.routes.breakdown.helpers import make_production

PASSWORD = "casting-password"


def _entity(row, kind: str) -> dict:
    return {"id": str(row.id), "project_id": str(row.project_id), "type": kind}


@pytest.fixture()
def casting_studio(live_url, db):
    manager = factories.make_person(
        db, role="manager", email="manager@casting.test", password=PASSWORD
    )
    artist = factories.make_person(db, role="user", email="artist@casting.test", password=PASSWORD)
    prod = make_production(db, team=[manager, artist])
    gazu.set_host(live_url + "/api")
    yield prod
    gazu.client.default_client.tokens = {}


def test_manager_casts_through_gazu(casting_studio):
    prod = casting_studio
    gazu.log_in("manager@casting.test", PASSWORD)
    project = {"id": prod.pid}
    shot, other_shot = (_entity(row, "Shot") for row in prod.shots)
    hero, chair = _entity(prod.hero, "Asset"), _entity(prod.chair, "Asset")

    casting = [
        {"asset_id": hero["id"], "nb_occurences": 2, "label": "main"},
        {"asset_id": chair["id"], "nb_occurences": 1},
    ]
    assert gazu.casting.update_shot_casting(project, shot, casting) == casting
    rows = gazu.casting.get_shot_casting(shot)
    assert {(r["asset_id"], r["nb_occurences"]) for r in rows} == {
        (hero["id"], 2),
        (chair["id"], 1),
    }

    result = gazu.casting.cast_asset(project, [other_shot], chair, nb_occurences=3)
    assert result[other_shot["id"]][0]["nb_occurences"] == 3

    sequence_casting = gazu.casting.get_sequence_casting(_entity(prod.sequence, "Sequence"))
    assert set(sequence_casting) == {shot["id"], other_shot["id"]}
    assert gazu.casting.get_project_shots_casting(project) == sequence_casting
    episode = _entity(prod.episode, "Episode")
    assert gazu.casting.get_episode_shots_casting(project, episode) == sequence_casting
    # Casting the shots brought both assets into their episode.
    episode_assets = gazu.casting.get_episodes_casting(project)[episode["id"]]
    assert {r["asset_id"] for r in episode_assets} == {hero["id"], chair["id"]}

    cast_in = gazu.casting.get_asset_cast_in(chair)
    assert {r["shot_id"] for r in cast_in} == {shot["id"], other_shot["id"]}

    gazu.casting.update_asset_casting(
        project, hero, [{"asset_id": chair["id"], "nb_occurences": 1}]
    )
    assert [r["asset_id"] for r in gazu.casting.get_asset_casting(hero)] == [chair["id"]]
    type_casting = gazu.casting.get_asset_type_casting(project, {"id": str(prod.character.id)})
    assert list(type_casting) == [hero["id"]]

    links = gazu.casting.all_entity_links_for_project(project)
    assert len(links) == 6  # 3 shot links, 2 episode links, 1 asset link
    paged = gazu.casting.all_entity_links_for_project(project, page=1, limit=4)
    assert (paged["total"], len(paged["data"])) == (6, 4)

    gazu.casting.uncast_asset(project, [shot, other_shot], chair)
    assert [r["asset_id"] for r in gazu.casting.get_shot_casting(shot)] == [hero["id"]]
    assert gazu.casting.get_shot_casting(other_shot) == []


def test_artist_reads_but_cannot_cast(casting_studio):
    prod = casting_studio
    gazu.log_in("artist@casting.test", PASSWORD)
    shot = _entity(prod.shots[0], "Shot")
    assert gazu.casting.get_shot_casting(shot) == []
    casting = [{"asset_id": str(prod.hero.id), "nb_occurences": 1}]
    with pytest.raises(NotAllowedException):
        gazu.casting.update_shot_casting({"id": prod.pid}, shot, casting)
    with pytest.raises(NotAllowedException):
        gazu.casting.all_entity_links_for_project({"id": prod.pid})
