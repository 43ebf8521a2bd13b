"""Charts: plotly figures of a scores frame, one function per view.

Every function is ``name(scores, *, ...) -> plotly.graph_objects.Figure``: the scores frame
first, everything else keyword-only, with one vocabulary across functions —

``value``    the measure drawn: ``"escalation"`` (default) or ``"sentiment"``;
``by``       the grouping column (``"speaker"``, ``"target"``, ``"doc_id"``…; a date column
             for :func:`timeline`);
``speaker`` / ``actor`` / ``actors``  an actor name, a list of names, or a country group
             such as ``"RUS"`` (every actor of the registry whose ``country`` is RUS);
``registry`` the actor registry used to resolve country groups (default: the packaged one);
``seed``     the bootstrap seed (intervals are reproducible);
``top``      at most this many groups / terms;
``title``    override the chart title.

The numbers come from :mod:`toolkit.aggregate` (tested without drawing); the colours from
:mod:`toolkit.style`. Functions never show or write a figure and never change plotly's global
state (the template is applied per figure). Article text and actor names in hover labels are
HTML-escaped. A selection with no paragraphs gives a figure that says "no paragraphs match",
never an exception; a bad argument raises an error naming the argument, the value and the options.
"""
from __future__ import annotations

import html
import textwrap
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import pandas as pd

from toolkit import aggregate as _agg
from toolkit import style as _style

if TYPE_CHECKING:  # pragma: no cover
    import plotly.graph_objects as go

__all__ = [
    "contrast",
    "speaker_target_matrix",
    "paragraph_flow",
    "actor_summary",
    "rhetoric_mix",
    "timeline",
    "evidence_terms",
    "EMPTY_MESSAGE",
]

#: Text of the annotation on figures whose selection has no paragraphs.
EMPTY_MESSAGE = "no paragraphs match"

_OTHER = {"escalation": "sentiment", "sentiment": "escalation"}
_ROW_PX = 30


# ------------------------------------------------------------------------------------- helpers
def _go():
    import plotly.graph_objects as go

    return go


def _subplots(**kwargs):
    from plotly.subplots import make_subplots

    return make_subplots(**kwargs)


def _esc(value: Any) -> str:
    return html.escape("" if value is None else str(value), quote=True)


def _wrap(text: str, width: int = 70) -> str:
    """Escape ``text`` and wrap it into ``<br>``-separated lines for a hover label."""
    return "<br>".join(_esc(line) for line in textwrap.wrap(str(text), width=width)) if text else ""


def _pretty(rhetoric: str) -> str:
    return str(rhetoric).replace("_", " ")


def _fmt(x: Any, digits: int = 2) -> str:
    try:
        x = float(x)
    except (TypeError, ValueError):
        return "–"
    return "–" if x != x else f"{x:+.{digits}f}"


def _interval(row: Any, measure: str) -> str:
    low, high = row.get(f"{measure}_low"), row.get(f"{measure}_high")
    if low is None or high is None or low != low or high != high:
        return "no interval: n < 2"
    return f"95% interval {_fmt(low)} … {_fmt(high)}"


def _interval_note(table: pd.DataFrame) -> str:
    """Say so when a group's interval is the normal approximation (groups above BOOTSTRAP_MAX_N)."""
    if "n" in table and len(table) and int(table["n"].max()) > _agg.BOOTSTRAP_MAX_N:
        return f"; normal approximation above n = {_agg.BOOTSTRAP_MAX_N}"
    return ""


def _check_top(top: Any) -> None:
    if top is not None and (not isinstance(top, int) or isinstance(top, bool) or top < 1):
        raise _agg._bad("top", top, "a positive int or None (all)")


def _check_title(title: Any) -> None:
    if title is not None and not isinstance(title, str):
        raise _agg._bad("title", title, "a string or None (automatic title)")


def _layout(fig: go.Figure, title: str, subtitle: str | None = None, *, height: int | None = None,
            legend: bool = False) -> go.Figure:
    title_dict: dict[str, Any] = {"text": _esc(title), "x": 0.01, "xanchor": "left",
                                  "font": {"size": 17}}
    if subtitle:
        title_dict["subtitle"] = {"text": subtitle, "font": {"size": 12, "color": "#555555"}}
    fig.update_layout(
        template=_style.TEMPLATE,
        title=title_dict,
        font={"family": _style.FONT_FAMILY, "size": 12, "color": "#222222"},
        margin={"l": 10, "r": 20, "t": 92 + 20 * (subtitle.count("<br>") + 1) if subtitle else 70, "b": 55},
        hoverlabel={"align": "left", "bgcolor": "white", "font": {"size": 12}},
        showlegend=legend,
    )
    if height is not None:
        fig.update_layout(height=height)
    return fig


