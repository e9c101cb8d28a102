"""A trainer's lesson in leverage-point thinking, built from the corpus.

- :mod:`.exercises`: exercise sets drawn from the cases' interventions, and their scoring;
- :mod:`.agreement`: Cohen's kappa between a learner and the expert coding, in plain words;
- :mod:`.answers`: a learner's answers, the answer file, and a group's answers together;
- :mod:`.app`: the widget app (the only module here that imports ipywidgets).

``from casebook.lesson import Lesson`` still works: the app module is imported only when the
name is asked for, so importing the logic never imports ipywidgets.
"""


def __getattr__(name: str):
    if name == "Lesson":
        from casebook.lesson.app import Lesson

        return Lesson
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
