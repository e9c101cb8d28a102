"""How a disagreement between two codings of an intervention was settled, and by whom."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from casebook.content.fields import Point, Strict, Text


class Review(Strict):
    """How a disagreement between the first coding (the case file's tag) and a second
    coder's was settled (README: "Coding protocol").

    ``kept``: the tag stands. ``changed``: the tag is now the settled point, and
    ``first_point`` and ``first_rationale`` keep the first coding as it was, so that the
    agreement figures stay those of the independent codings. ``rival``: the tag stands and
    ``rival_point`` with ``rival_rationale`` is a second reading the text equally supports
    (the views print the rationale after "because", so it starts in lower case).
    """

    second_coder: str = Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")
    second_point: Point
    decision: Literal["kept", "changed", "rival"]
    settled_by: Text
    reason: Text
    # who looked at the settlement again under the protocol and let it stand or revised it
    reexamined_by: Text | None = None
    first_point: Point | None = None
    first_rationale: Text | None = None
    rival_point: Point | None = None
    rival_rationale: Text | None = None

    @model_validator(mode="after")
    def _fields_of_the_decision(self) -> Review:
        wanted = {
            "kept": (),
            "changed": ("first_point", "first_rationale"),
            "rival": ("rival_point", "rival_rationale"),
        }[self.decision]
        optional = ("first_point", "first_rationale", "rival_point", "rival_rationale")
        missing = [name for name in wanted if getattr(self, name) is None]
        if missing:
            raise ValueError(f"a '{self.decision}' review needs {' and '.join(missing)}")
        extra = [n for n in optional if n not in wanted and getattr(self, n) is not None]
        if extra:
            raise ValueError(
                f"a '{self.decision}' review has no {' or '.join(extra)}; remove "
                f"{'it' if len(extra) == 1 else 'them'} or change the decision"
            )
        return self
