"""Generic list/get/create/update/delete for a ResourceSpec; no FastAPI here."""

from __future__ import annotations

import json
import uuid
from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from sqlalchemy import Select, delete, func, insert, select, types
from sqlalchemy.exc import IntegrityError

from reeltrack.crud.spec import LinkField, ResourceSpec
from reeltrack.crud.values import coerce_value, parse_uuid
from reeltrack.wire.errors import Forbidden, MalformedId, NotFound, WrongParameter
from reeltrack.wire.paging import envelope
from reeltrack.wire.present import present

if TYPE_CHECKING:
    from reeltrack.auth.deps import Ctx

RESERVED_PARAMS = frozenset({"page", "limit", "relations", "fields", "force"})
EMPTY_BODY = (
    "Data are empty. Please verify that you sent JSON data and that you set the right headers."
)


def integrity_message(exc: IntegrityError) -> str:
    """A client-safe explanation of a constraint violation."""
    text = str(exc.orig).lower()
    if "unique" in text or "duplicate key" in text:
        return "A record with the same unique values already exists."
    if "foreign key" in text:
        return "The change conflicts with records referencing this one."
    if "not null" in text or "not-null" in text or "null value" in text:
        return "A required field is missing."
    return "The data conflicts with database integrity rules."


def flush(ctx: Ctx) -> None:
    """Flush pending writes, turning constraint violations into 400s."""
    try:
        ctx.session.flush()
    except IntegrityError as exc:
        raise WrongParameter(integrity_message(exc)) from None


# ---------------------------------------------------------------- reading


def get_row(ctx: Ctx, spec: ResourceSpec, instance_id: str, missing: str | None = None) -> Any:
    """The row with this id, 400 on a malformed id, 404 when absent."""
    row_id = parse_uuid(instance_id)
    if row_id is None:
        raise MalformedId()
    row = ctx.session.get(spec.model, row_id)
    if row is None:
        raise NotFound(missing) if missing else NotFound()
    return row


def load_links(
    ctx: Ctx, links: Iterable[LinkField], ids: list[uuid.UUID]
) -> dict[str, dict[uuid.UUID, list[uuid.UUID]]]:
    """For each link field, the remote ids of every row: one query per link field."""
    result: dict[str, dict[uuid.UUID, list[uuid.UUID]]] = {}
    for link in links:
        per_row: dict[uuid.UUID, list[uuid.UUID]] = defaultdict(list)
        if ids:
            local, remote = link.table.c[link.local], link.table.c[link.remote]
            for owner, target in ctx.session.execute(select(local, remote).where(local.in_(ids))):
                per_row[owner].append(target)
        result[link.key] = per_row
    return result


def present_rows(
    ctx: Ctx, spec: ResourceSpec, rows: list[Any], relations: bool
) -> list[dict[str, Any]]:
    """Rows as Zou shows them, with link id lists when `relations` is asked."""
    links = load_links(ctx, spec.links or (), [r.id for r in rows]) if relations else {}
    hidden = spec.hidden_columns(ctx.actor)
    out = []
    for row in rows:
        extra = {key: per_row.get(row.id, []) for key, per_row in links.items()}
        data = present(row, hidden, extra)
        if spec.hooks.output:
            data = spec.hooks.output(ctx, row, data)
        out.append(data)
    if spec.hooks.output_rows and rows:
        spec.hooks.output_rows(ctx, rows, out)
    return out


def present_one(ctx: Ctx, spec: ResourceSpec, row: Any, relations: bool = True) -> dict[str, Any]:
    return present_rows(ctx, spec, [row], relations)[0]


def _filter_value(spec: ResourceSpec, key: str, raw: str) -> Any:
    column = spec.columns[key]
    if isinstance(column.type, types.JSON) or getattr(column.type, "item_type", None):
        # JSON and array columns cannot equal a query-string value (PostgreSQL refuses it).
        raise WrongParameter("One of the provided values has an invalid format.")
    try:
        return coerce_value(column, key, raw)
    except WrongParameter:
        if isinstance(column.type, types.Uuid):
            message = f"Invalid UUID value: {raw}"
        elif isinstance(column.type, types.Boolean):
            message = f"Invalid boolean value: {raw}"
        else:
            message = "One of the provided values has an invalid format."
        raise WrongParameter(message) from None


