"""Execute a notebook and export ONE self-contained HTML file that works offline.

``export_notebook(notebook, output_dir)`` (CLI: ``python -m toolkit export NB.ipynb... -o DIR``) runs the
notebook with nbclient and converts it with nbconvert's ``lab`` template, then makes the result work
with no network at all. ``export_notebooks`` exports several, a few at a time (each in its own kernel).

Charts
    The kernel (and only the kernel: through its environment) runs with
    ``PLOTLY_RENDERER=plotly_mimetype``, so every figure output carries its plotly JSON (and no copy of
    plotly.js). nbconvert cannot draw that mimetype by itself — plotly >= 6 charts silently vanish from a
    plain nbconvert export — so after execution every output that carries plotly JSON is rendered from
    that JSON (``include_plotlyjs=False``, no MathJax CDN tag), copies of plotly.js that a notebook's own
    renderer put in are dropped, and plotly.js is embedded exactly once, inline, in the page ``<head>``.
Page
    The template is ``lab`` minus every CDN script: no require.js, no MathJax, no mermaid and no
    ipywidgets HTML manager (LaTeX in markdown therefore shows as source).
Widgets
    A live widget needs a kernel; nbconvert would emit a widget-view placeholder plus a CDN loader, i.e. an
    empty box offline. Every widget-view output is therefore replaced by a *static fallback* showing the
    widget's LAST view (its state at the end of execution) under a one-line note
    (``<p class="toolkit-static-note">``), wrapped in ``<div class="toolkit-static-view">``. The
    fallback is chosen, first match wins:

    1. **The widget's own static view** (the protocol the toolkit's widgets implement): after the last cell,
       the exporter asks every live widget in the kernel for ``widget._repr_static_mimebundle_()``. It may
       return one item or a list of items; an item is a plotly ``go.Figure`` (or figure dict), a pandas
       ``DataFrame`` (rendered with ``to_html``, i.e. escaped), a ``str`` of HTML (already escaped by the
       widget!), or a mimebundle ``dict`` (keys ``application/vnd.plotly.v1+json``, ``text/html``,
       ``image/png``, ``text/plain``). Called with no arguments; it must not raise and must not display.
    2. A ``text/html`` or plotly entry that the widget put into its display bundle next to the
       widget-view (``_repr_mimebundle_``) — the view at display time.
    3. A reconstruction from the widget state that nbclient records: boxes/tabs render their children,
       ``Output`` widgets their captured outputs (plotly charts included), ``go.FigureWidget`` its figure,
       ``HTML``/``Label`` their value, controls one ``description: value`` line; anything else a note.

The module imports nbclient, nbconvert and plotly only when used.
"""
from __future__ import annotations

import argparse
import copy
import html
import logging
import os
import re
from pathlib import Path
from typing import Any

__all__ = ["export_notebook", "export_notebooks", "make_static", "add_cli", "NotebookExportError",
           "STATIC_VIEW_METHOD"]

log = logging.getLogger("toolkit")

#: Name of the method a widget defines to provide its static (kernel-free) view; see the module docstring.
STATIC_VIEW_METHOD = "_repr_static_mimebundle_"

_WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
_WIDGET_STATE = "application/vnd.jupyter.widget-state+json"
_PLOTLY = "application/vnd.plotly.v1+json"
_VIEWS_MIME = "application/vnd.toolkit.static-views+json"
_NOTE = ("Static snapshot of an interactive widget, as it looked when the notebook was exported; "
         "its controls need a running Python kernel.")

