"""Shots: /data/shots(/all), /data/shots/<id> GET/PUT/DELETE, /data/projects/<id>/shots."""

from __future__ import annotations

import uuid

import pytest

from reeltrack.models import Entity, EntityVersion, Task
from tests import factories
from tests.crud.support import assert_error, assert_forbidden, events, one_event, sid
from tests.routes.shots.production import (
    assert_invalid,
    make_production,
    make_shot,
    make_task,
    member,
    with_team,
)

READERS = ("admin", "manager", "supervisor", "user", "client")
NOT_MANAGERS = ("supervisor", "user", "client", "vendor")


def shots_url(prod):
    return f"/data/projects/{prod.project.id}/shots"


# ---------------------------------------------------------------- create


def test_a_manager_creates_a_shot_under_a_sequence_with_frames_and_an_event(db, prod):
    body = {
        "name": "SH100",
        "sequence_id": sid(prod.sequence),
        "data": {"frame_in": 10, "frame_out": 50},
        "nb_frames": 41,
        "description": "wide",
    }
    response = prod.callers["manager"].post(shots_url(prod), json=body)
    assert response.status_code == 201, response.text
    shot = response.json()
    assert shot["type"] == "Shot"
    assert (shot["name"], shot["parent_id"], shot["nb_frames"]) == ("SH100", sid(prod.sequence), 41)
    assert shot["data"] == {"frame_in": 10, "frame_out": 50}
    assert shot["created_by"] == str(prod.callers["manager"].person.id)
    event = one_event(db, "shot:new")
    assert event.data["shot_id"] == shot["id"]
    assert event.data["episode_id"] == sid(prod.episode)
    assert str(event.project_id) == sid(prod.project)


def test_creating_a_shot_twice_returns_the_same_shot_without_a_second_event(db, prod):
    body = {"name": "SH100", "sequence_id": sid(prod.sequence)}
    first = prod.callers["admin"].post(shots_url(prod), json=body).json()
    second = prod.callers["admin"].post(shots_url(prod), json=body)
    assert second.status_code == 201
    assert second.json()["id"] == first["id"]
    assert len(events(db, "shot:new")) == 1


@pytest.mark.parametrize("role", NOT_MANAGERS)
def test_only_managers_create_shots(db, prod, role):
    body = {"name": "SH100", "sequence_id": sid(prod.sequence)}
    assert_forbidden(prod.callers[role].post(shots_url(prod), json=body))
    assert events(db, "shot:new") == []


def test_a_manager_outside_the_team_cannot_create_shots(as_role, prod):
    outsider = as_role("manager")
    assert_forbidden(outsider.post(shots_url(prod), json={"name": "SH100"}))


def test_a_sequence_of_another_project_is_refused(db, prod):
    other = make_production(db)
    body = {"name": "SH100", "sequence_id": sid(other.sequence)}
    assert_error(prod.callers["manager"].post(shots_url(prod), json=body), 404)
    assert db.query(Entity).filter(Entity.name == "SH100").count() == 0


@pytest.mark.parametrize("wrong", ["episode", "shot"])
def test_a_parent_that_is_not_a_sequence_is_refused(prod, wrong):
    parent = prod.episode if wrong == "episode" else prod.shots[0]
    body = {"name": "SH100", "sequence_id": sid(parent)}
    assert_error(prod.callers["manager"].post(shots_url(prod), json=body), 404)


@pytest.mark.parametrize(
    "body",
    [{}, {"name": ""}, {"name": "x", "sequence_id": "nope"}, {"name": "x", "nb_frames": "many"}],
)
def test_bad_shot_bodies_are_refused(prod, body):
    response = prod.callers["manager"].post(shots_url(prod), json=body)
    assert_invalid(response)


def test_creating_in_a_malformed_or_unknown_project(prod):
    admin = prod.callers["admin"]
    assert_error(admin.post("/data/projects/nope/shots", json={"name": "x"}), 400)
    assert_error(admin.post(f"/data/projects/{uuid.uuid4()}/shots", json={"name": "x"}), 404)


