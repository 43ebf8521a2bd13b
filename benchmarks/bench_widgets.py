"""Time one filter change of the explorer (the Python-side callback) on 50,000 paragraphs.

The corpus is the scored seed article replicated into 50,000 paragraphs (about 4,200 documents)
with varied speakers, targets and dates, so no data folder is needed. Each filter is toggled a
few times inside a running asyncio loop, as in a kernel, where the callback applies the filters
and re-draws counts and table and schedules the chart (debounced); the median callback time is
printed with its split. Target: ≤ 150 ms per change. The chart re-draw (toolkit.charts on the
filtered frame) is then timed on its own.

Then every chart of toolkit.charts is timed on its own (wall and CPU time): its first call on the
full corpus (which reads the statements of every paragraph once), later calls on the full corpus
(target ≤ 1.5 s) and calls on a random selection of 5,000 paragraphs, as the explorer makes
after a filter change (target ≤ 0.3 s).

    python benchmarks/bench_widgets.py [N_PARAGRAPHS] [--charts-only]
"""
from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

from toolkit.widgets import ALL

ROOT = Path(__file__).resolve().parents[1]
TARGET_MS = 150.0
#: Chart targets: later calls on the full corpus, and calls on a selection of SELECTION paragraphs.
CHART_FULL_S, CHART_SELECTION_S, SELECTION = 1.5, 0.3, 5_000


