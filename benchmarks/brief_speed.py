"""Benchmark: one brief from the command line against papermill running a one-cell notebook.

Reports figures; asserts nothing. Run with `make bench` (or `python benchmarks/brief_speed.py`).
Each command runs in a fresh process, as a person would type it; the median of several runs
is reported, with the ratios the briefs issue asks about:

- brief / papermill: one HTML brief end to end against `papermill` on a one-cell notebook;
- all / brief: `casebook briefs --all` (every shipped theme) against one brief.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BIN = Path(sys.executable).parent


def timed(command: list[str], runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return times


def main() -> None:
    import nbformat

    from casebook.content.themes import available_themes

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        one_cell = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("1 + 1")])
        one_cell.metadata["kernelspec"] = {
            "name": "python3",
            "display_name": "Python 3",
            "language": "python",
        }
        nbformat.write(one_cell, tmp / "one.ipynb")
        commands = {
            "papermill, one-cell notebook": [
                str(BIN / "papermill"),
                "--no-progress-bar",
                str(tmp / "one.ipynb"),
                str(tmp / "out.ipynb"),
            ],
            "casebook brief shared-purpose": [
                str(BIN / "casebook"),
                "brief",
                "shared-purpose",
                "--out",
                str(tmp),
            ],
            f"casebook briefs --all ({len(available_themes())} themes)": [
                str(BIN / "casebook"),
                "briefs",
                "--all",
                "--out",
                str(tmp),
            ],
        }
        # Interleave the first two so that both meet the same machine load.
        results = {name: [] for name in commands}
        for _ in range(args.runs):
            for name, command in commands.items():
                results[name] += timed(command, 1)
    medians = {name: statistics.median(times) for name, times in results.items()}
    print(f"{'command':<40} {'median s':>9} {'runs':>5}")
    for name, median in medians.items():
        print(f"{name:<40} {median:>9.2f} {len(results[name]):>5}")
    paper, brief, everything = medians.values()
    print(f"\nbrief / papermill one-cell: {brief / paper:.2f}  (goal: at most 1.00)")
    print(f"briefs --all / one brief:   {everything / brief:.2f}  (goal: at most 2.50)")


if __name__ == "__main__":
    main()
