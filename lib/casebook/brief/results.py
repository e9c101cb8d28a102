"""What changed, in one sentence a reader would say: a template per kind of measure.

A measured outcome whose case file gives its ``kind`` (rank, share, score or count), its
``measure`` and, for a rank, its ``scope`` reads as "Sobral's place in the national IDEB
ranking rose from 1,366th in 2005 to 1st of Brazil's 5,570 municipalities in 2017". The
sentence says only what the fields say: a year the data lacks is left out, and the wording
never implies one ("from 0% to 70% by 2001" when the baseline's year is unknown). Any other
outcome is told in its own words, its ``claim``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

if TYPE_CHECKING:
    from casebook.content.measures import Measure
    from casebook.content.model import Outcome


def number(value: float | str) -> str:
    """1366.0 -> '1,366'; 55.5 -> '55.5'; text stays text."""
    if isinstance(value, str):
        return value
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.10g}"


def ordinal(value: float) -> str:
    """1 -> '1st', 1366 -> '1,366th', 12 -> '12th', 23 -> '23rd'."""
    n = int(value)
    suffix = "th" if n % 100 in (11, 12, 13) else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n:,}{suffix}"


def _figure(kind: str, m: Measure) -> str:
    text = ordinal(cast(float, m.value)) if kind == "rank" else number(m.value)  # numeric
    if kind == "share":
        text += "%"
    return f"about {text}" if m.about else text


def _verb(kind: str, before: float, after: float) -> str:
    if before == after:
        return "stayed at"
    better = after < before if kind == "rank" else after > before
    return "rose" if better else "fell"


def sentence(outcome: Outcome) -> str:
    """The outcome as one sentence, without its closing full stop (a citation follows)."""
    kind, b, r = outcome.kind, outcome.baseline, outcome.result
    if kind is None:
        return outcome.claim.rstrip().rstrip(".")
    # a kind comes with a measure and numeric baseline and result (check_sentence_fields)
    b, r, measure = cast("Measure", b), cast("Measure", r), cast(str, outcome.measure)
    verb = _verb(kind, float(b.value), float(r.value))
    scope = f" of {outcome.scope}" if kind == "rank" else ""
    subject = measure[0].upper() + measure[1:]
    if verb == "stayed at":
        year = f" from {b.year} to {r.year}" if b.year and r.year else ""
        return f"{subject} stayed at {_figure(kind, r)}{scope}{year}"
    start, end = _figure(kind, b), _figure(kind, r)
    if b.year and r.year:
        return f"{subject} {verb} from {start} in {b.year} to {end}{scope} in {r.year}"
    if r.year:  # the baseline's year is unknown: say when it ended, never when it began
        return f"{subject} {verb} from {start} to {end}{scope} by {r.year}"
    if b.year:
        return f"{subject} {verb} from {start} in {b.year} to {end}{scope}"
    return f"{subject} {verb} from {start} to {end}{scope}"
