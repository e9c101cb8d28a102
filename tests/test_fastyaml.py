"""The fast YAML path gives exactly ruamel's plain answer, or refuses and leaves it to ruamel.

A wrong answer would be silent (``yes`` read as True, ``010`` as 8, a duplicate key kept), so
every case's front matter, a table of YAML 1.1/1.2 differences and generated documents with
those forms unquoted are read both ways, comparing values and the type of every leaf.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from casebook.content.fastyaml import FastPathUnavailable, load_fast
from casebook.content.yamlfile import _plain, read_text

# a conformance table against ruamel: in `make test`, not in `make test-fast`
pytestmark = pytest.mark.slow

CASES = Path(__file__).resolve().parents[1] / "casestudies"
REFUSED = object()  # ruamel raised: the fast path must refuse too


def ruamel_plain(text: str) -> Any:
    """What ``parse_yaml`` keeps today, or REFUSED where ruamel raises (even a ValueError)."""
    try:
        return _plain(YAML(typ="safe").load(text))
    except Exception:
        return REFUSED


def same(a: Any, b: Any) -> bool:
    """Equal, with the same type at every level (True is not 1, '1' is not 1), keys in the
    same order; NaN equals NaN and -0.0 is not 0.0."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return list(a) == list(b) and all(same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(map(same, a, b))
    if isinstance(a, float):
        return (math.isnan(a) and math.isnan(b)) or (
            a == b and math.copysign(1, a) == math.copysign(1, b)
        )
    return a == b


def check(text: str) -> str:
    """'same' where the fast path answered as ruamel does, 'refused' where it refused; a wrong
    answer, or an answer where ruamel raises, fails."""
    expected = ruamel_plain(text)
    try:
        got = load_fast(text)
    except FastPathUnavailable:
        return "refused"
    assert expected is not REFUSED, f"the fast path read {text!r}, which ruamel refuses: {got!r}"
    assert same(got, expected), f"{text!r}: fast {got!r}, ruamel {expected!r}"
    return "same"


def front_matters() -> list[Any]:
    """Each case's front matter (between its first two '---' lines) and each shared .yml."""
    texts = []
    for path in sorted(CASES.glob("*.md")):
        text, _ = read_text(path, path.name)
        lines = (text or "").splitlines(keepends=True)
        fences = [i for i, line in enumerate(lines) if line.strip() == "---"]
        if fences[:1] == [0] and len(fences) > 1:
            texts.append(pytest.param("".join(lines[1 : fences[1]]), id=path.name))
    for path in sorted(CASES.glob("*.yml")):
        texts.append(pytest.param(read_text(path, path.name)[0], id=path.name))
    return texts


def test_the_corpus_is_found():
    assert len(front_matters()) >= 20


@pytest.mark.parametrize("text", front_matters())
def test_every_case_reads_the_same_fast(text):
    assert check(text) == "same"


