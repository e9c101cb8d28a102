"""The types every content model shares: strict models, slugs, text, years, the source
types and the check of a value against the taxonomy's vocabularies.

Kept apart from :mod:`casebook.content.model` (the case file) and :mod:`casebook.content.evidence` (the
shared files) so that both build on one definition of each.
"""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints, ValidationInfo
from pydantic_core import PydanticCustomError

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"


def slugify(text: str) -> str:
    """``text`` as a slug (lower-case letters and digits joined by hyphens): a filter such as
    'approach=Bottom-up' as part of a file name, 'approach-bottom-up'."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Year = Annotated[int, Field(ge=1800, le=2100)]
Certainty = Literal["reported", "uncertain", "disputed"]
# Which way the reported result moved, in the terms of the claim (a falling drop-out rate
# is an improvement): read by the cross-case analysis (QCA's outcome condition).
Direction = Literal["improved", "declined", "no change", "mixed"]
# the kind of a measured result, which picks the template of its sentence in a brief
MeasureKind = Literal["rank", "share", "score", "count"]
SourceType = Literal[
    "seed",
    "evaluation",
    "academic",
    "government",
    "organisation-report",
    "policy",
    "news",
    "recording",
    "book",
    "dataset",
    "blog",
    "webpage",
    "chapter",
    "thesis",
]

SUMMARY_WORDS = (60, 90)  # a case summary's length, citations not counted
DATE_PATTERN = re.compile(r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$")
TIMESTAMP_PATTERN = re.compile(r"^\d{1,2}(:[0-5]\d){1,2}$")
URL_PATTERN = re.compile(r"^https?://[^\s<>\"']+$")


class Strict(BaseModel):
    """Base for every content model: unknown fields are errors, values are immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True)


def vocabulary(info: ValidationInfo, name: str, value: Any) -> Any:
    """Check ``value`` against a taxonomy vocabulary when a taxonomy is in the context."""
    taxonomy = (info.context or {}).get("taxonomy")
    if taxonomy is None:
        return value
    allowed = getattr(taxonomy, name)
    if value not in allowed:
        raise PydanticCustomError(
            "not_in_taxonomy",
            "'{value}' is not in the taxonomy's {vocabulary}; allowed: {allowed}",
            {
                "value": value,
                "vocabulary": name.replace("_", " "),
                "allowed": ", ".join(str(k) for k in allowed),
            },
        )
    return value


def known_point(value: int, info: ValidationInfo) -> int:
    """A leverage point's number, checked against the taxonomy in the validation context."""
    return vocabulary(info, "leverage_points", value)


def in_vocabulary(name: str) -> AfterValidator:
    """The check of a field against the taxonomy's vocabulary ``name``, as an annotation, so
    that every model declares a vocabulary field the same way (and each item of a list is
    checked, with its own position in an error)."""
    return AfterValidator(lambda value, info: vocabulary(info, name, value))


# The fields whose values come from a vocabulary in data/taxonomy/
Point = Annotated[int, in_vocabulary("leverage_points")]
ApproachId = Annotated[str, in_vocabulary("approaches")]
GradeId = Annotated[str, in_vocabulary("evidence_grades")]
DomainId = Annotated[str, in_vocabulary("outcome_domains")]
LevelId = Annotated[str, in_vocabulary("levels")]
ActorId = Annotated[str, in_vocabulary("actors")]
LanguageId = Annotated[str, in_vocabulary("languages")]
