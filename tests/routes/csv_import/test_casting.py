"""POST /import/csv/projects/<id>/casting: links assets to shots, episodes and assets."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from reeltrack.models import Entity, EntityLink
from tests import factories
from tests.crud.support import assert_forbidden, events, member
from tests.routes.csv_import.support import csv_text, upload

HEADER = "Episode;Parent;Name;Asset Type;Asset;Occurences;Label"


@pytest.fixture
def cast(db):
    project = factories.make_project(db, production_type="tvshow")
    props = factories.make_entity_type(db, name=f"Props {factories.n()}")
    sword = factories.make_entity(db, project, entity_type_id=props.id, name="Sword")
    shield = factories.make_entity(db, project, entity_type_id=props.id, name="Shield")
    episode = factories.make_entity(db, project, type_name="Episode", name="E01")
    sequence = factories.make_entity(
        db, project, type_name="Sequence", name="SQ01", parent_id=episode.id
    )
    shot = factories.make_entity(db, project, type_name="Shot", name="SH01", parent_id=sequence.id)
    db.commit()

    class Cast:
        pass

    c = Cast()
    c.__dict__.update(locals())
    return c


def _links(db, entity):
    db.commit()
    query = select(EntityLink).where(EntityLink.entity_in_id == entity.id)
    return {
        link.entity_out_id: (link.nb_occurences, link.label)
        for link in db.scalars(query, execution_options={"populate_existing": True})
    }


def test_casts_assets_in_shots_episodes_and_assets(admin, db, cast):
    url = f"/import/csv/projects/{cast.project.id}/casting"
    props = cast.props.name
    text = csv_text(
        HEADER,
        f"E01;SQ01;SH01;{props};Sword;3;animate",
        f"E01;SQ01;SH01;{props};Shield;;",
        f";Episode;E01;{props};Sword;1;fixed",
        f";{props};Shield;{props};Sword;2;fixed",
        f"E01;SQ01;SH99;{props};Sword;1;fixed",
    )
    response = upload(admin, url, text)
    assert response.status_code == 201, response.text
    assert response.json() == [None] * 5
    assert _links(db, cast.shot) == {cast.sword.id: (3, "animate"), cast.shield.id: (1, "")}
    assert _links(db, cast.episode)[cast.sword.id] == (1, "fixed")
    assert _links(db, cast.shield) == {cast.sword.id: (2, "fixed")}
    shot = db.get(Entity, cast.shot.id, populate_existing=True)
    assert shot.nb_entities_out == 2
    shot_events = [
        e for e in events(db, "shot:casting-update") if e.data["shot_id"] == str(shot.id)
    ]
    # One announce per cast entity, naming every asset the file added to it.
    assert len(shot_events) == 1
    assert shot_events[0].data["nb_entities_out"] == 2
    added = sorted([str(cast.sword.id), str(cast.shield.id)])
    assert shot_events[0].data["added_asset_ids"] == added
    assert any(
        e.data["asset_id"] == str(cast.shield.id) for e in events(db, "asset:casting-update")
    )
    # A second import updates the links in place.
    text = csv_text(HEADER, f"E01;SQ01;SH01;{props};Sword;5;fixed")
    assert upload(admin, url, text).status_code == 201
    assert _links(db, cast.shot)[cast.sword.id] == (5, "fixed")


def test_bad_occurences_stops_the_import(admin, db, cast):
    url = f"/import/csv/projects/{cast.project.id}/casting"
    props = cast.props.name
    text = csv_text(
        HEADER,
        f"E01;SQ01;SH01;{props};Sword;1;fixed",
        f"E01;SQ01;SH01;{props};Shield;many;fixed",
    )
    response = upload(admin, url, text)
    assert response.status_code == 400
    assert response.json()["line_number"] == 3 and response.json()["imported_rows"] == 1
    assert set(_links(db, cast.shot)) == {cast.sword.id}


@pytest.mark.parametrize("role", ["supervisor", "user", "client", "vendor"])
def test_only_managers_import_casting(as_role, db, cast, role):
    caller, _ = member(as_role, db, role, cast.project)
    url = f"/import/csv/projects/{cast.project.id}/casting"
    text = csv_text(HEADER, f"E01;SQ01;SH01;{cast.props.name};Sword;1;fixed")
    assert_forbidden(upload(caller, url, text))
    assert _links(db, cast.shot) == {}


def test_manager_of_the_project_imports(as_role, db, cast):
    url = f"/import/csv/projects/{cast.project.id}/casting"
    text = csv_text(HEADER, f"E01;SQ01;SH01;{cast.props.name};Sword;1;fixed")
    assert_forbidden(upload(as_role("manager"), url, text))
    caller, _ = member(as_role, db, "manager", cast.project)
    assert upload(caller, url, text).status_code == 201


def test_query_count_grows_linearly_with_rows(admin, db, count_queries):
    project = factories.make_project(db)
    props = factories.make_entity_type(db)
    sequence = factories.make_entity(db, project, type_name="Sequence", name="SQ01")
    for i in range(40):
        factories.make_entity(db, project, entity_type_id=props.id, name=f"A{i}")
        factories.make_entity(db, project, type_name="Shot", name=f"SH{i}", parent_id=sequence.id)
    db.commit()
    url = f"/import/csv/projects/{project.id}/casting"
    counts = []
    for size, start in ((5, 0), (20, 20)):
        lines = [f";SQ01;SH{start + i};{props.name};A{start + i};1;fixed" for i in range(size)]
        with count_queries() as counter:
            assert upload(admin, url, csv_text(HEADER, *lines)).status_code == 201
        counts.append(counter.count)
    assert (counts[1] - counts[0]) / 15 <= 9, counts
