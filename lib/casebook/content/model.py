"""The data model of a case file, and the types every content model shares.

The bibliography and the evidence base (sources, perspectives, quotations, claims) are in
:mod:`casebook.content.evidence`.

Every model is strict: an unknown field is an error (``extra="forbid"``), so a typo such as
``leverage_piont`` fails loudly instead of silently dropping data. Values drawn from a
controlled vocabulary (leverage points, approaches, levels, grades, actors, outcome
domains) are checked against the taxonomy passed in the validation context, so the
vocabularies stay content in ``data/taxonomy/`` rather than constants in code.

Cross-references between files (a source id that must exist, a related case) are checked
by :mod:`casebook.content.crossrefs` once :mod:`casebook.content.corpus` has loaded every file.
"""

from __future__ import annotations

from typing import Any, cast

from pydantic import (
    Field,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from casebook.content.citations import cited_ids, strings_in, without_citations
from casebook.content.fields import (
    DATE_PATTERN,
    SUMMARY_WORDS,
    ActorId,
    ApproachId,
    Certainty,
    Direction,
    DomainId,
    GradeId,
    LevelId,
    MeasureKind,
    Point,
    Slug,
    Strict,
    Text,
    Year,
)
from casebook.content.measures import Measure, check_sentence_fields
from casebook.content.review import Review


class Place(Strict):
    country: Text
    region: Text | None = None
    locality: Text | None = None
    lat: float = Field(ge=-90, le=90)
    lon: float = Field(ge=-180, le=180)

    @field_validator("country")
    @classmethod
    def _known_country(cls, value: str, info: ValidationInfo) -> str:
        taxonomy = (info.context or {}).get("taxonomy")
        if taxonomy is not None and value not in {c.name for c in taxonomy.countries.values()}:
            raise PydanticCustomError(
                "not_in_taxonomy",
                "'{value}' is not in the taxonomy's countries; allowed: {allowed}",
                {
                    "value": value,
                    "vocabulary": "countries",
                    "allowed": ", ".join(c.name for c in taxonomy.countries.values()),
                },
            )
        return value


class Period(Strict):
    start: Year
    end: Year | None = None

    @model_validator(mode="after")
    def _ordered(self) -> Period:
        if self.end is not None and self.end < self.start:
            raise ValueError(f"the period ends ({self.end}) before it starts ({self.start})")
        return self


class Purpose(Strict):
    statement: Text
    source: Slug
    values: list[Text] = Field(default_factory=list)  # as the source words them


class ApproachTag(Strict):
    type: ApproachId
    initiated_by: Text
    rationale: Text
    sources: list[Slug] = Field(min_length=1)


class EvidenceTag(Strict):
    grade: GradeId
    reason: Text


class Intervention(Strict):
    """Something a case did, tagged with the leverage point it works on."""

    id: Slug
    what: Text
    leverage_point: Point
    rationale: Text
    alternatives: list[Point] = Field(default_factory=list)
    start: Year | None = None
    end: Year | None = None
    sources: list[Slug] = Field(min_length=1)
    review: Review | None = None

    @model_validator(mode="after")
    def _alternatives_differ(self) -> Intervention:
        if self.leverage_point in self.alternatives:
            raise ValueError(
                f"leverage point {self.leverage_point} is listed as its own alternative"
            )
        review = self.review
        if review is None:
            return self
        first = review.first_point if review.decision == "changed" else self.leverage_point
        if first == review.second_point:
            raise ValueError(
                f"the review is of a disagreement, but both coders chose {first}; remove it"
            )
        if review.decision == "changed" and self.leverage_point == review.first_point:
            raise ValueError(
                f"the review says the tag changed, but it is still {review.first_point}; "
                "set leverage_point to the settled point or make the decision 'kept'"
            )
        if review.decision == "changed" and review.first_point not in self.alternatives:
            raise ValueError(
                f"the review changed the tag from {review.first_point}, but alternatives does "
                f"not list it; add {review.first_point} to alternatives (the rejected first "
                "reading, with the review's reason) and check the rest fit the new rationale"
            )
        if review.decision == "rival" and review.rival_point == self.leverage_point:
            raise ValueError("the rival reading repeats the tag; give the other point")
        return self

    @property
    def first_coding(self) -> tuple[int, str]:
        """The first coder's point and rationale, before any change a review made."""
        review = self.review
        if review is not None and review.decision == "changed":
            # a changed review has both: its validator requires them
            return cast(int, review.first_point), cast(str, review.first_rationale)
        return self.leverage_point, self.rationale


class Disagreement(Strict):
    """Another source that says something different, and what the case does about it."""

    source: Slug
    says: Text
    resolution: Text


class _Disputable(Strict):
    certainty: Certainty = "reported"
    disagreements: list[Disagreement] = Field(default_factory=list)

    @model_validator(mode="after")
    def _disputed_needs_disagreement(self) -> _Disputable:
        if self.certainty == "disputed" and not self.disagreements:
            raise ValueError(
                "certainty is 'disputed' but no disagreements are recorded: add the other "
                "source under 'disagreements' (source, says, resolution)"
            )
        return self


class Outcome(_Disputable):
    """A reported result, resting on one source."""

    id: Slug
    claim: Text
    indicator: Text
    domain: DomainId
    direction: Direction | None = None
    baseline: Measure | None = None
    result: Measure | None = None
    source: Slug
    locator: Text | None = None
    kind: MeasureKind | None = None  # kind, measure, scope: a brief's sentence (measures.py)
    measure: Text | None = None
    scope: Text | None = None
    _sentence_fields = model_validator(mode="after")(check_sentence_fields)


class TimelineEvent(_Disputable):
    date: str
    event: Text
    source: Slug
    intervention: Slug | None = None

    @field_validator("date", mode="before")
    @classmethod
    def _date(cls, value: Any) -> str:
        value = str(value)
        if not DATE_PATTERN.match(value):
            raise PydanticCustomError(
                "date_format",
                "'{value}' is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD",
                {"value": value},
            )
        return value


class CaseMeta(Strict):
    """The structured fields of a case: its file's YAML front matter."""

    id: Slug
    title: Text
    # The reader's account (who, what they did, what changed), in plain words and cited:
    # what a brief shows. The discussion of tags and sources stays in the other fields.
    summary: Text
    place: Place
    level: LevelId
    period: Period
    actors: list[ActorId] = Field(min_length=1)
    purpose: Purpose | None = None
    approach: ApproachTag
    evidence: EvidenceTag
    interventions: list[Intervention] = Field(min_length=2)
    # the one or two outcomes (by id) that best say what changed; a brief leads with them
    headline: list[Slug] = Field(default_factory=list, max_length=2)
    outcomes: list[Outcome] = Field(default_factory=list)
    timeline: list[TimelineEvent] = Field(default_factory=list)
    related: list[Slug] = Field(default_factory=list)

    @field_validator("summary")
    @classmethod
    def _summary_length(cls, value: str) -> str:
        words = len(without_citations(value).split())
        if not SUMMARY_WORDS[0] <= words <= SUMMARY_WORDS[1]:
            raise PydanticCustomError(
                "summary_length",
                "the summary has {words} words (citations not counted); write "
                "{low} to {high}: who, what they did, what changed",
                {"words": words, "low": SUMMARY_WORDS[0], "high": SUMMARY_WORDS[1]},
            )
        return value

    @model_validator(mode="after")
    def _headline_names_outcomes(self) -> CaseMeta:
        known = [o.id for o in self.outcomes]
        if self.outcomes and not self.headline:
            raise PydanticCustomError(
                "headline_missing",
                "no headline outcome: name one or two of this case's outcomes under "
                "'headline' (one of: {known})",
                {"known": ", ".join(known)},
            )
        unknown = [h for h in self.headline if h not in known]
        if unknown:
            raise PydanticCustomError(
                "headline_unknown",
                "headline names {unknown}, which is not an outcome of this case; use one of: "
                "{known}",
                {"unknown": ", ".join(unknown), "known": ", ".join(known) or "(no outcomes yet)"},
            )
        return self


class Case(CaseMeta):
    """A case: its front matter plus the Markdown sections of its body.

    Built by the loader after :class:`CaseMeta` has validated the front matter, so that
    ``sections`` and ``file`` cannot be written in the front matter itself.
    """

    sections: dict[str, str]
    file: str

    @property
    def leverage_points(self) -> list[int]:
        """The distinct leverage points its interventions work on, deepest first."""
        return sorted({i.leverage_point for i in self.interventions})

    def cited_sources(self) -> list[tuple[str, str]]:
        """Every (field, source id) pair the case cites, in file order.

        Includes the source fields, ``[@id]`` citations written inside front-matter text
        (a rationale that points at a source) and citations in the Markdown sections.
        """
        cited: list[tuple[str, str]] = []
        if self.purpose:
            cited.append(("purpose", self.purpose.source))
        cited += [("approach", s) for s in self.approach.sources]
        for i in self.interventions:
            cited += [(f"interventions.{i.id}", s) for s in i.sources]
        for o in self.outcomes:
            cited.append((f"outcomes.{o.id}", o.source))
            cited += [(f"outcomes.{o.id}.disagreements", d.source) for d in o.disagreements]
        for n, t in enumerate(self.timeline):
            cited.append((f"timeline[{n}]", t.source))
            cited += [(f"timeline[{n}].disagreements", d.source) for d in t.disagreements]
        front = self.model_dump(exclude={"sections", "file"})
        cited += [(path, s) for path, text in _cited_texts(front) for s in cited_ids(text)]
        for name, text in self.sections.items():
            cited += [(f"## {name}", s) for s in cited_ids(text)]
        return list(dict.fromkeys(cited))


def _cited_texts(node):
    """Every string in a dumped model that holds a citation, with a dotted path to it.

    The path is spelled out only for those strings: a case holds hundreds of strings and
    only a few cite anything.
    """
    for at, text in strings_in(node):
        if "[@" in text:
            yield "".join(f"[{k}]" if isinstance(k, int) else f".{k}" for k in at).lstrip("."), text
