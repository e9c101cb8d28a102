"""The static site in Debian's chromium, offline: the browser's selection equals Python's for
the same filters, a view is shared by its address, search, the brief command, the single
file, and accessibility checked with axe-core."""

from __future__ import annotations

import random
from pathlib import Path
from urllib.parse import parse_qs, urlencode

import pytest
from browser import offline_page

from casebook.analysis.crosscase import gap_map, intervention_timeline
from casebook.content.corpus import load_corpus
from casebook.content.selection import select_cases
from casebook.content.themes import apply_where, available_themes, load_theme
from casebook.errors import UsageError
from casebook.explorer.state import ExplorerState, Filters
from casebook.package.tables import corpus_tables
from casebook.site.content import TIMELINE_CASES, filter_fields
from casebook.site.write import write_single_file, write_site

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def real():
    corpus = load_corpus()
    return corpus, corpus_tables(corpus)


@pytest.fixture(scope="module")
def site(real, tmp_path_factory):
    return write_site(tmp_path_factory.mktemp("site") / "public")


def python_selection(real, pairs: list[tuple[str, str]]) -> list[str]:
    """The cases ``casebook brief --where`` would narrow to: apply_where reads the values as
    the command line does, select_cases chooses."""
    corpus, tables = real
    theme = load_theme(available_themes()[0], corpus)
    narrowed = apply_where(theme, [f"{f}={v}" for f, v in pairs], corpus, replace=True)
    return list(select_cases(tables, narrowed.filters)["id"])


def combinations(real) -> list[list[tuple[str, str]]]:
    """Every single value of every filter, then random mixes of up to three filters with up
    to two values each, and the address forms --where also reads (a case id, '03')."""
    corpus, tables = real
    fields = {f["name"]: [o["value"] for o in f["options"]] for f in filter_fields(corpus, tables)}
    fields["case"] = list(tables["cases"]["id"])
    combos = [[(name, value)] for name, values in fields.items() for value in values]
    rng = random.Random(25)
    for _ in range(80):
        combo = []
        for name in rng.sample(sorted(fields), rng.randint(2, 3)):
            combo += [(name, v) for v in rng.sample(fields[name], min(2, len(fields[name])))]
        combos.append(combo)
    # the spellings --where also reads: names as well as ids, in any case
    combos += [
        [("leverage_point", "The goals of the system")],
        [("leverage_point", "3"), ("approach", "MIXED")],
        [("country", "bhutan")],
        [("approach", "Bottom-up"), ("region", "south asia")],
    ]
    return combos


