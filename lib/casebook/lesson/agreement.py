"""Agreement between a learner and the expert coding: Cohen's kappa, in plain words."""

from __future__ import annotations


def cohen_kappa(learner: list, expert: list) -> float | None:
    """Cohen's kappa between two codings of the same items.

    kappa = (p_o - p_e) / (1 - p_e), where p_o is the observed share of agreement and p_e the
    agreement expected by chance from each coder's marginal shares. None when there are no
    items, 1.0 when both coders use a single, identical category throughout.
    """
    if not learner or len(learner) != len(expert):
        return None
    n = len(learner)
    observed = sum(a == b for a, b in zip(learner, expert, strict=True)) / n
    categories = set(learner) | set(expert)
    expected = sum((learner.count(c) / n) * (expert.count(c) / n) for c in categories)
    if expected == 1:
        return 1.0
    return (observed - expected) / (1 - expected)


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