def _empty(title: str, detail: str | None = None) -> go.Figure:
    """A figure that says no paragraphs match (instead of failing)."""
    go = _go()
    fig = go.Figure()
    text = f"<b>{EMPTY_MESSAGE}</b>" + (f"<br>{_esc(detail)}" if detail else "")
    fig.add_annotation(text=text, x=0.5, y=0.5, xref="paper", yref="paper", showarrow=False,
                       font={"size": 15, "color": "#555555"})
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return _layout(fig, title, height=320)


def _rows_height(n: int, *, base: int = 170, per_row: int = _ROW_PX, minimum: int = 340) -> int:
    return max(minimum, base + per_row * n)


def _measure_axis(fig: go.Figure, measure: str, *, row: int | None = None, col: int | None = None,
                  title: bool = True) -> None:
    kw = {} if row is None else {"row": row, "col": col}
    fig.update_xaxes(range=[-1.08, 1.08], zeroline=True, zerolinecolor="#888888", zerolinewidth=1.5,
                     tickvals=[-1, -0.5, 0, 0.5, 1], ticktext=["−1", "−0.5", "0", "+0.5", "+1"],
                     title={"text": _style.MEASURE_LABELS[measure] if title else None, "font": {"size": 12}},
                     **kw)


def _count_ticks(names: Sequence[str], counts: Sequence[int], width: int = 28) -> list[str]:
    """Tick labels ``name  n=3`` (escaped, long names shortened, the count in grey)."""
    return [f"{_esc(n if len(n) <= width else n[:width - 1] + '…')}  <span style='color:#777'>n={int(k)}</span>"
            for n, k in zip(map(str, names), counts, strict=False)]


def _whiskers(table: pd.DataFrame, measure: str, y: Sequence[str]) -> Any:
    """Error-bar trace for the rows with an interval (n ≥ 2); None when no row has one."""
    go = _go()
    low, high, mean = table[f"{measure}_low"], table[f"{measure}_high"], table[f"{measure}_mean"]
    ok = (low.notna() & high.notna()).tolist()
    if not any(ok):
        return None
    ys = [v for v, k in zip(y, ok, strict=False) if k]
    m = mean[ok]
    return go.Scatter(
        x=m.tolist(), y=ys, mode="markers", name="95% interval", showlegend=False, hoverinfo="skip",
        marker={"size": 1, "color": "rgba(0,0,0,0)"},
        error_x={"type": "data", "symmetric": False, "array": (high[ok] - m).clip(lower=0).tolist(),
                 "arrayminus": (m - low[ok]).clip(lower=0).tolist(), "color": "#444444", "thickness": 1.3,
                 "width": 5},
    )


def _split_label(label: str | None) -> tuple[str, str]:
    """'RUS (Russia, Vladimir Putin, …)' -> ('RUS', 'Russia, Vladimir Putin, …'); names stay whole."""
    if not label:
        return "", ""
    head, sep, rest = str(label).partition(" (")
    if sep and rest.endswith(")") and len(head) <= 4:
        return head, rest[:-1]
    return str(label), ""


def _check_value(value: Any) -> str:
    _agg._check_argument("value", value, _agg.MEASURES)
    return value


