"""The brief: a real kernel, a standalone page with every section, offline, safe, atomic."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from browser import offline_page
from conftest import make_theme

from casebook.brief import Brief, make_brief
from casebook.cli import main
from casebook.content.corpus import load_corpus
from casebook.errors import ContentError, UsageError

SECTIONS = (
    "Introduction",
    "Story",
    "Perspectives",
    "Evidence",
    "Examples",
    "Insights",
    "Questions / What's next",
    "Useful links",
)


@pytest.fixture(scope="module")
def brief_html(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("briefs")
    [path] = make_brief("shared-purpose", out=out)
    assert path == out / "shared-purpose.html"
    return path


@pytest.mark.kernel
def test_the_brief_has_every_section_in_order(brief_html):
    html = brief_html.read_text(encoding="utf-8")
    headings = re.findall(r"<h2>(.*?)</h2>", html)
    assert [h.replace("&#39;", "'") for h in headings] == list(SECTIONS)
    assert "<h1>Shared purpose</h1>" in html


@pytest.mark.kernel
def test_the_brief_has_no_code_and_loads_nothing_from_the_network(brief_html):
    html = brief_html.read_text(encoding="utf-8")
    assert "Brief.load" not in html and "jp-InputArea" not in html
    assert not re.search(r"<script[^>]+src=", html)
    assert not re.search(r"<link[^>]+href=[\"']https?:", html)
    # (plotly.js itself is inline; it names CDNs in strings it never fetches here, which the
    # browser test below checks by blocking every request.)


@pytest.mark.kernel
def test_every_citation_points_at_a_listed_source(brief_html):
    html = brief_html.read_text(encoding="utf-8")
    cited = {int(n) for n in re.findall(r'href="#ref-(\d+)"', html)}
    listed = {int(n) for n in re.findall(r'<li id="ref-(\d+)"', html)}
    assert cited and cited == listed == set(range(1, len(listed) + 1))


@pytest.mark.browser
@pytest.mark.kernel
def test_the_brief_draws_offline_in_a_real_browser(brief_html, tmp_path):
    with offline_page() as page:
        page.goto(brief_html.as_uri())
        page.wait_for_selector(".js-plotly-plot .main-svg", timeout=15000)
        bars = page.locator(".js-plotly-plot .bars path").count()
        page.screenshot(path=str(tmp_path / "brief.png"))
        assert page.errors == []
        assert page.blocked == []  # the page asked for nothing beyond itself
    assert bars > 0


def test_unknown_theme_lists_the_available_ones(capsys, no_kernel):
    with pytest.raises(UsageError, match=r"no theme 'nope' in themes; available: .*shared-purpose"):
        make_brief("nope")
    assert main(["brief", "nope"]) == 1
    assert "available:" in capsys.readouterr().err


def test_unknown_format_lists_the_available_ones(no_kernel):
    with pytest.raises(UsageError, match="unknown format odt; available: html, pdf, docx"):
        make_brief("shared-purpose", formats=["odt"])
    assert no_kernel.started == 0  # refused before a kernel is started


def test_briefs_without_all_asks_for_it(capsys, no_kernel):
    assert main(["briefs"]) == 1
    assert capsys.readouterr().err == (
        "casebook: say which briefs: --all writes one for every theme in themes/\n"
    )
    assert no_kernel.started == 0


def test_a_failed_brief_leaves_the_previous_one(corpus_dir, tmp_path, no_kernel):
    out = tmp_path / "briefs"
    out.mkdir()
    previous = out / "shared-purpose.html"
    previous.write_text("the previous brief")
    broken = corpus_dir / "alpha.md"
    broken.write_text(broken.read_text().replace("level: national", "level: nowhere"))
    with pytest.raises(ContentError):
        make_brief("shared-purpose", source=corpus_dir, out=out)
    assert previous.read_text() == "the previous brief"
    assert [p.name for p in out.iterdir()] == ["shared-purpose.html"]


def test_hostile_text_in_a_case_file_stays_inert(corpus_dir):
    alpha = corpus_dir / "alpha.md"
    alpha.write_text(
        alpha.read_text().replace(
            "Alpha announced a goal [@report-2020]",
            'Alpha <script>alert("x")</script> announced <a href="javascript:alert(1)">a goal</a> '
            "[bad](javascript:alert(2)) [@report-2020]",
        )
    )
    corpus = load_corpus(corpus_dir)
    theme = make_theme(introduction="<iframe src=x></iframe> Intro.")
    brief = Brief(theme, corpus)
    html = brief.story().html + brief.introduction().html
    assert "<script" not in html and "<iframe" not in html
    assert '<a href="javascript' not in html  # shown as escaped text, never a live link
    assert "&lt;script&gt;" in html


def test_examples_and_insights_follow_the_selection(fixture_corpus):
    corpus = fixture_corpus
    theme = make_theme(selection={"approaches": ["bottom-up"]})
    brief = Brief(theme, corpus)
    assert list(brief.selected["id"]) == ["beta"]
    examples = brief.examples().html
    assert "Beta&#39;s communities define a purpose" in examples
    assert "Alpha" not in examples
    parts = brief.insights()
    text = "".join(p.html for p in parts if hasattr(p, "_repr_html_"))
    # one case, one approach: no comparison by approach, and no constant counted as a finding
    assert "by approach" not in text and "firmest evidence" not in text
    assert "rest on thin evidence" not in text  # the one case is thin: a constant
    assert "No case here pulled leverage points 12 (constants, parameters, numbers)" in text
    charts = [p for p in parts if hasattr(p, "figure")]
    assert len(charts) == 3
    assert [c.standalone for c in charts] == [False, False, False]


@pytest.mark.kernel
def test_where_filters_narrow_the_selection_and_name_the_file(tmp_path):
    [path] = make_brief("intent", out=tmp_path, where=["level=national", "approach=top-down"])
    assert path.name == "intent--level-national--approach-top-down.html"
    html = path.read_text(encoding="utf-8")
    assert "(characteristics: intent; approaches: top-down; levels: national)" in html
    brief = Brief.load("intent", where=["level=national", "approach=top-down"])
    assert set(brief.selected["level"]) == {"national"}
    assert set(brief.selected["approach"]) == {"top-down"}
    for case_id in brief.selected["id"]:
        assert f"<h3>{brief.corpus.case(case_id).title}" in html.replace("&#39;", "'")


@pytest.mark.parametrize(
    ("where", "message"),
    [
        (["colour=red"], "use FIELD=VALUE with FIELD one of: leverage_point, characteristic"),
        (["level=planet"], "unknown level; valid values: national, regional, municipal"),
        (["leverage_point=13"], "unknown leverage_point; valid values: 12, 11"),
    ],
)
def test_bad_filters_list_the_valid_ones(where, message, no_kernel):
    with pytest.raises(UsageError, match=message):
        make_brief("intent", where=where)


@pytest.mark.kernel
def test_a_kernel_failure_leaves_the_previous_brief(tmp_path, monkeypatch):
    import nbformat

    from casebook import paths
    from casebook.jupyter.kernel import NotebookFailed

    broken = tmp_path / "broken.ipynb"
    nb = nbformat.v4.new_notebook()
    params = nbformat.v4.new_code_cell("theme = None")
    params.metadata["tags"] = ["parameters"]
    nb.cells = [params, nbformat.v4.new_code_cell("raise ValueError('the data ran out')")]
    nbformat.write(nb, broken)
    monkeypatch.setattr(paths, "BRIEF_NOTEBOOK", broken)
    out = tmp_path / "briefs"
    out.mkdir()
    (out / "intent.html").write_text("the previous brief")
    with pytest.raises(NotebookFailed, match=r"broken\.ipynb failed: ValueError: the data ran out"):
        make_brief("intent", out=out)
    assert (out / "intent.html").read_text() == "the previous brief"
    assert [p.name for p in out.iterdir()] == ["intent.html"]


@pytest.mark.kernel
def test_two_runs_at_once_do_not_corrupt_each_other(tmp_path):
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(2) as pool:
        results = list(pool.map(lambda _: make_brief("feedbacks", out=tmp_path), range(2)))
    assert results[0] == results[1] == [tmp_path / "feedbacks.html"]
    html = (tmp_path / "feedbacks.html").read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and html.rstrip().endswith("</html>")
    assert html.count("<h2>Insights</h2>") == 1
    assert [p.name for p in tmp_path.iterdir()] == ["feedbacks.html"]  # no temporary files left


@pytest.mark.browser
@pytest.mark.kernel
def test_pdf_is_printed_with_every_section(tmp_path):
    import shutil
    import subprocess

    paths_written = make_brief("parameters", out=tmp_path, formats=["html", "pdf"])
    assert [p.name for p in paths_written] == ["parameters.html", "parameters.pdf"]
    pdf = tmp_path / "parameters.pdf"
    assert pdf.read_bytes().startswith(b"%PDF")
    text = subprocess.run(
        [shutil.which("pdftotext") or "pdftotext", str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    for heading in SECTIONS:
        assert heading in text, heading


@pytest.mark.kernel
def test_briefs_all_writes_every_theme(tmp_path, capsys):
    from casebook.content.themes import available_themes

    assert main(["briefs", "--all", "--out", str(tmp_path)]) == 0
    assert sorted(p.stem for p in tmp_path.glob("*.html")) == available_themes()
    assert len(available_themes()) >= 6


@pytest.mark.kernel
def test_the_notebook_still_runs_under_papermill(run_notebook):
    executed = run_notebook("brief.ipynb", theme="design", where=["region=sub-saharan-africa"])
    html = "".join(
        o.get("data", {}).get("text/html", "") for c in executed.cells for o in c.get("outputs", [])
    )
    assert "<h1>Design: information, rules and the power to self-organise</h1>" in html
    assert "Tanzania" in html


def test_where_narrows_and_never_widens(real_corpus):
    tax = real_corpus.taxonomy

    def cases(keep) -> set[str]:
        return {c.id for c in real_corpus.cases if keep(c)}

    def works_at(characteristic):
        return lambda case: any(
            tax.characteristic_of(i.leverage_point) == characteristic for i in case.interventions
        )

    parameters = cases(works_at("parameters"))  # the theme's own selection
    feedbacks = cases(works_at("feedbacks"))
    top_down = cases(lambda case: case.approach.type == "top-down")
    # the corpus makes each step tell: a filter that drops cases, one that keeps some
    assert set() < parameters & top_down < parameters
    assert set() < parameters & feedbacks < parameters
    assert top_down - parameters

    assert set(Brief.load("parameters").selected["id"]) == parameters
    narrowed = Brief.load("parameters", where=["approach=top-down"])
    assert set(narrowed.selected["id"]) == parameters & top_down
    # a characteristic filter must hold as well as the theme's characteristic, not instead
    also_feedbacks = Brief.load("parameters", where=["characteristic=feedbacks"])
    assert set(also_feedbacks.selected["id"]) == parameters & feedbacks
    replaced = Brief.load("parameters", where=["approach=top-down"], replace_selection=True)
    assert set(replaced.selected["id"]) == top_down
