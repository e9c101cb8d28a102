"""Briefs in the provocation paper's shape, assembled from a theme and the data.

Two halves:

- :class:`Brief` builds each section of the paper (introduction, story, perspectives and
  quotations, evidence, examples, insights, questions, useful links) as display objects.
  ``notebooks/brief.ipynb`` calls one method per cell, so the notebook reads like the paper's
  outline and holds no logic.
- :func:`make_brief` and :func:`make_briefs` run that notebook in a real Jupyter kernel
  (:mod:`casebook.notebook`), turn the executed notebook into one standalone HTML page with no
  code cells (and, when asked, a PDF printed by chromium), and write them atomically.

Nothing is invented at generation time: prose comes from case and theme files, numbers from
:mod:`casebook.analysis` on the corpus' tables.
"""

from __future__ import annotations

import re
import tempfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from string import Template
from typing import TYPE_CHECKING

from . import __version__, paths
from .atomic import write_atomic
from .errors import UsageError
from .render import Citations, escape, markdown_html, markdown_inline, reference_html

if TYPE_CHECKING:
    from .corpus import Corpus
    from .themes import Theme

FORMATS = ("html", "pdf")


@dataclass
class Section:
    """A piece of the brief that shows itself as HTML in a notebook and in the export."""

    html: str

    def _repr_html_(self) -> str:
        return self.html


def _count(n: int, noun: str, plural: str | None = None) -> str:
    return f"{n} {noun if n == 1 else (plural or noun + 's')}"