# ---------------------------------------------------------------- read one


def test_a_shot_reads_with_its_sequence_episode_frames_and_tasks(db, prod):
    shot = prod.shots[0]
    task = factories.make_task(db, shot)
    db.commit()
    response = prod.callers["user"].get(f"/data/shots/{shot.id}")
    assert response.status_code == 200, response.text
    data = response.json()
    assert data["type"] == "Shot"
    assert (data["sequence_id"], data["sequence_name"]) == (sid(prod.sequence), "SQ01")
    assert (data["episode_id"], data["episode_name"]) == (sid(prod.episode), "E01")
    assert data["project_name"] == prod.project.name
    assert (data["frame_in"], data["frame_out"]) == (1, 24)
    assert [t["id"] for t in data["tasks"]] == [sid(task)]
    assert data["entities_out"] == [] and "created_at" in data


@pytest.mark.parametrize("role", READERS)
def test_team_members_read_a_shot(prod, role):
    assert prod.callers[role].get(f"/data/shots/{prod.shots[0].id}").status_code == 200


def test_a_vendor_reads_only_shots_holding_a_task_assigned_to_them(db, prod):
    vendor = prod.callers["vendor"]
    factories.make_task(db, prod.shots[0], assignees=[vendor.person])
    db.commit()
    assert vendor.get(f"/data/shots/{prod.shots[0].id}").status_code == 200
    assert_forbidden(vendor.get(f"/data/shots/{prod.shots[1].id}"))


def test_outsiders_cannot_read_a_shot(as_role, prod):
    for role in ("manager", "user"):
        assert_forbidden(as_role(role).get(f"/data/shots/{prod.shots[0].id}"))


def test_wrong_kind_unknown_and_malformed_shot_ids(db, prod):
    admin = prod.callers["admin"]
    asset = factories.make_entity(db, prod.project)
    db.commit()
    for wrong in (asset.id, prod.sequence.id, prod.episode.id, uuid.uuid4()):
        assert_error(admin.get(f"/data/shots/{wrong}"), 404)
    assert_error(admin.get("/data/shots/not-an-id"), 400, "Malformed ID.")
    assert_error(admin.put("/data/shots/not-an-id", json={"name": "x"}), 400)
    assert_error(admin.delete(f"/data/shots/{asset.id}"), 404)


# ---------------------------------------------------------------- update


def test_a_manager_updates_a_shot_merging_metadata_and_saving_a_version(db, prod):
    shot = prod.shots[0]
    manager = prod.callers["manager"]
    body = {"data": {"frame_out": 48, "camera": "A"}, "nb_frames": 48, "description": "d"}
    response = manager.put(f"/data/shots/{shot.id}", json=body)
    assert response.status_code == 200, response.text
    data = response.json()
    assert data["data"] == {"frame_in": 1, "frame_out": 48, "camera": "A"}
    assert (data["nb_frames"], data["description"], data["type"]) == (48, "d", "Shot")
    assert one_event(db, "shot:update").data["shot_id"] == sid(shot)
    versions = db.query(EntityVersion).filter(EntityVersion.entity_id == shot.id).all()
    assert [v.data["frame_out"] for v in versions] == [48]
    listed = manager.get(f"/data/shots/{shot.id}/versions").json()
    assert [(v["type"], v["data"]["frame_out"]) for v in listed] == [("ShotVersion", 48)]


def test_update_ignores_read_only_fields_sent_back_by_clients(db, prod):
    shot = prod.shots[0]
    full = prod.callers["admin"].get(f"/data/shots/{shot.id}").json()
    full["name"] = "SH999"
    full["project_id"] = str(uuid.uuid4())
    response = prod.callers["admin"].put(f"/data/shots/{shot.id}", json=full)
    assert response.status_code == 200, response.text
    assert response.json()["name"] == "SH999"
    assert response.json()["project_id"] == sid(prod.project)


@pytest.mark.parametrize("role", NOT_MANAGERS)
def test_only_managers_update_shots(db, prod, role):
    shot = prod.shots[0]
    assert_forbidden(prod.callers[role].put(f"/data/shots/{shot.id}", json={"name": "X"}))
    db.refresh(shot)
    assert shot.name == "SH001"


