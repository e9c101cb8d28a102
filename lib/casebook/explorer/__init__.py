"""The interactive explorer: linked filters over the corpus, with views that all follow them.

- :mod:`.state`: the filters and what they select, with every view built from it (no widgets);
- :mod:`.card`: a case as a card with its references;
- :mod:`.app`: the widget app (the only module here that imports ipywidgets).

Import the app from :mod:`casebook.explorer.app`; this package imports nothing on its own.
"""
