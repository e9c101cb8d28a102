"""Validate the built data package with Frictionless's verdicts, in a fraction of its time:
Frictionless checks each cell through layers of objects, and reads a table again for every
foreign key to it. This reads each table once, with the csv module and Frictionless 5's rules
for the descriptors :mod:`casebook.package.schema` writes; it refuses any other descriptor."""

import csv
import json
import re
from decimal import Decimal
from itertools import chain, islice
from pathlib import Path
from types import SimpleNamespace
from typing import cast

from casebook.package.schema import Field, ForeignKey, Table

TRUE, FALSE = ["true", "True", "TRUE", "1"], ["false", "False", "FALSE", "0"]
READERS = {  # each raises on a cell that Frictionless does not read as its type
    "string": str,
    "integer": lambda v: int(v.strip()),  # so " 7", "+7" and "1_000" are integers
    "number": lambda v: Decimal(v.strip()),  # and "NaN", "-inf" and "1e5" are numbers
    "boolean": (dict.fromkeys(TRUE, True) | dict.fromkeys(FALSE, False)).__getitem__,
}
NAME = re.compile(r'"[-a-z0-9._/]+"')  # Frictionless's pattern for names, as JSON


def cell_error(field: Field, value: str) -> str | None:
    """Why the CSV cell `value` (as written, "" meaning missing) breaks the field's type or
    constraints in Frictionless's eyes, or None."""
    if value == "":
        return "a required value is missing" if field.required else None
    if field.type not in READERS:
        return f"the fast validator does not support type {field.type!r}"
    ok = _value(READERS[field.type], value) is not None
    return None if ok else f"{value!r} is not a valid {field.type}"


def _value(read, cell: str) -> object:
    """The cell's value as Frictionless compares it in keys ("07" is 7), or None."""
    try:
        return read(cell) if cell != "" else None
    except Exception:  # int(), Decimal() and the boolean map raise different errors
        return None


def validate_package(descriptor_path: Path) -> list[str]:
    """Every error Frictionless would report for this package, checked with the csv module
    in one pass per table: header (names and order match the schema), row shape (missing or
    extra cells), blank rows, types, required, primary key (present and unique), and foreign
    keys (null allowed; reference to the same table or another resource). Messages name the
    table, the row number (as Frictionless counts rows) and the field."""
    where = Path(descriptor_path)
    try:
        tables = _tables(json.loads(where.read_text(encoding="utf-8")))
    except (OSError, ValueError) as error:  # a JSONDecodeError is a ValueError too
        return [f"{where.name}: {error}"]
    limit = csv.field_size_limit(2147483646)  # what Frictionless sets when imported
    try:
        reads = {t.name: _read(t, where.parent / f"{t.name}.csv") for t in tables}
    finally:
        csv.field_size_limit(limit)
    return [message for t in tables for message in _integrity(t, reads)]


