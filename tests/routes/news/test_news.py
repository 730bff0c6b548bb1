"""News routes: the open projects' feed, one project's, one news, one entity's."""

from __future__ import annotations

import uuid

import pytest

from tests import factories
from tests.routes.comments.support import make_statuses


@pytest.fixture()
def feed(db):
    statuses = make_statuses(db)
    project = factories.make_project(db)
    closed = factories.make_project(db, closed=True)
    sequence = factories.make_entity(db, project=project, type_name="Sequence")
    shot = factories.make_entity(db, project=project, type_name="Shot", parent_id=sequence.id)
    task = factories.make_task(db, entity=shot, task_status_id=statuses["todo"].id)
    closed_task = factories.make_task(
        db, entity=factories.make_entity(db, project=closed), task_status_id=statuses["todo"].id
    )
    db.commit()
    return {
        "project": project,
        "closed": closed,
        "shot": shot,
        "task": task,
        "closed_task": closed_task,
        **statuses,
    }


def _comment(client, task, status, text="news"):
    response = client.post(
        f"/actions/tasks/{task.id}/comment",
        json={"task_status_id": str(status.id), "comment": text},
    )
    assert response.status_code == 201, response.text
    return response.json()


def _member(as_role, db, project, role):
    client = as_role(role)
    factories.add_to_team(db, project, client.person)
    db.commit()
    return client


def test_project_news_shape_and_stats(admin, db, feed):
    _comment(admin, feed["task"], feed["wip"])
    comment = _comment(admin, feed["task"], feed["wip"], "no change")
    response = admin.get(f"/data/projects/{feed['project'].id}/news")
    assert response.status_code == 200
    data = response.json()
    assert (data["total"], data["nb_pages"], data["limit"], data["page"]) == (2, 1, 50, 1)
    top = data["data"][0]
    assert top["comment_id"] == comment["id"]
    assert top["type"] == "News"
    assert top["change"] is False
    assert top["task_status_id"] == str(feed["wip"].id)
    assert top["project_name"] == feed["project"].name
    assert top["full_entity_name"].endswith(feed["shot"].name)
    assert top["person"]["id"] == str(admin.person.id)
    assert data["stats"] == {str(feed["wip"].id): 1}


def test_project_news_filters_and_paging(admin, db, feed):
    for status in (feed["wip"], feed["wfa"], feed["retake"]):
        _comment(admin, feed["task"], status)
    url = f"/data/projects/{feed['project'].id}/news"
    only_wfa = admin.get(url, params={"task_status_id": str(feed["wfa"].id)}).json()
    assert [n["task_status_id"] for n in only_wfa["data"]] == [str(feed["wfa"].id)]
    page = admin.get(url, params={"page": 2, "limit": 2}).json()
    assert (page["total"], page["nb_pages"], len(page["data"]), page["offset"]) == (3, 2, 1, 2)
    by_other = admin.get(url, params={"person_id": str(uuid.uuid4())}).json()
    assert by_other["data"] == []
    assert admin.get(url, params={"only_preview": "true"}).json()["data"] == []
    assert admin.get(url, params={"task_type_id": "x"}).status_code == 400
    assert admin.get(url, params={"after": "not a date"}).status_code == 400
    later = admin.get(url, params={"after": "2100-01-01"}).json()
    assert later["total"] == 0


def test_project_news_access(as_role, admin, db, feed):
    _comment(admin, feed["task"], feed["wip"])
    url = f"/data/projects/{feed['project'].id}/news"
    assert _member(as_role, db, feed["project"], "user").get(url).json()["total"] == 1
    assert _member(as_role, db, feed["project"], "client").get(url).status_code == 403
    assert as_role("user").get(url).status_code == 403
    assert admin.get("/data/projects/nope/news").status_code == 400
    assert admin.get(f"/data/projects/{uuid.uuid4()}/news").status_code == 404


def test_single_news(as_role, admin, db, feed):
    _comment(admin, feed["task"], feed["wip"])
    news_id = admin.get(f"/data/projects/{feed['project'].id}/news").json()["data"][0]["id"]
    url = f"/data/projects/{feed['project'].id}/news/{news_id}"
    assert admin.get(url).json()["id"] == news_id
    assert _member(as_role, db, feed["project"], "client").get(url).status_code == 200
    assert _member(as_role, db, feed["project"], "vendor").get(url).status_code == 403
    assert admin.get(f"/data/projects/{feed['project'].id}/news/{uuid.uuid4()}").status_code == 404
    assert admin.get(f"/data/projects/{feed['closed'].id}/news/{news_id}").status_code == 404
    assert admin.get(f"/data/projects/{feed['project'].id}/news/bad").status_code == 400


def test_all_news_covers_open_projects_of_the_caller(as_role, admin, db, feed):
    _comment(admin, feed["task"], feed["wip"])
    _comment(admin, feed["closed_task"], feed["wip"])
    data = admin.get("/data/projects/news").json()
    assert [n["project_id"] for n in data["data"]] == [str(feed["project"].id)]
    member = _member(as_role, db, feed["project"], "user")
    assert member.get("/data/projects/news").json()["total"] == 1
    assert as_role("user").get("/data/projects/news").json()["total"] == 0
    other = factories.make_project(db)
    db.commit()
    filtered = admin.get("/data/projects/news", params={"project_id": str(other.id)}).json()
    assert filtered["total"] == 0


def _news_rows(admin, db, feed, count):
    for _ in range(count):
        _comment(admin, feed["task"], feed["wip"])


def test_news_runs_fixed_queries(admin, db, feed, count_queries):
    _news_rows(admin, db, feed, 3)
    url = f"/data/projects/{feed['project'].id}/news"
    with count_queries() as few:
        assert admin.get(url).json()["total"] == 3
    _news_rows(admin, db, feed, 27)
    with count_queries() as many:
        assert admin.get(url).json()["total"] == 30
    assert few.count == many.count


def test_entity_news(as_role, admin, db, feed):
    _comment(admin, feed["task"], feed["wip"])
    other = factories.make_task(db, entity=factories.make_entity(db, project=feed["project"]))
    db.commit()
    _comment(admin, other, feed["wip"])
    url = f"/data/entities/{feed['shot'].id}/news"
    data = admin.get(url).json()
    assert data["total"] == 1 and data["limit"] == 2000
    assert data["data"][0]["task_id"] == str(feed["task"].id)
    assert _member(as_role, db, feed["project"], "vendor").get(url).status_code == 403
    assert as_role("user").get(url).status_code == 403
    assert admin.get("/data/entities/zz/news").status_code == 400
    assert admin.get(f"/data/entities/{uuid.uuid4()}/news").status_code == 404
