"""Reading YAML and front matter while remembering line numbers.

ruamel.yaml's round-trip loader keeps the line of every key and list item, which lets a
validation error point at ``casestudies/sobral.md:42`` instead of leaving the author to hunt.
The parsed tree is converted to plain Python for validation, and the original tree is kept
beside it to answer "which line is this field on?".
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from casebook.content.fastyaml import FastPathUnavailable, load_fast
from casebook.content.yamlerrors import line_of_bad_value, refuse_repeats, syntax_problem
from casebook.errors import Problem

FENCE = "---"
MAX_BYTES = 2_000_000  # a case or a shared file is text; 2 MB is far beyond any real one
SAVE_AS_UTF8 = (
    "save it as UTF-8 text (in most editors: Save As, encoding 'UTF-8'); a byte-order "
    "mark and Windows line endings are fine"
)


def read_text(path: Path, file: str) -> tuple[str | None, list[Problem]]:
    """The text of a content file, or the problem that keeps it from being read.

    UTF-8 with or without a byte-order mark, with Windows (CRLF) or Unix (LF) line endings,
    is read (as LF). Anything else is refused with the file's name and how to save it:
    NUL bytes (a binary file, or UTF-16 as some Windows editors write), text that is not
    UTF-8 (Latin-1, Windows-1252), or a file over ``MAX_BYTES``.
    """
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            return None, [
                Problem(
                    file,
                    "",
                    f"the file is {size / 1e6:.1f} MB; a content file is text of at most "
                    f"{MAX_BYTES / 1e6:.0f} MB",
                    "check that this is the file you meant to put here; split a long "
                    "list into several files",
                )
            ]
        raw = path.read_bytes()
    except OSError as err:
        return None, [Problem(file, "", f"the file cannot be read: {err.strerror}", "")]
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):  # a UTF-16 byte-order mark
        return None, [Problem(file, "", "the file is not text (UTF-16 text)", SAVE_AS_UTF8, 1)]
    if (nul := raw.find(b"\x00")) >= 0:
        line = raw[:nul].count(b"\n") + 1
        return None, [Problem(file, "", "the file is not text (binary)", SAVE_AS_UTF8, line)]
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]  # the UTF-8 byte-order mark some Windows editors write
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        return None, [
            Problem(
                file,
                "",
                f"the file is not UTF-8 text (byte {raw[err.start]:#04x} on this line; "
                "perhaps Latin-1 or Windows-1252)",
                SAVE_AS_UTF8,
                line,
            )
        ]
    return text.replace("\r\n", "\n").replace("\r", "\n"), []


@dataclass
class YamlDocument:
    """Plain data plus a way back to the lines it came from.

    Content is parsed with ruamel's fast C loader; the slower round-trip parse that knows
    every key's line runs only when a line is asked for, that is when there is an error to
    report (it made loading the corpus about seven times faster).
    """

    data: Any
    text: str
    line_offset: int = 0
    _tree: Any = None
    # what was left out to read the rest past a YAML error: each block's first line
    dropped: tuple[str, ...] = ()

    @property
    def tree(self) -> Any:
        """The round-trip tree, or None where the stricter pure-Python parser refuses text
        the C loader took (a tab inside a flow mapping): the problem then has no line."""
        if self._tree is None:
            from ruamel.yaml import YAML
            from ruamel.yaml.error import YAMLError

            try:
                self._tree = YAML(typ="rt").load(self.text)
            except YAMLError:
                self._tree = False
        return self._tree or None

    def line_of(self, loc: tuple[Any, ...]) -> int | None:
        """Return the 1-based line of the deepest part of ``loc`` that exists in the file."""
        from ruamel.yaml.comments import CommentedMap, CommentedSeq

        node, line = self.tree, None
        if hasattr(node, "lc"):
            line = node.lc.line
        for key in loc:
            if isinstance(node, CommentedMap) and key in node:
                line = node.lc.key(key)[0]
                node = node[key]
            elif isinstance(node, CommentedSeq) and isinstance(key, int) and key < len(node):
                line = node.lc.item(key)[0]
                node = node[key]
            else:
                break
        return None if line is None else line + 1 + self.line_offset


def _plain(node: Any) -> Any:
    """Turn ruamel's round-trip types into plain dicts, lists, str, int, float."""
    if isinstance(node, dict):
        return {str(k): _plain(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_plain(v) for v in node]
    if isinstance(node, bool) or node is None:
        return node
    if isinstance(node, int):
        return int(node)
    if isinstance(node, float):
        return float(node)
    if isinstance(node, dt.datetime | dt.date):
        return node.isoformat()
    if isinstance(node, str):
        return str(node)
    return node


def parse_yaml(
    text: str, file: str, line_offset: int = 0
) -> tuple[YamlDocument | None, list[Problem]]:
    """Parse YAML text; on a syntax error return a Problem naming the line.

    The fast loader (:mod:`casebook.content.fastyaml`) answers for plain, valid text; whatever it is
    unsure of goes to ruamel, which also words the author's errors.
    """
    try:
        return YamlDocument(load_fast(text), text, line_offset), []
    except FastPathUnavailable:
        pass
    from ruamel.yaml import YAML
    from ruamel.yaml.constructor import DuplicateKeyError
    from ruamel.yaml.error import MarkedYAMLError, YAMLError
    from ruamel.yaml.reader import ReaderError

    if refused := refuse_repeats(text, file, line_offset):
        return None, [refused]
    try:
        data = YAML(typ="safe").load(text)
    except DuplicateKeyError as err:
        mark = err.problem_mark
        line = mark.line + 1 + line_offset if mark else None
        return None, [
            Problem(file, "", f"a key appears twice: {err.problem}", "keep one of them", line)
        ]
    except MarkedYAMLError as err:
        return None, [syntax_problem(err, file, line_offset)]
    except ReaderError as err:
        line = text[: err.position].count("\n") + 1 + line_offset
        return None, [
            Problem(
                file,
                "",
                f"the text holds a control character (U+{err.character:04X}) that YAML does "
                "not allow",
                "delete it; it is usually invisible, pasted in from a PDF or a word processor",
                line,
            )
        ]
    except YAMLError as err:  # any other refusal, still reported as the author's problem
        return None, [
            Problem(file, "", f"the YAML does not parse: {err}", "check this file's YAML")
        ]
    except (ValueError, OverflowError) as err:
        # ruamel reads '2020-13-45' as a date and '0x_' as a number, then fails with no mark
        return None, [
            Problem(
                file,
                "",
                f"a value looks like a date or a number but is not one ({err})",
                "correct it, or put it in quotes if it is text; dates are YYYY-MM-DD",
                line_of_bad_value(text, line_offset),
            )
        ]
    return YamlDocument(_plain(data), text, line_offset), []


def parse_around_errors(
    text: str, file: str, line_offset: int = 0
) -> tuple[YamlDocument | None, list[Problem]]:
    """Parse YAML text; past a syntax error, parse the rest without the top-level entry that
    holds it, so one run reports every syntax error and the other entries still get checked.

    The top-level entries are a mapping's keys or a list's ``- `` items, each with the
    indented lines under it. An entry whose line a syntax error names is blanked (the lines
    stay, so every other line keeps its number) and the text parsed again, up to one time
    per entry. Returns the rest's document, its ``dropped`` naming each blanked entry by its
    first line, beside the syntax errors; or None when no part of the text parses.
    """
    doc, problems = parse_yaml(text, file, line_offset)
    if doc is not None or not problems:
        return doc, problems
    lines = text.split("\n")
    starts = [
        n for n, line in enumerate(lines) if line[:1] not in ("", " ", "\t", "#") or line == "-"
    ]
    dropped: list[str] = []
    while (line := problems[-1].line) is not None and len(dropped) < len(starts):
        index = line - 1 - line_offset
        first = max((n for n in starts if n <= index), default=None)
        if first is None or not lines[first]:
            break
        end = min((n for n in starts if n > first), default=len(lines))
        if not problems[-1].field:  # named by its entry: the field, or the entry's id
            problems[-1] = replace(problems[-1], field=_entry_name(lines[first]))
        dropped.append(lines[first])
        lines[first:end] = [""] * (end - first)
        doc, found = parse_yaml("\n".join(lines), file, line_offset)
        if doc is not None:
            doc.dropped = tuple(dropped)
            return doc, problems
        new = [p for p in found if p not in problems]
        if not new:
            break
        problems += new
    return None, problems


ENTRY_ID = re.compile(r"""^-\s+id:\s*["']?([^"'\s#]+)""")


def _entry_name(line: str) -> str:
    """A top-level entry's name: a mapping's key, or a list item's id ("" if it has none)."""
    if line.startswith("-"):
        found = ENTRY_ID.match(line)
        return found[1] if found else ""
    return line.split(":", 1)[0].strip().strip("\"'") if ":" in line else ""


def read_yaml_file(
    path: Path, file: str, around_errors: bool = False
) -> tuple[YamlDocument | None, list[Problem]]:
    """Read and parse a whole YAML file (past syntax errors: see ``parse_around_errors``)."""
    text, problems = read_text(path, file)
    if text is None:
        return None, problems
    return (parse_around_errors if around_errors else parse_yaml)(text, file)


@dataclass
class FrontMatterFile:
    """A Markdown file split into its YAML front matter and its body."""

    meta: YamlDocument
    body: str
    body_line: int  # 1-based line on which the body starts


def read_front_matter(
    path: Path, file: str, around_errors: bool = False
) -> tuple[FrontMatterFile | None, list[Problem]]:
    """Split ``path`` into front matter and body, parsing the front matter as YAML.

    A missing closing fence is reported, and the front matter is still read up to the first
    Markdown heading, so one run lists that file's other problems too; so are its fields
    past a syntax error with ``around_errors`` (the file comes back with its problems).
    """
    text, problems = read_text(path, file)
    if text is None:
        return None, problems
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].strip() != FENCE:
        return None, [
            Problem(
                file,
                "",
                "the file does not start with YAML front matter",
                "put a line '---' first, the YAML fields, then a closing '---' line, "
                "then the Markdown sections (see casestudies/_template.md)",
                1,
            )
        ]
    fence: list[Problem] = []
    for index in range(1, len(lines)):
        if lines[index].strip() == FENCE:
            break
    else:
        # read on as if the fence stood before the first heading, to report the rest too
        index = next((i for i in range(1, len(lines)) if lines[i].startswith("#")), len(lines))
        fence = [
            Problem(
                file,
                "",
                "the front matter has no closing '---' line",
                f"add a line '---' after the last YAML field (before line {index + 1})"
                if index < len(lines)
                else "add a line '---' after the last YAML field",
                index + 1 if index < len(lines) else 1,
            )
        ]
    yaml_text = "".join(lines[1:index])
    parse = parse_around_errors if around_errors else parse_yaml
    doc, problems = parse(yaml_text, file, line_offset=1)
    if doc is None:
        return None, fence + problems
    if not isinstance(doc.data, dict):
        not_fields = "the front matter is not a set of 'field: value' lines"
        one_per_line = "write the front matter as YAML fields, one per line"
        return None, [*problems, Problem(file, "", not_fields, one_per_line, 2)]
    body_from = index + 1 if not fence else index
    return FrontMatterFile(doc, "".join(lines[body_from:]), body_from + 1), fence + problems
