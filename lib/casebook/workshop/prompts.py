"""What the workshop asks: the source documents' statements and questions, verbatim and
attributed, and the scales and lists that are casebook's own.

The statements and questions are short quotations of four source documents (``seed-000``,
``seed-001``, ``seed-002``, ``seed-004`` in ``casestudies/sources.yml``); a reader sees them
attributed by the document's title, never by its file name. Everything else here is in
casebook's words.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Attribution:
    source_id: str  # for the auditor (sources.yml)
    credit: str  # for the reader


SELF_ASSESSMENT = Attribution(
    "seed-000", "Shared Purpose, a school self-assessment framework (statements of the ideal)"
)
CONVERSATION = Attribution(
    "seed-001", "Creating the Shared Purpose (CompetencyWorks blog), on Lindsay Unified and Chugach"
)
CO_CREATION = Attribution("seed-002", "Co-Creating the Vision, a school framework")
ALIGNMENT = Attribution(
    "seed-004", "Ensuring Alignment to the Shared Purpose (Center for Teaching Quality)"
)

# Seed 000's four statements depicting a school's ideal pursuit of a shared purpose.
STATEMENTS = {
    "vision": "The school community shares a unifying vision for readiness, wholeheartedly "
    "embraced and advanced by all.",
    "decisions": "Key decisions, including structures and approaches to learning, are "
    "deliberately aligned with this shared purpose.",
    "all-students": "The shared purpose entails a collective mindset where \u201call students\u201d "
    "truly means each and every student.",
    "belonging": "Within this community, there is a commitment to ensuring every student "
    "experiences a profound sense of belonging, connection, and engagement.",
}
# casebook's four-level scale for how true a statement is of the school today
LEVELS = {
    1: "Not yet: this does not describe us",
    2: "Starting: true in places or for some people",
    3: "Mostly: true for most of us, most of the time",
    4: "Fully: true across the school, and we could show it",
}

# Seed 001: the five questions that opened Lindsay Unified's conversation.
QUESTIONS = {
    "exist": "Why do we exist?",
    "values": "What are the values that will govern how we interact with each other?",
    "principles": "What are the principles by which we will make decisions?",
    "vision": "What is our vision for the future?",
    "graduates": "What is the description of our graduates?",
}
# Seed 001: Chugach's check and its successful-person exercise.
CHUGACH_CHECK = (
    "Turn to a neighbor and tell each other your district\u2019s shared purpose. Now, by a show "
    "of hands, how many were able to articulate our shared purpose?"
)
SUCCESSFUL_PERSON = (
    "What traits does that person have that helped them become successful? Which of those "
    "traits should we teach and assess to set all of our graduates up for success?"
)

# Who a vision is co-created with (seed 002 names these groups) and the domains of
# development a holistic vision can cover: casebook's lists, in its own words.
GROUPS = {
    "leaders": "School leaders",
    "staff": "Teachers and staff",
    "students": "Students",
    "families": "Families and caregivers",
    "community": "Community partners",
}
DOMAINS = {
    "academic": "Academic learning",
    "social-emotional": "Social and emotional growth",
    "health": "Health and wellbeing",
    "civic": "Civic life and community",
    "creative": "Creativity and culture",
    "work-life": "Work and life beyond school",
}

# Seed 004's reflection questions, and its question on how newcomers learn the protocol.
REFLECTIONS = {
    "represented": "As you and your team identified the behavioral expectations for staff "
    "members for your project, how did you ensure the mission, vision, values, and goals "
    "were represented?",
    "example": "Give an example of how your process demonstrated your shared purpose.",
    "challenges": "What types of challenges do you anticipate in ensuring alignment? How "
    "might the protocols you created help you overcome those challenges?",
    "accountable": "How might you hold yourself accountable to making sure you follow the "
    "protocols even in difficult situations?",
}
NEWCOMERS = (
    "How will you communicate the team\u2019s expectations and protocols to people who join "
    "the project after it is up and running?"
)

SERVES = {"yes": "Serves the purpose", "partly": "Partly", "no": "Off purpose"}
