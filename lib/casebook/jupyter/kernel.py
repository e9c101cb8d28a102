"""Running parameterised notebooks in a real Jupyter kernel, from inside the library.

papermill runs a notebook in a new interpreter with a new kernel each time; casebook calls
nbclient directly instead: the kernel starts at once and boots while the caller validates
its input, and one kernel serves several notebooks in a row (``casebook briefs --all``).
Parameters are injected by papermill's own code, as a cell after the one tagged
``parameters``, so the notebooks stay runnable by papermill too.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from casebook import paths
from casebook.errors import CasebookError

if TYPE_CHECKING:
    from jupyter_client.manager import KernelManager


def _skip_slow_format_checker() -> None:
    """Keep jsonschema from importing ``rfc3987_syntax``, which compiles a grammar on import.

    nbformat imports jsonschema, whose optional IRI format checker loads ``rfc3987_syntax``:
    over a second of start-up, more than the rest of a brief's parent process together. No
    notebook schema uses the IRI formats, so casebook's own process goes without that checker
    (a module set to None in ``sys.modules`` makes its import fail, and jsonschema skips it).
    """
    import sys

    if "jsonschema" not in sys.modules:
        # None is what the import system itself reads as "not importable"; typeshed types
        # sys.modules as modules only
        sys.modules.setdefault("rfc3987_syntax", None)  # type: ignore[arg-type]


class NotebookFailed(CasebookError):
    """A cell raised an error while the notebook ran."""


def inject_parameters(notebook, parameters: dict[str, Any], kernel_name: str = "python3"):
    """The notebook with a cell assigning ``parameters`` after the cell tagged ``parameters``.

    papermill's own :func:`~papermill.parameterize.parameterize_notebook` does it, so the cell
    is the one papermill writes, and injecting again replaces the injected cell instead of
    adding a second one (whose older values would win).
    """
    from papermill.parameterize import parameterize_notebook

    return parameterize_notebook(notebook, parameters, kernel_name=kernel_name, language="python")


def read_notebook(path: Path):
    """Read a notebook the way papermill does (with the metadata its injection expects)."""
    from papermill.iorw import load_notebook_node

    return load_notebook_node(str(path))


class Kernel:
    """A Python kernel, started on entry and shut down on exit, that runs notebooks."""

    def __init__(
        self,
        kernel_name: str = "python3",
        cwd: Path | None = None,
        timeout: int = 600,
        startup: list[str] | None = None,
    ):
        """``startup``: lines of code the kernel runs while it boots, before any notebook
        (imports, loading data): done there, they overlap with the caller's own work. Their
        errors only reach the kernel's log; the notebook meets and reports them itself."""
        self.kernel_name, self.cwd, self.timeout = kernel_name, Path(cwd or paths.ROOT), timeout
        self.startup = list(startup or [])
        self.manager: KernelManager | None = None

    def __enter__(self) -> Kernel:
        from jupyter_client.manager import KernelManager

        self.manager = KernelManager(kernel_name=self.kernel_name)
        # The kernel's own start-up warnings are noise for a brief's reader.
        startup = [f"--IPKernelApp.exec_lines={line}" for line in self.startup]
        self.manager.start_kernel(
            extra_arguments=["--log-level=ERROR", *startup], cwd=str(self.cwd)
        )
        return self

    def prepare(self) -> None:
        """Import what :meth:`run` needs (nbclient, papermill); call it while the kernel
        boots, so that the imports are not paid for once the kernel is ready."""
        _skip_slow_format_checker()
        import nbclient  # noqa: F401
        import papermill.parameterize  # noqa: F401

    def __exit__(self, *exc) -> None:
        if self.manager is not None and self.manager.has_kernel:
            self.manager.shutdown_kernel(now=True)

    def run(self, path: Path, parameters: dict[str, Any]):
        """Execute the notebook at ``path`` with ``parameters``; return the executed notebook.

        Raises
        ------
        NotebookFailed
            Naming the notebook, the cell and the error, when a cell fails.
        """
        _skip_slow_format_checker()
        from nbclient import NotebookClient
        from nbclient.exceptions import CellExecutionError

        notebook = inject_parameters(read_notebook(path), parameters, self.kernel_name)
        client = NotebookClient(
            notebook,
            km=self.manager,
            timeout=self.timeout,
            kernel_name=self.kernel_name,
            resources={"metadata": {"path": str(self.cwd)}},
        )
        try:
            client.execute()
        except CellExecutionError as err:
            if getattr(err, "ename", None):
                message = f"{err.ename}: {err.evalue}"
            else:
                plain = re.sub(r"\x1b\[[0-9;]*m", "", str(err))  # tracebacks arrive coloured
                lines = [line for line in plain.splitlines() if line.strip()]
                message = lines[-1] if lines else plain
            raise NotebookFailed(f"{path.name} failed: {message}") from None
        return notebook
