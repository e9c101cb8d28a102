"""The data package's tables: their schemas, declared once.

Each :class:`Table` lists its fields with a Frictionless type and a description, its primary
key and its foreign keys. The same declaration produces the ``datapackage.json`` schema and
checks the DataFrame the build made: a column that is not declared, or a declared column that
is missing, is a bug and fails the build (strict in the way pandera's ``strict=True`` is).
"""

from __future__ import annotations

from dataclasses import dataclass, field

LIST_SEPARATOR = ";"


@dataclass(frozen=True)
class Field:
    name: str
    type: str  # Frictionless type: string, integer, number
    description: str
    required: bool = False


@dataclass(frozen=True)
class ForeignKey:
    field: str
    table: str
    table_field: str = "id"


@dataclass(frozen=True)
class Table:
    name: str
    title: str
    description: str
    fields: tuple[Field, ...]
    foreign_keys: tuple[ForeignKey, ...] = field(default=())
    primary_key: str = "id"
    # the rows' order in the file: the key, or a vocabulary's own order ("order")
    sort_key: str = "id"

    @property
    def columns(self) -> list[str]:
        return [f.name for f in self.fields]

    def frictionless_schema(self) -> dict:
        schema: dict = {
            "fields": [
                {
                    "name": f.name,
                    "type": f.type,
                    "description": f.description,
                    **({"constraints": {"required": True}} if f.required else {}),
                }
                for f in self.fields
            ],
            "primaryKey": [self.primary_key],
        }
        if self.foreign_keys:
            schema["foreignKeys"] = [
                {
                    "fields": [fk.field],
                    "reference": {
                        "resource": "" if fk.table == self.name else fk.table,
                        "fields": [fk.table_field],
                    },
                }
                for fk in self.foreign_keys
            ]
        return schema


def _f(name, type_, description, required=False) -> Field:
    return Field(name, type_, description, required)


ID = _f("id", "string", "Stable identifier (a slug).", True)
NAME = _f("name", "string", "Display name.", True)
DESCRIPTION = _f("description", "string", "What the term means, in casebook's words.")
COLOUR = _f("colour", "string", "The colour charts draw the term in.", True)
ORDER = _f(
    "order",
    "integer",
    "Position in tables and charts (1 = first), as listed in the taxonomy.",
    True,
)
LIST = f"'{LIST_SEPARATOR}'-separated list"

