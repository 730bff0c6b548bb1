"""gazu's asset and concept functions against a live server."""

from __future__ import annotations

import uuid

import gazu
import pytest

from reeltrack.models import Entity
from tests import factories

PASSWORD = "assets-password"


@pytest.fixture()
def manager(live_url, db):
    """A manager logged in through gazu, in the team of a new project."""
    factories.make_person(db, role="admin", email="admin@assets.test", password=PASSWORD)
    factories.project_status(db, "Open")
    db.commit()
    gazu.set_host(live_url + "/api")
    gazu.log_in("admin@assets.test", PASSWORD)
    project = gazu.project.new_project("Assets Film")
    person = gazu.person.new_person(
        "Mana", "Ger", "manager@assets.test", role="manager", password=PASSWORD
    )
    gazu.project.add_person_to_team(project, person)
    gazu.log_out()
    gazu.log_in("manager@assets.test", PASSWORD)
    yield project
    gazu.log_out()
    gazu.client.default_client.tokens = {}


def test_asset_lifecycle_through_gazu(manager, db):
    project = manager
    props = factories.make_entity_type(db, name="Props")
    episode = factories.make_entity(db, project_id=uuid.UUID(project["id"]), type_name="Episode")
    db.commit()
    prop_type = gazu.asset.get_asset_type(str(props.id))
    assert prop_type["name"] == "Props" and prop_type["type"] == "AssetType"
    assert "Props" in [t["name"] for t in gazu.asset.all_asset_types()]

    chair = gazu.asset.new_asset(project, prop_type, "chair", "A chair", {"legs": 4})
    assert chair["type"] == "Asset" and chair["data"] == {"legs": 4}
    again = gazu.asset.new_asset(project, prop_type, "chair")
    assert again["id"] == chair["id"]
    table = gazu.asset.new_asset(project, prop_type, "table", episode=str(episode.id))
    assert table["source_id"] == str(episode.id)

    assert [a["name"] for a in gazu.asset.all_assets_for_project(project)] == ["chair", "table"]
    typed = gazu.asset.all_assets_for_project_and_type(project, prop_type)
    assert [a["id"] for a in typed] == [chair["id"], table["id"]]
    assert [t["id"] for t in gazu.asset.all_asset_types_for_project(project)] == [prop_type["id"]]
    assert gazu.asset.get_asset_by_name(project, "table")["id"] == table["id"]
    full = gazu.asset.get_asset(chair["id"])
    assert full["asset_type_name"] == "Props" and full["project_name"] == "Assets Film"
    assert full["tasks"] == []
    episode_assets = gazu.asset.all_assets_for_episode(str(episode.id))
    assert [a["id"] for a in episode_assets] == [table["id"]]

    gazu.asset.remove_asset(chair)
    assert gazu.asset.get_asset_by_name(project, "chair") is None
    assert [a["id"] for a in gazu.asset.all_assets_for_project(project)] == [table["id"]]


def test_canceled_then_forced_asset_removal(manager, db):
    project = manager
    props = factories.make_entity_type(db, name="Sets")
    db.commit()
    hall = gazu.asset.new_asset(project, str(props.id), "hall")
    factories.make_task(db, entity=db.get(Entity, uuid.UUID(hall["id"])))
    db.commit()

    gazu.asset.remove_asset(hall)
    assert gazu.asset.get_asset(hall["id"])["canceled"] is True
    gazu.asset.remove_asset(hall, force=True)
    assert gazu.asset.get_asset_by_name(project, "hall") is None


def test_concepts_through_gazu(manager, db):
    project = manager
    props = factories.make_entity_type(db, name="Chars")
    db.commit()
    hero = gazu.asset.new_asset(project, str(props.id), "hero")

    concept = gazu.concept.new_concept(project, "hero sketch", entity_concept_links=[hero])
    assert concept["type"] == "Concept"
    assert concept["entity_concept_links"] == [hero["id"]]
    assert gazu.concept.get_concept_by_name(project, "hero sketch")["id"] == concept["id"]
    assert [c["id"] for c in gazu.concept.all_concepts_for_project(project)] == [concept["id"]]
    assert gazu.concept.get_concept(concept["id"])["project_name"] == "Assets Film"
    assert not gazu.concept.all_previews_for_concept(concept)

    gazu.concept.remove_concept(concept)
    assert gazu.concept.get_concept_by_name(project, "hero sketch") is None
