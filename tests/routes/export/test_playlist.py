"""CSV export of a playlist."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest

from tests import factories
from tests.crud.support import assert_error, assert_forbidden, member
from tests.routes.export.support import rows

HEADERS = [
    "Entity name",
    "Nb Frames",
    "Task Type",
    "Retake count",
    "Revision",
    "Task Status",
    "Last comment author",
    "Last comment date",
    "Last comment",
]


@pytest.fixture()
def playlist(db):
    project = factories.make_project(db, name="My Film")
    status = factories.make_task_status(db, name="Retake")
    episode = factories.make_entity(db, project=project, type_name="Episode", name="E01")
    seq = factories.make_entity(
        db, project=project, type_name="Sequence", name="SQ01", parent_id=episode.id
    )
    shot = factories.make_entity(
        db, project=project, type_name="Shot", name="SH010", parent_id=seq.id, nb_frames=24
    )
    chars = factories.make_entity_type(db, name="Characters")
    hero = factories.make_entity(db, project=project, entity_type_id=chars.id, name="Hero")
    anim = factories.make_task_type(db, name="Anim", for_entity="Shot")
    model = factories.make_task_type(db, name="Model")
    shot_task = factories.make_task(
        db, entity=shot, task_type_id=anim.id, task_status_id=status.id, retake_count=2
    )
    hero_task = factories.make_task(
        db, entity=hero, task_type_id=model.id, task_status_id=status.id
    )
    shot_preview = factories.make_preview_file(db, task=shot_task, revision=3)
    hero_preview = factories.make_preview_file(db, task=hero_task, revision=1)
    ann = factories.make_person(db, first_name="Ann", last_name="A", timezone="UTC")
    client = factories.make_person(db, first_name="Cli", last_name="Ent", role="client")
    factories.make_comment(
        db, task=shot_task, person_id=ann.id, text="old", created_at=dt.datetime(2024, 1, 1)
    )
    factories.make_comment(
        db, task=shot_task, person_id=ann.id, text="new; ok", created_at=dt.datetime(2024, 1, 2)
    )
    factories.make_comment(
        db, task=shot_task, person_id=client.id, text="client", created_at=dt.datetime(2024, 2, 1)
    )
    row = factories.make_playlist(
        db,
        project=project,
        name="Daily 1",
        episode_id=episode.id,
        for_client=False,
        created_at=dt.datetime(2024, 6, 1, 12, 0, 0),
        shots=[
            {"entity_id": str(hero.id), "preview_file_id": str(hero_preview.id)},
            {"entity_id": str(shot.id), "preview_file_id": str(shot_preview.id)},
            {"entity_id": str(shot.id), "preview_file_id": None},
            "junk",
        ],
    )
    db.commit()
    return {"project": project, "playlist": row}


def _path(playlist_id):
    return f"/export/csv/playlists/{playlist_id}"


def test_playlist_export(as_role, playlist):
    viewer = as_role("admin", timezone="Europe/Paris")
    response = viewer.get(_path(playlist["playlist"].id))
    assert response.headers["content-type"] == "text/csv"
    assert response.headers["content-disposition"] == (
        "attachment; filename=kitsu_my_film_playlist_daily_1.csv"
    )
    assert rows(response) == [
        ["Playlist", "My Film - E01 | for shots", "Daily 1", "2024-06-01T14:00:00", "", "", ""],
        ["", "", "", "", "", "", ""],
        HEADERS,
        ["Characters / Hero", "", "Model", "0", "1", "Retake", "", "", ""],
        ["E01 / SQ01 / SH010", "24", "Anim", "2", "3", "Retake", "Ann A"]
        + ["2024-01-02T01:00:00", "new; ok"],
    ]


@pytest.mark.parametrize(
    ("role", "for_client", "allowed"),
    [
        ("manager", False, True),
        ("supervisor", False, True),
        ("client", True, True),
        ("client", False, False),
        ("user", False, False),
        ("user", True, False),
        ("vendor", True, False),
    ],
)
def test_playlist_permissions(as_role, db, playlist, role, for_client, allowed):
    row = playlist["playlist"]
    row.for_client = for_client
    db.commit()
    caller, _ = member(as_role, db, role, project=playlist["project"])
    response = caller.get(_path(row.id))
    if allowed:
        assert response.status_code == 200, response.text
    else:
        assert_forbidden(response)


def test_playlist_outsiders_and_bad_ids(as_role, admin, playlist):
    assert_forbidden(as_role("manager").get(_path(playlist["playlist"].id)))
    assert_error(admin.get(_path(uuid.uuid4())), 404)
    assert_error(admin.get(_path("nope")), 404)
    assert_forbidden(as_role("vendor").get(_path(uuid.uuid4())))


def test_playlist_query_count_is_fixed(admin, db, playlist, count_queries):
    row = playlist["playlist"]
    with count_queries() as small:
        admin.get(_path(row.id))
    project = playlist["project"]
    status = factories.make_task_status(db)
    extra = []
    for _ in range(4):
        entity = factories.make_entity(db, project=project)
        task = factories.make_task(db, entity=entity, task_status_id=status.id)
        preview = factories.make_preview_file(db, task=task)
        factories.make_comment(db, task=task)
        extra.append({"entity_id": str(task.entity_id), "preview_file_id": str(preview.id)})
    row.shots = [*row.shots, *extra]
    db.commit()
    with count_queries() as large:
        found = rows(admin.get(_path(row.id)))
    assert len(found) == 3 + 2 + 4
    assert large.count == small.count
