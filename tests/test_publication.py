"""Where a source was published (journal or book, volume, issue, pages, DOI, publisher) as
reference managers read it back, as a reference list prints it, and the one message a
contributor gets for each form that does not fit."""

from __future__ import annotations

import json

import pytest

from casebook.content.corpus import load_corpus
from casebook.errors import ContentError
from casebook.package.bibliography import OUTLETS, bibtex, csl_json, ris

ARTICLE = "mbiti-2019-qje-kiufunza"  # a journal article with volume, issue, pages and DOI
CHAPTER = "lieberman-campbell-yashkina-2016-tllp"  # a chapter in a book, with its DOI


def test_pybtex_finds_the_journal_volume_pages_and_doi(real_corpus):
    import pybtex.errors
    from pybtex.backends.plaintext import Backend
    from pybtex.database import parse_string
    from pybtex.style.formatting.plain import Style

    pybtex.errors.set_strict_mode(True)
    entries = parse_string(bibtex(real_corpus), "bibtex").entries
    article = entries[ARTICLE]
    assert article.type == "article"
    assert article.fields["journal"] == "The Quarterly Journal of Economics"
    assert (article.fields["volume"], article.fields["number"]) == ("134", "3")
    assert article.fields["pages"] == "1627--1673"
    assert article.fields["doi"] == "10.1093/qje/qjz010"
    rendered = {e.key: e.text.render(Backend()) for e in Style().format_entries([article])}
    assert "The Quarterly Journal of Economics, 134(3):1627–1673, 2019." in rendered[ARTICLE]
    chapter = entries[CHAPTER]
    assert chapter.type == "incollection"
    assert (
        chapter.fields["booktitle"] == "Teacher Learning and Leadership: Of, By, and For Teachers"
    )
    assert chapter.fields["publisher"] == "Routledge"
    # an underscore in a DOI is written as it is, not escaped for TeX
    assert entries["rise-spivack-2021-systems-framework"].fields["doi"] == (
        "10.35489/BSG-RISE-RI_2021/028"
    )


def test_no_organisation_reaches_bibtex_as_a_journal_or_a_book(real_corpus):
    from pybtex.database import parse_string

    entries = parse_string(bibtex(real_corpus), "bibtex").entries
    for source in real_corpus.sources.values():
        fields = entries[source.id].fields
        for name in ("journal", "booktitle"):
            if name in fields:
                expected = source.container or (
                    source.organisation if source.type in OUTLETS else None
                )
                assert expected is not None, (source.id, name)
                # TeX escapes aside ("Bain \\& Company"), the same text
                assert fields[name].replace("\\", "") == expected, (source.id, name)


def test_csl_json_carries_the_container_numbers_and_doi(real_corpus):
    items = {i["id"]: i for i in json.loads(csl_json(real_corpus))}
    article = items[ARTICLE]
    assert article["container-title"] == "The Quarterly Journal of Economics"
    assert (article["volume"], article["issue"], article["page"]) == ("134", "3", "1627-1673")
    assert article["DOI"] == "10.1093/qje/qjz010"
    assert items[CHAPTER]["container-title"].startswith("Teacher Learning and Leadership")
    assert items[CHAPTER]["publisher"] == "Routledge"
    # a report's organisation is its publisher, never a container
    report = items["rise-spivack-2021-systems-framework"]
    assert "container-title" not in report
    assert report["publisher"] == "Research on Improving Systems of Education (RISE)"
    assert report["DOI"] == "10.35489/BSG-RISE-RI_2021/028"


def test_ris_tags_read_back_with_rispy(real_corpus):
    import rispy

    text = ris(real_corpus)
    records = {r["id"]: r for r in rispy.loads(text)}
    article = records[ARTICLE]
    assert article["journal_name"] == "The Quarterly Journal of Economics"
    assert (article["volume"], article["number"]) == ("134", "3")
    assert (article["start_page"], article["end_page"]) == ("1627", "1673")
    assert article["doi"] == "10.1093/qje/qjz010"
    assert records[CHAPTER]["secondary_title"].startswith("Teacher Learning and Leadership")
    assert "JO  - The Quarterly Journal of Economics" in text
    assert "DO  - 10.1093/qje/qjz010" in text


