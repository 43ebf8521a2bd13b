"""Widgets: an explorer for a scores frame in JupyterLab.

``toolkit.explore(scores)`` returns an :class:`Explorer` — an ipywidgets app with filters
(document, speaker, target, rhetoric, date range, text search, minimum |escalation|), a metric
switch, the charts of :mod:`toolkit.charts` re-drawn on every change, a paragraph table with the
evidence words highlighted, counts of what is shown, and ``.selection`` (the filtered frame) for
the next cell. Clicking a bar, cell or point of the chart narrows the table to it.

The second tab edits the lexicon and the actor registry: add or remove a term or an alias and
the affected documents are re-scored with :func:`toolkit.score`; the additions are saved to user
CSV files that ``toolkit.score(..., lexicon=path, actors=path)`` reads.

The widget is thin: filtering is done on columns precomputed once (no re-scoring on a filter
change), the charts are the public chart functions, and everything a button does is also a method
(:meth:`Explorer.add_term`, :meth:`Explorer.add_alias`, :meth:`Explorer.save`, …) that scripts and
tests call. All article text and actor names are HTML-escaped before they reach the page.
"""
from __future__ import annotations

import html
import inspect
import logging
import os
import time
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from toolkit.lexicon import RHETORIC_CLASSES

__all__ = ["Explorer", "explore", "highlight_evidence", "paragraph_table_html", "CHARTS"]

log = logging.getLogger("toolkit")

ALL = "__all__"
_NO_SPEAKER = "(no speaker)"  # how toolkit.aggregate labels narration
NARRATION = "__narration__"
#: Charts offered by the explorer: chart function name in :mod:`toolkit.charts` -> button label.
CHARTS: dict[str, str] = {
    "contrast": "Contrast",
    "speaker_target_matrix": "Who → whom",
    "actor_summary": "Actors",
    "rhetoric_mix": "Rhetoric",
    "paragraph_flow": "Flow",
    "timeline": "Timeline",
    "evidence_terms": "Terms",
}
_METRICS = ("escalation", "sentiment")
_SORTS = {"document order": "order", "most escalatory / positive first": "desc",
          "most conciliatory / negative first": "asc", "largest |value| first": "abs"}
_REQUIRED = ("doc_id", "para_id", "text", "sentiment", "escalation", "rhetoric")
_NOTE = "interactive explorer: open in JupyterLab"

_CSS = """<style>
.jp-RenderedHTMLCommon table.rt-table td,.jp-RenderedHTMLCommon table.rt-table th,.rt-table td,.rt-table th{text-align:left}
.rt-table{border-collapse:collapse;width:100%;table-layout:fixed;font-size:12.5px;line-height:1.45}
.rt-table td.rt-doc{overflow:hidden;text-overflow:ellipsis;white-space:nowrap;color:#4b5563}
.rt-table td.rt-text{min-width:300px}
.rt-sub{font-size:11px;color:#6b7280}
.rt-chip-small{font-size:11px;opacity:.85;margin-top:2px}
.rt-table th{position:sticky;top:0;background:#f3f4f6;text-align:left;padding:4px 6px;border-bottom:1px solid #d1d5db}
.rt-table td{padding:4px 6px;border-bottom:1px solid #e5e7eb;vertical-align:top}
.rt-table td.rt-num{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}
.rt-table td.rt-who{overflow-wrap:anywhere}
.rt-esc-pos{background:#fecaca;border-radius:2px;padding:0 1px}
.rt-esc-neg{background:#bbf7d0;border-radius:2px;padding:0 1px}
.rt-esc-zero{background:#e5e7eb;border-radius:2px;padding:0 1px}
.rt-sent-pos{border-bottom:2px solid #2563eb}
.rt-sent-neg{border-bottom:2px solid #ea580c}
.rt-actor{font-weight:600;color:#1e3a8a}
.rt-rule{font-style:italic;color:#6b7280}
.rt-chip{display:inline-block;min-width:44px;padding:0 4px;border-radius:3px;text-align:right}
.rt-counts{font-size:12.5px;color:#374151}
.rt-legend{font-size:11.5px;color:#4b5563;margin:2px 0 4px 0}
</style>"""


# ------------------------------------------------------------------------------------------ helpers
def _bad(param: str, value: Any, options: Iterable[Any] | str) -> ValueError:
    if isinstance(options, str):
        return ValueError(f"The value for `{param}` must be {options}, but {value!r} was passed.")
    return ValueError(f"The value for `{param}` must be one of {list(options)}, but {value!r} was passed.")


def _as_list(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, float) and value != value:
        return []
    if isinstance(value, str):
        return [value] if value else []
    if isinstance(value, np.ndarray):
        value = value.tolist()
    if isinstance(value, (list, tuple, set)):
        return [str(v) for v in value if v is not None and v == v and str(v)]
    return [str(value)]


def _shown(value: Any) -> str:
    return "(narration)" if value == NARRATION else str(value)


def _speaker_of(value: Any) -> str:
    if value is None or (isinstance(value, float) and value != value) or value == "":
        return NARRATION
    return str(value)


_CLASS_PRIORITY = {"escalation": 0, "speaker": 1, "target": 1, "actor": 1, "sentiment": 2}


def highlight_evidence(text: str, evidence: Iterable[Mapping[str, Any]] | None) -> str:
    """Paragraph text as HTML with its evidence spans marked; everything is HTML-escaped.

    Escalation cues are shaded red (escalatory) or green (conciliatory), sentiment words are
    underlined blue (positive) or orange (negative), actor mentions are bold, and rule cues
    (negation, hedging, denial…) are italic. Each mark's ``title`` names the dimension, weight and
    rule. Overlapping spans keep the one of the higher priority (escalation first).
    """
    text = "" if text is None or (isinstance(text, float) and text != text) else str(text)
    spans = []
    for ev in evidence if isinstance(evidence, (list, tuple, np.ndarray)) else []:
        if not isinstance(ev, Mapping):
            continue
        try:
            s, e = int(ev.get("start")), int(ev.get("end"))
        except (TypeError, ValueError):
            continue
        if not 0 <= s < e <= len(text):
            continue
        dim = str(ev.get("dimension", ""))
        spans.append((_CLASS_PRIORITY.get(dim, 3), s, e, ev))
    spans.sort(key=lambda t: (t[0], t[1], -(t[2] - t[1])))
    chosen: list[tuple[int, int, Mapping[str, Any]]] = []
    taken = bytearray(len(text))
    for _, s, e, ev in spans:
        if not any(taken[s:e]):
            chosen.append((s, e, ev))
            taken[s:e] = b"\x01" * (e - s)
    chosen.sort(key=lambda t: t[0])
    out, pos = [], 0
    for s, e, ev in chosen:
        out.append(html.escape(text[pos:s]))
        dim = str(ev.get("dimension", ""))
        try:
            w = float(ev.get("weight") or 0.0)
        except (TypeError, ValueError):
            w = 0.0
        if dim == "escalation":
            cls = "rt-esc-pos" if w > 0 else "rt-esc-neg" if w < 0 else "rt-esc-zero"
        elif dim == "sentiment":
            cls = "rt-sent-pos" if w > 0 else "rt-sent-neg"
        elif dim in ("speaker", "target", "actor"):
            cls = "rt-actor"
        else:
            cls = "rt-rule"
        bits = [dim]
        if ev.get("rhetoric"):
            bits.append(str(ev["rhetoric"]))
        bits.append(f"weight {w:+.2f}")
        if ev.get("rule"):
            bits.append(f"rule {ev['rule']}")
        if ev.get("cameo"):
            bits.append(f"CAMEO {ev['cameo']}")
        title = html.escape(" · ".join(bits), quote=True)
        out.append(f'<mark class="{cls}" title="{title}" style="background:none">' if cls.startswith(("rt-sent", "rt-actor", "rt-rule"))
                   else f'<mark class="{cls}" title="{title}">')
        out.append(html.escape(text[s:e]))
        out.append("</mark>")
        pos = e
    out.append(html.escape(text[pos:]))
    return "".join(out)


def _chip(value: float, *, metric: str = "escalation", small: bool = False) -> str:
    """A score as a small coloured label: escalation red (+) / green (−), sentiment blue (+) / orange (−)."""
    cls = "rt-chip rt-chip-small" if small else "rt-chip"
    if value != value:
        return f'<span class="{cls}">–</span>'
    a = min(1.0, abs(value))
    pos, neg = ("220,38,38", "22,163,74") if metric == "escalation" else ("37,99,235", "234,88,12")
    if value > 0:
        bg = f"rgba({pos},{0.12 + 0.5 * a:.2f})"
    elif value < 0:
        bg = f"rgba({neg},{0.12 + 0.5 * a:.2f})"
    else:
        bg = "#f3f4f6"
    return f'<span class="{cls}" style="background:{bg}">{value:+.2f}</span>'


