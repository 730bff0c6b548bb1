"""Engine, sessions and the per-request unit of work."""

from reeltrack.db.base import Base, BaseMixin, utcnow
from reeltrack.db.engine import Database, make_engine

__all__ = ["Base", "BaseMixin", "Database", "make_engine", "utcnow"]
