"""What each ``casebook`` subcommand does once its arguments are parsed: call one library
function and report what it wrote.

The library is imported inside each function, so that ``casebook --help`` and a mistyped
option answer at once, without loading pandas, plotly or a kernel for a command that was
not asked for.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import cast

from casebook import paths
from casebook.errors import UsageError, display_path


def run_build(args: argparse.Namespace) -> int:
    from casebook.package.datapackage import build

    result = build(args.source, args.out, cache=not args.no_cache)
    summary = ", ".join(
        f"{n} {name}"
        for name, n in result.counts.items()
        if name
        in ("cases", "interventions", "outcomes", "timeline", "sources", "perspectives", "quotes")
    )
    out = cast(Path, result.out)  # the build has put its files there
    print(f"built {display_path(out / 'datapackage.json')}: {summary}")
    if result.reused:
        print(f"  {result.made} case files read, {result.reused} unchanged since the last build")
    for warning in result.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    return 0


def run_agreement(args: argparse.Namespace) -> int:
    from casebook.content.corpus import load_corpus
    from casebook.package.intercoder import agreement, report
    from casebook.package.tables import corpus_tables

    corpus = load_corpus(args.source)
    codings = corpus_tables(corpus, ("codings",))["codings"]
    try:
        result = agreement(codings, corpus.taxonomy.characteristic_of, args.coder)
    except ValueError as err:
        raise UsageError(f"no agreement to report: {err}") from None
    print(report(result, {c.coder: c.kind for c in corpus.coders}))
    return 0


def run_coding_sheet(args: argparse.Namespace) -> int:
    from casebook.content.corpus import load_corpus
    from casebook.package.codingsheet import read_sheet, write_sheet

    if (args.read is None) == (args.out is None):
        raise UsageError(
            "say what to do: --coder NAME --out FILE.xlsx writes a sheet, --read FILE.xlsx "
            "reads a filled one"
        )
    corpus = load_corpus(args.source)
    if args.read is not None:
        path = read_sheet(corpus, args.read, args.source)
        print(f"wrote {display_path(path)}")
        return 0
    if not args.coder:
        raise UsageError("name the coder: --coder NAME (it names the coding file)")
    rows = write_sheet(corpus, args.coder, args.out, args.sample, args.seed)
    print(f"wrote {display_path(args.out)}: {rows} interventions to code blind")
    return 0


def run_synth(args: argparse.Namespace) -> int:
    from casebook.content.synth import synthesise

    written = synthesise(args.cases, args.out, args.seed, args.source)
    print(f"wrote {written} case files to {display_path(args.out)}")
    return 0


def run_check(args: argparse.Namespace) -> int:
    from casebook.package.datapackage import drift

    stale = drift(args.source, args.out)
    if stale:
        print(
            "data/ is stale against the case files; run 'casebook build' (or 'make data'):",
            file=sys.stderr,
        )
        for line in stale:
            print(f"  {line}", file=sys.stderr)
        return 1
    print(
        f"{display_path(Path(args.out or paths.DATA))} is up to date with {display_path(Path(args.source or paths.CASESTUDIES))}"
    )
    return 0


def _formats(args: argparse.Namespace) -> list[str]:
    return [f.strip() for part in args.format for f in part.split(",") if f.strip()]


def run_brief(args: argparse.Namespace) -> int:
    from casebook.brief.run import make_brief

    written = make_brief(
        args.theme, source=args.source, out=args.out, formats=_formats(args), where=args.where
    )
    for path in written:
        print(f"wrote {display_path(path)}")
    return 0


def run_briefs(args: argparse.Namespace) -> int:
    from casebook.brief.run import make_briefs
    from casebook.content.themes import available_themes

    if not args.all:
        raise UsageError("say which briefs: --all writes one for every theme in themes/")
    written = make_briefs(
        available_themes(), source=args.source, out=args.out, formats=_formats(args)
    )
    for path in written:
        print(f"wrote {display_path(path)}")
    return 0


def run_export(args: argparse.Namespace) -> int:
    import warnings

    from casebook.analysis.qca import QCAWarning, qca_export
    from casebook.package.export import export

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", QCAWarning)
        path = export(args.kind, args.out, args.source, more={"qca": qca_export})
    for warning in caught:
        if issubclass(warning.category, QCAWarning):
            print(f"warning: {warning.message}", file=sys.stderr)
        else:
            warnings.warn_explicit(
                warning.message, warning.category, warning.filename, warning.lineno
            )
    print(f"wrote {display_path(path)}")
    return 0


def run_serve(args: argparse.Namespace) -> int:
    from casebook.jupyter.launcher import serve

    if getattr(args, "schema", None):
        from casebook.atomic import write_atomic
        from casebook.workshop.store import schema_text

        write_atomic(args.schema, schema_text())
        print(f"wrote {display_path(args.schema)}")
        return 0
    workshop = getattr(args, "file", None)
    if workshop is not None:
        from casebook.workshop.store import workshop_path

        workshop = workshop_path(workshop, new=True)
    if workshop is not None and workshop.exists():
        from casebook.workshop.store import load_workshop

        load_workshop(workshop)  # a bad file is reported here, before any server starts
    return serve(
        paths.NOTEBOOKS / args.notebook, args.source, args.port, not args.no_browser, workshop
    )


def run_canvas(args: argparse.Namespace) -> int:
    from casebook.content.taxonomy import load_taxonomy
    from casebook.workshop.canvas import formats_from, write_canvas
    from casebook.workshop.store import load_workshop, workshop_path

    formats = formats_from(args.format)  # a bad format is refused before anything is read
    file = workshop_path(args.file)
    workshop = load_workshop(file)
    out = args.out or file.parent
    for path in write_canvas(workshop, load_taxonomy(), file.stem, out, formats):
        print(f"wrote {display_path(path)}")
    return 0


def run_site(args: argparse.Namespace) -> int:
    from casebook.site.write import write

    written = write(args.out, args.single_file, args.source, args.briefs)
    print("\n".join(f"wrote {display_path(p)}" for p in written))
    return 0
