"""CSV export of a project's casting: asset, shot, main pack and episode views."""

from __future__ import annotations

import pytest

from tests import factories
from tests.routes.export.support import rows

HEADERS = ["Parent", "Name", "Asset Type", "Asset", "Occurences", "Label"]


@pytest.fixture()
def cast(db):
    def make(tv):
        project = factories.make_project(
            db, name="Show", production_type="tvshow" if tv else "short"
        )
        chars = factories.make_entity_type(db, name="Characters")
        sets = factories.make_entity_type(db, name="Sets")
        e01 = factories.make_entity(db, project=project, type_name="Episode", name="E01")
        e02 = factories.make_entity(db, project=project, type_name="Episode", name="E02")
        seq = factories.make_entity(
            db, project=project, type_name="Sequence", name="SQ01",
            parent_id=e01.id if tv else None,
        )  # fmt: skip
        shot = factories.make_entity(
            db, project=project, type_name="Shot", name="SH010", parent_id=seq.id
        )
        hero = factories.make_entity(
            db, project=project, entity_type_id=chars.id, name="Hero", source_id=e01.id
        )
        cup = factories.make_entity(db, project=project, entity_type_id=chars.id, name="Cup")
        house = factories.make_entity(db, project=project, entity_type_id=sets.id, name="House")
        link = factories.make_entity_link
        link(db, entity_in_id=shot.id, entity_out_id=hero.id, nb_occurences=2, label="fixed")
        link(db, entity_in_id=shot.id, entity_out_id=cup.id, nb_occurences=1, label=None)
        link(db, entity_in_id=hero.id, entity_out_id=cup.id, nb_occurences=3)
        link(db, entity_in_id=house.id, entity_out_id=hero.id, nb_occurences=1)
        link(db, entity_in_id=e02.id, entity_out_id=house.id, nb_occurences=1)
        db.commit()
        return project, e01, e02

    return make


def _get(client, project, query=""):
    return rows(client.get(f"/export/csv/projects/{project.id}/casting.csv{query}"))


def test_feature_asset_casting(admin, cast):
    project, _, _ = cast(False)
    response = admin.get(f"/export/csv/projects/{project.id}/casting.csv")
    assert response.headers["content-disposition"] == (
        "attachment; filename=kitsu_show_casting.csv"
    )
    assert rows(response) == [
        HEADERS,
        ["Characters", "Hero", "Characters", "Cup", "3", ""],
        ["Episode", "E02", "Sets", "House", "1", ""],
        ["Sets", "House", "Characters", "Hero", "1", ""],
    ]


def test_feature_shot_casting(admin, cast):
    project, _, _ = cast(False)
    assert _get(admin, project, "?is_shot_casting=TRUE") == [
        HEADERS,
        ["SQ01", "SH010", "Characters", "Cup", "1", ""],
        ["SQ01", "SH010", "Characters", "Hero", "2", "fixed"],
    ]


def test_tv_show_asset_casting(admin, cast):
    project, e01, _ = cast(True)
    expected = [
        ["Episode", *HEADERS],
        ["E01", "Characters", "Hero", "Characters", "Cup", "3", ""],
        ["MP", "Sets", "House", "Characters", "Hero", "1", ""],
    ]
    assert _get(admin, project) == expected
    assert _get(admin, project, f"?episode_id={e01.id}") == expected


def test_tv_show_shot_casting(admin, cast):
    project, e01, e02 = cast(True)
    expected = [
        ["Episode", *HEADERS],
        ["E01", "SQ01", "SH010", "Characters", "Cup", "1", ""],
        ["E01", "SQ01", "SH010", "Characters", "Hero", "2", "fixed"],
    ]
    assert _get(admin, project, "?is_shot_casting=true") == expected
    assert _get(admin, project, f"?is_shot_casting=true&episode_id={e01.id}") == expected
    assert _get(admin, project, f"?is_shot_casting=true&episode_id={e02.id}") == expected[:1]


def test_main_pack_and_episodes(admin, cast):
    project, _, _ = cast(True)
    assert _get(admin, project, "?episode_id=main") == [
        ["Episode", *HEADERS],
        ["MP", "Sets", "House", "Characters", "Hero", "1", ""],
    ]
    assert _get(admin, project, "?episode_id=all") == [
        HEADERS,
        ["Episode", "E02", "Sets", "House", "1", ""],
    ]


def test_feature_main_pack_has_no_episode_column(admin, cast):
    project, _, _ = cast(False)
    assert _get(admin, project, "?episode_id=main") == [
        HEADERS,
        ["Sets", "House", "Characters", "Hero", "1", ""],
    ]


def test_casting_query_count_is_fixed(admin, db, cast, count_queries):
    project, _, _ = cast(True)
    with count_queries() as counter:
        _get(admin, project)
    assert counter.count <= 6