# ------------------------------------------------------------------------------------ contrast
def contrast(scores: pd.DataFrame, *, speaker: Any = None, country: str | None = None,
             targets: Sequence[str] | None = None, value: str = "escalation", seed: int | None = 0,
             registry: Any = None, title: str | None = None) -> go.Figure:
    """How one speaker (or a group) speaks about each actor: the headline contrast.

    For ``speaker`` — an actor name, a list of names, or a country group such as ``"RUS"``
    (or ``country="RUS"``: Vladimir Putin, Dmitry Peskov, the Kremlin, Russia…) — one bar per
    target with the mean ``value`` of the statements about it (left panel, diverging around 0,
    whiskers: 95 % bootstrap interval when there are at least two statements) and the mean of
    the other measure (right panel). Bars are labelled with ``n`` (statements); targets are
    ordered from most conciliatory (top) to most escalatory (bottom), or as given in
    ``targets``. Hover shows the evidence words and a snippet of the text.
    """
    _check_value(value)
    _check_title(title)
    table = _agg.contrast_table(scores, speaker=speaker, country=country, targets=targets, value=value,
                                seed=seed, registry=registry)
    label = table.attrs.get("label", str(speaker if speaker is not None else country))
    short, members = _split_label(label)
    other = _OTHER[value]
    auto_title = title or f"How {short} speaks about other actors"
    if table.empty or int(table["n"].sum()) == 0:
        return _empty(auto_title, f"{label} makes no statement about a target in these paragraphs")
    go = _go()
    fig = _subplots(rows=1, cols=2, shared_yaxes=True, horizontal_spacing=0.04, column_widths=[0.6, 0.4],
                    subplot_titles=(f"mean {value}", f"mean {other}"))
    hover = []
    for _, row in table.iterrows():
        if row["n"] == 0:
            hover.append(f"<b>{_esc(row['target'])}</b><br>no statements by {_esc(label)}")
            continue
        lines = [
            f"<b>{_esc(label)} → {_esc(row['target'])}</b>",
            f"{value} {_fmt(row[f'{value}_mean'])} · {_interval(row, value)}",
            f"{other} {_fmt(row[f'{other}_mean'])}",
            f"n = {int(row['n'])} statement{'s' if row['n'] != 1 else ''} in {int(row['n_docs'])} "
            f"article{'s' if row['n_docs'] != 1 else ''}",
            "rhetoric: " + _esc(", ".join(f"{_pretty(k)} ×{v}" for k, v in (row["rhetoric_counts"] or {}).items())),
        ]
        if row["escalation_terms"]:
            lines.append("escalation cues: " + _esc(", ".join(row["escalation_terms"])))
        if row["sentiment_terms"]:
            lines.append("sentiment words: " + _esc(", ".join(row["sentiment_terms"])))
        if isinstance(row["snippet"], str) and row["snippet"]:
            lines.append("<i>“" + _wrap(row["snippet"]) + "”</i>")
        hover.append("<br>".join(lines))
    targets_y = table["target"].tolist()
    ticks = _count_ticks(targets_y, table["n"])
    for col, measure in ((1, value), (2, other)):
        means = table[f"{measure}_mean"].astype("float64")
        fig.add_trace(go.Bar(
            x=means.tolist(), y=targets_y, orientation="h", name=f"mean {measure}",
            marker={"color": means.fillna(0).tolist(), "colorscale": _style.MEASURE_SCALES[measure],
                    "cmin": -1, "cmax": 1, "cmid": 0, "line": {"color": _style.NEUTRAL_COLOR, "width": 0.6}},
            customdata=table["n"].tolist(), hovertext=hover, hovertemplate="%{hovertext}<extra></extra>",
        ), row=1, col=col)
        whiskers = _whiskers(table, measure, targets_y)
        if whiskers is not None:
            fig.add_trace(whiskers, row=1, col=col)
        _measure_axis(fig, measure, row=1, col=col)
    fig.update_yaxes(autorange="reversed", tickmode="array", tickvals=targets_y, ticktext=ticks,
                     tickfont={"size": 13}, row=1, col=1)
    n_total = int(table["n"].sum())
    sub = (f"mean {value} per target over {n_total} statements (n) · whiskers: 95% bootstrap interval "
           f"(n ≥ 2{_interval_note(table)})")
    if members:
        sub = f"{_esc(short)}: {_esc(members)}<br>{sub}"
    excluded = table.attrs.get("excluded", 0)
    if excluded:
        sub += f"<br>{excluded} statement{'s' if excluded != 1 else ''} about members of the group left out"
    fig = _layout(fig, auto_title, sub, height=_rows_height(len(table), base=190, per_row=38))
    fig.update_layout(bargap=0.35)
    return fig


