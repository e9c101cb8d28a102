"""Chart colours a reader can tell apart, also with the two common red-green deficiencies,
and bubble labels that stay readable on their bubble."""

from __future__ import annotations

from itertools import combinations

import pytest
from colorspacious import cspace_convert, deltaE

from casebook.content.taxonomy import load_taxonomy
from casebook.render import palette

MIN_DELTA_E = 20  # CIELAB delta E between any two approach colours
VISION = {
    "normal vision": None,
    "deuteranopia": {"name": "sRGB1+CVD", "cvd_type": "deuteranomaly", "severity": 100},
    "protanopia": {"name": "sRGB1+CVD", "cvd_type": "protanomaly", "severity": 100},
}


def _rgb(colour: str) -> list[float]:
    return [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]


def _seen(colour: str, vision) -> list[float]:
    rgb = _rgb(colour) if vision is None else cspace_convert(_rgb(colour), vision, "sRGB1")
    return [min(max(x, 0.0), 1.0) for x in rgb]


@pytest.mark.parametrize("vision", list(VISION))
def test_approach_colours_stay_apart(vision):
    colours = [a.colour for a in load_taxonomy().approaches.values()]
    for one, other in combinations(colours, 2):
        distance = deltaE(
            _seen(one, VISION[vision]), _seen(other, VISION[vision]), input_space="sRGB1"
        )
        assert distance >= MIN_DELTA_E, f"{one} and {other}: delta E {distance:.1f} ({vision})"


def test_the_check_would_catch_colours_too_close():
    # the old top-down and bottom-up pair looked alike under protanopia
    close = deltaE(
        _seen("#b5542b", VISION["protanopia"]),
        _seen("#2e8b57", VISION["protanopia"]),
        input_space="sRGB1",
    )
    assert close < MIN_DELTA_E


@pytest.mark.parametrize(
    "grade", list(load_taxonomy().evidence_grades.values()), ids=lambda g: g.id
)
def test_bubble_labels_contrast_with_their_bubble(grade):
    text = palette.text_colour_on(grade.colour)
    assert palette.contrast_ratio(text, grade.colour) >= 4.5  # WCAG AA for small text
