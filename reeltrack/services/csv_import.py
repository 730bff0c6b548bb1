"""CSV imports: reading the uploaded file and running its rows, one savepoint each.

Like Zou, an import stops at the first bad row and keeps the rows before it: the
error answer tells the line and how many rows were imported. The failing row itself
is rolled back (its savepoint) together with the events it queued.
"""

from __future__ import annotations

import csv
import io
import uuid
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from reeltrack.services.csv_export import slug
from reeltrack.wire.errors import ApiError

if TYPE_CHECKING:
    from reeltrack.auth.deps import Ctx

SNIFF_SAMPLE = 8192
TRUE_WORDS = ("y", "yes", "t", "true", "on", "1")
FALSE_WORDS = ("n", "no", "f", "false", "off", "0")


class RowError(Exception):
    """A row that cannot be imported; the message is shown to the user."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class FileError(Exception):
    """A file that cannot be read as CSV at all: `{"error": true, "message": ...}`."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class ImportStopped(Exception):
    """A row failed: the rows before it stay imported, as Zou answers it."""

    def __init__(self, message: str, line_number: int, imported_rows: int) -> None:
        super().__init__(message)
        self.body = {
            "error": True,
            "message": message,
            "line_number": line_number,
            "imported_rows": imported_rows,
        }


def slugify(text: str) -> str:
    """Lower-case ASCII words joined by dashes: how names are matched across files."""
    return slug(text, "-")


def strtobool(value: str) -> bool:
    """Zou's yes/no words; ValueError on anything else."""
    folded = value.strip().lower()
    if folded in TRUE_WORDS:
        return True
    if folded in FALSE_WORDS:
        return False
    raise ValueError(f"invalid truth value {value!r}")


def decode(content: bytes) -> str:
    """The file as text: UTF-8 (a leading byte order mark is skipped)."""
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise FileError(f"The file is not UTF-8 encoded text: {error.reason}.") from error


def read_rows(content: bytes) -> Iterator[tuple[int, dict[str, Any]]]:
    """(file line, row) pairs; the delimiter and quoting are sniffed from the start."""
    text = decode(content)
    try:
        dialect = csv.Sniffer().sniff(text[:SNIFF_SAMPLE])
    except csv.Error as error:
        raise FileError(str(error)) from error
    dialect.doublequote = True
    reader = csv.DictReader(io.StringIO(text, newline=""), dialect=dialect)
    try:
        for row in reader:
            yield reader.line_num, row
    except csv.Error as error:
        raise FileError(str(error)) from error


def is_blank(row: dict[str, Any]) -> bool:
    return not any(isinstance(value, str) and value.strip() for value in row.values())


def row_message(error: Exception) -> str:
    if isinstance(error, RowError | ApiError):
        return error.message
    if isinstance(error, KeyError):
        return f"A columns is missing: {error}"
    if isinstance(error, ValueError):
        return f"A value is invalid: {error}"
    return str(error).splitlines()[0] if str(error) else type(error).__name__


def run_rows(
    ctx: Ctx,
    content: bytes,
    import_row: Callable[[dict[str, Any]], Any],
    finish: Callable[[], None] | None = None,
) -> list[Any]:
    """Import every non-blank row in its own savepoint; stop at the first failing one.

    `finish` runs after the rows, the failing case included: the rows imported before
    a bad one are kept, so whatever the run completes at its end must happen for them.
    """
    result: list[Any] = []
    try:
        for line_number, row in read_rows(content):
            if is_blank(row):
                continue
            mark = len(ctx.uow.events)
            savepoint = ctx.session.begin_nested()
            try:
                result.append(import_row(row))
                savepoint.commit()
            except Exception as error:  # every failure of a row is the file's fault
                savepoint.rollback()
                del ctx.uow.events[mark:]
                raise ImportStopped(row_message(error), line_number, len(result)) from error
    finally:
        if finish is not None:
            finish()
    return result


# ---------------------------------------------------------------- shared lookups


def descriptor_fields(
    ctx: Ctx, project_id: uuid.UUID, entity_type: str, task_type_id: Any = None
) -> dict[str, Any]:
    """The project's metadata descriptors of an entity type, by their column name."""
    from reeltrack.models import MetadataDescriptor

    query = select(MetadataDescriptor).where(
        MetadataDescriptor.project_id == project_id,
        MetadataDescriptor.entity_type == entity_type,
    )
    if task_type_id is not None:
        query = query.where(MetadataDescriptor.task_type_id == task_type_id)
    return {row.name: row for row in ctx.session.scalars(query)}


class PersonLookup:
    """Persons by id, full name or email (case-insensitive), loaded once when first needed."""

    def __init__(self, ctx: Ctx) -> None:
        self.ctx = ctx
        self.names: dict[str, str] | None = None

    def _load(self) -> dict[str, str]:
        from reeltrack.models import Person

        names: dict[str, str] = {}
        query = select(Person.id, Person.first_name, Person.last_name, Person.email)
        for person_id, first, last, email in self.ctx.session.execute(query):
            names[str(person_id)] = str(person_id)
            names[f"{first or ''} {last or ''}".strip().lower()] = str(person_id)
            if email:
                names[email.lower()] = str(person_id)
        return names

    def get(self, value: str) -> str:
        if self.names is None:
            self.names = self._load()
        found = self.names.get(value.strip().lower())
        if found is None:
            raise RowError(f"Person not found for {value}")
        return found

    def many(self, value: str | None) -> list[str]:
        """Comma-separated persons of an assignations cell; none for an empty cell."""
        if not value:
            return []
        return [self.get(name) for name in value.split(",") if name.strip()]


def descriptor_values(
    fields: dict[str, Any], persons: PersonLookup, row: dict[str, Any], data: Any
) -> dict[str, Any]:
    """The base metadata with the row's descriptor cells merged in (typed as Zou stores them)."""
    merged = dict(data or {})
    for name, descriptor in fields.items():
        if name not in row:
            continue
        value = row[name]
        if value not in (None, ""):
            if descriptor.data_type == "boolean":
                value = "true" if strtobool(value) else "false"
            elif descriptor.data_type == "person":
                value = persons.get(value)
        merged[descriptor.field_name] = value
    return merged