def paragraph_table_html(rows: pd.DataFrame, *, metric: str = "escalation") -> str:
    """An HTML table of paragraphs (doc, ¶, speaker → targets, rhetoric, scores, highlighted text).

    Every value taken from the frame is HTML-escaped. ``metric`` is shown first.
    """
    if metric not in _METRICS:
        raise _bad("metric", metric, _METRICS)
    other = "sentiment" if metric == "escalation" else "escalation"
    head = ('<colgroup><col style="width:92px"><col style="width:170px"><col style="width:82px"><col></colgroup>'
            "<thead><tr><th>doc · ¶</th><th>speaker → targets · rhetoric</th>"
            f"<th>{metric}<br><span class=\"rt-sub\">{other}</span></th><th>text (evidence highlighted)</th></tr></thead>")
    body = []
    rows = rows[[c for c in ("doc_id", "para_id", "title", "speaker", "targets", "rhetoric", "escalation",
                             "sentiment", "text", "evidence") if c in rows.columns]]
    cols = rows.columns
    for rec in rows.itertuples(index=False):
        r = dict(zip(cols, rec, strict=True))
        speaker = r.get("speaker")
        speaker = "—" if _speaker_of(speaker) == NARRATION else str(speaker)
        targets = ", ".join(_as_list(r.get("targets")))
        who = html.escape(speaker) + (" → " + html.escape(targets) if targets else "")
        doc = str(r.get("doc_id"))
        title = r.get("title")
        tip = doc + (f" — {title}" if isinstance(title, str) and title else "")
        body.append(
            f'<tr><td class="rt-doc" title="{html.escape(tip, quote=True)}">{html.escape(doc)}'
            f'<br><span class="rt-sub">¶{html.escape(str(r.get("para_id")))}</span></td>'
            f'<td class="rt-who">{who}<br><span class="rt-sub">{html.escape(str(r.get("rhetoric")))}</span></td>'
            f'<td class="rt-num">{_chip(float(r.get(metric)), metric=metric)}<br>{_chip(float(r.get(other)), metric=other, small=True)}</td>'
            f'<td class="rt-text">{highlight_evidence(r.get("text"), r.get("evidence"))}</td></tr>')
    if not body:
        body.append('<tr><td colspan="4"><i>No paragraphs match the filters.</i></td></tr>')
    return f'<table class="rt-table">{head}<tbody>{"".join(body)}</tbody></table>'


_LEGEND = ('<div class="rt-legend"><mark class="rt-esc-pos">escalatory cue</mark> '
           '<mark class="rt-esc-neg">conciliatory cue</mark> '
           '<mark class="rt-sent-pos" style="background:none">positive word</mark> '
           '<mark class="rt-sent-neg" style="background:none">negative word</mark> '
           '<mark class="rt-actor" style="background:none">actor</mark> '
           '<mark class="rt-rule" style="background:none">rule (negation, hedge…)</mark> · hover a mark for its weight</div>')


def _message_figure(message: str):
    import plotly.graph_objects as go

    fig = go.Figure()
    fig.update_layout(title=message, xaxis={"visible": False}, yaxis={"visible": False},
                      height=360, template="plotly_white")
    return fig


def _figure_html(fig) -> str:
    """A plotly figure as an HTML fragment without plotly.js (drawn once ``window.Plotly`` exists)."""
    import plotly.io as pio

    div = f"rt-static-{os.urandom(6).hex()}"
    payload = pio.to_json(fig, validate=False).replace("<", "\\u003c").replace(">", "\\u003e")
    return (f'<div id="{div}" style="height:{int(fig.layout.height or 420)}px"></div>'
            "<script>(function(){var spec=" + payload + ";"
            f"function draw(){{var el=document.getElementById('{div}');"
            "if(window.Plotly&&el){window.Plotly.newPlot(el,spec.data,spec.layout,{responsive:true});return true}return false}"
            "if(!draw()){window.addEventListener('load',draw)}})();</script>")


class _Index:
    """Columns of a scores frame precomputed once for fast filtering."""

    def __init__(self, scores: pd.DataFrame) -> None:
        n = len(scores)
        self.n = n
        self.doc = pd.Categorical(scores["doc_id"].astype(str))
        self.doc_codes = self.doc.codes
        spk = [_speaker_of(v) for v in scores["speaker"]] if "speaker" in scores else [NARRATION] * n
        self.speaker = pd.Categorical(spk)
        self.speaker_codes = self.speaker.codes
        self.rhetoric = pd.Categorical(scores["rhetoric"].astype(str))
        self.rhetoric_codes = self.rhetoric.codes
        self.escalation = scores["escalation"].to_numpy(dtype=float)
        self.sentiment = scores["sentiment"].to_numpy(dtype=float)
        self.abs_escalation = np.abs(self.escalation)
        self.text_lower = np.asarray(scores["text"].astype(str).str.lower(), dtype=object)
        self.targets = self._positions(scores["targets"] if "targets" in scores else [None] * n)
        self.actors = self._positions(scores["actors"] if "actors" in scores else [None] * n)
        self.terms = self._positions(
            [[str(e.get("term", "")).lower() for e in ev if isinstance(e, Mapping) and e.get("dimension") in
              ("escalation", "sentiment")] if isinstance(ev, (list, tuple, np.ndarray)) else []
             for ev in (scores["evidence"] if "evidence" in scores else [None] * n)])
        self.day = None
        if "date" in scores and scores["date"].notna().any():
            try:
                dt = pd.to_datetime(scores["date"], errors="coerce", utc=True, format="mixed")
            except (TypeError, ValueError):  # pragma: no cover - exotic date values
                dt = None
            if dt is not None and dt.notna().any():
                self.day = dt.dt.tz_localize(None).dt.normalize().to_numpy(dtype="datetime64[D]")
        self.para_id = pd.to_numeric(scores["para_id"], errors="coerce").to_numpy()
        speakers_count = pd.Series(spk).value_counts()
        self.speaker_counts = speakers_count
        self.target_counts = pd.Series({k: len(v) for k, v in self.targets.items()}, dtype=int).sort_values(
            ascending=False, kind="stable") if self.targets else pd.Series(dtype=int)

    @staticmethod
    def _positions(values: Iterable[Any]) -> dict[str, np.ndarray]:
        buckets: dict[str, list[int]] = {}
        for i, v in enumerate(values):
            for name in dict.fromkeys(_as_list(v)):
                buckets.setdefault(name, []).append(i)
        return {k: np.asarray(v, dtype=np.int64) for k, v in buckets.items()}

    def member_mask(self, table: dict[str, np.ndarray], name: str) -> np.ndarray:
        mask = np.zeros(self.n, dtype=bool)
        pos = table.get(name)
        if pos is not None:
            mask[pos] = True
        return mask

    def code_mask(self, cat: pd.Categorical, codes: np.ndarray, value: str) -> np.ndarray:
        try:
            code = cat.categories.get_loc(value)
        except KeyError:
            return np.zeros(self.n, dtype=bool)
        return codes == code


