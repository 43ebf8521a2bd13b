import re

import nbformat
import pytest

from tests.fixtures.sharing import DEMO_NOTEBOOK, exported_demo
from toolkit.export import NotebookExportError, export_notebook, make_static

VIEW = "application/vnd.jupyter.widget-view+json"
STATE = "application/vnd.jupyter.widget-state+json"


@pytest.fixture(scope="module")
def demo_html():
    path = exported_demo()
    return path, path.read_text(encoding="utf-8")


def test_export_writes_one_file_named_after_the_notebook(demo_html):
    path, _ = demo_html
    assert path.name == "export_demo.html"
    assert [p.name for p in path.parent.iterdir()] == ["export_demo.html"]


def test_export_embeds_plotlyjs_once_and_loads_nothing_from_a_cdn(demo_html):
    _, text = demo_html
    assert text.count("* plotly.js v") == 1
    assert not re.search(r"<script[^>]+src=", text)  # no require.js, MathJax, widget manager
    assert VIEW not in text and STATE not in text


def test_export_draws_every_chart_including_widget_views(demo_html):
    _, text = demo_html
    # flow chart + the Output widget's figure + the snapshot widget's figure
    assert text.count("Plotly.newPlot(") == 3
    assert "mean sentiment" in text  # the widget's LAST view (value changed after display)
    assert text.count('class="toolkit-static-view"') == 2
    assert text.count('class="toolkit-static-note"') == 2
    assert "snapshot chart" in text and "&lt;b&gt;Bold&lt;/b&gt; Name" in text
    assert ">live only<" not in text  # the widget's own static view wins over its state


def test_export_shows_article_text_as_text(demo_html):
    _, text = demo_html
    assert "<script>alert(1)</script>" not in text.replace("&lt;script&gt;alert(1)&lt;/script&gt;", "")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    assert "<img src=x onerror" not in text
    outputs = text.split("jp-OutputArea-output", 1)[1]  # after the first output: printed text and the table
    assert outputs.count("&lt;script&gt;alert(1)&lt;/script&gt;") >= 2


def _nb_with_widget(data_extra=None, state=None):
    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("w")
    data = {VIEW: {"model_id": "m1", "version_major": 2, "version_minor": 0}, "text/plain": "VBox()"}
    data.update(data_extra or {})
    cell.outputs = [nbformat.v4.new_output("display_data", data=data)]
    nb.cells = [cell]
    if state is not None:
        nb.metadata["widgets"] = {STATE: {"state": state, "version_major": 2, "version_minor": 0}}
    return nb


STATE_TREE = {
    "m1": {"model_name": "VBoxModel", "state": {"children": ["IPY_MODEL_m2", "IPY_MODEL_m3", "IPY_MODEL_m4"]}},
    "m2": {"model_name": "DropdownModel", "state": {"description": "Speaker <x>", "_options_labels": ["A", "B<"],
                                                    "index": 1}},
    "m3": {"model_name": "OutputModel", "state": {"outputs": [
        {"output_type": "display_data", "metadata": {},
         "data": {"application/vnd.plotly.v1+json": {"data": [{"type": "bar", "y": [1]}], "layout": {}}}},
        {"output_type": "stream", "name": "stdout", "text": "<done>"}]}},
    "m4": {"model_name": "ButtonModel", "state": {"description": "Go"}},
}


def test_static_fallback_from_widget_state_shows_last_view():
    static, needs_plotly = make_static(_nb_with_widget(state=STATE_TREE))
    out = static.cells[0].outputs[0]
    assert VIEW not in out["data"] and "widgets" not in static.metadata
    body = out["data"]["text/html"]
    assert body.startswith('<div class="toolkit-static-view" data-widget-model="m1">')
    assert "<b>Speaker &lt;x&gt;</b>: B&lt;" in body
    assert "Plotly.newPlot" in body and needs_plotly
    assert "<pre>&lt;done&gt;</pre>" in body


def test_static_fallback_order_views_then_bundle_then_state():
    views = {"m1": [{"text/html": "<p>from kernel</p>"}]}
    static, _ = make_static(_nb_with_widget({"text/html": "<p>bundle</p>"}, STATE_TREE), views)
    assert "from kernel" in static.cells[0].outputs[0]["data"]["text/html"]
    static, needs_plotly = make_static(_nb_with_widget({"text/html": "<p>bundle</p>"}, STATE_TREE))
    body = static.cells[0].outputs[0]["data"]["text/html"]
    assert "<p>bundle</p>" in body and "Speaker" not in body and not needs_plotly


def test_static_fallback_is_never_empty():
    static, _ = make_static(_nb_with_widget())  # no state, no views, nothing but text/plain
    body = static.cells[0].outputs[0]["data"]["text/html"]
    assert "toolkit-static-note" in body and "<pre>VBox()</pre>" in body


def test_make_static_does_not_mutate_the_notebook():
    nb = _nb_with_widget(state=STATE_TREE)
    make_static(nb)
    assert VIEW in nb.cells[0].outputs[0]["data"] and "widgets" in nb.metadata


