"""Writing files so that a failure never leaves a half-written or missing output.

Content goes to a temporary file in the target's own folder (same file system), which is
then renamed over the target in one step: readers see the old file or the new one, never a
mix, and two runs at once cannot interleave their bytes.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_atomic(path: Path, content: str | bytes) -> None:
    """Write ``content`` to ``path`` atomically (text is encoded as UTF-8)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    data = content.encode("utf-8") if isinstance(content, str) else content
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(tmp, 0o644)  # mkstemp makes files private; outputs are meant to be shared
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


# --- moving a set of files into a folder as one step --------------------------------------


def swap_in(
    staging: Path, out: Path, names: list[str], remove: set[str] | frozenset[str] = frozenset()
) -> None:
    """Move ``names`` from ``staging`` into ``out`` and delete ``remove`` from it, so that
    ``out`` ends with all of the new files or, after :func:`recover`, none of them.

    Each file's rename is atomic, but a set of them is not: a process killed half-way would
    leave new tables beside old ones. So the files about to change are first hard-linked
    into a backup beside ``out`` and a journal names them; an interrupted swap is rolled
    back by :func:`recover`, which every swap (and ``casebook check``) runs first. Swaps
    into the same folder take turns (a lock on the folder), so two builds at once leave one
    build's files, whole.
    """
    import json
    import shutil

    journal, backup = _journal(out), _backup(out)
    with _locked(out):
        _roll_back(out)
        shutil.rmtree(backup, ignore_errors=True)
        backup.mkdir()
        kept = [n for n in [*names, *sorted(remove)] if (out / n).exists()]
        for name in kept:
            _link_or_copy(out / name, backup / name)
        record = {"written": names, "removed": sorted(remove), "kept": kept}
        write_atomic(journal, json.dumps(record))
        for name in names:
            os.replace(staging / name, out / name)
        for name in remove:
            (out / name).unlink(missing_ok=True)
        journal.unlink()
        shutil.rmtree(backup, ignore_errors=True)


def recover(out: Path) -> bool:
    """Roll back a swap into ``out`` that was interrupted; return whether there was one."""
    with _locked(out):
        return _roll_back(out)


def _roll_back(out: Path) -> bool:
    import json
    import shutil

    journal, backup = _journal(out), _backup(out)
    if not journal.exists():
        return False
    record = json.loads(journal.read_text(encoding="utf-8"))
    for name in [*record["written"], *record["removed"]]:
        if name in record["kept"]:
            os.replace(backup / name, out / name)
        else:
            (out / name).unlink(missing_ok=True)  # it did not exist before the swap
    journal.unlink()
    shutil.rmtree(backup, ignore_errors=True)
    return True


def _journal(out: Path) -> Path:
    return out.parent / f".{out.name}-swap.json"


def _backup(out: Path) -> Path:
    return out.parent / f".{out.name}-previous"


def _link_or_copy(source: Path, target: Path) -> None:
    try:
        os.link(source, target)  # the old file itself: instant, whatever its size
    except OSError:
        import shutil

        shutil.copy2(source, target)


class _locked:
    """An exclusive lock on the folder ``out`` itself, held for the ``with`` block (no lock
    file is left behind)."""

    def __init__(self, out: Path):
        self.path = out

    def __enter__(self):
        import fcntl

        self.fd = os.open(self.path, os.O_RDONLY)
        fcntl.flock(self.fd, fcntl.LOCK_EX)
        return self

    def __exit__(self, *exc) -> None:
        import fcntl

        fcntl.flock(self.fd, fcntl.LOCK_UN)
        os.close(self.fd)
