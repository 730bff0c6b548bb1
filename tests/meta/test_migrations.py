"""The Alembic migrations build exactly the schema the models declare."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from reeltrack.db.base import Base
from reeltrack.db.migrate import current_revision


def test_database_is_at_the_latest_revision(runtime):
    from alembic.script import ScriptDirectory

    from reeltrack.db.migrate import alembic_config

    script = ScriptDirectory.from_config(alembic_config(str(runtime.db.engine.url)))
    assert current_revision(runtime.db.engine) == script.get_current_head()


def _folded_into_primary_key(change: tuple) -> bool:
    """Zou names three link-table primary keys like their unique constraint (`*_uc`);
    PostgreSQL keeps only the primary key, which already enforces the same uniqueness."""
    if change[0] != "add_constraint":
        return False
    constraint = change[1]
    table = Base.metadata.tables[constraint.table.name]
    return constraint.name == table.primary_key.name


def test_migrations_match_the_models(runtime):
    with runtime.db.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": False})
        diff = compare_metadata(context, Base.metadata)
    assert [change for change in diff if not _folded_into_primary_key(change)] == []
