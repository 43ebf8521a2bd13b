"""Parallel scoring: split a paragraphs frame by document and score the pieces in processes.

:func:`toolkit.score` calls this when ``n_jobs`` is not 1. Chunks always hold whole
documents, so the attribution context (who spoke in the previous paragraph) never crosses
a chunk boundary, and the result is identical to scoring in one process: same rows, same
order, same values.

Processes are started with ``fork`` on Linux when the caller runs no other threads (fast:
the workers inherit the loaded lexicons), else with ``forkserver``/``spawn``, which import
the package again in each worker. Each worker loads the lexicon and the actor registry
once, in its initializer.
"""
from __future__ import annotations

import logging
import multiprocessing
import os
import sys
import threading
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any

import pandas as pd

__all__ = ["resolve_n_jobs", "available_cores", "document_chunks", "ScoringPool", "score_in_processes",
           "score_dask", "is_dask_frame"]

log = logging.getLogger("toolkit")

# worker-process state, set by _init_worker
_WORKER: dict[str, Any] = {}


def resolve_n_jobs(n_jobs: Any) -> int:
    """Number of processes for ``n_jobs`` (joblib convention: ``-1`` = all cores, ``-2`` = all but one)."""
    if isinstance(n_jobs, bool) or not isinstance(n_jobs, int) or n_jobs == 0:
        raise ValueError(
            f"The value for `n_jobs` must be a non-zero int (1 = one process, -1 = all cores, "
            f"-2 = all but one…), but {n_jobs!r} was passed."
        )
    cores = available_cores()
    if n_jobs < 0:
        return max(1, cores + 1 + n_jobs)
    return n_jobs


