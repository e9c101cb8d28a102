"""The explorer: its selection logic on known data, and the Voila app in a real browser."""

from __future__ import annotations

import base64

import pytest
from browser import HOSTILE, make_hostile, offline_page

from casebook import paths
from casebook.explorer.app import Explorer
from casebook.explorer.card import case_card
from casebook.explorer.state import ExplorerState, Filters


@pytest.fixture
def selection(fixture_tables):
    return ExplorerState(fixture_tables)


def test_filters_select_the_right_cases(selection):
    ids = lambda f: sorted(selection.cases(f)["id"])  # noqa: E731
    assert ids(Filters()) == ["alpha", "beta"]
    assert ids(Filters(approaches=("bottom-up",))) == ["beta"]
    assert ids(Filters(leverage_points=(12,))) == ["alpha"]
    assert ids(Filters(characteristics=("intent",))) == ["alpha", "beta"]
    assert ids(Filters(levels=("national",), grades=("anecdotal",))) == []
    assert ids(Filters(regions=("south-asia",))) == ["beta"]
    assert ids(Filters(period=(2016, 2020))) == ["beta"]  # alpha ended in 2015
    assert ids(Filters(text="PUBLISHED every school")) == ["alpha"]  # searches interventions too
    assert ids(Filters(text="school every published")) == ["alpha"]  # words in any order
    assert ids(Filters(text="published nowhere-at-all")) == []  # every word must be found


def test_every_view_follows_the_filters(selection):
    views = selection.views(Filters(approaches=("top-down",)))
    assert views["count"] == 1
    assert views["table"].to_dict("records") == [
        {
            "title": "Alpha sets a new goal",
            "case_id": "alpha",
            "country": "Peru",
            "level": "National",
            "approach": "Top-down",
            "evidence_grade": "Moderate",
            "period_start": 2010,
            "period_end": 2015,
            "deepest_leverage_point": 3,
        }
    ]
    assert sum(len(t.lat) for t in views["map"].data) == 1
    gap = views["gap_map"]
    assert "bottom-up" not in {x for t in gap.data if t.name != "gap (no case)" for x in t.x}
    timeline_years = sorted(int(x) for t in views["timeline"].data for x in t.x)
    assert timeline_years == [2010, 2011]
    assert Filters(approaches=("top-down",), levels=("national",)).where() == [
        "approach=top-down",
        "level=national",
    ]


def test_the_case_card_shows_the_case_with_its_sources(fixture_corpus):
    card = case_card(fixture_corpus, "alpha")
    assert "<h3>Alpha sets a new goal</h3>" in card
    assert "Published every school's reading results." in card  # an intervention
    assert "It gives parents information they did not have." in card  # its rationale
    assert "Reading rose." in card
    assert "https://example.org/report" in card
    assert "Beta&#39;s communities define a purpose" in card  # related case


def test_the_widget_app_updates_and_downloads(corpus_dir):
    explorer = Explorer(corpus_dir)
    assert "2</span> of 2 cases" in explorer.w_count.value
    explorer.w_approaches.value = ("bottom-up",)
    assert "1</span> of 2 cases" in explorer.w_count.value
    assert explorer.w_case.value == "beta" and "Beta&#39;s communities" in explorer.w_card.value
    explorer.download()
    assert 'download="casebook-selection.csv"' in explorer.w_links.value
    explorer.reset()
    assert "2</span> of 2 cases" in explorer.w_count.value


def count_is(page, n: int) -> None:
    page.wait_for_function(
        f"document.querySelector('#case-count').textContent === '{n}'", timeout=30000
    )


