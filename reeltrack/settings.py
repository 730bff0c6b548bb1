"""All configuration, read from environment variables (Zou's names accepted)."""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from urllib.parse import quote

VERSION = "0.1.0"
ZOU_API_VERSION = "1.0.97"


def _env(name: str, default: str | None = None) -> str | None:
    value = os.environ.get(name)
    return value if value not in (None, "") else default


def _env_int(name: str, default: int) -> int:
    raw = _env(name)
    if raw is None:
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise SystemExit(f"Setting {name} must be an integer, got {raw!r}") from exc


def _env_bool(name: str, default: bool) -> bool:
    raw = _env(name)
    if raw is None:
        return default
    return raw.strip().lower() in ("1", "true", "yes", "on")


@dataclass(frozen=True)
class Settings:
    """Server configuration; build it with `Settings.from_env()` or directly in tests."""

    data_dir: Path = Path("reeltrack-data")
    database_url: str = ""
    secret_key: str = ""
    host: str = "127.0.0.1"
    port: int = 8080
    workers: int = 1
    nb_records_per_page: int = 100
    preview_folder: Path | None = None
    redis_url: str | None = None
    admin_email: str = "admin@example.com"
    admin_password: str | None = None
    access_token_minutes: int = 7 * 24 * 60
    refresh_token_days: int = 15
    bot_token_days: int = 365
    max_login_attempts: int = 5
    login_lock_minutes: int = 1
    min_password_length: int = 8
    user_limit: int = 100
    cookie_secure: bool = False
    crisp_token: str = ""
    default_locale: str = "en_US"
    default_timezone: str = "Europe/Paris"
    dark_theme_by_default: bool = False
    is_self_hosted: bool = True
    movie_highdef_bitrate: int = 28
    movie_lowdef_bitrate: int = 6
    sql_echo: bool = False
    db_pool_size: int = 10
    db_max_overflow: int = 20
    file_store_backend: str = "local"
    file_store_path: Path | None = None
    max_upload_size: int = 100 * 1024 * 1024
    board_cache_mb: int = 64
    extra: dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_env(cls) -> Settings:
        """Read every setting from the process environment."""
        data_dir = Path(_env("REELTRACK_DATA_DIR", "reeltrack-data") or "reeltrack-data")
        preview = _env("PREVIEW_FOLDER")
        return cls(
            data_dir=data_dir,
            database_url=_database_url_from_env(data_dir),
            secret_key=_env("SECRET_KEY", "") or "",
            host=_env("REELTRACK_HOST", "127.0.0.1") or "127.0.0.1",
            port=_env_int("REELTRACK_PORT", 8080),
            workers=_env_int("REELTRACK_WORKERS", 1),
            nb_records_per_page=_env_int("NB_RECORDS_PER_PAGE", 100),
            preview_folder=Path(preview) if preview else None,
            redis_url=_redis_url_from_env(),
            admin_email=_env("REELTRACK_ADMIN_EMAIL", "admin@example.com") or "",
            admin_password=_env("REELTRACK_ADMIN_PASSWORD"),
            access_token_minutes=_env_int("JWT_ACCESS_TOKEN_EXPIRES_MINUTES", 7 * 24 * 60),
            refresh_token_days=_env_int("JWT_REFRESH_TOKEN_EXPIRES_DAYS", 15),
            bot_token_days=_env_int("BOT_TOKEN_EXPIRES_DAYS", 365),
            max_login_attempts=_env_int("LOGIN_MAX_FAILED_ATTEMPTS", 5),
            login_lock_minutes=_env_int("LOGIN_LOCK_MINUTES", 1),
            min_password_length=_env_int("MIN_PASSWORD_LENGTH", 8),
            user_limit=_env_int("USER_LIMIT", 100),
            cookie_secure=_env_bool("JWT_COOKIE_SECURE", False),
            crisp_token=_env("CRISP_TOKEN", "") or "",
            default_locale=_env("DEFAULT_LOCALE", "en_US") or "en_US",
            default_timezone=_env("DEFAULT_TIMEZONE", "Europe/Paris") or "Europe/Paris",
            dark_theme_by_default=_env_bool("DARK_THEME_BY_DEFAULT", False),
            is_self_hosted=_env_bool("IS_SELF_HOSTED", True),
            movie_highdef_bitrate=_env_int("MOVIE_HIGHDEF_BITRATE", 28),
            movie_lowdef_bitrate=_env_int("MOVIE_LOWDEF_BITRATE", 6),
            sql_echo=_env_bool("REELTRACK_SQL_ECHO", False),
            db_pool_size=max(_env_int("DB_POOL_SIZE", 10), 1),
            db_max_overflow=max(_env_int("DB_MAX_OVERFLOW", 20), 0),
            file_store_backend=_env("FS_BACKEND", "local") or "local",
            file_store_path=Path(fs_root) if (fs_root := _env("FS_ROOT")) else None,
            max_upload_size=_env_int("MAX_CONTENT_LENGTH", 100 * 1024 * 1024),
            board_cache_mb=max(_env_int("BOARD_CACHE_MB", 64), 0),
        )

    def resolved(self) -> Settings:
        """Fill the derived defaults: database URL, secret key, preview folder."""
        data_dir = self.data_dir
        url = self.database_url or f"sqlite:///{(data_dir / 'reeltrack.db').as_posix()}"
        preview = self.preview_folder or data_dir / "previews"
        secret = self.secret_key or _persistent_secret(data_dir)
        files = self.file_store_path or data_dir / "files"
        return replace(
            self,
            database_url=url,
            preview_folder=preview,
            secret_key=secret,
            file_store_path=files,
        )

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")

    def describe(self) -> dict[str, str]:
        """Settings as strings with secrets masked, for logs."""
        masked = {"secret_key", "admin_password"}
        out = {}
        for f in fields(self):
            value = getattr(self, f.name)
            out[f.name] = "***" if f.name in masked and value else str(value)
        return out


def _database_url_from_env(data_dir: Path) -> str:
    url = _env("DATABASE_URL")
    if url:
        if url.startswith("postgresql://") or url.startswith("postgres://"):
            url = "postgresql+psycopg://" + url.split("://", 1)[1]
        return url
    host = _env("DB_HOST")
    if not host:
        return ""
    user = quote(_env("DB_USERNAME", "postgres") or "postgres")
    password = _env("DB_PASSWORD", "")
    auth = f"{user}:{quote(password)}" if password else user
    port = _env("DB_PORT", "5432")
    database = _env("DB_DATABASE", "zoudb")
    return f"postgresql+psycopg://{auth}@{host}:{port}/{database}"


def _redis_url_from_env() -> str | None:
    url = _env("REDIS_URL")
    if url:
        return url
    host = _env("KV_HOST")
    if not host:
        return None
    port = _env("KV_PORT", "6379")
    password = _env("KV_PASSWORD")
    auth = f":{quote(password)}@" if password else ""
    return f"redis://{auth}{host}:{port}/{_env('KV_DB', '0')}"


def _persistent_secret(data_dir: Path) -> str:
    """Use the secret stored in the data folder, creating it on first start."""
    path = data_dir / "secret_key"
    try:
        return path.read_text().strip()
    except FileNotFoundError:
        data_dir.mkdir(parents=True, exist_ok=True)
        secret = secrets.token_urlsafe(48)
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:  # another worker created it first
            return path.read_text().strip()
        with os.fdopen(fd, "w") as handle:
            handle.write(secret)
        return secret
