"""Reading YAML and front matter while remembering line numbers.

ruamel.yaml's round-trip loader keeps the line of every key and list item, which lets a
validation error point at ``casestudies/sobral.md:42`` instead of leaving the author to hunt.
The parsed tree is converted to plain Python for validation, and the original tree is kept
beside it to answer "which line is this field on?".
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import Problem

FENCE = "---"


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

    @property
    def tree(self) -> Any:
        if self._tree is None:
            from ruamel.yaml import YAML

            self._tree = YAML(typ="rt").load(self.text)
        return self._tree

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
    """Parse YAML text; on a syntax error return a Problem naming the line."""
    from ruamel.yaml import YAML
    from ruamel.yaml.constructor import DuplicateKeyError
    from ruamel.yaml.error import MarkedYAMLError

    try:
        data = YAML(typ="safe").load(text)
    except DuplicateKeyError as err:
        mark = err.problem_mark
        line = mark.line + 1 + line_offset if mark else None
        return None, [
            Problem(file, "", f"a key appears twice: {err.problem}", "keep one of them", line)
        ]
    except MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line = mark.line + 1 + line_offset if mark else None
        context = err.context or ""
        if err.context_mark and err.problem_mark and err.context_mark.line != err.problem_mark.line:
            context += f" (begun on line {err.context_mark.line + 1 + line_offset})"
        what = " ".join(x for x in (context, err.problem) if x)
        return None, [
            Problem(
                file,
                "",
                f"the YAML does not parse: {what}",
                "check indentation, colons and quotes on this line; quote text that "
                "contains ': ' or starts with a special character",
                line,
            )
        ]
    return YamlDocument(_plain(data), text, line_offset), []


def read_yaml_file(path: Path, file: str) -> tuple[YamlDocument | None, list[Problem]]:
    """Read and parse a whole YAML file."""
    return parse_yaml(path.read_text(encoding="utf-8"), file)


@dataclass
class FrontMatterFile:
    """A Markdown file split into its YAML front matter and its body."""

    meta: YamlDocument
    body: str
    body_line: int  # 1-based line on which the body starts


def read_front_matter(path: Path, file: str) -> tuple[FrontMatterFile | None, list[Problem]]:
    """Split ``path`` into front matter and body, parsing the front matter as YAML."""
    text = path.read_text(encoding="utf-8")
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
    for index in range(1, len(lines)):
        if lines[index].strip() == FENCE:
            break
    else:
        return None, [
            Problem(
                file,
                "",
                "the front matter has no closing '---' line",
                "add a line '---' after the last YAML field",
                1,
            )
        ]
    yaml_text = "".join(lines[1:index])
    doc, problems = parse_yaml(yaml_text, file, line_offset=1)
    if doc is None:
        return None, problems
    if not isinstance(doc.data, dict):
        return None, [
            Problem(
                file,
                "",
                "the front matter is not a set of 'field: value' lines",
                "write the front matter as YAML fields, one per line",
                2,
            )
        ]
    return FrontMatterFile(doc, "".join(lines[index + 1 :]), index + 2), []
