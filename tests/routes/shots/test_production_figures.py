"""Episode stats, retake stats, quotas and set-shot-nb-frames."""

from __future__ import annotations

import datetime as dt

import pytest

from reeltrack.models import Entity
from tests import factories
from tests.crud.support import assert_error, assert_forbidden, sid
from tests.routes.shots.production import make_shot, make_task


@pytest.fixture()
def statuses(db):
    done = factories.make_task_status(db, is_done=True, short_name="done", color="#00ff00")
    retake = factories.make_task_status(db, is_retake=True, short_name="rtk", color="#ff0000")
    wip = factories.make_task_status(db, short_name="wip", color="#0000ff")
    db.commit()
    return done, retake, wip


def _stats_setup(db, prod, statuses):
    done, retake, _ = statuses
    task_type = factories.make_task_type(db, for_entity="Shot")
    prod.shots[0].nb_frames, prod.shots[1].nb_frames = 10, 20
    make_task(db, prod.shots[0], task_type_id=task_type.id, task_status_id=done.id, nb_drawings=3)
    make_task(
        db, prod.shots[1], task_type_id=task_type.id, task_status_id=retake.id, retake_count=2
    )
    db.commit()
    return task_type


def test_episode_stats_count_tasks_frames_and_drawings_per_status(db, prod, statuses):
    done, retake, _ = statuses
    task_type = _stats_setup(db, prod, statuses)
    url = f"/data/projects/{prod.project.id}/episodes/stats"
    data = prod.callers["supervisor"].get(url).json()
    ep, tt = sid(prod.episode), str(task_type.id)
    assert data[ep][tt][sid(done)] == {
        "name": "done",
        "color": "#00ff00",
        "count": 1,
        "frames": 10,
        "drawings": 3,
    }
    assert data[ep]["all"][sid(retake)]["frames"] == 20
    assert data["all"][tt][sid(done)]["count"] == 1
    assert data["all"]["all"][sid(retake)]["count"] == 1


def test_retake_stats(db, prod, statuses):
    task_type = _stats_setup(db, prod, statuses)
    url = f"/data/projects/{prod.project.id}/episodes/retake-stats"
    data = prod.callers["manager"].get(url).json()
    ep, tt = sid(prod.episode), str(task_type.id)
    whole = data["all"]["all"]
    assert whole["max_retake_count"] == 2
    assert (whole["done"]["count"], whole["retake"]["count"], whole["other"]["count"]) == (1, 1, 0)
    assert data[ep][tt]["retake"]["frames"] == 20
    evolution = data[ep]["all"]["evolution"]
    assert set(evolution) == {"1", "2"}
    assert evolution["1"]["retake"]["count"] == 1 and evolution["1"]["done"]["count"] == 1


def test_stats_permissions(db, as_role, prod):
    stats = f"/data/projects/{prod.project.id}/episodes/stats"
    retakes = f"/data/projects/{prod.project.id}/episodes/retake-stats"
    assert prod.callers["client"].get(stats).status_code == 200
    assert_forbidden(prod.callers["client"].get(retakes))
    prod.project.is_client_stats_visible = False
    db.commit()
    assert_forbidden(prod.callers["client"].get(stats))
    assert_forbidden(as_role("manager").get(stats))
    assert prod.callers["vendor"].get(stats).json() == {}
    assert_error(prod.callers["admin"].get("/data/projects/bad/episodes/stats"), 400)


# ---------------------------------------------------------------- quotas


def _quota_task(db, prod, artist, task_type, **fields):
    shot = prod.shots[0]
    shot.nb_frames = 48
    return make_task(db, shot, task_type_id=task_type.id, assignees=[artist], **fields)


def test_raw_quotas_per_person_count_finished_shots(db, prod):
    prod.project.fps = "24"
    artist = prod.callers["user"].person
    task_type = factories.make_task_type(db, for_entity="Shot")
    _quota_task(db, prod, artist, task_type, end_date=dt.datetime(2024, 3, 4, 10))
    db.commit()
    url = f"/data/projects/{prod.project.id}/quotas/{task_type.id}?count_mode=feedback"
    data = prod.callers["supervisor"].get(url).json()
    assert set(data) == {str(artist.id), "total"}
    entry = data[str(artist.id)]
    assert entry["day"]["frames"] == {"2024-03-04": 48}
    assert entry["day"]["seconds"] == {"2024-03-04": 2.0}
    assert entry["day"]["entries"] == {"2024-03": 1}
    assert entry["week"]["count"] == {"2024-10": 1}
    assert entry["month"]["drawings"] == {"2024-03": 0}
    assert entry["year"]["frames"] == {"2024": 48}
    assert data["total"]["day"]["frames"] == {"2024-03-04": 48}
    done_url = f"/data/projects/{prod.project.id}/quotas/{task_type.id}?count_mode=done"
    assert prod.callers["supervisor"].get(done_url).json() == {}


