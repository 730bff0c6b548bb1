"""A small key-value store shared by every worker: revoked tokens, reset tokens, codes.

The database backs it by default (SQLite or PostgreSQL); Redis when REDIS_URL/KV_HOST
is set.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Protocol

from sqlalchemy import delete, select
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.orm import Session

from reeltrack.db.base import utcnow
from reeltrack.db.upsert import dialect_insert


class KeyValueStore(Protocol):
    def set(self, key: str, value: str, ttl_seconds: int) -> None: ...

    def get(self, key: str) -> str | None: ...

    def delete(self, key: str) -> None: ...

    def ping(self) -> bool: ...


class DatabaseStore:
    """Keys in the `reeltrack_kv` table, expired rows swept on write."""

    def __init__(self, engine: Engine) -> None:
        from reeltrack.models.kv import KeyValue
        from reeltrack.models.links import table_of

        self.engine = engine
        self.table = table_of(KeyValue)
        self._insert = dialect_insert(engine.dialect.name)

    def set(self, key: str, value: str, ttl_seconds: int) -> None:
        with self.engine.begin() as conn:
            self.set_on(conn, key, value, ttl_seconds)

    def set_on(self, conn: Connection, key: str, value: str, ttl_seconds: int) -> None:
        expires = utcnow() + timedelta(seconds=max(1, ttl_seconds))
        stmt = self._insert(self.table).values(key=key, value=value, expires_at=expires)
        stmt = stmt.on_conflict_do_update(
            index_elements=["key"], set_={"value": value, "expires_at": expires}
        )
        conn.execute(stmt)
        conn.execute(delete(self.table).where(self.table.c.expires_at < utcnow()))

    def get(self, key: str) -> str | None:
        with self.engine.connect() as conn:
            return self.get_on(conn, key)

    def get_on(self, conn: Connection, key: str) -> str | None:
        """The value on a connection already open (a request's own): no extra checkout."""
        query = select(self.table.c.value).where(
            self.table.c.key == key, self.table.c.expires_at >= utcnow()
        )
        return conn.execute(query).scalar()

    def delete(self, key: str) -> None:
        with self.engine.begin() as conn:
            self.delete_on(conn, key)

    def delete_on(self, conn: Connection, key: str) -> None:
        conn.execute(delete(self.table).where(self.table.c.key == key))

    def ping(self) -> bool:
        return True


class SessionStore:
    """A store seen from one request: database keys are written in the request's own
    transaction (committed or rolled back with it), Redis keys as usual.

    On SQLite a write request holds the write lock from its first statement, so a second
    connection writing the key-value table would wait for the request to end.
    """

    def __init__(self, store: KeyValueStore, session: Session) -> None:
        self.store = store
        self.session = session

    def _conn(self) -> Connection | None:
        return self.session.connection() if isinstance(self.store, DatabaseStore) else None

    def set(self, key: str, value: str, ttl_seconds: int) -> None:
        conn = self._conn()
        if conn is None:
            self.store.set(key, value, ttl_seconds)
        else:
            assert isinstance(self.store, DatabaseStore)
            self.store.set_on(conn, key, value, ttl_seconds)

    def get(self, key: str) -> str | None:
        conn = self._conn()
        if conn is None:
            return self.store.get(key)
        assert isinstance(self.store, DatabaseStore)
        return self.store.get_on(conn, key)

    def delete(self, key: str) -> None:
        conn = self._conn()
        if conn is None:
            self.store.delete(key)
        else:
            assert isinstance(self.store, DatabaseStore)
            self.store.delete_on(conn, key)

    def ping(self) -> bool:
        return self.store.ping()


class RedisStore:
    """Keys in Redis with native expiry."""

    def __init__(self, url: str, prefix: str = "reeltrack:") -> None:
        import redis

        self.client = redis.Redis.from_url(url, decode_responses=True)
        self.prefix = prefix

    def set(self, key: str, value: str, ttl_seconds: int) -> None:
        self.client.set(self.prefix + key, value, ex=max(1, ttl_seconds))

    def get(self, key: str) -> str | None:
        value = self.client.get(self.prefix + key)
        return None if value is None else str(value)

    def delete(self, key: str) -> None:
        self.client.delete(self.prefix + key)

    def ping(self) -> bool:
        try:
            return bool(self.client.ping())
        except Exception:
            return False
