"""The blind coding sheet: written for a person, filled as a spreadsheet program would, and
read back into a coding file that casebook agreement compares."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from openpyxl import load_workbook

from casebook.cli import main
from casebook.package.codingsheet import ABOUT, CODEBOOK, CODING


def write(corpus_dir, tmp_path, *extra) -> tuple:
    out = tmp_path / "sheet.xlsx"
    args = ["coding-sheet", "--coder", "jane-doe", "--out", str(out), "--source", str(corpus_dir)]
    assert main([*args, *extra]) == 0
    return out, load_workbook(out)


def test_the_sheet_is_blind_shuffled_and_offers_the_twelve_points(corpus_dir, tmp_path):
    _, book = write(corpus_dir, tmp_path, "--seed", "1")
    assert book.sheetnames == [CODING, CODEBOOK, ABOUT]
    sheet = book[CODING]
    header = [c.value for c in sheet[1]]
    assert header[4:] == ["leverage point", "rationale", "hesitated between"]
    ids = [row[0].value for row in sheet.iter_rows(min_row=2)]
    assert sorted(ids) == [
        "alpha-funding",
        "alpha-goal",
        "alpha-tests",
        "beta-dialogues",
        "beta-network",
    ]
    # the cited sources' titles are there; nothing of the first coding is
    text = " ".join(str(c.value) for row in sheet.iter_rows() for c in row if c.value)
    alpha = (corpus_dir / "alpha.md").read_text()
    assert "It gives parents information they did not have." in alpha
    assert "It gives parents information" not in text  # the first coding's rationale
    assert "review" not in text and "alternatives" not in text
    (validation,) = sheet.data_validations.dataValidation
    assert validation.type == "list" and validation.formula1 == f"'{CODEBOOK}'!$A$2:$A$13"
    assert str(validation.sqref) == f"E2:E{len(ids) + 1}"
    choices = [row[0].value for row in book[CODEBOOK].iter_rows(min_row=2)]
    assert len(choices) == 12 and choices[0].startswith("12 ") and choices[-1].startswith("1 ")
    # the same seed gives the same order; a sample is a pilot round of that many
    again = write(corpus_dir, tmp_path, "--seed", "1")[1]
    assert [r[0].value for r in again[CODING].iter_rows(min_row=2)] == ids
    pilot = write(corpus_dir, tmp_path, "--seed", "1", "--sample", "2")[1]
    assert pilot[CODING].max_row == 3


def fill(out, rows: dict, role="teacher educator") -> None:
    """Fill the sheet as a coder would: a point from the dropdown's list and a reason."""
    book = load_workbook(out)
    sheet = book[CODING]
    choices = {row[1].value: row[0].value for row in book[CODEBOOK].iter_rows(min_row=2)}
    for row in sheet.iter_rows(min_row=2):
        if row[0].value in rows:
            point, reason = rows[row[0].value]
            row[4].value = choices.get(point, point)
            row[5].value = reason
            row[6].value = "5 and 3" if point == 5 else None
    book[ABOUT]["B3"] = role
    book.save(out)


def test_a_filled_sheet_becomes_a_coding_file_that_agreement_reports(corpus_dir, tmp_path, capsys):
    out, _ = write(corpus_dir, tmp_path, "--seed", "2", "--sample", "3")
    sampled = [r[0].value for r in load_workbook(out)[CODING].iter_rows(min_row=2)]
    fill(out, {iid: (5, f"A reason for {iid}.") for iid in sampled})
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice:  # saved again by LibreOffice, as a coder using it would
        subprocess.run(
            [
                soffice,
                "--headless",
                "--convert-to",
                "xlsx",
                "--outdir",
                str(tmp_path / "lo"),
                str(out),
            ],
            check=True,
            capture_output=True,
            timeout=120,
        )
        out = tmp_path / "lo" / out.name
    assert main(["coding-sheet", "--read", str(out), "--source", str(corpus_dir)]) == 0
    written = corpus_dir / "codings" / "jane-doe.yml"
    text = written.read_text()
    assert "kind: person" in text and "role: teacher educator" in text
    assert "Hesitated between: 5 and 3." in text
    capsys.readouterr()
    assert main(["build", "--source", str(corpus_dir), "--out", str(tmp_path / "o")]) == 0
    assert main(["agreement", "--source", str(corpus_dir), "--coder", "jane-doe"]) == 0
    report = capsys.readouterr().out
    assert "coder-1 (a person) and jane-doe (a person), 3 interventions coded by both" in report
    assert "this is inter-coder reliability" in report
    assert "not coded by jane-doe (2)" in report


def test_every_problem_in_a_filled_sheet_is_named_by_sheet_row_and_column(
    corpus_dir, tmp_path, capsys
):
    out, book = write(corpus_dir, tmp_path, "--seed", "3")
    first, second = [r[0].value for r in book[CODING].iter_rows(min_row=2, max_row=3)]
    fill(out, {first: ("13 Nothing", "A reason."), second: (5, "  ")}, role=None)
    capsys.readouterr()
    assert main(["coding-sheet", "--read", str(out), "--source", str(corpus_dir)]) == 1
    err = capsys.readouterr().err
    assert "sheet 'About you', row 3, column 'B': the role is empty" in err
    assert "sheet 'Coding', row 2, column 'E': '13 Nothing' is not one of the twelve points" in err
    assert "sheet 'Coding', row 3, column 'F': the rationale is empty" in err
    assert "Traceback" not in err
    assert not (corpus_dir / "codings").exists()  # nothing written


@pytest.mark.parametrize(
    "args, message",
    [
        (["--coder", "coder-1"], "coder-1 is the case files' own tags"),
        (["--coder", "Jane Doe"], "is not a usable name"),
        (["--coder", "ok", "--sample", "99"], "--sample must be between 1 and 5"),
        ([], "say what to do"),
    ],
)
def test_bad_requests_are_refused_with_a_message(corpus_dir, tmp_path, capsys, args, message):
    out = ["--out", str(tmp_path / "s.xlsx")] if args else []
    assert main(["coding-sheet", *args, *out, "--source", str(corpus_dir)]) == 1
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err