# -------------------------------------------------------------------------------------- matrix
def speaker_target_matrix(scores: pd.DataFrame, *, value: str = "escalation", top: int | None = 25,
                          seed: int | None = 0, title: str | None = None) -> go.Figure:
    """Who speaks about whom: speaker × target heatmap of the mean ``value``.

    Cell colour: mean ``value`` on the fixed diverging scale (centre 0); cell text: the number
    of statements. Speakers (rows) and targets (columns) are ordered by number of statements,
    most first; narration ("(no speaker)") is the last row. ``top`` keeps that many speakers
    and targets. Paragraphs without a target are counted in the subtitle.
    """
    _check_value(value)
    _check_top(top)
    _check_title(title)
    table = _agg.pair_matrix(scores, value=value, top=top, seed=seed)
    auto_title = title or f"Who speaks about whom: mean {value} per speaker and target"
    if table.empty:
        return _empty(auto_title, "no paragraph names a target")
    speakers, targets = table.attrs["speakers"], table.attrs["targets"]
    other = _OTHER[value]
    idx = {(s, t): r for s, t, r in zip(table["speaker"], table["target"], table.itertuples(index=False), strict=False)}
    z, text, hover = [], [], []
    for s in speakers:
        zr, tr, hr = [], [], []
        for t in targets:
            r = idx.get((s, t))
            if r is None:
                zr.append(None)
                tr.append("")
                hr.append(f"{_esc(s)} → {_esc(t)}<br>no statements")
            else:
                zr.append(getattr(r, f"{value}_mean"))
                tr.append(str(r.n))
                hr.append(f"<b>{_esc(s)} → {_esc(t)}</b><br>{value} {_fmt(getattr(r, f'{value}_mean'))}"
                          f"<br>{other} {_fmt(getattr(r, f'{other}_mean'))}<br>n = {r.n} statement"
                          f"{'s' if r.n != 1 else ''}")
        z.append(zr)
        text.append(tr)
        hover.append(hr)
    go = _go()
    fig = go.Figure(go.Heatmap(
        z=z, x=targets, y=speakers, text=text, texttemplate="%{text}", textfont={"size": 12},
        colorscale=_style.MEASURE_SCALES[value], zmin=-1, zmax=1, zmid=0, xgap=2, ygap=2,
        hovertext=hover, hovertemplate="%{hovertext}<extra></extra>",
        colorbar={"title": {"text": f"mean<br>{value}", "side": "top"}, "tickvals": [-1, -0.5, 0, 0.5, 1],
                  "len": 0.9, "thickness": 14},
    ))
    fig.update_yaxes(autorange="reversed", title="speaker", tickfont={"size": 12})
    fig.update_xaxes(side="bottom", title="target", tickangle=-35, tickfont={"size": 12})
    sub = "colour: mean " + value + " · number: statements (paragraph × target)"
    without = table.attrs.get("without_target", 0)
    if without:
        sub += f" · {without} paragraph{'s' if without != 1 else ''} without a target not shown"
    height = max(380, 230 + 34 * len(speakers))
    fig = _layout(fig, auto_title, sub, height=height)
    fig.update_layout(plot_bgcolor="#fafafa")
    return fig