def corpus(n: int = 50_000, *, seed: int = 0) -> pd.DataFrame:
    """The seed's scores replicated to ``n`` paragraphs with varied actors and dates."""
    import toolkit

    base = toolkit.score(ROOT / "seeds")
    rng = np.random.default_rng(seed)
    reps = -(-n // len(base))
    frame = pd.concat([base] * reps, ignore_index=True).iloc[:n].copy()
    per_doc = len(base)
    frame["doc_id"] = [f"doc{i // per_doc:05d}" for i in range(n)]
    people = ["Vladimir Putin", "Donald Trump", "Dmitry Peskov", "Volodymyr Zelensky", "Joe Biden", "Kremlin",
              "Emmanuel Macron", "Keir Starmer", "NATO", "Russia", "Ukraine", "United States", None, None]
    frame["speaker"] = [people[k] for k in rng.integers(0, len(people), n)]
    frame["targets"] = [[people[k] for k in rng.integers(0, len(people) - 2, rng.integers(0, 4))
                         if people[k] != s] for s in frame["speaker"]]
    frame["escalation"] = np.clip(frame["escalation"] + rng.normal(0, 0.2, n), -1, 1).round(4)
    days = pd.Timestamp("2024-01-01") + pd.to_timedelta(rng.integers(0, 365, n // per_doc + 1), unit="D")
    frame["date"] = [days[i // per_doc].strftime("%Y-%m-%d") for i in range(n)]
    return frame


async def _measure(app, changes: dict, repeats: int) -> float:
    """Filter changes as the kernel runs them: callbacks on a running event loop (chart deferred)."""
    worst = 0.0
    print(f"{'filter change':<18}{'median ms':>10}{'filter':>9}{'table':>9}   (chart re-drawn after the callback)")
    for label, (widget, on, off) in changes.items():
        totals, parts = [], []
        for _ in range(repeats):
            for value in (on, off):
                t = time.perf_counter()
                widget.value = value
                totals.append((time.perf_counter() - t) * 1000)
                parts.append(app.last_timing)
        med = statistics.median(totals)
        worst = max(worst, med)
        split = {k: statistics.median(p[k] for p in parts) * 1000 for k in ("filter", "table")}
        print(f"{label:<18}{med:>10.1f}{split['filter']:>9.1f}{split['table']:>9.1f}")
    if app._chart_handle is not None:
        app._chart_handle.cancel()
    return worst


def _chart_calls(scores: pd.DataFrame) -> dict[str, dict]:
    """Keyword arguments of each chart, as the explorer passes them."""
    named = scores["speaker"].dropna()
    return {
        "contrast": {"speaker": named.value_counts().index[0] if len(named) else None},
        "speaker_target_matrix": {},
        "actor_summary": {"by": "speaker"},
        "rhetoric_mix": {"by": "speaker"},
        "paragraph_flow": {"doc_id": str(scores["doc_id"].iloc[0])},
        "timeline": {},
        "evidence_terms": {},
    }


def _timed(fn, *args, **kwargs) -> tuple[float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    fn(*args, **kwargs)
    return time.perf_counter() - wall, time.process_time() - cpu


def time_charts(scores: pd.DataFrame, *, selection: int = SELECTION, repeats: int = 3, seed: int = 1) -> bool:
    """Print each chart's time on the full frame (first and later calls) and on a random selection."""
    from toolkit import charts

    rng = np.random.default_rng(seed)
    pick = np.sort(rng.choice(len(scores), min(selection, len(scores)), replace=False))
    sel = scores.iloc[pick]
    print(f"\nchart times in seconds, wall (cpu): full = {len(scores):,} paragraphs, selection = {len(sel):,} "
          f"random paragraphs; median of {repeats}")
    print(f"{'chart':<24}{'full, 1st call':>16}{'full, later':>16}{'selection':>16}")
    ok = True
    for name, kw_full in _chart_calls(scores).items():
        fn = getattr(charts, name)
        kw_sel = _chart_calls(sel)[name]
        first = _timed(fn, scores, **kw_full)
        later = [_timed(fn, scores, **kw_full) for _ in range(repeats)]
        part = [_timed(fn, sel, **kw_sel) for _ in range(repeats)]
        med_full = (statistics.median(t[0] for t in later), statistics.median(t[1] for t in later))
        med_sel = (statistics.median(t[0] for t in part), statistics.median(t[1] for t in part))
        over = med_full[0] > CHART_FULL_S or med_sel[0] > CHART_SELECTION_S
        ok &= not over
        cells = "".join(f"{w:>9.2f} ({c:.2f})" for w, c in (first, med_full, med_sel))
        print(f"{name:<24}{cells}{'   OVER TARGET' if over else ''}")
    print(f"targets: later calls on the full corpus ≤ {CHART_FULL_S} s, on the selection ≤ {CHART_SELECTION_S} s: "
          f"{'OK' if ok else 'OVER TARGET'} (wall time; on a busy machine compare the cpu column)")
    return ok


def main(n: int = 50_000, repeats: int = 3, *, widget: bool = True) -> int:
    import asyncio

    import toolkit

    t0 = time.perf_counter()
    scores = corpus(n)
    t1 = time.perf_counter()
    if not widget:
        print(f"corpus: {len(scores):,} paragraphs in {scores['doc_id'].nunique():,} documents "
              f"(built in {t1 - t0:.1f} s)")
        time_charts(scores, repeats=repeats)
        return 0
    app = toolkit.explore(scores, chart="rhetoric_mix")
    t2 = time.perf_counter()
    print(f"corpus: {len(scores):,} paragraphs in {scores['doc_id'].nunique():,} documents "
          f"(built in {t1 - t0:.1f} s); explorer created in {t2 - t1:.2f} s")
    changes = {
        "speaker": (app.speaker, "Vladimir Putin", ALL),
        "target": (app.target, "NATO", ALL),
        "rhetoric": (app.rhetoric, ("warning", "threat"), ()),
        "min |escalation|": (app.min_escalation, 0.5, 0.0),
        "text search": (app.search, "missiles", ""),
        "metric": (app.metric, "sentiment", "escalation"),
        "document": (app.document, "doc00042", ALL),
    }
    if app.dates is not None:
        opts = app.dates.options
        changes["date range"] = (app.dates, (opts[10], opts[100]), (opts[0], opts[-1]))
    worst = asyncio.run(_measure(app, changes, repeats))
    verdict = "OK" if worst <= TARGET_MS else "OVER TARGET"
    print(f"worst median filter change (callback): {worst:.1f} ms (target ≤ {TARGET_MS:.0f} ms): {verdict}")
    # the deferred chart re-draw, timed on its own (toolkit.charts on the filtered frame)
    app.speaker.value = "Vladimir Putin"  # no running loop here: drawn inside the call
    print(f"chart re-draw after the change, speaker = Vladimir Putin ({len(app.filtered):,} paragraphs): ")
    for chart in ("rhetoric_mix", "actor_summary", "contrast", "speaker_target_matrix"):
        app.chart.value = chart
        print(f"  {chart:<24}{app.chart_seconds * 1000:>10.0f} ms")
    app.speaker.value = ALL
    print(f"chart re-draw with no filter ({len(app.filtered):,} paragraphs): ")
    for chart in ("rhetoric_mix", "actor_summary", "contrast", "speaker_target_matrix"):
        app.chart.value = chart
        print(f"  {chart:<24}{app.chart_seconds * 1000:>10.0f} ms")
    time_charts(scores, repeats=repeats)
    return 0


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    sys.exit(main(int(args[0]) if args else 50_000, widget="--charts-only" not in sys.argv))
