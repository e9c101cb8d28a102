"""Turning pydantic's validation errors into problems an author can act on.

pydantic says what failed (``extra_forbidden`` at ``('interventions', 2, 'leverage_piont')``);
an author needs the file, the line, the field in their own terms and a fix. This module
adds the line (from the YAML document), a hint per error type, and for an unknown field the
fields allowed at that place.
"""

from __future__ import annotations

import difflib
import types
import typing
from typing import Any

from pydantic import BaseModel, ValidationError

from casebook.content.publication import FIXES as PUBLICATION_FIXES
from casebook.content.yamlfile import YamlDocument, read_yaml_file
from casebook.errors import ContentError, Problem, display_path, field_path

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
    "not_in_taxonomy": "use one of the allowed values",
    "date_format": 'quote it and write YYYY, YYYY-MM or YYYY-MM-DD, e.g. date: "2013-02"',
    "timestamp_format": "write MM:SS or HH:MM:SS",
    "url_format": "give the full address starting with https://",
    "string_too_short": "write some text, or remove the field if it is optional",
    "model_type": "write this as a block of 'field: value' lines",
    "dict_type": "write this as a block of 'field: value' lines",
    **PUBLICATION_FIXES,
}

# Vocabularies a case may extend, and the file to extend; the others (the twelve points, the
# approaches, the grades, the characteristics) belong to the framework and are not added to.
EXTENSIBLE = {
    "levels": "levels.yml",
    "actors": "actors.yml",
    "outcome domains": "outcome_domains.yml",
    "countries": "countries.yml",
}
YEAR_FIELDS = {"start", "end", "year"}
SOURCE_FIELDS = {"source", "sources", "original_source"}


def problems_from(
    err: ValidationError,
    file: str,
    doc: YamlDocument,
    model: type[BaseModel],
    prefix: tuple = (),
    label=None,
    context: dict | None = None,
) -> list[Problem]:
    """Problems for every error of ``err``. With the validation ``context`` (its
    ``taxonomy``, and ``source_titles``: id -> title), a first-timer's mistakes get a message
    that says what is accepted: a leverage point named instead of numbered, a year in words,
    a source cited by its title."""
    context = context or {}
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
            taught = _teach(e, loc, context.get("taxonomy"), context.get("source_titles"))
            if taught:
                message, fix = taught
        problems.append(Problem(file, shown, message, fix, doc.line_of(full)))
    return problems


def _teach(error: dict, loc: tuple, taxonomy, sources) -> tuple[str, str] | None:
    """A message and fix in the author's terms for the mistakes first-timers make, or None."""
    kind, value = error["type"], error.get("input")
    # the field's own name; an item of a list (alternatives[0], sources[1]) by its list's
    fields = [part for part in loc if isinstance(part, str)]
    name = fields[-1] if fields else ""
    vocabulary = (error.get("ctx") or {}).get("vocabulary")
    point = name in ("leverage_point", "alternatives") or vocabulary == "leverage points"
    if point and kind in ("int_parsing", "int_type", "not_in_taxonomy", "int_from_float"):
        return _leverage_point(value, taxonomy)
    if name in YEAR_FIELDS and kind in ("int_parsing", "int_type", "int_from_float"):
        return (
            f"'{value}' is not a year",
            "write the year as a whole number, e.g. 1997; for an approximate date write the "
            "year your source supports best and say how approximate it is (see 'Approximate "
            "dates' in casestudies/README.md)",
        )
    if name in SOURCE_FIELDS and kind == "string_pattern_mismatch":
        return _source_by_title(str(value), sources)
    if kind == "not_in_taxonomy" and vocabulary in EXTENSIBLE:
        return (
            error["msg"],
            f"use one of the allowed values, or, if it is new, add it to "
            f"data/taxonomy/{EXTENSIBLE[vocabulary]}",
        )
    return None


def _leverage_point(value: Any, taxonomy) -> tuple[str, str]:
    points = taxonomy.leverage_points if taxonomy is not None else {}
    message = f"'{value}' is not a number from 1 to 12"
    guess = _closest_point(str(value), points) if isinstance(value, str) else None
    if guess is not None:
        message += f"; did you mean {guess} ({points[guess].name})?"
    return (
        message,
        "write the point's number, from 12 (constants, parameters, numbers: the shallowest) "
        "to 1 (the power to transcend paradigms: the deepest); the twelve are in "
        "data/taxonomy/leverage_points.yml",
    )


def _closest_point(text: str, points: dict) -> int | None:
    """The point whose name holds the words written, or whose name is closest."""
    words = [w for w in text.lower().replace("-", " ").split() if len(w) > 2]
    if not words:
        return None
    holding = [n for n, p in points.items() if all(w in p.name.lower() for w in words)]
    if holding:
        return min(holding, key=lambda n: len(points[n].name))
    names = {p.name.lower(): n for n, p in points.items()}
    close = difflib.get_close_matches(text.lower(), list(names), n=1, cutoff=0.4)
    return names[close[0]] if close else None


def _source_by_title(value: str, sources: dict[str, str] | None) -> tuple[str, str]:
    fix = "cite a source by its id in sources.yml (the 'id' of its entry), not its title"
    if sources:
        titles = {title.lower(): (source, title) for source, title in sources.items()}
        close = difflib.get_close_matches(value.lower(), list(titles), n=3, cutoff=0.3)
        if close:
            fix += "; closest: " + "; ".join(f"'{titles[c][0]}' ({titles[c][1]})" for c in close)
    return f"'{value}' is not a source id", fix


def _fields_at(model: type[BaseModel], loc: tuple) -> list[str]:
    """The field names allowed at ``loc`` inside ``model`` (for 'did you mean' hints)."""
    current: object = model
    for part in loc:
        if isinstance(part, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return []
        # the file's names: a field's alias where it has one ("date-released")
        by_name = {f.alias or name: f for name, f in current.model_fields.items()}
        if part not in by_name:
            return []
        current = _model_in(by_name[part].annotation)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return [f.alias or name for name, f in current.model_fields.items()]
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


def read_model_file(path, model: type[BaseModel]):
    """One YAML file read as one ``model`` (a calibration, a citation file).

    Raises
    ------
    ContentError
        Every problem, each naming the file, the line and the field.
    """
    file = display_path(path)
    doc, problems = read_yaml_file(path, file)
    if doc is None:
        raise ContentError(problems)
    try:
        return model.model_validate(doc.data)
    except ValidationError as err:
        raise ContentError(problems_from(err, file, doc, model)) from None
