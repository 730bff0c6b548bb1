"""The long-lived objects one server process holds: settings, database, tokens, bus."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from reeltrack.auth.tokens import Revocations, TokenIssuer
from reeltrack.db.engine import Database
from reeltrack.events.bus import EventBus
from reeltrack.settings import Settings
from reeltrack.storage.files import FileStore, build_file_store
from reeltrack.storage.kv import DatabaseStore, KeyValueStore, RedisStore
from reeltrack.wire.body_cache import BodyCache


@dataclass
class Runtime:
    settings: Settings
    db: Database
    tokens: TokenIssuer
    kv: KeyValueStore
    revocations: Revocations
    bus: EventBus
    files: FileStore
    boards: BodyCache

    @classmethod
    def build(cls, settings: Settings) -> Runtime:
        settings = settings.resolved()
        db = Database(
            settings.database_url,
            echo=settings.sql_echo,
            pool_size=settings.db_pool_size,
            max_overflow=settings.db_max_overflow,
        )
        tokens = TokenIssuer(
            settings.secret_key,
            access_ttl=timedelta(minutes=settings.access_token_minutes),
            refresh_ttl=timedelta(days=settings.refresh_token_days),
        )
        kv: KeyValueStore
        if settings.redis_url:
            kv = RedisStore(settings.redis_url)
        else:
            kv = DatabaseStore(db.engine)
        files = build_file_store(
            settings.file_store_backend, settings.file_store_path or settings.data_dir / "files"
        )
        boards = BodyCache(settings.board_cache_mb * 1024 * 1024)
        return cls(settings, db, tokens, kv, Revocations(kv), EventBus(), files, boards)