def test_moving_a_shot_to_a_sequence_of_the_project(db, prod):
    target = factories.make_entity(db, prod.project, type_name="Sequence", name="SQ02")
    db.commit()
    shot = prod.shots[0]
    response = prod.callers["manager"].put(
        f"/data/shots/{shot.id}", json={"parent_id": sid(target)}
    )
    assert response.json()["parent_id"] == sid(target)


def test_moving_a_shot_under_another_project_or_kind_is_refused(db, prod):
    other = make_production(db)
    shot, manager = prod.shots[0], prod.callers["manager"]
    url = f"/data/shots/{shot.id}"
    assert_error(manager.put(url, json={"parent_id": sid(other.sequence)}), 400)
    assert_error(manager.put(url, json={"parent_id": sid(prod.episode)}), 404)
    assert_invalid(manager.put(url, json={"parent_id": "bad"}))
    assert_invalid(manager.put(url, json={"nb_frames": "many"}))
    db.refresh(shot)
    assert shot.parent_id == prod.sequence.id


# ---------------------------------------------------------------- delete


def test_deleting_a_shot_with_tasks_cancels_it(db, prod):
    shot = prod.shots[0]
    factories.make_task(db, shot)
    db.commit()
    response = prod.callers["manager"].delete(f"/data/shots/{shot.id}")
    assert response.status_code == 204
    db.refresh(shot)
    assert shot.canceled is True
    assert one_event(db, "shot:update").data["shot_id"] == sid(shot)
    assert events(db, "shot:delete") == []


def test_forcing_the_deletion_removes_the_shot_and_its_tasks(db, prod):
    shot = prod.shots[0]
    task = factories.make_task(db, shot)
    db.add(EntityVersion(entity_id=shot.id, name="SH001", data={}))
    db.commit()
    task_id, shot_id = task.id, shot.id
    response = prod.callers["manager"].delete(f"/data/shots/{shot_id}?force=true")
    assert response.status_code == 204
    db.expire_all()
    assert db.get(Entity, shot_id) is None and db.get(Task, task_id) is None
    assert one_event(db, "shot:delete").data["shot_id"] == str(shot_id)
    assert one_event(db, "task:delete").data["task_id"] == str(task_id)


def test_a_shot_without_tasks_is_deleted(db, prod):
    shot_id = prod.shots[1].id
    assert prod.callers["admin"].delete(f"/data/shots/{shot_id}").status_code == 204
    db.expire_all()
    assert db.get(Entity, shot_id) is None


@pytest.mark.parametrize("role", NOT_MANAGERS)
def test_non_managers_delete_only_the_shots_they_created(db, prod, role):
    caller = prod.callers[role]
    theirs = make_shot(db, prod.sequence, name="mine", created_by=caller.person.id)
    db.commit()
    assert_forbidden(caller.delete(f"/data/shots/{prod.shots[0].id}"))
    assert caller.delete(f"/data/shots/{theirs.id}").status_code == 204


def test_a_creator_who_left_the_team_cannot_delete(db, as_role, prod):
    creator = as_role("user")
    shot = make_shot(db, prod.sequence, name="old", created_by=creator.person.id)
    db.commit()
    assert_forbidden(creator.delete(f"/data/shots/{shot.id}"))


# ---------------------------------------------------------------- lists


def test_listing_shots_of_a_project_with_names(prod):
    response = prod.callers["user"].get(f"/data/shots?project_id={prod.project.id}")
    assert response.status_code == 200, response.text
    rows = response.json()
    assert [r["name"] for r in rows] == ["SH001", "SH002"]
    assert {(r["project_name"], r["sequence_name"], r["type"]) for r in rows} == {
        (prod.project.name, "SQ01", "Shot")
    }
    assert prod.callers["user"].get(f"/data/shots/all?project_id={prod.project.id}").json() == rows


