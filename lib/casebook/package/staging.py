"""Write the data package into a folder, case by case, reusing what an earlier build made.

:func:`stage_package` streams: each case file becomes a :class:`~casebook.package.fragments.Fragment`
(from the build cache when its key is known, otherwise made, on every core when there are
many), whose rows go straight to the CSV files; only the keys the checks across files need
stay in memory. So memory stays flat as the corpus grows, and an edit to one case costs
one case's work plus copying the rest.

Rows are written case by case, in the order of the case ids, and within a case in the order
of their ids; the rows of the shared files and the taxonomy follow their ids.
"""

from __future__ import annotations

import csv
import json
import os
import pickle
from array import array
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import cast

from casebook import __version__, paths
from casebook.content.corpus import CorpusPass, related_both_ways
from casebook.content.crossrefs import CaseKeys
from casebook.content.yamlfile import read_front_matter
from casebook.errors import CasebookError, ContentError, display_path
from casebook.package.cache import BuildCache, entry_key, fingerprint
from casebook.package.dataset import Citation, dataset_jsonld, load_citation, package_metadata
from casebook.package.fragments import Encoder, Fragment, make_fragment, not_an_id
from casebook.package.schema import TABLES, TABLES_BY_NAME
from casebook.package.tables import CASE_TABLES, MIXED_TABLES, agreement_table, shared_rows

# Below this many files to make, a second process costs more than it saves.
PARALLEL_FROM = 200


class PackageInvalid(CasebookError):
    """The package does not meet its own schema (a bug in casebook, not in the content)."""


@dataclass(frozen=True)
class BuildResult:
    """What a build wrote: the package's files and row counts, the corpus's warnings, how
    many case files were read and how many came from the cache, and (once swapped in) where."""

    files: list[str]
    counts: dict[str, int]
    warnings: tuple[str, ...]
    made: int = 0  # case files read and checked by this build
    reused: int = 0  # case files whose rows came from the cache
    out: Path | None = None  # the output folder, once the files are in place


def _fingerprint(source: Path) -> bytes:
    """What every case's result depends on besides the case file itself."""
    code = paths.PACKAGE
    covered = [*code.rglob("*.py"), *paths.TAXONOMY.glob("*"), *paths.THEMES.glob("*")]
    covered += [p for p in source.iterdir() if p.suffix in (".yml", ".yaml")]
    return fingerprint(covered, salt=__version__)


# The build's state, set before a pool forks so that its workers inherit it.
_WORK: tuple | None = None


def _make(path: Path) -> bytes:
    shared, encoder = cast(tuple, _WORK)  # set before the pool forks
    return pickle.dumps(make_fragment(path, shared, encoder), protocol=5)


