"""A trainer's lesson in leverage-point thinking, built from the corpus.

- :mod:`.exercises`: exercise sets drawn from the cases' interventions, and their scoring;
- :mod:`.agreement`: Cohen's kappa between a learner and the expert coding, in plain words;
- :mod:`.answers`: a learner's answers, the answer file, and a group's answers together;
- :mod:`.app`: the widget app (the only module here that imports ipywidgets).

Import the app from :mod:`casebook.lesson.app`; this package imports nothing on its own, so
the logic can be used and tested without widgets.
"""
