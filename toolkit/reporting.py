"""A standalone HTML report for readers without Python: one file, works offline.

``toolkit.report(scores, "report.html")`` (CLI: ``python -m toolkit report PATH... -o report.html``)
writes a single HTML file with

* key numbers and counts by rhetoric class;
* the charts of :mod:`toolkit.charts` — contrast (who speaks how about whom), the speaker × target
  matrix, the paragraph flow of each document, the actor summary, the rhetoric mix, the most frequent
  evidence terms and (when the frame has dates) the timeline — with kernel-free interactivity through
  plotly's own controls: dropdown menus switch the speaker, the metric or the document;
* the paragraph table with the evidence highlighted: escalation cues shaded (red escalatory, blue
  conciliatory), sentiment words underlined (green positive, magenta negative), actor mentions bold,
  rule cues (negation, hedging…) dotted; hover a mark to see its dimension, weight and rule;
* provenance: toolkit version, lexicon version, inputs, date generated.

plotly.js is embedded once (inline, no CDN), so the file opens on a closed network. All article text,
titles and actor names are HTML-escaped: highlighting slices the raw text at the evidence offsets and
escapes every piece; chart data travels as JSON with ``<`` and ``>`` escaped.
"""
from __future__ import annotations

import argparse
import datetime as _dt
import html
import json
import logging
import re
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import pandas as pd

__all__ = ["report", "highlight_html", "add_cli"]

log = logging.getLogger("toolkit")

_REQUIRED = ("doc_id", "para_id", "text", "sentiment", "escalation", "rhetoric")
_METRICS = ("escalation", "sentiment")
_RHETORIC_ORDER = ("praise", "cooperation", "peace_appeal", "denial", "criticism", "warning", "threat",
                   "military_action", "neutral")
_NARRATION = "(narration)"


# ---------------------------------------------------------------------------------------------- helpers
def _esc(value: Any) -> str:
    return html.escape("" if value is None else str(value), quote=True)


def _as_list(value: Any) -> list:
    if value is None:
        return []
    if isinstance(value, str):
        text = value.strip()
        if text.startswith("["):
            try:
                parsed = json.loads(text)
            except ValueError:
                return [value]
            return list(parsed) if isinstance(parsed, list) else [parsed]
        return [value] if text else []
    if isinstance(value, Mapping):
        return [value]
    try:
        return list(value)
    except TypeError:
        return [] if pd.isna(value) else [value]


def _is_missing(value: Any) -> bool:
    if value is None:
        return True
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def _float(value: Any, default: float = 0.0) -> float:
    try:
        out = float(value)
    except (TypeError, ValueError):
        return default
    return default if out != out else out


def highlight_html(text: str, evidence: Iterable[Mapping[str, Any]] | None) -> str:
    """Paragraph text as HTML with its evidence marked; every piece of text is HTML-escaped.

    The text is cut at every evidence boundary and each piece gets the classes of all spans covering
    it, so overlapping cues (an escalation cue that is also a sentiment word) keep both marks:
    ``ev-esc-up`` / ``ev-esc-down`` (escalation weight > 0 / < 0, shaded), ``ev-sent-pos`` /
    ``ev-sent-neg`` (underlined), ``ev-actor`` (speaker/target/actor, bold) and ``ev-rule`` (negation,
    hedging and other rules, dotted). Spans outside the text are ignored.
    """
    text = "" if _is_missing(text) else str(text)
    spans: list[tuple[int, int, str, str]] = []
    for ev in _as_list(evidence):
        if not isinstance(ev, Mapping):
            continue
        try:
            start, end = int(ev.get("start")), int(ev.get("end"))
        except (TypeError, ValueError):
            continue
        if not 0 <= start < end <= len(text):
            continue
        dim = str(ev.get("dimension") or "")
        weight = _float(ev.get("weight"))
        if dim == "escalation":
            cls = "ev-esc-up" if weight > 0 else "ev-esc-down" if weight < 0 else "ev-esc-zero"
        elif dim == "sentiment":
            cls = "ev-sent-pos" if weight > 0 else "ev-sent-neg" if weight < 0 else "ev-rule"
        elif dim in ("speaker", "target", "actor"):
            cls = "ev-actor"
        else:
            cls = "ev-rule"
        bits = [dim or "cue", f"“{ev.get('term', text[start:end])}”", f"weight {weight:+.2f}"]
        for key in ("rhetoric", "rule", "cameo"):
            if ev.get(key):
                bits.append(f"{key} {ev[key]}")
        spans.append((start, end, cls, " · ".join(str(b) for b in bits)))
    if not spans:
        return html.escape(text)
    cuts = sorted({0, len(text)} | {s for s, _, _, _ in spans} | {e for _, e, _, _ in spans})
    out = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        piece = html.escape(text[a:b])
        cover = [sp for sp in spans if sp[0] <= a and sp[1] >= b]
        if not cover:
            out.append(piece)
            continue
        classes = " ".join(sorted({c for _, _, c, _ in cover}))
        title = "\n".join(dict.fromkeys(t for _, _, _, t in cover))
        out.append(f'<span class="{classes}" title="{html.escape(title, quote=True)}">{piece}</span>')
    return "".join(out)


