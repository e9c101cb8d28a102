"""Jupyter as casebook uses it: notebooks run in a kernel (``kernel``) and served as Voila
apps (``launcher``), with casebook's Voila template beside them (``voila/``)."""
