"""A store of build results keyed by content, so a rebuild redoes only what changed.

The build keeps, for each case file, what it made of it (its rows, checked, or its
problems) under a key that hashes everything the result depends on: the file's bytes and
name, and a fingerprint of the rest (casebook's own code, the taxonomy, the themes and the
shared files of the case folder). An edit anywhere in those makes a new key, so an entry is
never stale; it is only ever unused, and the build drops a folder's unused entries when it
finishes.

The store is one SQLite file (``.cache/build.sqlite``, or ``CASEBOOK_CACHE``); SQLite
serialises two builds writing at once. A store that cannot be opened or read is treated as
empty: the cache can make a build faster, never make it fail.
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Iterable
from pathlib import Path


def fingerprint(files: Iterable[Path], salt: str = "") -> bytes:
    """A hash of the names and bytes of ``files`` (missing files count as absent)."""
    digest = hashlib.sha256(salt.encode())
    for path in sorted(set(files)):
        digest.update(str(path).encode() + b"\0")
        if path.is_file():
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.digest()


def entry_key(context: bytes, name: str, content: bytes) -> bytes:
    """The key of one file's result: its name and bytes under the build's fingerprint."""
    return hashlib.sha256(context + name.encode() + b"\0" + content).digest()


class BuildCache:
    """Results by key, for one case folder (``scope``) at a time."""

    def __init__(self, path: Path | None, scope: str):
        self.scope = scope
        self.db: sqlite3.Connection | None = None
        if path is None:
            return
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self.db = sqlite3.connect(path, timeout=60, isolation_level=None)
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=NORMAL")
            self.db.execute(
                "CREATE TABLE IF NOT EXISTS results "
                "(key BLOB PRIMARY KEY, scope TEXT NOT NULL, value BLOB NOT NULL)"
            )
        except (OSError, sqlite3.Error):
            self.db = None  # an unusable store: build without it

    def known(self, keys: list[bytes]) -> set[bytes]:
        """Which of ``keys`` the store holds."""
        if self.db is None:
            return set()
        found: set[bytes] = set()
        try:
            for start in range(0, len(keys), 500):
                batch = keys[start : start + 500]
                marks = ",".join("?" * len(batch))
                rows = self.db.execute(f"SELECT key FROM results WHERE key IN ({marks})", batch)
                found.update(row[0] for row in rows)
        except sqlite3.Error:
            return set()
        return found

    def get(self, key: bytes) -> bytes | None:
        if self.db is None:
            return None
        try:
            row = self.db.execute("SELECT value FROM results WHERE key = ?", (key,)).fetchone()
        except sqlite3.Error:
            return None
        return row[0] if row else None

    def put_many(self, items: list[tuple[bytes, bytes]]) -> None:
        if self.db is None or not items:
            return
        try:
            with self.db:
                self.db.execute("BEGIN")
                self.db.executemany(
                    "INSERT OR REPLACE INTO results VALUES (?, ?, ?)",
                    [(key, self.scope, value) for key, value in items],
                )
        except sqlite3.Error:
            pass  # not stored: the next build makes it again

    def keep_only(self, keys: set[bytes]) -> None:
        """Forget this folder's entries that the build just made did not use."""
        if self.db is None:
            return
        try:
            rows = self.db.execute("SELECT key FROM results WHERE scope = ?", (self.scope,))
            unused = [(k,) for (k,) in rows.fetchall() if k not in keys]
            if unused:
                with self.db:
                    self.db.execute("BEGIN")
                    self.db.executemany("DELETE FROM results WHERE key = ?", unused)
        except sqlite3.Error:
            pass

    def close(self) -> None:
        if self.db is not None:
            self.db.close()