def _validate(scores: Any) -> pd.DataFrame:
    if not isinstance(scores, pd.DataFrame):
        raise TypeError(f"The value for `scores` must be a scores DataFrame from toolkit.score, but a "
                        f"{type(scores).__name__} was passed; run `toolkit.score(...)` first.")
    missing = [c for c in _REQUIRED if c not in scores.columns]
    if missing:
        raise ValueError(f"The `scores` frame lacks the column(s) {missing}; pass the frame returned by "
                         "toolkit.score (columns: " + ", ".join(_REQUIRED) + ", speaker, targets, evidence…).")
    frame = scores.copy()
    for col, default in (("speaker", None), ("targets", None), ("actors", None), ("evidence", None)):
        if col not in frame.columns:
            frame[col] = default
    return frame


# ---------------------------------------------------------------------------------------------- figures
def _switcher(options: list[tuple[str, Any]], *, what: str):
    """Combine several figures into one with a plotly dropdown (``updatemenus``) that switches them."""
    import plotly.graph_objects as go

    if len(options) == 1:
        return go.Figure(options[0][1])
    first = options[0][1]
    traces, spans = [], []
    for _, fig in options:
        start = len(traces)
        traces.extend(fig.data)
        spans.append((start, len(traces)))
    base_visible = [True if tr.visible is None else tr.visible for tr in traces]
    combined = go.Figure(data=traces, layout=first.layout)
    keys = ["title", "coloraxis", "annotations", "shapes", "legend"]
    for _, fig in options:
        for key in fig.layout.to_plotly_json():
            if re.fullmatch(r"[xy]axis\d*", key) and key not in keys:
                keys.append(key)
    heights = [fig.layout.height for _, fig in options if fig.layout.height]
    buttons = []
    for (label, fig), (s, e) in zip(options, spans, strict=True):
        visible = [base_visible[i] if s <= i < e else False for i in range(len(traces))]
        layout: dict[str, Any] = {}
        for key in keys:
            value = fig.layout[key]
            if key in ("annotations", "shapes"):
                layout[key] = [v.to_plotly_json() for v in value] if value else []
            else:
                js = value.to_plotly_json() if value is not None else {}
                layout[key] = js if js else None
        buttons.append({"label": str(label)[:60], "method": "update", "args": [{"visible": visible}, layout]})
    for i, tr in enumerate(combined.data):
        tr.visible = base_visible[i] if spans[0][0] <= i < spans[0][1] else False
    top = max(int(first.layout.margin.t or 0), 100)
    combined.update_layout(
        updatemenus=[{"type": "dropdown", "buttons": buttons, "active": 0, "showactive": True,
                      "x": 1.0, "xanchor": "right", "y": 1.0, "yanchor": "bottom", "pad": {"b": 40},
                      "bgcolor": "white", "bordercolor": "#9ca3af"}],
        margin={"t": top})
    if heights:
        combined.update_layout(height=max(heights))
    combined.layout.meta = {"toolkit_switch": what, "options": [str(label) for label, _ in options]}
    return combined


def _speakers(frame: pd.DataFrame, limit: int) -> list[str]:
    speakers = frame["speaker"].map(lambda v: None if _is_missing(v) else str(v)).dropna()
    return speakers.value_counts().index[:limit].tolist()


