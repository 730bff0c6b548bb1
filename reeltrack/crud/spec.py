"""ResourceSpec: a model served by the generic CRUD routes, described as data."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sqlalchemy import Column, inspect

from reeltrack.auth.policies import ADMIN, ADMIN_READ, Policy

if TYPE_CHECKING:
    from reeltrack.auth.actor import Actor
    from reeltrack.auth.deps import Ctx

ALWAYS_PROTECTED = frozenset({"id", "created_at", "updated_at"})

Prepare = Callable[["Ctx", dict[str, Any], Any], dict[str, Any]]
Validate = Callable[["Ctx", dict[str, Any]], None]
ValidateUpdate = Callable[["Ctx", Any, dict[str, Any]], None]
RowHook = Callable[["Ctx", Any], dict[str, Any] | None]
DeleteHook = Callable[["Ctx", Any, bool], None]
OutputHook = Callable[["Ctx", Any, dict[str, Any]], dict[str, Any]]
ListQuery = Callable[["Ctx", Any, Mapping[str, str]], Any]
OutputRows = Callable[["Ctx", list[Any], list[dict[str, Any]]], None]
EventHook = Callable[["Ctx", Any, str], tuple[str, dict[str, Any]]]


@dataclass(frozen=True)
class Hooks:
    """Where a model differs from plain CRUD; every hook is optional."""

    prepare: Prepare | None = None
    validate_create: Validate | None = None
    validate_update: ValidateUpdate | None = None
    after_create: RowHook | None = None
    after_update: RowHook | None = None
    before_delete: DeleteHook | None = None
    after_delete: Callable[[Ctx, Any], None] | None = None
    check_read: Callable[[Ctx, Any], None] | None = None
    precheck_delete: Callable[[Ctx, Any], None] | None = None
    detail: OutputHook | None = None
    output: OutputHook | None = None
    list_query: ListQuery | None = None
    # The project an event names, for rows that reach it through a parent.
    event_project: Callable[[Ctx, Any], Any] | None = None
    # Once per page, after `output`: batch lookups for all rows (no query per row).
    output_rows: OutputRows | None = None
    # (name, payload) of the event for a row and action (new/update/delete).
    event: EventHook | None = None


@dataclass(frozen=True)
class LinkField:
    """A many-to-many id list served under `key` (e.g. `project.team`)."""

    key: str
    table: Any
    local: str
    remote: str

    @property
    def remote_table(self) -> Any:
        """The table the remote ids point to, for existence checks."""
        keys = list(self.table.c[self.remote].foreign_keys)
        return keys[0].column.table if keys else None


def model_links(model: Any) -> tuple[LinkField, ...]:
    """The link fields a model declares in `__links__`."""
    declared = getattr(model, "__links__", {}) or {}
    return tuple(
        LinkField(key, spec.table, spec.local_column, spec.remote_column)
        for key, spec in declared.items()
    )


@dataclass
class ResourceSpec:
    """One model's generic routes: path, policies, hidden and protected fields, hooks."""

    model: Any
    path: str
    read: Policy = ADMIN_READ
    create: Policy = ADMIN
    update: Policy = ADMIN
    delete: Policy = ADMIN
    hidden: frozenset[str] = frozenset()
    protected: frozenset[str] = frozenset()
    required: tuple[str, ...] | None = None
    choices: dict[str, tuple[str, ...]] = field(default_factory=dict)
    links: tuple[LinkField, ...] | None = None
    hooks: Hooks = Hooks()
    hidden_for: Callable[[Actor], frozenset[str]] | None = None
    filter_hidden_for: Callable[[Actor], frozenset[str]] | None = None
    writable_links: frozenset[str] | None = None
    name_filter_case_insensitive: bool = True
    event_name: str | None = None
    # Zou answers some unqueried lists with relations (e.g. metadata descriptors).
    list_relations_default: bool = False
    # A resource-specific 404 message for PUT and DELETE (e.g. project templates).
    write_not_found: str | None = None

    def __post_init__(self) -> None:
        table = self.model.__table__
        self.table_name: str = table.name
        event_base = self.event_name or table.name
        self.event_prefix = event_base.replace("_", "-")
        self.id_key = f"{event_base.replace('-', '_')}_id"
        mapper = inspect(self.model)
        self.columns: dict[str, Column[Any]] = {
            attr.key: attr.columns[0] for attr in mapper.column_attrs
        }
        for key, col in self.columns.items():
            if "choices" in col.info and key not in self.choices:
                self.choices[key] = tuple(col.info["choices"])
        if self.links is None:
            self.links = model_links(self.model)
        self.link_map = {link.key: link for link in self.links}
        self.protected = self.protected | ALWAYS_PROTECTED
        if self.required is None:
            self.required = tuple(
                key
                for key, col in self.columns.items()
                if not col.nullable
                and col.default is None
                and col.server_default is None
                and key not in ALWAYS_PROTECTED
            )
        self.has_project = "project_id" in self.columns

    def hidden_columns(self, actor: Actor) -> frozenset[str]:
        """Columns this caller may neither see nor filter on."""
        if self.hidden_for is None:
            return self.hidden
        return self.hidden | self.hidden_for(actor)

    def unfilterable_columns(self, actor: Actor) -> frozenset[str]:
        """Columns this caller may not filter on (by default, the ones hidden from them)."""
        if self.filter_hidden_for is None:
            return self.hidden_columns(actor)
        return self.hidden_columns(actor) | self.filter_hidden_for(actor)


class Registry:
    """All resource specs, by path."""

    def __init__(self) -> None:
        self.specs: dict[str, ResourceSpec] = {}

    def add(self, spec: ResourceSpec) -> ResourceSpec:
        if spec.path in self.specs:
            raise ValueError(f"Resource path {spec.path} registered twice")
        self.specs[spec.path] = spec
        return spec

    def __iter__(self) -> Any:
        return iter(self.specs.values())

    def by_model(self, model: Any) -> ResourceSpec:
        for spec in self.specs.values():
            if spec.model is model:
                return spec
        raise KeyError(model)
