"""Colours: the charts' colours from the taxonomy, and text that stays readable on them.

Chart colours are content (``colour`` in ``data/taxonomy/``); this module orders them as the
taxonomy does and picks label colours by WCAG contrast, so a light bubble gets dark text.
``tests/test_colours.py`` checks the approach colours stay apart under the common colour-vision
deficiencies.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd


FAINT = "#dfe3e8"  # what a chart shows only for context (a characteristic a brief is not about)


def colours(vocabulary: pd.DataFrame) -> dict[str, str]:
    """Chart colours from a vocabulary table of the data package (characteristics,
    approaches or evidence grades), in its order (``order``, or strongest ``rank`` first),
    so that a term added to the taxonomy is drawn too."""
    if "order" in vocabulary:
        vocabulary = vocabulary.sort_values("order")
    elif "rank" in vocabulary:
        vocabulary = vocabulary.sort_values("rank", ascending=False)
    return dict(zip(vocabulary["id"], vocabulary["colour"], strict=True))


DARK_TEXT, LIGHT_TEXT = "#1d2430", "#ffffff"


def _luminance(colour: str) -> float:
    """WCAG relative luminance of a ``#rrggbb`` colour."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_ratio(one: str, other: str) -> float:
    """WCAG contrast ratio between two colours (1 to 21)."""
    light, dark = sorted((_luminance(one), _luminance(other)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def text_colour_on(background: str) -> str:
    """Dark text on a light fill, white on a dark one: whichever contrasts more."""
    return max((DARK_TEXT, LIGHT_TEXT), key=lambda text: contrast_ratio(text, background))