def test_listing_shots_by_sequence_and_filters(db, prod):
    admin = prod.callers["admin"]
    rows = admin.get(f"/data/shots?sequence_id={prod.sequence.id}").json()
    assert [r["name"] for r in rows] == ["SH001", "SH002"]
    rows = admin.get(f"/data/shots?project_id={prod.project.id}&name=sh002").json()
    assert [r["name"] for r in rows] == ["SH002"]
    assert_error(admin.get(f"/data/shots?sequence_id={prod.episode.id}"), 404)
    assert_error(admin.get("/data/shots?project_id=bad"), 400)


def test_all_shots_are_for_admins_only_and_members_need_a_project(as_role, prod):
    assert {r["id"] for r in prod.callers["admin"].get("/data/shots").json()} >= {
        sid(s) for s in prod.shots
    }
    assert_forbidden(prod.callers["manager"].get("/data/shots"))
    outsider = as_role("manager")
    assert_forbidden(outsider.get(f"/data/shots?project_id={prod.project.id}"))


def test_vendors_list_only_their_assigned_shots(db, prod):
    vendor = prod.callers["vendor"]
    factories.make_task(db, prod.shots[1], assignees=[vendor.person])
    db.commit()
    for url in (f"/data/shots?project_id={prod.project.id}", shots_url(prod)):
        assert [r["name"] for r in vendor.get(url).json()] == ["SH002"]


def test_project_shots_list(db, prod):
    rows = prod.callers["client"].get(shots_url(prod)).json()
    assert [(r["name"], r["type"]) for r in rows] == [("SH001", "Shot"), ("SH002", "Shot")]
    assert_error(prod.callers["admin"].get(f"/data/projects/{uuid.uuid4()}/shots"), 404)


@pytest.mark.parametrize(
    "path", ["/data/shots?project_id={p}", "/data/projects/{p}/shots", "/data/sequences/{s}/shots"]
)
def test_shot_lists_run_a_fixed_number_of_queries(db, as_role, count_queries, path):
    counts = []
    for size in (3, 30):
        prod = with_team(as_role, db, make_production(db, nb_shots=size))
        url = path.format(p=prod.project.id, s=prod.sequence.id)
        with count_queries() as counter:
            response = prod.callers["user"].get(url)
        assert len(response.json()) == size
        counts.append(counter.count)
    assert counts[0] == counts[1]


def test_a_member_of_the_team_is_identified_by_project(as_role, db, prod):
    other = make_production(db)
    caller = member(as_role, db, other.project, "manager")
    assert_forbidden(caller.get(shots_url(prod)))


def test_vendors_do_not_see_metadata_of_other_departments(db, prod):
    from reeltrack.models import department_metadata_descriptor_link as link

    vendor = prod.callers["vendor"]
    theirs, other = factories.make_department(db), factories.make_department(db)
    factories.add_to_department(db, vendor.person, theirs)
    for field_name, department in (("lighting", other), ("layout", theirs)):
        descriptor = factories.make_metadata_descriptor(
            db, project_id=prod.project.id, entity_type="Shot", field_name=field_name
        )
        db.execute(
            link.insert().values(metadata_descriptor_id=descriptor.id, department_id=department.id)
        )
    shot = prod.shots[0]
    shot.data = {"lighting": "warm", "layout": "v2", "free": 1}
    make_task(db, shot, assignees=[vendor.person])
    db.commit()
    for url in (shots_url(prod), f"/data/shots?project_id={prod.project.id}"):
        assert vendor.get(url).json()[0]["data"] == {"layout": "v2", "free": 1}
    assert "lighting" not in vendor.get(f"/data/shots/{shot.id}").json()["data"]
    assert prod.callers["user"].get(shots_url(prod)).json()[0]["data"]["lighting"] == "warm"


def test_a_shot_outside_any_sequence_still_reads(db, prod):
    loose = factories.make_entity(db, prod.project, type_name="Shot", name="LOOSE")
    db.commit()
    data = prod.callers["manager"].get(f"/data/shots/{loose.id}").json()
    assert (data["id"], data["type"], data["tasks"]) == (sid(loose), "Shot", [])
