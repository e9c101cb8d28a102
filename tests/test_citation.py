"""A dataset people can cite: CITATION.cff checked, and the metadata the build derives from
it in datapackage.json and the schema.org description (data/dataset.jsonld)."""

from __future__ import annotations

import json
import tomllib

import pytest

from casebook import paths
from casebook.errors import ContentError
from casebook.package.dataset import load_citation


def test_citation_cff_is_complete_and_agrees_with_the_package_version():
    citation = load_citation()
    project = tomllib.loads((paths.ROOT / "pyproject.toml").read_text())["project"]
    assert citation.version == project["version"]
    assert citation.type == "dataset" and citation.authors
    assert set(citation.license) == {"CC-BY-4.0", "MIT"}


def test_the_committed_package_carries_the_citation(real_corpus):
    citation = load_citation()
    package = json.loads((paths.DATA / "datapackage.json").read_text(encoding="utf-8"))
    assert package["version"] == citation.version
    assert package["created"] == f"{citation.date_released.isoformat()}T00:00:00Z"
    assert package["contributors"] == [{"title": "The casebook contributors", "role": "author"}]
    assert package["licenses"][0]["name"] == "CC-BY-4.0"
    assert package["keywords"] == citation.keywords


def test_the_dataset_description_is_a_schema_org_dataset(real_corpus):
    document = json.loads((paths.DATA / "dataset.jsonld").read_text(encoding="utf-8"))
    assert document["@context"] == "https://schema.org/" and document["@type"] == "Dataset"
    # what Google's Dataset search requires (name, description of 50 to 5000 characters)
    # and recommends (licence, creator, version, coverage, distribution)
    assert document["name"] and 50 <= len(document["description"]) <= 5000
    assert document["license"] == "https://creativecommons.org/licenses/by/4.0/"
    assert document["creator"] == [{"@type": "Organization", "name": "The casebook contributors"}]
    places = {p["name"] for p in document["spatialCoverage"]}
    assert {"Brazil", "Tanzania", "Canada", "Sierra Leone", "Bhutan"} <= places
    assert "International" not in places
    start = min(c.period.start for c in real_corpus.cases)
    assert document["temporalCoverage"] == f"{start}/.."  # cases still running
    files = {d["contentUrl"] for d in document["distribution"]}
    assert {"cases.csv", "sources.csv", "datapackage.json"} <= files
    assert all(
        d["@type"] == "DataDownload" and d["encodingFormat"] for d in document["distribution"]
    )


@pytest.mark.parametrize(
    "change",
    [
        ("cff-version: 1.2.0", "cff-version: 1.1.0", "cff-version: String should match pattern"),
        ("  - CC-BY-4.0\n", "  - CC-BY-SA-4.0\n", "unknown licence CC-BY-SA-4.0"),
        (
            "date-released:",
            "released:",
            "released: unknown field 'released'; did you mean 'date-released'?",
        ),
        ("  - name: The casebook contributors\n", "  - name: A\n    family-names: B\n", "not both"),
    ],
)
def test_a_bad_citation_file_is_named_with_its_line(tmp_path, change):
    old, new, expected = change
    path = tmp_path / "CITATION.cff"
    text = (paths.ROOT / "CITATION.cff").read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(ContentError) as err:
        load_citation(path)
    assert "CITATION.cff:" in str(err.value) and expected in str(err.value)


def test_the_build_refuses_a_bad_citation_file_and_leaves_the_package(tmp_path, monkeypatch):
    from casebook.package.datapackage import build

    out = tmp_path / "data"
    build(out=out)
    before = (out / "datapackage.json").read_bytes()
    bad = tmp_path / "CITATION.cff"
    bad.write_text("cff-version: 1.2.0\ntitle: only a title\n", encoding="utf-8")
    monkeypatch.setattr(paths, "CITATION", bad)
    with pytest.raises(ContentError, match=r"CITATION.cff:1: message: Field required"):
        build(out=out)
    assert (out / "datapackage.json").read_bytes() == before


def test_other_cff_keys_and_a_single_licence_are_accepted(tmp_path):
    text = (paths.ROOT / "CITATION.cff").read_text(encoding="utf-8")
    text = text.replace(
        "license:\n  - CC-BY-4.0\n  - MIT\n",
        "license: CC-BY-4.0\nlicense-url: https://example.org/l\n",
    )
    text = text.replace(
        "  - name: The casebook contributors\n",
        "  - name: The casebook contributors\n    country: GB\n  - family-names: Writer\n    given-names: Ann\n    name-suffix: Jr.\n",
    )
    text += "commit: abc123\nrepository-artifact: https://example.org/a\n"
    path = tmp_path / "CITATION.cff"
    path.write_text(text, encoding="utf-8")
    citation = load_citation(path)
    assert citation.license == ["CC-BY-4.0"]
    assert [a.display for a in citation.authors] == ["The casebook contributors", "Ann Writer"]
