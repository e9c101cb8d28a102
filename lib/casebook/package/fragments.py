"""One case file's part of the data package: made once, kept by content, checked as written.

A :class:`Fragment` is everything the build needs from one case file: its problems, or its
rows already encoded as the package's CSV, with the keys the checks across files need. It
depends on nothing but the file and what the build's fingerprint covers (see
:mod:`casebook.package.cache`), so it can be made in another process and reused by the next build.

The cells are checked against the package's schema as they are encoded (types, required
cells, keys into the tables the shared files fill), the same rules Frictionless applies to
the written files (``tests/test_fastcheck.py`` shows both give the same verdicts), so the
build never needs to read back hundreds of megabytes of CSV to validate them.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

from casebook.content.corpus import check_case
from casebook.content.crossrefs import CaseKeys
from casebook.content.shared import Shared
from casebook.errors import Problem
from casebook.package.fastcheck import cell_error
from casebook.package.schema import TABLES_BY_NAME, Table
from casebook.package.tables import CASE_TABLES, case_rows

RELATED = "related_case_ids"


@dataclass
class Fragment:
    """One case file's rows and keys, or its problems."""

    problems: list[Problem]
    keys: CaseKeys | None = None
    # its cases row, encoded up to and from the related cases, which only the whole corpus
    # knows: the build writes head + related + tail
    case_row: tuple[str, str] = ("", "")
    tables: dict[str, str] = field(default_factory=dict)  # the other case tables' CSV rows
    primary_keys: dict[str, list[str]] = field(default_factory=dict)
    # (table, field, referenced table, value): keys into other cases' rows, checked at the end
    references: list[tuple[str, str, str, str]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # cells the schema refuses: a bug


def not_an_id(table: str, field_name: str, value: str, target: str) -> str:
    return f"{table}: {field_name} '{value}' is not an id of {target}"


def cell(value, type_: str) -> str:
    """A value as the package writes it (as pandas' ``to_csv`` did: the files stay the same)."""
    if type_ == "boolean":
        return "True" if value else "False"
    if value is None or value != value:  # None or NaN: a missing cell
        return ""
    # anything else is written as it is, for the check to refuse with its reason
    if type_ == "number" and isinstance(value, int | float):
        return repr(float(value))
    if type_ == "integer" and isinstance(value, int | float) and float(value).is_integer():
        return str(int(value))
    return str(value)


class Encoder:
    """Encodes row dicts as a table's CSV rows, checking each cell as it goes.

    ``shared_keys`` are the primary keys of the tables no case fills (sources, the
    vocabularies, claims): a reference into one of those is checked at once.
    """

    def __init__(self, shared_keys: dict[str, set[str]]):
        self.shared_keys = shared_keys
        self.buffer = io.StringIO()
        self.writer = csv.writer(self.buffer, lineterminator="\n")

    def cells(self, table: Table, row: dict, found: list[str]) -> list[str]:
        values = [cell(row.get(f.name), f.type) for f in table.fields]
        for f, value in zip(table.fields, values, strict=True):
            if f.required or f.type != "string":
                why = cell_error(f, value)
                if why:
                    found.append(f"{table.name}: row {row.get('id')!r}, {f.name}: {why}")
        return values

    def header(self, table: Table) -> str:
        return self.encode([table.columns])

    def encode(self, rows: list[list[str]]) -> str:
        """CSV lines exactly as the csv module writes them (quoted only where needed).

        Most rows need no quoting, and telling so from the joined line takes four scans in
        C; only the rest go through the csv writer, which costs more per row.
        """
        lines = []
        for cells in rows:
            line = ",".join(cells)
            if (
                line.count(",") == len(cells) - 1
                and '"' not in line
                and "\n" not in line
                and "\r" not in line
                and len(cells) > 1  # a row of one empty cell is written '""'
            ):
                lines.append(line + "\n")
            else:
                self.buffer.seek(0)
                self.buffer.truncate()
                self.writer.writerow(cells)
                lines.append(self.buffer.getvalue())
        return "".join(lines)

    def table(self, table: Table, rows: list[dict], fragment: Fragment) -> list[list[str]]:
        """The rows' cells in key order, their keys recorded and their references checked."""
        # sorted by the key's value, not its text, so that point 10 follows point 9
        ordered = sorted(rows, key=lambda row: row[table.sort_key])
        encoded = [self.cells(table, row, fragment.errors) for row in ordered]
        fragment.primary_keys[table.name] = [r[0] for r in encoded]
        index = {name: n for n, name in enumerate(table.columns)}
        for fk in table.foreign_keys:
            for values in encoded:
                value = values[index[fk.field]]
                if not value:
                    continue
                if fk.table in self.shared_keys:
                    if value not in self.shared_keys[fk.table]:
                        fragment.errors.append(not_an_id(table.name, fk.field, value, fk.table))
                elif value not in fragment.primary_keys.get(fk.table, ()):
                    # not one of this case's own rows: checked once every case is written
                    fragment.references.append((table.name, fk.field, fk.table, value))
        return encoded


def make_fragment(path: Path, shared: Shared, encoder: Encoder) -> Fragment:
    """Check one case file and, when it is valid, encode its rows."""
    checked = check_case(path, shared, with_keys=False)
    case = checked.case
    if checked.problems or case is None:
        return Fragment(checked.problems)
    rows = case_rows(case, shared.taxonomy, related=[])
    cited = frozenset(row["source_id"] for row in rows["citations"])
    fragment = Fragment([], CaseKeys.of(case, path, cited))
    # in this order, so that a reference to the case's own rows resolves within it
    for name in CASE_TABLES:
        encoded = encoder.table(TABLES_BY_NAME[name], rows[name], fragment)
        if name == "cases":
            cells = encoded[0]
            at = TABLES_BY_NAME[name].columns.index(RELATED)
            head = encoder.encode([[*cells[:at], ""]])[:-1]  # ends with the comma before it
            tail = encoder.encode([["", *cells[at + 1 :]]])  # from the comma after it
            fragment.case_row = (head, tail)
        else:
            fragment.tables[name] = encoder.encode(encoded)
    return fragment
