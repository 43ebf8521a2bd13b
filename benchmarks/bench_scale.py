"""Scale: a million paragraphs through toolkit.score_files (wall time, peak RSS) and import time.

    python benchmarks/bench_scale.py                      # 1,000,000 paragraphs, all cores
    python benchmarks/bench_scale.py -n 100000 --n-jobs 1 --no-actors

Builds the corpus of ``bench_score.py`` (``--corpus sampled|distinct``), writes it as a
Parquet file of documents (12 paragraphs each) in a temporary folder, then runs
``toolkit.score_files(..., n_jobs=...)`` in a child process while sampling the resident
memory of that process and all its workers every 0.2 s. Peak RSS is the largest sum over
the process tree (what the machine must hold at once). Also measures ``import toolkit`` in
a fresh interpreter, and the first-use import of the scoring stack.
"""
from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from _common import ROOT  # noqa: E402
from bench_score import PARAS_PER_DOC, build_corpus, documents, write_section  # noqa: E402


def import_time(statement: str, repeat: int = 5) -> float:
    """Median seconds of ``python -c statement`` minus an empty interpreter's start."""
    def run(code: str) -> float:
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)
        return time.perf_counter() - t0

    base = statistics.median(run("pass") for _ in range(repeat))
    return max(0.0, statistics.median(run(statement) for _ in range(repeat)) - base)


def _tree_rss(pid: int) -> int:
    import psutil

    try:
        proc = psutil.Process(pid)
        procs = [proc] + proc.children(recursive=True)
    except psutil.NoSuchProcess:
        return 0
    total = 0
    for p in procs:
        try:
            total += p.memory_info().rss
        except psutil.NoSuchProcess:
            continue
    return total


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("-n", "--paragraphs", type=int, default=1_000_000)
    ap.add_argument("--corpus", choices=("sampled", "distinct"), default="sampled")
    ap.add_argument("--n-jobs", type=int, default=-1)
    ap.add_argument("--chunk-size", type=int, default=1000, help="documents per chunk (default 1000)")
    ap.add_argument("--no-actors", action="store_true", help="actors=False (skip attribution)")
    ap.add_argument("--workdir", default=None, help="folder for the input and output files (default: a temp dir)")
    ap.add_argument("--no-write", action="store_true", help="do not update benchmarks/RESULTS.md")
    args = ap.parse_args(argv)

    t_imp = import_time("import toolkit")
    t_first = import_time("import toolkit; toolkit.score")
    print(f"import toolkit: {t_imp:.2f} s; first use of toolkit.score (imports pandas, nltk, the scoring stack): "
          f"{t_first:.2f} s")

    work = Path(args.workdir) if args.workdir else Path(tempfile.mkdtemp(prefix="toolkit-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    src = work / f"docs-{args.paragraphs}-{args.corpus}.parquet"
    if not src.exists():
        t0 = time.perf_counter()
        paragraphs, desc = build_corpus(args.paragraphs, distinct=args.corpus == "distinct")
        documents(paragraphs).to_parquet(src, index=False)
        del paragraphs
        print(f"corpus written to {src} in {time.perf_counter() - t0:.1f} s")
    else:
        _, desc = build_corpus(1, distinct=args.corpus == "distinct")
    out = work / "scores.parquet"
    actors = "False" if args.no_actors else "None"
    code = (f"import toolkit.streaming as s; s.score_files({str(src)!r}, {str(out)!r}, chunk_size={args.chunk_size}, "
            f"n_jobs={args.n_jobs}, actors={actors}, overwrite=True, progress=False)")
    t0 = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", code], cwd=ROOT)
    peak = 0
    while proc.poll() is None:
        peak = max(peak, _tree_rss(proc.pid))
        time.sleep(0.2)
    wall = time.perf_counter() - t0
    if proc.returncode != 0:
        raise SystemExit(f"score_files failed with status {proc.returncode}")
    import pyarrow.parquet as pq

    rows = pq.ParquetFile(out).metadata.num_rows
    if rows != args.paragraphs:
        raise SystemExit(f"score_files wrote {rows} rows for {args.paragraphs} paragraphs")
    try:
        load = os.getloadavg()[0]
    except OSError:  # pragma: no cover
        load = float("nan")
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    print(f"score_files: {rows:,} paragraphs in {wall:.1f} s ({rows / wall:,.0f} para/s), "
          f"peak RSS {peak / 2**30:.2f} GiB (process tree), n_jobs={args.n_jobs}, actors={actors}")
    body = "\n".join([
        f"## Scale and import time (`bench_scale.py`, corpus `{args.corpus}`, "
        f"{'actors=False' if args.no_actors else 'with attribution'})",
        "",
        f"Machine: {platform.processor() or platform.machine()}, {cores} cores, Python {platform.python_version()}; "
        f"load average at the end {load:.1f}. Corpus source: {desc}.",
        "",
        "| measure | value | target |",
        "|---|---:|---:|",
        f"| `import toolkit` (fresh interpreter, median of 5, minus bare start-up) | {t_imp:.2f} s | ≤ 1.5 s |",
        f"| first `toolkit.score` attribute access (imports pandas, NLTK, scoring) | {t_first:.2f} s | — |",
        f"| `score_files`: {rows:,} paragraphs ({PARAS_PER_DOC} per document, Parquet in, Parquet out), "
        f"n_jobs={args.n_jobs}, chunk_size={args.chunk_size} | {wall:.0f} s ({rows / wall:,.0f} para/s) | "
        f"≤ 180 s for 1M |",
        f"| peak RSS, sum over the process and its workers | {peak / 2**30:.2f} GiB | ≤ 4 GB |",
    ])
    if not args.no_write:
        write_section(f"bench_scale:{args.corpus}:{'noactors' if args.no_actors else 'actors'}", body)
    return 0


if __name__ == "__main__":
    sys.exit(main())
