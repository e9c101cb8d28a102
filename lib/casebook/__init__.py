"""casebook: an open evidence and case-study workbench on how education systems change.

Importing the package is cheap on purpose: heavy libraries (pandas, plotly, frictionless,
papermill) are imported inside the functions that need them, so that ``casebook --help``
and the notebooks' first cell stay fast.
"""

__version__ = "0.1.0"
