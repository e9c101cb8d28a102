"""The shared files of a case folder: the bibliography and the evidence base.

``sources.yml``, ``perspectives.yml``, ``quotes.yml`` and ``claims.yml`` are each a YAML list
of entries. :func:`load_shared` validates every entry against its model and records every
declared id, valid or not, so that one broken entry is reported once rather than again by
everything that points at it. Each case is then checked against the result
(:attr:`Shared.context`).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from pydantic import ValidationError

from casebook import paths
from casebook.content.evidence import Claim, Coder, CodingSet, Perspective, Quote, Source
from casebook.content.taxonomy import Taxonomy
from casebook.content.validation import problems_from
from casebook.content.yamlfile import ENTRY_ID, YamlDocument, read_yaml_file
from casebook.errors import ContentError, Problem, display_path

# Sources the taxonomy rests on; the data package cites them from its lookup tables.
TAXONOMY_SOURCES = {
    "leverage_points": "meadows-1999",
    "characteristics": "abson-2017",
    "world_regions": "world-bank-country-groups",
}


@dataclass
class _Entries:
    """The valid entries of a YAML list file, where each came from, and every declared id."""

    items: list = field(default_factory=list)
    indices: list[int] = field(default_factory=list)
    declared: set[str] = field(default_factory=set)
    doc: YamlDocument | None = None
    unread: bool = False  # the file could not be read as a list: every reference to it fails

    def line(self, n: int, *loc) -> int | None:
        return self.doc.line_of((self.indices[n], *loc)) if self.doc else None


def _load_list(path, model, context, problems, required=True, key="id") -> _Entries:
    """Load a YAML list of ``model`` entries, each named by its ``key`` field, adding any
    problems to ``problems``."""
    file = display_path(path)
    entries = _Entries()
    if not path.exists():
        if required:
            problems.append(
                Problem(
                    file,
                    "",
                    "the file is missing",
                    f"create {path.name} (see casestudies/README.md)",
                )
            )
        return entries
    doc, found = read_yaml_file(path, file, around_errors=True)
    problems += found
    if doc is None:
        entries.unread = bool(found)
        return entries
    if not isinstance(doc.data, list):
        problems.append(
            Problem(file, "", "expected a list of entries", "start each entry with '- '", 1)
        )
        entries.unread = True
        return entries
    entries.doc = doc
    # an entry left out past a YAML error still declares its id: its error is reported once
    entries.declared |= {m[1] for line in doc.dropped if (m := ENTRY_ID.match(line))}
    for index, raw in enumerate(doc.data):
        if isinstance(raw, dict) and isinstance(raw.get(key), str):
            # Declared even if invalid, so references to it do not cascade into more errors.
            entries.declared.add(raw[key])
        try:
            entries.items.append(model.model_validate(raw, context=context))
            entries.indices.append(index)
        except ValidationError as err:
            label = raw.get(key, index) if isinstance(raw, dict) else index
            problems += problems_from(
                err, file, doc, model, prefix=(index,), label=label, context=context
            )
    for item_id, n in Counter(item.id for item in entries.items).items():
        if n > 1:
            problems.append(
                Problem(
                    file,
                    key,
                    f"the {key} '{item_id}' is used {n} times",
                    f"give each entry its own {key}",
                )
            )
    return entries


@dataclass(frozen=True)
class Records:
    """The valid entries of the shared files, as the tables and the views use them. A
    :class:`~casebook.content.corpus.Corpus` is these plus the cases; the build writes the
    shared tables from these alone, without holding every case."""

    sources: dict[str, Source]
    perspectives: tuple[Perspective, ...]
    quotes: tuple[Quote, ...]
    claims: tuple[Claim, ...]
    taxonomy: Taxonomy
    codings: tuple[CodingSet, ...] = ()  # further coders' codings (casestudies/codings/)
    coders: tuple[Coder, ...] = ()  # every described coder (coders.yml, then codings/)


@dataclass
class Shared:
    """The shared files of a case folder, loaded and checked, and what each case is checked
    against: the taxonomy and the declared source ids (and titles, for "did you mean")."""

    source: Path
    taxonomy: Taxonomy
    sources: _Entries
    perspectives: _Entries
    quotes: _Entries
    claims: _Entries
    problems: list[Problem]
    # further coders' codings, with their file's parsed YAML for the lines of problems
    codings: list[tuple[CodingSet, YamlDocument, str]] = field(default_factory=list)
    # the coders whose judgements are in the case files (coders.yml)
    coders: _Entries = field(default_factory=_Entries)

    @property
    def all_coders(self) -> list[Coder]:
        """Every described coder: those of coders.yml, then each coding file's."""
        return [*self.coders.items, *(codings for codings, _, _ in self.codings)]

    @property
    def unread(self) -> list[str]:
        """The names of the shared files that could not be read (problems follow from them)."""
        lists = zip(
            (self.sources, self.perspectives, self.quotes, self.claims),
            (paths.SOURCES_FILE, paths.PERSPECTIVES_FILE, paths.QUOTES_FILE, paths.CLAIMS_FILE),
            strict=True,
        )
        return [name for entries, name in lists if entries.unread]

    @cached_property
    def context(self) -> dict:
        """The validation context every case is checked in (made once: it indexes every
        source's title)."""
        return {
            "taxonomy": self.taxonomy,
            "source_titles": {s.id: s.title for s in self.sources.items},
        }

    @cached_property
    def records(self) -> Records:
        return Records(
            sources={s.id: s for s in self.sources.items},
            perspectives=tuple(self.perspectives.items),
            quotes=tuple(self.quotes.items),
            claims=tuple(self.claims.items),
            taxonomy=self.taxonomy,
            codings=tuple(codings for codings, _, _ in self.codings),
            coders=tuple(self.all_coders),
        )