# Runs in the kernel after the last cell; its output is read and the cell removed again.
_COLLECT_CODE = f'''
def __toolkit_static_views():
    import sys, json
    from IPython.display import display
    mod = sys.modules.get("ipywidgets.widgets.widget")
    if mod is None:
        return
    instances = getattr(mod, "_instances", None) or getattr(getattr(mod, "Widget", None), "widgets", {{}})
    try:
        from plotly.io.json import to_json_plotly as _dumps
    except Exception:
        _dumps = None
    def item(x):
        if isinstance(x, str):
            return {{"text/html": x}}
        if hasattr(x, "to_plotly_json") and _dumps is not None:
            return {{"{_PLOTLY}": json.loads(_dumps(x.to_plotly_json()))}}
        if hasattr(x, "to_html") and hasattr(x, "columns"):
            return {{"text/html": x.to_html(escape=True)}}
        if isinstance(x, dict):
            out = {{}}
            for k, v in x.items():
                if k == "{_PLOTLY}" and not isinstance(v, dict) and hasattr(v, "to_plotly_json"):
                    v = v.to_plotly_json()
                if not isinstance(v, str) and _dumps is not None:
                    v = json.loads(_dumps(v))
                out[str(k)] = v
            return out
        return {{"text/plain": repr(x)}}
    views = {{}}
    for mid, w in list(instances.items()):
        fn = getattr(w, "{STATIC_VIEW_METHOD}", None)
        if fn is None:
            continue
        try:
            got = fn()
            items = got if isinstance(got, (list, tuple)) else [got]
            views[mid] = [item(x) for x in items if x is not None]
        except Exception as exc:
            views[mid] = [{{"text/plain": "static view failed: %r" % (exc,)}}]
    display({{"{_VIEWS_MIME}": views}}, raw=True)
__toolkit_static_views()
del __toolkit_static_views
'''

_TEMPLATE = r"""{%- extends 'lab/index.html.j2' -%}
{%- block html_head_js -%}
{%- if resources.toolkit_plotlyjs -%}
<script type="text/javascript">window.PlotlyConfig = {MathJaxConfig: 'local'};</script>
<script type="text/javascript">{{ resources.toolkit_plotlyjs }}</script>
{%- endif -%}
{%- endblock html_head_js -%}
{% block jupyter_widgets %}{% endblock jupyter_widgets %}
{%- block html_head_js_mathjax -%}{%- endblock html_head_js_mathjax -%}
{%- block html_head_js_mermaidjs -%}{%- endblock html_head_js_mermaidjs -%}
{% block extra_css %}
<style type="text/css">
.toolkit-static-view { border: 1px solid #d0d7de; border-radius: 6px; padding: 6px 10px; margin: 4px 0; }
.toolkit-static-note { margin: 0 0 6px 0; font-size: 12px; color: #57606a; font-style: italic; }
.toolkit-static-controls { display: flex; flex-wrap: wrap; gap: 4px 18px; font-size: 13px; margin: 2px 0 6px 0; }
.toolkit-static-hbox { display: flex; flex-wrap: wrap; gap: 12px; align-items: flex-start; }
.toolkit-static-vbox { display: flex; flex-direction: column; gap: 4px; }
/* JupyterLab right-aligns every cell of an HTML output's tables; the toolkit's paragraph tables are prose */
.jp-RenderedHTMLCommon table.rt-table { margin-left: 0; margin-right: 0; }
.jp-RenderedHTMLCommon table.rt-table td, .jp-RenderedHTMLCommon table.rt-table th { text-align: left; }
.jp-RenderedHTMLCommon table.rt-table td.rt-num { text-align: right; }
</style>
{{ resources.toolkit_css }}
{% endblock extra_css %}
"""


class NotebookExportError(RuntimeError):
    """A notebook could not be executed or exported (the message names the notebook and the cell)."""


# ---------------------------------------------------------------------------------------------- rendering
def _figure_html(fig: dict) -> str:
    import plotly.io as pio

    layout = fig.get("layout") or {}
    height = layout.get("height") or 525
    return pio.to_html(fig, full_html=False, include_plotlyjs=False, include_mathjax=False,
                       default_width="100%", default_height=height, validate=False,
                       config={"responsive": True})