def available_cores() -> int:
    """CPU cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # pragma: no cover - macOS / Windows
        return os.cpu_count() or 1


def document_chunks(paras: pd.DataFrame, target_rows: int) -> list[slice]:
    """Row slices of ``paras`` of about ``target_rows`` rows that never split a document.

    ``paras`` must hold each document's paragraphs in consecutive rows (as
    :func:`toolkit.split_paragraphs` returns them).
    """
    n = len(paras)
    if n == 0:
        return []
    target_rows = max(1, int(target_rows))
    doc = paras["doc_id"].to_numpy()
    # row positions where a new document starts
    starts = [0] + [i for i in range(1, n) if doc[i] != doc[i - 1]]
    starts.append(n)
    out: list[slice] = []
    lo = 0
    for s in starts[1:]:
        if s - lo >= target_rows or s == n:
            out.append(slice(lo, s))
            lo = s
    return out


def _mp_context():
    methods = multiprocessing.get_all_start_methods()
    if sys.platform.startswith("linux") and "fork" in methods and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    if "forkserver" in methods:
        return multiprocessing.get_context("forkserver")
    return multiprocessing.get_context("spawn")


def _init_worker(lexicon: Any, actors: Any) -> None:
    from toolkit.lexicon import load_lexicon
    from toolkit.scoring import _load_registry

    _WORKER["lexicon"] = load_lexicon(lexicon)
    _WORKER["registry"] = _load_registry(actors)


def _score_chunk(paras: pd.DataFrame) -> pd.DataFrame:
    from toolkit.scoring import _score_paragraphs

    return _score_paragraphs(paras, _WORKER["lexicon"], _WORKER["registry"], progress=False)


def _call_in_worker(func: Any, *args: Any) -> Any:
    return func(_WORKER["lexicon"], _WORKER["registry"], *args)


class ScoringPool:
    """A process pool whose workers hold a loaded lexicon and actor registry.

    Use as a context manager; :meth:`map_frames` scores paragraph frames in parallel and
    yields the results in input order; :meth:`submit` runs ``func(lexicon, registry, *args)``
    in a worker (``func`` must be a module-level function).
    """

    def __init__(self, n_jobs: int, *, lexicon: Any = None, actors: Any = None) -> None:
        self.n_jobs = n_jobs
        self._executor = ProcessPoolExecutor(max_workers=n_jobs, mp_context=_mp_context(),
                                             initializer=_init_worker, initargs=(lexicon, actors))

    def __enter__(self) -> ScoringPool:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close(cancel=exc[0] is not None)

    def close(self, *, cancel: bool = False) -> None:
        """Shut the workers down (``cancel``: drop work not yet started)."""
        self._executor.shutdown(wait=True, cancel_futures=cancel)

    def submit(self, func: Any, *args: Any) -> Future:
        """Run ``func(lexicon, registry, *args)`` in a worker."""
        return self._executor.submit(_call_in_worker, func, *args)

    def map_frames(self, frames: Iterator[pd.DataFrame] | list[pd.DataFrame], *,
                   in_flight: int | None = None) -> Iterator[pd.DataFrame]:
        """Score paragraph frames in the workers; yield the scores frames in input order.

        At most ``in_flight`` frames (default ``2 * n_jobs``) are queued at a time, so that
        a long iterator of frames is never held in memory all at once.
        """
        limit = in_flight or 2 * self.n_jobs
        pending: list[Future] = []
        for frame in frames:
            pending.append(self._executor.submit(_score_chunk, frame))
            while len(pending) >= limit:
                yield pending.pop(0).result()
        while pending:
            yield pending.pop(0).result()


def score_in_processes(paras: pd.DataFrame, *, n_jobs: int, lexicon: Any = None, actors: Any = None,
                       progress: bool | None = None, chunk_rows: int | None = None) -> pd.DataFrame:
    """Score a paragraphs frame in ``n_jobs`` processes, whole documents per chunk, order kept."""
    n = len(paras)
    if chunk_rows is None:
        # several chunks per worker balance the load; a few thousand rows keep overheads small
        chunk_rows = max(200, min(5000, -(-n // (n_jobs * 8))))
    slices = document_chunks(paras, chunk_rows)
    if progress is None:
        progress = n > 2000 and sys.stderr.isatty()
    bar = None
    if progress:
        from tqdm.auto import tqdm

        bar = tqdm(total=n, unit="para", desc=f"scoring ({n_jobs} processes)")
    parts = []
    try:
        with ScoringPool(min(n_jobs, len(slices)), lexicon=lexicon, actors=actors) as pool:
            for part in pool.map_frames(paras.iloc[sl] for sl in slices):
                parts.append(part)
                if bar is not None:
                    bar.update(len(part))
    finally:
        if bar is not None:
            bar.close()
    log.info("scored %d paragraphs in %d chunks with %d processes", n, len(slices), n_jobs)
    return pd.concat(parts, ignore_index=True)


# ---------------------------------------------------------------------------------------------
# dask

def is_dask_frame(data: Any) -> bool:
    """Whether ``data`` is a ``dask.dataframe.DataFrame`` (checked without importing dask)."""
    mod = type(data).__module__ or ""
    return mod.split(".")[0] in ("dask", "dask_expr") and hasattr(data, "map_partitions") and hasattr(data, "columns")


def _has_id_column(columns: Any, id: str | None) -> bool:
    from toolkit.io import ID_COLUMN_CANDIDATES

    return id is not None or any(c in columns for c in ID_COLUMN_CANDIDATES)


def _score_partition(part: pd.DataFrame, text: str | None, id: str | None, lexicon: Any,
                     actors: Any) -> pd.DataFrame:
    from toolkit.scoring import score

    if not _has_id_column(part.columns, id) and not (
            text is None and {"doc_id", "para_id", "text"} <= set(part.columns)):
        # ids from the global index, as the pandas path numbers rows 0, 1, 2 … of the whole frame
        part = part.assign(doc_id=[str(i) for i in part.index])
    out = score(part, text=text, id=id, lexicon=lexicon, actors=actors, progress=False)
    for col in out.columns:
        # dask turns text columns into pyarrow strings; give back pandas' default `str`, as the pandas path does
        if isinstance(out[col].dtype, pd.StringDtype) and out[col].dtype != pd.StringDtype(na_value=float("nan")):
            out[col] = out[col].astype("str")
    return out


def score_dask(ddf: Any, *, text: str | None = None, id: str | None = None, lexicon: Any = None,
               actors: Any = None) -> Any:
    """Score a dask DataFrame of documents (or paragraphs), partition by partition.

    Returns a lazy dask DataFrame with the columns and dtypes of the pandas scores frame;
    nothing runs until it is computed (``.compute()``, ``.to_parquet(...)``). Each partition
    is scored independently, so a document must not span two partitions (partitions from
    ``dd.from_pandas``, ``dd.read_parquet`` or ``dd.read_csv`` of one row per document never
    do). Without an id column, ``doc_id`` is the row's index label, as in the pandas path for
    a frame with a default index.
    """
    from toolkit.lexicon import load_lexicon

    lex = load_lexicon(lexicon)  # validate once, here, with a clear error
    del lex
    import warnings

    sample = ddf._meta_nonempty.iloc[:1].copy()
    for col in sample.columns:  # dask's fake values may be NA; give text-like columns real text
        if pd.api.types.is_string_dtype(sample[col].dtype) or sample[col].dtype == object:
            sample[col] = pd.Series(["Sample."], index=sample.index, dtype=sample[col].dtype)
    with warnings.catch_warnings():  # the fake sample row may have odd values: not the user's data
        warnings.simplefilter("ignore")
        meta = _score_partition(sample, text, id, lexicon, actors).iloc[:0]
    return ddf.map_partitions(_score_partition, text, id, lexicon, actors, meta=meta,
                              enforce_metadata=False, align_dataframes=False)
