"""The fast validator (casebook.package.fastcheck) gives Frictionless's verdicts.

Each test breaks a copy of a package built from the bundled corpus, validates it with both,
and compares how many errors each reports on each (table, row number): the same verdict, the
same tables, the same rows, and as many errors on each. A header error counts on the header's
row; an error of a whole table (a missing file, a byte that is not UTF-8) or of the descriptor
on no row. What the fast validator does not support, it must refuse with an error saying so.
"""

from __future__ import annotations

import csv
import json
import re
import shutil
import tempfile
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from casebook import paths
from casebook.package import fastcheck
from casebook.package.datapackage import DESCRIPTOR, build
from casebook.package.schema import Field

# a conformance table against Frictionless itself: in `make test`, not in `make test-fast`
pytestmark = pytest.mark.slow

# tables that no foreign key points at, cut short so that Frictionless validates in less time
LEAVES = {"citations": 400, "timeline": 150, "disagreements": 60, "outcomes": 60}


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("fastcheck") / "data"
    build(source=paths.CASESTUDIES, out=out)
    for table, rows in LEAVES.items():
        write_rows(out, table, rows_of(out, table)[: rows + 1])
    return out


@pytest.fixture
def folder(built, tmp_path) -> Path:
    """A copy of the package that a test may break."""
    return Path(shutil.copytree(built, tmp_path / "data"))


def frictionless_flags(folder: Path) -> tuple[bool, Counter]:
    """Frictionless's verdict, and how many errors it reports on each (table, row)."""
    from frictionless import FrictionlessException, Package

    try:
        report = Package(str(folder / DESCRIPTOR)).validate()
    except FrictionlessException:  # a descriptor that is not valid: no report, an exception
        return False, Counter({("datapackage.json", None): 1})
    flags = Counter(("datapackage.json", None) for _ in report.errors)
    for task in report.tasks:
        for error in task.errors:
            rows = getattr(error, "row_numbers", None) or [getattr(error, "row_number", None)]
            flags[task.name, rows[0]] += 1
    return report.valid, flags


def fast_flags(folder: Path) -> tuple[bool, Counter]:
    """The fast validator's verdict, and how many errors it reports on each (table, row)."""
    messages = fastcheck.validate_package(folder / DESCRIPTOR)
    flags = Counter()
    for message in messages:
        match = re.match(r"([\w.]+): (?:row (\d+), )?", message)
        assert match, message
        flags[match[1], int(match[2]) if match[2] else None] += 1
    return not messages, flags


def rows_of(folder: Path, table: str) -> list[list[str]]:
    with open(folder / f"{table}.csv", encoding="utf-8", newline="") as file:
        return list(csv.reader(file))


def write_rows(folder: Path, table: str, rows: list[list[str]]) -> None:
    with open(folder / f"{table}.csv", "w", encoding="utf-8", newline="") as file:
        csv.writer(file, lineterminator="\n").writerows(rows)


def edit_rows(table: str, edit: Callable[[list[list[str]]], object]) -> Callable[[Path], None]:
    def mutate(folder: Path) -> None:
        rows = rows_of(folder, table)
        edit(rows)
        write_rows(folder, table, rows)

    return mutate


def set_cell(table: str, row: int, column: str, value: str) -> Callable[[Path], None]:
    """The cell of `column` on Frictionless's row number `row` (the header is row 1)."""
    return edit_rows(table, lambda rows: rows[row - 1].__setitem__(rows[0].index(column), value))


def edit_bytes(table: str, edit: Callable[[bytes], bytes]) -> Callable[[Path], None]:
    def mutate(folder: Path) -> None:
        path = folder / f"{table}.csv"
        path.write_bytes(edit(path.read_bytes()))

    return mutate


def edit_package(edit: Callable[[dict], object]) -> Callable[[Path], None]:
    def mutate(folder: Path) -> None:
        path = folder / DESCRIPTOR
        package = json.loads(path.read_text(encoding="utf-8"))
        edit(package)
        path.write_text(json.dumps(package, indent=2), encoding="utf-8")

    return mutate


def edit_schema(table: str, edit: Callable[[dict], object]) -> Callable[[Path], None]:
    return edit_package(
        lambda package: edit(next(r for r in package["resources"] if r["name"] == table)["schema"])
    )


def field_of(table: str, name: str, **changes) -> Callable[[Path], None]:
    return edit_schema(
        table, lambda schema: next(f for f in schema["fields"] if f["name"] == name).update(changes)
    )


