"""Entity castings: GET/PUT /data/projects/<id>/entities/<id>/casting and batch casting PUTs."""

from __future__ import annotations

import uuid

import pytest

from reeltrack.models import ProjectTaskTypeLink, Task
from tests import factories as f
from tests.crud.support import assert_error, assert_forbidden, events, one_event
from tests.routes.breakdown.helpers import (
    ROLES,
    assert_bad,
    cast,
    fresh,
    link,
    links_of,
    make_production,
    member,
)


def test_put_then_get_shot_casting(admin, db, prod) -> None:
    shot = prod.shots[0]
    body = [cast(prod.hero, 2, "main"), cast(prod.chair)]
    response = admin.put(prod.casting_url(shot), json=body)
    assert response.status_code == 200, response.text
    assert response.json() == body

    rows = admin.get(prod.casting_url(shot)).json()
    assert rows == [
        {
            "asset_id": str(prod.hero.id),
            "asset_name": "Hero",
            "asset_type_name": prod.character.name,
            "ready_for": None,
            "episode_id": None,
            "preview_file_id": None,
            "nb_occurences": 2,
            "label": "main",
            "is_shared": False,
            "project_id": prod.pid,
        },
        {
            "asset_id": str(prod.chair.id),
            "asset_name": "Chair",
            "asset_type_name": prod.prop.name,
            "ready_for": None,
            "episode_id": None,
            "preview_file_id": None,
            "nb_occurences": 1,
            "label": "",
            "is_shared": False,
            "project_id": prod.pid,
        },
    ]
    assert fresh(db, shot).nb_entities_out == 2
    update = one_event(db, "shot:casting-update").data
    assert update == {
        "shot_id": str(shot.id),
        "nb_entities_out": 2,
        "added_asset_ids": sorted([str(prod.hero.id), str(prod.chair.id)]),
        "removed_asset_ids": [],
        "project_id": prod.pid,
    }
    new_links = events(db, "entity-link:new")
    assert {e.data["entity_out_id"] for e in new_links} == {str(prod.hero.id), str(prod.chair.id)}
    # The shot's episode now casts both assets, as automatic links.
    episode_links = links_of(db, prod.episode)
    assert set(episode_links) == {str(prod.hero.id), str(prod.chair.id)}
    assert all(row.data == {"auto": True} for row in episode_links.values())
    assert fresh(db, prod.episode).nb_entities_out == 2
    assert len(events(db, "asset:update")) == 2


def test_put_replaces_keeps_link_ids_and_detaches_unused_episode_links(admin, db, prod) -> None:
    shot = prod.shots[0]
    admin.put(prod.casting_url(shot), json=[cast(prod.hero), cast(prod.chair)])
    manual = link(db, prod.episode, prod.villain)
    before = links_of(db, shot)

    response = admin.put(prod.casting_url(shot), json=[cast(prod.hero, 3)])
    assert response.status_code == 200, response.text
    after = links_of(db, shot)
    assert set(after) == {str(prod.hero.id)}
    assert after[str(prod.hero.id)].id == before[str(prod.hero.id)].id
    assert after[str(prod.hero.id)].nb_occurences == 3
    assert fresh(db, shot).nb_entities_out == 1
    diffs = [
        (e.data["added_asset_ids"], e.data["removed_asset_ids"])
        for e in events(db, "shot:casting-update")
    ]
    assert ([], [str(prod.chair.id)]) in diffs
    # The chair left the episode (automatic link), the manual villain link stays.
    assert set(links_of(db, prod.episode)) == {str(prod.hero.id), str(manual.entity_out_id)}
    detached = one_event(db, "episode:casting-update").data
    assert detached["removed_asset_ids"] == [str(prod.chair.id)]


def test_episode_link_stays_while_another_shot_casts_the_asset(admin, db, prod) -> None:
    first, second = prod.shots
    admin.put(prod.casting_url(first), json=[cast(prod.chair)])
    admin.put(prod.casting_url(second), json=[cast(prod.chair)])
    admin.put(prod.casting_url(first), json=[])
    assert set(links_of(db, prod.episode)) == {str(prod.chair.id)}
    admin.put(prod.casting_url(second), json=[])
    assert links_of(db, prod.episode) == {}
    assert fresh(db, prod.episode).nb_entities_out == 0