def _made(misses: list[Path]):
    """The pickled fragments of ``misses``, in order, on every core when it pays."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1
    if len(misses) < PARALLEL_FROM or cores < 2:
        yield from map(_make, misses)
        return
    import multiprocessing

    with multiprocessing.get_context("fork").Pool(cores) as pool:
        yield from pool.imap(_make, misses, chunksize=16)


def stage_package(
    source: Path | None, staging: Path, seeds: Path | None = None, use_cache: bool = True
) -> BuildResult:
    """Check ``source`` and write its package into the empty folder ``staging``.

    Raises
    ------
    ContentError
        Every problem in every file (nothing useful is left in ``staging``).
    PackageInvalid
        When a written cell or key breaks the package's own schema.
    """
    global _WORK
    citation = load_citation()  # a bad CITATION.cff stops the build before any work
    corpus_pass = CorpusPass(source, seeds, None)
    source, shared, files = corpus_pass.source, corpus_pass.shared, corpus_pass.files
    encoder = Encoder({})
    shared_found = Fragment([])
    shared_cells = {
        name: encoder.table(TABLES_BY_NAME[name], rows, shared_found)
        for name, rows in shared_rows(shared.records).items()
    }
    encoder.shared_keys = {
        name: set(keys)
        for name, keys in shared_found.primary_keys.items()
        if name not in MIXED_TABLES
    }

    store = BuildCache(paths.build_cache() if use_cache else None, str(source.resolve()))
    context_key = _fingerprint(source)
    folder = display_path(source)  # resolving each file's path would cost more than reading it
    keys = [entry_key(context_key, f"{folder}/{p.name}", p.read_bytes()) for p in files]
    known = store.known(keys)
    _WORK = (shared, encoder)
    try:
        made = _made([p for p, k in zip(files, keys, strict=True) if k not in known])
        fragments = _Fragments(files, keys, known, made, store)
        result = _write(corpus_pass.cases(fragments), staging, encoder)
        result.made = fragments.made
    finally:
        _WORK = None
    by_path = {}

    def doc_of(case_keys):
        if case_keys.path not in by_path:
            by_path[case_keys.path] = read_front_matter(case_keys.path, "")[0].meta
        return by_path[case_keys.path]

    try:
        warnings = corpus_pass.finish(doc_of)
    except ContentError:
        store.close()
        raise

    errors = shared_found.errors + result.errors
    _finish_cases(staging, result, corpus_pass.keys, encoder)
    counts = dict(result.counts)
    for name, cells in shared_cells.items():
        mode = "a" if name in MIXED_TABLES else "w"
        with open(staging / f"{name}.csv", mode, encoding="utf-8", newline="") as out:
            if mode == "w":
                out.write(encoder.header(TABLES_BY_NAME[name]))
            out.write(encoder.encode(cells))
        counts[name] = counts.get(name, 0) + len(cells)
        if name in MIXED_TABLES:
            result.hashes[name].extend(hash(r[0]) for r in cells)
    counts["agreement"] = _write_agreement(staging, shared.taxonomy, encoder, shared_found)
    # the shared rows were encoded before the shared keys were known: their references are
    # checked with the cases' references, against the shared keys or the written keys
    result.references += shared_found.references
    errors += _key_errors(result, staging, encoder.shared_keys)
    if errors:
        store.close()
        raise PackageInvalid("the built package is not valid:\n  " + "\n  ".join(errors[:20]))
    (staging / DESCRIPTOR).write_text(
        json.dumps(descriptor(citation), indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    names = [f"{t.name}.csv" for t in TABLES] + [DESCRIPTOR]
    (staging / JSONLD).write_text(dataset_jsonld(citation, staging, names), encoding="utf-8")
    names.append(JSONLD)
    store.keep_only(set(keys))
    store.close()
    counts = {t.name: counts.get(t.name, 0) for t in TABLES}
    return BuildResult(names, counts, warnings, result.made, len(files) - result.made)


def _write_agreement(staging: Path, tax, encoder: Encoder, found: Fragment) -> int:
    """Write ``agreement.csv`` from the finished ``codings.csv``; return its row count."""
    with open(staging / "codings.csv", encoding="utf-8", newline="") as codings:
        rows = list(csv.DictReader(codings))
    table = TABLES_BY_NAME["agreement"]
    cells = encoder.table(table, agreement_table(rows, tax), found)
    (staging / "agreement.csv").write_text(
        encoder.header(table) + encoder.encode(cells), encoding="utf-8", newline=""
    )
    return len(cells)


@dataclass
class _Written:
    # the cases' keys (ids, related cases) are kept by the CorpusPass the fragments pass through
    errors: list
    counts: dict
    hashes: dict
    references: list
    spool: Path
    made: int = 0


class _Fragments:
    """Each case file's fragment, in order: from the cache when its key is known, otherwise
    made (``made`` yields them in the order of the misses). Counts what it made and stores it."""

    def __init__(self, files, keys, known, made, store):
        self.files, self.keys, self.known, self.pending, self.store = (
            files,
            keys,
            known,
            made,
            store,
        )
        self.made = 0

    def __iter__(self) -> Iterator[Fragment]:
        fresh: list[tuple[bytes, bytes]] = []
        for path, key in zip(self.files, self.keys, strict=True):
            blob = self.store.get(key) if key in self.known else None
            if blob is None:
                # a known key whose entry vanished (another build pruned it): make it here
                blob = next(self.pending) if key not in self.known else _make(path)
                fresh.append((key, blob))
                self.made += 1
                if len(fresh) >= 500:
                    self.store.put_many(fresh)
                    fresh = []
            yield pickle.loads(blob)
        self.store.put_many(fresh)


def _write(fragments, staging: Path, encoder: Encoder) -> _Written:
    """Write every valid case's rows; keep what the checks across files need."""
    hashes = {n: array("q") for n in CASE_TABLES}
    result = _Written([], {}, hashes, [], staging / ".cases.spool")
    outs = {}
    for name in CASE_TABLES[1:]:
        outs[name] = open(staging / f"{name}.csv", "w", encoding="utf-8", newline="")  # noqa: SIM115
        outs[name].write(encoder.header(TABLES_BY_NAME[name]))
    try:
        with open(result.spool, "wb") as spool:
            for fragment in fragments:
                result.errors += fragment.errors
                result.references += fragment.references
                pickle.dump(fragment.case_row, spool, protocol=5)
                for name, text in fragment.tables.items():
                    outs[name].write(text)
                for name, ids in fragment.primary_keys.items():
                    result.hashes[name].extend(hash(i) for i in ids)
                    result.counts[name] = result.counts.get(name, 0) + len(ids)
    finally:
        for out in outs.values():
            out.close()
    return result