@pytest.mark.browser
@pytest.mark.kernel
def test_the_explorer_works_in_a_real_browser(corpus_dir, tmp_path):
    from browser import voila_server

    make_hostile(corpus_dir)
    title = f"Alpha sets a new goal {HOSTILE}"
    with (
        voila_server(paths.NOTEBOOKS / "explore.ipynb", corpus_dir) as url,
        offline_page(1300, 1000) as page,
    ):
        page.context.grant_permissions(["clipboard-read", "clipboard-write"])
        page.goto(url, wait_until="commit", timeout=60000)
        page.wait_for_selector("#case-count", timeout=120000)
        assert page.inner_text("#case-count") == "2"
        page.wait_for_selector(".js-plotly-plot .main-svg", timeout=30000)
        # every leverage point under its full name, one click each (no ctrl-click)
        labels = page.locator(".casebook-checklist .widget-checkbox").all_inner_texts()
        assert any(
            "8 The strength of negative feedback loops, relative to the impacts" in t
            for t in labels
        )
        page.get_by_role("checkbox", name="Bottom-up", exact=True).check()
        count_is(page, 1)
        assert "approach: Bottom-up" in page.inner_text(".active-filters")
        page.get_by_role("tab", name="Map", exact=True).click()
        page.wait_for_function(
            "document.querySelectorAll('.scattergeo .point').length === 1", timeout=30000
        )
        page.wait_for_selector(
            '.case-card h3:text-is("Beta\'s communities define a purpose")', timeout=30000
        )
        # a selection with no case says so in every view, instead of bare axes
        page.get_by_role("checkbox", name="National", exact=True).check()
        count_is(page, 0)
        page.wait_for_selector("p.no-case:visible", timeout=30000)
        assert page.locator(".scattergeo .point").count() == 0
        page.get_by_role("button", name="Clear filters").click()
        count_is(page, 2)
        # the table: readable headings, and a title opens the case card
        page.get_by_role("tab", name="Table", exact=True).click()
        page.wait_for_selector(".casebook-table .table-head", timeout=30000)
        assert "deepest point" in page.inner_text(".casebook-table .table-head")
        page.locator(".casebook-table button.case-title", has_text="Alpha sets").click()
        page.wait_for_selector(".case-card h3:has-text('Alpha sets a new goal')", timeout=30000)
        assert page.inner_text(".case-card h3") == title  # hostile markup shown as text
        # a link to this view: copied, then opened in a fresh page, restores filters and card
        page.get_by_role("checkbox", name="Top-down", exact=True).check()
        count_is(page, 1)
        page.get_by_text("Copy link to this view").click()
        page.wait_for_selector("text=Link copied", timeout=30000)
        link = page.evaluate("navigator.clipboard.readText()")
        assert "approach=top-down" in link and "card=alpha" in link
        page.screenshot(path=str(tmp_path / "explorer.png"), full_page=True)
        assert page.evaluate("window.pwned") is None
        assert page.locator("img[src=x]").count() == 0
        assert page.errors == [] and page.blocked == []
        page.goto(link + "&approach=government", wait_until="commit")
        page.wait_for_selector("#case-count", timeout=120000)
        count_is(page, 1)
        assert page.get_by_role("checkbox", name="Top-down", exact=True).is_checked()
        page.wait_for_selector(".case-card h3:has-text('Alpha sets a new goal')", timeout=30000)
        page.wait_for_selector("text=approach=government", timeout=30000)  # said, not hidden
        assert page.evaluate("window.pwned") is None
        assert page.errors == [] and page.blocked == []


@pytest.mark.browser
@pytest.mark.kernel
def test_in_a_narrow_page_the_views_wrap_below_the_filters(voila_app, tmp_path):
    """A JupyterLab notebook beside its file browser leaves the app about 800 pixels: the
    views go below the filters, whole, instead of being squeezed beside them."""
    url = voila_app("explore.ipynb")
    with offline_page(820, 1000) as page:
        page.goto(url, wait_until="commit", timeout=60000)
        page.wait_for_selector(".js-plotly-plot .main-svg", timeout=120000)
        page.get_by_role("tab", name="Timeline", exact=True).click()
        page.wait_for_timeout(1000)
        page.screenshot(path=str(tmp_path / "narrow.png"), full_page=True)
        filters = page.locator(".casebook-checklist").first.bounding_box()
        tabs = page.locator(".widget-tab").first.bounding_box()
        assert tabs["y"] > filters["y"] + filters["height"] - 1 or tabs["y"] > 600
        width = page.evaluate("document.documentElement.clientWidth")
        for plot in page.locator(".js-plotly-plot").all():
            box = plot.bounding_box()
            if box:  # the visible ones
                assert box["x"] + box["width"] <= width + 1
        assert page.errors == []


