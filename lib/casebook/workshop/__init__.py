"""The shared-purpose workshop: a workbook a facilitator runs with a school team.

``prompts`` (the source documents' statements and questions, and casebook's scales),
``model`` (the workshop file and a participant's ratings file), ``store`` (saving with a
backup, opening, merging ratings), ``views`` (the group's ratings, the alignment of
initiatives, examples from the corpus), ``canvas`` (one landscape page), ``form`` (the
widgets' answers to a workshop and back) and ``app`` (the widget app that
``casebook workshop`` serves).
"""