def test_canceled_assets_are_neither_listed_nor_counted(admin, db, prod) -> None:
    shot = prod.shots[0]
    admin.put(prod.casting_url(shot), json=[cast(prod.hero), cast(prod.chair)])
    prod.chair.canceled = True
    db.merge(prod.chair)
    db.commit()
    rows = admin.get(prod.casting_url(shot)).json()
    assert [row["asset_id"] for row in rows] == [str(prod.hero.id)]
    admin.put(prod.casting_url(shot), json=[cast(prod.hero), cast(prod.chair)])
    assert fresh(db, shot).nb_entities_out == 1


def test_episode_casting_removal_cascades_to_its_shots(admin, db, prod) -> None:
    first, second = prod.shots
    admin.put(prod.casting_url(first), json=[cast(prod.hero), cast(prod.chair)])
    admin.put(prod.casting_url(second), json=[cast(prod.chair)])
    response = admin.put(prod.casting_url(prod.episode), json=[cast(prod.hero)])
    assert response.status_code == 200, response.text
    assert set(links_of(db, first)) == {str(prod.hero.id)}
    assert links_of(db, second) == {}
    assert fresh(db, second).nb_entities_out == 0
    # Links re-sent from the episode breakdown are the manager's, no longer automatic.
    assert links_of(db, prod.episode)[str(prod.hero.id)].data is None
    removals = [
        e.data["shot_id"]
        for e in events(db, "shot:casting-update")
        if e.data["removed_asset_ids"] == [str(prod.chair.id)]
    ]
    assert sorted(removals) == sorted([str(first.id), str(second.id)])
    assert one_event(db, "episode:casting-update").data["removed_asset_ids"] == [str(prod.chair.id)]


def test_asset_casting_emits_asset_casting_update(admin, db, prod) -> None:
    response = admin.put(prod.casting_url(prod.hero), json=[cast(prod.chair, 4)])
    assert response.status_code == 200, response.text
    data = one_event(db, "asset:casting-update").data
    assert data["asset_id"] == str(prod.hero.id)
    assert data["nb_entities_out"] == 1
    assert fresh(db, prod.hero).nb_entities_out == 1
    assert links_of(db, prod.episode) == {}


def test_task_ready_counts_follow_the_casting(admin, db, prod) -> None:
    shot = prod.shots[0]
    layout = f.make_task_type(db, for_entity="Shot", name=f"Layout {f.n()}")
    animation = f.make_task_type(db, for_entity="Shot", name=f"Anim {f.n()}")
    for task_type, priority in ((layout, 1), (animation, 2)):
        db.add(
            ProjectTaskTypeLink(
                project_id=prod.project.id, task_type_id=task_type.id, priority=priority
            )
        )
    layout_task = f.make_task(db, shot, task_type_id=layout.id)
    anim_task = f.make_task(db, shot, task_type_id=animation.id, name="anim")
    prod.hero.ready_for = animation.id
    prod.chair.ready_for = layout.id
    db.merge(prod.hero)
    db.merge(prod.chair)
    db.commit()
    admin.put(prod.casting_url(shot), json=[cast(prod.hero), cast(prod.chair)])
    db.commit()
    assert db.get(Task, layout_task.id, populate_existing=True).nb_assets_ready == 2
    assert db.get(Task, anim_task.id, populate_existing=True).nb_assets_ready == 1
    stats = {e.data["task_id"]: e.data for e in events(db, "task:update-casting-stats")}
    assert stats[str(anim_task.id)]["nb_assets_ready"] == 1


def test_shared_asset_of_another_production_may_be_cast(admin, db, prod) -> None:
    shared = f.make_entity(db, name="Shared tree", is_shared=True)
    private = f.make_entity(db, name="Private rock")
    db.commit()
    url = prod.casting_url(prod.shots[0])
    assert admin.put(url, json=[cast(shared)]).status_code == 200
    rows = admin.get(url).json()
    assert rows[0]["is_shared"] is True
    assert rows[0]["project_id"] == str(shared.project_id)
    assert_error(admin.put(url, json=[cast(private)]), 400)
    assert set(links_of(db, prod.shots[0])) == {str(shared.id)}


