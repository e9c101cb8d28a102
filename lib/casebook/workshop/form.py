"""Between the workshop app's widgets and a :class:`~.model.Workshop`: :func:`fill` puts a
saved workshop into the widgets, :func:`read` turns the widgets into a checked workshop.
Kept apart from the widget layout in :mod:`.app`; neither function imports ipywidgets."""

from __future__ import annotations

from casebook.workshop.model import (
    WORKSHOP_FORMAT,
    Conversation,
    LivingIt,
    Protocol,
    PurposeCheck,
    Room,
    WhereWeStand,
    Workshop,
)


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def fill(self, workshop: Workshop) -> None:
    """Put a workshop's answers into the app's widgets (``self``: the app)."""
    self.w_team.value = workshop.team
    self.w_facilitator.value = workshop.facilitator or ""
    check = workshop.where_we_stand.purpose_check
    self.w_asked.value, self.w_could.value = (check.asked, check.could_say) if check else (0, 0)
    for key, widget in self.w_answers.items():
        widget.value = workshop.conversation.answers.get(key, "")
    self.w_people.value = "\n".join(workshop.conversation.successful_people)
    self.w_traits.value = "\n".join(workshop.conversation.graduate_traits)
    self.w_involved.value = tuple(workshop.room.involved)
    self.w_missing.value = tuple(workshop.room.missing)
    self.w_domains.value = tuple(workshop.room.domains)
    self.w_revisit.value = workshop.room.revisit or ""
    living = workshop.living_it
    self.w_purpose.value = living.purpose or ""
    self.w_staff.value = "\n".join(living.staff_behaviours)
    self.w_students.value = "\n".join(living.student_behaviours)
    self.w_commitments.value = "\n".join(living.commitments)
    for key, widget in self.w_protocol.items():
        widget.value = getattr(living.protocol, key) or ""
    for key, widget in self.w_reflections.items():
        widget.value = living.reflections.get(key, "")
    self.initiatives = list(workshop.alignment)


def read(self) -> Workshop:
    """The widgets' answers as a checked workshop (raises pydantic's ValidationError)."""
    asked, could = self.w_asked.value, self.w_could.value
    text = lambda value: value.strip() or None  # noqa: E731
    return Workshop(
        format=WORKSHOP_FORMAT,
        team=self.w_team.value.strip() or "Our team",
        facilitator=text(self.w_facilitator.value),
        date=self.workshop.date,
        fictional=self.workshop.fictional,
        where_we_stand=WhereWeStand(
            participants=self.workshop.where_we_stand.participants,
            purpose_check=PurposeCheck(asked=asked, could_say=could) if asked else None,
        ),
        conversation=Conversation(
            answers={k: v.value.strip() for k, v in self.w_answers.items() if v.value.strip()},
            successful_people=_lines(self.w_people.value),
            graduate_traits=_lines(self.w_traits.value),
        ),
        room=Room(
            involved=list(self.w_involved.value),
            missing=list(self.w_missing.value),
            domains=list(self.w_domains.value),
            revisit=text(self.w_revisit.value),
        ),
        living_it=LivingIt(
            purpose=text(self.w_purpose.value),
            staff_behaviours=_lines(self.w_staff.value),
            student_behaviours=_lines(self.w_students.value),
            commitments=_lines(self.w_commitments.value),
            protocol=Protocol(**{k: text(v.value) for k, v in self.w_protocol.items()}),
            reflections={
                k: v.value.strip() for k, v in self.w_reflections.items() if v.value.strip()
            },
        ),
        alignment=self.initiatives,
    )
