"""Notebooks run in a real kernel with their parameters (nbval runs them with defaults)."""

from __future__ import annotations

from casebook import paths


def test_compare_notebook_runs_with_parameters(corpus_dir, tmp_path):
    import papermill

    out = tmp_path / "compare.ipynb"
    executed = papermill.execute_notebook(
        str(paths.NOTEBOOKS / "compare.ipynb"),
        str(out),
        parameters={
            "source": str(corpus_dir),
            "case": "alpha",
            "levels": ["national", "municipal"],
        },
        kernel_name="python3",
        cwd=str(paths.ROOT),
        progress_bar=False,
    )
    outputs = [o for cell in executed.cells if cell.cell_type == "code" for o in cell.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    text = "\n".join(str(o.get("data", {}).get("text/plain", "")) for o in outputs)
    assert "INTENT" in text and "IMPROVED" in text  # the QCA tables were shown
    html = "\n".join(str(o.get("data", {}).get("text/html", "")) for o in outputs)
    assert "PlotlyGeoAssets" in html and "Plotly.newPlot" in html