TABLES: tuple[Table, ...] = (
    Table(
        "cases",
        "Cases",
        "One row per case of systems change, from casestudies/<id>.md.",
        (
            ID,
            _f("title", "string", "Short title of the case.", True),
            _f(
                "summary",
                "string",
                "The reader's account of the case in 60 to 90 words: who, what they did and "
                "what changed, in plain words (Markdown, with [@source-id] citations); what a "
                "brief shows first.",
                True,
            ),
            _f("country", "string", "Country (see countries: its id).", True),
            _f("region", "string", "State, province or region, if any."),
            _f("world_region", "string", "World region (see world_regions).", True),
            _f("locality", "string", "City, district or community, if any."),
            _f("lat", "number", "Approximate latitude of the place (decimal degrees).", True),
            _f("lon", "number", "Approximate longitude of the place (decimal degrees).", True),
            _f("level", "string", "Level of the system where the effort was organised.", True),
            _f("period_start", "integer", "Year the effort began.", True),
            _f("period_end", "integer", "Year it ended; empty when ongoing or unknown."),
            _f("actors", "string", f"Who took part ({LIST} of actor ids)."),
            _f("purpose_statement", "string", "The purpose statement, where one exists."),
            _f("purpose_source_id", "string", "Source of the purpose statement."),
            _f(
                "purpose_values",
                "string",
                f"Values the purpose names, as its source words them ({LIST}).",
            ),
            _f("approach", "string", "top-down, bottom-up or mixed.", True),
            _f("approach_initiated_by", "string", "Who initiated the effort.", True),
            _f("approach_rationale", "string", "Why the approach is tagged so.", True),
            _f("evidence_grade", "string", "Evidence grade (see evidence_grades).", True),
            _f("evidence_reason", "string", "Why the case has that grade.", True),
            _f(
                "leverage_points",
                "string",
                f"Distinct leverage points of its interventions ({LIST}, deepest first).",
            ),
            _f(
                "deepest_leverage_point",
                "integer",
                "The deepest (lowest-numbered) leverage point reached.",
                True,
            ),
            _f(
                "related_case_ids",
                "string",
                f"Related cases, in either direction ({LIST} of case ids).",
            ),
            _f("story", "string", "The case's story (Markdown, with [@source-id] citations)."),
            _f("file", "string", "The case file it was built from.", True),
        ),
        (
            ForeignKey("country", "countries"),
            ForeignKey("level", "levels"),
            ForeignKey("world_region", "world_regions"),
            ForeignKey("approach", "approaches"),
            ForeignKey("evidence_grade", "evidence_grades"),
            ForeignKey("purpose_source_id", "sources"),
            ForeignKey("deepest_leverage_point", "leverage_points"),
        ),
    ),
    Table(
        "interventions",
        "Interventions",
        "What each case did, tagged with a leverage point.",
        (
            ID,
            _f("case_id", "string", "The case.", True),
            _f("what", "string", "What was done.", True),
            _f(
                "leverage_point",
                "integer",
                "Meadows (1999) leverage point, 12 (shallow) to 1 (deep).",
                True,
            ),
            _f(
                "characteristic_id",
                "string",
                "System characteristic of that point (Abson et al. 2017).",
                True,
            ),
            _f("rationale", "string", "Why that leverage point.", True),
            _f("alternatives", "string", f"Other defensible leverage points ({LIST})."),
            _f("start", "integer", "Year it began."),
            _f("end", "integer", "Year it ended."),
            _f("source_ids", "string", f"Sources ({LIST}); see also citations."),
        ),
        (
            ForeignKey("case_id", "cases"),
            ForeignKey("leverage_point", "leverage_points"),
            ForeignKey("characteristic_id", "characteristics"),
        ),
    ),
    Table(
        "outcomes",
        "Outcomes",
        "Results each case reports, each resting on one source.",
        (
            ID,
            _f("case_id", "string", "The case.", True),
            _f("claim", "string", "The claim, in casebook's words.", True),
            _f("indicator", "string", "What was measured.", True),
            _f("domain", "string", "Outcome domain (see outcome_domains).", True),
            _f("direction", "string", "improved, declined, no change or mixed, where stated."),
            _f("baseline_value", "string", "Baseline value as reported."),
            _f("baseline_unit", "string", "Unit of the baseline."),
            _f("baseline_year", "integer", "Year of the baseline."),
            _f("result_value", "string", "Result value as reported."),
            _f("result_unit", "string", "Unit of the result."),
            _f("result_year", "integer", "Year of the result."),
            _f("source_id", "string", "The source the figure rests on.", True),
            _f("locator", "string", "Page, table or section in the source."),
            _f("certainty", "string", "reported, uncertain or disputed.", True),
            _f(
                "headline",
                "boolean",
                "True for the one or two outcomes the case names as its headline results, "
                "those that best say what changed (a brief leads with them, in the order the "
                "case file gives under 'headline').",
                True,
            ),
        ),
        (
            ForeignKey("case_id", "cases"),
            ForeignKey("domain", "outcome_domains"),
            ForeignKey("source_id", "sources"),
        ),
    ),
    Table(
        "timeline",
        "Timeline",
        "Dated events of each case.",
        (
            ID,
            _f("case_id", "string", "The case.", True),
            _f("date", "string", "YYYY, YYYY-MM or YYYY-MM-DD.", True),
            _f("year", "integer", "Year of the event.", True),
            _f("event", "string", "What happened.", True),
            _f("intervention_id", "string", "The intervention it belongs to, if any."),
            _f("source_id", "string", "Source.", True),
            _f("certainty", "string", "reported, uncertain or disputed.", True),
        ),
        (
            ForeignKey("case_id", "cases"),
            ForeignKey("intervention_id", "interventions"),
            ForeignKey("source_id", "sources"),
        ),
    ),
    Table(
        "disagreements",
        "Disagreements",
        "Where another source says something different from the one a case uses.",
        (
            ID,
            _f("case_id", "string", "The case.", True),
            _f("subject", "string", "The outcome id or timeline event id disputed.", True),
            _f("source_id", "string", "The source that disagrees.", True),
            _f("says", "string", "What that source says.", True),
            _f("resolution", "string", "Which figure the case uses, and why.", True),
        ),
        (
            ForeignKey("case_id", "cases"),
            ForeignKey("source_id", "sources"),
        ),
    ),
    Table(
        "sources",
        "Sources",
        "The bibliography: seed documents and public publications.",
        (
            ID,
            _f("title", "string", "Title as published.", True),
            _f(
                "author",
                "string",
                f"Authors as a reader writes them, people and organisations ({LIST}); empty "
                "when the publication names none. The exports carry them split into family "
                "and given names.",
            ),
            _f(
                "organisation",
                "string",
                "Issuing organisation of a report, school of a thesis, or outlet of a news item "
                "or blog post; never the journal (see container).",
            ),
            _f("container", "string", "Journal, or book for a chapter, it appears in."),
            _f("volume", "string", "Volume of the journal or book, as printed (e.g. 46)."),
            _f("issue", "string", "Issue (number) within the volume, as printed (e.g. 1, 3-4)."),
            _f(
                "pages",
                "string",
                "First and last page with a hyphen (30-39), or one page or article number.",
            ),
            _f(
                "doi",
                "string",
                "Digital Object Identifier, without its address (10.1093/qje/qjz010); it "
                "resolves at https://doi.org/ followed by the DOI.",
            ),
            _f("publisher", "string", "Publisher, where recorded apart from the organisation."),
            _f("year", "integer", "Year of publication."),
            _f("type", "string", "Kind of source.", True),
            _f("language", "string", "Language of the source (ISO 639-1).", True),
            _f(
                "url",
                "string",
                "Address, where known: the publisher's own page where there is one.",
            ),
            _f(
                "archive_url",
                "string",
                "A copy elsewhere that was read, when the url no longer holds the full text.",
            ),
            _f("file", "string", "File name, for seed documents."),
            _f("undated", "boolean", "True when the publication shows no date.", True),
            _f("note", "string", "What the source supports in the corpus."),
        ),
        (ForeignKey("language", "languages"),),
    ),
    Table(
        "claims",
        "Evidence claims",
        "Claims of the evidence base, in casebook's words, with the sources that support them.",
        (
            ID,
            _f("claim", "string", "The claim.", True),
            _f("source_ids", "string", f"Supporting sources ({LIST}); see also citations."),
            _f("case_ids", "string", f"Cases it bears on ({LIST})."),
            _f("note", "string", "How far the sources support it."),
        ),
    ),
    Table(
        "citations",
        "Citations",
        "Which field of which case, or which claim, cites which source.",
        (
            ID,
            _f("case_id", "string", "The citing case (empty for a claim)."),
            _f("claim_id", "string", "The citing claim (empty for a case)."),
            _f(
                "field",
                "string",
                "The citing field (e.g. interventions.sobral-coaching, or a section).",
                True,
            ),
            _f("source_id", "string", "The cited source.", True),
        ),
        (
            ForeignKey("case_id", "cases"),
            ForeignKey("claim_id", "claims"),
            ForeignKey("source_id", "sources"),
        ),
    ),
    Table(
        "coders",
        "Coders",
        "Who or what made each set of judgements about the leverage points (the tags, each "
        "further coding, the settlements and their re-examination): a person with their role, "
        "or an automated reader, how it was instructed, what it saw and when. From "
        "casestudies/coders.yml and the header of each file in casestudies/codings/.",
        (
            _f("id", "string", "The coder, as the codings and resolutions tables name it.", True),
            _f("kind", "string", "person or automated (an automated reader).", True),
            _f("role", "string", "A person's role (empty for an automated reader)."),
            _f("produced", "string", "Which judgements in the data are this coder's.", True),
            _f("instructions", "string", "How the coder was instructed.", True),
            _f("saw", "string", "What the coder saw while judging.", True),
            _f(
                "date",
                "string",
                "When: a day, or an ISO 8601 interval of days (start/end).",
                True,
            ),
        ),
    ),
    Table(
        "codings",
        "Codings",
        "Each coder's leverage point for each intervention: the case file's tag is the first "
        "coder's (coder-1); further coders' are in casestudies/codings/.",
        (
            ID,
            _f("intervention_id", "string", "The intervention coded.", True),
            _f("coder", "string", "Who coded it (coder-1 is the case file's own tag).", True),
            _f("leverage_point", "integer", "The leverage point the coder chose.", True),
            _f("rationale", "string", "The coder's reason, in their words.", True),
            _f("blind", "boolean", "True when the coder did not see the other coding.", True),
        ),
        (
            ForeignKey("intervention_id", "interventions"),
            ForeignKey("leverage_point", "leverage_points"),
        ),
    ),
    Table(
        "resolutions",
        "Resolutions",
        "How each disagreement between the first coding and a second coder's was settled: the "
        "tag kept, changed, or shown beside a rival reading (README: Coding protocol).",
        (
            ID,
            _f("intervention_id", "string", "The intervention the coders disagreed on.", True),
            _f("case_id", "string", "Its case.", True),
            _f("second_coder", "string", "The coder whose reading differed.", True),
            _f("first_point", "integer", "The first coding's leverage point.", True),
            _f("second_point", "integer", "The second coder's leverage point.", True),
            _f("decision", "string", "kept, changed or rival.", True),
            _f("settled_point", "integer", "The intervention's leverage point now.", True),
            _f("rival_point", "integer", "The rival reading's point (decision rival)."),
            _f("rival_rationale", "string", "Why the rival reading holds too."),
            _f("settled_by", "string", "Who settled it (a coder in the coders table).", True),
            _f("reason", "string", "Why it was settled this way.", True),
            _f(
                "reexamined_by",
                "string",
                "Who looked at the settlement again under the protocol (coders table).",
            ),
        ),
        (
            ForeignKey("intervention_id", "interventions"),
            ForeignKey("case_id", "cases"),
            ForeignKey("first_point", "leverage_points"),
            ForeignKey("second_point", "leverage_points"),
            ForeignKey("settled_point", "leverage_points"),
            ForeignKey("rival_point", "leverage_points"),
        ),
    ),
    Table(
        "agreement",
        "Agreement",
        "How far each further coder agrees with the first coding, as casebook agreement "
        "reports it: over all interventions both coded, and within each system characteristic "
        "of the first coding. Computed by the build from the codings table.",
        (
            ID,
            _f("first_coder", "string", "The first coder (coder-1, the case files' tags).", True),
            _f("second_coder", "string", "The other coder.", True),
            _f(
                "characteristic_id",
                "string",
                "The first coding's system characteristic; empty for all interventions.",
            ),
            _f(
                "measure",
                "string",
                "percent_agreement, cohen_kappa, cohen_kappa_linear, krippendorff_alpha_nominal, "
                "krippendorff_alpha_ordinal (all interventions); same_point, "
                "same_characteristic (within a characteristic).",
                True,
            ),
            _f("items", "integer", "Interventions both coders coded, in this scope.", True),
            _f("value", "number", "The figure, rounded to four decimals.", True),
        ),
        (ForeignKey("characteristic_id", "characteristics"),),
    ),
    Table(
        "perspectives",
        "Perspectives",
        "Who said what in the recorded conversation, in casebook's words.",
        (
            ID,
            _f("speaker", "string", "Who spoke.", True),
            _f("organisation", "string", "Their organisation."),
            _f("start", "string", "Start in the recording (MM:SS or HH:MM:SS).", True),
            _f("end", "string", "End in the recording.", True),
            _f("summary", "string", "What they said, in casebook's words.", True),
            _f("recording", "string", "The recording."),
            _f("source_id", "string", "Where the excerpt is documented.", True),
            _f("case_ids", "string", f"Related cases ({LIST})."),
        ),
        (ForeignKey("source_id", "sources"),),
    ),
    Table(
        "quotes",
        "Quotations",
        "Quotations, verbatim, with speaker and source.",
        (
            ID,
            _f("text", "string", "The exact words.", True),
            _f("speaker", "string", "Who said or wrote them.", True),
            _f("organisation", "string", "Their organisation."),
            _f("context", "string", "Where and when, as the source gives it."),
            _f("source_id", "string", "Where the quotation was read.", True),
            _f(
                "original_source_id", "string", "The publication it first appeared in, where known."
            ),
            _f("case_ids", "string", f"Related cases ({LIST})."),
        ),
        (ForeignKey("source_id", "sources"), ForeignKey("original_source_id", "sources")),
    ),
    Table(
        "leverage_points",
        "Leverage points",
        "Meadows' twelve places to intervene in a system (1999 numbering).",
        (
            _f("id", "integer", "Meadows' number: 12 (shallowest) to 1 (deepest).", True),
            NAME,
            _f("characteristic_id", "string", "System characteristic (Abson et al. 2017).", True),
            DESCRIPTION,
            _f("education_example", "string", "An example from education."),
            _f("teaching_prompt", "string", "A question for learners."),
            _f("source_id", "string", "The source of the framework.", True),
        ),
        (
            ForeignKey("characteristic_id", "characteristics"),
            ForeignKey("source_id", "sources"),
        ),
    ),
    Table(
        "characteristics",
        "System characteristics",
        "Abson et al.'s (2017) grouping of the twelve points.",
        (
            ID,
            NAME,
            _f("order", "integer", "1 = shallowest (parameters) to 4 = deepest (intent).", True),
            _f("leverage_points", "string", f"Points in the group ({LIST})."),
            DESCRIPTION,
            COLOUR,
            _f("source_id", "string", "The source of the grouping.", True),
        ),
        (ForeignKey("source_id", "sources"),),
        sort_key="order",
    ),
    Table(
        "approaches",
        "Approaches",
        "How an effort was initiated and steered.",
        (
            ID,
            NAME,
            ORDER,
            _f("definition", "string", "Definition.", True),
            COLOUR,
        ),
        sort_key="order",
    ),
    Table(
        "levels",
        "Levels",
        "Levels of an education system.",
        (ID, NAME, ORDER, DESCRIPTION),
        sort_key="order",
    ),
    Table(
        "evidence_grades",
        "Evidence grades",
        "The evidence-strength rubric.",
        (
            ID,
            NAME,
            ORDER,
            _f("rank", "integer", "4 = strongest.", True),
            _f("criteria", "string", "What earns the grade.", True),
            _f(
                "thin",
                "boolean",
                "True for thin evidence (the implementer's own account, or testimony only).",
                True,
            ),
            COLOUR,
        ),
        sort_key="order",
    ),
    Table(
        "actors",
        "Actors",
        "Kinds of actor in a case.",
        (ID, NAME, ORDER, DESCRIPTION),
        sort_key="order",
    ),
    Table(
        "outcome_domains",
        "Outcome domains",
        "What an outcome measures.",
        (ID, NAME, ORDER, DESCRIPTION),
        sort_key="order",
    ),
    Table(
        "world_regions",
        "World regions",
        "World regions (World Bank), plus global.",
        (ID, NAME, ORDER, DESCRIPTION),
        sort_key="order",
    ),
    Table(
        "countries",
        "Countries",
        "Countries cases are set in, with their world region.",
        (ID, NAME, ORDER, _f("region", "string", "World region.", True)),
        (ForeignKey("region", "world_regions"),),
        sort_key="order",
    ),
    Table(
        "languages",
        "Languages",
        "Languages sources are written in, by ISO 639-1 code.",
        (_f("id", "string", "ISO 639-1 code.", True), NAME, ORDER),
        sort_key="order",
    ),
)

TABLES_BY_NAME = {t.name: t for t in TABLES}
