"""The ``casebook`` command: a thin layer over the library.

Each subcommand parses its arguments (:mod:`~casebook.cli.parser`), calls one library
function (:mod:`~casebook.cli.commands`) and reports. Content problems
(:class:`~casebook.errors.CasebookError`) are printed as a list and exit with status 1,
never as a traceback; bad arguments exit with status 2. :mod:`~casebook.cli.reference`
writes the command reference from the same parser.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from casebook.cli.parser import parser
from casebook.errors import CasebookError, ContentError

__all__ = ["main", "parser"]


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.run(args)
    except ContentError as err:
        print(err.report(), file=sys.stderr)
        return 1
    except CasebookError as err:
        print(f"casebook: {err}", file=sys.stderr)
        return 1