def test_export_bad_input(tmp_path):
    with pytest.raises(ValueError, match=r"`notebook` must be a \.ipynb file, but '.*x\.py'"):
        export_notebook(tmp_path / "x.py", tmp_path)
    with pytest.raises(FileNotFoundError, match=r"notebook '.*missing\.ipynb' does not exist"):
        export_notebook(tmp_path / "missing.ipynb", tmp_path)
    with pytest.raises(ValueError, match="`timeout` must be a positive number"):
        export_notebook(DEMO_NOTEBOOK, tmp_path, timeout=0)


def test_export_failing_notebook_names_the_error(tmp_path):
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("raise RuntimeError('boom here')")]
    path = tmp_path / "bad.ipynb"
    nbformat.write(nb, path)
    with pytest.raises(NotebookExportError, match=r"Executing bad\.ipynb failed: .*boom here"):
        export_notebook(path, tmp_path / "out", timeout=60)
    assert not (tmp_path / "out").exists()


def test_cli_export(tmp_path, capsys):
    from toolkit.cli import main

    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("import plotly.graph_objects as go\ngo.Figure(go.Bar(y=[1, 2]))")]
    path = tmp_path / "small.ipynb"
    nbformat.write(nb, path)
    assert main(["export", str(path), "-o", str(tmp_path / "html")]) == 0
    out = tmp_path / "html" / "small.html"
    assert f"-> {out}" in capsys.readouterr().out
    assert out.read_text(encoding="utf-8").count("Plotly.newPlot(") == 1


def test_explorer_static_view_is_its_last_view_with_text_escaped():
    from tests.fixtures.sharing import HOSTILE_NAME, hostile_scores
    from toolkit.export import STATIC_VIEW_METHOD
    from toolkit.widgets import explore

    app = explore(hostile_scores(), chart="rhetoric_mix", defer_chart=False)
    app.rhetoric.value = ("warning",)  # a change after display: the static view must show it
    fig, table = getattr(app.widget, STATIC_VIEW_METHOD)()
    assert fig.layout.title.text.startswith("Rhetoric")
    assert sum(len(t.y) for t in fig.data if t.y is not None) >= 1
    assert "chart: Rhetoric · metric: escalation · filters: rhetoric = warning" in table
    assert "<b>1</b> of 3 paragraphs match the filters" in table
    assert table.count('<td class="rt-text">') == 1
    assert HOSTILE_NAME not in table and "<script>" not in table
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in table and "&lt;img src=x onerror=alert(1)&gt;" in table
    assert "words &amp; more" in table


def test_static_views_from_the_kernel_render_figure_and_html():
    import plotly.graph_objects as go

    fig = go.Figure(go.Bar(y=[3, 1]), layout={"title": {"text": "last view"}})
    views = {"m1": [{"application/vnd.plotly.v1+json": fig.to_plotly_json()}, {"text/html": "<table></table>"}]}
    static, needs_plotly = make_static(_nb_with_widget(state=STATE_TREE), views)
    body = static.cells[0].outputs[0]["data"]["text/html"]
    assert needs_plotly and body.count("Plotly.newPlot(") == 1 and "last view" in body
    assert body.index("Plotly.newPlot(") < body.index("<table></table>")
    assert "Speaker" not in body  # the kernel's view wins over the rebuilt state


def test_export_notebooks_checks_its_arguments(tmp_path):
    from toolkit.export import export_notebooks

    with pytest.raises(ValueError, match="`notebooks` must list at least one"):
        export_notebooks([], tmp_path)
    with pytest.raises(ValueError, match=r"`jobs` must be a positive integer, but 0 was passed"):
        export_notebooks([DEMO_NOTEBOOK], tmp_path, jobs=0)
    with pytest.raises(NotebookExportError, match=r"1 of 1 notebooks failed to export: .*missing\.ipynb"):
        export_notebooks([tmp_path / "missing.ipynb"], tmp_path)


def test_cli_exports_several_notebooks_at_once(tmp_path, capsys):
    from toolkit.cli import main

    paths = []
    for i in range(2):
        nb = nbformat.v4.new_notebook()
        nb.cells = [nbformat.v4.new_code_cell(f"import plotly.graph_objects as go\ngo.Figure(go.Bar(y=[{i}, 2]))")]
        paths.append(tmp_path / f"nb{i}.ipynb")
        nbformat.write(nb, paths[-1])
    bad = tmp_path / "bad.ipynb"
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("1 / 0")]
    nbformat.write(nb, bad)
    assert main(["export", str(paths[0]), str(bad), str(paths[1]), "-o", str(tmp_path / "html"), "-j", "3"]) == 1
    captured = capsys.readouterr()
    assert captured.out.count("exported ") == 2 and "ZeroDivisionError" in captured.err
    assert sorted(p.name for p in (tmp_path / "html").iterdir()) == ["nb0.html", "nb1.html"]