def apply_filters(
    spec: ResourceSpec, stmt: Select[Any], params: Mapping[str, str], hidden: frozenset[str]
) -> Select[Any]:
    """Column equality filters, JSON lists as IN, `name` case-insensitive, link membership."""
    model = spec.model
    for key, raw in params.items():
        if key in RESERVED_PARAMS:
            continue
        if key in hidden:
            raise WrongParameter(f"Filtering on {key} is not allowed.")
        if key in spec.link_map:
            link = spec.link_map[key]
            target = parse_uuid(raw)
            if target is None:
                raise WrongParameter(f"Invalid UUID value: {raw}")
            owners = select(link.table.c[link.local]).where(link.table.c[link.remote] == target)
            stmt = stmt.where(model.id.in_(owners))
            continue
        if key not in spec.columns:
            continue
        column = getattr(model, key)
        if raw.startswith("["):
            try:
                values = json.loads(raw)
            except ValueError:
                raise WrongParameter(f"Malformed list filter for field {key}.") from None
            if not isinstance(values, list):
                raise WrongParameter(f"Malformed list filter for field {key}.")
            stmt = stmt.where(column.in_([_filter_value(spec, key, str(v)) for v in values]))
        elif key == "name" and spec.name_filter_case_insensitive:
            stmt = stmt.where(func.lower(column) == raw.lower())
        else:
            stmt = stmt.where(column == _filter_value(spec, key, raw))
    return stmt


def _int_param(params: Mapping[str, str], key: str, default: int) -> int:
    raw = params.get(key)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise WrongParameter(f"{key} must be an integer.") from None


def pick_fields(rows: list[dict[str, Any]], fields: str | None) -> list[dict[str, Any]]:
    if not fields:
        return rows
    names = [name.strip() for name in fields.split(",") if name.strip()] + ["id", "type"]
    return [{name: row[name] for name in names if name in row} for row in rows]


def list_rows(ctx: Ctx, spec: ResourceSpec, params: Mapping[str, str]) -> Any:
    """A plain list, or a page when `page` is given, filtered and scoped to the caller."""
    stmt = spec.read.scope(ctx.actor, spec.model, select(spec.model))
    stmt = apply_filters(spec, stmt, params, spec.unfilterable_columns(ctx.actor))
    if spec.hooks.list_query:
        stmt = spec.hooks.list_query(ctx, stmt, params)
    default = "true" if spec.list_relations_default and not params else "false"
    relations = params.get("relations", default).lower() == "true"
    page = _int_param(params, "page", -1)
    if page <= -1:
        rows = list(ctx.session.scalars(stmt))
        return pick_fields(present_rows(ctx, spec, rows, relations), params.get("fields"))
    return _paginate(ctx, spec, stmt, params, page, relations)


def _paginate(
    ctx: Ctx,
    spec: ResourceSpec,
    stmt: Select[Any],
    params: Mapping[str, str],
    page: int,
    relations: bool,
) -> dict[str, Any]:
    limit = _int_param(params, "limit", 0) or ctx.runtime.settings.nb_records_per_page
    if limit < 1:
        raise WrongParameter("limit must be a positive integer.")
    total = ctx.session.scalar(select(func.count()).select_from(stmt.subquery())) or 0
    offset = (page - 1) * limit
    model = spec.model
    data: list[dict[str, Any]] = []
    if page >= 1 and offset <= total:
        ordered = stmt.order_by(model.updated_at.desc(), model.created_at.desc(), model.id)
        # offset <= total here, so bounding the limit by total keeps it a valid SQL integer.
        rows = list(ctx.session.scalars(ordered.limit(min(limit, total)).offset(offset)))
        data = pick_fields(present_rows(ctx, spec, rows, relations), params.get("fields"))
    return envelope(data, total, page, limit)


