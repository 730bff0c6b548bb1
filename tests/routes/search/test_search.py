"""POST /data/search: persons, assets and shots found by name, scoped as Zou scopes them."""

from __future__ import annotations

import uuid

import pytest

from tests import factories
from tests.crud.support import SECRETS

URL = "/data/search"


@pytest.fixture()
def world(db):
    """An open project with a tagged asset and shot, a TV show, and a closed project."""
    project = factories.make_project(db, name="Zephyr film")
    character = factories.entity_type_named(db, "Character")
    hero = factories.make_entity(
        db,
        project=project,
        entity_type_id=character.id,
        name="quokka_hero",
        description="The brave one",
        data={"secret": "s", "colour": "blue"},
    )
    villain = factories.make_entity(
        db, project=project, entity_type_id=character.id, name="Villain", description="A quokka"
    )
    sequence = factories.make_entity(db, project=project, type_name="Sequence", name="SQ01")
    shot = factories.make_entity(
        db, project=project, type_name="Shot", parent_id=sequence.id, name="quokka-sh010"
    )
    show = factories.make_project(db, name="Zephyr show", production_type="tvshow")
    episode = factories.make_entity(db, project=show, type_name="Episode", name="E01")
    show_seq = factories.make_entity(
        db, project=show, type_name="Sequence", parent_id=episode.id, name="SQ02"
    )
    show_shot = factories.make_entity(
        db,
        project=show,
        type_name="Shot",
        parent_id=show_seq.id,
        name="SH020",
        description="quokka",
    )
    closed = factories.make_project(db, closed=True)
    closed_asset = factories.make_entity(
        db, project=closed, entity_type_id=character.id, name="quokka_closed"
    )
    person = factories.make_person(db, first_name="Quentin", last_name="Quokkason")
    db.commit()
    return {
        "project": project,
        "hero": hero,
        "villain": villain,
        "sequence": sequence,
        "shot": shot,
        "show": show,
        "episode": episode,
        "show_shot": show_shot,
        "closed": closed,
        "closed_asset": closed_asset,
        "person": person,
    }


def _member(as_role, db, role, *projects):
    client = as_role(role)
    for project in projects:
        factories.add_to_team(db, project, client.person)
    db.commit()
    return client


def _ids(hits):
    return [hit["id"] for hit in hits]


def test_admin_finds_assets_shots_and_persons_with_zou_shapes(admin, db, world):
    preview = factories.make_preview_file(db, extension="mp4")
    world["hero"].preview_file_id = preview.id
    db.commit()
    response = admin.post(URL, json={"query": "quokka", "limit": 10})
    assert response.status_code == 200, response.text
    data = response.json()
    assert set(data) == {"assets", "shots", "persons"}
    # Closed projects are not searched; order follows "<type> <name>".
    assert _ids(data["assets"]) == [str(world["hero"].id), str(world["villain"].id)]
    hero = data["assets"][0]
    assert hero["type"] == "Asset"
    assert hero["name"] == "quokka_hero"
    assert hero["project_id"] == str(world["project"].id)
    assert hero["entity_type_id"] == str(world["hero"].entity_type_id)
    assert hero["project_name"] == "Zephyr film"
    assert hero["asset_type_name"] == "Character"
    assert hero["preview_file_extension"] == "mp4"
    assert hero["preview_file_id"] == str(preview.id)
    assert hero["data"] == {"secret": "s", "colour": "blue"}
    assert hero["matched_terms"] == ["name"]
    villain = data["assets"][1]
    assert villain["matched_terms"] == ["description"]
    assert villain["preview_file_extension"] is None
    assert "created_at" in villain and "canceled" in villain

    shots = {hit["id"]: hit for hit in data["shots"]}
    assert set(shots) == {str(world["shot"].id), str(world["show_shot"].id)}
    film_shot = shots[str(world["shot"].id)]
    assert film_shot["type"] == "Shot"
    assert film_shot["sequence_name"] == "SQ01"
    assert film_shot["project_name"] == "Zephyr film"
    assert film_shot["preview_file_extension"] is None
    assert film_shot["matched_terms"] == ["name"]
    assert "episode" not in film_shot and "episode_id" not in film_shot
    show_shot = shots[str(world["show_shot"].id)]
    assert show_shot["episode"] == "E01"
    assert show_shot["episode_id"] == str(world["episode"].id)
    assert show_shot["matched_terms"] == ["description"]

    (person,) = data["persons"]
    assert person["id"] == str(world["person"].id)
    assert person["full_name"] == "Quentin Quokkason"
    assert person["matched_terms"] == ["name"]
    assert person["type"] == "Person"
    assert "email" in person  # admins read the safe view
    assert not set(SECRETS) & set(person)