@pytest.mark.kernel
def test_a_brief_from_the_selection(corpus_dir, fixture_theme):
    explorer = Explorer(corpus_dir)
    explorer.w_theme.options = ["fixture"]
    explorer.w_theme.value = "fixture"
    explorer.w_approaches.value = ("bottom-up",)
    explorer.make_brief()
    assert "Brief ready" in explorer.w_progress.value, explorer.w_progress.value
    assert 'download="fixture--approach-bottom-up.html"' in explorer.w_links.value
    # the brief covers what the explorer shows, not the theme's own (top-down) selection
    page = base64.b64decode(explorer.w_links.value.split("base64,")[1].split('"')[0]).decode()
    assert "Beta&#39;s communities define a purpose" in page
    assert '<div class="example"><h3>Alpha' not in page


def test_the_explorer_copes_with_every_case_ongoing(corpus_dir):
    alpha = corpus_dir / "alpha.md"
    alpha.write_text(
        alpha.read_text().replace("period: {start: 2010, end: 2015}", "period: {start: 2010}")
    )
    from datetime import date

    explorer = Explorer(corpus_dir)
    assert explorer.w_period.max == date.today().year  # every case runs until today
    explorer.w_period.value = (2019, date.today().year)  # after both started
    assert explorer.state.cases(explorer.current())["id"].tolist() == ["alpha", "beta"]


def test_a_failed_brief_is_reported_and_the_button_works_again(corpus_dir, monkeypatch):
    from casebook.brief import run

    calls = []

    def fail(theme, **options):
        calls.append((theme, options["where"]))
        raise RuntimeError("the kernel died")

    monkeypatch.setattr(run, "make_brief", fail)
    explorer = Explorer(corpus_dir)
    explorer.w_theme.options = ["shared-purpose"]
    explorer.w_theme.value = "shared-purpose"
    explorer.w_approaches.value = ("bottom-up",)
    explorer.w_brief.click()
    assert calls == [("shared-purpose", ["approach=bottom-up"])]
    assert "The brief could not be made: the kernel died" in explorer.w_progress.value
    assert "Brief ready" not in explorer.w_progress.value
    assert explorer.w_brief.disabled is False
    assert explorer.w_links.value == ""  # no download offered


@pytest.mark.kernel
def test_a_brief_of_an_empty_selection_is_refused_with_the_commands_message(
    corpus_dir, fixture_theme
):
    explorer = Explorer(corpus_dir)
    explorer.w_theme.options = ["fixture"]
    explorer.w_theme.value = "fixture"
    explorer.w_approaches.value = ("bottom-up",)
    explorer.w_levels.value = ("national",)
    assert explorer.w_count.value.count(">0<") == 1  # the explorer shows no case either
    explorer.w_brief.click()
    assert (
        "no case matches the theme &#39;fixture&#39; with approach=bottom-up, level=national"
        in explorer.w_progress.value
    )
    assert explorer.w_links.value == ""


def test_the_explorer_says_which_filters_are_on_and_counts_ongoing_cases(corpus_dir):
    from datetime import date

    explorer = Explorer(corpus_dir)
    assert "No filter: every case is shown." in explorer.w_active.value
    assert explorer.w_period.max == date.today().year  # ongoing cases run until today
    explorer.w_approaches.value = ("bottom-up",)
    explorer.w_text.value = "purpose"
    assert "<b>approach</b>: Bottom-up; <b>search</b>: purpose." in explorer.w_active.value
    table = explorer.state.views(explorer.current())["table"]
    assert list(table["period_end"]) == ["ongoing"]  # beta has no end year


