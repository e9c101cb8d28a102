"""casebook site: the static site's files, pages and downloads, without a browser
(tests/test_site_browser.py opens them in chromium)."""

from __future__ import annotations

import json
import re
import shutil
from html.parser import HTMLParser

import pytest
from browser import HOSTILE, make_hostile
from conftest import FIXTURE, FIXTURE_THEME

from casebook import paths
from casebook.cli import main
from casebook.errors import ContentError, UsageError
from casebook.site.content import map_data, point_label
from casebook.site.write import plotly_js_path, write_single_file, write_site


class PageText(HTMLParser):
    """A page's visible text and the addresses its scripts, styles and links load."""

    def __init__(self):
        super().__init__()
        self.text, self.loads, self._skip = [], [], 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("script", "style"):
            self._skip += 1
        if tag == "script" and attrs.get("src"):
            self.loads.append(attrs["src"])
        if tag == "link" and attrs.get("href"):
            self.loads.append(attrs["href"])
        if tag == "img" and attrs.get("src"):
            self.loads.append(attrs["src"])

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.text.append(data)


def read_page(path) -> PageText:
    parser = PageText()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The fixture corpus's site with the fixture theme and a printed brief, written once for
    the tests that read it (a test that writes again uses a folder of its own)."""
    root = tmp_path_factory.mktemp("site")
    corpus = root / "casestudies"
    shutil.copytree(FIXTURE, corpus)
    themes = root / "themes"
    themes.mkdir()
    (themes / "fixture.md").write_text(FIXTURE_THEME, encoding="utf-8")
    briefs = root / "briefs"
    briefs.mkdir()
    (briefs / "fixture.pdf").write_bytes(b"%PDF-1.4 a printed brief")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(paths, "THEMES", themes)
        patch.setenv("CASEBOOK_THEMES", str(themes))
        yield write_site(root / "public", corpus, briefs)


def test_the_site_holds_the_map_every_case_theme_and_download(site, fixture_corpus):
    assert (site / "index.html").is_file()
    for case in fixture_corpus.cases:
        assert (site / "cases" / f"{case.id}.html").is_file()
    assert (site / "themes" / "fixture.html").is_file()
    assert (site / "themes" / "index.html").is_file()
    for name in ("cases.csv", "datapackage.json", "dataset.jsonld", "casebook.xlsx"):
        assert (site / "data" / name).is_file(), name
    for name in ("casebook.bib", "casebook.csl.json", "casebook.ris"):
        assert (site / "data" / name).stat().st_size > 0, name
    # plotly.js is the installed package's own file, byte for byte
    assert (site / "assets" / "plotly.min.js").read_bytes() == plotly_js_path().read_bytes()
    # the theme links its built brief, copied beside the pages, and says which are missing
    theme = (site / "themes" / "fixture.html").read_text(encoding="utf-8")
    assert 'href="../briefs/fixture.pdf"' in theme
    assert (site / "briefs" / "fixture.pdf").read_bytes() == b"%PDF-1.4 a printed brief"
    assert "fixture.html" not in theme.split("The brief")[1].split("Questions")[0]


@pytest.mark.slow  # Frictionless, openpyxl and pybtex over the downloads
def test_the_downloads_open_in_the_tools_their_users_use(site):
    import openpyxl
    from frictionless import Package
    from pybtex.database import parse_file

    assert Package(str(site / "data" / "datapackage.json")).validate().valid
    book = openpyxl.load_workbook(site / "data" / "casebook.xlsx", read_only=True)
    assert "cases" in book.sheetnames
    assert len(parse_file(str(site / "data" / "casebook.bib")).entries) > 0
    assert json.loads((site / "data" / "casebook.csl.json").read_text(encoding="utf-8"))
    data_page = (site / "data.html").read_text(encoding="utf-8")
    for name in ("casebook.xlsx", "casebook.bib", "cases.csv", "datapackage.json"):
        assert f'href="data/{name}"' in data_page


def test_no_page_loads_anything_from_the_network(site, corpus_dir, tmp_path):
    single = write_single_file(tmp_path / "map.html", corpus_dir)
    pages = [*site.rglob("*.html"), single]
    for page in pages:
        for address in read_page(page).loads:
            assert not re.match(r"^(https?:)?//", address), f"{page.name} loads {address}"
    # the single file carries everything: no script, style or link of its own to fetch
    assert read_page(single).loads == []
    assert "Plotly" in single.read_text(encoding="utf-8")


# what only the people who keep the data know: the case files, their folder and the coders' ids
INTERNAL = re.compile(r"casestudies/|\.md\b|\.ya?ml\b|\bREADME\b|\bcoder-\d")


def test_pages_speak_to_readers_without_ids_or_file_names(site, fixture_corpus):
    pages = [*site.glob("cases/*.html"), *site.glob("themes/*.html")]
    for page in [*pages, site / "index.html", site / "data.html"]:
        text = " ".join(read_page(page).text)
        assert not INTERNAL.search(text), f"{page.name}: {INTERNAL.search(text)[0]}"
        for source in fixture_corpus.sources.values():
            assert source.id not in text, f"{page.name} shows the source id {source.id}"
            if source.file:
                assert source.file not in text, f"{page.name} names the file {source.file}"


def test_no_case_page_of_the_casebook_names_a_case_or_source_by_its_id():
    """The casebook's own cases, as a reader sees them: another case by its name, a source
    by its citation, never by the id that only the case files use (web addresses aside)."""
    from casebook.content.corpus import load_corpus
    from casebook.site.pages import case_html

    corpus = load_corpus()
    ids = {case.id for case in corpus.cases} | set(corpus.sources)
    for case in corpus.cases:
        page = PageText()
        page.feed(case_html(corpus, case.id))
        text = re.sub(r"\S*https?://\S+", " ", " ".join(page.text))
        named = set(re.findall(r"[a-z0-9]+(?:-[a-z0-9]+)+", text)) & ids
        assert not named, f"{case.id} names {sorted(named)}"
        assert not INTERNAL.search(text), case.id


def test_a_case_page_has_the_story_results_interventions_and_sources(site, fixture_corpus):
    case = fixture_corpus.case("alpha")
    text = " ".join(read_page(site / "cases" / "alpha.html").text)
    assert case.title in text
    for intervention in case.interventions:
        assert f"{intervention.leverage_point} · " in text
    assert "Sources" in text and "What happened" in text
    if case.outcomes:
        assert "Results" in text


def test_markup_in_a_case_file_reaches_the_pages_as_text(corpus_dir, fixture_theme, tmp_path):
    make_hostile(corpus_dir)
    site = write_site(tmp_path / "public", corpus_dir)
    for page in [site / "index.html", site / "cases" / "alpha.html"]:
        html = page.read_text(encoding="utf-8")
        assert "<script>window.pwned" not in html
        assert "<img src=x" not in html
    # the embedded data is JSON that no title can close early
    assert HOSTILE not in (site / "index.html").read_text(encoding="utf-8")


def test_a_failed_run_leaves_the_earlier_site_as_it_was(site, corpus_dir):
    before = (site / "index.html").read_text(encoding="utf-8")
    (corpus_dir / "alpha.md").write_text("---\nid: alpha\n---\n", encoding="utf-8")
    with pytest.raises(ContentError):
        write_site(site, corpus_dir)
    assert (site / "index.html").read_text(encoding="utf-8") == before


def test_a_folder_that_is_not_a_site_is_never_replaced(tmp_path, corpus_dir, fixture_theme):
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "notes.txt").write_text("keep me", encoding="utf-8")
    with pytest.raises(UsageError, match="not a casebook site"):
        write_site(tmp_path / "mine", corpus_dir)
    assert (tmp_path / "mine" / "notes.txt").read_text(encoding="utf-8") == "keep me"


def test_the_command_needs_a_place_to_write(capsys):
    assert main(["site"]) == 1
    assert "--out DIR" in capsys.readouterr().err


def test_the_command_writes_the_site_and_the_single_file(corpus_dir, fixture_theme, tmp_path):
    args = ["site", "--source", str(corpus_dir), "--out", str(tmp_path / "s")]
    assert main([*args, "--single-file", str(tmp_path / "map.html")]) == 0
    assert (tmp_path / "s" / "index.html").is_file() and (tmp_path / "map.html").is_file()


def test_the_embedded_data_uses_the_where_names_and_values(fixture_corpus, fixture_tables):
    data = map_data(fixture_corpus, fixture_tables)
    names = [f["name"] for f in data["fields"]]
    assert names == [
        "approach",
        "level",
        "region",
        "country",
        "grade",
        "characteristic",
        "leverage_point",
    ]
    alpha = next(c for c in data["cases"] if c["id"] == "alpha")
    # a country is chosen by its name as case files write it, as select_cases reads it
    assert alpha["v"]["country"] == [fixture_corpus.case("alpha").place.country]
    assert alpha["href"] == "cases/alpha.html"


def test_a_long_point_name_is_cut_at_a_word():
    assert point_label(3, "The goals of the system") == "3 · The goals of the system"
    long = point_label(2, "The mindset or paradigm out of which the system arises, and more")
    assert long.endswith("…") and len(long) <= 49 and " " + long.split()[-1][:-1] in long
