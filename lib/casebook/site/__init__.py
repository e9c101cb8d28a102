"""The casebook as a static site: the evidence map, a page per case and per theme, and the
data downloads, for any number of readers with no server and no kernel.

- :mod:`.content`: what the evidence map embeds as JSON (the filters' vocabularies, one
  record per case, the charts' layouts) and the search index over cases and sources;
- :mod:`.pages`: every page rendered from ``templates/site/`` with autoescaping;
- :mod:`.write`: ``casebook site``: the folder (or one self-contained file), written whole
  or not at all.

The filtering runs in the reader's browser (``templates/site/site.js``), by the same rule as
:func:`casebook.content.selection.select_cases`; ``tests/test_site_browser.py`` holds the two equal.
"""
