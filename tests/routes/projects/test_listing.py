"""GET /data/projects/open and /data/projects/all, as each role sees them."""

from __future__ import annotations

import pytest

from tests import factories
from tests.crud.support import assert_error, sid

NON_ADMIN = ("manager", "supervisor", "user", "client", "vendor")


@pytest.fixture()
def projects(db):
    """Two open projects and a closed one, named so the order is known."""
    open_b = factories.make_project(db, name="Bravo")
    open_a = factories.make_project(db, name="Alpha")
    closed = factories.make_project(db, name="Closed one", closed=True)
    db.commit()
    return open_a, open_b, closed


def names(response) -> list[str]:
    assert response.status_code == 200, response.text
    return [project["name"] for project in response.json()]


def test_admin_lists_every_open_project_by_name_with_its_settings(admin, db, projects):
    open_a, _, _ = projects
    task_type = factories.make_task_type(db)
    task_status = factories.make_task_status(db)
    person = factories.make_person(db)
    factories.add_to_team(db, open_a, person)
    from reeltrack.models import ProjectTaskStatusLink, ProjectTaskTypeLink

    db.add(ProjectTaskTypeLink(project_id=open_a.id, task_type_id=task_type.id, priority=4))
    db.add(ProjectTaskStatusLink(project_id=open_a.id, task_status_id=task_status.id, priority=2))
    descriptor = factories.make_metadata_descriptor(db, project_id=open_a.id)
    db.commit()
    response = admin.get("/data/projects/open")
    assert names(response) == ["Alpha", "Bravo"]
    alpha = response.json()[0]
    assert alpha["type"] == "Project"
    assert alpha["team"] == [sid(person)]
    assert alpha["task_types"] == [sid(task_type)]
    assert alpha["task_statuses"] == [sid(task_status)]
    assert alpha["task_types_priority"] == {sid(task_type): 4}
    assert alpha["task_type_links"][sid(task_type)]["priority"] == 4
    assert alpha["task_statuses_link"][sid(task_status)]["priority"] == 2
    assert [d["id"] for d in alpha["descriptors"]] == [sid(descriptor)]
    assert alpha["descriptors"][0]["departments"] == []
    assert "first_episode_id" not in alpha


def test_open_projects_can_be_filtered_by_exact_name(admin, projects):
    assert names(admin.get("/data/projects/open", params={"name": "Bravo"})) == ["Bravo"]
    assert names(admin.get("/data/projects/open", params={"name": "bravo"})) == []


@pytest.mark.parametrize("role", NON_ADMIN)
def test_others_list_the_open_projects_of_their_teams(as_role, db, projects, role):
    open_a, _, closed = projects
    caller = as_role(role)
    factories.add_to_team(db, open_a, caller.person)
    factories.add_to_team(db, closed, caller.person)
    db.commit()
    assert names(caller.get("/data/projects/open")) == ["Alpha"]


def test_a_client_only_sees_the_descriptors_published_to_clients(as_role, db, projects):
    open_a, _, _ = projects
    public = factories.make_metadata_descriptor(db, project_id=open_a.id, for_client=True)
    factories.make_metadata_descriptor(db, project_id=open_a.id, for_client=False)
    caller = as_role("client")
    factories.add_to_team(db, open_a, caller.person)
    db.commit()
    (project,) = caller.get("/data/projects/open").json()
    assert [d["id"] for d in project["descriptors"]] == [sid(public)]


def test_a_vendor_sees_descriptors_of_their_departments_or_of_none(as_role, db, projects):
    open_a, _, _ = projects
    mine, other = factories.make_department(db), factories.make_department(db)
    from reeltrack.models.metadata_descriptor import department_metadata_descriptor_link as link

    free = factories.make_metadata_descriptor(db, project_id=open_a.id, position=1)
    ours = factories.make_metadata_descriptor(db, project_id=open_a.id, position=2)
    theirs = factories.make_metadata_descriptor(db, project_id=open_a.id, position=3)
    db.execute(link.insert().values(metadata_descriptor_id=ours.id, department_id=mine.id))
    db.execute(link.insert().values(metadata_descriptor_id=theirs.id, department_id=other.id))
    caller = as_role("vendor")
    factories.add_to_department(db, caller.person, mine)
    factories.add_to_team(db, open_a, caller.person)
    db.commit()
    (project,) = caller.get("/data/projects/open").json()
    assert {d["id"] for d in project["descriptors"]} == {sid(free), sid(ours)}
    assert not any(d["id"] == sid(theirs) for d in project["descriptors"])


def test_a_tv_show_gives_its_first_running_episode(admin, db):
    show = factories.make_project(db, name="Show", production_type="tvshow")
    factories.make_entity(db, project=show, type_name="Episode", name="E01", status="canceled")
    second = factories.make_entity(db, project=show, type_name="Episode", name="E02")
    factories.make_entity(db, project=show, type_name="Episode", name="E03")
    db.commit()
    (project,) = admin.get("/data/projects/open").json()
    assert project["first_episode_id"] == sid(second)


def test_open_projects_run_a_fixed_number_of_queries(admin, db, count_queries):
    def build(count: int) -> int:
        for _ in range(count):
            project = factories.make_project(db, production_type="tvshow")
            factories.add_to_team(db, project, factories.make_person(db))
            factories.make_metadata_descriptor(db, project_id=project.id)
        db.commit()
        with count_queries() as counter:
            assert len(admin.get("/data/projects/open").json()) >= count
        return counter.count

    assert build(3) == build(27)


def test_admin_lists_all_projects_with_status_name_and_project_descriptors(admin, db, projects):
    open_a, _, closed = projects
    on_project = factories.make_metadata_descriptor(db, project_id=open_a.id, entity_type="Project")
    factories.make_metadata_descriptor(db, project_id=open_a.id, entity_type="Asset")
    db.commit()
    response = admin.get("/data/projects/all")
    assert names(response) == ["Alpha", "Bravo", "Closed one"]
    by_name = {p["name"]: p for p in response.json()}
    assert by_name["Alpha"]["project_status_name"] == "Open"
    assert by_name["Closed one"]["project_status_name"] == "Closed"
    assert [d["id"] for d in by_name["Alpha"]["descriptors"]] == [sid(on_project)]
    assert "team" not in by_name["Alpha"]


def test_admin_finds_a_project_by_name_case_insensitively(admin, projects):
    response = admin.get("/data/projects/all", params={"name": "closed ONE"})
    assert names(response) == ["Closed one"]
    assert_error(admin.get("/data/projects/all", params={"name": "Nope"}), 404)


@pytest.mark.parametrize("role", NON_ADMIN)
def test_others_list_all_projects_of_their_teams_even_closed(as_role, db, projects, role):
    open_a, open_b, closed = projects
    caller = as_role(role)
    factories.add_to_team(db, open_a, caller.person)
    factories.add_to_team(db, closed, caller.person)
    db.commit()
    assert sorted(names(caller.get("/data/projects/all"))) == ["Alpha", "Closed one"]
    found = caller.get("/data/projects/all", params={"name": "closed one"})
    assert names(found) == ["Closed one"]
    assert_error(caller.get("/data/projects/all", params={"name": "Bravo"}), 404)


def test_listings_need_a_token(client):
    assert client.get("/data/projects/open").status_code == 401
    assert client.get("/data/projects/all").status_code == 401