def test_case_card_links_open_beside_the_app_and_markers_reach_their_reference(fixture_corpus):
    card = case_card(fixture_corpus, "alpha")
    assert 'href="#ref-1"' in card and '<li id="ref-1">' in card
    assert 'target="_blank"' in card.split('<ol class="references">')[1]


def test_search_and_period_reach_the_brief_as_the_cases_they_chose(corpus_dir, monkeypatch):
    from casebook.brief import run

    calls = []

    def capture(theme, **options):
        calls.append(options["where"])
        path = options["out"] / "x.html"
        path.write_text("brief", encoding="utf-8")
        return [path]

    monkeypatch.setattr(run, "make_brief", capture)
    explorer = Explorer(corpus_dir)
    explorer.w_theme.options = ["shared-purpose"]
    explorer.w_theme.value = "shared-purpose"
    explorer.w_text.value = "published every school"  # matches alpha's intervention only
    explorer.w_brief.click()
    assert calls == [["case=alpha"]]
    assert 'download="shared-purpose--search-published-every-school.html"' in (
        explorer.w_links.value
    )
    explorer.w_text.value = ""
    explorer.w_approaches.value = ("bottom-up",)
    explorer.w_brief.click()
    assert calls[-1] == ["approach=bottom-up"]  # without search or period, the filters go


def test_a_case_filter_selects_those_cases(fixture_tables):
    from casebook.content.selection import Selection, select_cases

    assert list(select_cases(fixture_tables, Selection(cases=["beta"]))["id"]) == ["beta"]


def test_a_view_s_link_reads_back_as_the_same_filters_and_case():
    from urllib.parse import parse_qs

    filters = Filters(
        leverage_points=(3, 6),
        approaches=("bottom-up",),
        regions=("south-asia",),
        period=(1995, 2010),
        text="shared purpose",
    )
    query = filters.query("alpha")
    assert "leverage_point=3&leverage_point=6" in query  # the --where names
    back, card, unread = Filters.from_query(parse_qs(query))
    assert (back, card, unread) == (filters, "alpha", [])
    # what a hand-edited link gets wrong is named, never a crash
    back, card, unread = Filters.from_query(
        parse_qs("leverage_point=goals&period=late-1990s&colour=red")
    )
    assert back == Filters() and card is None
    assert unread == ["leverage_point=goals", "period=late-1990s", "colour=red"]


def test_opening_a_link_sets_the_widgets_and_names_what_this_casebook_lacks(corpus_dir):
    app = Explorer(corpus_dir)
    app.open_view(
        {"approach": ["bottom-up", "government"], "card": ["beta"], "search": ["purpose"]}
    )
    assert app.w_approaches.value == ("bottom-up",)
    assert app.w_text.value == "purpose"
    assert app.w_case.value == "beta"
    assert "approach=government" in app.w_unread.value
    assert "approach=bottom-up" in app.w_share.value and "card=beta" in app.w_share.value
    app.reset()
    app.open_case("alpha")  # as a title in the table does
    assert app.w_case.value == "alpha" and "card=alpha" in app.w_share.value


def test_only_the_open_tab_is_drawn_and_a_tab_catches_up_when_opened(corpus_dir):
    app = Explorer(corpus_dir)
    assert app.out_gap.outputs and not app.out_map.outputs  # the first screen: the gap map
    app.w_approaches.value = ("bottom-up",)
    app.tabs.selected_index = 1  # Map
    [drawn] = app.out_map.outputs
    assert "scattergeo" in drawn["data"]["text/html"]
    assert not app.out_timeline.outputs and not app.table.box.children
    app.tabs.selected_index = 3  # Table: the current selection, one row
    assert len(app.table.ids) == 1