def _tables(package: dict) -> list[Table]:
    """The tables, if the descriptor is as casebook writes it (free text aside), for only
    then are the rules here all of Frictionless's; else a ValueError says what is not."""
    try:
        bare = cast(dict, _bare(package))  # a dict, as the package is
        meta = {k: v for k, v in bare.items() if k != "resources"}  # values as JSON
        licenses = meta.pop("licenses", [])
        ok = [{*x} == {"name", "path"} and all(v[0] == '"' for v in x.values()) for x in licenses]
        extra = ("created", "homepage", "keywords", "contributors")
        ok += [_as_written(key, meta.pop(key), package[key]) for key in extra if key in meta]
        if set(meta) - {"name", "version"} or not all([*ok, *map(NAME.fullmatch, meta.values())]):
            raise TypeError("the package's own properties")
        tables = []
        for r in package["resources"]:
            s, name = r["schema"], r["name"]
            fields = [Field(f["name"], f["type"], "", "constraints" in f) for f in s["fields"]]
            refs = [(k["fields"][0], k["reference"]) for k in s.get("foreignKeys", [])]
            fks = [ForeignKey(f, ref["resource"] or name, ref["fields"][0]) for f, ref in refs]
            tables.append(Table(name, "", "", tuple(fields), tuple(fks), s["primaryKey"][0]))
            written = {"name": name, "path": f"{name}.csv", "profile": "tabular-data-resource"}
            written |= {"format": "csv", "mediatype": "text/csv", "encoding": "utf-8"}
            if _bare(r) != _bare(written | {"schema": tables[-1].frictionless_schema()}):
                raise TypeError(f"resource {name!r} as it is declared")
            names, types = {f.name for f in fields}, {f.type for f in fields} - {*READERS}
            keys = {s["primaryKey"][0], *(k.field for k in fks)} - names
            if keys or types or len(names) < len(fields) or not re.fullmatch(r"\w+", name):
                raise TypeError(f"resource {name!r}: its name, or its fields' names, types or keys")
        ids = {t.name: t.primary_key for t in tables}  # what a foreign key must point at
        links = [(k.table, k.table_field) for t in tables for k in t.foreign_keys]
        if len(ids) < len(tables) or any(ids.get(t, f) != f for t, f in links):
            raise TypeError("two resources of one name, or keys to fields other than their ids")
    except (TypeError, KeyError, IndexError, AttributeError) as error:
        raise ValueError(f"the fast validator does not support this descriptor: {error}") from error
    return tables


# The package's own metadata beyond its name, version and licences, in the forms casebook
# writes them (casebook.package.dataset.package_metadata): only then is "valid" Frictionless's word.
META = {
    "created": re.compile(r'"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z"'),
    "homepage": re.compile(r'"https?://[^\s"\\]+"'),
}


def _as_written(key: str, value: object, raw: object) -> bool:
    """``value`` as _bare gives it (scalars as JSON), ``raw`` as the descriptor holds it."""
    if key in META:
        return isinstance(value, str) and bool(META[key].fullmatch(value))
    if key == "keywords":
        return isinstance(raw, list) and all(isinstance(v, str) and v for v in raw)
    # contributors: a list of {"title": text, "role": a name}
    return isinstance(raw, list) and all(
        isinstance(v, dict)
        and set(v) == {"title", "role"}
        and isinstance(v["title"], str)
        and v["title"]
        and isinstance(v["role"], str)
        and NAME.fullmatch(json.dumps(v["role"]))
        for v in raw
    )


def _bare(value: object) -> object:
    """The descriptor, free text (string titles and descriptions) dropped, scalars as JSON."""
    if isinstance(value, dict):
        free = ("title", "description")
        return {k: _bare(v) for k, v in value.items() if k not in free or not isinstance(v, str)}
    return [_bare(v) for v in value] if isinstance(value, list) else json.dumps(value)


def _read(table: Table, path: Path) -> SimpleNamespace:
    """Open the table as Frictionless does: decode it in the same 8 kB chunks (so that a byte
    that is not UTF-8 stops both at the same row), sniff the dialect in 100 lines, read 100
    rows, and take the first whose width is near their mean (or else the first) as header."""
    out = SimpleNamespace(errors=[], failure=None, opened=False, keys={})  # keys: id to row
    out.links = [[] for _ in table.foreign_keys]  # each foreign key's (row, value) pairs

    def fail(error: Exception) -> SimpleNamespace:  # the table cannot be read on from here
        out.failure = f"cannot read {path.name}: {error}"
        out.errors.append((None, None, out.failure))
        return out

    try:
        with open(path, encoding="utf-8-sig", newline="") as text:  # a BOM, as Frictionless
            lines = list(islice(text, 100))
            try:
                dialect = csv.Sniffer().sniff("".join(lines), ",\t;|")
            except csv.Error:
                dialect = csv.excel
            quote = '"' if dialect.quotechar == "'" else dialect.quotechar  # and doublequote
            delimiter, initial = dialect.delimiter, dialect.skipinitialspace
            records = csv.reader(
                chain(lines, text), quotechar=quote, delimiter=delimiter, skipinitialspace=initial
            )
            sample, out.opened = list(islice(records, 100)), True
            mean = round(sum(map(len, sample)) / max(len(sample), 1))
            drift = max(round(mean * 0.1), 1)  # as Frictionless computes it
            near = [n for n, cells in enumerate(sample, 1) if abs(len(cells) - mean) <= drift]
            header = (near or [1])[0]  # the rows above it are skipped
            labels = [cell.strip() for cell in sample[header - 1]] if sample else []
            if not labels and not sample[header:]:
                out.errors.append((None, None, "the source is empty"))
            try:
                _check(table, labels, header, chain(sample[header:], records), out)
            except (UnicodeError, csv.Error, OSError) as error:  # Frictionless stops there too
                fail(error)
    except Exception as error:  # Frictionless then cannot open the table, and says why
        if out.opened:
            raise
        fail(error)
    return out


