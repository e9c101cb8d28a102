"""Agreement between a learner and the expert coding in plain words (the kappa itself is
:func:`casebook.package.intercoder.cohen_kappa`, the one the coders' agreement uses)."""

from __future__ import annotations

# Landis and Koch (1977), "The measurement of observer agreement for categorical data",
# Biometrics 33(1), 159-174, https://doi.org/10.2307/2529310: the usual plain-words bands.
KAPPA_BANDS = [
    (0.20, "slight agreement"),
    (0.40, "fair agreement"),
    (0.60, "moderate agreement"),
    (0.80, "substantial agreement"),
    (1.0, "almost perfect agreement"),
]


def kappa_in_words(kappa: float | None) -> str:
    if kappa is None:
        return "no answers yet"
    if kappa < 0:
        return "less than chance agreement: you and the coder agree less often than guessing would"
    label = next(text for limit, text in KAPPA_BANDS if kappa <= limit + 1e-12)
    return (
        f"{label} (Landis and Koch's bands): beyond what chance alone would give, you and the coder "
        f"agree {max(kappa, 0):.0%} of the way to full agreement"
    )