TRICKY = [
    *("yes", "no", "on", "off", "Yes", "y", "n", "~", "null", "Null", "NULL", "", "true"),
    *("True", "TRUE", "false", "010", "0o10", "0x1F", "1_000", "1:30", "+1", "-0", ".5", "1."),
    *("1e3", "1E3", ".inf", "-.Inf", "+.inf", ".nan", "-.nan", "0b101", "-0x1f", "1_0.5", "1e"),
    *("2020-01-01", "2020-1-1", "2001-12-14t21:59:43.10-05:00", "2001-12-14 21:59:43.10 -5"),
    *("2001-12-14T21:59:43.1234567Z", "=", "<<", "._", "-_", "0x_", "2020-13-45", "é日本"),
    *('"quoted"', "'it''s'", '"yes"', "'010'", "a b", "a1"),
]
SAME = [f"k: {s}" for s in TRICKY if s not in ("=", "<<", "._", "-_", "0x_", "2020-13-45")]
SAME += [
    "k: |\n  line\n   two\n",
    "k: >-\n  folded\n  text\n\n",
    "k: &anchor text",
    "1: a",
    "~: a",
    "1.5: a\n2.0: b\ntrue: c\n~: d",
    "k: {a: 1, b: [x, 'y:z', 2020-01-01]}",
    "k: [1, yes, ~, [], {}]",
    "- a\n-\n  - b\n  - c: d\n",
    "clé: «non-ASCII» text — 日本語",
    "",
    "# only a comment",
]
REFUSED_FORMS = [
    "k: [a\nb: c",  # syntax errors
    "k: b: c",
    "k:\n\t- tab",
    "a: b\n---\nc: d",  # two documents
    "k: 1\nk: 2",  # duplicate keys: ruamel raises
    "1: a\n1.0: b",
    "true: a\n1: b",
    ".nan: a\n.nan: b",
    "1: a\n'1': b",  # ruamel keeps both, _plain keeps the second: unusual enough to leave
    "base: &b {x: 1}\nc:\n  <<: *b\n  y: 2",  # a merge key
    "k: &a [1]\nj: *a",  # an alias
    "k: !!str 12",  # any tag, even a standard one
    "k: ! 12",
    "k: !custom x",
    "k: !!binary aGVsbG8=",
    "k: !!set {a, b}",
    "k: !!float 1:30",  # base 60 in PyYAML, an error in ruamel
    "k: !!bool y",
    "k: !!str [1]",
    "2020-01-01: x",  # str(date) key
    "? [a, b]\n: c",  # a tuple key in ruamel
    "=: a",
    "k: =",
    "k: <<",
    "k: ._",  # ruamel raises a bare ValueError on these four
    "k: -_",
    "k: 0x_",
    "k: 2020-13-45",
    "k: [a:b]",  # PyYAML's newer libyaml reads these; ruamel's 0.1.7 refuses them
    "k: [http://example.org]",
    "k: {a?b: c}",
    "k: [?]",
    "k: [a, !, b]",
    "k: {?!, a}",
    "%YAML 1.1\n---\nk: yes",
]


@pytest.mark.parametrize("text", SAME)
def test_tricky_forms_read_the_same(text):
    assert check(text) == "same"


@pytest.mark.parametrize("text", REFUSED_FORMS)
def test_unusual_forms_are_refused(text):
    assert check(text) == "refused"


def test_duplicate_keys_and_syntax_errors_are_refused():
    for text in ("a: 1\nb: 2\na: 3", "a: [1, 2", "a: 'open"):
        with pytest.raises(FastPathUnavailable):
            load_fast(text)


def render(value: Any, flow_from: int, depth: int = 0) -> str:
    """YAML text with every scalar unquoted; collections deeper than ``flow_from`` in flow
    style. Much of it is not valid YAML: then both paths must refuse."""
    if not isinstance(value, dict | list):
        return value
    if depth >= flow_from or not value:
        if isinstance(value, dict):
            return "{" + ", ".join(f"{k}: {render(v, 0)}" for k, v in value.items()) + "}"
        return "[" + ", ".join(render(v, 0) for v in value) + "]"
    pad, lines = "  " * depth, []
    items = value.items() if isinstance(value, dict) else (("-", v) for v in value)
    for key, item in items:
        head = f"{pad}{key}" if isinstance(value, list) else f"{pad}{key}:"
        if isinstance(item, dict | list) and item and depth + 1 < flow_from:
            lines.append(f"{head}\n{render(item, flow_from, depth + 1)}")
        else:
            lines.append(f"{head} {render(item, flow_from, depth + 1)}")
    return "\n".join(lines)


WORDS = st.text(st.sampled_from("ab1 0.-_:?#,[]{}&*!|>'\"%@`+~eoxé\t\x85\u2028"), max_size=6)
SCALARS = st.sampled_from(TRICKY) | WORDS
TREES = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(SCALARS, inner, max_size=4),
    max_leaves=12,
)


@settings(
    max_examples=400, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow]
)
@given(TREES, st.integers(min_value=0, max_value=4))
def test_generated_documents_read_the_same_or_are_refused(tree, flow_from):
    check(render(tree, flow_from))