def _charts(frame: pd.DataFrame, *, max_speakers: int, max_documents: int) -> list[dict]:
    """Build the report's figure sections; a chart that cannot be drawn becomes a note."""
    from toolkit import charts

    sections: list[dict] = []

    def attempt(key: str, title: str, blurb: str, build):
        try:
            fig = build()
        except (ValueError, KeyError, TypeError) as exc:
            log.warning("report: %s skipped: %s", key, exc)
            sections.append({"key": key, "title": title, "blurb": blurb, "figure": None,
                             "note": f"Not drawn: {str(exc).splitlines()[0] if str(exc) else type(exc).__name__}"})
            return
        if fig is not None:
            sections.append({"key": key, "title": title, "blurb": blurb, "figure": fig, "note": None})

    speakers = _speakers(frame, max_speakers)
    attempt("contrast", "How each speaker talks about others",
            "Mean escalation (> 0 escalatory, < 0 conciliatory) and sentiment of each speaker's statements, "
            "by target (n: statements). Switch the speaker with the menu at the top right.",
            lambda: _switcher([(sp, charts.contrast(frame, speaker=sp, value="escalation")) for sp in speakers],
                              what="speaker")
            if speakers else _raise("no paragraph has a speaker, so there is nothing to contrast"))
    attempt("matrix", "Speaker × target matrix",
            "Each cell: the mean score of what the row's speaker says about the column's target. "
            "Switch the metric with the menu.",
            lambda: _switcher([(m, charts.speaker_target_matrix(frame, value=m)) for m in _METRICS],
                              what="metric"))
    docs = list(dict.fromkeys(frame["doc_id"].astype(str)))[:max_documents]
    attempt("flow", "Paragraph flow",
            "Escalation and sentiment paragraph by paragraph through each document"
            + (" (menu: document)." if len(docs) > 1 else "."),
            lambda: _switcher([(d, charts.paragraph_flow(frame, doc_id=d)) for d in docs], what="document"))
    attempt("actors", "Actor summary", "Paragraphs and mean scores per speaker.",
            lambda: charts.actor_summary(frame, by="speaker"))
    if hasattr(charts, "rhetoric_mix"):
        attempt("rhetoric", "Rhetoric mix", "How many paragraphs of each rhetoric class.",
                lambda: charts.rhetoric_mix(frame))
    if hasattr(charts, "evidence_terms"):
        attempt("terms", "Evidence terms", "The cues that drive the scores most often.",
                lambda: charts.evidence_terms(frame))
    if hasattr(charts, "timeline") and "date" in frame.columns and frame["date"].nunique(dropna=True) > 1:
        attempt("timeline", "Timeline", "Mean scores over time.", lambda: charts.timeline(frame))
    return sections


def _raise(message: str):
    raise ValueError(message)


# ---------------------------------------------------------------------------------------------- HTML
_CSS = """
:root { --ink:#1f2933; --muted:#616e7c; --line:#e4e7eb; --bg:#f7f8fa; }
* { box-sizing: border-box; }
body { margin:0; font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
       color:var(--ink); background:var(--bg); line-height:1.45; }
main { max-width: 1180px; margin: 0 auto; padding: 24px 28px 60px; }
header h1 { margin: 0 0 4px; font-size: 28px; }
header p { margin: 0; color: var(--muted); }
section { background:white; border:1px solid var(--line); border-radius:10px; padding:16px 20px; margin:18px 0; }
section h2 { margin: 0 0 4px; font-size: 19px; }
section p.blurb { margin: 0 0 8px; color: var(--muted); font-size: 14px; }
.cards { display:flex; flex-wrap:wrap; gap:12px; margin-top:16px; }
.card { background:white; border:1px solid var(--line); border-radius:10px; padding:10px 16px; min-width:140px; }
.card b { display:block; font-size:22px; }
.card span { color: var(--muted); font-size: 13px; }
.rhet { display:flex; flex-wrap:wrap; gap:6px; margin-top:10px; font-size:13px; }
.rhet span { border-radius: 12px; padding: 2px 10px; background:#eef2f7; }
.note { color:#8a4b08; background:#fff7e6; border:1px solid #f5d9a8; padding:6px 10px; border-radius:6px; font-size:14px; }
table { border-collapse: collapse; width: 100%; font-size: 14px; }
th, td { border-bottom: 1px solid var(--line); padding: 6px 8px; text-align: left; vertical-align: top; }
th { position: sticky; top: 0; background: #f0f3f7; z-index: 1; }
td.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
td.who { min-width: 150px; }
tr.doc th { background: #e6ebf2; font-size: 14px; position: static; }
.chip { border-radius: 4px; padding: 0 5px; }
.ev-esc-up { background: rgba(214, 39, 40, .22); border-radius: 3px; }
.ev-esc-down { background: rgba(33, 102, 172, .20); border-radius: 3px; }
.ev-esc-zero { background: #eceff3; border-radius: 3px; }
.ev-sent-pos { text-decoration: underline 2px #4d9221; text-underline-offset: 3px; }
.ev-sent-neg { text-decoration: underline 2px #c51b7d; text-underline-offset: 3px; }
.ev-actor { font-weight: 600; }
.ev-rule { border-bottom: 1px dotted #616e7c; }
.ev-esc-up.ev-sent-neg, .ev-esc-up.ev-sent-pos, .ev-esc-down.ev-sent-pos, .ev-esc-down.ev-sent-neg { text-underline-offset: 3px; }
.legend { display:flex; flex-wrap:wrap; gap:14px; font-size:13px; margin: 4px 0 10px; }
.table-wrap { max-height: 900px; overflow: auto; border: 1px solid var(--line); border-radius: 6px; }
dl.prov { display:grid; grid-template-columns: max-content 1fr; gap: 4px 16px; font-size: 14px; margin: 0; }
dl.prov dt { color: var(--muted); }
dl.prov dd { margin: 0; word-break: break-all; }
"""


