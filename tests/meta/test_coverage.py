"""Our route table against Zou's: progress per blueprint, and no invented paths."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from reeltrack.app import served_routes

REFERENCE = Path(__file__).resolve().parents[2].parent / "shared" / "reference" / "zou-routes.json"
TOTAL_OPERATIONS = 808


def _reference() -> list[dict]:
    return json.loads(REFERENCE.read_text())


def _operations(routes: list[dict]) -> set[tuple[str, str]]:
    return {(route["rule"], method) for route in routes for method in route["methods"]}


def test_reference_is_the_808_operations_of_zou():
    assert len(_operations(_reference())) == TOTAL_OPERATIONS


def test_every_served_route_is_a_zou_route(capsys):
    reference = _reference()
    known = _operations(reference)
    served = _operations(served_routes())
    invented = sorted(served - known)
    assert invented == [], f"routes not in Zou's table: {invented}"

    blueprint_of = {route["rule"]: route["blueprint"] for route in reference}
    wanted = Counter(blueprint_of[rule] for rule, _ in known)
    done = Counter(blueprint_of[rule] for rule, _ in served)
    with capsys.disabled():
        print(f"\nZou operations served: {len(served)}/{TOTAL_OPERATIONS}")
        for blueprint in sorted(wanted):
            print(f"  {blueprint:<18} {done[blueprint]:>3}/{wanted[blueprint]}")


def test_index_blueprint_is_complete():
    reference = [r for r in _reference() if r["blueprint"] == "index"]
    assert _operations(reference) <= _operations(served_routes())
