"""Turning pydantic's validation errors into problems an author can act on.

pydantic says what failed (``extra_forbidden`` at ``('interventions', 2, 'leverage_piont')``);
an author needs the file, the line, the field in their own terms and a fix. This module
adds the line (from the YAML document), a hint per error type, and a proposal where the
mistake shows what was meant (:mod:`casebook.content.proposals`): for an unknown field the
closest fields and those allowed at that place, for a value outside its vocabulary the
closest value, for authors written as text the structured form. It keeps to one problem per
mistake: a misspelt required field is not also reported missing, a list of authors written
as text is one problem however many items YAML made of it, and a source's address is
checked even when its other fields fail, which pydantic would leave for the next run.
"""

from __future__ import annotations

import difflib
import re
import types
import typing
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import PydanticCustomError

from casebook.content.proposals import closest, did_you_mean, flow, split_authors
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
    """Problems for every error of ``err``, one per mistake. With the validation
    ``context`` (its ``taxonomy``, and ``source_titles``: id -> title), a first-timer's
    mistakes get a message that says what is accepted: a leverage point named instead of
    numbered, a year in words, a source cited by its title, a misspelt key (with the closest
    keys, and without a second problem for the required key it misspells), authors written
    as text (with the structured form proposed)."""
    context = context or {}
    errors = typing.cast(list[dict], err.errors())  # ErrorDetails: dicts, added to below
    if not any(e["loc"] == () for e in errors):
        errors += _skipped_checks(model, _value_at(doc.data, prefix))
    renamed = _renamed(errors, model)
    authors: dict[tuple, None] = {}  # each authors list written as text, in order
    problems = []
    for e in errors:
        loc = tuple(e["loc"])
        if e["type"] == "missing" and loc in renamed.values():
            continue  # reported as the misspelt key that should be it
        if (at := _authors_at(e, loc)) is not None:
            authors[at] = None  # one problem for the list, however many items failed
            continue
        shown = _shown(loc, prefix, label)
        name = str(loc[-1]) if loc else ""
        kind = e["type"]
        if kind == "extra_forbidden":
            message, fix = _unknown_key(name, loc, model, renamed)
        else:
            message = e["msg"].removeprefix("Value error, ")
            fix = _FIXES.get(kind, "").format(name=name)
            taught = _teach(e, loc, context.get("taxonomy"), context.get("source_titles"))
            if taught:
                message, fix = taught
            if kind == "source_incomplete":
                missing = (e.get("ctx") or {}).get("missing", "")
                shown = _shown(("url" if "url" in missing else "year",), prefix, label)
        problems.append(Problem(file, shown, message, fix, doc.line_of((*prefix, *loc))))
    for at in authors:
        raw = _value_at(doc.data, (*prefix, *at))
        message, fix = _authors_as_text(raw)
        problems.append(
            Problem(file, _shown(at, prefix, label), message, fix, doc.line_of((*prefix, *at)))
        )
    return problems


def _shown(loc: tuple, prefix: tuple, label) -> str:
    """The field as the author names it: an entry of a shared file by its id."""
    if prefix:
        return field_path(((label,) if label is not None else ()) + loc)
    return field_path(loc)


def _value_at(data: Any, loc: tuple) -> Any:
    for part in loc:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def _renamed(errors: list, model: type[BaseModel]) -> dict[tuple, tuple]:
    """Unknown keys that misspell a required key reported missing at the same place:
    {the unknown key's location: the missing key's location}."""
    missing = {tuple(e["loc"]) for e in errors if e["type"] == "missing"}
    renamed: dict[tuple, tuple] = {}
    for e in errors:
        loc = tuple(e["loc"])
        if e["type"] != "extra_forbidden" or not loc:
            continue
        for guess in closest(str(loc[-1]), _fields_at(model, loc[:-1]), n=1):
            if (*loc[:-1], guess) in missing and (*loc[:-1], guess) not in renamed.values():
                renamed[loc] = (*loc[:-1], guess)
    return renamed


def _unknown_key(name: str, loc: tuple, model, renamed: dict) -> tuple[str, str]:
    allowed = _fields_at(model, loc[:-1])
    if loc in renamed:
        meant = renamed[loc][-1]
        return (
            f"unknown field '{name}'{did_you_mean([meant])}",
            f"rename it to '{meant}', a field this place needs",
        )
    return (
        f"unknown field '{name}'{did_you_mean(closest(name, allowed))}",
        "correct its spelling or remove it"
        + (f"; fields allowed here: {', '.join(allowed)}" if allowed else ""),
    )