def test_a_reference_prints_where_it_appeared_and_the_doi_as_its_address(real_corpus):
    from casebook.render.markup import reference_html

    html = str(reference_html(real_corpus.sources[ARTICLE]))
    assert "The Quarterly Journal of Economics 134(3), 1627-1673." in html
    assert 'href="https://doi.org/10.1093/qje/qjz010"' in html
    # no DOI: the publisher's page, as before
    html = str(reference_html(real_corpus.sources["fullan-2012-atlantic-ontario"]))
    assert 'href="https://www.theatlantic.com/' in html


def test_the_sources_table_has_the_new_columns(fixture_tables):
    row = fixture_tables["sources"].set_index("id").loc["abson-2017"]
    assert (row["container"], row["volume"], row["issue"], row["pages"]) == (
        "Ambio",
        "46",
        "1",
        "30-39",
    )
    assert (row["doi"], row["publisher"]) == ("10.1007/s13280-016-0800-y", "Springer")


def problems_after(corpus_dir, old: str, new: str) -> list:
    path = corpus_dir / "sources.yml"
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture text not found: {old!r}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(ContentError) as err:
        load_corpus(corpus_dir)
    return err.value.problems


@pytest.mark.parametrize(
    ("written", "message", "fix"),
    [
        (
            "doi: https://doi.org/10.1007/s13280-016-0800-y",
            "'https://doi.org/10.1007/s13280-016-0800-y' is the DOI's address; write the DOI "
            "alone: doi: 10.1007/s13280-016-0800-y",
            "the address https://doi.org/... is built from it",
        ),
        (
            "doi: s13280-016-0800-y",
            "'s13280-016-0800-y' is not a DOI (10.<registrant>/<suffix>)",
            "leave the field out when there is none",
        ),
    ],
)
def test_a_bad_doi_gets_one_message_naming_file_line_field_and_fix(
    corpus_dir, written, message, fix
):
    [problem] = problems_after(corpus_dir, "doi: 10.1007/s13280-016-0800-y", written)
    assert problem.file.endswith("sources.yml")
    assert problem.field == "abson-2017.doi"
    assert problem.line == 38
    assert problem.message == message
    assert fix in problem.fix


def test_a_doi_given_as_the_url_is_moved_to_doi(corpus_dir):
    [problem] = problems_after(
        corpus_dir,
        "  language: en\n- id: world-bank-country-groups",
        "  language: en\n  url: https://doi.org/10.1007/s13280-016-0800-y\n"
        "- id: world-bank-country-groups",
    )
    assert problem.field == "abson-2017.url"
    assert problem.message.endswith("write doi: 10.1007/s13280-016-0800-y instead of url")
    assert "remove url" in problem.fix


@pytest.mark.parametrize(
    ("old", "new", "field", "message"),
    [
        ("volume: 46", "volume: 46(1)", "volume", "volume '46(1)' holds more than the volume"),
        ("pages: 30-39", "pages: pp. 30-39", "pages", "'pp. 30-39' is not a page"),
        ("pages: 30-39", "pages: 39-30", "pages", "the pages '39-30' end before they start"),
        ("container: Ambio", "container: Ambio 46(1)", "container", "'Ambio 46(1)' holds"),
    ],
)
def test_numbers_in_the_wrong_place_are_named(corpus_dir, old, new, field, message):
    [problem] = problems_after(corpus_dir, old, new)
    assert problem.field == f"abson-2017.{field}"
    assert problem.message.startswith(message)
    assert problem.fix


def test_pages_with_an_en_dash_and_a_numeric_volume_are_read_as_written(corpus_dir):
    path = corpus_dir / "sources.yml"
    text = path.read_text(encoding="utf-8").replace("pages: 30-39", "pages: 30 – 39", 1)
    path.write_text(text, encoding="utf-8")
    source = load_corpus(corpus_dir).sources["abson-2017"]
    assert (source.volume, source.pages) == ("46", "30-39")
    assert source.doi_url == "https://doi.org/10.1007/s13280-016-0800-y"


def test_the_guide_has_a_row_for_every_field_of_a_source():
    from casebook import paths
    from casebook.content.evidence import Source

    guide = (paths.ROOT / "casestudies" / "README.md").read_text(encoding="utf-8")
    table = guide.split("### Every field of a source", 1)[1].split("\n\n", 2)[1]
    rows = {line.split("|")[1] for line in table.splitlines() if line.startswith("| `")}
    listed = {name.strip(" `") for row in rows for name in row.split(",")}
    assert listed == set(Source.model_fields)
