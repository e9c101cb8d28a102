"""Exports for reference managers and spreadsheets."""

from __future__ import annotations

import json
import re

import pytest

from casebook.cli import main
from casebook.errors import UsageError
from casebook.package.bibliography import bibtex, csl_json, csl_name
from casebook.package.export import export
from casebook.package.schema import TABLES


def test_bibtex_has_one_entry_per_source_with_its_fields(fixture_corpus):
    corpus = fixture_corpus
    text = bibtex(corpus)
    keys = re.findall(r"^@(\w+)\{([^,]+),", text, re.M)
    assert sorted(k for _, k in keys) == sorted(corpus.sources)
    assert ("techreport", "report-2020") in keys
    assert ("misc", "seed-003") in keys
    entry = text[text.index("@techreport{report-2020,") :].split("\n}\n")[0]
    assert "  title = {{A Test Report}}" in entry
    assert "  author = {{Test Organisation}}" in entry
    assert "  year = {2020}" in entry
    assert "  url = {https://example.org/report}" in entry
    assert "Seed document 003\\_1a9bc7431defb954.txt" in text  # underscores escaped
    assert text.count("{") == text.count("}")


def test_people_are_split_and_organisations_kept_whole(fixture_corpus):
    corpus = fixture_corpus
    [meadows] = corpus.sources["meadows-1999"].authors
    assert csl_name(meadows) == {"family": "Meadows", "given": "Donella H."}
    [organisation] = corpus.sources["report-2020"].authors
    assert csl_name(organisation) == {"literal": "Test Organisation"}
    assert "Meadows, Donella H." in bibtex(corpus)


def test_csl_json_items(fixture_corpus):
    items = {item["id"]: item for item in json.loads(csl_json(fixture_corpus))}
    assert items["report-2020"]["type"] == "report"
    assert items["report-2020"]["issued"] == {"date-parts": [[2020]]}
    assert items["report-2020"]["URL"] == "https://example.org/report"
    assert items["blog-undated"]["note"] == "Undated"
    assert "issued" not in items["blog-undated"]
    assert {item["language"] for item in items.values()} == {"en"}


def test_xlsx_has_a_sheet_per_table(corpus_dir, tmp_path):
    from openpyxl import load_workbook

    out = tmp_path / "casebook.xlsx"
    assert main(["export", "xlsx", "--source", str(corpus_dir), "--out", str(out)]) == 0
    book = load_workbook(out, read_only=True)
    assert book.sheetnames == ["about", *[t.name for t in TABLES]]
    cases = list(book["cases"].values)
    assert cases[0][:2] == ("id", "title")
    assert [row[0] for row in cases[1:]] == ["alpha", "beta"]
    about = {row[0]: row for row in book["about"].values}
    assert about["interventions"][3] == 5


def test_export_writes_nothing_when_the_corpus_is_invalid(corpus_dir, tmp_path):
    out = tmp_path / "refs.bib"
    out.write_text("previous")
    alpha = corpus_dir / "alpha.md"
    alpha.write_text(alpha.read_text().replace("grade: moderate", "grade: great"))
    assert main(["export", "bibtex", "--source", str(corpus_dir), "--out", str(out)]) == 1
    assert out.read_text() == "previous"


def test_unknown_export_kind_lists_the_available_ones(tmp_path):
    with pytest.raises(
        UsageError, match=r"unknown export 'endnote'; available: bibtex, csl-json, ris, xlsx$"
    ):
        export("endnote", tmp_path / "x")
    with pytest.raises(UsageError, match=r"available: bibtex, csl-json, ris, xlsx, qca$"):
        export("endnote", tmp_path / "x", more={"qca": lambda corpus: ""})
    assert not (tmp_path / "x").exists()


def test_the_command_line_exports_the_qca_calibration(corpus_dir, tmp_path, capsys):
    out = tmp_path / "qca.csv"
    assert main(["export", "qca", "--source", str(corpus_dir), "--out", str(out)]) == 0
    assert out.read_text(encoding="utf-8").splitlines() == [
        "case_id,INTENT,COCREATION,GOVERNMENT,LONG,MEASURED,IMPROVED",
        "alpha,1,0,1,0,1,1",
        "beta,1,1,0,0,0,0",
    ]
    # two cases that agree on a condition, and columns that split them exactly as their
    # evidence grades do: the export says so, naming each
    err = capsys.readouterr().err.splitlines()
    assert [line.split(",")[0] for line in err] == [
        "warning: condition INTENT is 1 for all 2 cases analysed",
        "warning: condition LONG is 0 for all 2 cases analysed",
        *(
            f"warning: {column} sorts 100% of the 2 cases analysed as their evidence grade "
            "does (moderate or strong against limited or anecdotal)"
            for column in ("COCREATION", "GOVERNMENT", "IMPROVED")
        ),
    ]
    assert err[0].endswith("recalibrate it in data/taxonomy/qca.yml or analyse other cases")


def test_xlsx_keeps_text_that_looks_like_a_formula_as_text(corpus_dir, tmp_path):
    from openpyxl import load_workbook

    alpha = corpus_dir / "alpha.md"
    alpha.write_text(
        alpha.read_text().replace("title: Alpha sets a new goal", 'title: "=HYPERLINK(\\"x\\")"')
    )
    out = tmp_path / "book.xlsx"
    export("xlsx", out, corpus_dir)
    cell = load_workbook(out)["cases"]["B2"]
    assert cell.value == '=HYPERLINK("x")'
    assert cell.data_type == "s"


def test_a_selections_workbook_holds_its_cases_and_only_the_sources_they_cite(fixture_tables):
    import io

    import openpyxl

    from casebook.package.export import xlsx_bytes

    book = openpyxl.load_workbook(io.BytesIO(xlsx_bytes(fixture_tables, {"beta"})))
    cases = [row[0] for row in book["cases"].iter_rows(min_row=2, values_only=True)]
    sources = {row[0] for row in book["sources"].iter_rows(min_row=2, values_only=True)}
    citations = fixture_tables["citations"]
    cited_by_beta = set(citations.loc[citations["case_id"] == "beta", "source_id"])
    assert cases == ["beta"]
    assert sources == cited_by_beta
    assert sources < set(fixture_tables["sources"]["id"])  # some sources left out
