"""CSV exports of one project: assets, shots, edits and casting."""

from __future__ import annotations

import uuid

import pytest

from tests import factories
from tests.crud.support import assert_error, assert_forbidden, member
from tests.routes.export.support import rows

KINDS = ["assets", "shots", "edits", "casting"]


def _path(project_id, kind):
    return f"/export/csv/projects/{project_id}/{kind}.csv"


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("role", ["manager", "supervisor", "user", "client"])
def test_team_members_export(as_role, db, kind, role):
    caller, project = member(as_role, db, role)
    response = caller.get(_path(project.id, kind))
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "text/csv"


@pytest.mark.parametrize("kind", KINDS)
def test_admin_exports_any_project(admin, db, kind):
    project = factories.make_project(db, name="Big Film")
    db.commit()
    response = admin.get(_path(project.id, kind))
    assert response.headers["content-disposition"] == (
        f"attachment; filename=kitsu_big_film_{kind}.csv"
    )


@pytest.mark.parametrize("kind", KINDS)
def test_vendors_and_outsiders_are_refused(as_role, db, kind):
    vendor, project = member(as_role, db, "vendor")
    assert_forbidden(vendor.get(_path(project.id, kind)))
    as_vendor_link, _ = member(as_role, db, "user", project=project, link_role="vendor")
    assert_forbidden(as_vendor_link.get(_path(project.id, kind)))
    for role in ("manager", "user", "client"):
        assert_forbidden(as_role(role).get(_path(project.id, kind)))


@pytest.mark.parametrize("kind", KINDS)
def test_bad_project_ids(as_role, admin, kind):
    assert_error(admin.get(_path(uuid.uuid4(), kind)), 404)
    assert_error(as_role("manager").get(_path(uuid.uuid4(), kind)), 404)
    assert admin.get(_path("not-an-id", kind)).status_code in (400, 404)


@pytest.mark.parametrize("kind", ["assets", "shots", "casting"])
@pytest.mark.parametrize("args", ["episode_id=nope", "episode_id=", "id=bad"])
def test_bad_criteria(admin, db, kind, args):
    project = factories.make_project(db)
    db.commit()
    response = admin.get(_path(project.id, kind) + "?" + args)
    if kind == "casting" and args.startswith("id="):
        assert response.status_code == 200
    else:
        assert_error(response, 400)


@pytest.fixture()
def board(db):
    wip = factories.make_task_status(db, name="Work", short_name="wip")
    done = factories.make_task_status(db, name="Done", short_name="done")
    project = factories.make_project(db, name="My Film")
    other = factories.make_project(db)
    ann = factories.make_person(db, first_name="Ann", last_name="A")
    bob = factories.make_person(db, first_name="Bob", last_name="B")
    model = factories.make_task_type(db, name="Modeling", priority=2)
    rig = factories.make_task_type(db, name="Rigging", priority=1)
    props = factories.make_entity_type(db, name="Props")
    chars = factories.make_entity_type(db, name="Characters")
    hero = factories.make_entity(
        db, project=project, entity_type_id=chars.id, name="Hero", description="main",
        data={"size": "big", "ok": "True"},
    )  # fmt: skip
    cup = factories.make_entity(db, project=project, entity_type_id=props.id, name="Cup")
    factories.make_entity(db, project=other, entity_type_id=props.id, name="Elsewhere")
    factories.make_task(
        db, entity=hero, task_type_id=model.id, task_status_id=wip.id, assignees=[bob, ann],
        duration=600,
    )  # fmt: skip
    factories.make_task(db, entity=hero, task_type_id=rig.id, task_status_id=done.id, duration=360)
    factories.make_task(db, entity=cup, task_type_id=model.id, task_status_id=done.id)
    factories.make_metadata_descriptor(
        db, project_id=project.id, name="Size", field_name="size", position=1
    )
    factories.make_metadata_descriptor(
        db, project_id=project.id, name="Ok", field_name="ok", data_type="boolean", position=2
    )
    factories.make_metadata_descriptor(
        db, project_id=project.id, entity_type="Shot", name="Cam", field_name="cam", position=1
    )
    db.commit()
    return {"project": project, "wip": wip, "done": done, "ann": ann, "hero": hero}


def test_assets(admin, board):
    response = admin.get(_path(board["project"].id, "assets"))
    assert response.headers["content-disposition"] == (
        "attachment; filename=kitsu_my_film_assets.csv"
    )
    assert rows(response) == [
        ["Project", "Type", "Name", "Description", "Time Spent", "Size", "Ok"]
        + ["Rigging", "Assignations", "Modeling", "Assignations"],
        ["My Film", "Characters", "Hero", "main", "2.00", "big", "true"]
        + ["done", "", "wip", "Ann A,Bob B"],
        ["My Film", "Props", "Cup", "", "0.00", "", "false", "", "", "done", ""],
    ]


