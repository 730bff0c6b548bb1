"""Fixtures for the edits blueprint tests."""

from __future__ import annotations

import pytest

from tests.routes.shots.production import make_production, with_team


@pytest.fixture()
def prod(db, as_role):
    """A production of two shots with one member per role (and an admin outside it)."""
    return with_team(as_role, db, make_production(db))