def _finish_cases(staging: Path, result: _Written, keys: list[CaseKeys], encoder: Encoder) -> None:
    """The cases table, now that every case's related cases are known in both directions."""
    related = related_both_ways([(case.id, case.related) for case in keys])
    with (
        open(result.spool, "rb") as spool,
        open(staging / "cases.csv", "w", encoding="utf-8", newline="") as out,
    ):
        out.write(encoder.header(TABLES_BY_NAME["cases"]))
        for case in keys:
            head, tail = pickle.load(spool)
            # case ids are slugs: joined, they never need quoting
            out.write(head + ";".join(related.get(case.id, [])) + tail)
    result.spool.unlink()


def _key_errors(result: _Written, staging: Path, shared_keys: dict[str, set[str]]) -> list[str]:
    """Primary keys unique in every case table, and references resolved: into the shared
    tables by their keys, between cases by the written keys.

    Keys are compared by their 64-bit hashes, so millions of them fit in little memory;
    a repeated hash is then looked up in the written file, so a collision is never reported
    as a duplicate.
    """
    import numpy as np

    errors = []
    for name, hashes in result.hashes.items():
        values = np.frombuffer(hashes, dtype=np.int64) if len(hashes) else np.array([], "int64")
        values = np.sort(values)
        repeated = set(values[1:][values[1:] == values[:-1]].tolist())
        if repeated:
            errors += _duplicates(staging / f"{name}.csv", repeated)
        result.hashes[name] = values
    for table, field_name, target, value in result.references:
        if target in shared_keys:
            found = value in shared_keys[target]
        else:
            values = result.hashes[target]
            at = np.searchsorted(values, hash(value))
            found = bool(at < len(values) and values[at] == hash(value))
        if not found:
            errors.append(not_an_id(table, field_name, value, target))
    return errors


def _duplicates(path: Path, repeated: set[int]) -> list[str]:
    seen, errors = set(), []
    with open(path, encoding="utf-8", newline="") as table:
        for row in csv.DictReader(table):
            if hash(row["id"]) in repeated:
                if row["id"] in seen:
                    errors.append(f"{path.stem}: the id '{row['id']}' appears more than once")
                seen.add(row["id"])
    return errors


DESCRIPTOR = "datapackage.json"
JSONLD = "dataset.jsonld"  # the schema.org description catalogues and search engines read


def descriptor(citation: Citation) -> dict:
    """The ``datapackage.json`` content: deterministic, so drift checks compare bytes."""
    return {
        "name": "casebook",
        "title": citation.title,
        "description": (
            f"{citation.abstract} Built from casestudies/ by 'casebook build'; do not edit "
            "by hand. How to cite: CITATION.cff."
        ),
        **package_metadata(citation),
        "resources": [
            {
                "name": table.name,
                "title": table.title,
                "description": table.description,
                "path": f"{table.name}.csv",
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": table.frictionless_schema(),
            }
            for table in TABLES
        ],
    }
