"""Properties that hold for any input, checked on many generated ones with hypothesis."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from casebook.content.citations import cited_ids, without_citations
from casebook.package.intercoder import cohen_kappa
from casebook.render.markup import Citations, markdown_html

HOSTILE_PIECES = st.sampled_from(
    [
        "<script>alert(1)</script>",
        '<img src=x onerror="alert(1)">',
        "[x](javascript:alert(1))",
        "<a href='javascript:alert(1)'>x</a>",
        "[@src-a]",
        "[@src-b; @src-a]",
        "*em*",
        "\n\n",
        "- item\n",
        "> quote\n",
        "plain words ",
    ]
)


class Elements(HTMLParser):
    """The elements and attributes a browser would build from an HTML fragment."""

    def __init__(self, fragment: str):
        super().__init__()
        self.tags: list[str] = []
        self.attributes: list[tuple[str, str]] = []
        self.feed(fragment)

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attributes += [(name, value or "") for name, value in attrs]


@pytest.mark.slow
@settings(max_examples=200, deadline=None)
@given(st.lists(HOSTILE_PIECES | st.text(max_size=20), max_size=12).map("".join))
def test_no_markdown_reaches_a_page_with_a_script_or_a_javascript_link(text):
    page = Elements(str(markdown_html(text, Citations())))
    assert not {"script", "img", "iframe", "style"} & set(page.tags)
    assert not [name for name, _ in page.attributes if name.startswith("on")]
    links = [value for name, value in page.attributes if name == "href"]
    assert all(link.startswith(("https:", "http:", "mailto:", "#ref-")) for link in links)


@pytest.mark.slow
@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["a", "b", "c-d", "e_1"]), min_size=1, max_size=6))
def test_citations_are_numbered_once_each_in_order_of_first_use(ids):
    text = " ".join(f"word [@{i}]" for i in ids)
    citations = Citations()
    markdown_html(text, citations)
    assert citations.order == list(dict.fromkeys(ids))
    assert cited_ids(text) == ids
    assert "@" not in without_citations(text)


@pytest.mark.slow
@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.integers(1, 12), st.integers(1, 12)), min_size=1, max_size=40))
def test_kappa_is_symmetric_and_at_most_one(pairs):
    learner, expert = [a for a, _ in pairs], [b for _, b in pairs]
    kappa = cohen_kappa(learner, expert)
    assert kappa == pytest.approx(cohen_kappa(expert, learner))
    assert kappa <= 1.0 + 1e-12
    if learner == expert:
        assert kappa == 1.0


@pytest.mark.slow
@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_the_two_forms_of_the_selection_rule_agree(data, real_corpus):
    """select_cases (on the tables) and case_matches (on the models) choose the same cases."""
    from casebook.content.selection import Selection, case_matches, select_cases
    from casebook.content.themes import vocabularies

    corpus = real_corpus
    tables = _selection_tables(corpus)
    allowed = vocabularies(corpus)
    selection = Selection(
        **{
            field: data.draw(st.lists(st.sampled_from(values), max_size=2, unique=True))
            for field, values in allowed.items()
        }
    )
    by_table = set(select_cases(tables, selection)["id"])
    by_model = {c.id for c in corpus.cases if case_matches(c, selection, corpus.taxonomy)}
    assert by_table == by_model


_TABLES: dict[int, dict] = {}


def _selection_tables(corpus) -> dict:
    """The tables a selection reads, built once for the session's corpus."""
    from casebook.package.tables import corpus_tables

    if id(corpus) not in _TABLES:
        _TABLES[id(corpus)] = corpus_tables(corpus, ("cases", "interventions", "countries"))
    return _TABLES[id(corpus)]


# --- the loader on mutated case files: its own error or success, never anything else -------

_FIXTURE_CASE = (Path(__file__).parent / "fixtures" / "corpus" / "alpha.md").read_bytes()
_MUTATION = st.one_of(
    st.tuples(st.just("cut"), st.integers(0, len(_FIXTURE_CASE)), st.integers(1, 200)),
    st.tuples(st.just("insert"), st.integers(0, len(_FIXTURE_CASE)), st.binary(max_size=40)),
    st.tuples(
        st.just("text"),
        st.integers(0, len(_FIXTURE_CASE)),
        st.lists(
            st.sampled_from(
                [
                    ":",
                    "-",
                    "[",
                    "]",
                    "{",
                    "}",
                    "#",
                    "'",
                    '"',
                    "\n",
                    "\r",
                    "\t",
                    " ",
                    ",",
                    "@",
                    "---",
                    "## Story",
                    "é",
                    "a",
                    "12",
                    "null",
                ]
            ),
            max_size=8,
        ).map("".join),
    ),
    st.tuples(st.just("encode"), st.sampled_from(["utf-16", "latin-1", "utf-8-sig"]), st.none()),
)


def _mutate(data: bytes, mutation) -> bytes:
    kind, where, what = mutation
    if kind == "cut":
        return data[:where] + data[where + what :]
    if kind == "insert":
        return data[:where] + what + data[where:]
    if kind == "text":
        return data[:where] + what.encode("utf-8") + data[where:]
    return data.decode("utf-8", errors="replace").encode(where, errors="replace")


@pytest.mark.slow
@settings(max_examples=60, deadline=None)
@given(st.lists(_MUTATION, min_size=1, max_size=3))
def test_a_mutated_case_file_loads_or_is_refused_with_a_content_error(tmp_path_factory, mutations):
    import shutil

    from casebook.content.corpus import load_corpus
    from casebook.errors import ContentError

    folder = tmp_path_factory.mktemp("mutated") / "casestudies"
    shutil.copytree(Path(__file__).parent / "fixtures" / "corpus", folder)
    data = _FIXTURE_CASE
    for mutation in mutations:
        data = _mutate(data, mutation)
    (folder / "alpha.md").write_bytes(data)
    try:
        load_corpus(folder)
    except ContentError as err:
        assert err.problems, "a refusal names at least one problem"
        assert all(p.file for p in err.problems)
