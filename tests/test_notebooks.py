"""Notebooks take parameters where papermill puts them, and run with them in a real kernel
(nbval runs them with their defaults)."""

from __future__ import annotations

import pytest

from casebook import paths
from casebook.jupyter.kernel import inject_parameters, read_notebook


@pytest.mark.kernel
def test_compare_notebook_runs_with_parameters(corpus_dir, run_notebook):
    executed = run_notebook(
        "compare.ipynb",
        source=str(corpus_dir),
        case="alpha",
        levels=["national", "municipal"],
    )
    outputs = [o for cell in executed.cells if cell.cell_type == "code" for o in cell.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    text = "\n".join(str(o.get("data", {}).get("text/plain", "")) for o in outputs)
    assert "INTENT" in text  # the QCA tables were shown
    assert "IMPROVED" in text
    html = "\n".join(str(o.get("data", {}).get("text/html", "")) for o in outputs)
    assert "PlotlyGeoAssets" in html
    assert "Plotly.newPlot" in html


def test_injecting_parameters_again_replaces_the_injected_cell():
    original = read_notebook(paths.BRIEF_NOTEBOOK)
    once = inject_parameters(read_notebook(paths.BRIEF_NOTEBOOK), {"theme": "design"})
    twice = inject_parameters(once, {"theme": "intent", "where": ["level=national"]})
    tags = [c.metadata.get("tags", []) for c in twice.cells]
    injected = [n for n, t in enumerate(tags) if "injected-parameters" in t]
    [parameters] = [n for n, t in enumerate(tags) if "parameters" in t]
    assert injected == [parameters + 1]
    cell = twice.cells[injected[0]]
    assert cell.cell_type == "code"
    assert 'theme = "intent"' in cell.source
    assert 'where = ["level=national"]' in cell.source
    assert "design" not in cell.source
    # every other cell is the notebook's own, in its order
    others = [c.source for n, c in enumerate(twice.cells) if n not in injected]
    assert others == [c.source for c in original.cells]


@pytest.mark.kernel
def test_a_kernels_startup_lines_run_before_the_notebook(tmp_path):
    import nbformat

    from casebook.jupyter.kernel import Kernel

    notebook = nbformat.v4.new_notebook()
    parameters = nbformat.v4.new_code_cell("expected = 0")
    parameters.metadata["tags"] = ["parameters"]
    notebook.cells = [parameters, nbformat.v4.new_code_cell("assert warmed == expected")]
    path = tmp_path / "warm.ipynb"
    nbformat.write(notebook, path)
    with Kernel(startup=["warmed = 6 * 7"]) as kernel:
        executed = kernel.run(path, {"expected": 42})
    assert [c.get("outputs") for c in executed.cells[2:]] == [[]]  # the assert held