# ------------------------------------------------------------------------------------------ the app
class Explorer:
    """The explorer app returned by :func:`explore`.

    Display it as the last expression of a cell. Attributes of interest:

    * ``selection`` – the paragraphs the table shows (filters plus a chart click), a new frame;
    * ``filtered`` – the paragraphs the filters keep (what the chart draws);
    * ``scores`` – the current scores frame (re-scored after a lexicon or actor edit);
    * ``figure`` – the ``plotly.graph_objects.FigureWidget`` of the current chart;
    * the filter widgets ``document``, ``speaker``, ``target``, ``rhetoric``, ``dates`` (None
      without a ``date`` column), ``search``, ``min_escalation``, ``metric``, ``chart``, ``sort``;
    * ``table`` (HTML widget), ``counts`` (HTML widget), ``widget`` (the whole app's box).
    """

    def __init__(self, scores: pd.DataFrame, *, chart: str = "contrast", metric: str = "escalation",
                 max_rows: int = 100, lexicon: Any = None, actors: Any = None,
                 lexicon_path: str | os.PathLike | None = None, actors_path: str | os.PathLike | None = None,
                 height: int = 460, defer_chart: bool | None = None, debounce: float = 0.15) -> None:
        import ipywidgets as W
        import plotly.graph_objects as go

        _validate(scores, chart=chart, metric=metric, max_rows=max_rows)
        self._scores = scores.reset_index(drop=True)
        self.max_rows = int(max_rows)
        self.defer_chart = defer_chart
        self.debounce = float(debounce)
        self._chart_handle: Any = None
        self.chart_seconds = 0.0
        self.height = int(height)
        self.click: dict[str, Any] = {}
        self.last_timing: dict[str, float] = {}
        self._busy = False
        self._user_lexicon = _initial_user_lexicon(lexicon)
        self._user_actors = _initial_user_actors(actors)
        self.lexicon_path = Path(lexicon_path) if lexicon_path else (
            Path(lexicon) if isinstance(lexicon, (str, os.PathLike)) else Path("user_lexicon.csv"))
        self.actors_path = Path(actors_path) if actors_path else (
            Path(actors) if isinstance(actors, (str, os.PathLike)) else Path("user_actors.csv"))
        self._index = _Index(self._scores)

        lay = W.Layout(width="100%")
        sty = {"description_width": "92px"}
        self.document = W.Dropdown(description="document", layout=lay, style=sty)
        self.speaker = W.Dropdown(description="speaker", layout=lay, style=sty)
        self.target = W.Dropdown(description="target", layout=lay, style=sty)
        self.rhetoric = W.SelectMultiple(description="rhetoric", rows=5, layout=lay, style=sty)
        self.search = W.Text(description="text search", placeholder="words in the paragraph…",
                             continuous_update=False, layout=lay, style=sty)
        self.min_escalation = W.FloatSlider(description="min |escal.|", min=0.0, max=1.0, step=0.05, value=0.0,
                                            continuous_update=False, readout_format=".2f", layout=lay, style=sty)
        self.metric = W.ToggleButtons(options=list(_METRICS), value=metric, description="metric", style=sty)
        self.metric.style.button_width = "90px"
        self.sort = W.Dropdown(options=list(_SORTS.items()), value="order", description="table order",
                               layout=lay, style=sty)
        self.reset_button = W.Button(description="Reset filters", icon="undo", layout=W.Layout(width="140px"))
        self.dates: Any = None
        self._date_box = W.VBox([])
        self.chart = W.ToggleButtons(options=[], description="", style={"button_width": "auto"},
                                     tooltips=[])
        self.figure = go.FigureWidget()
        self.figure.layout.height = self.height
        self.counts = W.HTML()
        self.chart_status = W.HTML()
        self.click_label = W.HTML()
        self.clear_click_button = W.Button(description="clear chart click", icon="times",
                                           layout=W.Layout(width="180px", min_width="180px", display="none"))
        self.table = W.HTML()
        self.status = W.HTML()
        for w, cls in [(self.document, "rt-document"), (self.speaker, "rt-speaker"), (self.target, "rt-target"),
                       (self.rhetoric, "rt-rhetoric"), (self.search, "rt-search"),
                       (self.min_escalation, "rt-min-escalation"), (self.metric, "rt-metric"),
                       (self.chart, "rt-chart"), (self.table, "rt-table-widget"), (self.counts, "rt-counts-widget"),
                       (self.sort, "rt-sort")]:
            w.add_class(cls)
        self._fill_options(initial=True)
        self.chart.value = chart if chart in self.chart.options_values else self.chart.options_values[0]

        filters = W.VBox([W.HTML("<b>Filters</b>"), self.document, self.speaker, self.target, self.rhetoric,
                          self._date_box, self.search, self.min_escalation, self.metric, self.sort,
                          self.reset_button],
                         layout=W.Layout(width="330px", min_width="300px", padding="0 8px 0 0"))
        table_box = W.Box([self.table], layout=W.Layout(max_height="620px", overflow="auto", width="100%"))
        main = W.VBox([self.chart, self.chart_status, self.figure, W.HBox([self.counts, self.clear_click_button]), self.click_label,
                       W.HTML(_CSS + _LEGEND), table_box], layout=W.Layout(flex="1 1 auto", width="100%"))
        explore_tab = W.HBox([filters, main], layout=W.Layout(width="100%"))
        editor_tab = self._build_editor(W)
        self.tabs = W.Tab(children=[explore_tab, editor_tab])
        self.tabs.set_title(0, "Explore")
        self.tabs.set_title(1, "Lexicon & actors")
        self.widget = _ExplorerBox([self.tabs, self.status], app=self)
        self.widget.add_class("rt-explorer")

        for w in (self.document, self.speaker, self.target, self.rhetoric, self.search, self.min_escalation):
            w.observe(self._on_filter, names="value")
        self.metric.observe(self._on_filter, names="value")
        self.chart.observe(self._on_chart, names="value")
        self.sort.observe(self._on_table_option, names="value")
        self.reset_button.on_click(lambda _b: self.reset())
        self.clear_click_button.on_click(lambda _b: self.clear_click())
        self.update(defer=False)

    # ------------------------------------------------------------------ public state
    @property
    def scores(self) -> pd.DataFrame:
        """The current scores frame (after any lexicon or actor edits)."""
        return self._scores

    @property
    def filtered(self) -> pd.DataFrame:
        """Paragraphs kept by the filters (what the chart draws), as a new frame."""
        return self._scores.iloc[self._filter_pos].copy()

    @property
    def selection(self) -> pd.DataFrame:
        """Paragraphs the table shows: the filters plus a chart click, as a new frame (all rows)."""
        return self._scores.iloc[self._selection_pos].copy()

    @property
    def user_lexicon(self) -> pd.DataFrame:
        """User lexicon entries added in the explorer (columns term, dimension, rhetoric, weight, valence)."""
        return self._user_lexicon.copy()

    @property
    def user_actors(self) -> pd.DataFrame:
        """User actor rows (name, kind, country, role, aliases, demonyms, capitals; lists '|'-joined)."""
        return self._user_actors.copy()

    def _repr_mimebundle_(self, **kwargs: Any) -> dict:
        return self.widget._repr_mimebundle_(**kwargs)

    # ------------------------------------------------------------------ options
    def _fill_options(self, *, initial: bool = False) -> None:
        import ipywidgets as W

        ix, s = self._index, self._scores
        docs = list(dict.fromkeys(s["doc_id"].astype(str)))
        titles = {}
        if "title" in s:
            for d, t in zip(s["doc_id"].astype(str), s["title"], strict=True):
                if d not in titles and isinstance(t, str) and t.strip():
                    titles[d] = t.strip()
        counts = pd.Series(ix.doc_codes).value_counts()
        doc_opts = [(f"(all documents: {len(docs):,})", ALL)]
        for d in docs:
            n = int(counts.get(ix.doc.categories.get_loc(d), 0))
            label = d + (f" — {titles[d][:60]}" if d in titles else "") + f" ({n})"
            doc_opts.append((label, d))
        spk_opts = [("(any speaker)", ALL)]
        for name, n in ix.speaker_counts.items():
            spk_opts.append((f"(narration: no speaker) ({n})" if name == NARRATION else f"{name} ({n})", name))
        tgt_opts = [("(any target)", ALL)] + [(f"{k} ({v})", k) for k, v in ix.target_counts.items()]
        rh_present = [c for c in RHETORIC_CLASSES if c in set(ix.rhetoric.categories)]
        rh_present += sorted(set(ix.rhetoric.categories) - set(rh_present))
        with self._hold():
            for w, opts in ((self.document, doc_opts), (self.speaker, spk_opts), (self.target, tgt_opts)):
                old = w.value
                w.options = opts
                w.value = old if old in {v for _, v in opts} else ALL
            old_rh = tuple(self.rhetoric.value)
            self.rhetoric.options = rh_present
            self.rhetoric.value = tuple(r for r in old_rh if r in rh_present)
            charts = [(label, name) for name, label in CHARTS.items() if name != "timeline" or ix.day is not None]
            old_chart = self.chart.value
            self.chart.options = charts
            self.chart.options_values = [v for _, v in charts]  # type: ignore[attr-defined]
            if old_chart in self.chart.options_values:
                self.chart.value = old_chart
            if ix.day is not None:
                days = sorted({str(d) for d in ix.day if not np.isnat(d)})
                old = self.dates.value if self.dates is not None else None
                if self.dates is None:
                    self.dates = W.SelectionRangeSlider(options=days, index=(0, len(days) - 1), description="dates",
                                                        continuous_update=False, readout=False,
                                                        layout=W.Layout(width="100%"),
                                                        style={"description_width": "92px"})
                    self.dates.add_class("rt-dates")
                    self._dates_label = W.HTML(layout=W.Layout(margin="0 0 0 96px"))
                    self.dates.observe(self._on_filter, names="value")
                    self.dates.observe(self._show_dates, names="value")
                    self._date_box.children = [self.dates, self._dates_label]
                else:
                    self.dates.options = days
                if old and old[0] in days and old[1] in days:
                    self.dates.value = old
                else:
                    self.dates.index = (0, len(days) - 1)
                self._show_dates()

    def _show_dates(self, change: Any = None) -> None:
        lo, hi = self.dates.value
        self._dates_label.value = f'<span class="rt-counts">{html.escape(lo)} … {html.escape(hi)}</span>'

    class _HoldCtx:
        def __init__(self, app: Explorer) -> None:
            self.app = app

        def __enter__(self) -> None:
            self.prev = self.app._busy
            self.app._busy = True

        def __exit__(self, *exc: Any) -> None:
            self.app._busy = self.prev

    def _hold(self) -> Explorer._HoldCtx:
        """Suppress callbacks while several widget values change together."""
        return Explorer._HoldCtx(self)

    # ------------------------------------------------------------------ filtering
    def _filter_mask(self) -> np.ndarray:
        ix = self._index
        mask = np.ones(ix.n, dtype=bool)
        if self.document.value != ALL:
            mask &= ix.code_mask(ix.doc, ix.doc_codes, self.document.value)
        if self.speaker.value != ALL:
            mask &= ix.code_mask(ix.speaker, ix.speaker_codes, self.speaker.value)
        if self.target.value != ALL:
            mask &= ix.member_mask(ix.targets, self.target.value)
        if self.rhetoric.value:
            codes = [ix.rhetoric.categories.get_loc(r) for r in self.rhetoric.value if r in ix.rhetoric.categories]
            mask &= np.isin(ix.rhetoric_codes, codes)
        if self.min_escalation.value > 0:
            mask &= ix.abs_escalation >= self.min_escalation.value - 1e-12
        if self.dates is not None and ix.day is not None and self.dates.options:
            lo, hi = self.dates.value
            if (lo, hi) != (self.dates.options[0], self.dates.options[-1]):
                lo_d, hi_d = np.datetime64(lo, "D"), np.datetime64(hi, "D")
                mask &= (ix.day >= lo_d) & (ix.day <= hi_d)
        query = self.search.value.strip().lower()
        if query:
            pos = np.flatnonzero(mask)
            hits = np.fromiter((query in t for t in ix.text_lower[pos]), dtype=bool, count=len(pos))
            mask[:] = False
            mask[pos[hits]] = True
        return mask

    def _click_mask(self, base: np.ndarray) -> np.ndarray:
        ix = self._index
        mask = base.copy()
        c = self.click
        if "speaker" in c:
            mask &= ix.code_mask(ix.speaker, ix.speaker_codes, c["speaker"])
        if "target" in c:
            mask &= ix.member_mask(ix.targets, c["target"])
        if "actor" in c:
            mask &= ix.member_mask(ix.actors, c["actor"])
        if "rhetoric" in c:
            mask &= ix.code_mask(ix.rhetoric, ix.rhetoric_codes, c["rhetoric"])
        if "document" in c:
            mask &= ix.code_mask(ix.doc, ix.doc_codes, c["document"])
        if "para_id" in c:
            mask &= ix.para_id == c["para_id"]
        if "term" in c:
            mask &= ix.member_mask(ix.terms, str(c["term"]).lower())
        if "dates" in c and ix.day is not None:
            lo, hi = (np.datetime64(d, "D") for d in c["dates"])
            mask &= (ix.day >= lo) & (ix.day <= hi)
        return mask

    # ------------------------------------------------------------------ callbacks
    def _on_filter(self, change: Any = None) -> None:
        if self._busy:
            return
        self.click = {}
        self.update()

    def _on_chart(self, change: Any = None) -> None:
        if self._busy:
            return
        self.click = {}
        self.update()

    def _on_table_option(self, change: Any = None) -> None:
        if self._busy:
            return
        self._draw_table()

    def reset(self) -> None:
        """Clear every filter and the chart click."""
        with self._hold():
            for w in (self.document, self.speaker, self.target):
                w.value = ALL
            self.rhetoric.value = ()
            self.search.value = ""
            self.min_escalation.value = 0.0
            if self.dates is not None and self.dates.options:
                self.dates.index = (0, len(self.dates.options) - 1)
        self.click = {}
        self.update()

    def clear_click(self) -> None:
        """Forget the chart click: the table shows every filtered paragraph again."""
        self.click = {}
        self._apply_click()

    def update(self, *, defer: bool | None = None) -> None:
        """Apply the filters, then re-draw the counts, the table and the chart.

        With ``defer_chart`` (the default inside a running kernel) the chart is re-drawn just
        after the callback returns, once the filters stop changing (debounced), so the table and
        the counts answer at once; otherwise it is re-drawn here.
        """
        t0 = time.perf_counter()
        mask = self._filter_mask()
        self._filter_pos = np.flatnonzero(mask)
        t1 = time.perf_counter()
        self._apply_click(mask)
        t2 = time.perf_counter()
        chart = self._schedule_chart(defer)
        t3 = time.perf_counter()
        self.last_timing = {"filter": t1 - t0, "table": t2 - t1, "chart": t3 - t2, "total": t3 - t0,
                            "chart_deferred": not chart}

    def _schedule_chart(self, defer: bool | None = None) -> bool:
        """Draw the chart now (returns True) or schedule it on the kernel's event loop (False)."""
        loop = None
        defer = self.defer_chart if defer is None else defer
        if defer is not False:
            import asyncio

            try:
                loop = asyncio.get_running_loop()
            except RuntimeError:
                loop = None
        if loop is None:
            self._draw_chart()
            return True
        if self._chart_handle is not None:
            self._chart_handle.cancel()
        self.chart_status.value = '<span class="rt-counts">updating the chart…</span>'
        self._chart_handle = loop.call_later(self.debounce, self._draw_chart)
        return False

    def _apply_click(self, mask: np.ndarray | None = None) -> None:
        if mask is None:
            mask = np.zeros(self._index.n, dtype=bool)
            mask[self._filter_pos] = True
        self._selection_pos = np.flatnonzero(self._click_mask(mask)) if self.click else self._filter_pos
        if self.click:
            desc = " · ".join(
                f"{k.replace('_', ' ')} = <b>{html.escape(' … '.join(v) if isinstance(v, tuple) else _shown(v))}</b>"
                for k, v in self.click.items())
            self.click_label.value = f'<span class="rt-counts">chart click: {desc}</span>'
            self.clear_click_button.layout.display = "inline-flex"
        else:
            self.click_label.value = ""
            self.clear_click_button.layout.display = "none"
        self._draw_table()

    # ------------------------------------------------------------------ chart
    def _chart_kwargs(self, frame: pd.DataFrame) -> dict[str, Any]:
        kw: dict[str, Any] = {"value": self.metric.value}
        name = self.chart.value
        if name == "contrast":
            spk = self.speaker.value
            if spk in (ALL, NARRATION):
                named = frame["speaker"].dropna() if "speaker" in frame else pd.Series(dtype=object)
                named = named[named.astype(str) != ""]
                spk = named.value_counts().index[0] if len(named) else None
            kw["speaker"] = spk
        elif name == "paragraph_flow":
            doc = self.document.value
            if doc == ALL:
                doc = str(frame["doc_id"].iloc[0]) if len(frame) else None
            kw["doc_id"] = doc
        elif name in ("actor_summary", "rhetoric_mix"):
            kw["by"] = "speaker"
        elif name == "timeline":
            kw["freq"] = self._timeline_freq()
        elif name == "evidence_terms":
            spk = self.speaker.value
            kw["actor"] = None if spk in (ALL, NARRATION) else spk
        return kw

    def build_chart(self, frame: pd.DataFrame | None = None):
        """The current chart as a ``go.Figure`` for ``frame`` (default: the filtered paragraphs)."""
        frame = self.filtered if frame is None else frame
        name = self.chart.value
        if frame.empty:
            return _message_figure("No paragraphs match the filters")
        kw = self._chart_kwargs(frame)
        if name == "contrast" and kw.get("speaker") is None:
            return _message_figure("Contrast: no named speaker among the filtered paragraphs")
        if name == "paragraph_flow" and kw.get("doc_id") is None:
            return _message_figure("Paragraph flow: pick a document")
        try:
            from toolkit import charts
        except ImportError as err:  # pragma: no cover - charts module missing
            return _message_figure(f"toolkit.charts is not available ({err})")
        fn = getattr(charts, name)
        params = inspect.signature(fn).parameters
        if not any(p.kind is inspect.Parameter.VAR_KEYWORD for p in params.values()):
            kw = {k: v for k, v in kw.items() if k in params}
        try:
            return fn(frame, **kw)
        except (ValueError, KeyError, TypeError) as err:
            log.warning("chart %s could not be drawn: %s", name, err)
            return _message_figure(f"{CHARTS.get(name, name)}: {err}")

    def _draw_chart(self) -> None:
        self._chart_handle = None
        t0 = time.perf_counter()
        try:
            fig = self.build_chart(self._scores.iloc[self._filter_pos])
        except Exception as err:  # a deferred draw has no cell to show a traceback in
            log.exception("explorer: the chart could not be drawn")
            fig = _message_figure(f"The chart could not be drawn: {type(err).__name__}: {err}")
        fw = self.figure
        with fw.batch_update():
            fw.data = ()
        fw.add_traces(list(fig.data))
        layout = fig.layout.to_plotly_json()
        layout.pop("width", None)  # fit the widget's column
        layout["autosize"] = True
        layout.setdefault("height", self.height)
        fw.layout = layout
        for trace in fw.data:
            trace.on_click(self._on_click)
        self.chart_seconds = time.perf_counter() - t0
        self.chart_status.value = ""

    # ------------------------------------------------------------------ click
    def _on_click(self, trace: Any, points: Any, selector: Any = None) -> None:
        """Plotly FigureWidget click callback: narrow the table to the clicked bar, cell or point."""
        inds = list(getattr(points, "point_inds", []) or [])
        if not inds:
            return
        xs = list(getattr(points, "xs", []) or [])
        ys = list(getattr(points, "ys", []) or [])
        x = xs[0] if xs else None
        y = ys[0] if ys else None
        custom = None
        cd = getattr(trace, "customdata", None)
        ind = inds[0]
        try:
            if cd is not None:
                custom = cd[ind[0]][ind[1]] if isinstance(ind, (list, tuple)) else cd[ind]
        except (IndexError, TypeError, KeyError):
            custom = None
        name = getattr(trace, "name", None) or getattr(points, "trace_name", None)
        orientation = getattr(trace, "orientation", None)
        click = self._interpret_click(x=x, y=y, name=name, custom=custom, orientation=orientation,
                                      meta=getattr(trace, "meta", None))
        if click:
            self.click = click
            self._apply_click()

    def _interpret_click(self, *, x: Any, y: Any, name: Any, custom: Any, orientation: Any,
                         meta: Any = None) -> dict[str, Any]:
        """Map a clicked point of the current chart to table constraints (see :meth:`_click_mask`)."""
        ix = self._index
        chart = self.chart.value
        speakers = set(ix.speaker.categories)
        targets = set(ix.targets)

        def spk(v: Any) -> str | None:
            if v == _NO_SPEAKER:
                return NARRATION if NARRATION in speakers else None
            return v if isinstance(v, str) and v in speakers else None

        custom_vals = list(custom) if isinstance(custom, (list, tuple, np.ndarray)) else (
            [custom] if custom is not None else [])
        # category axis value: horizontal bars and dot rows carry their category on y
        cat = y if orientation == "h" or chart in ("actor_summary", "speaker_target_matrix") else x
        other = x if cat is y else y
        if chart == "paragraph_flow":
            doc = self._chart_kwargs(self._scores.iloc[self._filter_pos]).get("doc_id")
            out: dict[str, Any] = {"document": doc} if doc is not None else {}
            for v in [y, *custom_vals]:
                if isinstance(v, (int, float, np.integer, np.floating)) and not isinstance(v, bool) and v == int(v):
                    out["para_id"] = int(v)
                    break
            return out if "para_id" in out else {}
        if chart == "timeline":
            for v in [x, *custom_vals]:
                try:
                    start = pd.Timestamp(v)
                except (ValueError, TypeError):
                    continue
                if start is pd.NaT:
                    continue
                end = (start + pd.tseries.frequencies.to_offset(self._timeline_freq()) - pd.Timedelta(days=1))
                out = {"dates": (str(start.date()), str(max(start, end).date()))}
                if isinstance(name, str) and spk(name):
                    out["speaker"] = spk(name)
                return out
            return {}
        if chart == "evidence_terms":
            terms = set(ix.terms)
            for v in [cat, other, *custom_vals]:
                if isinstance(v, str) and v.lower() in terms:
                    return {"term": v.lower()}
            return {}
        if chart == "speaker_target_matrix":
            if spk(y) and x in targets:
                return {"speaker": spk(y), "target": x}
            return {}
        if chart == "contrast":
            speaker = self._chart_kwargs(self._scores.iloc[self._filter_pos]).get("speaker")
            for v in [cat, *custom_vals]:
                if isinstance(v, str) and v in targets:
                    return {"speaker": speaker, "target": v} if speaker else {"target": v}
            return {}
        if chart == "rhetoric_mix":
            out = {}
            rh = meta.get("rhetoric") if isinstance(meta, Mapping) else None
            if rh is None and isinstance(name, str):
                rh = name.replace(" ", "_")
            if rh in set(ix.rhetoric.categories):
                out["rhetoric"] = rh
            if spk(cat):
                out["speaker"] = spk(cat)
            return out
        if chart == "actor_summary":
            return {"speaker": spk(cat)} if spk(cat) else {}
        return {}

    def _timeline_freq(self) -> str:
        """Period of the timeline: days for a month of news, weeks up to two years, else months."""
        day = self._index.day
        if day is None:
            return "W"
        valid = day[~np.isnat(day)]
        if not len(valid):
            return "W"
        span = int((valid.max() - valid.min()).astype(int))
        return "D" if span <= 60 else "W" if span <= 730 else "MS"

    # ------------------------------------------------------------------ table
    def _table_rows(self) -> pd.DataFrame:
        pos = self._selection_pos
        order = self.sort.value
        if order != "order" and len(pos):
            vals = (self._index.escalation if self.metric.value == "escalation" else self._index.sentiment)[pos]
            key = {"desc": -vals, "asc": vals, "abs": -np.abs(vals)}[order]
            pos = pos[np.argsort(key, kind="stable")]
        return self._scores.iloc[pos[: self.max_rows]]

    def _draw_table(self) -> None:
        rows = self._table_rows()
        self.table.value = paragraph_table_html(rows, metric=self.metric.value)
        self.counts.value = self._counts_html(len(rows))

    def _counts_html(self, shown: int) -> str:
        total = self._index.n
        nf = len(self._filter_pos)
        ns = len(self._selection_pos)
        ndocs = len(np.unique(self._index.doc_codes[self._selection_pos])) if ns else 0
        vals = (self._index.escalation if self.metric.value == "escalation" else self._index.sentiment)
        mean = float(np.nanmean(vals[self._selection_pos])) if ns else float("nan")
        parts = [f"<b>{nf:,}</b> of {total:,} paragraphs match the filters"]
        if self.click:
            parts.append(f"<b>{ns:,}</b> after the chart click")
        parts.append(f"{ndocs:,} document{'s' if ndocs != 1 else ''}")
        if ns:
            parts.append(f"mean {self.metric.value} {mean:+.2f}")
        parts.append(f"table shows {shown:,}" + (f" (first {self.max_rows:,})" if ns > shown else ""))
        return '<div class="rt-counts">' + " · ".join(parts) + "</div>"

    # ------------------------------------------------------------------ static view
    def static_html(self) -> str:
        """A static HTML snapshot: current chart (plotly JSON, needs plotly.js on the page), counts, table."""
        fig = self.build_chart(self._scores.iloc[self._filter_pos])
        rows = self._table_rows()
        return ('<div class="rt-explorer-static">'
                f'<p style="font-size:12px;color:#6b7280;margin:2px 0">{_NOTE} (static snapshot of its first view)</p>'
                + _figure_html(fig) + _CSS + self._counts_html(len(rows)) + _LEGEND
                + '<div style="max-height:620px;overflow:auto">'
                + paragraph_table_html(rows, metric=self.metric.value) + "</div></div>")

    # ------------------------------------------------------------------ editing
    def _build_editor(self, W: Any) -> Any:
        lay = W.Layout(width="100%")
        sty = {"description_width": "80px"}
        self.term_text = W.Text(description="term", placeholder="word or phrase, e.g. 'red line*'",
                                layout=lay, style=sty)
        self.term_dimension = W.ToggleButtons(options=["escalation", "sentiment"], description="dimension",
                                              style=sty)
        self.term_rhetoric = W.Dropdown(options=[c for c in RHETORIC_CLASSES if c != "neutral"], value="warning",
                                        description="rhetoric", layout=lay, style=sty)
        self.term_weight = W.FloatSlider(description="weight", min=-1.0, max=1.0, step=0.05, value=0.5,
                                         readout_format="+.2f", layout=lay, style=sty)
        self.term_valence = W.FloatSlider(description="valence", min=-4.0, max=4.0, step=0.1, value=-2.0,
                                          readout_format="+.1f", layout=W.Layout(width="100%", display="none"),
                                          style=sty)
        self.add_term_button = W.Button(description="Add term and re-score", icon="plus", button_style="primary",
                                        layout=W.Layout(width="220px"))
        self.user_terms = W.Select(options=[], rows=6, description="added", layout=lay, style=sty)
        self.remove_term_button = W.Button(description="Remove term", icon="minus", layout=W.Layout(width="220px"))

        self.actor_name = W.Combobox(description="actor", placeholder="canonical name, e.g. Vladimir Putin",
                                     options=[], ensure_option=False, layout=lay, style=sty)
        self.actor_alias = W.Text(description="alias", placeholder="another spelling, e.g. 'the Russian leader'",
                                  layout=lay, style=sty)
        self.actor_kind = W.Dropdown(options=["person", "state", "organisation", "media", "group"], value="person",
                                     description="kind (new)", layout=lay, style=sty)
        self.actor_country = W.Text(description="country", placeholder="ISO-3 code, e.g. RUS (new actors)",
                                    layout=lay, style=sty)
        self.add_alias_button = W.Button(description="Add alias and re-score", icon="plus", button_style="primary",
                                         layout=W.Layout(width="220px"))
        self.user_aliases = W.Select(options=[], rows=6, description="edited", layout=lay, style=sty)
        self.remove_alias_button = W.Button(description="Remove alias", icon="minus", layout=W.Layout(width="220px"))

        self.lexicon_path_text = W.Text(value=str(self.lexicon_path), description="lexicon file", layout=lay,
                                        style=sty)
        self.actors_path_text = W.Text(value=str(self.actors_path), description="actors file", layout=lay,
                                       style=sty)
        self.save_button = W.Button(description="Save user files", icon="save", layout=W.Layout(width="220px"))
        self.edit_status = W.HTML()

        def _dim_changed(change: Any) -> None:
            esc = change["new"] == "escalation"
            self.term_rhetoric.layout.display = "" if esc else "none"
            self.term_weight.layout.display = "" if esc else "none"
            self.term_valence.layout.display = "none" if esc else ""

        self.term_dimension.observe(_dim_changed, names="value")
        self.add_term_button.on_click(lambda _b: self._guard(self._add_term_from_widgets))
        self.remove_term_button.on_click(lambda _b: self._guard(self._remove_term_from_widgets))
        self.add_alias_button.on_click(lambda _b: self._guard(self._add_alias_from_widgets))
        self.remove_alias_button.on_click(lambda _b: self._guard(self._remove_alias_from_widgets))
        self.save_button.on_click(lambda _b: self._guard(self._save_from_widgets))
        self._refresh_editor_lists()
        lex_box = W.VBox([W.HTML("<b>Lexicon terms</b> — escalation weight in [−1, 1] (&gt; 0 escalatory); "
                                 "sentiment valence on VADER's −4…4 scale"),
                          self.term_text, self.term_dimension, self.term_rhetoric, self.term_weight,
                          self.term_valence, self.add_term_button, self.user_terms, self.remove_term_button],
                         layout=W.Layout(width="50%", padding="0 12px 0 0"))
        act_box = W.VBox([W.HTML("<b>Actor aliases</b> — an alias of a known actor, or a new actor"),
                          self.actor_name, self.actor_alias, self.actor_kind, self.actor_country,
                          self.add_alias_button, self.user_aliases, self.remove_alias_button],
                         layout=W.Layout(width="50%"))
        save_box = W.VBox([W.HTML("<b>Save</b> — <code>toolkit.score(..., lexicon=&lt;lexicon file&gt;, "
                                  "actors=&lt;actors file&gt;)</code> reads these files"),
                           self.lexicon_path_text, self.actors_path_text, self.save_button, self.edit_status])
        return W.VBox([W.HBox([lex_box, act_box], layout=W.Layout(width="100%")), save_box])

    def _guard(self, fn: Any) -> None:
        try:
            fn()
        except (ValueError, TypeError, FileNotFoundError, KeyError) as err:
            self.edit_status.value = f'<span style="color:#b91c1c">{html.escape(str(err))}</span>'

    def _refresh_editor_lists(self) -> None:
        lex = self._user_lexicon
        self.user_terms.options = [
            (f"{r.term}  [{r.dimension}: " + (f"{r.rhetoric} {float(r.weight):+.2f}" if r.dimension == "escalation"
                                              else f"valence {float(r.valence):+.1f}") + "]", r.term)
            for r in lex.itertuples(index=False)]
        opts = []
        for r in self._user_actors.itertuples(index=False):
            for a in r.added.split("|") if r.added else []:
                opts.append((f"{r.name} ← {a}", f"{r.name}\t{a}"))
            for a in r.removed.split("|") if r.removed else []:
                opts.append((f"{r.name} ✕ {a} (removed)", f"{r.name}\t{a}"))
        self.user_aliases.options = opts
        if not self.actor_name.options:
            try:
                from toolkit.actors import default_actors

                self.actor_name.options = tuple(default_actors()["name"].tolist())
            except ImportError:  # pragma: no cover - actors module missing
                pass

    def _add_term_from_widgets(self) -> None:
        if self.term_dimension.value == "escalation":
            self.add_term(self.term_text.value, rhetoric=self.term_rhetoric.value, weight=self.term_weight.value)
        else:
            self.add_term(self.term_text.value, valence=self.term_valence.value)
        self.term_text.value = ""

    def _remove_term_from_widgets(self) -> None:
        if self.user_terms.value is None:
            raise ValueError("Select an added term in the list first, then press 'Remove term'.")
        self.remove_term(self.user_terms.value)

    def _add_alias_from_widgets(self) -> None:
        self.add_alias(self.actor_name.value, self.actor_alias.value, kind=self.actor_kind.value,
                       country=self.actor_country.value or None)
        self.actor_alias.value = ""

    def _remove_alias_from_widgets(self) -> None:
        if self.user_aliases.value is None:
            raise ValueError("Select an alias in the list first, then press 'Remove alias'.")
        name, alias = self.user_aliases.value.split("\t", 1)
        self.remove_alias(name, alias)

    def _save_from_widgets(self) -> None:
        self.save(lexicon=self.lexicon_path_text.value, actors=self.actors_path_text.value)

    def add_term(self, term: str, *, rhetoric: str | None = None, weight: float | None = None,
                 valence: float | None = None) -> pd.DataFrame:
        """Add a lexicon term and re-score the documents that contain it.

        An escalation cue needs ``rhetoric`` (one of the rhetoric classes except neutral) and
        ``weight`` in [-1, 1] (> 0 escalatory); a sentiment term needs ``valence`` in [-4, 4]
        (VADER's scale). Term syntax is the lexicon's: ``*`` ends a prefix, ``|`` separates
        alternatives. Returns the new scores frame.
        """
        if not isinstance(term, str) or not term.strip():
            raise ValueError(f"The value for `term` must be a non-empty word or phrase, but {term!r} was passed.")
        term = term.strip()
        if rhetoric is not None:
            if valence is not None:
                raise ValueError("Give either `rhetoric` and `weight` (an escalation cue) or `valence` (a sentiment "
                                 f"term) for {term!r}, not both.")
            if weight is None:
                raise ValueError(f"An escalation cue needs `weight` in [-1, 1] (> 0 escalatory); none was passed "
                                 f"for {term!r}.")
            row = {"term": term, "dimension": "escalation", "rhetoric": rhetoric, "weight": float(weight),
                   "valence": np.nan}
        elif valence is not None:
            row = {"term": term, "dimension": "sentiment", "rhetoric": "", "weight": np.nan,
                   "valence": float(valence)}
        else:
            raise ValueError(f"Pass `rhetoric` and `weight` (an escalation cue) or `valence` (a sentiment term) "
                             f"for {term!r}.")
        lex = self._user_lexicon
        lex = lex[~((lex["term"].str.lower() == term.lower()) & (lex["dimension"] == row["dimension"]))]
        new = pd.concat([lex, pd.DataFrame([row])], ignore_index=True) if len(lex) else pd.DataFrame([row])
        from toolkit.lexicon import load_lexicon

        load_lexicon(_lexicon_arg(new))  # validates (clear errors) before anything changes
        self._user_lexicon = new[list(_LEX_COLUMNS)].reset_index(drop=True)
        return self._rescore(_term_needles(term), f"term {term!r} added")

    def remove_term(self, term: str) -> pd.DataFrame:
        """Remove a term added with :meth:`add_term` (both dimensions) and re-score."""
        lex = self._user_lexicon
        hit = lex["term"].str.lower() == str(term).strip().lower()
        if not hit.any():
            raise _bad("term", term, list(lex["term"]) or "one of the added terms (none added yet)")
        self._user_lexicon = lex[~hit].reset_index(drop=True)
        return self._rescore(_term_needles(str(term)), f"term {term!r} removed")

    def add_alias(self, name: str, alias: str, *, kind: str | None = None, country: str | None = None) -> pd.DataFrame:
        """Add an alias to actor ``name`` (a new actor if the name is unknown) and re-score."""
        name, alias = _clean_name(name, "name"), _clean_name(alias, "alias")
        table = self._actor_table()
        row = table.get(name)
        if row is None:
            row = {"name": name, "kind": kind or "person", "country": (country or "").strip().upper(), "role": "",
                   "aliases": [], "demonyms": [], "capitals": [], "base": [], "removed": []}
        if alias in row["aliases"] or alias == name:
            raise ValueError(f"{alias!r} is already an alias of {name!r}; nothing to add.")
        row["aliases"].append(alias)
        if alias in row["removed"]:
            row["removed"].remove(alias)
        table[name] = row
        self._set_actor_table(table)
        return self._rescore([alias.lower(), name.lower()], f"alias {alias!r} of {name!r} added")

    def remove_alias(self, name: str, alias: str) -> pd.DataFrame:
        """Remove an alias from actor ``name`` (also one of the default registry's) and re-score."""
        table = self._actor_table()
        row = table.get(name)
        if row is None or alias not in row["aliases"] + row["demonyms"] + row["capitals"]:
            known = row["aliases"] if row else []
            raise _bad("alias", alias, known or f"an alias of {name!r} (it has none)")
        for col in ("aliases", "demonyms", "capitals"):
            if alias in row[col]:
                row[col].remove(alias)
        if alias in row["base"] and alias not in row["removed"]:
            row["removed"].append(alias)
        table[name] = row
        self._set_actor_table(table)
        return self._rescore([alias.lower()], f"alias {alias!r} of {name!r} removed")

    def save(self, *, lexicon: str | os.PathLike | None = None, actors: str | os.PathLike | None = None) -> dict:
        """Write the user lexicon and actor additions to CSV files; return ``{"lexicon": path, "actors": path}``.

        ``toolkit.score(data, lexicon=<lexicon path>, actors=<actors path>)`` reads them back.
        """
        lex_path = Path(lexicon) if lexicon else self.lexicon_path
        act_path = Path(actors) if actors else self.actors_path
        written = {}
        for path in (lex_path, act_path):
            if path.suffix.lower() not in (".csv", ".tsv"):
                raise _bad("path", str(path), "a file name ending in .csv or .tsv")
            path.parent.mkdir(parents=True, exist_ok=True)
        if self._user_lexicon is not None:
            _lexicon_arg(self._user_lexicon).to_csv(lex_path, index=False,
                                                    sep="\t" if lex_path.suffix.lower() == ".tsv" else ",")
            written["lexicon"] = lex_path
        self._actor_csv_frame().to_csv(act_path, index=False, sep="\t" if act_path.suffix.lower() == ".tsv" else ",")
        written["actors"] = act_path
        self.lexicon_path, self.actors_path = lex_path, act_path
        self.edit_status.value = (f"Saved {len(self._user_lexicon)} term(s) to <code>{html.escape(str(lex_path))}</code>"
                                  f" and {len(self._user_actors)} actor row(s) to "
                                  f"<code>{html.escape(str(act_path))}</code>.")
        return written

    # actor table helpers: one dict per edited actor with list columns
    def _actor_table(self) -> _ActorTable:
        out = _ActorTable(self)
        for r in self._user_actors.to_dict("records"):
            row = {k: r.get(k, "") for k in ("name", "kind", "country", "role")}
            for col in ("aliases", "demonyms", "capitals", "base", "removed", "added"):
                row[col] = [a for a in str(r.get(col) or "").split("|") if a]
            out[row["name"]] = row
        return out

    def _actor_table_row(self, name: str) -> dict[str, Any] | None:
        try:
            from toolkit.actors import default_actors
        except ImportError:  # pragma: no cover
            return None
        d = default_actors()
        hit = d[d["name"] == name]
        if hit.empty:
            return None
        r = hit.iloc[0]
        dem, cap = list(r["demonyms"]), list(r["capitals"])
        aliases = [a for a in r["aliases"] if a not in dem and a not in cap]
        return {"name": name, "kind": r["kind"], "country": r["country"] or "", "role": r["role"] or "",
                "aliases": aliases, "demonyms": dem, "capitals": cap, "base": list(r["aliases"]), "removed": []}

    def _set_actor_table(self, table: dict[str, dict[str, Any]]) -> None:
        rows = []
        for row in table.values():
            base = set(row.get("base", []))
            added = [a for a in row["aliases"] + row["demonyms"] + row["capitals"] if a not in base]
            if not added and not row["removed"] and row["base"]:
                continue  # back to the default: no user row needed
            rows.append({"name": row["name"], "kind": row["kind"], "country": row["country"] or "",
                         "role": row.get("role", ""), "aliases": "|".join(row["aliases"]),
                         "demonyms": "|".join(row["demonyms"]), "capitals": "|".join(row["capitals"]),
                         "base": "|".join(row["base"]), "removed": "|".join(row["removed"]),
                         "added": "|".join(added)})
        self._user_actors = pd.DataFrame(rows, columns=list(_ACTOR_COLUMNS))

    def _actor_csv_frame(self) -> pd.DataFrame:
        return self._user_actors[["name", "kind", "country", "role", "aliases", "demonyms", "capitals"]].copy()

    def _rescore(self, needles: list[str], what: str) -> pd.DataFrame:
        import toolkit

        t0 = time.perf_counter()
        s = self._scores
        needles = [n for n in needles if n]
        docs = s["doc_id"].astype(str)
        if needles and len(s) > 2000:
            hit_rows = np.zeros(len(s), dtype=bool)
            for n in needles:
                hit_rows |= np.fromiter((n in t for t in self._index.text_lower), dtype=bool, count=len(s))
            affected = set(docs[hit_rows])
            rows = docs.isin(affected).to_numpy()
        else:
            rows = np.ones(len(s), dtype=bool)
        lexicon = _lexicon_arg(self._user_lexicon) if len(self._user_lexicon) else None
        actors = self._actor_csv_frame() if len(self._user_actors) else None
        sub = s[rows]
        if rows.any():
            extra = [c for c in ("start", "end") if c not in sub.columns]
            inp = sub.assign(**{c: 0 for c in extra}) if extra else sub
            new = toolkit.score(inp, lexicon=lexicon, actors=actors)
            new = new.drop(columns=extra)
            new.index = sub.index
            new = new[[c for c in s.columns if c in new.columns] + [c for c in new.columns if c not in s.columns]]
            changed = int(((new["escalation"] != sub["escalation"]) | (new["sentiment"] != sub["sentiment"])
                           | (new["rhetoric"] != sub["rhetoric"])
                           | (new["speaker"].map(_speaker_of) != sub["speaker"].map(_speaker_of))
                           | (new["targets"].map(_as_list) != sub["targets"].map(_as_list))).sum())
            out = pd.concat([s[~rows], new]).sort_index() if (~rows).any() else new
            out.attrs = dict(new.attrs)
        else:
            out, changed = s, 0
        self._scores = out.reset_index(drop=True)
        self._index = _Index(self._scores)
        self._fill_options()
        self._refresh_editor_lists()
        self.click = {}
        self.update()
        dt = time.perf_counter() - t0
        self.edit_status.value = (f"{html.escape(what)}: re-scored {int(rows.sum()):,} paragraph(s) in "
                                  f"{docs[rows].nunique():,} document(s) in {dt:.1f} s; {changed:,} changed. "
                                  "Not saved yet — press 'Save user files'.")
        log.info("explorer: %s; re-scored %d paragraphs, %d changed", what, int(rows.sum()), changed)
        return self._scores


