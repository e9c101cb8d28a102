"""A blind coding sheet for a human coder, and reading it back as a coding file.

:func:`write_sheet` makes an Excel workbook a person can fill in Excel or LibreOffice: one
row per intervention in random order (its text, its case's title, its cited sources'
titles and addresses), a dropdown of the twelve points, a rationale and a "hesitated
between" column, and the codebook on its own sheet. It holds nothing of any earlier coding
(no tag, rationale, alternative or review), so the coder stays blind. :func:`read_sheet`
checks a filled sheet, naming the sheet, row and column of every problem, and writes
``casestudies/codings/<coder>.yml`` atomically.
"""

from __future__ import annotations

import io
import random
from datetime import date
from pathlib import Path
from typing import Any

from casebook import paths
from casebook.atomic import write_atomic
from casebook.content.fields import SLUG_PATTERN
from casebook.errors import ContentError, Problem, UsageError, display_path

CODING, CODEBOOK, ABOUT = "Coding", "Codebook", "About you"
COLUMNS = (
    "intervention",
    "case",
    "what was done",
    "cited sources",
    "leverage point",
    "rationale",
    "hesitated between",
)
POINT_COLUMN, RATIONALE_COLUMN, HESITATED_COLUMN = 5, 6, 7  # 1-based, as the sheet shows
# the cells of the About sheet the coder fills (label in A, value in B)
ABOUT_FIELDS = ("coder", "role", "date")
INSTRUCTIONS = (
    "Code what each intervention does to the system as the text describes it, not what it "
    "hoped for or later led to. Where it works on several points, take the one the text puts "
    "at its centre, and the deeper one only when the text shows that deeper thing changing. "
    "Always choose one point; name any point you hesitated over in 'hesitated between'. "
    "The codebook sheet defines the twelve points (docs/coding-protocol.md)."
)


def check_coder_name(coder: str) -> None:
    """A further coder's name becomes a file name and a key in the data: lower case, digits
    and hyphens, and never the first coding's."""
    import re

    from casebook.package.intercoder import FIRST  # intercoder imports pandas

    if not re.match(SLUG_PATTERN, coder):
        raise UsageError(
            f"--coder '{coder}' is not a usable name: use lower case letters, digits and "
            "hyphens (e.g. coder-5 or jane-doe)"
        )
    if coder == FIRST:
        raise UsageError(f"--coder {FIRST} is the case files' own tags; choose another name")


def point_label(point) -> str:
    """The dropdown's text for a point: its number and its short name."""
    return f"{point.number} {point.short_name}"


def write_sheet(
    corpus, coder: str, out: Path, sample: int | None = None, seed: int | None = None
) -> int:
    """Write the blind workbook for ``coder`` to ``out``; return how many rows it has."""
    check_coder_name(coder)
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.worksheet.datavalidation import DataValidation

    rows = [(case, i) for case in corpus.cases for i in case.interventions]
    random.Random(seed).shuffle(rows)
    if sample is not None:
        if not 1 <= sample <= len(rows):
            raise UsageError(f"--sample must be between 1 and {len(rows)}, the interventions")
        rows = rows[:sample]
    points = sorted(corpus.taxonomy.leverage_points.values(), key=lambda p: -p.number)

    book = Workbook()
    sheet = book.active
    sheet.title = CODING
    sheet.append(COLUMNS)
    for case, i in rows:
        sources = [corpus.sources[s] for s in i.sources if s in corpus.sources]
        cited = "\n".join(s.title + (f" ({s.link})" if s.link else "") for s in sources)
        sheet.append((i.id, case.title, i.what, cited, None, None, None))
    wrap = Alignment(wrap_text=True, vertical="top")
    for column, width in zip("ABCDEFG", (24, 24, 60, 40, 28, 50, 20), strict=True):
        sheet.column_dimensions[column].width = width
        for cell in sheet[column][1:]:
            cell.alignment = wrap
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "C2"

    codebook = book.create_sheet(CODEBOOK)
    codebook.append(("choice", "point", "name", "description", "education example"))
    for p in points:
        codebook.append(
            (point_label(p), p.number, p.name, p.description.strip(), p.education_example.strip())
        )
    for column, width in zip("ABCDE", (28, 6, 40, 70, 70), strict=True):
        codebook.column_dimensions[column].width = width
    choices = DataValidation(
        type="list",
        formula1=f"'{CODEBOOK}'!$A$2:$A${len(points) + 1}",
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="Not a leverage point",
        error="Choose one of the twelve points from the list.",
    )
    sheet.add_data_validation(choices)
    if rows:
        choices.add(f"E2:E{len(rows) + 1}")

    about = book.create_sheet(ABOUT)
    about.append(("How to code", INSTRUCTIONS))
    about.append(("coder", coder))
    about.append(("role", None))
    about.append(("date", date.today().isoformat()))
    about.append(("", "Fill in your role (e.g. teacher educator) and keep the coder name."))
    about.column_dimensions["B"].width = 100
    buffer = io.BytesIO()
    book.save(buffer)
    write_atomic(out, buffer.getvalue())
    return len(rows)