def _chip(value: float, metric: str) -> str:
    a = min(1.0, abs(value))
    if metric == "escalation":
        rgb = "214,39,40" if value > 0 else "33,102,172"
    else:
        rgb = "77,146,33" if value > 0 else "197,27,125"
    bg = f"rgba({rgb},{0.10 + 0.45 * a:.2f})" if value else "#eceff3"
    return f'<span class="chip" style="background:{bg}">{value:+.2f}</span>'


def _table(frame: pd.DataFrame, *, max_rows: int) -> str:
    head = ("<tr><th>¶</th><th>speaker → targets</th><th>rhetoric</th><th>escalation</th>"
            "<th>sentiment</th><th>text (evidence highlighted)</th></tr>")
    rows = []
    shown = frame.head(max_rows)
    has_title = "title" in shown.columns
    current = object()
    for rec in shown.to_dict("records"):
        doc = rec["doc_id"]
        if doc != current:
            current = doc
            label = _esc(doc)
            if has_title and not _is_missing(rec.get("title")) and str(rec.get("title")).strip():
                label = f"{_esc(rec['title'])} <small>({_esc(doc)})</small>"
            rows.append(f'<tr class="doc"><th colspan="6">{label}</th></tr>')
        speaker = rec.get("speaker")
        speaker = "—" if _is_missing(speaker) else str(speaker)
        targets = ", ".join(str(t) for t in _as_list(rec.get("targets")))
        who = _esc(speaker) + (f" → {_esc(targets)}" if targets else "")
        rows.append(
            f"<tr><td class=\"num\">{_esc(rec['para_id'])}</td><td class=\"who\">{who}</td>"
            f"<td>{_esc(rec['rhetoric'])}</td>"
            f"<td class=\"num\">{_chip(_float(rec['escalation']), 'escalation')}</td>"
            f"<td class=\"num\">{_chip(_float(rec['sentiment']), 'sentiment')}</td>"
            f"<td>{highlight_html(rec['text'], rec.get('evidence'))}</td></tr>")
    note = ""
    if len(frame) > max_rows:
        note = (f'<p class="note">The table shows the first {max_rows:,} of {len(frame):,} paragraphs '
                "(raise <code>max_rows</code> to show more).</p>")
    return note + f'<div class="table-wrap"><table><thead>{head}</thead><tbody>{"".join(rows)}</tbody></table></div>'


_LEGEND = ('<div class="legend"><span class="ev-esc-up">escalatory cue</span>'
           '<span class="ev-esc-down">conciliatory cue</span><span class="ev-sent-pos">positive word</span>'
           '<span class="ev-sent-neg">negative word</span><span class="ev-actor">actor</span>'
           '<span class="ev-rule">rule (negation, hedge…)</span><span>· hover a mark for weight and rule</span></div>')


