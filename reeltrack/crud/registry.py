"""Every model served by the generic CRUD routes; each group registers its own specs."""

from __future__ import annotations

from reeltrack.crud.resources import config, core, entities, people, reviews
from reeltrack.crud.spec import Registry

registry = Registry()
for group in (core, entities, reviews, people, config):
    group.register(registry)
