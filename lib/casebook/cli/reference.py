"""The command reference, made from the ``casebook`` command's own parser."""

from __future__ import annotations

import argparse
from typing import cast

from casebook.cli.parser import parser


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def reference() -> str:
    """The command reference as Markdown, made from the parser itself so that it cannot drift
    from what the command accepts (``docs/commands.md`` embeds it; ``make docs`` checks it)."""
    top = parser()
    subcommands = next(a for a in top._actions if isinstance(a, argparse._SubParsersAction))
    summaries = {a.dest: cast(str, a.help) for a in subcommands._choices_actions}  # all have one
    out = []
    for name, sub in subcommands.choices.items():
        sub.prog = f"casebook {name}"
        usage = " ".join(sub.format_usage().split())
        out += [f"## `casebook {name}`", "", f"{summaries[name][0].upper()}{summaries[name][1:]}."]
        out += ["", "```", usage.removeprefix("usage: "), "```", ""]
        if sub.description:
            out += [sub.description, ""]
        rows = [
            (", ".join(a.option_strings) or a.dest, a.help or "")
            for a in sub._actions
            if a.help != argparse.SUPPRESS and "--help" not in a.option_strings
        ]
        if rows:
            out += ["| argument | meaning |", "| --- | --- |"]
            out += [f"| `{arg}` | {_cell(meaning)} |" for arg, meaning in rows]
            out.append("")
    return "\n".join(out)
