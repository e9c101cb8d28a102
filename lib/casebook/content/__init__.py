"""The content: reading, checking and loading what people write.

Case files (``casestudies/*.md``), the shared files beside them (sources, perspectives,
quotations, claims, codings), the taxonomy's vocabularies and the brief themes are read here
with line numbers, validated by strict models and checked across files, so that every
problem reaches its author with the file, the line, the field and the fix. Nothing here
writes a file except :mod:`~casebook.content.synth`, which writes a synthetic corpus.

:func:`~casebook.content.corpus.load_corpus` is the entry point: a whole, valid corpus or a
:class:`~casebook.errors.ContentError` listing every problem.
"""
