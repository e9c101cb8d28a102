"""Cross-case analysis: DataFrames in, DataFrames out.

``crosscase`` holds the comparisons that the briefs, the apps and the compare notebook share
(leverage matrix and profiles, the evidence gap map, approaches, sequences, similar cases);
``qca`` the crisp-set qualitative comparative analysis.
"""