def _names(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


_CORPORA: dict = {}


def _corpus(source: Path):
    """Load the corpus, reusing the last one while no file under it has changed.

    ``casebook briefs --all`` runs the brief notebook once per theme in the same kernel; the
    corpus is read once instead of once per theme.
    """
    from .corpus import load_corpus

    files = sorted(
        p for folder in (source, paths.TAXONOMY) for p in folder.iterdir() if p.is_file()
    )
    key = (
        str(source.resolve()),
        tuple((str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in files),
    )
    if key not in _CORPORA:
        _CORPORA.clear()
        _CORPORA[key] = load_corpus(source)
    return _CORPORA[key]


class Brief:
    """The sections of one brief on one theme, numbering citations as they appear."""

    def __init__(self, theme: Theme, corpus: Corpus):
        from .analysis import select_cases
        from .tables import corpus_tables

        self.theme = theme
        self.corpus = corpus
        self.tables = corpus_tables(corpus)
        self.selected = select_cases(self.tables, theme.selection)
        if any(theme.filters.model_dump().values()):
            narrowed = select_cases(self.tables, theme.filters)["id"]
            self.selected = self.selected[self.selected["id"].isin(narrowed)].reset_index(drop=True)
        self.selected_ids = set(self.selected["id"])
        self.citations = Citations()

    @classmethod
    def load(
        cls,
        theme: str,
        source: str | Path | None = None,
        where: list[str] | None = None,
        replace_selection: bool = False,
    ) -> Brief:
        """Load and validate the corpus and the theme, then apply ``--where`` filters."""
        from .themes import apply_where, load_theme

        corpus = _corpus(Path(source) if source else paths.CASESTUDIES)
        chosen = apply_where(
            load_theme(theme, corpus), list(where or []), corpus, replace_selection
        )
        return cls(chosen, corpus)

    def _md(self, text: str) -> str:
        return markdown_html(text, self.citations)

    def _cite(self, *source_ids: str) -> str:
        return self.citations.marker(list(dict.fromkeys(source_ids)))

    # --- the paper's sections, in order ------------------------------------------------------

    def header(self) -> Section:
        t = self.theme
        n, total = len(self.selected), len(self.corpus.cases)
        subtitle = f'<p class="subtitle">{escape(t.subtitle)}</p>' if t.subtitle else ""
        return Section(
            f'<p class="kicker">casebook brief</p><h1>{escape(t.title)}</h1>{subtitle}'
            f'<p class="meta">{n} of {total} cases in the casebook corpus match this theme'
            f"{self._filter_note()}. Every statement below comes from a case or theme file and "
            f"cites its source; every number is computed from the casebook data (version "
            f"{__version__}).</p>"
        )

    def _filter_note(self) -> str:
        parts = []
        for selection in (self.theme.selection, self.theme.filters):
            chosen = {k: v for k, v in selection.model_dump().items() if v}
            parts += [f"{k.replace('_', ' ')}: {', '.join(map(str, v))}" for k, v in chosen.items()]
        return f" ({escape('; '.join(parts))})" if parts else ""

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
        """The who / when / what table and the quotations that bear on the selection.

        Perspectives and quotations linked to a selected case are shown, as are perspectives
        linked to no case (they speak to the whole theme) and the quotations the theme names.
        """
        chosen = [
            p for p in self.corpus.perspectives if not p.cases or self.selected_ids & set(p.cases)
        ]
        rows = "".join(
            f"<tr><td>{escape(p.speaker)}{f' ({escape(p.organisation)})' if p.organisation else ''}</td>"
            f"<td>{escape(p.start)} – {escape(p.end)}</td>"
            f"<td>{escape(p.summary)}{self._cite(p.source)}</td></tr>"
            for p in chosen
        )
        table = (
            '<table class="perspectives"><thead><tr><th scope="col">Who?</th><th scope="col">When?</th>'
            f'<th scope="col">What?</th></tr></thead><tbody>{rows}</tbody></table>'
            if rows
            else ""
        )
        quotes = [
            q
            for q in self.corpus.quotes
            if q.id in self.theme.quotes or self.selected_ids & set(q.cases)
        ]
        blocks = "".join(
            f'<blockquote><p>“{escape(q.text)}”</p><p class="speaker">— {escape(q.speaker)}'
            f"{f', {escape(q.organisation)}' if q.organisation else ''}"
            f"{self._cite(*q.source_ids())}</p></blockquote>"
            for q in quotes
        )
        if not table and not blocks:
            return Section(
                "<h2>Perspectives</h2><p>No recorded perspective or quotation bears on these cases.</p>"
            )
        return Section(f"<h2>Perspectives</h2>{table}{blocks}")

    def evidence(self) -> Section:
        """The evidence base: each claim in casebook's words, with the sources behind it."""
        wanted = self.theme.claims
        claims = [c for c in self.corpus.claims if not wanted or c.id in wanted]
        if wanted:
            claims.sort(key=lambda c: wanted.index(c.id))
        items = "".join(
            f"<li><p>{escape(c.claim)}{self._cite(*c.sources)}</p>"
            + (
                f'<p class="note">How far the sources support it: {escape(c.note)}</p>'
                if c.note
                else ""
            )
            + "</li>"
            for c in claims
        )
        return Section(f'<h2>Evidence</h2><ol class="claims">{items}</ol>')

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
                f"<p>Purpose: {escape(case.purpose.statement)}{self._cite(case.purpose.source)}</p>"
                if case.purpose
                else ""
            )
            parts.append(
                f'<div class="example"><h3>{escape(case.title)}</h3>'
                f'<p class="tags">{escape(place)} · {escape(tax.levels[case.level].name)} · {period} · '
                f"{escape(tax.approaches[case.approach.type].name)} · evidence: "
                f"{escape(tax.evidence_grades[case.evidence.grade].name.lower())}</p>"
                f"{purpose}<p>Approach: {markdown_inline(case.approach.rationale, self.citations)}"
                f"{self._cite(*case.approach.sources)}</p>"
                f'<p class="tags">Leverage points pulled: {points}</p></div>'
            )
        return Section(
            "<h2>Examples</h2>" + ("".join(parts) or "<p>No case matches this theme.</p>")
        )

    def insights(self) -> list:
        """Counts, the leverage profile, the approach comparison and where evidence is thin."""
        from . import analysis
        from .figures import Chart, case_map, gap_map_figure, leverage_bars

        if self.selected.empty:
            return [
                Section(
                    "<h2>Insights</h2><p>No case matches this theme, so there is nothing to count.</p>"
                )
            ]
        t = self.tables
        chosen = t["interventions"][t["interventions"]["case_id"].isin(self.selected_ids)]
        counts = analysis.leverage_counts(chosen, t["leverage_points"])
        profile = analysis.leverage_profile(chosen, t["characteristics"])
        comparison = analysis.approach_comparison(t, self.selected)
        grades = analysis.grade_counts(self.selected, t["evidence_grades"])
        gap = analysis.gap_map(self.selected, chosen, grades=t["evidence_grades"])
        by_char = chosen["characteristic_id"].value_counts()
        n_cases = len(self.selected)

        profile_text = (
            f"<p>The {_count(n_cases, 'case')} in this brief {'records' if n_cases == 1 else 'record'} "
            f"{_count(len(chosen), 'intervention')}: "
            + ", ".join(f"{by_char.get(c, 0)} at {c}" for c in analysis.characteristics_order())
            + f". {_count(int((profile['deepest_point'] <= 3).sum()), 'case reaches', 'cases reach')} the "
            f"level of intent (goals, mindsets, paradigms); the mean depth score is "
            f"{profile['depth_score'].mean():.2f} on a scale from 0 (parameters) to 1 (transcending "
            "paradigms).</p>"
        )
        rows = "".join(
            f"<tr><td>{escape(r.approach)}</td><td>{r.cases}</td><td>{r.interventions}</td>"
            f"<td>{'–' if r.cases == 0 else f'{r.mean_depth_score:.2f}'}</td>"
            f"<td>{'–' if r.interventions == 0 else f'{r.share_intent:.0%}'}</td>"
            f"<td>{r.grade_strong + r.grade_moderate}</td><td>{r.cases_with_outcomes}</td></tr>"
            for r in comparison.itertuples()
        )
        approach_table = (
            "<table><thead><tr><th>approach</th><th>cases</th><th>interventions</th><th>mean depth</th>"
            "<th>share at intent</th><th>cases graded moderate or strong</th><th>cases reporting outcomes</th>"
            f"</tr></thead><tbody>{rows}</tbody></table>"
        )
        thin = self.selected[self.selected["evidence_grade"].isin(["limited", "anecdotal"])]
        anecdotal = sorted(
            self.selected.loc[self.selected["evidence_grade"] == "anecdotal", "title"]
        )
        empty = gap[gap["cases"] == 0]
        gaps = ", ".join(f"{r.characteristic_id} × {r.approach}" for r in empty.itertuples())
        thin_text = (
            "<p>By evidence grade: "
            + ", ".join(f"{r.cases} {escape(r.name.lower())}" for r in grades.itertuples())
            + f". {_count(len(thin), 'case rests', 'cases rest')} on the implementer's own account or on "
            "testimony (graded limited or anecdotal)"
            + (
                f"; the thinnest, with testimony only: {escape(_names(anecdotal))}"
                if anecdotal
                else ""
            )
            + ". "
            + (
                f"No case in this selection works at {escape(gaps)}."
                if gaps
                else "Every cell of the gap map below holds at least one case."
            )
            + "</p>"
        )
        source_note = (
            '<p class="note">Computed from the casebook data package: cases.csv, interventions.csv and '
            "outcomes.csv (depth score and grades as defined in the casebook README).</p>"
        )
        return [
            Section(f"<h2>Insights</h2>{profile_text}"),
            Chart(
                leverage_bars(counts),
                "Interventions per leverage point, from shallow (12) to deep (1), "
                "coloured by system characteristic.",
                standalone=False,
            ),
            Section(f"<h3>Top-down, bottom-up and mixed</h3>{approach_table}"),
            Section(f"<h3>Where evidence is thin</h3>{thin_text}"),
            Chart(
                gap_map_figure(gap),
                "Evidence gap map: system characteristic by approach. Bubble size is "
                "the number of cases, colour their typical evidence grade; open circles are gaps.",
                standalone=False,
            ),
            Chart(case_map(self.selected), "Where the cases are, by approach.", standalone=False),
            Section(source_note),
        ]

    def questions(self) -> Section:
        items = "".join(f"<li>{escape(q)}</li>" for q in self.theme.closing_questions)
        return Section(f'<h2>Questions / What\'s next</h2><ul class="questions">{items}</ul>')

    def links(self) -> Section:
        items = "".join(
            f'<li id="ref-{n}">{reference_html(self.corpus.sources[source_id])}</li>'
            for n, source_id in enumerate(self.citations.order, start=1)
        )
        return Section(f'<h2>Useful links</h2><ol class="references">{items}</ol>')


# --- running the notebook and writing the files ----------------------------------------------


@lru_cache(maxsize=1)
def _plotly_js() -> str:
    """plotly.js read from the installed package without importing plotly (which is slow)."""
    from importlib.util import find_spec

    folder = Path(find_spec("plotly").submodule_search_locations[0])
    return (folder / "package_data" / "plotly.min.js").read_text(encoding="utf-8")


def page(body: str, title: str) -> str:
    """Wrap exported cell outputs in casebook's standalone page (CSS, plotly.js, world outline)."""
    from .figures import geo_assets_script

    shell = Template((paths.TEMPLATES / "brief.html").read_text(encoding="utf-8"))
    return shell.substitute(
        version=__version__,
        title=escape(title),
        body=body,
        plotly_js=_plotly_js(),
        geo_assets=geo_assets_script(),
        css=(paths.TEMPLATES / "brief.css").read_text(encoding="utf-8"),
    )


def notebook_html(notebook) -> str:
    """The HTML of the notebook's code-cell outputs, in order: no code, prompts or logs.

    Every section of a brief is displayed as ``text/html``, so the page is those outputs
    joined; markdown cells, stream output (library warnings) and errors are left out.
    nbconvert's exporter would do the same through a template, but importing it costs more
    than running the whole notebook, and its default templates fetch require.js and MathJax
    from a CDN.
    """
    parts = []
    for cell in notebook.cells:
        if cell.get("cell_type") != "code":
            continue
        for output in cell.get("outputs", []):
            html = (
                output.get("data", {}).get("text/html")
                if output.get("output_type") in ("display_data", "execute_result")
                else None
            )
            if html:
                parts.append(html if isinstance(html, str) else "".join(html))
    return "\n".join(f'<div class="output">{part}</div>' for part in parts)


def html_to_pdf(html_path: Path, pdf_path: Path) -> None:
    """Print an HTML file to PDF with headless chromium, after its charts have drawn.

    Chromium runs the page's plotly.js, so charts print as vectors; ``--virtual-time-budget``
    lets scripts finish before printing. The PDF is written beside the target, then renamed.
    """
    import os
    import shutil
    import subprocess

    pdf_path.parent.mkdir(parents=True, exist_ok=True)
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if not browser:
        raise UsageError(
            "PDF needs Debian's chromium: run 'make browser' (apt-get install chromium)"
        )
    fd, tmp = tempfile.mkstemp(dir=pdf_path.parent, prefix=f".{pdf_path.name}.", suffix=".tmp")
    os.close(fd)
    with tempfile.TemporaryDirectory(prefix="casebook-chromium-") as profile:
        run = subprocess.run(
            [
                browser,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--no-first-run",
                "--disable-component-update",
                "--disable-sync",
                f"--user-data-dir={profile}",
                "--no-pdf-header-footer",
                "--virtual-time-budget=15000",
                f"--print-to-pdf={tmp}",
                html_path.resolve().as_uri(),
            ],
            capture_output=True,
            text=True,
            timeout=180,
        )
    if run.returncode != 0 or os.path.getsize(tmp) == 0:
        Path(tmp).unlink(missing_ok=True)
        raise UsageError(
            f"chromium could not print {html_path.name} to PDF: {run.stderr.strip()[-400:]}"
        )
    os.chmod(tmp, 0o644)
    os.replace(tmp, pdf_path)


def _formats(formats: list[str] | None) -> list[str]:
    formats = formats or ["html"]
    unknown = [f for f in formats if f not in FORMATS]
    if unknown:
        raise UsageError(f"unknown format {', '.join(unknown)}; available: {', '.join(FORMATS)}")
    return formats


def output_name(theme: str, where: list[str] | None) -> str:
    """``theme``, plus the filters when there are any, so a filtered brief keeps its own file."""
    if not where:
        return theme
    return theme + "--" + "--".join(re.sub(r"[^a-z0-9]+", "-", w.lower()).strip("-") for w in where)


def _write(executed, title: str, target: Path, formats: list[str]) -> list[Path]:
    html_path = target.with_suffix(".html")
    content = page(notebook_html(executed), title)
    written = []
    if "pdf" in formats:
        # Print from a scratch copy first, so a failed PDF leaves both old files in place.
        with tempfile.TemporaryDirectory(prefix="casebook-brief-") as tmp:
            scratch = Path(tmp) / html_path.name
            scratch.write_text(content, encoding="utf-8")
            html_to_pdf(scratch, target.with_suffix(".pdf"))
        written.append(target.with_suffix(".pdf"))
    if "html" in formats:
        write_atomic(html_path, content)
        written.insert(0, html_path)
    return written


def make_brief(
    theme: str,
    source: Path | None = None,
    out: Path | None = None,
    formats: list[str] | None = None,
    where: list[str] | None = None,
    replace_selection: bool = False,
) -> list[Path]:
    """Run ``notebooks/brief.ipynb`` for ``theme`` in a kernel and write the brief.

    The kernel starts first and boots while the corpus, theme and filters are validated here,
    so bad input fails fast with a clear message and costs no kernel time; any failure leaves
    earlier briefs untouched.

    Returns
    -------
    list of Path
        The files written.
    """
    return make_briefs(
        [theme], source, out, formats, where, progress=False, replace_selection=replace_selection
    )


def make_briefs(
    themes: list[str],
    source: Path | None = None,
    out: Path | None = None,
    formats: list[str] | None = None,
    where: list[str] | None = None,
    progress: bool = True,
    replace_selection: bool = False,
) -> list[Path]:
    """Write several briefs from one kernel, which is what makes ``briefs --all`` fast."""
    from .corpus import load_corpus
    from .notebook import Kernel
    from .themes import apply_where, load_theme

    formats = _formats(formats)
    out = Path(out or paths.BRIEFS)
    source_arg = str(Path(source).resolve()) if source else None
    with Kernel() as kernel:
        corpus = load_corpus(source)
        where = list(where or [])
        checked = [
            apply_where(load_theme(t, corpus), where, corpus, replace_selection) for t in themes
        ]
        written: list[Path] = []
        for theme in _progress(checked, progress):
            executed = kernel.run(
                paths.BRIEF_NOTEBOOK,
                {
                    "theme": theme.id,
                    "source": source_arg,
                    "where": where,
                    "replace_selection": replace_selection,
                },
            )
            written += _write(executed, theme.title, out / output_name(theme.id, where), formats)
    return written


def _progress(items, show: bool):
    if not show:
        yield from items
        return
    from rich.progress import Progress

    with Progress(transient=False) as bar:
        task = bar.add_task("briefs", total=len(items))
        for item in items:
            bar.update(task, description=f"brief: {item.id}")
            yield item
            bar.advance(task)
