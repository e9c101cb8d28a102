"""Running the brief notebook in a real Jupyter kernel and writing the files.

:func:`make_brief` and :func:`make_briefs` run ``notebooks/brief.ipynb`` through
:mod:`casebook.jupyter.kernel`, turn the executed notebook into one standalone HTML page with no
code cells (and, when asked, a PDF printed by chromium), and write them atomically: input is
validated before any output is touched, and a failed run leaves earlier briefs as they were.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from casebook import paths
from casebook.atomic import write_atomic
from casebook.brief.docx import write_docx
from casebook.brief.page import notebook_parts, page
from casebook.brief.pdf import html_to_pdf
from casebook.brief.sections import EmptySelection
from casebook.content.corpus import load_corpus
from casebook.content.fields import slugify
from casebook.content.selection import case_matches
from casebook.content.themes import apply_where, load_theme
from casebook.errors import UsageError
from casebook.jupyter import kernel as jupyter_kernel
from casebook.render.markup import environment

FORMATS = ("html", "pdf", "docx")


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
    return theme + "--" + "--".join(slugify(w) for w in where)


def _write(executed, title: str, target: Path, formats: list[str]) -> list[Path]:
    html_path = target.with_suffix(".html")
    content = page(notebook_parts(executed), title)
    written = []
    if "pdf" in formats:
        # Print from a scratch copy first, so a failed PDF leaves both old files in place.
        with tempfile.TemporaryDirectory(prefix="casebook-brief-") as tmp:
            scratch = Path(tmp) / html_path.name
            scratch.write_text(content, encoding="utf-8")
            html_to_pdf(scratch, target.with_suffix(".pdf"))
        written.append(target.with_suffix(".pdf"))
    if "docx" in formats:
        write_docx(executed, title, target.with_suffix(".docx"))
        written.append(target.with_suffix(".docx"))
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
    formats = _formats(formats)
    out = Path(out or paths.BRIEFS)
    source_arg = str(Path(source).resolve()) if source else None
    corpus_folder = str(Path(source or paths.CASESTUDIES).resolve())
    # The kernel loads the corpus while it boots (the notebook then finds it cached) and
    # this process validates the input: the two overlap.
    startup = ["from casebook.brief.sections import preload", f"preload({corpus_folder!r})"]
    with jupyter_kernel.Kernel(startup=startup) as kernel:
        # Everything below runs while the kernel boots: what running and writing need is
        # imported first, then the input is validated.
        kernel.prepare()
        environment().get_template("brief/page.html.j2")
        corpus = load_corpus(source)
        where = list(where or [])
        checked = [
            apply_where(load_theme(t, corpus), where, corpus, replace_selection) for t in themes
        ]
        refuse_empty(checked, corpus)
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


def refuse_empty(themes: list, corpus) -> None:
    """Refuse, before any notebook runs, a theme whose selection holds no case.

    Raises
    ------
    EmptySelection
        Naming the theme and its filters.
    """
    for theme in themes:
        if not any(
            case_matches(case, theme.selection, corpus.taxonomy)
            and case_matches(case, theme.filters, corpus.taxonomy)
            for case in corpus.cases
        ):
            raise EmptySelection(theme)


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
