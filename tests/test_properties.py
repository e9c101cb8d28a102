"""Properties that hold for any input, checked on many generated ones with hypothesis."""

from __future__ import annotations

from html.parser import HTMLParser

from hypothesis import given, settings
from hypothesis import strategies as st

from casebook.citations import cited_ids, without_citations
from casebook.lesson.agreement import cohen_kappa
from casebook.render import Citations, markdown_html

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


@settings(max_examples=200, deadline=None)
@given(st.lists(HOSTILE_PIECES | st.text(max_size=20), max_size=12).map("".join))
def test_no_markdown_reaches_a_page_with_a_script_or_a_javascript_link(text):
    page = Elements(str(markdown_html(text, Citations())))
    assert not {"script", "img", "iframe", "style"} & set(page.tags)
    assert not [name for name, _ in page.attributes if name.startswith("on")]
    links = [value for name, value in page.attributes if name == "href"]
    assert all(link.startswith(("https:", "http:", "mailto:", "#ref-")) for link in links)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["a", "b", "c-d", "e_1"]), min_size=1, max_size=6))
def test_citations_are_numbered_once_each_in_order_of_first_use(ids):
    text = " ".join(f"word [@{i}]" for i in ids)
    citations = Citations()
    markdown_html(text, citations)
    assert citations.order == list(dict.fromkeys(ids))
    assert cited_ids(text) == ids
    assert "@" not in without_citations(text)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.integers(1, 12), st.integers(1, 12)), min_size=1, max_size=40))
def test_kappa_is_symmetric_and_at_most_one(pairs):
    learner, expert = [a for a, _ in pairs], [b for _, b in pairs]
    kappa = cohen_kappa(learner, expert)
    assert kappa == cohen_kappa(expert, learner)
    assert kappa <= 1.0
    if learner == expert:
        assert kappa == 1.0


@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_the_two_forms_of_the_selection_rule_agree(data, real_corpus):
    """select_cases (on the tables) and case_matches (on the models) choose the same cases."""
    from casebook.selection import Selection, case_matches, select_cases
    from casebook.themes import vocabularies

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
    """The two tables a selection reads, built once for the session's corpus."""
    from casebook.tables import corpus_tables

    if id(corpus) not in _TABLES:
        _TABLES[id(corpus)] = corpus_tables(corpus, ("cases", "interventions"))
    return _TABLES[id(corpus)]
