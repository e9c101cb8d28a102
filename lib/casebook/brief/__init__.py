"""Briefs in the provocation paper's shape, assembled from a theme and the data.

- :mod:`.sections`: :class:`Brief`, one method per section of the paper (the notebook's cells);
- :mod:`.insights`: the computed Insights section;
- :mod:`.page` and :mod:`.pdf`: the standalone HTML page and its PDF;
- :mod:`.run`: running ``notebooks/brief.ipynb`` in a kernel and writing the files.

``from casebook.brief import Brief, make_brief`` works; each name is imported when first
asked for, so ``casebook brief`` starts its kernel before it imports the models and pandas.
"""

_NAMES = {"Brief": ".sections", "make_brief": ".run", "make_briefs": ".run"}


def __getattr__(name: str):
    if name in _NAMES:
        from importlib import import_module

        return getattr(import_module(_NAMES[name], __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = list(_NAMES)
