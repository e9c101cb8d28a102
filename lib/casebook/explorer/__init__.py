"""The interactive explorer: linked filters over the corpus, with views that all follow them.

- :mod:`.state`: the filters and what they select, with every view built from it (no widgets);
- :mod:`.card`: a case as a card with its references;
- :mod:`.app`: the widget app (the only module here that imports ipywidgets).

``from casebook.explorer import Explorer`` still works: the app module is imported only when the
name is asked for, so importing the logic never imports ipywidgets.
"""


def __getattr__(name: str):
    if name == "Explorer":
        from casebook.explorer.app import Explorer

        return Explorer
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