def _is_plotlyjs_init(data: dict) -> bool:
    """The plotly notebook renderer's one-off output that only embeds plotly.js."""
    if _PLOTLY in data:
        return False
    text = data.get("text/html", "")
    text = "".join(text) if isinstance(text, list) else text
    return "window.PlotlyConfig" in text and "plotly.js v" in text[:5000]


def _bundle_html(data: dict) -> str | None:
    """HTML for one output bundle, or None if it has nothing displayable."""
    if _PLOTLY in data:
        return _figure_html(data[_PLOTLY])
    if "text/html" in data:
        value = data["text/html"]
        return "".join(value) if isinstance(value, list) else value
    for mime in ("image/png", "image/jpeg"):
        if mime in data:
            value = data[mime]
            value = "".join(value) if isinstance(value, list) else value
            return f'<img src="data:{mime};base64,{value.strip()}" alt="chart">'
    if "image/svg+xml" in data:
        value = data["image/svg+xml"]
        return "".join(value) if isinstance(value, list) else value
    if "text/plain" in data:
        value = data["text/plain"]
        value = "".join(value) if isinstance(value, list) else value
        return f"<pre>{html.escape(value)}</pre>"
    return None


_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


def _output_html(output: dict, state: dict, seen: set) -> str:
    kind = output.get("output_type")
    if kind == "stream":
        text = output.get("text", "")
        text = "".join(text) if isinstance(text, list) else text
        return f"<pre>{html.escape(text)}</pre>"
    if kind == "error":
        tb = "\n".join(output.get("traceback", [])) or f"{output.get('ename')}: {output.get('evalue')}"
        return f"<pre>{html.escape(_ANSI.sub('', tb))}</pre>"
    data = output.get("data", {})
    if _WIDGET_VIEW in data:
        return _state_html(data[_WIDGET_VIEW].get("model_id", ""), state, seen)
    if _is_plotlyjs_init(data):
        return ""
    return _bundle_html(data) or ""


_BOXES = {"VBoxModel": "vbox", "BoxModel": "vbox", "GridBoxModel": "hbox", "HBoxModel": "hbox",
          "AccordionModel": "vbox", "TabModel": "vbox", "StackModel": "vbox"}


def _state_html(model_id: str, state: dict, seen: set) -> str:
    """Reconstruct a widget's last view from the widget state nbclient recorded."""
    if model_id in seen:
        return ""
    seen = seen | {model_id}
    entry = state.get(model_id)
    if entry is None:
        return ""
    name = entry.get("model_name", "")
    st = entry.get("state", {})
    desc = html.escape(str(st.get("description") or ""))
    label = f"<b>{desc}</b>: " if desc else ""
    if name in _BOXES:
        kids = [c[len("IPY_MODEL_"):] if isinstance(c, str) and c.startswith("IPY_MODEL_") else c
                for c in st.get("children", [])]
        if name == "StackModel" and st.get("selected_index") is not None:
            kids = kids[int(st["selected_index"]):int(st["selected_index"]) + 1]
        parts, controls = [], []
        titles = st.get("titles") or []
        for i, kid in enumerate(kids):
            part = _state_html(kid, state, seen)
            if not part:
                continue
            if part.startswith('<span class="toolkit-static-control">'):
                controls.append(part)
                continue
            if controls:
                parts.append('<div class="toolkit-static-controls">' + "".join(controls) + "</div>")
                controls = []
            if name in ("TabModel", "AccordionModel") and i < len(titles) and titles[i]:
                part = f"<h4>{html.escape(str(titles[i]))}</h4>" + part
            parts.append(part)
        if controls:
            parts.append('<div class="toolkit-static-controls">' + "".join(controls) + "</div>")
        return f'<div class="toolkit-static-{_BOXES[name]}">' + "".join(parts) + "</div>"
    if name == "OutputModel":
        return "".join(_output_html(o, state, seen) for o in st.get("outputs", []))
    if "_widget_data" in st and "_widget_layout" in st:  # plotly go.FigureWidget (anywidget)
        return _figure_html({"data": st.get("_widget_data") or [], "layout": st.get("_widget_layout") or {}})
    if name in ("HTMLModel", "HTMLMathModel"):
        return f"<div>{label}{st.get('value', '')}</div>"  # widget HTML is the widget author's markup
    if name == "ImageModel":
        return ""
    if "_options_labels" in st:
        labels = st.get("_options_labels") or []
        index = st.get("index")
        if isinstance(index, (list, tuple)):
            value = ", ".join(str(labels[i]) for i in index if 0 <= i < len(labels))
        elif isinstance(index, int) and 0 <= index < len(labels):
            value = str(labels[index])
        else:
            value = "—"
        return f'<span class="toolkit-static-control">{label}{html.escape(value)}</span>'
    if name in ("ButtonModel", "FileUploadModel", "PlayModel"):
        return ""
    if "value" in st:
        value = st["value"]
        if isinstance(value, (list, tuple)):
            value = " – ".join(str(v) for v in value)
        if name == "LabelModel":
            return f"<div>{label}{html.escape(str(value))}</div>"
        return f'<span class="toolkit-static-control">{label}{html.escape(str(value))}</span>'
    if name.endswith(("LayoutModel", "StyleModel")):
        return ""
    return f"<div><i>interactive widget {html.escape(name or 'of unknown type')} (needs a running kernel)</i></div>"


