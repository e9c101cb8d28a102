"""Problems in content, reported all at once and without a traceback.

A content error is not a bug: the person who wrote the case file needs to know which file,
which field, which line, what is wrong and how to fix it. Loaders collect every
:class:`Problem` they find and raise a single :class:`ContentError` at the end, so one run
shows everything that needs fixing.
"""

from __future__ import annotations

import dataclasses
import functools
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with one piece of content.

    Parameters
    ----------
    file : str
        The file, relative to the project root where possible.
    field : str
        Dotted path to the field (``interventions[2].leverage_point``), or ``""`` for the
        file as a whole.
    message : str
        What is wrong, in plain words.
    fix : str
        What to do about it.
    line : int or None
        1-based line in the file, where it can be known.
    follows : str
        The name of a file this problem follows from when that file cannot be read (a
        reference to a source follows from ``sources.yml``): it is then counted, not listed.
    """

    file: str
    field: str
    message: str
    fix: str = ""
    line: int | None = None
    follows: str = dataclasses.field(default="", compare=False)  # `field` is a field here

    def __str__(self) -> str:
        where = self.file + (f":{self.line}" if self.line else "")
        field = f" {self.field}:" if self.field else ""
        # a fix of several lines (a proposal in YAML) keeps its shape, under the first line
        fix = "\n    fix: " + self.fix.replace("\n", "\n         ") if self.fix else ""
        return f"{where}:{field} {self.message}{fix}"

    def one_line(self, file: str | None = None) -> str:
        """The problem on one line (for a status line in an app), its file named ``file``."""
        where = (file or self.file) + (f", line {self.line}" if self.line else "")
        field = f" {self.field}:" if self.field else ""
        fix = " ".join(line.strip() for line in self.fix.split("\n"))
        return f"{where}:{field} {self.message}" + (f" (fix: {fix})" if fix else "")


class CasebookError(Exception):
    """Base class for errors that casebook reports to a user without a traceback."""


class ContentError(CasebookError):
    """Content failed validation; carries every problem found.

    ``unread`` names, in order, the files that could not be read or loaded: the problems that follow from
    them (``Problem.follows``) are counted, not listed, and the problems in them come first,
    so that one cause gives one message.
    """

    def __init__(self, problems: list[Problem], unread: tuple[str, ...] = ()):
        def first_causes(p: Problem) -> tuple:
            name = Path(p.file).name
            rank = unread.index(name) if name in unread else len(unread)
            return (rank, p.file, p.line or 0, p.field)

        found = set(problems)
        self.follow_ons = sorted((p for p in found if p.follows in unread), key=first_causes)
        self.problems = sorted(found.difference(self.follow_ons), key=first_causes)
        super().__init__(self.report())

    def report(self) -> str:
        lines = [f"{_count(self.problems, 'problem')}:", *(f"  {p}" for p in self.problems)]
        if self.follow_ons:
            lines.append(
                f"  and {_count(self.follow_ons, 'follow-on problem')}: fix "
                f"{'this' if len(self.problems) == 1 else 'these'} first"
            )
        return "\n".join(lines)


def _count(problems: list[Problem], what: str) -> str:
    """'2,394 problems in 29 files'."""
    files = len({p.file for p in problems})
    return (
        f"{len(problems):,} {what}{'s' if len(problems) != 1 else ''} "
        f"in {files:,} file{'s' if files != 1 else ''}"
    )


class UsageError(CasebookError):
    """A command was asked for something that does not exist (a theme, a filter value)."""


def display_path(path: Path) -> str:
    """Show ``path`` relative to the working directory when it is inside it."""
    try:
        return str(resolved(path).relative_to(resolved_folder(Path.cwd())))
    except ValueError:
        return str(path)


@functools.lru_cache(maxsize=256)
def resolved_folder(folder: Path) -> Path:
    return folder.resolve()


def resolved(path: Path) -> Path:
    """``path`` made absolute through its folder's real path, which is resolved once: a build
    names 100,000 files in one folder, and resolving each costs more than reading it."""
    if path.name in ("", ".", ".."):
        return path.resolve()
    return resolved_folder(path.parent) / path.name


def field_path(loc: tuple) -> str:
    """Render a validation location as ``interventions[2].leverage_point``."""
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out
