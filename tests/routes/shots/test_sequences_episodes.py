"""Sequences and episodes: creation, detail, listings, deletion."""

from __future__ import annotations

import uuid

import pytest

from reeltrack.models import Entity, Task
from tests import factories
from tests.crud.support import assert_error, assert_forbidden, events, one_event, sid
from tests.routes.shots.production import assert_invalid, make_production, with_team

NOT_MANAGERS = ("supervisor", "user", "client", "vendor")


# ---------------------------------------------------------------- creation


def test_a_manager_creates_an_episode_then_a_sequence_in_it(db, prod):
    manager = prod.callers["manager"]
    url = f"/data/projects/{prod.project.id}"
    response = manager.post(f"{url}/episodes", json={"name": "E02", "status": "bogus"})
    assert response.status_code == 201, response.text
    episode = response.json()
    assert (episode["type"], episode["status"], episode["data"]) == ("Episode", "running", {})
    assert one_event(db, "episode:new").data["episode_id"] == episode["id"]
    body = {"name": "SQ10", "episode_id": episode["id"], "data": {"k": 1}}
    response = manager.post(f"{url}/sequences", json=body)
    assert response.status_code == 201, response.text
    sequence = response.json()
    assert (sequence["type"], sequence["parent_id"], sequence["data"]) == (
        "Sequence",
        episode["id"],
        {"k": 1},
    )
    assert one_event(db, "sequence:new").data["sequence_id"] == sequence["id"]


@pytest.mark.parametrize("role", NOT_MANAGERS)
def test_only_managers_create_episodes_and_sequences(db, prod, role):
    url = f"/data/projects/{prod.project.id}"
    assert_forbidden(prod.callers[role].post(f"{url}/episodes", json={"name": "E9"}))
    assert_forbidden(prod.callers[role].post(f"{url}/sequences", json={"name": "S9"}))
    assert events(db) == []


def test_a_sequence_needs_an_episode_of_the_same_project(db, prod):
    other = make_production(db)
    manager = prod.callers["manager"]
    url = f"/data/projects/{prod.project.id}/sequences"
    assert_error(manager.post(url, json={"name": "S", "episode_id": sid(other.episode)}), 404)
    assert_error(manager.post(url, json={"name": "S", "episode_id": sid(prod.sequence)}), 404)
    assert_invalid(manager.post(url, json={"name": "S", "episode_id": "bad"}))
    assert_invalid(manager.post(url, json={"episode_id": sid(prod.episode)}))
    assert db.query(Entity).filter(Entity.name == "S").count() == 0


# ---------------------------------------------------------------- detail


def test_a_sequence_reads_with_its_project_and_episode_names(prod):
    data = prod.callers["client"].get(f"/data/sequences/{prod.sequence.id}").json()
    assert (data["type"], data["project_name"]) == ("Sequence", prod.project.name)
    assert (data["episode_id"], data["episode_name"]) == (sid(prod.episode), "E01")
    episode = prod.callers["user"].get(f"/data/episodes/{prod.episode.id}").json()
    assert (episode["type"], episode["project_name"]) == ("Episode", prod.project.name)


def test_sequence_and_episode_ids_of_the_wrong_kind(prod):
    admin = prod.callers["admin"]
    assert_error(admin.get(f"/data/sequences/{prod.episode.id}"), 404)
    assert_error(admin.get(f"/data/episodes/{prod.sequence.id}"), 404)
    assert_error(admin.get(f"/data/episodes/{prod.shots[0].id}/shots"), 404)
    assert_error(admin.get("/data/sequences/bad"), 400, "Malformed ID.")
    assert_error(admin.get(f"/data/episodes/{uuid.uuid4()}"), 404)
    assert admin.get("/data/episodes/bad/sequences").json() == []


def test_outsiders_and_unassigned_vendors_cannot_read(db, as_role, prod):
    outsider = as_role("supervisor")
    for url in (f"/data/sequences/{prod.sequence.id}", f"/data/episodes/{prod.episode.id}"):
        assert_forbidden(outsider.get(url))
        assert_forbidden(prod.callers["vendor"].get(url))


# ---------------------------------------------------------------- lists


def test_listing_sequences_and_episodes(db, prod):
    user = prod.callers["user"]
    rows = user.get(f"/data/sequences?project_id={prod.project.id}").json()
    assert [(r["name"], r["type"]) for r in rows] == [("SQ01", "Sequence")]
    rows = user.get(f"/data/sequences?episode_id={prod.episode.id}").json()
    assert [r["id"] for r in rows] == [sid(prod.sequence)]
    rows = user.get(f"/data/episodes?project_id={prod.project.id}").json()
    assert [(r["name"], r["type"]) for r in rows] == [("E01", "Episode")]
    assert [r["id"] for r in user.get(f"/data/episodes/{prod.episode.id}/sequences").json()] == [
        sid(prod.sequence)
    ]
    rows = user.get(f"/data/projects/{prod.project.id}/sequences").json()
    assert [r["name"] for r in rows] == ["SQ01"]
    rows = user.get(f"/data/projects/{prod.project.id}/episodes").json()
    assert [r["name"] for r in rows] == ["E01"]
    assert_forbidden(user.get("/data/sequences"))
    assert_forbidden(user.get("/data/episodes"))


