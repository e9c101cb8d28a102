"""Briefs in the provocation paper's shape, assembled from a theme and the data.

Two halves:

- :class:`Brief` builds each section of the paper (introduction, story, perspectives,
  examples, insights, questions, useful links) as display objects. ``notebooks/brief.ipynb``
  calls one method per cell, so the notebook reads like the paper's outline and holds no logic.
- :func:`make_brief` runs that notebook in a real Jupyter kernel with papermill, turns the
  executed notebook into one standalone HTML page with no code cells, and writes it
  atomically.

Nothing is invented at generation time: prose comes from case and theme files, numbers from
:mod:`casebook.analysis` on the corpus' tables.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path
from string import Template
from typing import TYPE_CHECKING

from . import __version__, paths
from .atomic import write_atomic
from .errors import UsageError
from .render import Citations, escape, markdown_html, markdown_inline

if TYPE_CHECKING:
    from .corpus import Corpus
    from .themes import Theme

FORMATS = ("html",)
CHARACTERISTIC_COLOURS = {
    "parameters": "#9fb7cc",
    "feedbacks": "#5d8fb8",
    "design": "#2f6a99",
    "intent": "#123f63",
}


@dataclass
class Section:
    """A piece of the brief that shows itself as HTML in a notebook and in the export."""

    html: str

    def _repr_html_(self) -> str:
        return self.html


class Brief:
    """The sections of one brief on one theme."""

    def __init__(self, theme: Theme, corpus: Corpus):
        from .analysis import select_cases
        from .tables import corpus_tables

        self.theme = theme
        self.corpus = corpus
        self.tables = corpus_tables(corpus)
        self.selected = select_cases(self.tables, theme.selection)
        self.citations = Citations()

    @classmethod
    def load(cls, theme: str, source: str | Path | None = None) -> Brief:
        """Load and validate the corpus and the theme."""
        from .corpus import load_corpus
        from .themes import load_theme

        corpus = load_corpus(Path(source) if source else None)
        return cls(load_theme(theme, corpus), corpus)

    def _md(self, text: str) -> str:
        return markdown_html(text, self.citations)

    def header(self) -> Section:
        t = self.theme
        n, total = len(self.selected), len(self.corpus.cases)
        subtitle = f'<p class="subtitle">{escape(t.subtitle)}</p>' if t.subtitle else ""
        return Section(
            f'<p class="kicker">casebook brief</p><h1>{escape(t.title)}</h1>{subtitle}'
            f'<p class="meta">{n} of {total} cases in the casebook corpus match this theme. '
            f"Every statement below comes from a case or theme file and cites its source; "
            f"every number is computed from the casebook data (version {__version__}).</p>"
        )

    def introduction(self) -> Section:
        questions = "".join(f"<li>{escape(q)}</li>" for q in self.theme.framing_questions)
        return Section(
            f"<h2>Introduction</h2>{self._md(self.theme.introduction)}"
            f'<ul class="questions">{questions}</ul>'
        )

    def story(self) -> Section:
        case = self.corpus.case(self.theme.lead_case)
        return Section(
            f"<h2>Story</h2><h3>{escape(case.title)}</h3>{self._md(case.sections['Story'])}"
        )

    def perspectives(self) -> Section:
        rows = "".join(
            f"<tr><td>{escape(p.speaker)}{f' ({escape(p.organisation)})' if p.organisation else ''}</td>"
            f"<td>{escape(p.start)} – {escape(p.end)}</td>"
            f"<td>{escape(p.summary)}{self.citations.marker([p.source])}</td></tr>"
            for p in self.corpus.perspectives
        )
        if not rows:
            return Section("")
        return Section(
            '<h2>Perspectives</h2><table><thead><tr><th scope="col">Who?</th>'
            '<th scope="col">When?</th><th scope="col">What?</th></tr></thead>'
            f"<tbody>{rows}</tbody></table>"
        )

    def examples(self) -> Section:
        tax = self.corpus.taxonomy
        parts = []
        for row in self.selected.itertuples():
            case = self.corpus.case(row.id)
            place = ", ".join(
                x for x in (case.place.locality, case.place.region, case.place.country) if x
            )
            period = f"{case.period.start}–{case.period.end or 'ongoing'}"
            points = "".join(
                f'<span class="tag">{p} · {escape(tax.leverage_points[p].name.split(" (")[0])}</span>'
                for p in case.leverage_points
            )
            purpose = (
                f"<p>Purpose: {escape(case.purpose.statement)}{self.citations.marker([case.purpose.source])}</p>"
                if case.purpose
                else ""
            )
            parts.append(
                f'<div class="example"><h3>{escape(case.title)}</h3>'
                f'<p class="tags">{escape(place)} · {escape(tax.levels[case.level].name)} · {period} · '
                f"{escape(tax.approaches[case.approach.type].name)} · evidence: "
                f"{escape(tax.evidence_grades[case.evidence.grade].name.lower())}</p>"
                f"{purpose}<p>Approach: {markdown_inline(case.approach.rationale, self.citations)}"
                f"{self.citations.marker(case.approach.sources)}</p>"
                f'<p class="tags">Leverage points pulled: {points}</p></div>'
            )
        return Section(
            "<h2>Examples</h2>" + ("".join(parts) or "<p>No case matches this theme yet.</p>")
        )

    def insights(self) -> list:
        from .analysis import approach_counts, grade_counts, leverage_counts
        from .figures import Chart, leverage_bars

        selected_ids = set(self.selected["id"])
        interventions = self.tables["interventions"]
        chosen = interventions[interventions["case_id"].isin(selected_ids)]
        counts = leverage_counts(chosen, self.tables["leverage_points"])
        approaches = approach_counts(self.selected, self.tables["approaches"])
        grades = grade_counts(self.selected, self.tables["evidence_grades"])
        deep = counts.loc[counts["characteristic_id"] == "intent", "interventions"].sum()
        text = (
            f"<h2>Insights</h2><p>This brief covers {_count(len(self.selected), 'case')} with "
            f"{_count(len(chosen), 'intervention')}, {deep} of them at the deepest system characteristic "
            f"(intent: goals, paradigms and beyond). By approach: "
            + ", ".join(f"{r.cases} {escape(r.name.lower())}" for r in approaches.itertuples())
            + ". By evidence grade: "
            + ", ".join(f"{r.cases} {escape(r.name.lower())}" for r in grades.itertuples())
            + ".</p>"
        )
        return [
            Section(text),
            Chart(
                leverage_bars(counts),
                "Interventions per leverage point in the selected cases, "
                "from shallow (12) to deep (1), coloured by system characteristic.",
                standalone=False,
            ),
        ]

    def questions(self) -> Section:
        items = "".join(f"<li>{escape(q)}</li>" for q in self.theme.closing_questions)
        return Section(f'<h2>Questions / What\'s next</h2><ul class="questions">{items}</ul>')

    def links(self) -> Section:
        items = []
        for n, source_id in enumerate(self.citations.order, start=1):
            s = self.corpus.sources[source_id]
            where = (
                f'<a href="{escape(s.url)}">{escape(s.url)}</a>'
                if s.url
                else f"seed document {escape(s.file)}"
            )
            year = s.year or ("n.d." if s.undated else "")
            org = (
                f", {escape(s.organisation)}"
                if s.organisation and s.organisation != s.author
                else ""
            )
            items.append(
                f'<li id="ref-{n}">{escape(s.author)}{org}{f" ({year})" if year else ""}. '
                f"<em>{escape(s.title)}</em>. {where}</li>"
            )
        return Section(f'<h2>Useful links</h2><ol class="references">{"".join(items)}</ol>')


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


# --- running the notebook and writing the page ------------------------------------------------


def page(body: str, title: str) -> str:
    """Wrap exported cell outputs in casebook's standalone page (CSS and plotly.js inline)."""
    from plotly.offline import get_plotlyjs

    from .figures import geo_assets_script

    shell = Template((paths.TEMPLATES / "brief.html").read_text(encoding="utf-8"))
    return shell.substitute(
        version=__version__,
        title=escape(title),
        body=body,
        plotly_js=get_plotlyjs(),
        geo_assets=geo_assets_script(),
        css=(paths.TEMPLATES / "brief.css").read_text(encoding="utf-8"),
    )