class _ActorTable(dict):
    """Edited actors by name; ``get`` falls back to a copy of the default registry's row."""

    def __init__(self, app: Explorer) -> None:
        super().__init__()
        self._app = app

    def get(self, key: Any, default: Any = None) -> Any:  # type: ignore[override]
        if key in self:
            return self[key]
        row = self._app._actor_table_row(key)
        return row if row is not None else default


_LEX_COLUMNS = ("term", "dimension", "rhetoric", "weight", "valence")
_ACTOR_COLUMNS = ("name", "kind", "country", "role", "aliases", "demonyms", "capitals", "base", "removed", "added")


def _explorer_box_class():
    import ipywidgets as W

    class ExplorerBox(W.VBox):
        """The explorer's top-level box; its rich output adds a static HTML snapshot."""

        def __init__(self, children: list, *, app: Explorer) -> None:
            super().__init__(children)
            self._app = app

        def _repr_mimebundle_(self, **kwargs: Any) -> dict:
            bundle = super()._repr_mimebundle_(**kwargs) or {}
            if isinstance(bundle, tuple):  # pragma: no cover - (data, metadata) form
                bundle = bundle[0]
            bundle = dict(bundle)
            try:
                bundle["text/html"] = self._app.static_html()
            except Exception as err:  # pragma: no cover - a snapshot must never break display
                log.warning("explorer: static snapshot failed: %s", err)
            return bundle

        def _repr_static_mimebundle_(self) -> list:
            """The explorer's LAST view without a kernel (``toolkit.export`` calls this after the last cell).

            Returns ``[figure, html]``: the current chart as a ``go.Figure`` and one HTML fragment with
            the current settings, the counts, the legend and the paragraph table (every article text,
            name and label HTML-escaped).
            """
            app = self._app
            fig = app.build_chart(app._scores.iloc[app._filter_pos])
            fig.layout.width = None  # fit the page
            fig.layout.autosize = True
            if fig.layout.height is None:
                fig.layout.height = app.height
            rows = app._table_rows()
            settings = [f"chart: {CHARTS.get(app.chart.value, app.chart.value)}", f"metric: {app.metric.value}"]
            filters = []
            for w in (app.document, app.speaker, app.target):
                if w.value != ALL:
                    filters.append(f"{w.description} = {w.label}")
            if app.rhetoric.value:
                filters.append(f"rhetoric = {', '.join(app.rhetoric.value)}")
            if app.dates is not None and app.dates.options and tuple(app.dates.index) != (0, len(app.dates.options) - 1):
                filters.append("dates = {} … {}".format(*app.dates.value))
            if app.search.value.strip():
                filters.append(f"text search = “{app.search.value.strip()}”")
            if app.min_escalation.value > 0:
                filters.append(f"min |escalation| = {app.min_escalation.value:.2f}")
            settings.append("filters: " + ("; ".join(filters) if filters else "none"))
            if app.click:
                settings.append("chart click: " + "; ".join(
                    f"{k.replace('_', ' ')} = {' … '.join(v) if isinstance(v, tuple) else _shown(v)}"
                    for k, v in app.click.items()))
            table = ('<div class="rt-explorer-static">' + _CSS
                     + f'<div class="rt-counts">{html.escape(" · ".join(settings))}</div>'
                     + app._counts_html(len(rows)) + _LEGEND
                     + '<div style="max-height:620px;overflow:auto">'
                     + paragraph_table_html(rows, metric=app.metric.value) + "</div></div>")
            return [fig, table]

    return ExplorerBox