def _static_view(model_id: str, data: dict, views: dict, state: dict) -> str:
    """The HTML that replaces one widget-view output (see the module docstring for the order)."""
    body = ""
    if views.get(model_id):
        body = "".join(_bundle_html(b) or "" for b in views[model_id])
    if not body.strip():
        rest = {k: v for k, v in data.items() if k not in (_WIDGET_VIEW, "text/plain")}
        body = _bundle_html(rest) or "" if rest else ""
    if not body.strip():
        body = _state_html(model_id, state, set())
    if not body.strip():
        plain = data.get("text/plain", "")
        plain = "".join(plain) if isinstance(plain, list) else plain
        body = f"<pre>{html.escape(plain or 'widget')}</pre>"
    return (f'<div class="toolkit-static-view" data-widget-model="{html.escape(model_id)}">'
            f'<p class="toolkit-static-note">{html.escape(_NOTE)}</p>{body}</div>')


def make_static(nb: Any, views: dict | None = None) -> tuple[Any, bool]:
    """Return a copy of an executed notebook with kernel-free outputs, and whether plotly.js is needed.

    Widget views become static fallbacks, plotly outputs are re-rendered from their JSON, the notebook
    renderer's plotly.js copies and the widget state metadata are dropped.
    """
    nb = copy.deepcopy(nb)
    views = views or {}
    widgets_meta = nb.metadata.pop("widgets", None) or {}
    state = (widgets_meta.get(_WIDGET_STATE) or {}).get("state", {})
    for cell in nb.cells:
        if cell.get("cell_type") != "code":
            continue
        new_outputs = []
        for out in cell.get("outputs", []):
            data = out.get("data")
            if not data:
                new_outputs.append(out)
                continue
            if _is_plotlyjs_init(data):
                continue
            if _WIDGET_VIEW in data:
                model_id = data[_WIDGET_VIEW].get("model_id", "")
                out["data"] = {"text/html": _static_view(model_id, data, views, state),
                               "text/plain": data.get("text/plain", "widget")}
                out["metadata"] = {}
            elif _PLOTLY in data:
                out["data"] = {"text/html": _figure_html(data[_PLOTLY]),
                               _PLOTLY: data[_PLOTLY]}
            new_outputs.append(out)
        cell["outputs"] = new_outputs
    needs_plotly = False
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            text = (out.get("data") or {}).get("text/html", "")
            text = "".join(text) if isinstance(text, list) else text
            if "Plotly.newPlot" in text:
                needs_plotly = True
    return nb, needs_plotly


