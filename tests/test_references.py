"""The bibliography as reference managers render it: every entry through pandoc's citeproc
(CSL-JSON and BibTeX) and pybtex's plain style without an error or a warning, RIS read back
with rispy, and the rendered authors of sources known to have been exported wrongly."""

from __future__ import annotations

import json
import subprocess

import pytest

from casebook.package.bibliography import bibtex, csl_json, particle_split, ris

# Sources whose authors a reader would notice: two people, eleven people, particles, an
# organisation with "and" in its name, an undated report, a Portuguese title.
KNOWN = {
    "todd-attfield-2017-brn-tanzania": "(Todd and Attfield 2017)",
    "abson-2017": "(Abson et al. 2017)",
    "caruaru-moura-2019-neoliberalizacao": "(da Silva Moura et al. 2019)",
    "globe-2010-mckinsey-ontario": "(The Globe and Mail 2010)",
    "rti-3rs-summary-brief": "(RTI International, n.d.)",
}


@pytest.fixture(scope="module")
def exports(real_corpus, tmp_path_factory):
    folder = tmp_path_factory.mktemp("references")
    files = {
        "json": folder / "refs.json",
        "bib": folder / "refs.bib",
        "ris": folder / "refs.ris",
    }
    files["json"].write_text(csl_json(real_corpus), encoding="utf-8")
    files["bib"].write_text(bibtex(real_corpus), encoding="utf-8")
    files["ris"].write_text(ris(real_corpus), encoding="utf-8")
    return files


def pandoc(markdown: str, bibliography) -> subprocess.CompletedProcess:
    import pypandoc

    return subprocess.run(
        [
            pypandoc.get_pandoc_path(),
            *("--citeproc", "--bibliography", str(bibliography)),
            *("-f", "markdown", "-t", "plain", "--wrap=none"),
        ],
        input=markdown,
        capture_output=True,
        text=True,
        check=True,
    )


@pytest.mark.slow  # pandoc over every entry
@pytest.mark.parametrize("kind", ["json", "bib"])
def test_every_entry_renders_through_pandoc_citeproc_without_a_warning(exports, real_corpus, kind):
    cited = " ".join(f"[@{key}]" for key in real_corpus.sources)
    done = pandoc(f"{cited}\n", exports[kind])
    assert done.stderr == ""
    bibliography = done.stdout.split("\n\n", 1)[1]
    assert bibliography.count("\n\n") + 1 == len(real_corpus.sources)


def test_known_authors_cite_as_a_reader_expects(exports):
    done = pandoc(" ".join(f"[@{key}]" for key in KNOWN) + "\n", exports["json"])
    cited = done.stdout.splitlines()[0]
    for expected in KNOWN.values():
        assert expected in cited
    listing = done.stdout
    # eleven people in the list; the particle stays with the family name in the citation
    # above, and Chicago sorts by the name after it, showing it after the given name
    assert "Abson, David J., Joern Fischer, Julia Leventon, et al. 2017." in listing
    assert (
        "Silva Moura, Eliel da, Jorge Nassim Vieira Najjar, and Waldeck Carneiro da Silva."
        in listing
    )
    # a Portuguese title keeps its own capitals; an English one is put in title case
    assert "“Neoliberalização e reforma educacional: a chegada" in listing
    assert (
        "Big Results Now! In Tanzanian Education: Has the Delivery Approach Delivered?" in listing
    )


@pytest.mark.slow  # pybtex over every entry
def test_the_bibtex_renders_in_pybtex_plain_style_without_a_warning(exports, real_corpus):
    import pybtex.errors
    from pybtex.backends.plaintext import Backend
    from pybtex.database import parse_file
    from pybtex.style.formatting.plain import Style

    pybtex.errors.set_strict_mode(True)  # a warning (a missing field, a bad name) raises
    entries = parse_file(str(exports["bib"])).entries
    assert set(entries) == set(real_corpus.sources)
    rendered = {e.key: e.text.render(Backend()) for e in Style().format_entries(entries.values())}
    assert rendered["todd-attfield-2017-brn-tanzania"].startswith("Robin Todd and Ian Attfield.")
    assert rendered["abson-2017"].startswith("David J. Abson, Joern Fischer,")
    assert ", and Daniel J. Lang." in rendered["abson-2017"]
    assert rendered["globe-2010-mckinsey-ontario"].startswith("The Globe and Mail.")
    assert ", n.d." in rendered["rti-3rs-summary-brief"]
    name = entries["abson-2017"].persons["author"][6]
    assert (name.prelast_names, name.last_names, name.first_names) == (
        ["von"],
        ["Wehrden"],
        ["Henrik"],
    )


def test_the_ris_reads_back_with_rispy(exports, real_corpus):
    import rispy

    records = {r["id"]: r for r in rispy.loads(exports["ris"].read_text(encoding="utf-8"))}
    assert set(records) == set(real_corpus.sources)
    assert records["todd-attfield-2017-brn-tanzania"]["authors"] == ["Todd, Robin", "Attfield, Ian"]
    assert len(records["abson-2017"]["authors"]) == 11
    assert records["globe-2010-mckinsey-ontario"]["authors"] == ["The Globe and Mail"]
    assert records["caruaru-moura-2019-neoliberalizacao"]["language"] == "pt"
    assert "year" not in records["rti-3rs-summary-brief"]
    assert records["abson-2017"]["type_of_reference"] == "JOUR"


def test_the_csl_items_carry_language_and_particles(exports):
    items = {i["id"]: i for i in json.loads(exports["json"].read_text(encoding="utf-8"))}
    assert items["caruaru-moura-2019-neoliberalizacao"]["language"] == "pt"
    assert items["abson-2017"]["author"][6] == {
        "family": "Wehrden",
        "given": "Henrik",
        "non-dropping-particle": "von",
    }
    assert particle_split("Silva") == ("", "Silva") and particle_split("de la Cruz") == (
        "de la",
        "Cruz",
    )


@pytest.mark.parametrize(
    "title",
    ["Set {x", "a } b", "About ~50% of 10^3", "C:\\path & co #1", "{{nested}} $5_000"],
)
def test_bibtex_keeps_any_title_and_name_in_one_entry(title):
    import pybtex.errors
    from pybtex.database import parse_string

    from casebook.content.evidence import Author, Source
    from casebook.package.bibliography import bibtex_entry

    source = Source(
        id="odd-2020",
        title=title,
        authors=[
            Author(family="Anderson and Co", given="John, Jr."),
            Author(family="O{Brien", given="Ann"),
            Author(name="ACME {Research"),
        ],
        organisation="Odd & Sons {Ltd",
        year=2020,
        type="organisation-report",
        language="en",
        url="https://example.org/odd",
    )
    pybtex.errors.set_strict_mode(True)
    entries = parse_string(
        bibtex_entry(source) + "\n\n" + bibtex_entry(source).replace("odd-2020", "next"), "bibtex"
    ).entries
    assert set(entries) == {"odd-2020", "next"}  # nothing after it is swallowed
    people = entries["odd-2020"].persons["author"]
    assert len(people) == 3  # "and" and a comma inside a name split nobody
