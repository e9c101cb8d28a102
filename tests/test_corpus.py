"""The bundled corpus: the five deep cases are complete, quotations are verbatim, no case
text is copied from a seed document, and every source is cited. On the fixture corpus: a
citation of an unknown source is refused wherever it is, and an uncited source is warned of."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from casebook.content.citations import strings_in
from casebook.content.corpus import load_corpus
from casebook.errors import ContentError

DEEP_CASES = ("sobral", "tanzania", "ontario", "sierra-leone", "bhutan")


@pytest.fixture
def corpus(real_corpus):
    return real_corpus


@pytest.mark.parametrize("case_id", DEEP_CASES)
def test_deep_cases_are_complete(corpus, case_id):
    case = corpus.case(case_id)
    assert case.purpose and case.purpose.statement
    assert case.approach.initiated_by and case.approach.rationale
    assert case.evidence.reason
    assert len(case.interventions) >= 3
    assert all(i.rationale and i.sources for i in case.interventions)
    assert case.outcomes and all(o.source in corpus.sources for o in case.outcomes)
    assert len(case.timeline) >= 3
    assert {"Story", "Evidence"} <= set(case.sections)


# Every kind of place a case cites a source (what Case.cited_sources reports): the line of the
# fixture's alpha.md that holds the citation, the text there and what replaces it, and the
# field the loader names.
CITATIONS = {
    "purpose": (10, "report-2020", "nowhere", "purpose.source"),
    "approach": (15, "report-2020", "nowhere", "approach.sources[0]"),
    "intervention": (32, "blog-undated", "nowhere", "interventions[1].sources[1]"),
    "outcome": (46, "report-2020", "nowhere", "outcomes[0].source"),
    "disagreement": (50, "blog-undated", "nowhere", "outcomes[0].disagreements[0].source"),
    "timeline": (60, "report-2020", "nowhere", "timeline[1].source"),
    "text": (23, "is for.", "is for [@nowhere].", "interventions[0].rationale"),
}


@pytest.mark.parametrize("kind", CITATIONS)
def test_a_case_citing_an_unknown_source_is_refused_wherever_it_cites(corpus_dir, kind):
    line, old, new, field = CITATIONS[kind]
    alpha = corpus_dir / "alpha.md"
    lines = alpha.read_text(encoding="utf-8").splitlines(keepends=True)
    assert old in lines[line - 1], lines[line - 1]
    lines[line - 1] = lines[line - 1].replace(old, new)
    alpha.write_text("".join(lines), encoding="utf-8")
    with pytest.raises(ContentError) as err:
        load_corpus(corpus_dir)
    [problem] = err.value.problems
    assert Path(problem.file).name == "alpha.md"
    assert (problem.line, problem.field, problem.message) == (
        line,
        field,
        "no source has id 'nowhere'",
    )
    assert f"alpha.md:{line}: {field}: no source has id 'nowhere'" in str(err.value)


def _seed_text(corpus, source_id, seeds):
    return (seeds / corpus.sources[source_id].file).read_text(encoding="utf-8")


def test_seed_quotations_are_verbatim(corpus, seeds):
    seed_quotes = [q for q in corpus.quotes if corpus.sources[q.source].type == "seed"]
    assert len(seed_quotes) >= 10
    for quote in seed_quotes:
        assert quote.text in _seed_text(corpus, quote.source, seeds), quote.id


def test_perspective_times_match_the_seed_table(corpus, seeds):
    text = _seed_text(corpus, "seed-003", seeds)
    for p in corpus.perspectives:
        assert re.search(rf"{re.escape(p.start)}\s*[-–]\s*{re.escape(p.end)}", text), p.id


WORD = re.compile(r"[a-z0-9']+")
QUOTED = re.compile(r"\"[^\"]*\"|“[^”]*”|'[^']{20,}'|‘[^’]{20,}’")
RUN = 10  # a run of this many words in a row, outside quotation marks, counts as copied


def _shingles(text: str) -> set[tuple[str, ...]]:
    words = WORD.findall(QUOTED.sub(" ", text.lower()))
    return {tuple(words[i : i + RUN]) for i in range(len(words) - RUN + 1)}


def test_no_case_text_is_copied_from_a_seed(corpus, seeds):
    seed_runs = set()
    for path in seeds.glob("*.txt"):
        words = WORD.findall(path.read_text(encoding="utf-8").lower())
        seed_runs |= {tuple(words[i : i + RUN]) for i in range(len(words) - RUN + 1)}
    for case in corpus.cases:
        texts = [t for _, t in strings_in(case.model_dump(exclude={"file"}))]
        copied = set().union(*(_shingles(t) for t in texts)) & seed_runs
        assert not copied, f"{case.id} copies from a seed: {' '.join(next(iter(copied)))}"
    for p in corpus.perspectives:
        assert not (_shingles(p.summary) & seed_runs), p.id


def uncited(warnings) -> list[str]:
    return [w for w in warnings if "is cited by nothing" in w]


def test_every_source_is_cited_by_something(corpus):
    assert uncited(corpus.warnings) == []


def test_a_source_nothing_cites_is_warned_about(corpus_dir):
    assert uncited(load_corpus(corpus_dir).warnings) == []
    with (corpus_dir / "sources.yml").open("a", encoding="utf-8") as sources:
        sources.write(
            "- id: unread-2021\n  title: Nobody Cites This\n  authors: [{family: Writer, given: A.}]\n  language: en\n"
            "  year: 2021\n  type: news\n  url: https://example.org/unread\n"
        )
    assert uncited(load_corpus(corpus_dir).warnings) == [
        "source 'unread-2021' is cited by nothing in the corpus"
    ]


def test_every_claim_and_quote_rests_on_a_listed_source(corpus):
    for item in (*corpus.claims, *corpus.quotes, *corpus.perspectives):
        assert all(s in corpus.sources for s in item.source_ids()), item.id


def test_no_publication_is_listed_twice(corpus):
    seen: dict[str, str] = {}
    for source in corpus.sources.values():
        if source.url:
            key = re.sub(r"^https?://(www\.)?", "", source.url).rstrip("/")
            assert key not in seen, f"{source.id} and {seen[key]} are the same publication"
            seen[key] = source.id