def _check(table: Table, labels: list[str], header: int, rows, out: SimpleNamespace) -> None:
    """Labels match fields by position (a field without a label is dropped, a label without
    a field reads anything), then rows: shape, blanks, types, required cells, primary key."""
    fields = list(table.fields[: len(labels) or None])
    index = {f.name: i for i, f in enumerate(fields)}  # of the fields Frictionless keeps
    fields += [Field(f"column {i + 1}", "any", "") for i in range(len(fields), len(labels))]
    out.errors += [(header, f.name, "missing label") for f in table.fields[len(fields) :]]
    for i, (f, label) in enumerate(zip(fields, labels, strict=False)):
        if f.type == "any" or f.name != label or label in labels[:i]:
            out.errors.append((header, f.name, f"label {label!r}"))
    n, seen, pk = len(fields), out.keys, index.get(table.primary_key)
    read = [None if f.type in ("string", "any") else READERS[f.type] for f in fields]
    required = [(i, f) for i, f in enumerate(fields) if f.required]
    typed = [(i, f) for i, f in enumerate(fields) if read[i]]  # string cells are all valid
    pairs = zip(table.foreign_keys, out.links, strict=True)
    links = [(index[k.field], link) for k, link in pairs if k.field in index]
    for number, row in enumerate(rows, header + 1):
        found: list[tuple[int, str | None, str | None]] = []
        if len(row) != n:
            found = [(number, None, f"extra cell {i + 1}") for i in range(n, len(row))]
            found += [(number, fields[i].name, "missing cell") for i in range(len(row), n)]
            row += [""] * (n - len(row))  # a missing cell reads as an empty one
        found += [(number, f.name, cell_error(f, "")) for i, f in required if not row[i]]
        found += [(number, f.name, e) for i, f in typed if (e := row[i] and cell_error(f, row[i]))]
        if row[0] == "" and not any(row[:n]):
            found = [(number, None, "blank row")]
        if pk is not None:
            key = _value(read[pk], row[pk]) if read[pk] else row[pk] or None
            if key is None or key in seen:
                why = "missing" if key is None else f"row {seen[key]}'s too"
                found.append((number, fields[pk].name, f"the primary key is {why}"))
            seen[key] = number
        for i, link in links:
            key = _value(read[i], row[i]) if read[i] else row[i] or None
            if key is not None:
                link.append((number, key))
        out.errors += found


def _integrity(table: Table, reads: dict[str, SimpleNamespace]) -> list[str]:
    """The table's errors with its foreign keys checked, or the one error that Frictionless
    reports instead when a table they point at is missing or cannot be read."""
    own, errors = reads[table.name], list(reads[table.name].errors)
    for fk, link in zip(table.foreign_keys, own.links, strict=True):
        if own.opened and (fk.table not in reads or reads[fk.table].failure):
            why = reads[fk.table].failure if fk.table in reads else "not in the package"
            errors = [(None, fk.field, f"cannot be checked against {fk.table}: {why}")]
            break
        keys = reads[fk.table].keys if own.opened else {}
        errors += [(row, fk.field, f"{v!r} not in {fk.table}") for row, v in link if v not in keys]
    return [
        f"{table.name}: {f'row {row}, ' if row else ''}{f'field {name!r}: ' if name else ''}{text}"
        for row, name, text in sorted(errors, key=lambda error: error[0] or 0)
    ]