def read_one(ctx: Ctx, spec: ResourceSpec, instance_id: str, relations: bool) -> dict[str, Any]:
    row = get_row(ctx, spec, instance_id)
    if not spec.read.allows(ctx.actor, row):
        raise Forbidden()
    if spec.hooks.check_read:
        spec.hooks.check_read(ctx, row)
    data = present_one(ctx, spec, row, relations)
    if spec.hooks.detail:
        data = spec.hooks.detail(ctx, row, data)
    return data


# ---------------------------------------------------------------- writing


def clean_body(spec: ResourceSpec, body: Any, creating: bool) -> tuple[dict[str, Any], dict]:
    """Split a JSON body into column values and link id lists, converted and checked.

    Creation refuses unknown fields as Zou does; updates ignore them, since clients
    such as gazu send back whole objects with computed keys.
    """
    if body is None:
        raise WrongParameter(EMPTY_BODY)
    if not isinstance(body, dict):
        raise WrongParameter("The request body must be a JSON object.")
    values: dict[str, Any] = {}
    links: dict[str, list[uuid.UUID]] = {}
    for key, value in body.items():
        if key in spec.protected or key == "type":
            continue
        if key in spec.link_map:
            if spec.writable_links is not None and key not in spec.writable_links:
                continue
            links[key] = _link_ids(key, value)
        elif key in spec.columns:
            if key in spec.hidden:
                raise WrongParameter(f"Field '{key}' cannot be set.")
            values[key] = coerce_value(spec.columns[key], key, value)
            _check_choice(spec, key, values[key])
        elif creating:
            raise WrongParameter(
                f"'{key}' is an invalid keyword argument for {spec.model.__name__}"
            )
    return values, links


def _check_choice(spec: ResourceSpec, key: str, value: Any) -> None:
    allowed = spec.choices.get(key)
    if allowed is None or value is None:
        return
    for item in value if isinstance(value, list) else [value]:
        if item not in allowed:
            raise WrongParameter(f"Invalid {key}")


def _link_ids(key: str, value: Any) -> list[uuid.UUID]:
    if not isinstance(value, list):
        raise WrongParameter(f"Field '{key}' must be a list of ids.")
    ids = []
    for item in value:
        raw = item.get("id") if isinstance(item, dict) else item
        parsed = parse_uuid(raw)
        if parsed is None:
            raise WrongParameter(f"Invalid UUID value in '{key}': {raw!r}.")
        if parsed not in ids:
            ids.append(parsed)
    return ids


def check_required(spec: ResourceSpec, values: dict[str, Any]) -> None:
    missing = [key for key in spec.required or () if values.get(key) is None]
    if missing:
        raise WrongParameter(f"Missing required field(s): {', '.join(missing)}.")


def set_links(ctx: Ctx, spec: ResourceSpec, row_id: uuid.UUID, links: dict[str, list]) -> None:
    """Replace the link rows of each given link field, refusing unknown ids."""
    for key, ids in links.items():
        link = spec.link_map[key]
        remote = link.remote_table
        if remote is not None and ids:
            found = set(ctx.session.scalars(select(remote.c.id).where(remote.c.id.in_(ids))))
            unknown = [str(i) for i in ids if i not in found]
            if unknown:
                raise WrongParameter(f"Unknown id(s) in '{key}': {', '.join(unknown)}.")
        table = link.table
        ctx.session.execute(delete(table).where(table.c[link.local] == row_id))
        if ids:
            rows = [{link.local: row_id, link.remote: target} for target in ids]
            if "id" in table.c:
                for row in rows:
                    row["id"] = uuid.uuid4()
            ctx.session.execute(insert(table), rows)


def _prepared(ctx: Ctx, spec: ResourceSpec, body: Any, row: Any) -> dict[str, Any]:
    """Let the resource take the keys it handles itself (e.g. a password to hash)."""
    if spec.hooks.prepare is None or not isinstance(body, dict):
        return {}
    return spec.hooks.prepare(ctx, body, row)


