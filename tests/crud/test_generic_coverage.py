"""Every resource of the registry runs one of the parametrised generic suites."""

from __future__ import annotations

from reeltrack.crud.registry import registry
from tests.crud import (
    cases,
    config_cases,
    test_entities_generic,
    test_people_generic,
    test_reviews_generic,
)


def test_every_resource_spec_has_a_generic_case():
    covered = (
        [case.path for case in cases.CASES]
        + [case.path for case in config_cases.CONFIG_CASES]
        + [case.path for case in test_entities_generic.CASES]
        + [case.path for case in test_people_generic.CASES]
        + [case.path for case in test_reviews_generic.CASES]
    )
    assert sorted(covered) == sorted(registry.specs)
