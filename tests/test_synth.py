"""casebook synth: a valid corpus of any size, copied from the real one, with no new fact."""

from __future__ import annotations

from collections import Counter

import pytest

from casebook.cli import main
from casebook.content.corpus import load_corpus
from casebook.content.synth import synthesise
from casebook.errors import UsageError


def test_a_synthetic_corpus_loads_and_keeps_the_real_spread(real_corpus, tmp_path):
    out = tmp_path / "synthetic"
    assert main(["synth", "--cases", "40", "--out", str(out), "--seed", "3"]) == 0
    corpus = load_corpus(out)
    assert len(corpus.cases) == 40
    assert set(corpus.sources) == set(real_corpus.sources)  # the real sources, shared
    real_ids = {c.id for c in real_corpus.cases}
    copies = [c for c in corpus.cases if c.id not in real_ids]
    assert len(copies) == 40 - len(real_ids)
    for copy in copies:  # a copy is a real case under fresh ids, with nothing invented
        original = real_corpus.case(copy.id.rsplit("-s", 1)[0])
        assert copy.summary == original.summary
        assert [i.leverage_point for i in copy.interventions] == [
            i.leverage_point for i in original.interventions
        ]
        assert all(i.id.endswith(copy.id[len(original.id) :]) for i in copy.interventions)
    points = Counter(i.leverage_point for c in corpus.cases for i in c.interventions)
    assert set(points) == {i.leverage_point for c in real_corpus.cases for i in c.interventions}


def test_the_same_seed_writes_the_same_corpus(tmp_path):
    synthesise(30, tmp_path / "a", seed=5)
    synthesise(30, tmp_path / "b", seed=5)

    def read(folder):
        return {p.relative_to(folder): p.read_bytes() for p in folder.rglob("*") if p.is_file()}

    assert read(tmp_path / "a") == read(tmp_path / "b")
    assert (tmp_path / "a" / "codings" / "coder-2.yml").is_file()


def test_synth_refuses_too_few_cases_and_a_folder_that_holds_cases(real_corpus, tmp_path):
    with pytest.raises(UsageError, match="--cases must be at least"):
        synthesise(3, tmp_path / "small")
    synthesise(len(real_corpus.cases), tmp_path / "full")
    with pytest.raises(UsageError, match="already holds case files"):
        synthesise(40, tmp_path / "full")
