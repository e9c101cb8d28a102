"""The data package and its build: case files in, ``data/`` out.

:func:`~casebook.package.datapackage.build` checks the content and writes the Frictionless
package atomically, case by case, reusing what the build cache holds;
:func:`~casebook.package.datapackage.drift` says whether ``data/`` is stale. Everything else
here serves those two: the tables' schemas (``schema``), the rows of a corpus (``tables``),
one case file's checked rows (``fragments``), Frictionless's verdicts without its row-by-row
cost (``fastcheck``), the cache (``cache``), the staging folder (``staging``), the package's
metadata (``dataset``), the agreement between codings the build records (``intercoder``)
and the exports (``export``, ``bibliography``).
"""
