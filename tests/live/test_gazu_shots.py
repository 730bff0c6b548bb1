"""gazu's shot, scene and edit functions against a live server."""

from __future__ import annotations

import gazu
import pytest

from tests import factories

PASSWORD = "shots-password"


@pytest.fixture()
def project(live_url, db):
    """An admin logged in through gazu, with a project."""
    factories.make_person(db, role="admin", email="admin@shots.test", password=PASSWORD)
    factories.project_status(db, "Open")
    db.commit()
    gazu.set_host(live_url + "/api")
    gazu.log_in("admin@shots.test", PASSWORD)
    yield gazu.project.new_project("Shots Film")
    gazu.cache.clear_all()
    gazu.log_out()
    gazu.client.default_client.tokens = {}


def test_episodes_sequences_and_shots_through_gazu(project):
    episode = gazu.shot.new_episode(project, "E01")
    assert episode["type"] == "Episode"
    assert gazu.shot.new_episode(project, "E01")["id"] == episode["id"]
    sequence = gazu.shot.new_sequence(project, "SQ01", episode=episode)
    assert sequence["parent_id"] == episode["id"]
    shot = gazu.shot.new_shot(project, sequence, "SH010", nb_frames=24, frame_in=1, frame_out=24)
    assert (shot["nb_frames"], shot["data"]) == (24, {"frame_in": 1, "frame_out": 24})
    assert [s["id"] for s in gazu.shot.all_sequences_for_project(project)] == [sequence["id"]]
    assert [s["id"] for s in gazu.shot.all_shots_for_sequence(sequence)] == [shot["id"]]

    full = gazu.shot.get_shot(shot["id"])
    assert (full["sequence_name"], full["episode_name"], full["frame_out"]) == ("SQ01", "E01", 24)
    full["description"] = "opening"
    full["data"]["frame_out"] = 48
    updated = gazu.shot.update_shot(full)
    assert (updated["description"], updated["data"]["frame_out"]) == ("opening", 48)
    assert gazu.shot.get_shot(shot["id"])["frame_out"] == 48

    gazu.shot.remove_shot(shot)
    assert gazu.shot.all_shots_for_sequence(sequence) == []


def test_a_shot_with_tasks_is_canceled_then_restored_then_forced_out(project, db):
    sequence = gazu.shot.new_sequence(project, "SQ02")
    shot = gazu.shot.new_shot(project, sequence, "SH020")
    task_type = gazu.task.new_task_type("Anim", for_entity="Shot")
    factories.make_task_status(db, name="Todo", short_name="todo", is_default=True)
    db.commit()
    gazu.task.new_task(shot, task_type)
    gazu.shot.remove_shot(shot)
    assert gazu.shot.get_shot(shot["id"])["canceled"] is True
    gazu.shot.restore_shot(shot)
    assert gazu.shot.get_shot(shot["id"])["canceled"] is False
    gazu.shot.remove_shot(shot, force=True)
    with pytest.raises(gazu.exception.RouteNotFoundException):
        gazu.shot.get_shot(shot["id"])


def test_scenes_through_gazu(project):
    sequence = gazu.shot.new_sequence(project, "SQ03")
    shot = gazu.shot.new_shot(project, sequence, "SH030")
    scene = gazu.scene.new_scene(project, sequence, "SC01")
    assert scene["type"] == "Scene"
    assert [s["id"] for s in gazu.scene.all_scenes(project)] == [scene["id"]]
    assert [s["id"] for s in gazu.scene.all_scenes_for_sequence(sequence)] == [scene["id"]]
    assert gazu.scene.get_scene(scene["id"])["sequence_name"] == "SQ03"
    gazu.scene.add_shot_to_scene(scene, shot)
    assert [s["id"] for s in gazu.scene.all_shots_for_scene(scene)] == [shot["id"]]
    gazu.scene.remove_shot_from_scene(scene, shot)
    assert gazu.scene.all_shots_for_scene(scene) == []


def test_edits_through_gazu(project):
    episode = gazu.shot.new_episode(project, "E02")
    edit = gazu.edit.new_edit(project, "Cut", description="first", episode=episode)
    assert (edit["type"], edit["parent_id"], edit["description"]) == (
        "Edit",
        episode["id"],
        "first",
    )
    assert gazu.edit.get_edit_by_name(project, "Cut")["id"] == edit["id"]
    assert [e["id"] for e in gazu.edit.all_edits_for_project(project)] == [edit["id"]]
    assert gazu.edit.get_edit(edit["id"])["episode_name"] == "E02"
    assert gazu.edit.all_previews_for_edit(edit) == {}
    gazu.edit.remove_edit(edit)
    assert gazu.edit.all_edits_for_project(project) == []