# ---------------------------------------------------------------------------------------- flow
def paragraph_flow(scores: pd.DataFrame, *, doc_id: Any = None, title: str | None = None) -> go.Figure:
    """One article read top to bottom: escalation and sentiment of each paragraph.

    Paragraphs run down the y axis (first at the top, labelled with their number and
    speaker); the left panel shows escalation, the right sentiment; markers are coloured by
    the paragraph's rhetoric class. Hover shows speaker, targets, rhetoric, values and a
    snippet. ``doc_id`` may be omitted when ``scores`` holds a single document.
    """
    _check_title(title)
    _agg._check_scores(scores, ("doc_id", "para_id", "text", "sentiment", "escalation", "rhetoric"))
    doc_ids = scores["doc_id"].astype(str)
    docs = pd.unique(doc_ids).tolist()  # in order of appearance
    if doc_id is None:
        if len(docs) > 1:
            raise ValueError(f"`doc_id` is required when `scores` holds several documents; pass one of "
                             f"{docs[:10]}{' …' if len(docs) > 10 else ''}.")
        if not docs:
            return _empty(title or "Paragraph by paragraph", "the scores frame is empty")
        doc_id = docs[0]
    if str(doc_id) not in docs:
        raise _agg._bad("doc_id", doc_id, docs[:10] + (["…"] if len(docs) > 10 else []))
    sub = scores[(doc_ids == str(doc_id)).to_numpy()].sort_values("para_id", kind="stable")
    doc_title = None
    if "title" in sub.columns and sub["title"].notna().any():
        doc_title = str(sub["title"].dropna().iloc[0])
    auto_title = title or f"Paragraph by paragraph: {doc_title or doc_id}"
    if sub.empty:  # pragma: no cover - a listed doc always has rows
        return _empty(auto_title)
    go = _go()
    speakers = sub["speaker"].map(lambda s: _agg._label(s, "")) if "speaker" in sub.columns else pd.Series(
        "", index=sub.index)
    targets = sub["targets"].map(_agg._as_list) if "targets" in sub.columns else pd.Series(
        [[]] * len(sub), index=sub.index)
    ticks = [f"¶{int(p) + 1}" + (f"  {s}" if s else "") for p, s in zip(sub["para_id"], speakers, strict=False)]
    ticks = [t if len(t) <= 30 else t[:29] + "…" for t in ticks]
    y = [int(p) for p in sub["para_id"]]
    hover = []
    for (_, row), spk, tg in zip(sub.iterrows(), speakers, targets, strict=False):
        lines = [f"<b>¶{int(row['para_id']) + 1}</b> · {_esc(_pretty(row['rhetoric']))}",
                 f"speaker: {_esc(spk) if spk else 'none (narration)'}"]
        if tg:
            lines.append("about: " + _esc(", ".join(map(str, tg))))
        lines.append(f"escalation {_fmt(row['escalation'])} · sentiment {_fmt(row['sentiment'])}")
        cues = _agg._evidence_terms([row.get("evidence")], "escalation", 5, sign=row["escalation"])
        if cues:
            lines.append("escalation cues: " + _esc(", ".join(cues)))
        lines.append("<i>“" + _wrap(_agg.snippet(row["text"], row.get("evidence"), sign=row["escalation"])) + "”</i>")
        hover.append("<br>".join(lines))
    hover_s = pd.Series(hover, index=sub.index)
    fig = _subplots(rows=1, cols=2, shared_yaxes=True, horizontal_spacing=0.04,
                    subplot_titles=("escalation", "sentiment"))
    from toolkit.lexicon import RHETORIC_CLASSES

    present = list(dict.fromkeys(sub["rhetoric"].astype(str)))
    classes = [c for c in RHETORIC_CLASSES if c in present] + [c for c in present if c not in RHETORIC_CLASSES]
    for col, measure in ((1, "escalation"), (2, "sentiment")):
        fig.add_trace(go.Scatter(x=sub[measure].tolist(), y=y, mode="lines", showlegend=False, hoverinfo="skip",
                                 line={"color": "#b0b0b0", "width": 1.5}, name=f"{measure} flow"),
                      row=1, col=col)
        for rhet in classes:
            mask = sub["rhetoric"].astype(str) == rhet
            fig.add_trace(go.Scatter(
                x=sub.loc[mask, measure].tolist(), y=[v for v, m in zip(y, mask, strict=False) if m], mode="markers",
                name=_pretty(rhet), legendgroup=rhet, showlegend=col == 1,
                marker={"color": _style.rhetoric_color(rhet), "size": 13,
                        "line": {"color": "white", "width": 1}},
                hovertext=hover_s[mask].tolist(), hovertemplate="%{hovertext}<extra></extra>",
                meta={"rhetoric": rhet, "measure": measure},
            ), row=1, col=col)
        _measure_axis(fig, measure, row=1, col=col)
    fig.update_yaxes(autorange="reversed", tickmode="array", tickvals=y, ticktext=ticks, tickfont={"size": 12},
                     row=1, col=1)
    fig.update_yaxes(showgrid=True, gridcolor="#eeeeee")
    fig = _layout(fig, auto_title, "one row per paragraph, first at the top · marker colour: rhetoric class",
                  height=_rows_height(len(sub), base=200, per_row=32), legend=True)
    fig.update_layout(legend={"title": {"text": "rhetoric"}, "orientation": "v", "x": 1.01, "y": 1})
    return fig