# ---------------------------------------------------------------------------------------------- execution
def _execute(nb: Any, *, cwd: Path, timeout: int, kernel_name: str, name: str) -> dict:
    """Execute in place; return the widgets' static views collected from the kernel."""
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError, CellTimeoutError

    nb.cells.append(nbformat.v4.new_code_cell(_COLLECT_CODE))
    env = dict(os.environ)
    env["PLOTLY_RENDERER"] = "plotly_mimetype"
    client = NotebookClient(nb, timeout=timeout, kernel_name=kernel_name, store_widget_state=True,
                            resources={"metadata": {"path": str(cwd)}})
    try:
        client.execute(env=env)
    except CellTimeoutError as exc:
        raise NotebookExportError(
            f"A cell of {name} did not finish within timeout={timeout} s; raise `timeout` "
            f"(CLI: --timeout) or make the cell faster. {str(exc).strip().splitlines()[0]}") from exc
    except CellExecutionError as exc:
        lines = [ln for ln in _ANSI.sub("", str(exc)).strip().splitlines() if ln.strip()]
        raise NotebookExportError(
            f"Executing {name} failed: {lines[-1] if lines else exc!r}. Fix the notebook so that "
            f"'Restart kernel and run all' works, then export again.") from exc
    finally:
        collect = nb.cells.pop()
    views: dict = {}
    for out in collect.get("outputs", []):
        views.update((out.get("data") or {}).get(_VIEWS_MIME, {}))
    return views


def _toolkit_css() -> str:
    """The style sheet of the toolkit's HTML tables (evidence marks, chips), for every output of the page.

    ``toolkit.widgets.paragraph_table_html`` returns bare markup; only the explorer adds the style sheet.
    """
    try:
        from toolkit import widgets
    except ImportError:  # pragma: no cover - widgets need ipywidgets
        return ""
    css = getattr(widgets, "_CSS", "")
    return css if isinstance(css, str) and css.lstrip().startswith("<style") else ""


def _exporter():
    from jinja2 import DictLoader
    from nbconvert import HTMLExporter

    return HTMLExporter(template_name="lab", extra_loaders=[DictLoader({"toolkit_offline.html.j2": _TEMPLATE})],
                        template_file="toolkit_offline.html.j2")