def create_row(ctx: Ctx, spec: ResourceSpec, body: Any) -> dict[str, Any]:
    if isinstance(body, dict):
        body = dict(body)
    extra = _prepared(ctx, spec, body, None)
    values, links = clean_body(spec, body, creating=True)
    if not spec.create.allows(ctx.actor, values):
        raise Forbidden()
    check_required(spec, values)
    if spec.hooks.validate_create:
        spec.hooks.validate_create(ctx, values)
    row = spec.model(**values, **extra)
    ctx.session.add(row)
    flush(ctx)
    if links:
        set_links(ctx, spec, row.id, links)
        flush(ctx)
    added = spec.hooks.after_create(ctx, row) if spec.hooks.after_create else None
    data = present_one(ctx, spec, row, relations=True)
    if added:
        data.update(added)
    emit_event(ctx, spec, row, "new")
    return data


def update_row(ctx: Ctx, spec: ResourceSpec, instance_id: str, body: Any) -> dict[str, Any]:
    if body is None:
        raise WrongParameter(EMPTY_BODY)
    row = get_row(ctx, spec, instance_id, spec.write_not_found)
    if not spec.update.allows(ctx.actor, row):
        raise Forbidden()
    if isinstance(body, dict):
        body = dict(body)
    extra = _prepared(ctx, spec, body, row)
    protected = spec.protected | ({"project_id"} if spec.has_project else frozenset())
    values, links = clean_body(_with_protected(spec, protected), body, creating=False)
    values.update(extra)
    if spec.hooks.validate_update:
        spec.hooks.validate_update(ctx, row, values)
    for key, value in values.items():
        setattr(row, key, value)
    flush(ctx)
    if links:
        set_links(ctx, spec, row.id, links)
        flush(ctx)
    added = spec.hooks.after_update(ctx, row) if spec.hooks.after_update else None
    data = present_one(ctx, spec, row, relations=False)
    if added:
        data.update(added)
    emit_event(ctx, spec, row, "update")
    return data


def _with_protected(spec: ResourceSpec, protected: frozenset[str]) -> ResourceSpec:
    if protected == spec.protected:
        return spec
    clone = object.__new__(ResourceSpec)
    clone.__dict__.update(spec.__dict__)
    clone.protected = protected
    return clone


def delete_row(ctx: Ctx, spec: ResourceSpec, instance_id: str, force: bool) -> None:
    row = get_row(ctx, spec, instance_id, spec.write_not_found)
    if spec.hooks.precheck_delete:
        spec.hooks.precheck_delete(ctx, row)
    if not spec.delete.allows(ctx.actor, row):
        raise Forbidden()
    if spec.hooks.before_delete:
        spec.hooks.before_delete(ctx, row, force)
    row_id, project_id = row.id, _project_of(ctx, spec, row)
    for link in spec.links or ():
        ctx.session.execute(delete(link.table).where(link.table.c[link.local] == row_id))
    name, payload = event_of(ctx, spec, row, "delete")
    ctx.session.delete(row)
    flush(ctx)
    ctx.uow.emit(name, payload, project_id)
    if spec.hooks.after_delete:
        spec.hooks.after_delete(ctx, row)


def event_of(ctx: Ctx, spec: ResourceSpec, row: Any, action: str) -> tuple[str, dict[str, Any]]:
    """The event name and payload for a row and action, the resource's own when it has one."""
    if spec.hooks.event:
        return spec.hooks.event(ctx, row, action)
    return f"{spec.event_prefix}:{action}", {spec.id_key: row.id}


def emit_event(ctx: Ctx, spec: ResourceSpec, row: Any, action: str) -> None:
    name, payload = event_of(ctx, spec, row, action)
    ctx.uow.emit(name, payload, _project_of(ctx, spec, row))


def _project_of(ctx: Ctx, spec: ResourceSpec, row: Any) -> Any:
    if spec.hooks.event_project:
        return spec.hooks.event_project(ctx, row)
    return getattr(row, "project_id", None)
