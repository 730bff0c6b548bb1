"""gazu, the official Python client, driven against a live Reeltrack server."""

from __future__ import annotations

import gazu
import pytest
from gazu.exception import NotAuthenticatedException

from tests import factories


@pytest.fixture()
def gazu_admin(live_url, db):
    factories.make_person(db, role="admin", email="boss@example.com", password="gazu-password")
    db.commit()
    gazu.set_host(live_url + "/api")
    gazu.log_in("boss@example.com", "gazu-password")
    yield gazu.client.default_client
    gazu.client.default_client.tokens = {}


def test_gazu_project_and_person_lifecycle(gazu_admin, live_url):
    assert gazu.client.get_host() == live_url + "/api"
    assert gazu.client.host_is_up()

    project = gazu.project.new_project("Gazu Film", production_type="featurefilm")
    assert project["name"] == "Gazu Film"
    assert project["type"] == "Project"
    names = [p["name"] for p in gazu.project.all_projects()]
    assert names == ["Gazu Film"]
    assert gazu.project.get_project_by_name("Gazu Film")["id"] == project["id"]

    person = gazu.person.new_person("Ada", "Lovelace", "ada@example.com", role="user")
    assert person["full_name"] == "Ada Lovelace"
    assert "password" not in person
    fetched = gazu.person.get_person_by_email("ada@example.com")
    assert fetched["id"] == person["id"]

    fetched["last_name"] = "King"
    updated = gazu.person.update_person(fetched)
    assert updated["last_name"] == "King"
    assert gazu.person.get_person(person["id"])["full_name"] == "Ada King"

    gazu.person.remove_person(person)
    assert gazu.person.get_person_by_email("ada@example.com") is None


def test_gazu_logout_revokes_token(gazu_admin):
    token = gazu_admin.tokens["access_token"]
    assert gazu.client.get_current_user()["email"] == "boss@example.com"
    gazu.log_out()
    gazu.client.set_tokens({"access_token": token})
    with pytest.raises(NotAuthenticatedException):
        gazu.client.get_current_user()
