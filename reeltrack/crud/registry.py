"""Every model served by the generic CRUD routes; each group registers its own specs."""

from __future__ import annotations

from reeltrack.crud.resources import core
from reeltrack.crud.spec import Registry

registry = Registry()
for group in (core,):
    group.register(registry)
