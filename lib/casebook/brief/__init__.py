"""Briefs in the provocation paper's shape, assembled from a theme and the data.

- :mod:`.sections`: :class:`Brief`, one method per section of the paper (the notebook's cells);
- :mod:`.insights`: the computed Insights section;
- :mod:`.page` and :mod:`.pdf`: the standalone HTML page and its PDF;
- :mod:`.run`: running ``notebooks/brief.ipynb`` in a kernel and writing the files.
"""

from .run import make_brief, make_briefs
from .sections import Brief

__all__ = ["Brief", "make_brief", "make_briefs"]
