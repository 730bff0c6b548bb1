"""Random path ids, bodies and query strings against every blueprint route (not the CRUD,
which test_fuzz covers): never a 5xx, and every refusal in Zou's error shape.

Path parameters are drawn from a small seeded production (valid ids of the right kind,
ids of another kind, unknown and malformed ids), bodies from the field names Zou's OpenAPI
document gives for the operation, filled with values of any JSON type.
"""

from __future__ import annotations

import json
import re
import uuid
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from fastapi.routing import APIRoute
from hypothesis import given, settings
from hypothesis import strategies as st

from reeltrack.app import domain_router
from reeltrack.models import project_person_link
from tests import factories
from tests.contract.test_fuzz import (
    BAD_DATES,
    BAD_UUIDS,
    FUZZ,
    check_answer,
    json_values,
    send,
)

OPENAPI = Path(__file__).resolve().parents[3] / "shared" / "reference" / "zou-openapi.json"
ROUTE_FUZZ = settings(FUZZ, max_examples=6)
# Which seeded row a path parameter names; anything else gets random ids.
KINDS = {
    "project_id": "project",
    "asset_id": "asset",
    "asset_type_id": "asset_type",
    "shot_id": "shot",
    "sequence_id": "sequence",
    "episode_id": "episode",
    "scene_id": "scene",
    "edit_id": "edit",
    "concept_id": "concept",
    "entity_id": "shot",
    "task_id": "task",
    "task_type_id": "task_type",
    "task_status_id": "task_status",
    "comment_id": "comment",
    "person_id": "person",
    "department_id": "department",
    "preview_file_id": "preview_file",
    "attachment_file_id": "attachment_file",
}
VALUES = {
    "date": st.sampled_from(["2026-11-28", *BAD_DATES]),
    "entity_type": st.sampled_from(["Asset", "Shot", "Edit", "Concept", "Sequence", "Nope"]),
    "year": st.sampled_from(["2026", "0", "-1", "99999", "x"]),
    "month": st.sampled_from(["1", "12", "13", "0", "x"]),
    "week": st.sampled_from(["1", "52", "54", "0", "x"]),
    "day": st.sampled_from(["1", "31", "32", "x"]),
}


def _served() -> list[tuple[str, str]]:
    found = []
    for route in domain_router().routes:
        if isinstance(route, APIRoute):
            for method in sorted((route.methods or set()) - {"HEAD", "OPTIONS"}):
                found.append((method, route.path))
    return found


OPERATIONS = _served()


@cache
def _contract() -> dict[str, Any]:
    return json.loads(OPENAPI.read_text())["paths"]


def body_fields(method: str, path: str) -> list[str]:
    """Field names Zou documents for this operation's body or query string."""
    operation = _contract().get(path, {}).get(method.lower(), {})
    names = [p["name"] for p in operation.get("parameters", []) if p.get("in") != "path"]
    for content in operation.get("requestBody", {}).get("content", {}).values():
        names.extend(content.get("schema", {}).get("properties", {}))
    return sorted(set(names)) or ["name", "id", "project_id", "task_status_id"]


@pytest.fixture()
def world(db, admin) -> dict[str, str]:
    """A small production the admin works in, as {kind: id}."""
    project = factories.make_project(db)
    link = {"project_id": project.id, "person_id": admin.person.id}
    db.execute(project_person_link.insert().values(**link))
    asset = factories.make_entity(db, project)
    episode = factories.make_entity(db, project, type_name="Episode")
    sequence = factories.make_entity(db, project, type_name="Sequence", parent_id=episode.id)
    shot = factories.make_entity(db, project, type_name="Shot", parent_id=sequence.id)
    person = factories.make_person(db)
    factories.add_to_team(db, project, person)
    task = factories.make_task(db, shot, assignees=[person])
    comment = factories.make_comment(db, task, person_id=person.id)
    rows = {
        "project": project,
        "asset": asset,
        "asset_type": factories.entity_type_named(db, "Character"),
        "episode": episode,
        "sequence": sequence,
        "shot": shot,
        "scene": factories.make_entity(db, project, type_name="Scene", parent_id=sequence.id),
        "edit": factories.make_entity(db, project, type_name="Edit"),
        "concept": factories.make_entity(db, project, type_name="Concept"),
        "task": task,
        "task_type": factories.make_task_type(db),
        "task_status": factories.make_task_status(db),
        "comment": comment,
        "person": person,
        "department": factories.make_department(db),
        "preview_file": factories.make_preview_file(db, task),
        "attachment_file": factories.make_attachment_file(db, comment_id=comment.id),
    }
    db.commit()
    return {kind: str(row.id) for kind, row in rows.items()}


def raw_zou_error(response: Any) -> bool:
    """A few Zou routes answer a bare `{"error": "<message>"}` (e.g. an unknown assignee)."""
    if response.status_code < 400:
        return False
    body = response.json()
    return isinstance(body, dict) and set(body) == {"error"} and isinstance(body["error"], str)


def path_value(name: str, world: dict[str, str]) -> st.SearchStrategy[str]:
    if name in VALUES:
        return VALUES[name]
    choices = [str(uuid.uuid4()), *BAD_UUIDS[:3], world["task"], world["project"]]
    if name in KINDS:
        choices.append(world[KINDS[name]])
        return st.sampled_from(choices) | st.just(world[KINDS[name]])
    return st.sampled_from(choices) | st.text(max_size=12)


def field_value(world: dict[str, str]) -> st.SearchStrategy[Any]:
    return json_values | st.sampled_from(sorted(world.values()))


@pytest.mark.parametrize(("method", "path"), OPERATIONS, ids=[f"{m} {p}" for m, p in OPERATIONS])
def test_fuzz_route(fuzz_client, world, method, path):
    names = re.findall(r"\{(\w+)\}", path)
    fields = body_fields(method, path)
    params = st.fixed_dictionaries({name: path_value(name, world) for name in names})
    bodies = st.dictionaries(st.sampled_from(fields), field_value(world), max_size=5) | json_values

    @ROUTE_FUZZ
    @given(params=params, body=bodies)
    def run(params: dict[str, str], body: Any) -> None:
        url = path.format(**{k: quote(v, safe="") or "x" for k, v in params.items()})
        if method == "GET":
            query = body if isinstance(body, dict) else {}
            flat = {k: v if isinstance(v, str) else json.dumps(v) for k, v in query.items()}
            response = fuzz_client.get(url, params=flat)
        else:
            response = send(fuzz_client, method, url, body)
        what = f"{method} {url} {str(body)[:200]}"
        if response.status_code < 500 and raw_zou_error(response):
            return
        check_answer(response, what)

    run()
