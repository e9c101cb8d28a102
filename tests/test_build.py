"""Building the data package: Frictionless-valid, atomic, and checked for drift."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from casebook import paths
from casebook.cli import main
from casebook.errors import ContentError
from casebook.package.datapackage import PackageInvalid, build, drift
from casebook.package.schema import TABLES


@pytest.fixture(scope="module")
def built(fixture_folder, tmp_path_factory) -> tuple[Path, object]:
    """The fixture corpus built once, and validated, into a data package (folder, result);
    read it only. Tests about other things than validity build with ``validate=False``, which
    skips the Frictionless check that these tests already make."""
    out = tmp_path_factory.mktemp("built") / "data"
    return out, build(fixture_folder, out)


def snapshot(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.mark.slow  # Frictionless reads every row
def test_build_writes_every_table_and_frictionless_validates_it(built):
    out, result = built
    assert result.counts["cases"] == 2
    assert result.counts["interventions"] == 5
    package = json.loads((out / "datapackage.json").read_text())
    names = [r["name"] for r in package["resources"]]
    for required in (
        "cases",
        "interventions",
        "outcomes",
        "sources",
        "timeline",
        "perspectives",
        "quotes",
        "leverage_points",
    ):
        assert required in names
    interventions = next(r for r in package["resources"] if r["name"] == "interventions")
    assert interventions["schema"]["primaryKey"] == ["id"]
    assert {
        "fields": ["leverage_point"],
        "reference": {"resource": "leverage_points", "fields": ["id"]},
    } in interventions["schema"]["foreignKeys"]
    assert {
        "fields": ["case_id"],
        "reference": {"resource": "cases", "fields": ["id"]},
    } in interventions["schema"]["foreignKeys"]
    outcomes = next(r for r in package["resources"] if r["name"] == "outcomes")
    assert {
        "fields": ["source_id"],
        "reference": {"resource": "sources", "fields": ["id"]},
    } in outcomes["schema"]["foreignKeys"]
    # Frictionless itself, not casebook's wrapper around it, agrees: every table is checked,
    # keys included, and none has an error.
    import frictionless

    report = frictionless.validate(str(out / "datapackage.json"))
    assert report.valid, report.flatten(["type", "note"])
    assert sorted(task.name for task in report.tasks) == sorted(t.name for t in TABLES)


def test_tables_hold_what_the_case_files_say(built):
    import pandas as pd

    out, _ = built
    cases = pd.read_csv(out / "cases.csv").set_index("id")
    assert cases.loc["alpha", "leverage_points"] == "3;6;12"
    assert cases.loc["alpha", "deepest_leverage_point"] == 3
    assert cases.loc["beta", "approach"] == "bottom-up"
    interventions = pd.read_csv(out / "interventions.csv").set_index("id")
    assert interventions.loc["alpha-tests", "characteristic_id"] == "design"
    assert interventions.loc["beta-dialogues", "characteristic_id"] == "intent"
    timeline = pd.read_csv(out / "timeline.csv")
    assert list(timeline["date"].astype(str)) == ["2010", "2011-03"]  # sorted by date
    assert list(timeline["id"]) == [
        "alpha-2010",
        "alpha-2011-03",
    ]  # named by date: stable when events are added
    disagreements = pd.read_csv(out / "disagreements.csv")
    assert disagreements.loc[0, "subject"] == "alpha-reading"
    citations = pd.read_csv(out / "citations.csv")
    assert {"alpha", "beta"} == set(citations["case_id"].dropna())
    assert ((citations["case_id"] == "alpha") & (citations["source_id"] == "blog-undated")).any()
    claims = pd.read_csv(out / "claims.csv")
    assert claims.loc[0, "source_ids"] == "meadows-1999;report-2020"
    assert (
        (citations["claim_id"] == "goals-matter") & (citations["source_id"] == "report-2020")
    ).any()


def test_the_readers_fields_are_in_the_tables_and_described(built, fixture_corpus):
    import pandas as pd

    out, _ = built
    cases = pd.read_csv(out / "cases.csv").set_index("id")
    for case in fixture_corpus.cases:
        assert cases.loc[case.id, "summary"] == case.summary
    outcomes = pd.read_csv(out / "outcomes.csv").set_index("id")
    assert outcomes["headline"].dtype == bool
    assert outcomes.loc["alpha-reading", "headline"]
    package = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))
    fields = {
        (r["name"], f["name"]): f for r in package["resources"] for f in r["schema"]["fields"]
    }
    assert fields["cases", "summary"]["type"] == "string"
    assert fields["outcomes", "headline"]["type"] == "boolean"
    assert "60 to 90 words" in fields["cases", "summary"]["description"]
    assert "headline" in fields["outcomes", "headline"]["description"]


def test_every_headline_outcome_and_only_those_is_flagged_in_the_committed_data(real_corpus):
    import pandas as pd

    outcomes = pd.read_csv(paths.DATA / "outcomes.csv").set_index("id")
    flagged = set(outcomes.index[outcomes["headline"]])
    assert flagged == {h for case in real_corpus.cases for h in case.headline}
    assert len(flagged) < len(outcomes)  # the flag tells some outcomes from others
    cases = pd.read_csv(paths.DATA / "cases.csv").set_index("id")
    assert {c.id: c.summary for c in real_corpus.cases} == cases["summary"].to_dict()


def test_columns_match_the_declared_schemas(built):
    import pandas as pd

    out, _ = built
    for table in TABLES:
        assert list(pd.read_csv(out / f"{table.name}.csv").columns) == table.columns


def test_a_failed_build_leaves_the_output_exactly_as_it_was(corpus_dir, tmp_path, capsys):
    out = tmp_path / "data"
    build(corpus_dir, out)
    (out / "notes.txt").write_text("kept")
    before = snapshot(out)
    broken = corpus_dir / "alpha.md"
    broken.write_text(broken.read_text().replace("leverage_point: 6", "leverage_point: six"))
    status = main(["build", "--source", str(corpus_dir), "--out", str(out)])
    err = capsys.readouterr().err
    assert status == 1
    assert "alpha.md:29: interventions[1].leverage_point: " in err
    assert "is not a number from 1 to 12" in err
    assert "Traceback" not in err
    assert snapshot(out) == before


def test_a_package_that_breaks_its_own_schema_is_refused_and_leaves_the_output(
    corpus_dir, tmp_path, capsys, monkeypatch
):
    from casebook.package import fragments

    out = tmp_path / "data"
    build(corpus_dir, out)
    before = snapshot(out)
    rows_of = fragments.case_rows

    def with_an_intervention_twice_and_a_bad_year(case, tax, related):
        rows = rows_of(case, tax, related)
        rows["interventions"].append(rows["interventions"][0])
        rows["cases"][0]["period_start"] = "about 1990"
        return rows

    monkeypatch.setattr(fragments, "case_rows", with_an_intervention_twice_and_a_bad_year)
    monkeypatch.setenv("CASEBOOK_CACHE", "off")  # these broken rows must not be kept
    with pytest.raises(PackageInvalid) as err:
        build(corpus_dir, out)
    assert str(err.value).startswith("the built package is not valid:\n  ")
    assert "cases: row 'alpha', period_start: " in str(err.value)
    assert "interventions: the id 'alpha-goal' appears more than once" in str(err.value)
    assert main(["build", "--source", str(corpus_dir), "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("casebook: the built package is not valid:\n  ")
    assert "Traceback" not in err
    assert snapshot(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["casestudies", "data"]  # no staging


def test_a_build_removes_tables_it_no_longer_writes(corpus_dir, tmp_path):
    out = tmp_path / "data"
    build(corpus_dir, out)
    package = json.loads((out / "datapackage.json").read_text())
    package["resources"].append({"name": "old", "path": "old.csv"})
    (out / "datapackage.json").write_text(json.dumps(package))
    (out / "old.csv").write_text("id\n1\n")
    build(corpus_dir, out)
    assert not (out / "old.csv").exists()


def test_check_reports_drift(corpus_dir, tmp_path, capsys):
    out = tmp_path / "data"
    build(corpus_dir, out)
    assert drift(corpus_dir, out) == []
    assert main(["check", "--source", str(corpus_dir), "--out", str(out)]) == 0
    beta = corpus_dir / "beta.md"
    beta.write_text(beta.read_text().replace("Testimony only.", "Testimony and one survey."))
    assert main(["check", "--source", str(corpus_dir), "--out", str(out)]) == 1
    assert "cases.csv differs from the case files" in capsys.readouterr().err


def test_the_build_is_deterministic(corpus_dir, tmp_path):
    build(corpus_dir, tmp_path / "one")
    build(corpus_dir, tmp_path / "two")
    assert snapshot(tmp_path / "one") == snapshot(tmp_path / "two")


def test_command_line_without_traceback_for_a_missing_folder(tmp_path, capsys):
    assert (
        main(["build", "--source", str(tmp_path / "nowhere"), "--out", str(tmp_path / "out")]) == 1
    )
    err = capsys.readouterr().err
    assert "the case folder does not exist" in err and "Traceback" not in err
    assert not (tmp_path / "out").exists()


def test_the_committed_data_is_up_to_date():
    assert drift() == [], "run 'casebook build' and commit data/"


def test_the_real_corpus_package_validates(real_corpus, tmp_path):
    result = build(paths.CASESTUDIES, tmp_path / "data")
    assert result.counts["cases"] == len(real_corpus.cases)
    assert result.counts["interventions"] == sum(len(c.interventions) for c in real_corpus.cases)
    assert result.counts["sources"] == len(real_corpus.sources)


def test_content_error_lists_every_file(corpus_dir):
    for name in ("alpha.md", "beta.md"):
        path = corpus_dir / name
        path.write_text(path.read_text().replace("period:", "periodd:"))
    with pytest.raises(ContentError) as err:
        build(corpus_dir, corpus_dir.parent / "out")
    files = {p.file.rsplit("/", 1)[-1] for p in err.value.problems}
    assert files == {"alpha.md", "beta.md"}


def test_the_build_does_not_depend_on_the_working_directory(corpus_dir, tmp_path, monkeypatch):
    build(corpus_dir, tmp_path / "here")
    monkeypatch.chdir(tmp_path)
    build(corpus_dir, tmp_path / "there")
    assert snapshot(tmp_path / "here") == snapshot(tmp_path / "there")


def test_relations_go_both_ways(corpus_dir, tmp_path):
    import pandas as pd

    beta = corpus_dir / "beta.md"
    beta.write_text(beta.read_text().replace("related: [alpha]", "related: []"))
    build(corpus_dir, tmp_path / "data")
    cases = pd.read_csv(tmp_path / "data" / "cases.csv").set_index("id")
    assert cases.loc["beta", "related_case_ids"] == "alpha"  # alpha names beta


def test_a_failed_build_into_a_new_folder_creates_nothing(corpus_dir, tmp_path):
    alpha = corpus_dir / "alpha.md"
    alpha.write_text(alpha.read_text().replace("level: national", "level: nowhere"))
    with pytest.raises(ContentError):
        build(corpus_dir, tmp_path / "new" / "data")
    assert not (tmp_path / "new" / "data").exists()
