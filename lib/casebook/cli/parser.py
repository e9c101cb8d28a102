"""The ``casebook`` command's arguments: one subparser per command, each naming the function
of :mod:`casebook.cli.commands` that runs it (the command reference is written from this
parser, so its help texts are the documentation)."""

from __future__ import annotations

import argparse
from pathlib import Path

from casebook import __version__, paths
from casebook.cli import commands
from casebook.errors import display_path


def _brief_outputs(cmd: argparse.ArgumentParser) -> None:
    """The output options ``brief`` and ``briefs`` share."""
    cmd.add_argument(
        "--format",
        action="append",
        default=[],
        help="html, pdf, docx, or several: html,pdf,docx (default: html)",
    )
    cmd.add_argument("--out", type=Path, help="output folder (default: briefs/)")


def parser() -> argparse.ArgumentParser:
    """The argument parser (also used by the docs test to list every command)."""
    top = argparse.ArgumentParser(
        prog="casebook",
        description="An open evidence and case-study workbench on how education systems change.",
    )
    top.add_argument("--version", action="version", version=f"casebook {__version__}")
    subcommands = top.add_subparsers(dest="command", metavar="COMMAND", required=True)

    source_help = f"folder of case files (default: {display_path(paths.CASESTUDIES)})"
    cmd = subcommands.add_parser(
        "build",
        help="validate the case files and write the data package",
        description="Load every case file, validate it against the model "
        "and the taxonomy, report every problem, and write data/ as a "
        "Frictionless data package. A failed build leaves data/ as it was. Case files "
        "unchanged since the last build are taken from the build cache (.cache/, or "
        "CASEBOOK_CACHE), which any change to casebook, the taxonomy, the themes or the "
        "shared files empties.",
    )
    cmd.add_argument("--source", type=Path, help=source_help)
    cmd.add_argument("--out", type=Path, help="output folder (default: data/)")
    cmd.add_argument(
        "--no-cache", action="store_true", help="read every case file again, ignoring the cache"
    )
    cmd.set_defaults(run=commands.run_build)

    cmd = subcommands.add_parser(
        "agreement",
        help="how far a second coder agrees with the case files' leverage points",
        description="Compare the case files' leverage points (coder-1) with a second "
        "coder's in casestudies/codings/: percent agreement, Cohen's kappa (unweighted and "
        "linear), Krippendorff's alpha (nominal and ordinal), agreement by system "
        "characteristic and the confusion matrix.",
    )
    cmd.add_argument("--source", type=Path, help=source_help)
    cmd.add_argument("--coder", help="the second coder, when there are several")
    cmd.set_defaults(run=commands.run_agreement)

    cmd = subcommands.add_parser(
        "coding-sheet",
        help="write a blind coding sheet for a human coder, or read a filled one",
        description="With --coder and --out: write an Excel workbook for a person to code the "
        "leverage points blind (one row per intervention in random order with its text, its "
        "case's title and its sources, a dropdown of the twelve points, a rationale and a "
        "'hesitated between' column, and the codebook), with nothing of any earlier coding. "
        "With --read: check a filled sheet, naming the sheet, row and column of every "
        "problem, and write casestudies/codings/NAME.yml.",
    )
    cmd.add_argument("--coder", help="the coder's name, which names the coding file")
    cmd.add_argument("--out", type=Path, help="the workbook to write (.xlsx)")
    cmd.add_argument("--read", type=Path, help="a filled workbook to check and save")
    cmd.add_argument(
        "--sample", type=int, help="only N interventions (a pilot round; default: all)"
    )
    cmd.add_argument("--seed", type=int, help="which random order and sample (default: fresh)")
    cmd.add_argument("--source", type=Path, help=source_help)
    cmd.set_defaults(run=commands.run_coding_sheet)

    cmd = subcommands.add_parser(
        "synth",
        help="write a synthetic corpus of N cases (for measuring at scale)",
        description="Write N valid case files into --out: the real cases, then copies of "
        "them under fresh ids chosen with --seed, with the shared files, so that builds and "
        "apps can be measured at any size. No fact in it is new.",
    )
    cmd.add_argument("--cases", type=int, required=True, help="how many case files")
    cmd.add_argument("--out", type=Path, required=True, help="an empty folder to write into")
    cmd.add_argument("--seed", type=int, default=1, help="which copies (default: 1)")
    cmd.add_argument("--source", type=Path, help=source_help)
    cmd.set_defaults(run=commands.run_synth)

    cmd = subcommands.add_parser(
        "check",
        help="fail when data/ is stale against the case files",
        description="Build into a scratch folder and compare with data/; exit 1 when they differ.",
    )
    cmd.add_argument("--source", type=Path, help=source_help)
    cmd.add_argument("--out", type=Path, help="built folder to check (default: data/)")
    cmd.set_defaults(run=commands.run_check)

    cmd = subcommands.add_parser(
        "brief",
        help="write a brief on a theme (HTML and/or PDF)",
        description="Run notebooks/brief.ipynb for THEME in a Jupyter kernel and write a brief in "
        "the provocation paper's shape: a standalone HTML page that opens offline, and a PDF "
        "printed by chromium. A failed run leaves earlier briefs in place.",
    )
    cmd.add_argument(
        "theme", help="theme id: a file name in themes/ without .md (e.g. shared-purpose)"
    )
    cmd.add_argument("--source", type=Path, help=source_help)
    cmd.add_argument(
        "--where",
        action="append",
        default=[],
        metavar="FIELD=VALUE",
        help="narrow the theme's selection: leverage_point, characteristic, approach, "
        "level, region, country, grade or case, each by id or name in any case (repeat "
        "for alternatives)",
    )
    _brief_outputs(cmd)
    cmd.set_defaults(run=commands.run_brief)

    cmd = subcommands.add_parser(
        "briefs",
        help="write the brief of every theme",
        description="Write a brief for every theme in themes/, from one kernel, with a progress bar.",
    )
    cmd.add_argument("--all", action="store_true", help="every theme in themes/")
    cmd.add_argument("--source", type=Path, help=source_help)
    _brief_outputs(cmd)
    cmd.set_defaults(run=commands.run_briefs)

    cmd = subcommands.add_parser(
        "export",
        help="export the bibliography or the tables for other tools",
        description="bibtex, csl-json and ris: the bibliography for reference managers (Zotero, "
        "JabRef, Pandoc; ris for EndNote, Mendeley and EPPI-Reviewer); xlsx: every table of "
        "the data package, one sheet each; qca: the crisp-set QCA calibration "
        "(data/taxonomy/qca.yml), one row per case.",
    )
    cmd.add_argument(
        "kind", choices=("bibtex", "csl-json", "ris", "xlsx", "qca"), help="what to export"
    )
    cmd.add_argument("--out", type=Path, required=True, help="the file to write")
    cmd.add_argument("--source", type=Path, help=source_help)
    cmd.set_defaults(run=commands.run_export)

    cmd = subcommands.add_parser(
        "site",
        help="write the casebook as a static site, or the evidence map as one file",
        description="An offline static site: the evidence map, cases, themes, briefs and data.",
    )
    cmd.add_argument("--out", type=Path, help="the folder to write the site into")
    cmd.add_argument("--single-file", type=Path, help="the evidence map as one HTML file")
    cmd.add_argument("--source", type=Path, help=source_help)
    cmd.add_argument("--briefs", type=Path, help="built briefs to offer (default: briefs/)")
    cmd.set_defaults(run=commands.run_site)

    apps = (
        (
            "explore",
            "explore.ipynb",
            8866,
            "open the interactive explorer (a Voila app on 127.0.0.1)",
            "Serve notebooks/explore.ipynb as a Voila app: linked filters, gap map, map, timeline, table, "
            "case cards, downloads and briefs from the selection.",
        ),
        (
            "workshop",
            "workshop.ipynb",
            8868,
            "run the shared-purpose workshop with a team (a Voila app on 127.0.0.1)",
            "Serve notebooks/workshop.ipynb as a Voila app: where we stand, the conversation, who is "
            "in the room, living it and the alignment check, saved to one workshop file.",
        ),
        (
            "lesson",
            "lesson.ipynb",
            8867,
            "open the leverage-point lesson for trainers (a Voila app on 127.0.0.1)",
            "Serve notebooks/lesson.ipynb as a Voila app: explain the twelve points, practise with exercises "
            "drawn from the cases, reflect on agreement with the coding, and see a group's answers.",
        ),
    )
    for name, notebook, port, summary, description in apps:
        cmd = subcommands.add_parser(name, help=summary, description=description)
        cmd.add_argument("--source", type=Path, help=source_help)
        cmd.add_argument(
            "--port", type=int, default=port, help=f"port on 127.0.0.1 (default: {port})"
        )
        cmd.add_argument("--no-browser", action="store_true", help="do not open a browser")
        if name == "workshop":
            cmd.add_argument(
                "file",
                nargs="?",
                type=Path,
                help="the workshop file to open, or to create on the first save: a path, or "
                "a name in workshops/ without .yml (default: workshops/new-workshop.yml)",
            )
            cmd.add_argument(
                "--schema",
                type=Path,
                help="write the workshop file's JSON Schema (for editors) to this file and stop",
            )
        cmd.set_defaults(run=commands.run_serve, notebook=notebook)

    cmd = subcommands.add_parser(
        "canvas",
        help="print a workshop on one landscape page",
        description="Write the shared-purpose canvas of a workshop file (purpose, graduate traits, "
        "commitments, protocol, self-assessment and alignment charts) as one landscape page.",
    )
    cmd.add_argument(
        "file",
        type=Path,
        help="the workshop file (a path, or a name in workshops/ without .yml)",
    )
    cmd.add_argument(
        "--format", default="html", help="html, pdf and docx, comma-separated (default: html)"
    )
    cmd.add_argument("--out", type=Path, help="folder to write to (default: the file's folder)")
    cmd.set_defaults(run=commands.run_canvas)
    return top
