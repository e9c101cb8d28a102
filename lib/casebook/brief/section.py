"""One piece of a brief: HTML that shows itself in a notebook and in the export, drawn by a
macro of ``templates/brief/sections.html.j2``. Apart from :mod:`casebook.brief.sections`
so that the modules that make parts of a brief (:mod:`~casebook.brief.insights`) need not
import the brief itself."""

from __future__ import annotations

from dataclasses import dataclass

from casebook.render.markup import macro


@dataclass
class Section:
    """A piece of the brief that shows itself as HTML in a notebook and in the export."""

    html: str

    def _repr_html_(self) -> str:
        return self.html


def section(name: str, **arguments) -> Section:
    return Section(str(macro("brief/sections.html.j2", name, **arguments)))
