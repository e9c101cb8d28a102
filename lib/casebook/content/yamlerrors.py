"""The author's YAML mistakes in their terms, each on the line that holds it.

ruamel's own errors speak of scanners and tokens and point where parsing stopped, which is
not always where the mistake is; and it expands aliases, which a hostile file nests until
every reader hangs. This module words the syntax errors, finds the line of a value that
looks like a date or a number and is not one, and refuses aliases and merge keys before any
value is built.
"""

from __future__ import annotations

from typing import Any

from casebook.errors import Problem


def syntax_problem(err: Any, file: str, line_offset: int) -> Problem:
    """ruamel's syntax error in the author's terms, on the line that holds the mistake: a
    quotation mark never closed is reported where it opens, not where the text ends."""
    mark = err.problem_mark or err.context_mark
    line = mark.line + 1 + line_offset if mark else None
    context = err.context or ""
    if context.startswith("while scanning a quoted scalar") and err.context_mark:
        quote = err.context_mark.line + 1 + line_offset
        return Problem(
            file,
            "",
            "a quotation mark opened on this line is not closed",
            "close the quotation with the same mark (' or \"), or remove it",
            quote,
        )
    if err.context_mark and err.problem_mark and err.context_mark.line != err.problem_mark.line:
        context += f" (begun on line {err.context_mark.line + 1 + line_offset})"
    what = " ".join(x for x in (context, err.problem) if x)
    if "tab character" in what:
        fix = "replace the tab with spaces: YAML indents with spaces only"
    else:
        fix = (
            "check indentation, colons and quotes on this line; quote text that contains "
            "': ' or starts with a special character"
        )
    return Problem(file, "", f"the YAML does not parse: {what}", fix, line)


REPEATS_FIX = (
    "write the value out in full where it is needed; casebook files take no anchors "
    "('&name'), aliases ('*name') or merge keys ('<<')"
)


def refuse_repeats(text: str, file: str, line_offset: int = 0) -> Problem | None:
    """The first alias or merge key in ``text``, as a problem, or None.

    An alias repeats a value anchored elsewhere, and nested aliases grow exponentially
    ("billion laughs": nine lines become a billion strings), so every reader would hang and
    fill memory expanding them. No content file needs one, so they are refused before any
    value is built: this reads parser events only, in time linear in the text. Text the
    parser rejects is left to the loader, which words the syntax error.
    """
    from ruamel.yaml import YAML
    from ruamel.yaml.error import YAMLError
    from ruamel.yaml.events import (
        AliasEvent,
        CollectionEndEvent,
        CollectionStartEvent,
        MappingStartEvent,
        NodeEvent,
        ScalarEvent,
    )

    anchors: dict[str, int] = {}
    keys: list[bool | None] = []  # per open collection: True if the next node is a key
    try:
        for event in YAML(typ="safe").parse(text):
            if not isinstance(event, NodeEvent | CollectionEndEvent):
                continue
            if isinstance(event, CollectionEndEvent):
                keys.pop()
                continue
            line = event.start_mark.line + 1 + line_offset
            is_key = bool(keys) and keys[-1] is True
            if keys and keys[-1] is not None:
                keys[-1] = not keys[-1]
            if isinstance(event, AliasEvent):
                where = anchors.get(event.anchor)
                anchored = f", anchored on line {where}" if where else ""
                return Problem(
                    file,
                    "",
                    f"an alias '*{event.anchor}' repeats a value written elsewhere{anchored}",
                    REPEATS_FIX,
                    line,
                )
            if event.anchor is not None:
                anchors.setdefault(event.anchor, line)
            if (
                is_key
                and isinstance(event, ScalarEvent)
                and event.value == "<<"
                and not event.style
            ):
                message = "a merge key '<<' copies a mapping into this one"
                return Problem(file, "", message, REPEATS_FIX, line)
            if isinstance(event, CollectionStartEvent):
                keys.append(True if isinstance(event, MappingStartEvent) else None)
    except YAMLError:
        return None
    return None


def line_of_bad_value(text: str, line_offset: int) -> int | None:
    """The first line whose value ruamel would take for a date or number it cannot read."""
    import re

    from ruamel.yaml import YAML

    for n, line in enumerate(text.splitlines(), start=1):
        value = re.sub(r"^\s*(?:-\s+)*(?:[^:#]+:\s+)?", "", line).strip()
        if value and re.match(r"^[-+.0-9]", value):
            try:
                YAML(typ="safe").load(value)
            except (ValueError, OverflowError):
                return n + line_offset
            except Exception:
                continue
    return None