def _provenance(frame: pd.DataFrame, scores: pd.DataFrame, inputs: Sequence[str] | None) -> dict[str, str]:
    import plotly

    import toolkit
    from toolkit.lexicon import LEXICON_VERSION

    used = scores.attrs.get("lexicon_version")
    lexicon = str(used) if used else f"{LEXICON_VERSION} (not recorded in the frame; packaged version)"
    if used and str(used) != LEXICON_VERSION:
        lexicon += f" (packaged lexicon: {LEXICON_VERSION})"
    if inputs:
        source = "; ".join(str(i) for i in inputs)
    elif scores.attrs.get("inputs"):
        source = "; ".join(str(i) for i in _as_list(scores.attrs["inputs"]))
    else:
        source = "scores frame passed in memory"
    prov = {
        "toolkit version": f"rhetoric-toolkit {toolkit.__version__}",
        "lexicon version": lexicon,
    }
    if scores.attrs.get("lexicon_fingerprint"):
        prov["lexicon fingerprint"] = str(scores.attrs["lexicon_fingerprint"])
    prov.update({
        "inputs": source,
        "documents / paragraphs": f"{frame['doc_id'].nunique():,} / {len(frame):,}",
        "generated": _dt.datetime.now(_dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "charts": f"plotly {plotly.__version__} (plotly.js embedded, works offline)",
    })
    return prov


def _summary(frame: pd.DataFrame) -> str:
    speakers = frame["speaker"].map(lambda v: None if _is_missing(v) else str(v)).dropna()
    cards = [
        (f"{frame['doc_id'].nunique():,}", "documents"),
        (f"{len(frame):,}", "paragraphs"),
        (f"{speakers.nunique():,}", "speakers"),
        (f"{frame['escalation'].astype(float).mean():+.2f}" if len(frame) else "–", "mean escalation"),
        (f"{frame['sentiment'].astype(float).mean():+.2f}" if len(frame) else "–", "mean sentiment"),
        (f"{(frame['escalation'].astype(float) > 0).sum():,}", "escalatory paragraphs"),
    ]
    out = '<div class="cards">' + "".join(f'<div class="card"><b>{_esc(v)}</b><span>{_esc(k)}</span></div>'
                                          for v, k in cards) + "</div>"
    counts = frame["rhetoric"].astype(str).value_counts()
    order = [r for r in _RHETORIC_ORDER if r in counts.index] + [r for r in counts.index if r not in _RHETORIC_ORDER]
    try:
        from toolkit.style import RHETORIC_COLORS
    except ImportError:  # pragma: no cover - style module absent
        RHETORIC_COLORS = {}
    chips = []
    for r in order:
        color = RHETORIC_COLORS.get(r)
        dot = f'<b style="color:{_esc(color)}">●</b> ' if color else ""
        chips.append(f"<span>{dot}{_esc(r)} <b>{int(counts[r])}</b></span>")
    return out + '<div class="rhet">' + "".join(chips) + "</div>"


_TEMPLATES_JS = "__rtTemplates"


def _share_template(body: str, fig: Any, templates: list[str]) -> str:
    """Serialise each distinct plotly template once (in the page head) instead of once per figure.

    The figure's ``"template":{...}`` JSON is replaced by a reference to ``window.__rtTemplates[i]``;
    if the exact JSON is not found the figure keeps its own copy (correct, only larger).
    """
    from plotly.io.json import to_json_plotly

    template = fig.layout.template
    if template is None:
        return body
    as_json = to_json_plotly(template.to_plotly_json())
    needle = '"template":' + as_json
    if body.count(needle) != 1:
        return body
    if as_json not in templates:
        templates.append(as_json)
    return body.replace(needle, f'"template":window.{_TEMPLATES_JS}[{templates.index(as_json)}]')


def report(scores: pd.DataFrame, path: str | Path, *, title: str = "Rhetoric report",
           inputs: Sequence[str] | None = None, max_speakers: int = 12, max_documents: int = 20,
           max_rows: int = 2000) -> Path:
    """Write a self-contained HTML report of a scores frame and return its path.

    Parameters
    ----------
    scores
        The frame returned by :func:`toolkit.score`.
    path
        Output file, ``.html`` or ``.htm`` (folders are created).
    title
        Heading and page title (escaped).
    inputs
        What was scored (file names, query…), listed under provenance; default: ``scores.attrs["inputs"]``.
    max_speakers, max_documents
        How many speakers (most frequent first) and documents the dropdown menus offer.
    max_rows
        Most paragraphs listed in the table.

    Returns
    -------
    Path of the written file. It needs no network: plotly.js is embedded once.
    """
    import plotly.io as pio

    frame = _validate(scores)
    target = Path(path)
    if target.suffix.lower() not in (".html", ".htm"):
        raise ValueError(f"The value for `path` must end with .html, but {str(target)!r} was passed; "
                         "e.g. report(scores, 'report.html').")
    for name, value in (("max_speakers", max_speakers), ("max_documents", max_documents), ("max_rows", max_rows)):
        if not isinstance(value, int) or isinstance(value, bool) or value < 1:
            raise ValueError(f"The value for `{name}` must be a positive integer, but {value!r} was passed.")

    sections = _charts(frame, max_speakers=max_speakers, max_documents=max_documents) if len(frame) else []
    parts = []
    first = True
    templates: list[str] = []
    for n, sec in enumerate(sections):
        body = ""
        if sec["figure"] is not None:
            body = pio.to_html(sec["figure"], full_html=False, include_plotlyjs=first, include_mathjax=False,
                               div_id=f"rt-fig-{sec['key']}-{n}", default_width="100%",
                               config={"displaylogo": False, "responsive": True}, validate=False)
            body = _share_template(body, sec["figure"], templates)
            first = False
        elif sec["note"]:
            body = f'<p class="note">{_esc(sec["note"])}</p>'
        parts.append(f'<section id="{_esc(sec["key"])}"><h2>{_esc(sec["title"])}</h2>'
                     f'<p class="blurb">{_esc(sec["blurb"])}</p>{body}</section>')
    prov = _provenance(frame, scores, inputs)
    prov_html = "".join(f"<dt>{_esc(k)}</dt><dd>{_esc(v)}</dd>" for k, v in prov.items())
    page = (
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        f"<meta name=\"generator\" content=\"{_esc(prov['toolkit version'])}\">"
        f"<title>{_esc(title)}</title><style>{_CSS}</style>"
        + (f"<script>window.{_TEMPLATES_JS}=[{','.join(templates)}];</script>" if templates else "")
        + "</head><body><main>"
        f"<header><h1>{_esc(title)}</h1><p>Sentiment, escalation language and who says what about whom, "
        f"paragraph by paragraph. Generated {_esc(prov['generated'])}.</p>{_summary(frame)}</header>"
        + "".join(parts)
        + '<section id="paragraphs"><h2>Paragraphs</h2><p class="blurb">Every paragraph with its scores; '
        "the marked words are the evidence behind them.</p>" + _LEGEND + _table(frame, max_rows=max_rows)
        + "</section>"
        + f'<section id="provenance"><h2>Provenance</h2><dl class="prov">{prov_html}</dl></section>'
        + "</main></body></html>\n")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(page, encoding="utf-8")
    log.info("report: wrote %s (%d bytes, %d charts)", target, target.stat().st_size,
             sum(s["figure"] is not None for s in sections))
    return target


# ---------------------------------------------------------------------------------------------- CLI
def _read_scores_file(path: Path) -> pd.DataFrame | None:
    """A scores file written by ``python -m toolkit score`` (or None if the file is something else)."""
    from toolkit.results import read_scores

    if path.suffix.lower() not in (".parquet", ".jsonl", ".csv"):
        return None
    try:
        frame = read_scores(path)
    except (ValueError, OSError, KeyError):
        return None
    if not {"sentiment", "escalation", "rhetoric", "evidence"} <= set(frame.columns):
        return None
    return frame


def _cmd_report(args: argparse.Namespace) -> int:
    import toolkit

    scores = None
    if len(args.paths) == 1 and Path(args.paths[0]).is_file():
        scores = _read_scores_file(Path(args.paths[0]))
    if scores is None:
        scores = toolkit.score(args.paths if len(args.paths) > 1 else args.paths[0], text=args.text, id=args.id,
                               lexicon=args.lexicon, actors=args.actors, progress=False)
    path = report(scores, args.output, title=args.title, inputs=args.paths)
    print(f"report: {len(scores)} paragraphs in {scores['doc_id'].nunique()} document(s) -> {path}")
    return 0


def add_cli(subparsers: Any) -> None:
    """Add ``report PATH... -o report.html [--title ...]`` to the toolkit command line."""
    p = subparsers.add_parser(
        "report", help="score articles and write a standalone HTML report",
        description="Score articles (files, folders, globs) — or read one scores file written by "
                    "`score` — and write a self-contained HTML report that works offline.")
    p.add_argument("paths", nargs="+", metavar="PATH",
                   help="articles (.txt .md .csv .jsonl .parquet, folders, globs) or one scores file")
    p.add_argument("-o", "--output", required=True, help="output .html file")
    p.add_argument("--title", default="Rhetoric report", help="report title")
    p.add_argument("--text", default=None, help="text column in tables (default: text/body/content)")
    p.add_argument("--id", default=None, help="document id column in tables (default: doc_id/id)")
    p.add_argument("--lexicon", default=None, help="user lexicon CSV/TSV merged on top of the packaged one")
    p.add_argument("--actors", default=None, help="user actor registry CSV/YAML merged on top of the default")
    p.set_defaults(func=_cmd_report)
