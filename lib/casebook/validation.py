"""Turning pydantic's validation errors into problems an author can act on.

pydantic says what failed (``extra_forbidden`` at ``('interventions', 2, 'leverage_piont')``);
an author needs the file, the line, the field in their own terms and a fix. This module
adds the line (from the YAML document), a hint per error type, and for an unknown field the
fields allowed at that place.
"""

from __future__ import annotations

import types
import typing

from pydantic import BaseModel, ValidationError

from .errors import Problem, field_path
from .yamlfile import YamlDocument

_FIXES = {
    "missing": "add the field '{name}'",
    "string_pattern_mismatch": "use lowercase letters, digits and single hyphens (a slug), e.g. 'sierra-leone'",
    "int_parsing": "write a whole number",
    "int_type": "write a whole number",
    "float_parsing": "write a number",
    "list_type": "write a list, e.g. [a, b] or one '- item' per line",
    "too_short": "add at least the required number of entries",
    "greater_than_equal": "use a value in the allowed range",
    "less_than_equal": "use a value in the allowed range",
    "literal_error": "use one of the values listed",
    "not_in_taxonomy": "use one of the allowed values, or add the term to data/taxonomy/",
    "date_format": 'quote it and write YYYY, YYYY-MM or YYYY-MM-DD, e.g. date: "2013-02"',
    "timestamp_format": "write MM:SS or HH:MM:SS",
    "url_format": "give the full address starting with https://",
    "string_too_short": "write some text, or remove the field if it is optional",
    "model_type": "write this as a block of 'field: value' lines",
    "dict_type": "write this as a block of 'field: value' lines",
}


def problems_from(
    err: ValidationError,
    file: str,
    doc: YamlDocument,
    model: type[BaseModel],
    prefix: tuple = (),
    label=None,
) -> list[Problem]:
    problems = []
    for e in err.errors():
        loc = tuple(e["loc"])
        full = (*prefix, *loc)
        shown = (
            field_path(((label,) if label is not None else ()) + loc) if prefix else field_path(loc)
        )
        name = str(loc[-1]) if loc else ""
        kind = e["type"]
        if kind == "extra_forbidden":
            allowed = _fields_at(model, loc[:-1])
            message = f"unknown field '{name}'"
            fix = "remove it or correct its spelling" + (
                f"; fields allowed here: {', '.join(allowed)}" if allowed else ""
            )
        else:
            message = e["msg"].removeprefix("Value error, ")
            fix = _FIXES.get(kind, "").format(name=name)
        problems.append(Problem(file, shown, message, fix, doc.line_of(full)))
    return problems


def _fields_at(model: type[BaseModel], loc: tuple) -> list[str]:
    """The field names allowed at ``loc`` inside ``model`` (for 'did you mean' hints)."""
    current: object = model
    for part in loc:
        if isinstance(part, int):
            continue
        if (
            not (isinstance(current, type) and issubclass(current, BaseModel))
            or part not in current.model_fields
        ):
            return []
        current = _model_in(current.model_fields[part].annotation)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return list(current.model_fields)
    return []


def _model_in(annotation):
    """Find the pydantic model inside ``list[X]``, ``X | None`` and the like."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    origin = typing.get_origin(annotation)
    if origin in (list, typing.Union, types.UnionType) or origin is not None:
        for arg in typing.get_args(annotation):
            found = _model_in(arg)
            if found is not None:
                return found
    return None
