"""Benchmark: how `casebook build` grows with the corpus, and what one edit costs.

Reports figures; asserts nothing. For each size it writes a synthetic corpus with
``casebook synth`` (the real cases, then copies under fresh ids), runs ``casebook build`` in
a fresh process with a cold build cache and reads that process's wall time and peak memory;
then edits one case and builds again (the one-edit rebuild, from the cache), runs ``casebook
check``, and times ``import casebook``. Run with ``make bench`` or
``python benchmarks/build_speed.py --cases 1000 10000 100000``.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from casebook import paths


def timed(command: list[str], env: dict | None = None) -> tuple[float, float]:
    """Wall seconds and peak memory (MB) of ``command`` run as a child process.

    Memory is sampled every 0.2 s as the proportional set size summed over the process and
    the workers it forks, so pages they share are counted once.
    """
    import psutil

    started = time.monotonic()
    child = subprocess.Popen(
        command,
        cwd=str(paths.ROOT),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env={**os.environ, **(env or {})},
    )
    process, peak = psutil.Process(child.pid), 0.0
    while child.poll() is None:
        try:
            tree = [process, *process.children(recursive=True)]
            peak = max(peak, sum(p.memory_full_info().pss for p in tree) / 2**20)
        except psutil.Error:
            pass  # a worker came or went while it was read
        time.sleep(0.2)
    seconds = time.monotonic() - started
    if child.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{child.stderr.read().decode()}")
    return seconds, peak


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", type=int, nargs="+", default=[1000, 10000, 100000])
    args = parser.parse_args()
    casebook = [sys.executable, "-m", "casebook"]

    seconds, _ = timed([sys.executable, "-c", "import casebook.content.corpus"])
    print(f"import casebook (with its loader): {seconds:.2f} s")
    print("| cases | build | peak memory | one-edit build | check |")
    print("| --- | --- | --- | --- | --- |")
    previous = None
    for n in args.cases:
        with tempfile.TemporaryDirectory() as tmp:
            source, out = Path(tmp) / "cases", Path(tmp) / "data"
            env = {"CASEBOOK_CACHE": str(Path(tmp) / "cache.sqlite")}
            subprocess.run(
                [*casebook, "synth", "--cases", str(n), "--out", str(source)],
                check=True,
                stdout=subprocess.DEVNULL,
            )
            build = [*casebook, "build", "--source", str(source), "--out", str(out)]
            seconds, peak = timed(build, env)
            case = next(p for p in sorted(source.glob("*-s*.md")))
            case.write_text(
                case.read_text(encoding="utf-8").replace("## Story\n", "## Story\n\nEdited. ", 1),
                encoding="utf-8",
            )
            again, _ = timed(build, env)
            check, _ = timed([*casebook, "check", "--source", str(source), "--out", str(out)], env)
        growth = f" ({seconds / previous:.1f}x the time of the size before)" if previous else ""
        print(
            f"| {n:,} | {seconds:.1f} s{growth} | {peak:,.0f} MB | {again:.1f} s | {check:.1f} s |",
            flush=True,
        )
        previous = seconds


if __name__ == "__main__":
    main()