def self_reference(folder: Path) -> None:
    """levels.description made a foreign key to levels.id: empty, but in rows 3 and 4."""
    edit_schema(
        "levels",
        lambda schema: schema.setdefault("foreignKeys", []).append(
            {"fields": ["description"], "reference": {"resource": "", "fields": ["id"]}}
        ),
    )(folder)
    rows = rows_of(folder, "levels")
    for row in rows[1:]:
        row[2] = ""
    rows[2][2], rows[3][2] = rows[1][0], "no-such-level"
    write_rows(folder, "levels", rows)


def swap(rows: list[list[str]], a: int, b: int, *, data: bool) -> None:
    for row in rows if data else rows[:1]:
        row[a], row[b] = row[b], row[a]


def delete(table: str) -> Callable[[Path], None]:
    return lambda folder: (folder / f"{table}.csv").unlink()


def insert_byte(table: str, offset: int, byte: bytes = b"\xff") -> Callable[[Path], None]:
    return edit_bytes(table, lambda data: data[:offset] + byte + data[offset:])


def every_row_wrong_then(mutate: Callable[[Path], None]) -> Callable[[Path], None]:
    """`mutate`, in a package whose citations and timeline have an error on every row: then
    the rows flagged show where the reading stops (and it stops where Frictionless's does)."""

    def both(folder: Path) -> None:
        field_of("citations", "field", type="integer")(folder)
        field_of("timeline", "event", type="integer")(folder)
        mutate(folder)

    return both


VALID_CELLS = {  # (table, column): values Frictionless accepts there
    ("cases", "period_start"): ["1_000", " 7", "+7", "-0", "07", "١٩٩٩", "2\u00a0", "7\t"],
    ("cases", "lat"): ["NaN", "1e5", "-inf", ".5", " 2 ", "1_0.5", "-0", "sNaN", "Infinity"],
    ("sources", "undated"): ["true", "TRUE", "1", "0", "False"],
    ("interventions", "leverage_point"): ["+7", "007", " 12"],
    ("outcomes", "claim"): [" "],  # not missing
    ("cases", "region"): [""],  # not required
    ("timeline", "intervention_id"): [""],  # a null foreign key
    ("cases", "title"): ['a,\n"b",\r\nc', "'quoted'"],  # quoted by the writer
}
INVALID_CELLS = {
    ("cases", "period_start"): ["1.5", "abc", "1e3", "0x10", "1 000", "", "Ⅻ"],
    ("cases", "lat"): ["abc", "1,5", "1e", "--1", "0x10", "", "∞"],
    ("sources", "undated"): ["yes", " True", "tRUE", "", "1.0"],
    ("interventions", "leverage_point"): ["13", "0"],
    ("leverage_points", "id"): [" 1 ", "07"],  # as rows 2 and 8 have
    ("outcomes", "claim"): [""],
    ("disagreements", "id"): [""],  # an empty primary key
    ("citations", "source_id"): ["no-such-source", " abson-2017"],
    ("countries", "region"): ["europe-central-asia "],
}


def set_cells(cells: dict[tuple[str, str], list[str]]) -> Callable[[Path], None]:
    """Each value in a row of its own (from row 3 on), so that each is told apart."""

    def mutate(folder: Path) -> None:
        rows = dict.fromkeys((table for table, _ in cells), 3)
        for (table, column), values in cells.items():
            for value in values:
                set_cell(table, rows[table], column, value)(folder)
                rows[table] += 1

    return mutate