@pytest.mark.parametrize(
    "body",
    [
        {"asset_id": "x"},
        "not a list",
        ["nope"],
        [{"asset_id": "not-a-uuid", "nb_occurences": 1}],
        [{"asset_id": "{asset}", "nb_occurences": -1}],
        [{"asset_id": "{asset}", "nb_occurences": "many"}],
        [{"asset_id": "{asset}", "nb_occurences": 2.5}],
        [{"asset_id": "{asset}", "nb_occurences": True}],
        [{"asset_id": "{asset}", "nb_occurences": 10**12}],
        [{"asset_id": "{asset}", "nb_occurences": 1, "label": "x" * 81}],
        [{"asset_id": "{shot}", "nb_occurences": 1}],
        [{"asset_id": "{unknown}", "nb_occurences": 1}],
        [{"asset_id": "{self}", "nb_occurences": 1}],
    ],
)
def test_bad_casting_bodies_are_refused_and_change_nothing(admin, db, prod, body) -> None:
    shot = prod.shots[0]
    admin.put(prod.casting_url(shot), json=[cast(prod.chair)])
    names = {
        "{asset}": str(prod.hero.id),
        "{shot}": str(prod.shots[1].id),
        "{unknown}": str(uuid.uuid4()),
        "{self}": str(shot.id),
    }
    if isinstance(body, list) and body and isinstance(body[0], dict):
        body = [{**e, "asset_id": names.get(e["asset_id"], e["asset_id"])} for e in body]
    response = admin.put(prod.casting_url(shot), json=body)
    assert_bad(response)
    assert set(links_of(db, shot)) == {str(prod.chair.id)}


def test_entries_without_occurences_are_skipped_as_zou_does(admin, db, prod) -> None:
    shot = prod.shots[0]
    body = [{"asset_id": str(prod.hero.id)}, cast(prod.chair)]
    assert admin.put(prod.casting_url(shot), json=body).status_code == 200
    assert set(links_of(db, shot)) == {str(prod.chair.id)}


def test_wrong_ids_on_the_entity_casting_routes(admin, db, prod) -> None:
    other = make_production(db)
    assert_error(admin.get(f"/data/projects/{prod.pid}/entities/nope/casting"), 400)
    assert_error(admin.get(f"/data/projects/nope/entities/{prod.hero.id}/casting"), 400)
    assert_error(admin.get(f"/data/projects/{prod.pid}/entities/{uuid.uuid4()}/casting"), 404)
    assert_error(admin.get(f"/data/projects/{uuid.uuid4()}/entities/{prod.hero.id}/casting"), 404)
    assert_forbidden(admin.get(prod.casting_url(other.hero)))
    assert_forbidden(admin.put(prod.casting_url(other.shots[0]), json=[cast(prod.hero)]))
    assert links_of(db, other.shots[0]) == {}


@pytest.mark.parametrize("role", ROLES)
def test_role_matrix(as_role, db, prod, role) -> None:
    caller = member(as_role, db, prod.project, role)
    link(db, prod.shots[0], prod.hero)
    url = prod.casting_url(prod.shots[0])
    read = caller.get(url)
    write = caller.put(url, json=[cast(prod.chair)])
    if role == "vendor":
        assert_forbidden(read)
    else:
        assert read.status_code == 200, read.text
        assert [row["asset_id"] for row in read.json()] == [str(prod.hero.id)]
    if role in ("admin", "manager"):
        assert write.status_code == 200, write.text
    else:
        assert_forbidden(write)
        assert set(links_of(db, prod.shots[0])) == {str(prod.hero.id)}


@pytest.mark.parametrize("role", ["manager", "user", "client"])
def test_outsiders_are_refused(as_role, db, prod, role) -> None:
    caller = as_role(role)
    url = prod.casting_url(prod.shots[0])
    assert_forbidden(caller.get(url))
    assert_forbidden(caller.put(url, json=[cast(prod.hero)]))


def test_project_role_overrides_studio_role(as_role, db, prod) -> None:
    from reeltrack.models import project_person_link

    caller = as_role("user")
    db.execute(
        project_person_link.insert().values(
            project_id=prod.project.id, person_id=caller.person.id, role="manager"
        )
    )
    db.commit()
    assert caller.put(prod.casting_url(prod.shots[0]), json=[cast(prod.hero)]).status_code == 200