def _ExplorerBox(children: list, *, app: Explorer) -> Any:
    global _BOX
    if _BOX is None:
        _BOX = _explorer_box_class()
    return _BOX(children, app=app)


_BOX: Any = None


def _term_needles(term: str) -> list[str]:
    first = term.strip().lower().split()[0] if term.strip() else ""
    return [a.rstrip("*") for a in first.split("|") if a.rstrip("*")]


def _clean_name(value: Any, argument: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"The value for `{argument}` must be a non-empty string, but {value!r} was passed.")
    return " ".join(value.split())


def _lexicon_arg(frame: pd.DataFrame) -> pd.DataFrame:
    """User lexicon rows in the form :func:`toolkit.load_lexicon` reads (and the CSV we save)."""
    out = frame[list(_LEX_COLUMNS)].copy() if len(frame) else pd.DataFrame(columns=list(_LEX_COLUMNS))
    out["rhetoric"] = out["rhetoric"].fillna("")
    return out


def _initial_user_lexicon(lexicon: Any) -> pd.DataFrame:
    empty = pd.DataFrame({c: pd.Series(dtype=float if c in ("weight", "valence") else object) for c in _LEX_COLUMNS})
    if lexicon is None:
        return empty
    if isinstance(lexicon, (str, os.PathLike)):
        path = Path(lexicon)
        if not path.exists():
            return empty  # a file to create on save
        frame = pd.read_csv(path, sep="\t" if path.suffix.lower() in (".tsv", ".tab") else ",", comment="#",
                            dtype=str, keep_default_na=False)
    elif isinstance(lexicon, pd.DataFrame):
        frame = lexicon.copy()
    elif isinstance(lexicon, dict):
        from toolkit.lexicon import _user_frame

        frame = _user_frame(lexicon)
    else:
        raise TypeError(f"The value for `lexicon` must be None, a DataFrame, a dict or a CSV/TSV path, but an "
                        f"object of type {type(lexicon).__name__} was passed.")
    frame.columns = [str(c).strip().lower() for c in frame.columns]
    rows = []
    for r in frame.to_dict("records"):
        rh = str(r.get("rhetoric") or "").strip()
        dim = str(r.get("dimension") or "").strip().lower() or ("escalation" if rh else "sentiment")
        weight = pd.to_numeric(r.get("weight"), errors="coerce")
        if dim == "escalation" and (weight is None or weight != weight):
            g = pd.to_numeric(r.get("goldstein"), errors="coerce")
            weight = -g / 10.0 if g == g else np.nan
        valence = pd.to_numeric(r.get("valence"), errors="coerce")
        if dim == "sentiment" and (valence is None or valence != valence):
            valence = weight
            weight = np.nan
        rows.append({"term": str(r.get("term", "")).strip(), "dimension": dim, "rhetoric": rh,
                     "weight": float(weight) if dim == "escalation" else np.nan,
                     "valence": float(valence) if dim == "sentiment" else np.nan})
    return pd.DataFrame(rows, columns=list(_LEX_COLUMNS)) if rows else empty