def _missing_folder(source: Path) -> ContentError:
    return ContentError(
        [
            Problem(
                display_path(source),
                "",
                "the case folder does not exist",
                "pass an existing folder with --source",
            )
        ]
    )


def load_shared(source: Path, taxonomy: Taxonomy) -> Shared:
    """Load and validate the shared files of ``source``, collecting their problems."""
    if not source.is_dir():
        raise _missing_folder(source)
    problems: list[Problem] = []
    context = {"taxonomy": taxonomy}
    sources, perspectives, quotes, claims = [
        _load_list(source / name, model, context, problems, required=required)
        for name, model, required in (
            (paths.SOURCES_FILE, Source, True),
            (paths.PERSPECTIVES_FILE, Perspective, False),
            (paths.QUOTES_FILE, Quote, False),
            (paths.CLAIMS_FILE, Claim, False),
        )
    ]
    shared = Shared(source, taxonomy, sources, perspectives, quotes, claims, problems)
    shared.codings = _load_codings(source / paths.CODINGS_FOLDER, context, problems)
    shared.coders = _load_list(
        source / paths.CODERS_FILE, Coder, context, problems, required=False, key="coder"
    )
    for coder in {c.coder for c in shared.coders.items} & {c.coder for c, _, _ in shared.codings}:
        problems.append(
            Problem(
                display_path(source / paths.CODERS_FILE),
                "coder",
                f"'{coder}' is described here and in {paths.CODINGS_FOLDER}/{coder}.yml",
                "describe a coder once: in its coding file if it has one",
            )
        )
    return shared


def _load_codings(folder: Path, context: dict, problems: list[Problem]) -> list:
    """Every coder's file in ``folder`` (``<coder>.yml``), validated."""
    found = []
    for path in sorted(folder.glob("*.yml")) if folder.is_dir() else []:
        file = display_path(path)
        doc, read = read_yaml_file(path, file)
        problems += read
        if doc is None:
            continue
        try:
            codings = CodingSet.model_validate(doc.data, context=context)
        except ValidationError as err:
            problems += problems_from(err, file, doc, CodingSet, context=context)
            continue
        if codings.coder != path.stem:
            problems.append(
                Problem(
                    file,
                    "coder",
                    f"the coder '{codings.coder}' differs from the file name '{path.stem}'",
                    f"rename the file to {codings.coder}.yml or set coder: {path.stem}",
                    doc.line_of(("coder",)),
                )
            )
            continue
        found.append((codings, doc, file))
    return found
