"""The build cache: a rebuild reuses what did not change and is never stale.

Every scenario edits, renames or deletes files, builds with the cache, and compares the
package byte for byte with a clean build (no cache) of the same files.
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from casebook import paths
from casebook.content.synth import synthesise
from casebook.errors import ContentError
from casebook.package import staging
from casebook.package.datapackage import build, drift

FIXTURE = Path(__file__).parent / "fixtures" / "corpus"


def snapshot(folder: Path) -> dict[str, str]:
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.iterdir())
        if p.is_file()
    }


@pytest.fixture
def corpus(tmp_path, monkeypatch) -> Path:
    """Twelve cases (the fixture's two and copies of them), with a cache of their own."""
    monkeypatch.setenv("CASEBOOK_CACHE", str(tmp_path / "cache" / "build.sqlite"))
    source = tmp_path / "cases"
    synthesise(12, source, source=FIXTURE)
    return source


def clean(source: Path, out: Path) -> dict[str, str]:
    result = build(source, out, cache=False)
    assert result.made == result.counts["cases"] and result.reused == 0
    return snapshot(out)


def a_copy(source: Path) -> Path:
    return sorted(source.glob("*-s*.md"))[0]


def test_an_edit_a_rename_and_a_delete_each_rebuild_as_a_clean_build_would(corpus, tmp_path):
    out = tmp_path / "data"
    first = build(corpus, out)
    assert (first.made, first.reused) == (12, 0)
    again = build(corpus, out)
    assert (again.made, again.reused) == (0, 12)

    edited = a_copy(corpus)
    edited.write_text(edited.read_text().replace("## Story\n", "## Story\n\nEdited. ", 1))
    result = build(corpus, out)
    assert (result.made, result.reused) == (1, 11)
    assert snapshot(out) == clean(corpus, tmp_path / "clean-1")
    assert "Edited. " in (out / "cases.csv").read_text()

    old_id = edited.stem
    renamed = corpus / f"{old_id}-renamed.md"
    renamed.write_text(edited.read_text().replace(f"id: {old_id}\n", f"id: {renamed.stem}\n", 1))
    edited.unlink()
    result = build(corpus, out)
    assert (result.made, result.reused) == (1, 11)
    assert snapshot(out) == clean(corpus, tmp_path / "clean-2")
    assert f"\n{renamed.stem}," in (out / "cases.csv").read_text()
    assert f"\n{old_id}," not in (out / "cases.csv").read_text()

    renamed.unlink()
    result = build(corpus, out)
    assert (result.made, result.reused, result.counts["cases"]) == (0, 11, 11)
    assert snapshot(out) == clean(corpus, tmp_path / "clean-3")


def test_a_change_to_a_shared_file_makes_every_case_again(corpus, tmp_path):
    out = tmp_path / "data"
    build(corpus, out)
    sources = corpus / paths.SOURCES_FILE
    text = sources.read_text()
    sources.write_text(text.replace("title: ", "title: Revised ", 1))
    result = build(corpus, out)
    assert (result.made, result.reused) == (12, 0)
    assert "Revised " in (out / "sources.csv").read_text()
    assert snapshot(out) == clean(corpus, tmp_path / "clean")


def test_the_fingerprint_covers_the_taxonomy_and_the_themes(corpus, tmp_path, monkeypatch):
    taxonomy, themes = tmp_path / "taxonomy", tmp_path / "themes"
    shutil.copytree(paths.TAXONOMY, taxonomy)
    shutil.copytree(paths.THEMES, themes)
    monkeypatch.setattr(paths, "TAXONOMY", taxonomy)
    monkeypatch.setattr(paths, "THEMES", themes)
    before = staging._fingerprint(corpus)
    assert staging._fingerprint(corpus) == before
    levels = taxonomy / "levels.yml"
    levels.write_text(levels.read_text() + "\n")
    after_taxonomy = staging._fingerprint(corpus)
    assert after_taxonomy != before
    theme = sorted(themes.glob("*"))[0]
    theme.write_text(theme.read_text() + "\n")
    assert staging._fingerprint(corpus) != after_taxonomy


def test_a_case_with_problems_is_reported_the_same_from_the_cache(corpus, tmp_path):
    broken = corpus / "alpha.md"
    broken.write_text(broken.read_text().replace("leverage_point: 6", "leverage_point: six"))
    reports = []
    for _ in range(2):
        with pytest.raises(ContentError) as err:
            build(corpus, tmp_path / "data")
        reports.append(err.value.report())
    assert reports[0] == reports[1]
    assert "is not a number from 1 to 12" in reports[0]
    with pytest.raises(ContentError) as err:
        build(corpus, tmp_path / "data", cache=False)
    assert err.value.report() == reports[0]


def test_a_damaged_cache_is_ignored(corpus, tmp_path, monkeypatch):
    damaged = tmp_path / "damaged.sqlite"
    damaged.write_bytes(b"not a database" * 100)
    monkeypatch.setenv("CASEBOOK_CACHE", str(damaged))
    build(corpus, tmp_path / "data")
    assert snapshot(tmp_path / "data") == clean(corpus, tmp_path / "clean")


def test_check_sees_an_edit_the_cache_has_not_seen(corpus, tmp_path):
    out = tmp_path / "data"
    build(corpus, out)
    assert drift(corpus, out) == []
    edited = a_copy(corpus)
    edited.write_text(edited.read_text().replace("## Story\n", "## Story\n\nEdited. ", 1))
    assert any("cases.csv differs" in line for line in drift(corpus, out))


def test_a_large_corpus_is_made_on_every_core_with_the_same_result(tmp_path, monkeypatch):
    source = tmp_path / "cases"
    synthesise(40, source, source=FIXTURE)
    monkeypatch.setattr(staging, "PARALLEL_FROM", 10)
    build(source, tmp_path / "pool", cache=False)
    monkeypatch.setattr(staging, "PARALLEL_FROM", 10**9)
    build(source, tmp_path / "one", cache=False)
    assert snapshot(tmp_path / "pool") == snapshot(tmp_path / "one")


@given(
    st.lists(
        st.lists(st.text(alphabet=st.sampled_from(list('ab ,"\n\r;é\t')), max_size=6), min_size=1),
        max_size=5,
    )
)
def test_rows_are_encoded_exactly_as_the_csv_module_writes_them(rows):
    import csv
    import io

    from casebook.package.fragments import Encoder

    expected = io.StringIO()
    csv.writer(expected, lineterminator="\n").writerows(rows)
    assert Encoder({}).encode(rows) == expected.getvalue()
