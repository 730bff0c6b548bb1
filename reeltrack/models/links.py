"""Declarations of the id lists a model exposes through link tables."""

from __future__ import annotations

from dataclasses import dataclass
from typing import cast

from sqlalchemy import Table

from reeltrack.db.base import Base


@dataclass(frozen=True, slots=True)
class LinkSpec:
    """An id list of a model: ``SELECT remote_column FROM table WHERE local_column = id``.

    ``always`` tells whether the list is part of the default serialization (True) or
    only of the one with relations (False). ``always_for`` lists the ``type`` values
    for which the list is added to the default serialization anyway. Zou orders none
    of these lists: callers should not rely on any order.
    """

    table: Table
    local_column: str
    remote_column: str
    always: bool = False
    always_for: tuple[str, ...] = ()

    def included(self, obj_type: str, relations: bool) -> bool:
        """Whether the list belongs to a serialization of the given type and depth."""
        return relations or self.always or obj_type in self.always_for


def table_of(model: type[Base]) -> Table:
    """The Table behind a mapped class, typed as a Table."""
    return cast(Table, model.__table__)
