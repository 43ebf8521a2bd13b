"""CPU time per sentence: ``toolkit._vader.compound`` against NLTK's VADER ``polarity_scores``.

    python benchmarks/bench_vader.py              # 20,000 sentences, best of 3
    python benchmarks/bench_vader.py -n 50000 --repeat 5

The sentences: every distinct sentence of the evaluation data in ../shared/data (NYT editorial
snippets, UN QuadClass, NewsMTSC, PLOVER, the labelled news articles, split with
``toolkit.segment.split_sentences``) and of the seed article, cycled (seeded shuffle) to ``-n``
sentences. Neither engine caches, so repeats cost the same as new sentences. Without
../shared/data only the seed's sentences are used (the script says so).

Engines, on the same lexicon (``toolkit.sentiment.analyzer(None).lexicon``), measured
interleaved in one process (process CPU time, so other jobs on the machine do not count):

* ``nltk``: stock ``nltk.sentiment.vader.SentimentIntensityAnalyzer.polarity_scores``;
* ``toolkit.sentiment`` : the analyzer ``toolkit.sentiment`` currently uses (uncached);
* ``_vader.compound`` and ``_vader.scores``.

Every sentence's result is also checked equal to NLTK's before timing. Prints a Markdown table.
"""
from __future__ import annotations

import argparse
import json
import platform
import random
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from _common import DATA_DIR, ROOT  # noqa: E402


def sentences() -> tuple[list[str], str]:
    """Distinct sentences of the evaluation data and the seed article, and a description."""
    from toolkit.segment import split_sentences

    texts: list[str] = []
    for p in sorted((ROOT / "seeds").glob("*.txt")):
        texts += [ln for ln in p.read_text(encoding="utf-8").splitlines() if ln.strip()]
    desc = "seed article only (../shared/data absent)"
    if DATA_DIR.is_dir():
        import pandas as pd

        texts += pd.read_csv(DATA_DIR / "nyt_snippets.dev.tsv", sep="\t")["text"].astype(str).tolist()
        texts += pd.read_csv(DATA_DIR / "quadclass.dev.tsv", sep="\t")["text"].astype(str).tolist()
        with open(DATA_DIR / "newsmtsc_mt.dev.jsonl", encoding="utf-8") as f:
            texts += [json.loads(ln)["sentence_normalized"] for ln in f if ln.strip()]
        with open(DATA_DIR / "plover.dev.jsonl", encoding="utf-8") as f:
            texts += [json.loads(ln)["text"] for ln in f if ln.strip()]
        with open(DATA_DIR / "news.dev.jsonl", encoding="utf-8") as f:
            for ln in f:
                if ln.strip():
                    texts += json.loads(ln)["paragraphs"]
        desc = "../shared/data (NYT, QuadClass, NewsMTSC, PLOVER, news.dev) + seed"
    else:
        print(f"WARNING: evaluation data not found at {DATA_DIR}; using the seed article only.", file=sys.stderr)
    out = sorted({s for t in texts for s in split_sentences(t)})
    return out, desc


def _time(fn, items, lexicon=None) -> float:
    t0 = time.process_time()
    if lexicon is None:
        for s in items:
            fn(s)
    else:
        for s in items:
            fn(s, lexicon)
    return time.process_time() - t0


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("-n", type=int, default=20_000, help="sentences per run (default 20,000)")
    ap.add_argument("--repeat", type=int, default=3, help="runs per engine, best is kept (default 3)")
    args = ap.parse_args(argv)

    from nltk.sentiment.vader import SentimentIntensityAnalyzer, VaderConstants

    import toolkit.sentiment as ts
    from toolkit import _vader

    pool, desc = sentences()
    rng = random.Random(8)
    items = [pool[k % len(pool)] for k in range(args.n)]
    rng.shuffle(items)
    fast_sia = ts.analyzer(None)
    lexicon = fast_sia.lexicon
    stock = SentimentIntensityAnalyzer.__new__(SentimentIntensityAnalyzer)
    stock.lexicon = lexicon
    stock.constants = VaderConstants()

    mismatches = [s for s in pool if _vader.scores(s, lexicon) != stock.polarity_scores(s)
                  or _vader.compound(s, lexicon) != stock.polarity_scores(s)["compound"]]
    engines = {
        "nltk `polarity_scores`": (stock.polarity_scores, None),
        "`toolkit.sentiment.analyzer(None).polarity_scores` (uncached)": (fast_sia.polarity_scores, None),
        "`_vader.scores`": (_vader.scores, lexicon),
        "`_vader.compound`": (_vader.compound, lexicon),
    }
    best = {k: float("inf") for k in engines}
    for _ in range(args.repeat):
        for name, (fn, lex) in engines.items():
            best[name] = min(best[name], _time(fn, items, lex))
    base = best["nltk `polarity_scores`"]
    words = sum(len(s.split()) for s in items) / len(items)
    print(f"{args.n:,} sentences ({len(pool):,} distinct, {words:.0f} words on average); source: {desc}. "
          f"Machine: {platform.machine()}, Python {platform.python_version()}. Process CPU time, best of "
          f"{args.repeat}. Results equal to NLTK's on all {len(pool):,} distinct sentences: "
          f"{'yes' if not mismatches else f'NO ({len(mismatches)} differ)'}.\n")
    print("| engine | CPU s | µs / sentence | speed-up vs NLTK |")
    print("|---|---:|---:|---:|")
    for name, t in best.items():
        print(f"| {name} | {t:.2f} | {1e6 * t / args.n:.1f} | {base / t:.2f}× |")
    if mismatches:
        print("\nfirst differing sentence:", repr(mismatches[0][:300]), file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