def test_the_browser_selects_exactly_the_cases_python_selects(site, real):
    combos = combinations(real)
    with offline_page() as page:
        page.goto((site / "index.html").as_uri())
        page.wait_for_selector("body[data-ready]")
        for combo in combos:
            browser_ids = page.evaluate("q => window.casebookSite.select(q)", urlencode(combo))
            assert browser_ids == python_selection(real, combo), combo
        # and through the page itself: the address sets the filters, the table follows
        for combo in combos[:: len(combos) // 6]:
            page.goto(f"{(site / 'index.html').as_uri()}?{urlencode(combo)}")
            page.wait_for_selector("body[data-ready]")
            rows = page.eval_on_selector_all(
                "#case-table tbody tr", "rows => rows.map(r => r.dataset.case)"
            )
            expected = python_selection(real, combo)
            assert rows == expected, combo
            assert page.inner_text("#case-count") == str(len(expected))
        assert page.errors == [] and page.blocked == []


@pytest.mark.parametrize("refused", [("leverage_point", "03"), ("country", "atlantis")])
def test_a_value_the_command_refuses_is_reported_by_the_page(site, real, refused):
    with pytest.raises(UsageError):
        python_selection(real, [refused])
    with offline_page() as page:
        page.goto(f"{(site / 'index.html').as_uri()}?{urlencode([refused])}")
        page.wait_for_selector("body[data-ready]")
        assert "=".join(refused) in page.inner_text("#unread")
        # the filter is left out, never matched to nothing: every case is still shown
        assert page.inner_text("#case-count") == str(len(real[1]["cases"]))


def test_the_gap_map_counts_what_the_analysis_counts(site, real):
    tables = real[1]
    with offline_page() as page:
        for combo in ([], [("approach", "bottom-up")], [("grade", "limited"), ("level", "school")]):
            page.goto(f"{(site / 'index.html').as_uri()}?{urlencode(combo)}")
            page.wait_for_function("document.querySelector('#gap-map .main-svg')", timeout=30000)
            drawn = page.evaluate(
                """() => { const cells = {};
                for (const t of document.getElementById('gap-map').data) {
                  if (t.name === 'gap (no case)') continue;
                  t.x.forEach((x, k) => { cells[t.y[k].split(' ')[0] + ' ' + x] = [t.text[k], t.name]; });
                } return cells; }"""
            )
            chosen = tables["cases"][tables["cases"]["id"].isin(python_selection(real, combo))]
            gap = gap_map(chosen, tables["interventions"], tables, rows="leverage_point")
            gap = gap[gap["cases"] > 0]
            expected = {
                f"{p} {a}": [n, g]
                for p, a, n, g in zip(
                    gap["leverage_point"], gap["approach"], gap["cases"], gap["grade"], strict=True
                )
            }
            assert drawn == expected, combo
            # the world map shows the selection's cases, by approach
            page.wait_for_selector("#world-map .main-svg", timeout=30000)
            places = page.evaluate(
                "document.getElementById('world-map').data.map(t => [t.name, t.lat.length])"
            )
            by_approach = chosen["approach"].value_counts().to_dict()
            assert {a: n for a, n in places if n} == by_approach, combo
            # the timeline draws the cases the explorer's timeline draws, in its order
            page.wait_for_selector("#timeline .main-svg", timeout=30000)
            rows = page.evaluate("document.getElementById('timeline').layout.yaxis.categoryarray")
            first = chosen.nsmallest(TIMELINE_CASES, ["period_start"])
            dated = intervention_timeline(
                tables["interventions"][tables["interventions"]["case_id"].isin(first["id"])], first
            )
            assert rows == list(dict.fromkeys(dated["case_title"]))[::-1], combo


def test_the_gap_map_is_drawn_before_plotly_arrives_and_counts_the_same(site, real):
    """The first chart needs no plotly.js: with it withheld, the page draws the gap map
    itself, cell for cell as the analysis counts, and a bubble still filters."""
    tables = real[1]
    with offline_page() as page:
        page.route("**/plotly.min.js", lambda route: route.abort())
        combo = [("approach", "bottom-up"), ("approach", "mixed")]
        page.goto(f"{(site / 'index.html').as_uri()}?{urlencode(combo)}")
        page.wait_for_selector("#gap-map svg.gap-sketch")
        drawn = page.eval_on_selector_all(
            "#gap-map g.bubble",
            "gs => Object.fromEntries(gs.map(g => [g.dataset.point + ' ' + g.dataset.approach,"
            " [Number(g.dataset.cases), g.dataset.grade]]))",
        )
        chosen = tables["cases"][tables["cases"]["id"].isin(python_selection(real, combo))]
        gap = gap_map(chosen, tables["interventions"], tables, rows="leverage_point")
        gap = gap[gap["cases"] > 0]
        expected = {
            f"{p} {a}": [n, g]
            for p, a, n, g in zip(
                gap["leverage_point"], gap["approach"], gap["cases"], gap["grade"], strict=True
            )
        }
        assert drawn == expected
        assert page.locator("#gap-map .main-svg").count() == 0  # plotly never drew
        page.locator("#gap-map g.bubble[data-point='3'][data-approach='mixed']").click()
        page.wait_for_function("location.search.includes('leverage_point=3')")
        assert "approach=mixed" in page.url and "approach=bottom-up" not in page.url
        assert page.errors == [] and page.blocked == []


def test_a_view_is_shared_by_its_address_and_gives_the_brief_command(site):
    with offline_page() as page:
        page.goto(f"{(site / 'index.html').as_uri()}?approach=bottom-up&country=Sierra+Leone")
        page.wait_for_selector("body[data-ready]")
        assert page.get_by_role("checkbox", name="Bottom-up", exact=True).is_checked()
        assert "approach: Bottom-up" in page.inner_text("#active-filters")
        page.get_by_role("checkbox", name="Top-down", exact=True).check()
        page.wait_for_function("location.search.includes('approach=top-down')")
        assert "approach=top-down&approach=bottom-up&country=Sierra+Leone" in page.url
        # the world map, below the fold, follows the filters once it is in view
        page.locator("#world-map").scroll_into_view_if_needed()
        page.wait_for_function(
            # plotly draws the world map after the first screen: no data until it has
            """() => (document.getElementById('world-map').data || [])
                .reduce((n, t) => n + t.lat.length, 0)
                === Number(document.getElementById('case-count').textContent)"""
        )
        command = page.inner_text("#brief-command")
        assert command.startswith("casebook brief ")
        assert (
            "--where approach=top-down --where approach=bottom-up --where 'country=Sierra Leone'"
            in command
        )
        # the link to this view reopens it
        link = page.get_attribute("#view-link", "href")
        page.goto(f"{(site / 'index.html').as_uri()}{link[link.index('?') :]}")
        page.wait_for_selector("body[data-ready]")
        assert page.get_by_role("checkbox", name="Top-down", exact=True).is_checked()
        # choosing a bubble of the gap map filters by its point and approach
        page.wait_for_selector("#gap-map .main-svg", timeout=30000)
        page.evaluate(
            """() => document.getElementById('gap-map').emit('plotly_click', {points: [
              {x: 'mixed', y: '3 · The goals of the system', data: {name: 'limited'}}]})"""
        )
        page.wait_for_function("location.search.includes('leverage_point=3')")
        assert "approach=mixed" in page.url and "approach=top-down" not in page.url
        # a value this casebook does not have is said, not silently dropped
        page.goto(f"{(site / 'index.html').as_uri()}?approach=sideways&level=national")
        page.wait_for_selector("body[data-ready]")
        assert "approach=sideways" in page.inner_text("#unread")
        assert page.errors == [] and page.blocked == []


def test_the_explorers_period_and_card_are_read_as_the_explorer_reads_them(site, real):
    state = ExplorerState(real[1])
    with offline_page() as page:
        page.goto((site / "index.html").as_uri())
        page.wait_for_selector("body[data-ready]")
        # a period keeps the cases overlapping it, either year first, with any other filter
        for query in (
            "period=1995-2010",
            "period=2010-1995&approach=bottom-up",
            "level=national&period=2018-2030",
            "period=1900-1950",
        ):
            filters, _, unread = Filters.from_query(parse_qs(query))
            assert unread == []
            expected = list(state.cases(filters)["id"])
            assert page.evaluate("q => window.casebookSite.select(q)", query) == expected, query
        # an explorer's link, with the case on its card: the page narrows and marks the case
        filters = Filters(approaches=("bottom-up",), period=(2000, 2015))
        chosen = list(state.cases(filters)["id"])
        card = chosen[len(chosen) // 2]
        title = real[1]["cases"].set_index("id").loc[card, "title"]
        page.goto(f"{(site / 'index.html').as_uri()}?{filters.query(card=card)}")
        page.wait_for_selector("body[data-ready]")
        rows = page.eval_on_selector_all("#case-table tbody tr", "r => r.map(x => x.dataset.case)")
        assert rows == chosen
        assert page.inner_text("#case-count") == str(len(chosen))
        assert "period: 2000–2015" in page.inner_text("#active-filters")
        assert page.locator("#case-table tr[aria-current=true]").get_attribute("data-case") == card
        note = page.locator("#card-note")
        assert note.is_visible() and title in note.inner_text()
        assert note.get_by_role("link").get_attribute("href") == f"cases/{card}.html"
        # the view's link keeps both, and the brief covers exactly the cases shown
        link = page.get_attribute("#view-link", "href")
        assert "period=2000-2015" in link and f"card={card}" in link
        command = page.inner_text("#brief-command")
        assert [w for w in command.split() if w.startswith("case=")] == [
            f"case={c}" for c in chosen
        ]
        # choosing a filter narrows further and keeps the period
        page.get_by_role("checkbox", name="National", exact=True).check()
        page.wait_for_function("location.search.includes('level=national')")
        assert "period=2000-2015" in page.url
        # a period or a case this casebook cannot read is reported, not matched to nothing
        page.goto(f"{(site / 'index.html').as_uri()}?period=1990s&card=atlantis")
        page.wait_for_selector("body[data-ready]")
        assert "period=1990s" in page.inner_text("#unread")
        assert "card=atlantis" in page.inner_text("#unread")
        assert page.inner_text("#case-count") == str(len(real[1]["cases"]))
        assert page.errors == [] and page.blocked == []


def test_search_finds_cases_and_sources_as_the_explorer_does(site, real):
    state = ExplorerState(real[1])
    with offline_page() as page:
        page.goto((site / "index.html").as_uri())
        page.wait_for_selector("body[data-ready]")
        page.get_by_label("Search the cases and their sources").fill("literacy SOBRAL")
        page.wait_for_function("location.search.includes('search=')")
        page.wait_for_function("!document.getElementById('source-results').hidden")
        expected = list(state.cases(Filters(text="literacy SOBRAL"))["id"])
        rows = page.eval_on_selector_all(
            "#case-table tbody tr", "rows => rows.map(r => r.dataset.case)"
        )
        assert rows == expected and expected
        for words in ("school", "purpose community", "nothing-like-this"):
            found = page.evaluate(
                "q => window.casebookSite.select(q)", urlencode({"search": words})
            )
            assert found == list(state.cases(Filters(text=words))["id"]), words
        # the brief for a searched view names its cases, as the explorer's brief does
        assert "--where case=sobral" in page.inner_text("#brief-command")
        assert page.locator("#source-list li").count() > 0


def test_a_redraw_while_the_reader_types_keeps_the_words(site):
    with offline_page() as page:
        page.goto((site / "index.html").as_uri())
        page.wait_for_selector("body[data-ready]")
        page.get_by_label("Search the cases and their sources").fill("sobral")
        # plotly.js arriving mid-word redraws every view, as here, before the words are read
        page.evaluate("window.casebookSite.update(false, true)")
        page.wait_for_function("location.search.includes('search=sobral')", timeout=10000)
        assert page.input_value("#search") == "sobral"


def test_the_single_file_opens_from_a_folder_of_its_own(real, tmp_path):
    path = write_single_file(tmp_path / "map.html")
    with offline_page() as page:
        page.goto(f"{path.as_uri()}?level=national")
        page.wait_for_selector("#gap-map .main-svg", timeout=30000)
        page.wait_for_selector("#world-map .main-svg", timeout=30000)
        national = python_selection(real, [("level", "national")])
        assert page.inner_text("#case-count") == str(len(national))
        # no pages beside it: the table names the cases without linking
        assert page.locator("#case-table tbody a").count() == 0
        page.get_by_label("Search the cases and their sources").fill("Bhutan")
        page.wait_for_function("location.search.includes('search=Bhutan')")
        assert page.errors == [] and page.blocked == []


def test_case_and_theme_pages_open_offline(site):
    with offline_page() as page:
        page.goto((site / "cases" / "sobral.html").as_uri())
        assert page.get_by_role("heading", name="Sources").is_visible()
        page.get_by_role("link", name="Evidence map").first.click()
        page.wait_for_selector("body[data-ready]")
        page.goto((site / "themes" / "index.html").as_uri())
        page.locator("ul.cases-list a").first.click()
        page.get_by_role("link", name="See these cases on the evidence map").click()
        page.wait_for_selector("body[data-ready]")
        assert page.errors == [] and page.blocked == []


AXE = Path(__file__).parent / "axe" / "node_modules" / "axe-core" / "axe.min.js"


def serious_violations(page) -> list[str]:
    """axe-core's serious and critical findings on the page as it stands (WCAG 2.1 A, AA)."""
    assert AXE.is_file(), "axe-core is not installed: run 'make axe' (npm ci in tests/axe)"
    page.add_script_tag(path=str(AXE))
    found = page.evaluate(
        """async () => (await axe.run(document, {runOnly: ['wcag2a', 'wcag2aa', 'wcag21a',
        'wcag21aa', 'best-practice']})).violations
        .filter(v => v.impact === 'serious' || v.impact === 'critical')
        .map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).slice(0, 3).join(', '))"""
    )
    return found


def test_axe_finds_no_serious_violation_on_any_kind_of_page(site, tmp_path):
    single = write_single_file(tmp_path / "map.html")
    with offline_page() as page:
        for address in (
            (site / "index.html").as_uri(),
            f"{(site / 'index.html').as_uri()}?approach=bottom-up&search=school",
            (site / "cases" / "sobral.html").as_uri(),
            (site / "themes" / "shared-purpose.html").as_uri(),
            (site / "themes" / "index.html").as_uri(),
            (site / "data.html").as_uri(),
            single.as_uri(),
        ):
            page.goto(address)
            if page.locator("#timeline").count():  # the map: wait for its last chart
                page.wait_for_selector("#timeline .main-svg", timeout=30000)
            assert serious_violations(page) == [], address


def test_the_filters_work_from_the_keyboard(site):
    with offline_page() as page:
        page.goto((site / "index.html").as_uri())
        page.wait_for_selector("body[data-ready]")
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.textContent") == "Skip to the content"
        page.get_by_role("checkbox", name="Bottom-up", exact=True).focus()
        page.keyboard.press("Space")
        page.wait_for_function("location.search.includes('approach=bottom-up')")
        assert page.inner_text("#case-count") != page.evaluate(
            "String(window.casebookSite.select('').length)"
        )
