"""What a further coder's file says about its coder, for tests that write one."""

from __future__ import annotations


def header(coder: str = "coder-2", kind: str = "automated") -> str:
    """The header of a coding file (docs/coding-protocol.md), ready for ``codings:``."""
    role = "role: teacher\n" if kind == "person" else ""
    return (
        f"coder: {coder}\nkind: {kind}\n{role}instructions: Code blind.\n"
        "saw: The codebook and each intervention's text.\ndate: 2026-12-01\nblind: true\n"
    )