def _problem(file: str, sheet: str, row: int, column: str, message: str, fix: str) -> Problem:
    return Problem(file, f"sheet '{sheet}', row {row}, column '{column}'", message, fix)


def read_sheet(corpus, path: Path, source: Path | None = None) -> Path:
    """Check a filled sheet and write its coding file; return the file's path.

    Raises :class:`ContentError` naming the sheet, row and column of every problem, and
    writes nothing then.
    """
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    file = display_path(path)
    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except (OSError, InvalidFileException, KeyError, ValueError) as err:
        raise UsageError(f"cannot read {file} as an .xlsx workbook ({err})") from None
    missing = [name for name in (CODING, ABOUT) if name not in book.sheetnames]
    if missing:
        raise ContentError(
            [
                Problem(
                    file,
                    "",
                    f"the sheet '{name}' is missing",
                    "fill the workbook casebook coding-sheet wrote, keeping its sheets",
                )
                for name in missing
            ]
        )
    problems: list[Problem] = []
    about = {
        str(row[0]).strip(): row[1]
        for row in book[ABOUT].iter_rows(values_only=True)
        if row and row[0]
    }
    header = {}
    for n, name in enumerate(ABOUT_FIELDS, start=2):
        value: Any = about.get(name)  # a cell as openpyxl reads it: text, number, date
        value = value.isoformat()[:10] if hasattr(value, "isoformat") else value
        if value is None or not str(value).strip():
            problems.append(
                _problem(file, ABOUT, n, "B", f"the {name} is empty", f"fill in your {name}")
            )
        header[name] = str(value or "").strip()

    labels = {point_label(p): p.number for p in corpus.taxonomy.leverage_points.values()}
    known = {i.id for case in corpus.cases for i in case.interventions}
    codings, seen = [], set()
    for n, row in enumerate(book[CODING].iter_rows(min_row=2, values_only=True), start=2):
        values = [*(row or ()), *([None] * len(COLUMNS))][: len(COLUMNS)]
        iid, point, rationale, hesitated = (
            values[0],
            values[POINT_COLUMN - 1],
            values[RATIONALE_COLUMN - 1],
            values[HESITATED_COLUMN - 1],
        )
        if iid is None and point is None and rationale is None:
            continue
        if iid not in known:
            problems.append(
                _problem(
                    file,
                    CODING,
                    n,
                    "A",
                    f"no intervention has id '{iid}'",
                    "keep the intervention column as the sheet was written",
                )
            )
            continue
        if iid in seen:
            problems.append(
                _problem(file, CODING, n, "A", f"'{iid}' appears twice", "keep one row of it")
            )
            continue
        seen.add(iid)
        number = labels.get(str(point).strip()) if point is not None else None
        if number is None and isinstance(point, int | float) and int(point) in labels.values():
            number = int(point)
        if number is None:
            problems.append(
                _problem(
                    file,
                    CODING,
                    n,
                    "E",
                    "no leverage point chosen"
                    if point is None
                    else f"'{point}' is not one of the twelve points",
                    "choose a point from the dropdown (the codebook sheet defines them)",
                )
            )
        if rationale is None or not str(rationale).strip():
            problems.append(
                _problem(
                    file,
                    CODING,
                    n,
                    "F",
                    "the rationale is empty",
                    "say in a sentence why this point",
                )
            )
        if number is not None and rationale and str(rationale).strip():
            reason = " ".join(str(rationale).split())
            if hesitated is not None and str(hesitated).strip():
                reason += f" Hesitated between: {' '.join(str(hesitated).split())}."
            codings.append({"intervention": iid, "leverage_point": number, "rationale": reason})
    if not codings and not problems:
        problems.append(
            Problem(file, f"sheet '{CODING}'", "no intervention is coded", "code at least one row")
        )
    if problems:
        raise ContentError(problems)
    coder = header["coder"]
    try:
        check_coder_name(coder)
    except UsageError as err:
        raise ContentError(
            [_problem(file, ABOUT, 2, "B", str(err).replace("--coder ", "the coder "), "")]
        ) from None
    target = Path(source or paths.CASESTUDIES) / paths.CODINGS_FOLDER / f"{coder}.yml"
    write_atomic(target, coding_file(header, codings))
    return target


def coding_file(header: dict, codings: list[dict]) -> str:
    """The coding file's text: the coder's header, then the codings (docs/coding-protocol.md)."""
    from ruamel.yaml import YAML

    data = {
        "coder": header["coder"],
        "kind": "person",
        "role": header["role"],
        "instructions": "The blind coding sheet (casebook coding-sheet) and its rules: "
        + INSTRUCTIONS,
        "saw": "The codebook and, for each intervention in random order, its text, its "
        "case's title and its cited sources' titles and addresses; nothing of any earlier "
        "coding.",
        "date": header["date"],
        "blind": True,
        "codings": codings,
    }
    out = io.StringIO()
    yaml = YAML()
    yaml.width = 4096
    yaml.dump(data, out)
    return (
        "# A blind coding from the coding sheet (casebook coding-sheet --read); "
        "docs/coding-protocol.md.\n" + out.getvalue()
    )
