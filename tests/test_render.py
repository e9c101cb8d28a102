"""Markdown from content files is rendered safely, with numbered citations."""

from casebook.render.markup import Citations, markdown_html, markdown_inline, sanitise


def test_citations_are_numbered_in_order_of_first_use():
    citations = Citations()
    first = markdown_html("One [@b]. Two [@a; @b].", citations)
    assert citations.order == ["b", "a"]
    assert '<sup class="cite">[<a href="#ref-1">1</a>]</sup>' in first
    # numbered by first use, listed in order within a group
    assert '[<a href="#ref-1">1</a>, <a href="#ref-2">2</a>]' in first
    assert "@" not in first


def test_raw_html_and_script_stay_inert():
    html = markdown_html('Hello <script>alert("x")</script> <img src=x onerror=alert(1)> world')
    assert "<script" not in html and "<img" not in html
    assert "&lt;script&gt;" in html  # shown as text, not run


def test_javascript_links_do_not_survive():
    html = markdown_html("[click](javascript:alert(1)) and [ok](https://example.org)")
    assert 'href="javascript' not in html  # left as plain text, never a link
    assert 'href="https://example.org"' in html
    # and the sanitiser drops such a link even if the Markdown renderer let one through
    assert "javascript" not in sanitise('<a href="javascript:alert(1)">x</a>')


def test_inline_rendering_drops_the_paragraph():
    assert markdown_inline("a *b* c") == "a <em>b</em> c"


def test_a_citation_opening_a_paragraph_or_item_keeps_the_structure():
    html = markdown_html(
        "First paragraph.\n\n[@a] opens the second.\n\n- [@b] an item", Citations()
    )
    assert html.count("<p>") == 2 and "<li>" in html


def test_a_reference_reads_author_organisation_year_title_address():
    from types import SimpleNamespace

    from casebook.content.evidence import Author
    from casebook.render.markup import reference_html

    unpublished = dict.fromkeys(("container", "volume", "issue", "pages", "doi", "publisher"))
    source = SimpleNamespace(
        authors=[Author(family="Author", given="A.")],
        organisation="Org & Co",
        year=2020,
        undated=False,
        title="A <title>",
        url="https://example.org/x?a=1&b=2",
        archive_url=None,
        file=None,
        **unpublished,
    )
    assert reference_html(source) == (
        "A. Author, Org &amp; Co (2020). <em>A &lt;title&gt;</em>. "
        '<a href="https://example.org/x?a=1&amp;b=2" target="_blank" rel="noopener noreferrer">'
        "https://example.org/x?a=1&amp;b=2</a>"
    )
    seed = SimpleNamespace(
        authors=[],
        organisation=None,
        year=None,
        undated=True,
        title="Paper",
        url=None,
        archive_url=None,
        file="003_x.txt",
        **unpublished,
    )
    assert reference_html(seed) == (
        "Unattributed (n.d.). <em>Paper</em>. No public address recorded."
    )
    # no author named: the organisation leads; only a copy's address: it says so
    copy = SimpleNamespace(
        **{**vars(seed), "organisation": "The Paper", "archive_url": "https://copy.example/p"}
    )
    assert reference_html(copy) == (
        'The Paper (n.d.). <em>Paper</em>. Copy read: <a href="https://copy.example/p" '
        'target="_blank" rel="noopener noreferrer">https://copy.example/p</a>'
    )
    # where it appeared, escaped like the rest; a DOI shown as its address, before the page
    article = SimpleNamespace(
        **{
            **vars(source),
            "container": "Journal <of> Things",
            "volume": "4",
            "issue": "2",
            "pages": "1-9",
            "doi": "10.1234/x<y",
            "doi_url": "https://doi.org/10.1234/x<y",
        }
    )
    assert reference_html(article) == (
        "A. Author, Org &amp; Co (2020). <em>A &lt;title&gt;</em>. Journal &lt;of&gt; Things "
        '4(2), 1-9. <a href="https://doi.org/10.1234/x&lt;y" target="_blank" '
        'rel="noopener noreferrer">https://doi.org/10.1234/x&lt;y</a>'
    )


def test_a_byline_reads_as_a_reader_writes_names(fixture_corpus):
    from types import SimpleNamespace

    from casebook.content.evidence import Author
    from casebook.render.markup import byline

    def source(names, organisation=None):
        authors = [
            Author(name=n)
            if n.startswith("The ")
            else Author(family=n.split()[-1], given=n.split()[0])
            for n in names
        ]
        return SimpleNamespace(authors=authors, organisation=organisation)

    assert byline(source(["Robin Todd", "Ian Attfield"])) == "Robin Todd and Ian Attfield"
    assert (
        byline(source(["Ann One", "Bo Two", "Cy Three"], "Org"))
        == "Ann One, Bo Two and Cy Three, Org"
    )
    assert byline(source(["Ann One", "Bo Two", "Cy Three", "Di Four"])) == "Ann One et al."
    # an organisation that repeats the author is not named twice
    assert byline(source(["The Globe"], "The Globe (Toronto)")) == "The Globe"
    assert byline(source([], "World Bank")) == "World Bank"
    assert byline(source([])) == "Unattributed"
    meadows = fixture_corpus.sources["meadows-1999"]
    assert byline(meadows) == "Donella H. Meadows, The Sustainability Institute"