MUTATIONS = {
    "valid cells": set_cells(VALID_CELLS),
    "invalid cells": set_cells(INVALID_CELLS),
    "duplicate primary key": edit_rows("timeline", lambda rows: rows[8].__setitem__(0, rows[3][0])),
    "foreign key to a missing id of the same table": self_reference,
    "extra cell": edit_rows("outcomes", lambda rows: rows[5].append("x")),
    "extra empty cell": edit_rows("outcomes", lambda rows: rows[5].append("")),
    "missing cell": edit_rows("outcomes", lambda rows: rows[5].pop()),
    "missing cells": edit_rows("cases", lambda rows: rows[3].__delitem__(slice(3, None))),
    "renamed header": set_cell("cases", 1, "country", "Country"),
    "header with spaces": set_cell("cases", 1, "country", " country "),
    "blank header label": set_cell("levels", 1, "name", ""),
    "duplicate header label": set_cell("levels", 1, "name", "id"),
    "extra header label": edit_rows("levels", lambda rows: rows[0].append("extra")),
    "missing header label": edit_rows("levels", lambda rows: rows[0].pop()),
    "swapped header labels": edit_rows("cases", lambda rows: swap(rows, 1, 2, data=False)),
    "swapped columns": edit_rows("cases", lambda rows: swap(rows, 6, 9, data=True)),
    "blank line in the middle": edit_rows("timeline", lambda rows: rows.insert(20, [])),
    "blank line in a small table": edit_rows("levels", lambda rows: rows.insert(2, [])),
    "row of empty cells": edit_rows("levels", lambda rows: rows.insert(2, ["", "", ""])),
    "row of empty cells and more": edit_rows("levels", lambda rows: rows.insert(2, [""] * 5)),
    "blank lines at the end": edit_bytes("levels", lambda data: data + b"\n\n"),
    "header row found further down": edit_rows("levels", lambda rows: rows.insert(0, ["x"])),
    "a wide row": edit_rows("approaches", lambda rows: rows.insert(1, ["1"] * 12)),
    "no row near the mean width": edit_rows("levels", lambda rows: rows.extend([["x"] * 20] * 3)),
    "a blank line first": edit_bytes("levels", lambda data: b"\n" + data),
    "crlf line endings": edit_bytes("sources", lambda data: data.replace(b"\n", b"\r\n")),
    "byte order mark": edit_bytes("countries", lambda data: b"\xef\xbb\xbf" + data),
    "not UTF-8 in a table others point at": insert_byte("sources", 500),
    "not UTF-8 in its first rows": every_row_wrong_then(insert_byte("citations", 900)),
    **{  # about where the decoder's chunks of 8 kB end, and late in the table
        f"not UTF-8 at byte {offset}": every_row_wrong_then(insert_byte("citations", offset))
        for offset in (8191, 8192, 16384, 30001, -9000)
    },
    "a character across two chunks": insert_byte("citations", 8191, "é".encode()),
    "a byte order mark, then not UTF-8": every_row_wrong_then(
        edit_bytes("timeline", lambda d: b"\xef\xbb\xbf" + d[:9000] + b"\x80" + d[9000:])
    ),
    "latin-1 text": edit_bytes("levels", lambda data: data.replace(b"e", "é".encode("latin-1"))),
    "empty file": edit_bytes("levels", lambda data: b""),
    "header only, no newline": edit_bytes("claims", lambda d: d.split(b"\n")[0]),
    "header only": edit_bytes("quotes", lambda data: data.split(b"\n")[0] + b"\n"),
    "semicolons": edit_bytes("actors", lambda data: data.replace(b",", b";")),
    "table file deleted": delete("levels"),
    "unreferenced table file deleted": delete("citations"),
    "type string to integer": field_of("levels", "name", type="integer"),
    "type integer to string": field_of("cases", "period_start", type="string"),
    "type integer to boolean": field_of("characteristics", "order", type="boolean"),
    "type number to integer": field_of("cases", "lon", type="integer"),
    "type string to number": field_of("levels", "id", type="number"),
    "type integer to number": field_of("leverage_points", "id", type="number"),
    "required dropped": edit_schema("outcomes", lambda s: s["fields"][2].pop("constraints")),
    "required added": field_of("cases", "region", constraints={"required": True}),
    "foreign key to a missing resource": edit_schema(
        "countries", lambda s: s["foreignKeys"][0]["reference"].update(resource="regions")
    ),
    "package name not a name": edit_package(lambda p: p.update(name="Casebook")),
    "licence without a name or path": edit_package(lambda p: p.update(licenses=[{"title": "x"}])),
    "resource title not a string": edit_package(lambda p: p["resources"][3].update(title=5)),
    "required as a number": field_of("cases", "id", constraints={"required": 1}),
    "primary key on a missing field": edit_schema("levels", lambda s: s.update(primaryKey=["x"])),
    "two fields of one name": edit_schema(
        "levels", lambda s: s["fields"].append({"name": "id", "type": "string"})
    ),
}
VALID = {
    "valid cells",
    "crlf line endings",
    "byte order mark",
    "a character across two chunks",
    "header with spaces",
    "header only",
    "header only, no newline",
    "header row found further down",  # the line above it is skipped
    "a blank line first",  # skipped so too
    "semicolons",  # sniffed as the delimiter
    "type integer to string",
    "type integer to number",  # Decimal(7) == 7, so keys still match
    "required dropped",
}


@pytest.mark.parametrize("name", MUTATIONS)
def test_same_verdict_and_rows(name, folder):
    MUTATIONS[name](folder)
    expected = frictionless_flags(folder)
    assert fast_flags(folder) == expected
    assert expected[0] == (name in VALID)


def test_the_package_as_built_is_valid(built):
    assert fastcheck.validate_package(built / DESCRIPTOR) == []


