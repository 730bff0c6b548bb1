"""The local file store behind attachments."""

from __future__ import annotations

import io

import pytest

from reeltrack.storage.files import FileMissing, LocalFileStore, build_file_store


def test_put_get_open_exists_delete(tmp_path):
    store = LocalFileStore(tmp_path)
    assert store.put("attachments", "abc123", io.BytesIO(b"payload")) == 7
    assert store.exists("attachments", "abc123")
    assert store.get("attachments", "abc123") == b"payload"
    with store.open("attachments", "abc123") as handle:
        assert handle.read(3) == b"pay"
    assert store.put("attachments", "abc123", io.BytesIO(b"new")) == 3
    assert store.get("attachments", "abc123") == b"new"
    store.delete("attachments", "abc123")
    store.delete("attachments", "abc123")  # absent: nothing happens
    assert not store.exists("attachments", "abc123")
    with pytest.raises(FileMissing):
        store.get("attachments", "abc123")
    assert [p for p in tmp_path.rglob("*") if p.is_file()] == []


@pytest.mark.parametrize("key", ["../escape", "a/b", "..", "", ".hidden"])
def test_keys_cannot_leave_the_root(tmp_path, key):
    store = LocalFileStore(tmp_path / "root")
    with pytest.raises(ValueError):
        store.put("attachments", key, io.BytesIO(b"x"))
    assert not store.exists("attachments", key)
    with pytest.raises(FileMissing):
        store.open("attachments", key)
    assert not (tmp_path / "escape").exists()


def test_failed_write_leaves_no_file(tmp_path):
    class Broken(io.BytesIO):
        def read(self, *_args):
            raise OSError("disk gone")

    store = LocalFileStore(tmp_path)
    with pytest.raises(OSError):
        store.put("attachments", "abc", Broken())
    assert [p for p in tmp_path.rglob("*") if p.is_file()] == []


def test_only_the_local_backend_exists(tmp_path):
    assert isinstance(build_file_store("local", tmp_path), LocalFileStore)
    with pytest.raises(SystemExit):
        build_file_store("s3", tmp_path)