# ------------------------------------------------------------------------------- actor summary
def actor_summary(scores: pd.DataFrame, *, by: str = "speaker", seed: int | None = 0, top: int | None = 20,
                  min_n: int = 3, registry: Any = None, title: str | None = None) -> go.Figure:
    """Per actor: mean escalation and sentiment with 95 % bootstrap intervals and counts.

    ``by`` is the grouping (``"speaker"``, ``"target"``, ``"actor"``, ``"country"``, ``"doc_id"``…).
    Groups are ordered from most conciliatory (top) to most escalatory; narration last. Tick
    labels carry ``n``; groups with fewer than ``min_n`` paragraphs are drawn as open circles
    (and have no whiskers when n < 2), so small counts are not over-read. ``top`` keeps the
    ``top`` largest groups.
    """
    _check_top(top)
    _check_title(title)
    if not isinstance(min_n, int) or min_n < 1:
        raise _agg._bad("min_n", min_n, "a positive int, e.g. 3")
    table = _agg.summarize(scores, by=by, seed=seed, registry=registry)
    col = "target" if by == "target" else by
    noun = {"speaker": "speaker", "target": "target", "actor": "actor mentioned", "country": "country of the "
            "speaker", "doc_id": "article"}.get(by, by)
    auto_title = title or f"Escalation and sentiment per {noun}"
    if table.empty:
        return _empty(auto_title)
    if top is not None:
        table = table.head(top)
    table = table.assign(_missing=table[col].astype(str).str.startswith("(no "))
    table = table.sort_values(["_missing", "escalation_mean", "n"], ascending=[True, True, False], kind="stable")
    names = table[col].astype(str).tolist()
    ticks = _count_ticks(names, table["n"])
    go = _go()
    fig = _subplots(rows=1, cols=2, shared_yaxes=True, horizontal_spacing=0.04,
                    subplot_titles=("mean escalation", "mean sentiment"))
    opacity = [1.0 if k >= min_n else 0.45 for k in table["n"]]
    sizes = [14 if k >= min_n else 11 for k in table["n"]]
    for c, measure in ((1, "escalation"), (2, "sentiment")):
        means = table[f"{measure}_mean"]
        hover = [
            f"<b>{_esc(n)}</b><br>{measure} {_fmt(m)} · {_interval(r, measure)}<br>n = {int(r['n'])} "
            f"paragraph{'s' if r['n'] != 1 else ''} in {int(r['n_docs'])} article{'s' if r['n_docs'] != 1 else ''}"
            for n, m, (_, r) in zip(names, means, table.iterrows(), strict=False)
        ]
        fig.add_trace(go.Scatter(
            x=means.tolist(), y=names, mode="markers", name=f"mean {measure}", showlegend=False,
            marker={"color": means.fillna(0).tolist(), "colorscale": _style.MEASURE_SCALES[measure], "cmin": -1,
                    "cmax": 1, "cmid": 0, "size": sizes, "opacity": opacity,
                    "line": {"color": "#333333", "width": 1.4}},
            hovertext=hover, hovertemplate="%{hovertext}<extra></extra>",
        ), row=1, col=c)
        whiskers = _whiskers(table, measure, names)
        if whiskers is not None:
            fig.add_trace(whiskers, row=1, col=c)
        _measure_axis(fig, measure, row=1, col=c)
    fig.update_yaxes(autorange="reversed", tickmode="array", tickvals=names, ticktext=ticks, row=1, col=1)
    fig.update_yaxes(showgrid=True, gridcolor="#eeeeee")
    sub = (f"dot: mean · whiskers: 95% bootstrap interval (seed {seed}{_interval_note(table)}) · faded: fewer "
           f"than {min_n} paragraphs")
    return _layout(fig, auto_title, sub, height=_rows_height(len(table), base=190, per_row=34))


# -------------------------------------------------------------------------------- rhetoric mix
def rhetoric_mix(scores: pd.DataFrame, *, by: str = "speaker", normalize: bool = True, top: int | None = 20,
                 registry: Any = None, title: str | None = None) -> go.Figure:
    """Stacked rhetoric classes per group (speaker by default), one fixed colour per class.

    With ``normalize=True`` bars show shares of each group's paragraphs (tick labels give n);
    otherwise counts. Classes run from conciliatory (left, greens/blues) to escalatory (reds),
    neutral last. ``top`` keeps the ``top`` largest groups.
    """
    _check_top(top)
    _check_title(title)
    if not isinstance(normalize, bool):
        raise _agg._bad("normalize", normalize, "True (shares) or False (counts)")
    table = _agg.rhetoric_table(scores, by=by, registry=registry)
    col = "target" if by == "target" else by
    auto_title = title or f"Rhetoric per {by}: {'share' if normalize else 'number'} of paragraphs by class"
    if table.empty:
        return _empty(auto_title)
    groups = list(dict.fromkeys(table[col]))
    if top is not None:
        groups = groups[:top]
        table = table[table[col].isin(groups)]
    totals = table.drop_duplicates(col).set_index(col)["total"]
    ticks = _count_ticks(groups, [totals[g] for g in groups])
    go = _go()
    fig = go.Figure()
    classes = list(dict.fromkeys(table["rhetoric"]))
    for rhet in classes:
        part = table[table["rhetoric"] == rhet].set_index(col).loc[groups]
        if int(part["n"].sum()) == 0:
            continue
        x = (part["share"] * 100).round(1) if normalize else part["n"]
        hover = [f"<b>{_esc(g)}</b><br>{_esc(_pretty(rhet))}: {int(n)} of {int(t)} paragraphs ({s:.0%})"
                 for g, n, t, s in zip(groups, part["n"], part["total"], part["share"].fillna(0), strict=False)]
        fig.add_trace(go.Bar(
            x=x.tolist(), y=groups, orientation="h", name=_pretty(rhet),
            marker={"color": _style.rhetoric_color(rhet), "line": {"color": "white", "width": 0.8}},
            text=[str(int(n)) if n else "" for n in part["n"]], textposition="inside", insidetextanchor="middle",
            textfont={"size": 11}, hovertext=hover, hovertemplate="%{hovertext}<extra></extra>",
            meta={"rhetoric": rhet},
        ))
    fig.update_layout(barmode="stack", bargap=0.3)
    fig.update_yaxes(autorange="reversed", tickmode="array", tickvals=groups, ticktext=ticks)
    fig.update_xaxes(range=[0, 100] if normalize else None, ticksuffix="%" if normalize else "", side="top")
    what = "share of each group's paragraphs" if normalize else "paragraphs"
    fig = _layout(fig, auto_title, f"bar: {what} · number in bar: paragraphs · colour: rhetoric class",
                  height=_rows_height(len(groups), base=250, per_row=36), legend=True)
    fig.update_layout(legend={"orientation": "h", "x": 0, "y": 0, "yanchor": "top", "traceorder": "normal",
                              "title": {"text": ""}}, margin={"b": 90, "t": 125})
    return fig


