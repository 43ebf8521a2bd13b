"""Time one filter change of the explorer (the Python-side callback) on 50,000 paragraphs.

The corpus is the scored seed article replicated into 50,000 paragraphs (about 4,200 documents)
with varied speakers, targets and dates, so no data folder is needed. For each filter the
callback is run several times (the widget value is toggled) and the median is printed with the
split between filtering, chart and table. Target: ≤ 150 ms per change.

    python benchmarks/bench_widgets.py [N_PARAGRAPHS]
"""
from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
TARGET_MS = 150.0


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


def main(n: int = 50_000, repeats: int = 5) -> int:
    import toolkit

    t0 = time.perf_counter()
    scores = corpus(n)
    t1 = time.perf_counter()
    app = toolkit.explore(scores)
    t2 = time.perf_counter()
    print(f"corpus: {len(scores):,} paragraphs in {scores['doc_id'].nunique():,} documents "
          f"(built in {t1 - t0:.1f} s); explorer created in {t2 - t1:.2f} s")
    changes = {
        "speaker": (app.speaker, "Vladimir Putin", app.speaker.value),
        "target": (app.target, "NATO", app.target.value),
        "rhetoric": (app.rhetoric, ("warning", "threat"), ()),
        "min |escalation|": (app.min_escalation, 0.5, 0.0),
        "text search": (app.search, "missiles", ""),
        "metric": (app.metric, "sentiment", "escalation"),
        "document": (app.document, "doc00042", app.document.value),
    }
    if app.dates is not None:
        opts = app.dates.options
        changes["date range"] = (app.dates, (opts[10], opts[100]), (opts[0], opts[-1]))
    worst = 0.0
    print(f"{'filter change':<18}{'median ms':>10}{'filter':>9}{'chart':>9}{'table':>9}   (chart: {app.chart.value})")
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
        split = {k: statistics.median(p[k] for p in parts) * 1000 for k in ("filter", "chart", "table")}
        print(f"{label:<18}{med:>10.1f}{split['filter']:>9.1f}{split['chart']:>9.1f}{split['table']:>9.1f}")
    for chart in app.chart.options_values:
        t = time.perf_counter()
        app.chart.value = chart
        print(f"switch chart to {chart:<24}{(time.perf_counter() - t) * 1000:>8.1f} ms")
    verdict = "OK" if worst <= TARGET_MS else "OVER TARGET"
    print(f"worst median filter change: {worst:.1f} ms (target ≤ {TARGET_MS:.0f} ms): {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main(int(sys.argv[1]) if len(sys.argv) > 1 else 50_000))
