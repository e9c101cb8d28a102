"""Interrupted and concurrent builds: a build killed at any moment, or two at once, leave the
output as one whole build wrote it, never a mix."""

from __future__ import annotations

import signal
import subprocess
import sys
import textwrap
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from casebook import paths
from casebook.atomic import recover
from casebook.package.datapackage import build

# builds killed at chosen moments: in `make test`, not in `make test-fast`
pytestmark = pytest.mark.slow


def files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def retitled(corpus_dir: Path, title: str) -> Path:
    case = corpus_dir / "alpha.md"
    text = case.read_text(encoding="utf-8")
    case.write_text(text.replace("title: Alpha sets a new goal", f"title: {title}"), "utf-8")
    return corpus_dir


# Builds in a child process that kills itself with SIGKILL at its Nth file rename inside the
# swap (the first rename is the journal's): the one window a kill could leave a mix.
KILLED_MID_SWAP = textwrap.dedent(
    """
    import os, signal, sys
    from pathlib import Path
    from casebook import atomic
    from casebook.package.datapackage import build

    real, calls, kill_at = os.replace, [0], int(sys.argv[3])
    def replace(src, dst):
        calls[0] += 1
        if calls[0] == kill_at:
            os.kill(os.getpid(), signal.SIGKILL)
        return real(src, dst)
    atomic.os.replace = replace
    build(Path(sys.argv[1]), Path(sys.argv[2]))
    """
)


@pytest.mark.parametrize("kill_at", [3, 6, 12])
def test_a_build_killed_during_its_swap_is_rolled_back(corpus_dir, tmp_path, kill_at):
    out = tmp_path / "data"
    build(corpus_dir, out)
    before = files(out)
    retitled(corpus_dir, "Alpha changes its mind")
    child = subprocess.run(
        [sys.executable, "-c", KILLED_MID_SWAP, str(corpus_dir), str(out), str(kill_at)],
        cwd=str(paths.ROOT),
        capture_output=True,
    )
    assert child.returncode == -signal.SIGKILL
    assert files(out) != before  # the kill left some new tables beside old ones...
    assert recover(out) is True  # ...which the next build or check rolls back
    assert files(out) == before
    build(corpus_dir, out)  # and a build after it finishes the job
    assert b"Alpha changes its mind" in files(out)["cases.csv"]


@pytest.mark.parametrize("delay", [0.3, 0.8, 1.5, 2.5])
def test_a_build_killed_at_any_moment_leaves_the_old_package_or_the_new(
    corpus_dir, tmp_path, delay
):
    out, fresh = tmp_path / "data", tmp_path / "fresh"
    build(corpus_dir, out)
    before = files(out)
    retitled(corpus_dir, "Alpha changes its mind")
    build(corpus_dir, fresh)
    after = files(fresh)
    child = subprocess.Popen(
        [sys.executable, "-m", "casebook", "build", "--source", str(corpus_dir), "--out", str(out)],
        cwd=str(paths.ROOT),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    time.sleep(delay)
    child.send_signal(signal.SIGKILL)
    child.wait()
    recover(out)
    assert files(out) in (before, after)


def test_two_builds_at_once_leave_one_whole_package(corpus_dir, tmp_path):
    import shutil

    other = tmp_path / "other"
    shutil.copytree(corpus_dir, other)
    retitled(other, "Alpha changes its mind")
    one, two = tmp_path / "one", tmp_path / "two"
    build(corpus_dir, one)
    build(other, two)
    out = tmp_path / "data"
    for _ in range(3):
        with ThreadPoolExecutor(2) as pool:
            list(pool.map(lambda source: build(source, out), [corpus_dir, other]))
        assert files(out) in (files(one), files(two))