def _initial_user_actors(actors: Any) -> pd.DataFrame:
    empty = pd.DataFrame(columns=list(_ACTOR_COLUMNS))
    if actors is None:
        return empty
    if isinstance(actors, (str, os.PathLike)) and not Path(actors).exists():
        return empty
    from toolkit.actors import _to_frame, default_actors

    frame = _to_frame(actors)
    base = default_actors().set_index("name")
    rows = []
    for r in frame.to_dict("records"):
        dem, cap = list(r["demonyms"]), list(r["capitals"])
        aliases = [a for a in r["aliases"] if a not in dem and a not in cap]
        b = list(base.loc[r["name"], "aliases"]) if r["name"] in base.index else []
        allnow = set(r["aliases"])
        added = [a for a in r["aliases"] if a not in set(b)]
        removed = [a for a in b if a not in allnow]
        rows.append({"name": r["name"], "kind": r["kind"], "country": r["country"] or "", "role": r["role"] or "",
                     "aliases": "|".join(aliases), "demonyms": "|".join(dem), "capitals": "|".join(cap),
                     "base": "|".join(b), "removed": "|".join(removed), "added": "|".join(added)})
    return pd.DataFrame(rows, columns=list(_ACTOR_COLUMNS))


def _validate(scores: Any, *, chart: str, metric: str, max_rows: int) -> None:
    if not isinstance(scores, pd.DataFrame):
        raise TypeError(f"`scores` must be a scores frame from toolkit.score(...), but an object of type "
                        f"{type(scores).__name__} was passed. Run `scores = toolkit.score(data)` first.")
    missing = [c for c in _REQUIRED if c not in scores.columns]
    if missing:
        raise ValueError(f"`scores` is missing the column(s) {missing}; it has {list(scores.columns)}. "
                         "Pass the frame that toolkit.score(...) returns.")
    if chart not in CHARTS:
        raise _bad("chart", chart, list(CHARTS))
    if metric not in _METRICS:
        raise _bad("metric", metric, _METRICS)
    if not isinstance(max_rows, (int, np.integer)) or isinstance(max_rows, bool) or max_rows < 1:
        raise _bad("max_rows", max_rows, "a positive integer (rows of the paragraph table)")


