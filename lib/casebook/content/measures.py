"""A measured figure, and the fields a brief needs to say a measured change in one sentence.

An outcome's ``baseline`` and ``result`` are :class:`Measure` values, as the source reports
them. Where both are numbers, the case file may add ``kind`` (rank, share, score or count:
the template of the sentence, see :mod:`casebook.brief.results`), ``measure`` (what was
measured, as the sentence's subject: "Sobral's place in the national IDEB ranking") and,
for a rank, ``scope`` (what it ranks among: "Brazil's 5,570 municipalities"). Nothing else
goes into the sentence, so it states only what the case file states.
"""

from __future__ import annotations

from typing import Protocol

from casebook.content.fields import Strict, Text, Year


class Measure(Strict):
    """A baseline or result as the source reports it."""

    value: float | Text
    unit: Text | None = None
    year: Year | None = None
    about: bool = False  # the source gives the figure as approximate ("about 30 per cent")


class _Measured(Protocol):
    kind: str | None
    measure: str | None
    scope: str | None
    baseline: Measure | None
    result: Measure | None


def check_sentence_fields(outcome: _Measured):
    """The outcome itself, when its sentence fields are complete; a ValueError naming what
    is missing otherwise."""
    if outcome.kind is None:
        return outcome
    numeric = all(
        m is not None and not isinstance(m.value, str) for m in (outcome.baseline, outcome.result)
    )
    rank = outcome.kind == "rank"
    if not numeric or not outcome.measure or (rank and not outcome.scope):
        raise ValueError(
            f"kind '{outcome.kind}' needs a numeric baseline and result and a 'measure' (what "
            "was measured, as a sentence's subject)"
            + ("; a rank also needs 'scope' (what it ranks among)" if rank else "")
        )
    return outcome
