"""Playlist lists of a project and an episode, the admin list, and one playlist in full."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest

from tests import factories
from tests.crud.support import assert_error, assert_forbidden
from tests.routes.playlists.support import member, production


@pytest.fixture()
def prod(db):
    return production(db)


def _playlist(db, project, **fields):
    row = factories.make_playlist(db, project=project, **fields)
    db.commit()
    return row


def test_project_playlists_shape_and_client_filter(admin, as_role, db, prod):
    project = prod["project"]
    shared = _playlist(
        db,
        project,
        for_client=True,
        shots=[{"entity_id": str(prod["shot"].id), "preview_file_id": str(prod["v2"].id)}],
    )
    internal = _playlist(db, project, for_entity=None)
    url = f"/data/projects/{project.id}/playlists"
    data = admin.get(url).json()
    assert {p["id"] for p in data} == {str(shared.id), str(internal.id)}
    row = next(p for p in data if p["id"] == str(shared.id))
    assert set(row) == {
        "type",
        "id",
        "name",
        "project_id",
        "episode_id",
        "task_type_id",
        "for_client",
        "for_entity",
        "is_for_all",
        "created_at",
        "updated_at",
        "created_by",
        "first_preview_file_id",
    }
    assert row["type"] == "Playlist"
    assert row["first_preview_file_id"] == str(prod["v2"].id)
    other = next(p for p in data if p["id"] == str(internal.id))
    assert other["for_entity"] == "shot"
    assert "first_preview_file_id" not in other
    client = member(as_role, db, project, "client")
    assert [p["id"] for p in client.get(url).json()] == [str(shared.id)]
    artist = member(as_role, db, project, "user")
    assert len(artist.get(url).json()) == 2


def test_project_playlists_paging_sorting_and_filters(admin, db, prod):
    project = prod["project"]
    base = dt.datetime(2024, 1, 1)
    rows = [
        _playlist(db, project, name=f"P{i:02}", updated_at=base + dt.timedelta(hours=i))
        for i in range(25)
    ]
    typed = _playlist(db, project, name="typed", task_type_id=prod["anim"].id, updated_at=base)
    url = f"/data/projects/{project.id}/playlists"
    first = admin.get(url).json()
    assert len(first) == 20
    assert first[0]["id"] == str(rows[-1].id)
    assert len(admin.get(url, params={"page": 2}).json()) == 6
    assert admin.get(url, params={"page": 0}).json() == first
    by_name = admin.get(url, params={"sort_by": "name"}).json()
    assert [p["name"] for p in by_name][:2] == ["P00", "P01"]
    assert admin.get(url, params={"sort_by": "nope"}).json() == first
    only = admin.get(url, params={"task_type_id": str(prod["anim"].id)}).json()
    assert [p["id"] for p in only] == [str(typed.id)]
    assert len(admin.get(url, params={"task_type_id": ""}).json()) == 20
    assert_error(admin.get(url, params={"page": "x"}), 400)
    assert_error(admin.get(url, params={"task_type_id": "x"}), 400)


def test_project_playlists_query_count_is_flat(admin, db, prod, count_queries):
    project = prod["project"]
    url = f"/data/projects/{project.id}/playlists"
    _playlist(db, project)
    admin.get(url)
    with count_queries() as few:
        admin.get(url)
    for _ in range(6):
        _playlist(db, project, shots=[{"entity_id": str(prod["shot"].id)}])
    with count_queries() as many:
        assert len(admin.get(url).json()) == 7
    assert many.count == few.count


def test_project_playlists_permissions(as_role, db, prod):
    project = prod["project"]
    url = f"/data/projects/{project.id}/playlists"
    for role in ("manager", "supervisor", "user", "client"):
        assert member(as_role, db, project, role).get(url).status_code == 200, role
        assert_forbidden(as_role(role).get(url))
    assert_forbidden(member(as_role, db, project, "vendor").get(url))
    assert_error(as_role("manager").get("/data/projects/nope/playlists"), 400)
    assert as_role("admin").get(f"/data/projects/{uuid.uuid4()}/playlists").json() == []


def test_episode_playlists(admin, as_role, db, prod):
    project = prod["project"]
    episode = factories.make_entity(db, project=project, type_name="Episode")
    in_episode = _playlist(db, project, episode_id=episode.id)
    main = _playlist(db, project, for_entity="asset")
    for_all = _playlist(db, project, is_for_all=True, for_entity="asset", for_client=True)
    for_all_shots = _playlist(db, project, is_for_all=True, for_entity="shot")
    db.commit()
    base = f"/data/projects/{project.id}/episodes"
    assert [p["id"] for p in admin.get(f"{base}/{episode.id}/playlists").json()] == [
        str(in_episode.id)
    ]
    assert [p["id"] for p in admin.get(f"{base}/main/playlists").json()] == [str(main.id)]
    every = admin.get(f"{base}/all/playlists").json()
    assert {p["id"] for p in every} == {str(for_all.id), str(for_all_shots.id)}
    assets = admin.get(f"{base}/all/playlists", params={"for_entity": "asset"}).json()
    assert [p["id"] for p in assets] == [str(for_all.id)]
    client = member(as_role, db, project, "client")
    assert [p["id"] for p in client.get(f"{base}/all/playlists").json()] == [str(for_all.id)]
    assert_error(admin.get(f"{base}/{prod['shot'].id}/playlists"), 404)
    assert_error(admin.get(f"{base}/{uuid.uuid4()}/playlists"), 404)
    assert_error(admin.get(f"{base}/nope/playlists"), 404)
    assert_forbidden(member(as_role, db, project, "vendor").get(f"{base}/main/playlists"))
    assert_forbidden(as_role("manager").get(f"{base}/main/playlists"))
    assert_error(admin.get(f"{base}/main/playlists", params={"page": "x"}), 400)


def test_all_project_playlists_admin_only(admin, as_role, db, prod):
    project = prod["project"]
    playlist = _playlist(db, project)
    from reeltrack.models import BuildJob

    job = BuildJob(playlist_id=playlist.id, status="succeeded", job_type="movie")
    db.add(job)
    db.commit()
    url = f"/data/projects/{project.id}/playlists/all"
    data = admin.get(url).json()
    assert len(data) == 1
    assert data[0]["build_jobs"] == [str(job.id)]
    assert data[0]["shots"] == []
    assert data[0]["type"] == "Playlist"
    page = admin.get(url, params={"page": 1}).json()
    assert (page["total"], page["nb_pages"], page["page"], page["offset"]) == (1, 1, 1, 0)
    assert page["data"] == data
    assert admin.get(url, params={"page": 5}).json()["data"] == []
    assert_forbidden(member(as_role, db, project, "manager").get(url))
    assert_error(admin.get(f"/data/projects/{uuid.uuid4()}/playlists/all"), 404)
    assert_error(admin.get("/data/projects/nope/playlists/all"), 404)
    assert_error(admin.get(url, params={"page": "x"}), 400)


def test_playlist_detail_with_previews(admin, db, prod):
    project = prod["project"]
    shot, shot2 = prod["shot"], prod["shot2"]
    playlist = _playlist(
        db,
        project,
        shots=[
            {"entity_id": str(shot.id), "preview_file_id": str(prod["v2"].id)},
            {"entity_id": str(shot2.id), "preview_file_id": str(uuid.uuid4())},
            {"entity_id": str(uuid.uuid4())},
        ],
    )
    from reeltrack.models import BuildJob

    db.add(BuildJob(playlist_id=playlist.id, created_at=dt.datetime(2024, 1, 1)))
    newer = BuildJob(playlist_id=playlist.id, created_at=dt.datetime(2024, 2, 1), message="m")
    db.add(newer)
    db.commit()
    response = admin.get(f"/data/projects/{project.id}/playlists/{playlist.id}")
    assert response.status_code == 200, response.text
    data = response.json()
    assert data["type"] == "Playlist"
    assert data["id"] == str(playlist.id)
    assert [j["id"] for j in data["build_jobs"]][0] == str(newer.id)
    assert set(data["build_jobs"][0]) == {"id", "status", "created_at", "message"}
    first, second, third = data["shots"]
    assert first["id"] == str(shot.id)
    assert first["preview_file_id"] == str(prod["v2"].id)
    assert first["preview_file_extension"] == "mp4"
    assert first["preview_file_revision"] == 2
    assert first["preview_file_status"] == "Ready"
    assert first["preview_file_task_id"] == str(prod["task"].id)
    assert [p["id"] for p in first["preview_file_previews"]] == [str(prod["v2b"].id)]
    assert "preview_file_annotations" not in first
    types = list(first["preview_files"])
    assert types == [str(prod["anim"].id), str(prod["layout"].id)]
    anim = first["preview_files"][str(prod["anim"].id)]
    assert [p["id"] for p in anim] == [str(prod["v2"].id), str(prod["v1"].id)]
    assert set(anim[0]) == {
        "id",
        "revision",
        "extension",
        "width",
        "height",
        "duration",
        "status",
        "created_at",
        "task_id",
        "previews",
    }
    assert "preview_file_id" not in second
    assert list(second["preview_files"]) == [str(prod["anim"].id)]
    assert third["preview_files"] == []


def test_playlist_detail_permissions(admin, as_role, db, prod):
    project = prod["project"]
    internal = _playlist(db, project)
    shared = _playlist(db, project, for_client=True)
    url = f"/data/projects/{project.id}/playlists"
    client = member(as_role, db, project, "client")
    assert client.get(f"{url}/{shared.id}").status_code == 200
    assert_forbidden(client.get(f"{url}/{internal.id}"))
    for role in ("manager", "supervisor", "user"):
        assert member(as_role, db, project, role).get(f"{url}/{internal.id}").status_code == 200
        assert_forbidden(as_role(role).get(f"{url}/{internal.id}"))
    assert_forbidden(member(as_role, db, project, "vendor").get(f"{url}/{internal.id}"))
    other = _playlist(db, factories.make_project(db))
    assert_error(admin.get(f"{url}/{other.id}"), 404)
    assert_error(admin.get(f"{url}/nope"), 404)
    assert_error(admin.get(f"{url}/{uuid.uuid4()}"), 404)


def test_entity_previews(admin, as_role, db, prod):
    project, shot = prod["project"], prod["shot"]
    url = f"/data/playlists/entities/{shot.id}/preview-files"
    data = admin.get(url).json()
    assert list(data) == [str(prod["anim"].id), str(prod["layout"].id)]
    anim = data[str(prod["anim"].id)]
    assert [p["id"] for p in anim] == [str(prod["v2"].id), str(prod["v1"].id)]
    assert anim[0]["status"] == "ready"
    assert [p["id"] for p in anim[0]["previews"]] == [str(prod["v2b"].id)]
    for role in ("manager", "supervisor", "user", "client"):
        assert member(as_role, db, project, role).get(url).status_code == 200
        assert_forbidden(as_role(role).get(url))
    vendor = member(as_role, db, project, "vendor")
    assert_forbidden(vendor.get(url))
    from reeltrack.models.task import task_person_link

    db.execute(
        task_person_link.insert().values(task_id=prod["task"].id, person_id=vendor.person.id)
    )
    db.commit()
    assert vendor.get(url).status_code == 200
    assert_error(admin.get(f"/data/playlists/entities/{uuid.uuid4()}/preview-files"), 404)
    assert_error(admin.get("/data/playlists/entities/nope/preview-files"), 404)
    assert admin.get(f"/data/playlists/entities/{prod['sequence'].id}/preview-files").json() == {}
