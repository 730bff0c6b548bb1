"""File storage by (bucket, key): a small interface and its local-disk backend.

Buckets are Zou's storage prefixes ("attachments", "pictures", "movies"...). An S3
backend only has to implement `FileStore`; callers never see paths.
"""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Protocol

CHUNK_SIZE = 1024 * 1024
_SAFE_PART = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")


class FileMissing(LookupError):
    """No file is stored under this bucket and key."""


class FileStore(Protocol):
    """Where uploaded files live."""

    def put(self, bucket: str, key: str, source: IO[bytes]) -> int:
        """Store a stream under (bucket, key), replacing any previous one; returns its size."""
        ...

    def get(self, bucket: str, key: str) -> bytes:
        """The whole stored file; FileMissing when absent."""
        ...

    def open(self, bucket: str, key: str) -> IO[bytes]:
        """A readable binary stream on the stored file; FileMissing when absent."""
        ...

    def delete(self, bucket: str, key: str) -> None:
        """Remove the stored file; nothing happens when it is absent."""
        ...

    def exists(self, bucket: str, key: str) -> bool:
        """Whether a file is stored under (bucket, key)."""
        ...


def _checked(part: str) -> str:
    if not _SAFE_PART.match(part) or part in (".", ".."):
        raise ValueError(f"Invalid storage name: {part!r}")
    return part


class LocalFileStore:
    """Files on a local (or mounted) disk: `<root>/<bucket>/<key[:3]>/<key>`."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)

    def path(self, bucket: str, key: str) -> Path:
        """Where the file of (bucket, key) is kept on disk."""
        key = _checked(key)
        return self.root / _checked(bucket) / key[:3] / key

    def put(self, bucket: str, key: str, source: IO[bytes]) -> int:
        target = self.path(bucket, key)
        target.parent.mkdir(parents=True, exist_ok=True)
        # Write beside the target then rename, so a reader never sees half a file.
        fd, tmp_name = tempfile.mkstemp(dir=target.parent, prefix=".upload-")
        size = 0
        try:
            with os.fdopen(fd, "wb") as handle:
                while chunk := source.read(CHUNK_SIZE):
                    handle.write(chunk)
                    size += len(chunk)
            os.replace(tmp_name, target)
        except BaseException:
            Path(tmp_name).unlink(missing_ok=True)
            raise
        return size

    def get(self, bucket: str, key: str) -> bytes:
        with self.open(bucket, key) as handle:
            return handle.read()

    def open(self, bucket: str, key: str) -> IO[bytes]:
        try:
            return self.path(bucket, key).open("rb")
        except (FileNotFoundError, ValueError):
            raise FileMissing(f"{bucket}/{key}") from None

    def delete(self, bucket: str, key: str) -> None:
        try:
            self.path(bucket, key).unlink(missing_ok=True)
        except ValueError:
            return

    def exists(self, bucket: str, key: str) -> bool:
        try:
            return self.path(bucket, key).is_file()
        except ValueError:
            return False


def iter_chunks(handle: IO[bytes]) -> Iterator[bytes]:
    """Read a stored file in chunks, closing it at the end (for streamed responses)."""
    with handle:
        while chunk := handle.read(CHUNK_SIZE):
            yield chunk


@contextmanager
def staged(store: FileStore, bucket: str) -> Iterator[list[str]]:
    """Collect keys written inside the block; delete them if the block fails."""
    written: list[str] = []
    try:
        yield written
    except BaseException:
        for key in written:
            store.delete(bucket, key)
        raise


def build_file_store(backend: str, root: Path) -> FileStore:
    """The store a setting names; only "local" exists for now."""
    if backend != "local":
        raise SystemExit(f"Unsupported file store backend: {backend!r} (only 'local')")
    return LocalFileStore(root)


__all__ = [
    "FileMissing",
    "FileStore",
    "LocalFileStore",
    "build_file_store",
    "iter_chunks",
    "staged",
]
