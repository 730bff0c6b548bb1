"""Build job records: a project's list (admins) and one job of a playlist."""

from __future__ import annotations

import uuid

import pytest

from reeltrack.models import BuildJob
from tests import factories
from tests.crud.support import assert_error, assert_forbidden
from tests.routes.playlists.support import member


@pytest.fixture()
def jobs(db):
    project = factories.make_project(db)
    playlist = factories.make_playlist(db, project=project)
    shared = factories.make_playlist(db, project=project, for_client=True)
    job = BuildJob(playlist_id=playlist.id, status="succeeded", job_type="movie")
    shared_job = BuildJob(playlist_id=shared.id, status="running", job_type="archive")
    db.add_all([job, shared_job])
    other = factories.make_playlist(db)
    db.add(BuildJob(playlist_id=other.id))
    db.commit()
    return project, playlist, shared, job, shared_job


def test_project_build_jobs(admin, as_role, db, jobs, count_queries):
    project, playlist, shared, job, shared_job = jobs
    url = f"/data/projects/{project.id}/build-jobs"
    data = admin.get(url).json()
    assert {j["id"] for j in data} == {str(job.id), str(shared_job.id)}
    row = next(j for j in data if j["id"] == str(job.id))
    assert row["type"] == "BuildJob"
    assert row["playlist_id"] == str(playlist.id)
    assert (row["status"], row["job_type"]) == ("succeeded", "movie")
    with count_queries() as few:
        admin.get(url)
    for _ in range(4):
        db.add(BuildJob(playlist_id=playlist.id))
    db.commit()
    with count_queries() as many:
        assert len(admin.get(url).json()) == 6
    assert many.count == few.count
    assert_forbidden(member(as_role, db, project, "manager").get(url))
    assert_error(admin.get(f"/data/projects/{uuid.uuid4()}/build-jobs"), 404)
    assert_error(admin.get("/data/projects/nope/build-jobs"), 404)


def test_build_job(admin, as_role, db, jobs):
    project, playlist, shared, job, shared_job = jobs
    url = f"/data/playlists/{playlist.id}/jobs/{job.id}"
    data = admin.get(url).json()
    assert data["id"] == str(job.id) and data["type"] == "BuildJob"
    assert member(as_role, db, project, "manager").get(url).status_code == 200
    client = member(as_role, db, project, "client")
    assert_forbidden(client.get(url))
    assert client.get(f"/data/playlists/{shared.id}/jobs/{shared_job.id}").status_code == 200
    for role in ("supervisor", "user", "vendor"):
        assert_forbidden(member(as_role, db, project, role).get(url))
    assert_forbidden(as_role("manager").get(url))
    assert_error(admin.get(f"/data/playlists/{playlist.id}/jobs/{shared_job.id}"), 404)
    assert_error(admin.get(f"/data/playlists/{playlist.id}/jobs/nope"), 404)
    assert_error(admin.get(f"/data/playlists/{uuid.uuid4()}/jobs/{job.id}"), 404)