def _authors_at(error: dict, loc: tuple) -> tuple | None:
    """The location of an ``authors`` list when ``error`` is text written where the list or
    one of its authors goes, else None."""
    if not isinstance(error.get("input"), str) or "authors" not in loc:
        return None
    at = loc[: len(loc) - loc[::-1].index("authors")]
    rest = loc[len(at) :]
    if rest == () and error["type"] == "list_type":
        return at
    if len(rest) == 1 and isinstance(rest[0], int) and error["type"] in ("model_type", "dict_type"):
        return at
    return None


def _authors_as_text(raw: Any) -> tuple[str, str]:
    written = (
        raw if isinstance(raw, str) else ", ".join(str(v) for v in raw or [] if isinstance(v, str))
    )
    proposal = split_authors(raw)
    lines = "".join(f"\n  - {flow(author)}" for author in proposal)
    return (
        f"authors written as text ('{written}'): each author is a person, "
        "{family: ..., given: ...}, or an organisation, {name: ...}",
        "write one author per line, in the publication's order; this is the text split as "
        f"a proposal, to check against the publication:\nauthors:{lines}",
    )


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
    if kind == "source_incomplete":
        return error["msg"], _complete_source((error.get("ctx") or {}).get("missing", ""))
    # a list checked as a whole (actors) names the value it refused in the context
    value = (error.get("ctx") or {}).get("value", value)
    if kind in ("not_in_taxonomy", "literal_error") and isinstance(value, str):
        message, guess = error["msg"], did_you_mean(closest(value, _allowed(error)))
        if guess and "; allowed:" in message:
            message = message.replace("; allowed:", f"{guess} allowed:", 1)
        else:
            message += guess
        fix = _FIXES.get(kind, "")
        if kind == "not_in_taxonomy" and vocabulary in EXTENSIBLE:
            fix = (
                f"use one of the allowed values, or, if it is new, add it to "
                f"data/taxonomy/{EXTENSIBLE[vocabulary]}"
            )
        return message, fix
    return None


def _allowed(error: dict) -> list[str]:
    """The values a vocabulary or a Literal allows, from the error's context."""
    ctx = error.get("ctx") or {}
    if "allowed" in ctx:
        return str(ctx["allowed"]).split(", ")
    return re.findall(r"'([^']*)'", str(ctx.get("expected", "")))


def _complete_source(missing: str) -> str:
    """What to write when a public source lacks its year or its address."""
    fixes = []
    if "url" in missing:
        fixes.append(
            "give the publisher's page for it as url (for a printed book, its page at the "
            "publisher or in a library catalogue such as worldcat.org); when the publisher's "
            "page is gone or was never found, give the copy you read (an archive, a "
            "repository, a mirror) as archive_url and say in note that the publisher's page "
            "was not found"
        )
    if "year" in missing:
        fixes.append(
            "give the year it was published as year, or write 'undated: true' when the "
            "publication shows no date"
        )
    return "; ".join(fixes)


# The checks of a whole entry that do not depend on the fields that failed, by model:
# pydantic skips a model's own checks when any field fails, and a source with an author
# written as text and no address would otherwise need a second run to hear of the address.
WHOLE_CHECKS = {"Source": "_complete"}


def _skipped_checks(model: type[BaseModel], raw: Any) -> list[dict]:
    """The errors ``model``'s whole-entry check gives on the raw entry ``raw``, as pydantic
    would report them had it run the check."""
    validator = model.__pydantic_decorators__.model_validators.get(
        WHOLE_CHECKS.get(model.__name__, "")
    )
    if validator is None or not isinstance(raw, dict):
        return []
    check = validator.func
    known = {key: value for key, value in raw.items() if key in model.model_fields}
    try:
        check(model.model_construct(**known))
    except PydanticCustomError as err:
        return [
            {"type": err.type, "loc": (), "msg": err.message(), "ctx": err.context, "input": raw}
        ]
    except ValueError as err:
        return [{"type": "value_error", "loc": (), "msg": str(err), "input": raw}]
    except (TypeError, AttributeError):
        return []  # a field too broken for the check: its own problem says so
    return []


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
