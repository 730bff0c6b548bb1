"""Random comment bodies: never a 5xx, and a refused comment changes nothing."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from reeltrack.models import Comment
from tests.routes.comments.support import fresh, task_row

values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=30)
    | st.sampled_from(["2024-01-02 03:04:05", "2024-13-45", "not-a-uuid", "@", "#all"]),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner),
    max_leaves=6,
)
KEYS = ["comment", "checklist", "links", "for_client", "person_id", "created_at", "task_status_id"]
bodies = st.dictionaries(st.sampled_from(KEYS), values, max_size=5)


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(body=bodies)
def test_random_comment_bodies(admin, db, scene, body):
    before = task_row(db, scene.task.id).task_status_id
    fresh(db)
    count = db.scalar(select(func.count()).select_from(Comment))
    response = admin.post(f"/actions/tasks/{scene.task.id}/comment", json=body)
    assert response.status_code < 500, response.text
    if response.status_code >= 400:
        assert response.json()["error"] is True
        assert task_row(db, scene.task.id).task_status_id == before
        assert db.scalar(select(func.count()).select_from(Comment)) == count


@settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(body=bodies, text=st.text(max_size=40))
def test_random_statusful_comments(admin, db, scene, body, text):
    body = {**body, "task_status_id": str(scene.wip.id), "comment": text}
    response = admin.post(f"/actions/tasks/{scene.task.id}/comment", json=body)
    assert response.status_code < 500, response.text


def test_nul_characters_are_refused_not_crashing(admin, db, scene):
    for body in (
        {"task_status_id": str(scene.wip.id), "comment": "a\x00b"},
        {"task_status_id": str(scene.wip.id), "checklist": [{"text": "\x00"}]},
    ):
        response = admin.post(f"/actions/tasks/{scene.task.id}/comment", json=body)
        assert response.status_code < 500, response.text