def test_words_match_across_names_case_insensitively(admin, db, world):
    def names(query, index="assets"):
        body = {"query": query, "index_names": [index], "limit": 10}
        return [hit["name"] for hit in admin.post(URL, json=body).json()[index]]

    assert names("CHARACTER QUOKKA") == ["quokka_hero", "Villain"]
    assert names("CHARACTER hero") == ["quokka_hero"]
    assert names("quokka hero") == ["quokka_hero"]  # `_` read as a space
    assert names("quokka sh010", "shots") == ["quokka-sh010"]
    assert names("e01 sq02", "shots") == ["SH020"]
    assert names("sq01 quokka", "shots") == ["quokka-sh010"]
    persons = admin.post(URL, json={"query": "tin quok", "index_names": ["persons"]}).json()
    assert _ids(persons["persons"]) == [str(world["person"].id)]
    assert names("100%") == []
    assert names("a_b") == []  # LIKE wildcards are literal


def test_short_query_and_index_names(admin, world):
    assert admin.post(URL, json={"query": "qu"}).json() == {}
    nothing = {"assets": [], "shots": [], "persons": []}
    assert admin.post(URL, json={"query": "zzzzzz"}).json() == nothing
    only = admin.post(URL, json={"query": "quokka", "index_names": ["shots", "nope"]}).json()
    assert set(only) == {"shots"}
    assert admin.post(URL, json={"query": "quokka", "index_names": []}).json() == {}


def test_limit_offset_and_project_filter(admin, db, world):
    def asset_ids(**body):
        body = {"query": "quokka", "index_names": ["assets"], **body}
        response = admin.post(URL, json=body)
        assert response.status_code == 200, response.text
        return _ids(response.json()["assets"])

    hero, villain = str(world["hero"].id), str(world["villain"].id)
    assert asset_ids() == [hero, villain]  # default limit 3
    assert asset_ids(limit=1) == [hero]
    assert asset_ids(limit=1, offset=1) == [villain]
    assert asset_ids(offset=2) == []
    assert asset_ids(offset=5000) == []
    assert asset_ids(limit=10**12) == [hero, villain]
    assert asset_ids(project_id=str(world["project"].id)) == [hero, villain]
    assert asset_ids(project_id=str(world["show"].id)) == []
    # A project that is not open restricts to nothing (Zou would search everything).
    assert asset_ids(project_id=str(world["closed"].id)) == []
    assert asset_ids(project_id=str(uuid.uuid4())) == []


def test_form_and_query_string_fallback(admin, world):
    response = admin.post(URL, params={"query": "quokka", "limit": "1"})
    assert response.status_code == 200
    assert len(response.json()["assets"]) == 1


@pytest.mark.parametrize(
    "body",
    [
        None,
        {},
        {"query": 12},
        {"query": None},
        {"query": "quokka", "limit": 0},
        {"query": "quokka", "limit": "x"},
        {"query": "quokka", "offset": -1},
        {"query": "quokka", "project_id": "nope"},
        {"query": "quokka", "project_id": ""},
        {"query": "quokka", "index_names": "assets"},
        {"query": "quokka", "index_names": [1]},
        ["quokka"],
        "quokka",
    ],
)
def test_bad_bodies_are_400(admin, body):
    response = admin.post(URL, json=body)
    assert response.status_code == 400, response.text
    assert response.json()["error"] is True


def test_malformed_json_is_400(admin):
    response = admin.post(URL, content=b"{", headers={"Content-Type": "application/json"})
    assert response.status_code == 400


def test_anonymous_is_401(client):
    assert client.post(URL, json={"query": "quokka"}).status_code == 401


