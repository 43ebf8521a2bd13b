"""Every example notebook runs top to bottom (nbclient, working folder notebooks/), and is committed clean."""
from __future__ import annotations

from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


def test_notebooks_exist():
    assert [p.name for p in NOTEBOOKS] == ["01_seed_walkthrough.ipynb", "02_explore.ipynb",
                                           "03_custom_actors_and_lexicon.ipynb"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_is_committed_without_outputs(path):
    nb = nbformat.read(path, as_version=4)
    dirty = [i for i, c in enumerate(nb.cells) if c.cell_type == "code" and (c.outputs or c.execution_count)]
    assert dirty == [], f"{path.name}: cells {dirty} have outputs; run `python tools/make_notebooks.py`"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_runs(path, monkeypatch):
    from nbclient import NotebookClient

    monkeypatch.delenv("PLOTLY_RENDERER", raising=False)  # the default renderer, as analysts have it
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, timeout=600, kernel_name="python3",
                            resources={"metadata": {"path": str(path.parent)}})
    client.execute()
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
    assert errors == []
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert all(c.execution_count for c in code)
    if path.stem == "02_explore":
        bundles = [o.get("data", {}) for c in code for o in c.outputs if o.output_type in ("display_data",
                                                                                         "execute_result")]
        widget = [b for b in bundles if "application/vnd.jupyter.widget-view+json" in b]
        assert widget and "interactive explorer: open in JupyterLab" in widget[0]["text/html"]
