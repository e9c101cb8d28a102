"""How a corpus fills the data package's tables (declared in :mod:`casebook.package.schema`).

:func:`corpus_tables` is what every analysis, figure and view starts from: one DataFrame per
table, with the columns and types the schema declares.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from casebook.content.corpus import TAXONOMY_SOURCES
from casebook.package.schema import LIST_SEPARATOR, TABLES, TABLES_BY_NAME

if TYPE_CHECKING:
    import pandas as pd

    from casebook.content.corpus import Corpus
    from casebook.content.shared import Records


def _join(values) -> str | None:
    values = [str(v) for v in values]
    return LIST_SEPARATOR.join(values) if values else None


def _measure(m, part):
    if m is None:
        return None
    value = getattr(m, part)
    if part == "value" and isinstance(value, float) and value.is_integer():
        return str(int(value))
    return None if value is None else str(value) if part == "value" else value


# The tables with rows of their own per case; the build writes them case by case.
CASE_TABLES = (
    "cases",
    "interventions",
    "outcomes",
    "timeline",
    "disagreements",
    "citations",
    "codings",
    "resolutions",
)
# Case tables that the shared files add rows to as well.
MIXED_TABLES = ("citations", "codings")
# Tables computed from other tables once every row is in (the build writes them last).
DERIVED_TABLES = ("agreement",)


def corpus_rows(corpus: Corpus) -> dict[str, list[dict]]:
    """Flatten a corpus into one list of row dicts per table."""
    rows: dict[str, list[dict]] = {t.name: [] for t in TABLES}
    for case in corpus.cases:
        for name, case_table in case_rows(case, corpus.taxonomy, corpus.related(case.id)).items():
            rows[name] += case_table
    for name, shared_table in shared_rows(corpus).items():
        rows[name] += shared_table
    rows["agreement"] = agreement_table(rows["codings"], corpus.taxonomy)
    return rows


def agreement_table(codings: list[dict], tax) -> list[dict]:
    """The ``agreement`` rows, from every row of the ``codings`` table."""
    if not {row["coder"] for row in codings} - {"coder-1"}:
        return []  # no second coder: nothing to compare, and no pandas to import
    import pandas as pd

    from casebook.package.intercoder import agreement_rows

    frame = pd.DataFrame(codings, columns=["intervention_id", "coder", "leverage_point"])
    frame["leverage_point"] = frame["leverage_point"].astype(int)
    points = tax.leverage_points
    return agreement_rows(frame, lambda point: points[point].characteristic)


def case_rows(case, tax, related: list[str]) -> dict[str, list[dict]]:
    """One case's rows in each of :data:`CASE_TABLES`; ``related`` are the cases related to
    it in either direction (which only the whole corpus knows)."""
    rows: dict[str, list[dict]] = {name: [] for name in CASE_TABLES}
    rows["cases"].append(
        {
            "id": case.id,
            "title": case.title,
            "summary": case.summary,
            "country": tax.country_id(case.place.country),
            "region": case.place.region,
            "world_region": tax.region_of(case.place.country),
            "locality": case.place.locality,
            "lat": case.place.lat,
            "lon": case.place.lon,
            "level": case.level,
            "period_start": case.period.start,
            "period_end": case.period.end,
            "actors": _join(case.actors),
            "purpose_statement": case.purpose.statement if case.purpose else None,
            "purpose_source_id": case.purpose.source if case.purpose else None,
            "purpose_values": _join(case.purpose.values) if case.purpose else None,
            "approach": case.approach.type,
            "approach_initiated_by": case.approach.initiated_by,
            "approach_rationale": case.approach.rationale,
            "evidence_grade": case.evidence.grade,
            "evidence_reason": case.evidence.reason,
            "leverage_points": _join(case.leverage_points),
            "deepest_leverage_point": min(case.leverage_points),
            "related_case_ids": _join(related),
            "story": case.sections.get("Story"),
            "file": case.file,
        }
    )
    for i in case.interventions:
        rows["interventions"].append(
            {
                "id": i.id,
                "case_id": case.id,
                "what": i.what,
                "leverage_point": i.leverage_point,
                "characteristic_id": tax.characteristic_of(i.leverage_point),
                "rationale": i.rationale,
                "alternatives": _join(i.alternatives),
                "start": i.start,
                "end": i.end,
                "source_ids": _join(i.sources),
            }
        )
    for o in case.outcomes:
        rows["outcomes"].append(
            {
                "id": o.id,
                "case_id": case.id,
                "claim": o.claim,
                "indicator": o.indicator,
                "domain": o.domain,
                "direction": o.direction,
                **{
                    f"{name}_{part}": _measure(getattr(o, name), part)
                    for name in ("baseline", "result")
                    for part in ("value", "unit", "year")
                },
                "source_id": o.source,
                "locator": o.locator,
                "certainty": o.certainty,
                "headline": o.id in case.headline,
            }
        )
        rows["disagreements"] += [
            {
                "id": f"{o.id}-d{k + 1}",
                "case_id": case.id,
                "subject": o.id,
                "source_id": d.source,
                "says": d.says,
                "resolution": d.resolution,
            }
            for k, d in enumerate(o.disagreements)
        ]
    seen_dates: dict[str, int] = {}
    for t in sorted(case.timeline, key=lambda e: e.date):
        # Named by date, so adding an event elsewhere in the timeline leaves the ids of the
        # others unchanged; events on the same date are numbered in file order.
        seen_dates[t.date] = seen_dates.get(t.date, 0) + 1
        event_id = f"{case.id}-{t.date}" + (
            f"-{seen_dates[t.date]}" if seen_dates[t.date] > 1 else ""
        )
        rows["timeline"].append(
            {
                "id": event_id,
                "case_id": case.id,
                "date": t.date,
                "year": int(t.date[:4]),
                "event": t.event,
                "intervention_id": t.intervention,
                "source_id": t.source,
                "certainty": t.certainty,
            }
        )
        rows["disagreements"] += [
            {
                "id": f"{event_id}-d{k + 1}",
                "case_id": case.id,
                "subject": event_id,
                "source_id": d.source,
                "says": d.says,
                "resolution": d.resolution,
            }
            for k, d in enumerate(t.disagreements)
        ]
    rows["citations"] += [
        {
            "id": f"{case.id}:{where}:{source}",
            "case_id": case.id,
            "field": where,
            "source_id": source,
        }
        for where, source in case.cited_sources()
    ]
    rows["codings"] = [
        {
            "id": f"{i.id}:coder-1",
            "intervention_id": i.id,
            "coder": "coder-1",
            "leverage_point": i.first_coding[0],
            "rationale": i.first_coding[1],
            "blind": False,
        }
        for i in case.interventions
    ]
    rows["resolutions"] = [
        {
            "id": f"{i.id}:{r.second_coder}",
            "intervention_id": i.id,
            "case_id": case.id,
            "second_coder": r.second_coder,
            "first_point": i.first_coding[0],
            "second_point": r.second_point,
            "decision": r.decision,
            "settled_point": i.leverage_point,
            "rival_point": r.rival_point,
            "rival_rationale": r.rival_rationale,
            "settled_by": r.settled_by,
            "reason": r.reason,
            "reexamined_by": r.reexamined_by,
        }
        for i in case.interventions
        if (r := i.review) is not None
    ]
    return rows


def shared_rows(corpus: Records) -> dict[str, list[dict]]:
    """The rows that come from the shared files and the taxonomy, not from any one case.

    A :class:`~casebook.content.corpus.Corpus` is a :class:`Records`; the build passes the
    shared files' records alone, without loading every case.
    """
    tax = corpus.taxonomy
    rows: dict[str, list[dict]] = {
        t.name: []
        for t in TABLES
        if (t.name not in CASE_TABLES or t.name in MIXED_TABLES) and t.name not in DERIVED_TABLES
    }
    rows["coders"] = [
        {
            "id": c.coder,
            "kind": c.kind,
            "role": c.role,
            "produced": c.produced or f"the codings in casestudies/codings/{c.coder}.yml",
            "instructions": c.instructions,
            "saw": c.saw,
            "date": c.date,
        }
        for c in corpus.coders
    ]
    for codings in corpus.codings:
        rows["codings"] += [
            {
                "id": f"{c.intervention}:{codings.coder}",
                "intervention_id": c.intervention,
                "coder": codings.coder,
                "leverage_point": c.leverage_point,
                "rationale": c.rationale,
                "blind": codings.blind,
            }
            for c in codings.codings
        ]
    for claim in corpus.claims:
        rows["claims"].append(
            {
                "id": claim.id,
                "claim": claim.claim,
                "source_ids": _join(claim.sources),
                "case_ids": _join(claim.cases),
                "note": claim.note,
            }
        )
        rows["citations"] += [
            {
                "id": f"claim:{claim.id}:{source}",
                "claim_id": claim.id,
                "field": "sources",
                "source_id": source,
            }
            for source in claim.sources
        ]
    for s in corpus.sources.values():
        rows["sources"].append(
            {
                **s.model_dump(exclude={"authors"}),
                "author": s.author or None,
            }
        )
    for p in corpus.perspectives:
        rows["perspectives"].append(
            {
                "id": p.id,
                "speaker": p.speaker,
                "organisation": p.organisation,
                "start": p.start,
                "end": p.end,
                "summary": p.summary,
                "recording": p.recording,
                "source_id": p.source,
                "case_ids": _join(p.cases),
            }
        )
    for q in corpus.quotes:
        rows["quotes"].append(
            {
                "id": q.id,
                "text": q.text,
                "speaker": q.speaker,
                "organisation": q.organisation,
                "context": q.context,
                "source_id": q.source,
                "original_source_id": q.original,
                "case_ids": _join(q.cases),
            }
        )
    for lp in tax.leverage_points.values():
        rows["leverage_points"].append(
            {
                "id": lp.number,
                "name": lp.name,
                "characteristic_id": lp.characteristic,
                "description": lp.description,
                "education_example": lp.education_example,
                "teaching_prompt": lp.teaching_prompt,
                "source_id": TAXONOMY_SOURCES["leverage_points"],
            }
        )
    for c in tax.characteristics.values():
        rows["characteristics"].append(
            {
                "id": c.id,
                "name": c.name,
                "order": c.order,
                "leverage_points": _join(c.points),
                "description": c.description,
                "colour": c.colour,
                "source_id": TAXONOMY_SOURCES["characteristics"],
            }
        )
    for name in (
        "approaches",
        "levels",
        "evidence_grades",
        "actors",
        "outcome_domains",
        "world_regions",
        "countries",
        "languages",
    ):
        # "order" keeps the taxonomy's own order, which charts and tables follow
        rows[name] = [
            {**entry.model_dump(), "order": n}
            for n, entry in enumerate(getattr(tax, name).values(), start=1)
        ]
    return rows


def corpus_tables(corpus: Corpus, names: tuple[str, ...] | None = None) -> dict[str, pd.DataFrame]:
    """Every table (or the ``names`` given) as a DataFrame with the declared columns, in the
    declared order.

    Raises
    ------
    ValueError
        When a row carries a column its table does not declare (a bug in this module).
    """
    import pandas as pd

    frames = {}
    for table_name, rows in corpus_rows(corpus).items():
        if names is not None and table_name not in names:
            continue
        table = TABLES_BY_NAME[table_name]
        extra = {key for row in rows for key in row} - set(table.columns)
        if extra:
            raise ValueError(f"table {table_name} got undeclared columns: {sorted(extra)}")
        missing = set(table.columns) - {key for row in rows for key in row}
        if rows and missing:
            raise ValueError(f"table {table_name} is missing declared columns: {sorted(missing)}")
        frame = pd.DataFrame(rows, columns=table.columns)
        for f in table.fields:
            if f.type == "integer":
                frame[f.name] = frame[f.name].astype("Int64")
            elif f.type == "boolean":
                frame[f.name] = frame[f.name].astype("bool")
            elif f.type == "number":
                frame[f.name] = frame[f.name].astype("float64")
            else:
                frame[f.name] = frame[f.name].astype("object")
        frames[table_name] = frame.sort_values(table.sort_key, kind="stable").reset_index(drop=True)
    return frames
