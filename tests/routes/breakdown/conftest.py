"""The breakdown tests' production: an episode, a sequence, shots, a scene and typed assets."""

from __future__ import annotations

import pytest

from tests.routes.breakdown.helpers import Production, make_production


@pytest.fixture()
def prod(db) -> Production:
    return make_production(db)
