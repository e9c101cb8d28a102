"""Results in sentences: a template per kind of measure, from the outcome's own fields,
never a year the data lacks."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from casebook.brief.results import ordinal, sentence
from casebook.content.model import Outcome


def outcome(**fields) -> Outcome:
    return Outcome.model_validate(
        {
            "id": "o",
            "claim": "Reading rose.",
            "indicator": "i",
            "domain": "learning",
            "source": "s",
            **fields,
        },
        context={"taxonomy": None},
    )


def test_ordinals():
    assert [ordinal(n) for n in (1, 2, 3, 11, 12, 13, 21, 1366)] == [
        "1st",
        "2nd",
        "3rd",
        "11th",
        "12th",
        "13th",
        "21st",
        "1,366th",
    ]


@pytest.mark.parametrize(
    ("kind", "baseline", "result", "scope", "expected"),
    [
        (
            "rank",
            {"value": 1366, "year": 2005},
            {"value": 1, "year": 2017},
            "Brazil's 5,570 municipalities",
            "The city's place rose from 1,366th in 2005 to 1st of Brazil's 5,570 municipalities "
            "in 2017",
        ),
        (
            "share",
            {"value": 0},
            {"value": 70, "year": 2001},
            None,
            "The city's place rose from 0% to 70% by 2001",
        ),
        (
            "score",
            {"value": 511, "year": 2012},
            {"value": 469, "year": 2022},
            None,
            "The city's place fell from 511 in 2012 to 469 in 2022",
        ),
        (
            "count",
            {"value": 90, "year": 2008, "about": True},
            {"value": 250},
            None,
            "The city's place rose from about 90 in 2008 to 250",
        ),
        ("share", {"value": 26}, {"value": 47}, None, "The city's place rose from 26% to 47%"),
    ],
)
def test_a_template_per_kind(kind, baseline, result, scope, expected):
    o = outcome(
        kind=kind, measure="the city's place", scope=scope, baseline=baseline, result=result
    )
    assert sentence(o) == expected


def test_an_outcome_without_a_kind_is_told_in_its_own_words():
    assert sentence(outcome(baseline={"value": "few"}, result={"value": "many"})) == "Reading rose"


@pytest.mark.parametrize(
    "fields",
    [
        {"kind": "share", "baseline": {"value": 1}, "result": {"value": 2}},  # no measure
        {
            "kind": "share",
            "measure": "m",
            "baseline": {"value": "about 30"},
            "result": {"value": 2},
        },
        {"kind": "rank", "measure": "m", "baseline": {"value": 3}, "result": {"value": 1}},
    ],
)
def test_a_kind_needs_its_fields(fields):
    with pytest.raises(ValidationError, match="needs a numeric baseline"):
        outcome(**fields)