def export_notebook(notebook: str | Path, output_dir: str | Path, *, timeout: int = 600,
                    kernel_name: str = "python3", execute: bool = True) -> Path:
    """Execute a notebook and write one self-contained HTML file that draws every chart offline.

    Parameters
    ----------
    notebook
        Path to an ``.ipynb`` file. It runs with its own folder as the working directory.
    output_dir
        Folder for ``<notebook name>.html`` (created if missing).
    timeout
        Seconds allowed per cell.
    kernel_name
        Jupyter kernel to execute with.
    execute
        ``False`` converts the stored outputs without running the notebook (widget views then come from
        the stored widget state only).

    Returns
    -------
    Path of the HTML file written.
    """
    import nbformat
    from plotly.offline import get_plotlyjs

    path = Path(notebook)
    if path.suffix.lower() != ".ipynb":
        raise ValueError(f"The value for `notebook` must be a .ipynb file, but {str(path)!r} was passed; "
                         "pass the path of a Jupyter notebook.")
    if not path.is_file():
        raise FileNotFoundError(f"The notebook {str(path)!r} does not exist; check the path.")
    if not isinstance(timeout, (int, float)) or isinstance(timeout, bool) or timeout <= 0:
        raise ValueError(f"The value for `timeout` must be a positive number of seconds, but {timeout!r} "
                         "was passed.")
    nb = nbformat.read(path, as_version=4)
    views: dict = {}
    if execute:
        log.info("executing %s", path)
        views = _execute(nb, cwd=path.resolve().parent, timeout=int(timeout), kernel_name=kernel_name,
                         name=path.name)
    static, needs_plotly = make_static(nb, views)
    exporter = _exporter()
    resources = {"metadata": {"name": path.stem, "path": str(path.resolve().parent)},
                 "toolkit_plotlyjs": get_plotlyjs() if needs_plotly else "", "toolkit_css": _toolkit_css()}
    body, _ = exporter.from_notebook_node(static, resources=resources)
    out_dir = Path(output_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / f"{path.stem}.html"
    target.write_text(body, encoding="utf-8")
    log.info("wrote %s (%d bytes)", target, target.stat().st_size)
    return target


def _export_each(notebooks: list, output_dir: str | Path, *, jobs: int | None, **kwargs: Any) -> list:
    """Export every notebook, ``jobs`` at a time; a list of (notebook, Path or the exception raised)."""
    from concurrent.futures import ThreadPoolExecutor

    if jobs is None:
        jobs = min(len(notebooks), os.cpu_count() or 1)
    if not isinstance(jobs, int) or isinstance(jobs, bool) or jobs < 1:
        raise ValueError(f"The value for `jobs` must be a positive integer, but {jobs!r} was passed; "
                         "pass 1 to export one notebook at a time.")

    def one(nb: Any) -> Any:
        try:
            return export_notebook(nb, output_dir, **kwargs)
        except (NotebookExportError, ValueError, FileNotFoundError) as exc:
            return exc

    # Threads are enough: each notebook runs in its own kernel process; this one mostly waits.
    with ThreadPoolExecutor(max_workers=max(1, min(jobs, len(notebooks)))) as pool:
        return list(zip(notebooks, pool.map(one, notebooks), strict=True))


def export_notebooks(notebooks: list[str | Path], output_dir: str | Path, *, jobs: int | None = None,
                     timeout: int = 600, kernel_name: str = "python3", execute: bool = True) -> list[Path]:
    """Export several notebooks like :func:`export_notebook`, up to ``jobs`` at the same time.

    ``jobs`` defaults to the number of CPUs (at most the number of notebooks). Every notebook is tried;
    if any fails, :class:`NotebookExportError` names each failure after the others are written.
    Returns the HTML paths in the order of ``notebooks``.
    """
    notebooks = list(notebooks)
    if not notebooks:
        raise ValueError("The value for `notebooks` must list at least one .ipynb file, but an empty list "
                         "was passed.")
    results = _export_each(notebooks, output_dir, jobs=jobs, timeout=timeout, kernel_name=kernel_name,
                           execute=execute)
    failed = [f"{nb}: {res}" for nb, res in results if isinstance(res, Exception)]
    if failed:
        raise NotebookExportError(f"{len(failed)} of {len(results)} notebooks failed to export: "
                                  + "; ".join(failed))
    return [res for _, res in results]


# ---------------------------------------------------------------------------------------------- CLI
def _cmd_export(args: argparse.Namespace) -> int:
    import sys

    status = 0
    results = _export_each(args.notebooks, args.output, jobs=args.jobs, timeout=args.timeout,
                           execute=not args.no_execute)
    for nb, res in results:
        if isinstance(res, Exception):
            print(f"error: {str(res).splitlines()[0]}", file=sys.stderr)
            status = 1
        else:
            print(f"exported {nb} -> {res}")
    return status


def add_cli(subparsers: Any) -> None:
    """Add ``export NOTEBOOK.ipynb... -o DIR`` to the toolkit command line."""
    p = subparsers.add_parser(
        "export", help="execute notebooks and export self-contained offline HTML",
        description="Execute each notebook and write DIR/<name>.html: one file, charts drawn with no "
                    "network, widgets shown as their last view with a note.")
    p.add_argument("notebooks", nargs="+", metavar="NOTEBOOK", help=".ipynb files")
    p.add_argument("-o", "--output", required=True, metavar="DIR", help="output folder")
    p.add_argument("--timeout", type=int, default=600, help="seconds allowed per cell (default 600)")
    p.add_argument("-j", "--jobs", type=int, default=None,
                   help="notebooks exported at the same time, each in its own kernel (default: CPUs)")
    p.add_argument("--no-execute", action="store_true", help="convert the stored outputs without running")
    p.set_defaults(func=_cmd_export)