def explore(scores: pd.DataFrame, *, chart: str = "contrast", metric: str = "escalation", max_rows: int = 100,
            lexicon: Any = None, actors: Any = None, lexicon_path: str | os.PathLike | None = None,
            actors_path: str | os.PathLike | None = None, height: int = 460, defer_chart: bool | None = None,
            debounce: float = 0.15) -> Explorer:
    """Explore a scores frame in JupyterLab: filters, charts, an evidence table and ``.selection``.

    Parameters
    ----------
    scores
        The frame :func:`toolkit.score` returns (not modified).
    chart
        The chart shown first, one of ``CHARTS`` (the others are a click away).
    metric
        ``"escalation"`` or ``"sentiment"``: the value the charts and the table's first score show.
    max_rows
        At most this many paragraphs in the table (the counts show how many match).
    lexicon, actors
        The user lexicon and actor additions the scores were made with (a DataFrame, dict or a CSV
        path, as for :func:`toolkit.score`); edits in the "Lexicon & actors" tab start from them.
    lexicon_path, actors_path
        Where "Save user files" writes (default: the ``lexicon``/``actors`` paths when given, else
        ``user_lexicon.csv`` and ``user_actors.csv`` in the working folder).
    height
        Chart height in pixels.
    defer_chart, debounce
        ``None`` (default): inside a running kernel a filter change updates the counts and the
        table at once and re-draws the chart ``debounce`` seconds later, once the filters stop
        changing; ``False``: re-draw the chart inside the callback; ``True``: always defer.

    Returns
    -------
    Explorer: display it (last expression of a cell); read ``.selection`` in the next cell.
    """
    return Explorer(scores, chart=chart, metric=metric, max_rows=max_rows, lexicon=lexicon, actors=actors,
                    lexicon_path=lexicon_path, actors_path=actors_path, height=height, defer_chart=defer_chart,
                    debounce=debounce)