def test_episode_shots_with_relations(db, prod):
    asset = factories.make_entity(db, prod.project)
    factories.make_entity_link(db, entity_in_id=prod.shots[0].id, entity_out_id=asset.id)
    db.commit()
    url = f"/data/episodes/{prod.episode.id}/shots"
    rows = prod.callers["user"].get(url).json()
    assert sorted(r["name"] for r in rows) == ["SH001", "SH002"]
    assert "entities_out" not in rows[0]
    rows = prod.callers["user"].get(f"{url}?relations=true").json()
    assert {r["name"]: r["entities_out"] for r in rows}["SH001"] == [sid(asset)]


def test_vendors_see_the_episodes_and_sequences_of_their_shots(db, prod):
    vendor = prod.callers["vendor"]
    other_sequence = factories.make_entity(db, prod.project, type_name="Sequence", name="SQ02")
    db.commit()
    assert vendor.get(f"/data/sequences?project_id={prod.project.id}").json() == []
    factories.make_task(db, prod.shots[0], assignees=[vendor.person])
    db.commit()
    for url in (
        f"/data/sequences?project_id={prod.project.id}",
        f"/data/projects/{prod.project.id}/sequences",
    ):
        assert [r["id"] for r in vendor.get(url).json()] == [sid(prod.sequence)]
    assert sid(other_sequence) not in str(
        vendor.get(f"/data/episodes/{prod.episode.id}/sequences").json()
    )
    for url in (
        f"/data/episodes?project_id={prod.project.id}",
        f"/data/projects/{prod.project.id}/episodes",
    ):
        assert [r["id"] for r in vendor.get(url).json()] == [sid(prod.episode)]
    assert_forbidden(vendor.get("/data/episodes"))


@pytest.mark.parametrize(
    "path",
    [
        "/data/sequences?project_id={p}",
        "/data/projects/{p}/sequences",
        "/data/episodes?project_id={p}",
        "/data/projects/{p}/episodes",
        "/data/episodes/{e}/shots?relations=true",
    ],
)
def test_lists_run_a_fixed_number_of_queries(db, as_role, count_queries, path):
    counts = []
    for size in (3, 30):
        prod = with_team(as_role, db, make_production(db, nb_shots=size))
        for i in range(size - 1):
            factories.make_entity(db, prod.project, type_name="Sequence", name=f"S{i}")
            factories.make_entity(db, prod.project, type_name="Episode", name=f"E{i}")
        db.commit()
        url = path.format(p=prod.project.id, e=prod.episode.id)
        with count_queries() as counter:
            response = prod.callers["user"].get(url)
        assert len(response.json()) == size
        counts.append(counter.count)
    assert counts[0] == counts[1]


# ---------------------------------------------------------------- deletion


def test_a_sequence_with_shots_is_kept_unless_forced(db, prod):
    manager = prod.callers["manager"]
    task = factories.make_task(db, prod.shots[0])
    db.commit()
    ids, sequence_id, task_id = [s.id for s in prod.shots], prod.sequence.id, task.id
    response = manager.delete(f"/data/sequences/{sequence_id}")
    assert_error(response, 400)
    assert manager.delete(f"/data/sequences/{sequence_id}?force=true").status_code == 204
    db.expire_all()
    assert db.get(Entity, sequence_id) is None
    assert all(db.get(Entity, shot_id) is None for shot_id in ids)
    assert db.get(Task, task_id) is None
    assert one_event(db, "sequence:delete").data["sequence_id"] == str(sequence_id)
    assert len(events(db, "shot:delete")) == 2


def test_an_episode_is_deleted_with_force_along_its_sequences(db, prod):
    manager = prod.callers["manager"]
    episode_id, sequence_id = prod.episode.id, prod.sequence.id
    assert_error(manager.delete(f"/data/episodes/{episode_id}"), 400)
    assert manager.delete(f"/data/episodes/{episode_id}?force=true").status_code == 204
    db.expire_all()
    assert db.get(Entity, episode_id) is None and db.get(Entity, sequence_id) is None
    assert one_event(db, "episode:delete").data["episode_id"] == str(episode_id)


def test_a_forced_episode_delete_takes_the_assets_created_in_it(db, prod):
    """Zou removes the episode's own assets (source_id) with their tasks; others stay."""
    episode = factories.make_entity(db, prod.project, type_name="Episode", name="E07")
    own = factories.make_entity(db, prod.project, name="Prop", source_id=episode.id)
    task = factories.make_task(db, own)
    elsewhere = factories.make_entity(db, prod.project, name="Tree")
    factories.make_entity_link(db, entity_in_id=episode.id, entity_out_id=elsewhere.id)
    db.commit()
    ids = (episode.id, own.id, task.id, elsewhere.id)
    response = prod.callers["manager"].delete(f"/data/episodes/{episode.id}?force=true")
    assert response.status_code == 204, response.text
    db.expire_all()
    assert db.get(Entity, ids[0]) is None and db.get(Entity, ids[1]) is None
    assert db.get(Task, ids[2]) is None
    assert db.get(Entity, ids[3]) is not None
    assert one_event(db, "asset:delete").data["asset_id"] == str(ids[1])


def test_an_empty_episode_is_deleted(db, prod):
    empty = factories.make_entity(db, prod.project, type_name="Episode", name="E05")
    db.commit()
    assert prod.callers["manager"].delete(f"/data/episodes/{empty.id}").status_code == 204


@pytest.mark.parametrize("role", NOT_MANAGERS)
def test_only_managers_delete_sequences_and_episodes(db, prod, role):
    caller = prod.callers[role]
    assert_forbidden(caller.delete(f"/data/sequences/{prod.sequence.id}?force=true"))
    assert_forbidden(caller.delete(f"/data/episodes/{prod.episode.id}?force=true"))
    db.expire_all()
    assert db.get(Entity, prod.sequence.id) is not None