def test_weighted_quotas_share_frames_by_logged_time_or_working_days(db, prod):
    prod.project.fps = "24"
    artist = prod.callers["user"].person
    task_type = factories.make_task_type(db, for_entity="Shot")
    logged = _quota_task(
        db, prod, artist, task_type, end_date=dt.datetime(2024, 3, 8), duration=120
    )
    factories.make_time_spent(
        db, task_id=logged.id, person_id=artist.id, duration=60, date=dt.date(2024, 3, 5)
    )
    other_shot = make_shot(db, prod.sequence, name="SH050", nb_frames=48)
    make_task(
        db,
        other_shot,
        task_type_id=task_type.id,
        assignees=[artist],
        real_start_date=dt.datetime(2024, 3, 4, 9),
        end_date=dt.datetime(2024, 3, 5, 18),
    )
    db.commit()
    url = f"/data/projects/{prod.project.id}/quotas/{task_type.id}"
    day = prod.callers["manager"].get(url).json()[str(artist.id)]["day"]
    assert day["frames"] == {"2024-03-04": 24, "2024-03-05": 48}
    assert day["count"] == {"2024-03-04": 0.5, "2024-03-05": 1.0}


def test_person_quotas_are_keyed_by_task_type(db, prod):
    artist = prod.callers["user"].person
    task_type = factories.make_task_type(db, for_entity="Shot")
    _quota_task(db, prod, artist, task_type, end_date=dt.datetime(2024, 3, 4, 10))
    db.commit()
    url = f"/data/projects/{prod.project.id}/quotas/persons/{artist.id}?count_mode=feedback"
    data = prod.callers["user"].get(url).json()
    assert set(data) == {str(task_type.id), "total"}
    assert prod.callers["supervisor"].get(url).status_code == 200


def test_quota_permissions_and_bad_input(as_role, prod):
    base = f"/data/projects/{prod.project.id}/quotas"
    artist = prod.callers["user"].person
    person_url = f"{base}/persons/{artist.id}"
    type_url = f"{base}/{prod.shots[0].entity_type_id}"
    assert_forbidden(prod.callers["client"].get(type_url))
    assert_forbidden(prod.callers["client"].get(person_url))
    assert_forbidden(prod.callers["vendor"].get(person_url))
    assert_forbidden(as_role("manager").get(type_url))
    assert_forbidden(as_role("user").get(person_url))
    assert_error(prod.callers["admin"].get(f"{type_url}?count_mode=bad"), 400)
    assert_error(prod.callers["admin"].get(f"{base}/bad"), 400)
    assert_error(prod.callers["admin"].get(f"{base}/persons/bad"), 400)
    assert_error(prod.callers["admin"].get(f"{type_url}?studio_id=bad"), 400)


# ---------------------------------------------------------------- set-shot-nb-frames


def test_set_shot_nb_frames_from_the_latest_previews(db, prod):
    prod.project.fps = "24"
    task_type = factories.make_task_type(db, for_entity="Shot")
    task = make_task(db, prod.shots[0], task_type_id=task_type.id)
    factories.make_preview_file(db, task, duration=2.0, created_at=dt.datetime(2024, 1, 1))
    factories.make_preview_file(db, task, duration=3.0, created_at=dt.datetime(2024, 1, 2))
    db.commit()
    url = f"/actions/projects/{prod.project.id}/task-types/{task_type.id}/set-shot-nb-frames"
    assert_forbidden(prod.callers["supervisor"].post(url))
    response = prod.callers["manager"].post(url)
    assert response.status_code == 200, response.text
    assert response.json() == [{"id": sid(prod.shots[0]), "nb_frames": 72}]
    db.commit()
    db.expire_all()
    assert db.get(Entity, prod.shots[0].id).nb_frames == 72
    other = factories.make_entity(db, prod.project, type_name="Episode", name="E09")
    db.commit()
    assert prod.callers["manager"].post(f"{url}?episode_id={other.id}").json() == []
    assert_error(prod.callers["manager"].post(f"{url}?episode_id=bad"), 400)
    bad = f"/actions/projects/bad/task-types/{task_type.id}/set-shot-nb-frames"
    assert_error(prod.callers["admin"].post(bad), 400)
