"""The workshop file and a participant's ratings file: strict pydantic models.

A workshop is one YAML file (``workshops/*.yml``); :func:`json_schema` publishes its shape
as a JSON Schema for editors. Unknown keys are errors, as in the case files, so a typo does
not silently drop a team's work.
"""

from __future__ import annotations

import datetime
from typing import Final, Literal

from pydantic import Field, field_validator, model_validator

from casebook.content.fields import Strict, Text
from casebook.workshop.prompts import DOMAINS, GROUPS, QUESTIONS, REFLECTIONS, STATEMENTS

WORKSHOP_FORMAT: Final = "casebook-workshop/1"
RATINGS_FORMAT: Final = "casebook-workshop-ratings/1"
Name = Text


def _enum(allowed: dict, items: bool = False, keys: bool = False) -> dict:
    """The allowed values in the published JSON Schema (a field's ``json_schema_extra``),
    for an editor to offer and check (validation itself is the validators' job, whose
    messages say more)."""
    enum = {"enum": list(allowed)}
    if keys:
        return {"propertyNames": enum}
    return {"items": {"type": "string", **enum}} if items else enum


def _known(value: str, allowed: dict, what: str) -> str:
    if value not in allowed:
        raise ValueError(f"'{value}' is not a {what}; use one of: {', '.join(allowed)}")
    return value


class Rating(Strict):
    """How true one of the four statements is of the school today, with a line of evidence."""

    statement: str = Field(json_schema_extra=_enum(STATEMENTS))
    level: int = Field(ge=1, le=4)
    evidence: Text | None = None

    @field_validator("statement")
    @classmethod
    def _statement(cls, value: str) -> str:
        return _known(value, STATEMENTS, "statement")


class ParticipantRatings(Strict):
    """One participant's ratings: in the workshop file, or in a ratings file of their own."""

    participant: Name
    ratings: list[Rating] = Field(default_factory=list)

    @model_validator(mode="after")
    def _once_each(self) -> ParticipantRatings:
        seen = [r.statement for r in self.ratings]
        twice = sorted({s for s in seen if seen.count(s) > 1})
        if twice:
            raise ValueError(f"{self.participant} rates {', '.join(twice)} twice; keep one")
        return self


class RatingsFile(ParticipantRatings):
    """What a participant saves on their own device and hands to the facilitator."""

    ratings: list[Rating] = Field(min_length=1)  # an empty file would add a name, no view

    format: Literal["casebook-workshop-ratings/1"]


class PurposeCheck(Strict):
    """Chugach's check: of those asked, how many could say the shared purpose today."""

    asked: int = Field(ge=0)
    could_say: int = Field(ge=0)

    @model_validator(mode="after")
    def _not_more_than_asked(self) -> PurposeCheck:
        if self.could_say > self.asked:
            raise ValueError(f"could_say ({self.could_say}) is more than asked ({self.asked})")
        return self


class WhereWeStand(Strict):
    participants: list[ParticipantRatings] = Field(default_factory=list)
    purpose_check: PurposeCheck | None = None

    @field_validator("participants")
    @classmethod
    def _participants_once(cls, value: list[ParticipantRatings]) -> list[ParticipantRatings]:
        names = [p.participant for p in value]
        twice = sorted({n for n in names if names.count(n) > 1})
        if twice:
            raise ValueError(f"{', '.join(twice)} appears twice among the participants; merge them")
        return value


class Conversation(Strict):
    answers: dict[str, Text] = Field(
        default_factory=dict, json_schema_extra=_enum(QUESTIONS, keys=True)
    )
    successful_people: list[Name] = Field(default_factory=list)
    graduate_traits: list[Text] = Field(default_factory=list)

    @field_validator("answers")
    @classmethod
    def _questions(cls, value: dict) -> dict:
        return {_known(key, QUESTIONS, "question"): answer for key, answer in value.items()}


class Room(Strict):
    """Who is in the room (seed 002): groups involved and missing, domains, revisiting."""

    involved: list[str] = Field(default_factory=list, json_schema_extra=_enum(GROUPS, items=True))
    missing: list[str] = Field(default_factory=list, json_schema_extra=_enum(GROUPS, items=True))
    domains: list[str] = Field(default_factory=list, json_schema_extra=_enum(DOMAINS, items=True))
    revisit: Text | None = None

    @field_validator("involved", "missing")
    @classmethod
    def _groups(cls, value: list[str]) -> list[str]:
        return [_known(v, GROUPS, "group") for v in value]

    @field_validator("domains")
    @classmethod
    def _domains(cls, value: list[str]) -> list[str]:
        return [_known(v, DOMAINS, "domain") for v in value]


class Protocol(Strict):
    who_checks: Text | None = None
    how_often: Text | None = None
    when_off_purpose: Text | None = None
    newcomers: Text | None = None


class LivingIt(Strict):
    purpose: Text | None = None
    staff_behaviours: list[Text] = Field(default_factory=list)
    student_behaviours: list[Text] = Field(default_factory=list)
    commitments: list[Text] = Field(default_factory=list)
    protocol: Protocol = Field(default_factory=Protocol)
    reflections: dict[str, Text] = Field(
        default_factory=dict, json_schema_extra=_enum(REFLECTIONS, keys=True)
    )

    @field_validator("reflections")
    @classmethod
    def _reflections(cls, value: dict) -> dict:
        return {_known(k, REFLECTIONS, "reflection question"): text for k, text in value.items()}


class Initiative(Strict):
    """Something the team does now, tagged with the leverage point it works on."""

    name: Text
    leverage_point: int = Field(ge=1, le=12)
    serves: Literal["yes", "partly", "no"]
    note: Text | None = None


class Workshop(Strict):
    """A team's shared-purpose workshop: one file, revised over several sessions."""

    format: Literal["casebook-workshop/1"]
    team: Text
    facilitator: Text | None = None
    date: datetime.date | None = None
    fictional: bool = False  # the sample: say so wherever it is shown
    where_we_stand: WhereWeStand = Field(default_factory=WhereWeStand)
    conversation: Conversation = Field(default_factory=Conversation)
    room: Room = Field(default_factory=Room)
    living_it: LivingIt = Field(default_factory=LivingIt)
    alignment: list[Initiative] = Field(default_factory=list)


def json_schema() -> dict:
    """The workshop file's JSON Schema (Draft 2020-12), for editors that complete and check
    YAML against one."""
    schema = Workshop.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "casebook workshop file"
    return schema