def test_a_descriptor_that_cannot_be_read(folder):
    (folder / DESCRIPTOR).write_text("{", encoding="utf-8")
    assert fastcheck.validate_package(folder / DESCRIPTOR)
    (folder / DESCRIPTOR).unlink()
    assert fastcheck.validate_package(folder / DESCRIPTOR)


def set_resource(key: str, value: object) -> Callable[[Path], None]:
    return edit_package(lambda package: package["resources"][0].update({key: value}))


UNSUPPORTED = {  # what Frictionless reads, but the fast validator refuses to
    "another type": field_of("cases", "period_start", type="date"),
    "another constraint": field_of("cases", "id", constraints={"required": True, "unique": True}),
    "a composite key": edit_schema("cases", lambda s: s.update(primaryKey=["id", "title"])),
    "missing values": edit_schema("cases", lambda s: s.update(missingValues=["", "NA"])),
    "a bare number": field_of("cases", "lat", bareNumber=False),
    "a self reference by name": edit_schema(
        "countries", lambda s: s["foreignKeys"][0]["reference"].update(resource="countries")
    ),
    "a foreign key to a field other than the id": edit_schema(
        "countries", lambda s: s["foreignKeys"][0]["reference"].update(fields=["name"])
    ),
    "a dialect": set_resource("dialect", {"delimiter": ";"}),
    "a creation date in another form": edit_package(lambda p: p.update(created="2026-11-30")),
    "a contributor without a title": edit_package(
        lambda p: p.update(contributors=[{"role": "author"}])
    ),
    "a contributor with a path": edit_package(
        lambda p: p["contributors"][0].update(path="https://example.org")
    ),
    "a keyword that is not text": edit_package(lambda p: p.update(keywords=["a", 5])),
    "a homepage that is not an address": edit_package(lambda p: p.update(homepage="casebook")),
    "another encoding": set_resource("encoding", "latin-1"),
    "another path": set_resource("path", "../cases.csv"),
    "a hash": set_resource("hash", "md5:0"),
}


@pytest.mark.parametrize("name", UNSUPPORTED)
def test_refuses_what_it_does_not_support(name, folder):
    UNSUPPORTED[name](folder)
    messages = fastcheck.validate_package(folder / DESCRIPTOR)
    assert messages
    assert all("the fast validator does not support" in message for message in messages)


TRICKY = ["", " ", "0", "1", "07", "+7", "-0", "1.5", "1e3", "NaN", "nan", "inf", "sNaN",
          "1_000", "1__0", "_1", "١٢", "Ⅻ", "true", "True", " true", "FALSE", "yes", "abc",
          "1,5", "0x1A", "1e999999999", "9" * 5000, "\u00a07\u2003", "\x1c5", "1 2"]  # fmt: skip


NUMERALS = st.from_regex(r"\s?[-+]?[\d_]*\.?\d*([eE][-+]?\d+)?\s?", fullmatch=True)


@settings(max_examples=1500, deadline=None)
@given(
    type_=st.sampled_from(["string", "integer", "number", "boolean"]),
    required=st.booleans(),
    value=st.sampled_from(TRICKY) | st.text(max_size=5) | NUMERALS,
)
def test_cell_error_reads_as_frictionless(type_, required, value):
    from frictionless import Field as FrictionlessField

    descriptor = {"name": "x", "type": type_, "constraints": {"required": required}}
    _, notes = FrictionlessField.from_descriptor(descriptor).read_cell(value)
    assert (fastcheck.cell_error(Field("x", type_, "", required), value) is None) == (not notes)


POOL = [*TRICKY[:26], "abson-2017", "global", "12", "13", "x,y", 'a"b', "a\nb", "id", "design"]


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_random_cells_and_bytes(built, data):
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(shutil.copytree(built, Path(tmp) / "data"))
        tables = sorted(path.stem for path in folder.glob("*.csv"))
        for _ in range(data.draw(st.integers(1, 4), label="cells")):
            table = data.draw(st.sampled_from(tables), label="table")
            rows = rows_of(folder, table)
            row = data.draw(st.integers(0, len(rows) - 1), label="row")
            column = data.draw(st.integers(0, len(rows[0]) - 1), label="column")
            rows[row][column] = data.draw(st.sampled_from(POOL) | st.text(max_size=3))
            write_rows(folder, table, rows)
        if data.draw(st.booleans(), label="a byte that is not UTF-8"):
            table = data.draw(st.sampled_from(tables), label="in table")
            size = (folder / f"{table}.csv").stat().st_size
            insert_byte(table, data.draw(st.integers(0, size), label="at"))(folder)
        assert fast_flags(folder) == frictionless_flags(folder)