def test_assets_of_one_asset(admin, board):
    hero = board["hero"]
    found = rows(admin.get(_path(board["project"].id, "assets") + f"?id={hero.id}"))
    assert [row[2] for row in found[1:]] == ["Hero"]


def _shots(db, project, tv=True):
    episode = factories.make_entity(db, project=project, type_name="Episode", name="E01")
    sequence = factories.make_entity(
        db, project=project, type_name="Sequence", name="SQ01",
        parent_id=episode.id if tv else None,
    )  # fmt: skip
    shots = [
        factories.make_entity(
            db, project=project, type_name="Shot", name=name, parent_id=sequence.id, **extra
        )
        for name, extra in (
            ("SH020", {}),
            ("SH010", {"nb_frames": 48, "data": {"frame_in": 1, "frame_out": 48, "fps": "24"}}),
        )
    ]
    return episode, sequence, shots


def test_shots(admin, db, board):
    project = board["project"]
    _, _, (sh20, sh10) = _shots(db, project)
    anim = factories.make_task_type(db, name="Anim", for_entity="Shot")
    factories.make_task(
        db, entity=sh10, task_type_id=anim.id, task_status_id=board["wip"].id,
        assignees=[board["ann"]], duration=240,
    )  # fmt: skip
    db.commit()
    response = admin.get(_path(project.id, "shots"))
    assert response.headers["content-disposition"] == (
        "attachment; filename=kitsu_my_film_shots.csv"
    )
    assert rows(response) == [
        ["Project", "Episode", "Sequence", "Name", "Description", "Time Spent", "Frames"]
        + ["Frame In", "Frame Out", "FPS", "Cam", "Anim", "Assignations"],
        ["My Film", "E01", "SQ01", "SH010", "", "0.50", "48", "1", "48", "24", ""]
        + ["wip", "Ann A"],
        ["My Film", "E01", "SQ01", "SH020", "", "0.00", "", "", "", "", "", "", ""],
    ]


def test_shots_of_another_episode(admin, db, board):
    project = board["project"]
    _shots(db, project)
    other = factories.make_entity(db, project=project, type_name="Episode", name="E02")
    db.commit()
    found = rows(admin.get(_path(project.id, "shots") + f"?episode_id={other.id}"))
    assert len(found) == 1


def test_edits(admin, db, board):
    project = board["project"]
    episode = factories.make_entity(db, project=project, type_name="Episode", name="E01")
    factories.make_entity(db, project=project, type_name="Edit", name="Trailer", parent_id=None)
    cut = factories.make_entity(
        db, project=project, type_name="Edit", name="Cut", parent_id=episode.id,
        description="first",
    )  # fmt: skip
    edit_type = factories.make_task_type(db, name="Editing", for_entity="Edit")
    factories.make_task(
        db, entity=cut, task_type_id=edit_type.id, task_status_id=board["done"].id, duration=960
    )
    db.commit()
    response = admin.get(_path(project.id, "edits"))
    assert rows(response) == [
        ["Project", "Episode", "Name", "Description", "Time Spent", "Editing", "Assignations"],
        ["My Film", "", "Trailer", "", "0.00", "", ""],
        ["My Film", "E01", "Cut", "first", "2.00", "done", ""],
    ]


@pytest.mark.parametrize("path", ["assets", "shots", "edits"])
def test_board_query_counts_do_not_grow(admin, db, count_queries, path):
    project = factories.make_project(db)
    status = factories.make_task_status(db)

    def grow(size):
        for _ in range(size):
            person = factories.make_person(db)
            episode = factories.make_entity(db, project=project, type_name="Episode")
            sequence = factories.make_entity(
                db, project=project, type_name="Sequence", parent_id=episode.id
            )
            for kind, parent in (("Shot", sequence.id), ("Edit", episode.id), (None, None)):
                entity = factories.make_entity(
                    db, project=project, type_name=kind, parent_id=parent
                )
                factories.make_task(db, entity=entity, task_status_id=status.id, assignees=[person])
        db.commit()

    grow(1)
    with count_queries() as small:
        assert admin.get(_path(project.id, path)).status_code == 200
    grow(5)
    with count_queries() as large:
        found = rows(admin.get(_path(project.id, path)))
    assert len(found) == 7
    assert large.count == small.count
