"""Benchmark: how `casebook build` grows with the corpus, and what one edit costs.

Reports figures; asserts nothing. For each size it writes a synthetic corpus with
``casebook synth`` (the real cases, then copies under fresh ids), runs ``casebook build`` in
a fresh process and reads that process's wall time and peak memory; then edits one case and
builds again (the one-edit rebuild), and times ``import casebook``. Run with ``make bench``
or ``python benchmarks/build_speed.py --cases 1000 10000``.
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


def timed(command: list[str]) -> tuple[float, float]:
    """Wall seconds and peak resident MB of ``command`` run as a child process."""
    started = time.monotonic()
    child = subprocess.Popen(
        command, cwd=str(paths.ROOT), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.monotonic() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{child.stderr.read().decode()}")
    return seconds, usage.ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", type=int, nargs="+", default=[1000, 10000])
    args = parser.parse_args()
    casebook = [sys.executable, "-m", "casebook"]

    seconds, _ = timed([sys.executable, "-c", "import casebook.corpus"])
    print(f"import casebook (with its loader): {seconds:.2f} s")
    print("| cases | build | peak memory | one-edit rebuild |")
    print("| --- | --- | --- | --- |")
    previous = None
    for n in args.cases:
        with tempfile.TemporaryDirectory() as tmp:
            source, out = Path(tmp) / "cases", Path(tmp) / "data"
            subprocess.run(
                [*casebook, "synth", "--cases", str(n), "--out", str(source)],
                check=True,
                stdout=subprocess.DEVNULL,
            )
            seconds, peak = timed([*casebook, "build", "--source", str(source), "--out", str(out)])
            case = next(p for p in sorted(source.glob("*-s*.md")))
            case.write_text(
                case.read_text(encoding="utf-8").replace("## Story\n", "## Story\n\nEdited. ", 1),
                encoding="utf-8",
            )
            again, _ = timed([*casebook, "build", "--source", str(source), "--out", str(out)])
        growth = f" ({seconds / previous:.1f}x the time of the size before)" if previous else ""
        print(f"| {n:,} | {seconds:.1f} s{growth} | {peak:,.0f} MB | {again:.1f} s |")
        previous = seconds


if __name__ == "__main__":
    main()