@pytest.mark.parametrize("role", ["manager", "supervisor", "user", "client", "bot"])
def test_non_admins_search_their_open_projects(as_role, db, world, role):
    outsider = as_role(role)
    empty = outsider.post(URL, json={"query": "quokka", "limit": 10}).json()
    assert empty["assets"] == [] and empty["shots"] == []
    # Persons are not project-scoped, but minimal for non-admins.
    (person,) = empty["persons"]
    assert set(person) == {
        "id",
        "type",
        "first_name",
        "last_name",
        "full_name",
        "has_avatar",
        "active",
        "departments",
        "studio_id",
        "role",
        "desktop_login",
        "is_bot",
        "matched_terms",
    }
    assert person["departments"] == []

    member = _member(as_role, db, role, world["project"], world["closed"])
    data = member.post(URL, json={"query": "quokka", "limit": 10}).json()
    assert _ids(data["assets"]) == [str(world["hero"].id), str(world["villain"].id)]
    assert _ids(data["shots"]) == [str(world["shot"].id)]
    assert data["assets"][0]["data"] == {"secret": "s", "colour": "blue"}
    other = {"query": "quokka", "project_id": str(world["show"].id)}
    assert member.post(URL, json=other).json()["shots"] == []


def test_vendor_sees_only_entities_with_their_tasks_and_masked_metadata(as_role, db, world):
    vendor = _member(as_role, db, "vendor", world["project"])
    assert vendor.post(URL, json={"query": "quokka"}).json()["assets"] == []
    department = factories.make_department(db)
    descriptor = factories.make_metadata_descriptor(
        db, project_id=world["project"].id, field_name="secret", entity_type="Asset"
    )
    from reeltrack.models import department_metadata_descriptor_link as links

    db.execute(
        links.insert().values(metadata_descriptor_id=descriptor.id, department_id=department.id)
    )
    factories.make_task(db, entity=world["hero"], assignees=[vendor.person])
    factories.make_task(db, entity=world["villain"])  # someone else's task
    db.commit()
    data = vendor.post(URL, json={"query": "quokka", "limit": 10}).json()
    (hero,) = data["assets"]
    assert hero["id"] == str(world["hero"].id)
    assert hero["data"] == {"colour": "blue"}
    assert data["shots"] == []
    # In the department the descriptor is restricted to, the field stays.
    factories.add_to_department(db, vendor.person, department)
    db.commit()
    again = vendor.post(URL, json={"query": "quokka", "index_names": ["assets"]}).json()
    assert again["assets"][0]["data"] == {"secret": "s", "colour": "blue"}


def test_inactive_guest_and_preview_persons_are_not_found(admin, db, world):
    factories.make_person(db, first_name="Quokkaina", last_name="Gone", active=False)
    factories.make_person(db, first_name="Quokkaguest", last_name="G", is_guest=True)
    factories.make_person(
        db, first_name="Quokkapreview", last_name="P", preview_project_id=world["project"].id
    )
    db.commit()
    hits = admin.post(URL, json={"query": "quokka", "index_names": ["persons"], "limit": 10})
    assert _ids(hits.json()["persons"]) == [str(world["person"].id)]


def test_query_count_does_not_grow_with_hits(as_role, db, world, count_queries):
    vendor = _member(as_role, db, "vendor", world["project"])
    factories.make_task(db, entity=world["hero"], assignees=[vendor.person])
    db.commit()
    body = {"query": "quokka", "limit": 50}

    def count(client):
        with count_queries() as counter:
            assert client.post(URL, json=body).status_code == 200
        return counter.count

    admin = as_role("admin")
    before_admin, before_vendor = count(admin), count(vendor)
    character = factories.entity_type_named(db, "Character")
    for i in range(5):
        asset = factories.make_entity(
            db, project=world["project"], entity_type_id=character.id, name=f"quokka_{i}"
        )
        factories.make_task(db, entity=asset, assignees=[vendor.person])
        factories.make_entity(
            db,
            project=world["project"],
            type_name="Shot",
            parent_id=world["sequence"].id,
            name=f"quokka{i}",
        )
        factories.make_person(db, first_name=f"Quokka{i}")
    db.commit()
    assert count(admin) == before_admin
    assert count(vendor) == before_vendor
    assert before_admin <= 6


def test_vendor_role_on_a_team_link_scopes_that_project(as_role, db, world):
    from sqlalchemy import update

    from reeltrack.models import project_person_link

    artist = _member(as_role, db, "user", world["project"])
    link = project_person_link.c
    db.execute(
        update(project_person_link)
        .where(link.project_id == world["project"].id, link.person_id == artist.person.id)
        .values(role="vendor")
    )
    factories.make_task(db, entity=world["villain"], assignees=[artist.person])
    db.commit()
    data = artist.post(URL, json={"query": "quokka", "limit": 10}).json()
    assert _ids(data["assets"]) == [str(world["villain"].id)]
    assert data["shots"] == []