def notebook_html(notebook) -> str:
    """Cell outputs only, no code and no prompts, through nbconvert's basic template."""
    from nbconvert import HTMLExporter

    for cell in notebook.cells:
        # Warnings printed by libraries are for the developer's log, not the reader.
        cell["outputs"] = [o for o in cell.get("outputs", []) if o.get("name") != "stderr"]
    exporter = HTMLExporter(
        template_name="basic",
        exclude_input=True,
        exclude_markdown=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
    )
    body, _ = exporter.from_notebook_node(notebook)
    return body


def make_brief(
    theme: str,
    source: Path | None = None,
    out: Path | None = None,
    formats: list[str] | None = None,
) -> list[Path]:
    """Run ``notebooks/brief.ipynb`` for ``theme`` and write the brief.

    The corpus and theme are validated before a kernel starts, so bad input fails fast and
    with a clear message; any failure leaves a previous brief untouched.

    Returns
    -------
    list of Path
        The files written.
    """
    import papermill

    formats = formats or ["html"]
    unknown = [f for f in formats if f not in FORMATS]
    if unknown:
        raise UsageError(f"unknown format {', '.join(unknown)}; available: {', '.join(FORMATS)}")
    brief = Brief.load(theme, source)  # fail fast on bad content, before starting a kernel
    out = Path(out or paths.BRIEFS)
    source_arg = str(Path(source).resolve()) if source else None
    with tempfile.TemporaryDirectory(prefix="casebook-brief-") as tmp:
        executed = papermill.execute_notebook(
            str(paths.BRIEF_NOTEBOOK),
            str(Path(tmp) / "brief.ipynb"),
            parameters={"theme": theme, "source": source_arg},
            kernel_name="python3",
            extra_arguments=["--log-level=ERROR"],  # the kernel's start-up warnings are noise here
            cwd=str(paths.ROOT),
            progress_bar=False,
            log_output=False,
        )
    target = out / f"{theme}.html"
    write_atomic(target, page(notebook_html(executed), brief.theme.title))
    return [target]
