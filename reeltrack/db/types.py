"""Column types that behave the same on SQLite and PostgreSQL."""

from __future__ import annotations

from typing import Any

from sqlalchemy import JSON, LargeBinary, Uuid
from sqlalchemy.dialects.postgresql import ARRAY, JSONB
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator, TypeEngine

UUID = Uuid(as_uuid=True)
JSONType: TypeEngine[Any] = JSON().with_variant(JSONB(), "postgresql")


class PortableArray(TypeDecorator[list[Any]]):
    """A PostgreSQL ARRAY, stored as a JSON list on other databases."""

    impl = JSON
    cache_ok = True

    def __init__(self, item_type: TypeEngine[Any]) -> None:
        super().__init__()
        self.item_type = item_type

    def __repr__(self) -> str:
        return f"PortableArray({self.item_type!r})"

    def load_dialect_impl(self, dialect: Dialect) -> TypeEngine[Any]:
        if dialect.name == "postgresql":
            return dialect.type_descriptor(ARRAY(self.item_type))
        return dialect.type_descriptor(JSON())

    def process_bind_param(self, value: Any, dialect: Dialect) -> Any:
        # JSON has no bytes: keep binary items (bcrypt hashes, ASCII) as text there.
        if value is None or dialect.name == "postgresql":
            return value
        return [v.decode("latin-1") if isinstance(v, bytes | bytearray) else v for v in value]

    def process_result_value(self, value: Any, dialect: Dialect) -> Any:
        if value is None or dialect.name == "postgresql":
            return value
        if isinstance(self.item_type, LargeBinary):
            return [v.encode("latin-1") if isinstance(v, str) else v for v in value]
        return value
