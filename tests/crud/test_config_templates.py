"""Preview background files and project templates: names, defaults, links, who may read."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from reeltrack.models import PreviewBackgroundFile, ProjectTemplate
from reeltrack.models.project_template import (
    project_template_asset_type_link,
    project_template_preview_background_file_link,
)
from tests import factories
from tests.crud.support import FK_CONFLICT, assert_error, assert_forbidden, events, ids, reload, sid

BACKGROUNDS = "/data/preview-background-files"
TEMPLATES = "/data/project-templates"
BACKGROUND_TAKEN = "A preview background file with similar name already exists"
TEMPLATE_TAKEN = "A project template with this name already exists"


# ---------------------------------------------------------------- preview background files


@pytest.mark.parametrize("role", ["manager", "supervisor", "user", "client", "vendor"])
def test_anyone_reads_backgrounds_only_admins_write_them(role, as_role, db):
    caller = as_role(role)
    background = factories.make_preview_background_file(db)
    db.commit()
    url = f"{BACKGROUNDS}/{background.id}"
    assert ids(caller.get(BACKGROUNDS).json()) == {sid(background)}
    assert caller.get(url).json()["name"] == background.name
    assert_forbidden(caller.post(BACKGROUNDS, json={"name": "Sky"}))
    assert_forbidden(caller.put(url, json={"name": "Sky"}))
    assert_forbidden(caller.delete(url))
    assert reload(db, PreviewBackgroundFile, background.id).name == background.name


def test_background_names_are_unique(admin, db):
    taken = factories.make_preview_background_file(db, name="Forest")
    other = factories.make_preview_background_file(db, name="Desert")
    db.commit()
    assert_error(admin.post(BACKGROUNDS, json={"name": "Forest"}), 400, BACKGROUND_TAKEN)
    response = admin.put(f"{BACKGROUNDS}/{other.id}", json={"name": "Forest"})
    assert_error(response, 400, BACKGROUND_TAKEN)
    same = admin.put(f"{BACKGROUNDS}/{taken.id}", json={"name": "Forest", "archived": True})
    assert same.status_code == 200 and same.json()["archived"] is True
    assert reload(db, PreviewBackgroundFile, other.id).name == "Desert"


def test_a_new_default_background_unseats_the_previous_one(admin, db):
    old = factories.make_preview_background_file(db, is_default=True)
    db.commit()
    created = admin.post(BACKGROUNDS, json={"name": "Studio", "is_default": True}).json()
    assert created["is_default"] is True
    assert reload(db, PreviewBackgroundFile, old.id).is_default is False
    second = factories.make_preview_background_file(db)
    db.commit()
    admin.put(f"{BACKGROUNDS}/{second.id}", json={"is_default": True})
    defaults = db.scalars(
        select(PreviewBackgroundFile.id).where(PreviewBackgroundFile.is_default.is_(True))
    )
    assert list(defaults) == [second.id]


def test_a_background_in_use_is_not_deleted(admin, db):
    background = factories.make_preview_background_file(db)
    factories.make_project(db, default_preview_background_file_id=background.id)
    db.commit()
    assert_error(admin.delete(f"{BACKGROUNDS}/{background.id}"), 400, FK_CONFLICT)
    assert reload(db, PreviewBackgroundFile, background.id) is not None
    assert events(db) == []


# ---------------------------------------------------------------- project templates


@pytest.mark.parametrize("role", ["admin", "manager"])
def test_admins_and_managers_read_templates(role, as_role, db):
    caller = as_role(role)
    template = factories.make_project_template(db)
    db.commit()
    assert ids(caller.get(TEMPLATES).json()) == {sid(template)}
    assert caller.get(f"{TEMPLATES}/{template.id}").json()["name"] == template.name


@pytest.mark.parametrize("role", ["supervisor", "user", "client", "vendor"])
def test_other_roles_cannot_read_templates(role, as_role, db):
    caller = as_role(role)
    template = factories.make_project_template(db)
    db.commit()
    assert_forbidden(caller.get(TEMPLATES))
    assert_forbidden(caller.get(TEMPLATES, params={"page": 1}))
    assert_forbidden(caller.get(f"{TEMPLATES}/{template.id}"))


@pytest.mark.parametrize("role", ["manager", "supervisor", "user", "client", "vendor"])
def test_only_admins_write_templates(role, as_role, db):
    caller = as_role(role)
    template = factories.make_project_template(db)
    db.commit()
    url = f"{TEMPLATES}/{template.id}"
    assert_forbidden(caller.post(TEMPLATES, json={"name": "Short"}))
    assert_forbidden(caller.put(url, json={"name": "Short"}))
    assert_forbidden(caller.delete(url))
    assert reload(db, ProjectTemplate, template.id).name == template.name


@pytest.mark.parametrize("body", [{}, {"name": None}, {"name": ""}, {"fps": "24"}])
def test_a_template_needs_a_name(body, admin, db):
    assert_error(admin.post(TEMPLATES, json=body), 400, "name is required")
    template = factories.make_project_template(db)
    db.commit()
    assert_error(admin.put(f"{TEMPLATES}/{template.id}", json={"name": None}), 400)
    assert reload(db, ProjectTemplate, template.id).name == template.name


def test_template_names_are_unique(admin, db):
    taken = factories.make_project_template(db, name="Series")
    other = factories.make_project_template(db, name="Short")
    db.commit()
    assert_error(admin.post(TEMPLATES, json={"name": "Series"}), 400, TEMPLATE_TAKEN)
    assert_error(admin.put(f"{TEMPLATES}/{other.id}", json={"name": "Series"}), 400, TEMPLATE_TAKEN)
    kept = admin.put(f"{TEMPLATES}/{taken.id}", json={"name": "Series", "fps": "30"})
    assert kept.status_code == 200 and kept.json()["fps"] == "30"
    assert db.scalar(select(func.count()).select_from(ProjectTemplate)) == 2


def test_a_template_creation_keeps_settings_and_ignores_the_rest(admin, db):
    task_type = factories.make_task_type(db)
    db.commit()
    body = {
        "name": "Feature",
        "production_style": "3d",
        "is_clients_isolated": True,
        "file_tree": {"working": {"root": "/mnt"}},
        "metadata_descriptors": [{"name": "Camera", "entity_type": "Shot"}],
        "task_types": [str(task_type.id)],
        "revision_padding": 4,
        "unknown": "ignored",
    }
    response = admin.post(TEMPLATES, json=body)
    assert response.status_code == 201, response.text
    created = response.json()
    stored = reload(db, ProjectTemplate, created["id"])
    assert (stored.production_style, stored.is_clients_isolated) == ("3d", True)
    assert stored.file_tree == {"working": {"root": "/mnt"}}
    assert stored.metadata_descriptors == [{"name": "Camera", "entity_type": "Shot"}]
    assert stored.revision_padding == 0
    assert created["task_types"] == []
    assert "unknown" not in created


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (
            {"hd_bitrate_compression": 99},
            "Invalid bitrate 99. Expected an integer number of Mbit/s between 1 and 28.",
        ),  # fmt: skip
        (
            {"ld_bitrate_compression": 0},
            "Invalid bitrate 0. Expected an integer number of Mbit/s between 1 and 28.",
        ),  # fmt: skip
        (
            {"hd_bitrate_compression": 10, "ld_bitrate_compression": 12},
            "The low definition bitrate (12) cannot exceed the high definition one (10).",
        ),
    ],
)
def test_template_bitrates_are_checked(body, message, admin, db):
    assert_error(admin.post(TEMPLATES, json={"name": "Bitrates", **body}), 400, message)
    template = factories.make_project_template(db, hd_bitrate_compression=10)
    db.commit()
    update = {**body, "hd_bitrate_compression": body.get("hd_bitrate_compression", 10)}
    assert_error(admin.put(f"{TEMPLATES}/{template.id}", json=update), 400, message)


def test_a_stored_bitrate_sent_back_unchanged_is_not_checked(admin, db):
    template = factories.make_project_template(db, hd_bitrate_compression=40)
    db.commit()
    response = admin.put(f"{TEMPLATES}/{template.id}", json={"hd_bitrate_compression": 40})
    assert response.status_code == 200, response.text


def test_one_template_lists_its_links_and_updates_keep_type_links(admin, db):
    template = factories.make_project_template(db)
    asset_type = factories.make_entity_type(db)
    background = factories.make_preview_background_file(db)
    db.execute(
        project_template_asset_type_link.insert().values(
            project_template_id=template.id, asset_type_id=asset_type.id
        )
    )
    db.commit()
    url = f"{TEMPLATES}/{template.id}"
    one = admin.get(url).json()
    assert one["asset_types"] == [sid(asset_type)]
    assert {key: one[key] for key in ("task_types", "task_statuses", "status_automations")} == {
        "task_types": [],
        "task_statuses": [],
        "status_automations": [],
    }
    body = {"asset_types": [], "preview_background_files": [str(background.id)]}
    updated = admin.put(url, json=body)
    assert updated.status_code == 200 and "asset_types" not in updated.json()
    again = admin.get(url).json()
    assert again["asset_types"] == [sid(asset_type)]
    assert again["preview_background_files"] == [sid(background)]


def test_deleting_a_template_removes_its_links(admin, db):
    template = factories.make_project_template(db)
    background = factories.make_preview_background_file(db)
    link = project_template_preview_background_file_link
    db.execute(
        link.insert().values(
            project_template_id=template.id, preview_background_file_id=background.id
        )
    )
    db.commit()
    assert admin.delete(f"{TEMPLATES}/{template.id}").status_code == 204
    remaining = db.scalar(select(func.count()).select_from(link))
    assert remaining == 0
    assert reload(db, PreviewBackgroundFile, background.id) is not None
