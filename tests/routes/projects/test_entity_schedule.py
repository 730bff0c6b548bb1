"""Schedule items per asset type, episode, sequence or edit for one task type."""

from __future__ import annotations

import datetime as dt

import pytest

from reeltrack.models import project_person_link
from tests import factories
from tests.crud.support import assert_error, assert_forbidden, events, sid


@pytest.fixture()
def setup(db):
    project = factories.make_project(db)
    task_type = factories.make_task_type(db)
    db.commit()
    return project, task_type


def member(as_role, db, project, role):
    caller = as_role(role)
    db.execute(
        project_person_link.insert().values(project_id=project.id, person_id=caller.person.id)
    )
    db.commit()
    return caller


def url(project, task_type, kind: str) -> str:
    return f"/data/projects/{sid(project)}/schedule-items/{sid(task_type)}/{kind}"


def test_sequence_items_are_created_named_and_sorted(as_role, db, setup):
    project, task_type = setup
    ep1 = factories.make_entity(db, project=project, type_name="Episode", name="E1")
    ep2 = factories.make_entity(db, project=project, type_name="Episode", name="E2")
    sq_b = factories.make_entity(
        db, project=project, type_name="Sequence", name="SQ_B", parent_id=ep1.id
    )
    sq_a = factories.make_entity(
        db, project=project, type_name="Sequence", name="SQ_A", parent_id=ep2.id
    )
    kept = factories.make_schedule_item(
        db, project_id=project.id, task_type_id=task_type.id, object_id=sq_b.id
    )
    db.commit()
    artist = member(as_role, db, project, "user")
    rows = artist.get(url(project, task_type, "sequences")).json()
    assert [(r["name"], r["object_id"]) for r in rows] == [("SQ_A", sid(sq_a)), ("SQ_B", sid(sq_b))]
    assert rows[1]["id"] == sid(kept)
    assert rows[0]["start_date"] == dt.date.today().isoformat()
    assert set(rows[0]) == {
        "id",
        "start_date",
        "end_date",
        "man_days",
        "project_id",
        "task_type_id",
        "object_id",
        "name",
    }
    assert len(events(db, "schedule-item:new")) == 1
    again = artist.get(url(project, task_type, "sequences")).json()
    assert [r["id"] for r in again] == [r["id"] for r in rows]
    narrowed = artist.get(url(project, task_type, "sequences"), params={"episode": sid(ep1)})
    assert [r["name"] for r in narrowed.json()] == ["SQ_B"]


def test_episode_and_edit_items(admin, db, setup):
    project, task_type = setup
    episode = factories.make_entity(db, project=project, type_name="Episode", name="E1")
    factories.make_entity(db, project=project, type_name="Edit", name="Cut")
    factories.make_entity(db, project=project, type_name="Edit", name="Dropped", canceled=True)
    db.commit()
    episodes = admin.get(url(project, task_type, "episodes")).json()
    assert [(r["name"], r["object_id"]) for r in episodes] == [("E1", sid(episode))]
    assert [r["name"] for r in admin.get(url(project, task_type, "edits")).json()] == ["Cut"]


def test_asset_type_items_follow_the_assets_of_the_project(admin, db, setup):
    project, task_type = setup
    props = factories.make_entity_type(db, name="Props")
    factories.make_entity_type(db, name="Unused")
    factories.make_entity(db, project=project, entity_type_id=props.id)
    factories.make_entity(db, project=project, type_name="Shot")
    db.commit()
    rows = admin.get(url(project, task_type, "asset-types")).json()
    assert [(r["name"], r["object_id"]) for r in rows] == [("Props", sid(props))]


def test_items_of_gone_entities_are_left_out(admin, db, setup):
    project, task_type = setup
    other = factories.make_project(db)
    foreign = factories.make_entity(db, project=other, type_name="Sequence")
    factories.make_schedule_item(
        db, project_id=project.id, task_type_id=task_type.id, object_id=foreign.id
    )
    db.commit()
    assert admin.get(url(project, task_type, "sequences")).json() == []


def test_schedule_items_check_ids_and_roles(as_role, admin, db, setup):
    project, task_type = setup
    base = f"/data/projects/{sid(project)}/schedule-items"
    assert_error(admin.get(f"{base}/bad/sequences"), 400, "Malformed ID.")
    bad_episode = admin.get(url(project, task_type, "sequences"), params={"episode": "x"})
    assert_error(bad_episode, 400, "Malformed ID.")
    vendor = member(as_role, db, project, "vendor")
    assert_forbidden(vendor.get(url(project, task_type, "episodes")))
    assert_forbidden(as_role("manager").get(url(project, task_type, "episodes")))


def test_sequence_items_run_a_fixed_number_of_queries(admin, db, setup, count_queries):
    project, task_type = setup

    def build(count: int) -> int:
        for _ in range(count):
            sequence = factories.make_entity(db, project=project, type_name="Sequence")
            factories.make_schedule_item(
                db, project_id=project.id, task_type_id=task_type.id, object_id=sequence.id
            )
        db.commit()
        with count_queries() as counter:
            admin.get(url(project, task_type, "sequences"))
        return counter.count

    assert build(3) == build(30)