# ------------------------------------------------------------------------------------ timeline
_FREQ_WORDS = {"D": "day", "W": "week", "M": "month", "ME": "month", "MS": "month", "Q": "quarter",
               "QE": "quarter", "Y": "year", "YE": "year", "A": "year"}


def timeline(scores: pd.DataFrame, *, by: str = "date", freq: str = "W", actors: Any = None,
             value: str = "escalation", seed: int | None = 0, registry: Any = None,
             title: str | None = None) -> go.Figure:
    """Mean ``value`` per period across many dated articles.

    ``by`` is the date column, ``freq`` the period (``"D"``, ``"W"``, ``"M"``, ``"Q"``, ``"Y"``).
    ``actors=None`` draws one line for all paragraphs; otherwise one line per speaker name or
    country group (``["Vladimir Putin", "USA"]``). Marker size grows with the number of
    paragraphs; hover gives n and the interval.
    """
    _check_value(value)
    _check_title(title)
    period = _FREQ_WORDS.get(str(freq), str(freq))
    auto_title = title or f"Mean {value} per {period}"
    if isinstance(scores, pd.DataFrame) and by == "date" and "date" not in scores.columns:
        return _empty(auto_title, "the scores have no `date` column: read articles with a date to see a timeline")
    table = _agg.timeline_table(scores, by=by, freq=freq, actors=actors, value=value, seed=seed,
                                registry=registry)
    undated = table.attrs.get("undated", 0)
    if table.empty:
        detail = f"{undated} paragraphs have no usable `{by}`" if undated else None
        return _empty(auto_title, detail)
    go = _go()
    fig = go.Figure()
    series = table.attrs.get("series") or list(dict.fromkeys(table["actor"]))
    for i, label in enumerate(series):
        part = table[table["actor"] == label]
        if part.empty:
            continue
        color = _style.NEUTRAL_COLOR if actors is None else _style.ACTOR_COLORS[i % len(_style.ACTOR_COLORS)]
        hover = [f"<b>{_esc(label)}</b> · {p:%Y-%m-%d}<br>{value} {_fmt(m)} · {_interval(r, value)}<br>n = "
                 f"{int(r['n'])} paragraphs in {int(r['n_docs'])} articles"
                 for p, m, (_, r) in zip(part["period"], part[f"{value}_mean"], part.iterrows(), strict=False)]
        sizes = [min(24, 6 + 3 * float(n) ** 0.5) for n in part["n"]]
        fig.add_trace(go.Scatter(
            x=part["period"].tolist(), y=part[f"{value}_mean"].tolist(), mode="lines+markers", name=str(label),
            line={"color": color, "width": 2}, marker={"size": sizes, "color": color,
                                                       "line": {"color": "white", "width": 1}},
            hovertext=hover, hovertemplate="%{hovertext}<extra></extra>",
        ))
    fig.add_hline(y=0, line={"color": "#888888", "width": 1})
    fig.update_yaxes(range=[-1.05, 1.05], title=_style.MEASURE_LABELS[value])
    fig.update_xaxes(title=f"{period} starting")
    sub = "marker size: number of paragraphs"
    if undated:
        sub += f" · {undated} undated paragraph{'s' if undated != 1 else ''} not shown"
    fig = _layout(fig, auto_title, sub, height=460, legend=actors is not None)
    fig.update_layout(legend={"orientation": "h", "x": 0, "y": -0.25, "yanchor": "top"}, margin={"b": 120})
    return fig


# ------------------------------------------------------------------------------ evidence terms
def evidence_terms(scores: pd.DataFrame, *, actor: Any = None, top: int | None = 12, registry: Any = None,
                   title: str | None = None) -> go.Figure:
    """The terms that drive escalation (left) and sentiment (right), optionally for one speaker.

    Bars give each term's total weight across the paragraphs (escalation cue weight, or VADER
    valence); labels give how often it occurs. Escalation bars take the colour of the cue's
    rhetoric class, sentiment bars the sentiment scale. ``actor``: a speaker name, list of
    names or country group (``"RUS"``); ``top``: terms per panel.
    """
    _check_top(top)
    _check_title(title)
    table = _agg.evidence_table(scores, actor=actor, registry=registry)
    label = table.attrs.get("label")
    short, members = _split_label(label)
    auto_title = title or ("Terms that drive escalation and sentiment" + (f" in statements by {short}" if label
                                                                           else ""))
    if table.empty:
        return _empty(auto_title, "no evidence terms in the selected paragraphs")
    go = _go()
    fig = _subplots(rows=1, cols=2, horizontal_spacing=0.22,
                    subplot_titles=("escalation cues (weight + escalatory)", "sentiment words (valence)"))
    for c, measure in ((1, "escalation"), (2, "sentiment")):
        part = table[table["dimension"] == measure]
        if top is not None:
            part = part.head(top)
        if part.empty:
            fig.add_annotation(text="no terms", x=0.5, y=0.5, xref=f"x{c if c > 1 else ''} domain",
                               yref=f"y{c if c > 1 else ''} domain", showarrow=False, font={"color": "#777777"})
            continue
        terms = part["term"].tolist()
        if measure == "escalation":
            colors: Any = [_style.rhetoric_color(r) for r in part["rhetoric"].fillna("neutral")]
            marker = {"color": colors, "line": {"color": "white", "width": 0.6}}
        else:
            marker = {"color": part["weight_mean"].tolist(), "colorscale": _style.SENTIMENT_SCALE, "cmin": -1,
                      "cmax": 1, "cmid": 0, "line": {"color": _style.NEUTRAL_COLOR, "width": 0.6}}
        hover = [f"<b>{_esc(t)}</b><br>total weight {_fmt(w)} · mean {_fmt(m)}<br>{int(n)}× in {int(p)} "
                 f"paragraph{'s' if p != 1 else ''}" + (f"<br>rhetoric: {_esc(_pretty(r))}" if r else "")
                 for t, w, m, n, p, r in zip(terms, part["weight_sum"], part["weight_mean"], part["n"],
                                             part["n_paragraphs"], part["rhetoric"], strict=False)]
        fig.add_trace(go.Bar(
            x=part["weight_sum"].tolist(), y=terms, orientation="h", name=f"{measure} terms", marker=marker,
            text=[f"×{int(n)}" for n in part["n"]], textposition="outside", cliponaxis=False,
            hovertext=hover, hovertemplate="%{hovertext}<extra></extra>", showlegend=False,
        ), row=1, col=c)
        fig.update_yaxes(autorange="reversed", categoryorder="array", categoryarray=terms, row=1, col=c)
        lim = max(1.0, float(part["weight_sum"].abs().max()) * 1.25)
        fig.update_xaxes(range=[-lim, lim], zeroline=True, zerolinecolor="#888888",
                         title={"text": "total weight", "font": {"size": 12}}, row=1, col=c)
    n_rows = max(len(table[table["dimension"] == m].head(top or len(table))) for m in _agg.MEASURES)
    sub = "bar: total weight across paragraphs · label: occurrences · escalation colour: rhetoric class"
    if members:
        sub = f"{_esc(short)}: {_esc(members)}<br>{sub}"
    return _layout(fig, auto_title, sub, height=_rows_height(n_rows, base=190, per_row=26))
