"""Aggregation: tidy summaries of a scores frame, by actor, pair, term, rhetoric class and date.

Everything the charts in :mod:`toolkit.charts` draw is computed here first, as plain pandas
frames, so the numbers can be tested, exported and reused without drawing anything:

* :func:`summarize` – per group (speaker, target, document, …): paragraph counts, means and
  bootstrap confidence intervals of sentiment and escalation;
* :func:`explode_targets` – one row per paragraph × target (who says what about whom);
* :func:`contrast_table` – for one speaker or a group of speakers (``country="RUS"``), each
  target's means, counts, the evidence words and a snippet;
* :func:`pair_matrix` – speaker × target means and counts;
* :func:`rhetoric_table` – rhetoric classes per group;
* :func:`evidence_table` – which terms drive escalation and sentiment;
* :func:`timeline_table` – means per period and actor.

All functions take the scores frame first, everything else keyword-only, and never mutate
their input. Intervals are percentile bootstrap intervals of the mean with an explicit
``seed`` (above :data:`BOOTSTRAP_MAX_N` values, the normal approximation ``mean ± z·s/√n``);
a group with fewer than two paragraphs gets no interval (NaN), never a fake one.

Speed on large corpora: :func:`toolkit.statements` is read once per paragraph and cached (see
:func:`_read_statements`), so charts of filtered selections of one scores frame — what the
explorer draws after each filter change — reuse what the first chart read; groups of equal
size share one resampling matrix, resampled in one numpy operation.
"""
from __future__ import annotations

import functools
import itertools
import logging
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np
import pandas as pd

__all__ = [
    "summarize",
    "bootstrap_interval",
    "BOOTSTRAP_MAX_N",
    "explode_targets",
    "resolve_speakers",
    "contrast_table",
    "pair_matrix",
    "rhetoric_table",
    "evidence_table",
    "timeline_table",
    "snippet",
    "MEASURES",
    "NO_SPEAKER",
    "NO_TARGET",
]

log = logging.getLogger("toolkit")

#: The two numeric measures of the scores frame.
MEASURES: tuple[str, ...] = ("sentiment", "escalation")
#: Group label for paragraphs without a speaker (the journalist's narration).
NO_SPEAKER = "(no speaker)"
#: Group label for paragraphs without a target.
NO_TARGET = "(no target)"

_LIST_COLUMNS = ("targets", "actors", "evidence")
_SPECIAL_BY = {"target": "targets", "actor": "actors"}


# ------------------------------------------------------------------------------------ validation
def _bad(param: str, value: Any, options: Iterable[Any] | str) -> ValueError:
    if isinstance(options, str):
        return ValueError(f"The value for `{param}` must be {options}, but {value!r} was passed.")
    return ValueError(f"The value for `{param}` must be one of {list(options)}, but {value!r} was passed.")


def _check_argument(param: str, value: Any, options: Sequence[Any]) -> None:
    if value not in options:
        raise _bad(param, value, options)


def _check_scores(scores: Any, columns: Iterable[str], argument: str = "scores") -> None:
    if not isinstance(scores, pd.DataFrame):
        raise TypeError(
            f"`{argument}` must be a pandas DataFrame (the scores frame from toolkit.score), "
            f"but a {type(scores).__name__} was passed."
        )
    missing = [c for c in columns if c not in scores.columns]
    if missing:
        raise ValueError(
            f"`{argument}` is missing column(s) {missing}; it has {list(scores.columns)}. "
            "Pass the frame returned by toolkit.score (see DESIGN.md, 'The scores frame')."
        )


def _check_measures(value: Any, param: str = "value") -> list[str]:
    values = [value] if isinstance(value, str) else list(value)
    for v in values:
        _check_argument(param, v, MEASURES)
    if not values:
        raise _bad(param, value, "a measure or a list of measures from " + str(list(MEASURES)))
    return values


def _check_seed(seed: Any) -> None:
    if seed is not None and not isinstance(seed, (int, np.integer)):
        raise _bad("seed", seed, "an int (or None for a random seed)")


def _as_list(cell: Any) -> list:
    """A list-valued cell (list, tuple, array, None, NaN, or 'a|b' string) as a Python list.

    A list is returned as it is (not copied): callers only read it.
    """
    if type(cell) is list:
        return cell
    if cell is None:
        return []
    if isinstance(cell, float) and cell != cell:
        return []
    if isinstance(cell, str):
        return [c.strip() for c in cell.split("|") if c.strip()]
    if isinstance(cell, dict):
        return [cell]
    try:
        return list(cell)
    except TypeError:
        return [cell]


def _label(value: Any, missing: str) -> str:
    if value is None or (isinstance(value, float) and value != value) or value is pd.NA:
        return missing
    return str(value)


def _labels(values: pd.Series, missing: str) -> pd.Series:
    """``values.map(_label)`` as an object Series, without a Python call per row for strings."""
    obj = values.astype(object)
    if pd.api.types.infer_dtype(obj, skipna=True) in ("string", "empty"):
        return obj.where(values.notna().to_numpy(), missing)
    return obj.map(lambda v: _label(v, missing))


def _object_keys(values: Any) -> Any:
    """String-like group keys as a plain object array: pandas groups those much faster than Arrow strings."""
    if isinstance(values, pd.Series):
        if pd.api.types.is_string_dtype(values.dtype):
            return pd.Series(values.to_numpy(dtype=object), dtype=object)
        return values.to_numpy()
    arr = np.asarray(values)
    return pd.Series(arr, dtype=object) if arr.dtype == object else arr


# ------------------------------------------------------------------------------------- registry
@functools.lru_cache(maxsize=1)
def _default_registry_frame() -> pd.DataFrame | None:
    try:
        from toolkit.actors import load_actors
    except ImportError:  # actors module not installed
        return None
    try:
        return _frame_of(load_actors())
    except Exception as err:  # pragma: no cover - a broken registry must not break charts
        log.warning("could not load the default actor registry: %s", err)
        return None


def _frame_of(registry: Any) -> pd.DataFrame:
    for attr in ("frame", "to_frame"):
        obj = getattr(registry, attr, None)
        if obj is not None:
            frame = obj() if callable(obj) else obj
            if isinstance(frame, pd.DataFrame):
                return frame
    if isinstance(registry, pd.DataFrame):
        return registry
    raise _bad("registry", registry, "an ActorRegistry, a registry DataFrame or anything toolkit.load_actors reads")


def _registry_frame(registry: Any = None) -> pd.DataFrame | None:
    """The actor registry as a frame with ``name`` and ``country`` (None when unavailable)."""
    if registry is None:
        return _default_registry_frame()
    if isinstance(registry, pd.DataFrame) and {"name", "country"} <= set(registry.columns):
        return registry
    if hasattr(registry, "frame") or hasattr(registry, "to_frame"):
        return _frame_of(registry)
    from toolkit.actors import load_actors

    return _frame_of(load_actors(registry))


def resolve_speakers(scores: pd.DataFrame, *, speaker: Any = None, country: str | None = None,
                     registry: Any = None, param: str = "speaker") -> tuple[list[str], str, bool]:
    """Turn a speaker argument into the list of speaker names it stands for.

    ``speaker`` may be an actor name, a list of names, or a country code such as ``"RUS"``
    (every actor of the registry whose ``country`` is RUS: Vladimir Putin, Dmitry Peskov, the
    Kremlin, Russia, …); ``country="RUS"`` is the same as ``speaker="RUS"``.

    Returns ``(names, label, is_group)``. Names that the registry knows but that never speak in
    ``scores`` are kept (they select no rows); a name that is neither in ``scores`` nor in the
    registry raises a ``ValueError`` listing the speakers present.
    """
    present = sorted({str(s) for s in scores["speaker"].dropna()}) if "speaker" in scores else []
    reg = _registry_frame(registry)
    known = set(present)
    if reg is not None:
        known |= set(reg["name"].astype(str))
    if speaker is not None and country is not None:
        raise ValueError(
            f"Pass either `speaker` or `country`, not both (got speaker={speaker!r}, country={country!r})."
        )
    if speaker is None and country is None:
        raise ValueError(
            f"`{param}` is required: pass an actor name, a list of names or a country code such as 'RUS'"
            f" (speakers in the data: {present[:20]})."
        )

    def _group(code: str, argument: str) -> tuple[list[str], str, bool]:
        if reg is None:
            raise ValueError(
                f"The value for `{argument}` {code!r} looks like a country code, but no actor registry is "
                "available to resolve it (toolkit.actors is missing); pass actor names instead."
            )
        countries = reg["country"].astype(object).where(reg["country"].notna(), None)
        names = [str(n) for n, c in zip(reg["name"], countries, strict=False) if c is not None and str(c).upper() == code]
        if not names:
            codes = sorted({str(c) for c in countries.dropna() if str(c)})
            raise _bad(argument, code, f"a country code of the actor registry, e.g. {codes[:12]}")
        in_data = [n for n in names if n in set(present)]
        shown = ", ".join(in_data[:4]) + (", …" if len(in_data) > 4 else "")
        return names, f"{code} ({shown})" if shown else code, True

    if country is not None:
        if not isinstance(country, str):
            raise _bad("country", country, "an ISO 3166-1 alpha-3 code such as 'RUS'")
        return _group(country.strip().upper(), "country")
    if isinstance(speaker, str):
        if speaker in known:
            return [speaker], speaker, False
        code = speaker.strip().upper()
        if len(code) == 3 and code.isalpha() and reg is not None and (reg["country"].astype(str).str.upper() == code).any():
            return _group(code, param)
        raise ValueError(
            f"The value for `{param}` must be an actor name, a list of names or a country code such as "
            f"'RUS', but {speaker!r} was passed; speakers in the data: {present[:20]}."
        )
    if isinstance(speaker, Iterable):
        names = [str(s) for s in speaker]
        unknown = [n for n in names if n not in known]
        if unknown:
            raise ValueError(
                f"The value for `{param}` names unknown actor(s) {unknown}; speakers in the data: {present[:20]}."
            )
        if not names:
            raise _bad(param, speaker, "a non-empty list of actor names")
        return names, ", ".join(names), len(names) > 1
    raise _bad(param, speaker, "an actor name, a list of names or a country code such as 'RUS'")


def _speaker_country(scores: pd.DataFrame, registry: Any = None) -> pd.Series:
    reg = _registry_frame(registry)
    if reg is None:
        raise ValueError("`by='country'` needs the actor registry (toolkit.actors), which is not available.")
    lookup = dict(zip(reg["name"].astype(str), reg["country"], strict=False))
    return scores["speaker"].map(lambda s: lookup.get(s) if isinstance(s, str) else None)


# ------------------------------------------------------------------------------------- bootstrap
#: Groups with more finite values than this get the normal-approximation interval
#: ``mean ± z·s/√n`` (clipped to the range of the values) instead of resampling. The percentile
#: bootstrap of a mean converges to it; above n = 100 the two differ by about the bootstrap's own
#: Monte-Carlo noise (median 2 %, at most 7 % of the interval's width, ≤ 0.013 in absolute terms on
#: benchmarks/bench_widgets.py's corpus), while resampling a group costs ``n_boot × n`` draws.
BOOTSTRAP_MAX_N = 100


def _check_bootstrap(seed: Any, n_boot: Any, level: Any, max_n: Any) -> None:
    _check_seed(seed)
    if not isinstance(level, (int, float, np.floating)) or not 0 < level < 1:
        raise _bad("level", level, "a confidence level between 0 and 1, e.g. 0.95")
    if not isinstance(n_boot, (int, np.integer)) or isinstance(n_boot, bool) or n_boot < 1:
        raise _bad("n_boot", n_boot, "a positive int, e.g. 1000")
    if max_n is not None and (not isinstance(max_n, (int, np.integer)) or isinstance(max_n, bool) or max_n < 1):
        raise _bad("max_n", max_n, f"a positive int (default {BOOTSTRAP_MAX_N}) or None (always resample)")


def _normal_interval(arr: np.ndarray, level: float) -> tuple[float, float]:
    from statistics import NormalDist

    z = NormalDist().inv_cdf(1 - (1 - level) / 2)
    mean = float(arr.mean())
    half = z * float(arr.std(ddof=1)) / float(np.sqrt(arr.size))
    low, high = float(arr.min()), float(arr.max())
    return max(low, mean - half), min(high, mean + half)


def _intervals(groups: Sequence[np.ndarray], *, seed: int | None, n_boot: int, level: float,
               max_n: int | None) -> list[tuple[float, float]]:
    """:func:`bootstrap_interval` of each array of finite values, computed together.

    Every group is resampled from ``default_rng(seed)`` afresh (as a single call would be), so
    groups of the same size share one index matrix: they are resampled in one numpy operation
    and give exactly the intervals of separate calls.
    """
    nan = float("nan")
    out: list[tuple[float, float]] = [(nan, nan)] * len(groups)
    by_size: dict[int, list[int]] = {}
    for k, arr in enumerate(groups):
        if arr.size < 2:
            continue
        if np.all(arr == arr[0]):
            out[k] = (float(arr[0]), float(arr[0]))
        elif max_n is not None and arr.size > max_n:
            out[k] = _normal_interval(arr, level)
        elif seed is None:  # a fresh random stream per group
            out[k] = bootstrap_interval(arr, seed=None, n_boot=n_boot, level=level, max_n=max_n)
        else:
            by_size.setdefault(arr.size, []).append(k)
    alpha = (1 - level) / 2
    for size, ks in by_size.items():
        idx = _resample_index(int(seed), int(n_boot), size)
        step = max(1, 4_000_000 // (int(n_boot) * size))  # bound the memory of one batch
        for c in range(0, len(ks), step):
            part = ks[c:c + step]
            # (groups × n_boot) rows of one resample each, reduced as a single call reduces them
            means = np.stack([groups[k] for k in part])[:, idx].reshape(-1, size).mean(axis=1)
            means = means.reshape(len(part), int(n_boot))
            q = np.quantile(means, [alpha, 1 - alpha], axis=1)
            for j, k in enumerate(part):
                out[k] = (float(q[0, j]), float(q[1, j]))
    return out


@functools.lru_cache(maxsize=100)
def _resample_index(seed: int, n_boot: int, size: int) -> np.ndarray:
    """The resampling matrix ``default_rng(seed).integers(0, size, (n_boot, size))`` (read-only, cached)."""
    idx = np.random.default_rng(seed).integers(0, size, size=(n_boot, size)).astype(np.int32)
    idx.setflags(write=False)
    return idx


def bootstrap_interval(values: Any, *, seed: int | None = 0, n_boot: int = 1000,
                       level: float = 0.95, max_n: int | None = BOOTSTRAP_MAX_N) -> tuple[float, float]:
    """Percentile bootstrap interval of the mean of ``values``.

    Returns ``(nan, nan)`` for fewer than two finite values: one paragraph says nothing
    about spread, and the charts show such groups without whiskers. With more than ``max_n``
    finite values (default :data:`BOOTSTRAP_MAX_N`) the interval is the normal approximation
    ``mean ± z·s/√n``, clipped to the range of the values (deterministic, no resampling);
    ``max_n=None`` always resamples. The same ``seed`` always gives the same interval.
    """
    _check_bootstrap(seed, n_boot, level, max_n)
    arr = np.asarray(values, dtype="float64")
    arr = arr[np.isfinite(arr)]
    if arr.size < 2:
        return float("nan"), float("nan")
    if np.all(arr == arr[0]):
        return float(arr[0]), float(arr[0])
    if max_n is not None and arr.size > max_n:
        return _normal_interval(arr, level)
    rng = np.random.default_rng(seed)
    idx = rng.integers(0, arr.size, size=(int(n_boot), arr.size))
    means = arr[idx].mean(axis=1)
    alpha = (1 - level) / 2
    low, high = np.quantile(means, [alpha, 1 - alpha])
    return float(low), float(high)


# --------------------------------------------------------------------------------------- explode
#: Statements already read, per paragraph: (text, id(targets cell), id(evidence cell)) ->
#: (targets cell, evidence cell, [(target, sentiment, evidence), …]). The cells are kept (so
#: their ids cannot be reused while the entry lives); the oldest entries go first.
_STATEMENT_CACHE: dict[tuple, tuple] = {}
_STATEMENT_CACHE_MAX = 250_000
_NO_COLUMN = object()


def _clear_statement_cache() -> None:
    """Forget the statements and evidence read so far (they are re-read on the next chart)."""
    _STATEMENT_CACHE.clear()
    _EVIDENCE_CACHE.clear()


def _no_targets(cell: Any) -> bool:
    """True for the cells :func:`toolkit.statements` skips (None, NaN, empty)."""
    if cell is None or (isinstance(cell, float) and cell != cell):
        return True
    try:
        return len(cell) == 0
    except TypeError:
        return False


_NO_STATEMENTS: tuple = ((), ((), (), ()))


def _aligned(targets: Any, rows: list[tuple]) -> tuple[tuple, tuple, tuple] | None:
    """The statement of each target of ``_as_list(targets)``, in order: (sentiments, evidence, found).

    A target without a statement gets NaN, NaN, False. None when a target is missing (None,
    NaN), which :func:`explode_targets` drops: such a row takes the slow path.
    """
    sentiments, evidence, found = [], [], []
    for t in _as_list(targets):
        if t is None or (isinstance(t, float) and t != t) or t is pd.NA:
            return None
        key = str(t)
        hit = next((s for s in rows if s[0] == key), None)
        sentiments.append(hit[1] if hit is not None else float("nan"))
        evidence.append(hit[2] if hit is not None else float("nan"))
        found.append(hit is not None)
    return tuple(sentiments), tuple(evidence), tuple(found)


def _read_statements(scores: pd.DataFrame, statements: Any) -> list[tuple]:
    """Per row of ``scores``: ``(statements, aligned)``, each paragraph read once.

    ``statements`` is a list of ``(target, sentiment, evidence)``, ``aligned`` the same per
    exploded target (see :func:`_aligned`).

    :func:`toolkit.statements` is row-local: a paragraph's statements depend only on its
    ``text``, ``targets`` and ``evidence``. So they are cached per paragraph, keyed on the text
    and the identity of its ``targets`` and ``evidence`` cells. Filtering a frame (boolean
    indexing, ``iloc``, ``copy``) keeps those cell objects, so the explorer's filtered
    selections and repeated chart calls reuse what the first chart on the full frame read; a
    re-scored frame has new cells and is read afresh. Cells must not be mutated in place (the
    scores-frame contract); :func:`_clear_statement_cache` forgets everything.
    """
    cacheable = scores["targets"].dtype == object and (
        "evidence" not in scores.columns or scores["evidence"].dtype == object)
    texts = scores["text"].tolist()
    targets = scores["targets"].tolist()
    evidence = scores["evidence"].tolist() if "evidence" in scores.columns else [_NO_COLUMN] * len(scores)
    found: list[tuple] = [_NO_STATEMENTS] * len(texts)
    miss: list[int] = []
    keys: dict[int, tuple] = {}
    get = _STATEMENT_CACHE.get
    for i, (text, tg, ev) in enumerate(zip(texts, targets, evidence, strict=True)):
        if type(tg) is not list or type(ev) is not list or not cacheable:
            if _no_targets(tg):
                continue
        elif not tg:
            continue
        else:
            key = (text, id(tg), id(ev))
            try:
                entry = get(key)
            except TypeError:  # an unhashable text: not cached
                entry = None
            else:
                keys[i] = key
            if entry is not None and entry[0] is tg and entry[1] is ev:
                found[i] = entry[2]
                continue
        miss.append(i)
    if miss:
        sub = pd.DataFrame({
            "doc_id": np.arange(len(miss)), "para_id": 0, "text": [texts[i] for i in miss], "speaker": None,
            "targets": pd.Series([targets[i] for i in miss], dtype=object),
        })
        if "evidence" in scores.columns:
            sub["evidence"] = pd.Series([evidence[i] for i in miss], dtype=object)
        st = statements(sub)
        got: list[list[tuple]] = [[] for _ in miss]
        for pos, tgt, sent, ev in zip(st["doc_id"].tolist(), st["target"].tolist(), st["sentiment"].tolist(),
                                      st["evidence"].tolist(), strict=True):
            got[pos].append((tgt, sent, ev))
        for i, rows in zip(miss, got, strict=True):
            found[i] = (rows, _aligned(targets[i], rows))
            if i in keys:
                _STATEMENT_CACHE[keys[i]] = (targets[i], evidence[i], found[i])
        overflow = len(_STATEMENT_CACHE) - _STATEMENT_CACHE_MAX
        if overflow > 0:
            for key in list(itertools.islice(iter(_STATEMENT_CACHE), overflow)):
                del _STATEMENT_CACHE[key]
    return found


def _statement_rows(scores: pd.DataFrame) -> list[tuple] | None:
    """Per row: the statements from :func:`toolkit.statements` (see :func:`_read_statements`), or None."""
    if any(c not in scores.columns for c in ("doc_id", "para_id", "text", "speaker", "targets")):
        return None
    try:
        from toolkit.attribution import statements
    except ImportError:
        return None
    try:
        return _read_statements(scores, statements)
    except Exception as err:  # a statements() that cannot read this frame: use our own explode
        log.debug("toolkit.statements failed (%s); exploding the targets column instead", err)
        return None


def explode_targets(scores: pd.DataFrame, *, use_statements: bool = True) -> pd.DataFrame:
    """One row per paragraph × target: who says what about whom.

    Columns: ``doc_id``, ``para_id``, ``speaker`` (None for narration), ``target``,
    ``sentiment``, ``escalation``, ``rhetoric``, ``text``, ``evidence`` and any ``date``,
    ``title``, ``source`` columns. Paragraphs without targets do not appear.

    With ``use_statements=True`` and :func:`toolkit.statements` available, its per-target
    ``sentiment`` (the tone towards that target, not the whole paragraph's) replaces the
    paragraph's sentiment where it is given, and its ``evidence`` (the cues inside the clause
    that names the target) replaces the paragraph's; otherwise every target of a paragraph
    shares the paragraph's values. Statements are read once per paragraph and cached (see
    :func:`_read_statements`), so charts on a filtered selection reuse them.
    """
    _check_scores(scores, ("doc_id", "para_id", "speaker", "targets", "sentiment", "escalation"))
    keep = [c for c in ("doc_id", "para_id", "speaker", "sentiment", "escalation", "rhetoric", "text",
                        "evidence", "date", "title", "source") if c in scores.columns]
    lists = [_as_list(c) for c in scores["targets"].tolist()]
    lens = np.fromiter(map(len, lists), dtype="int64", count=len(lists))
    flat = pd.Series(list(itertools.chain.from_iterable(lists)), dtype=object)
    rows = np.repeat(np.arange(len(lists), dtype="int64"), lens)
    present = flat.notna().to_numpy()
    rows, flat = rows[present], flat[present]
    out = scores[keep].iloc[rows].reset_index(drop=True)
    out["target"] = flat.astype(str).to_numpy() if len(flat) else pd.Series([], dtype=str)
    out["speaker"] = out["speaker"].astype(object).where(out["speaker"].notna(), None)
    if not use_statements or not len(out):
        return out
    per_row = _statement_rows(scores)
    if per_row is None:
        return out
    aligned = [per_row[i][1] for i in np.flatnonzero(lens).tolist()]
    if all(a is not None for a in aligned):  # every target of every row kept: statements in row order
        sentiment = list(itertools.chain.from_iterable(a[0] for a in aligned))
        evidence = list(itertools.chain.from_iterable(a[1] for a in aligned))
        found = list(itertools.chain.from_iterable(a[2] for a in aligned))
    else:
        sentiment, evidence, found = [], [], []
        for i, tgt in zip(rows.tolist(), out["target"].tolist(), strict=True):
            hit = next((s for s in per_row[i][0] if s[0] == tgt), None)
            found.append(hit is not None)
            sentiment.append(hit[1] if hit is not None else float("nan"))
            evidence.append(hit[2] if hit is not None else float("nan"))
    given = pd.to_numeric(pd.Series(sentiment), errors="coerce")
    out["sentiment"] = given.where(given.notna(), out["sentiment"]).astype("float64")
    esc = pd.to_numeric(out["escalation"], errors="coerce")  # statements carry the paragraph's escalation
    out["escalation"] = esc.where(esc.notna() & np.asarray(found), out["escalation"]).astype("float64")
    if "evidence" in out.columns:  # the evidence inside the clause that names the target (a copy)
        out["evidence"] = [list(g) if isinstance(g, list) else o
                           for g, o in zip(evidence, out["evidence"].tolist(), strict=True)]
    else:
        out["evidence"] = [list(g) if isinstance(g, list) else g for g in evidence]
    out.attrs = {}  # as a merge with the statements leaves them
    return out


# ------------------------------------------------------------------------------------- summarize
def _group_frame(scores: pd.DataFrame, by: list[str], registry: Any) -> pd.DataFrame:
    frame = scores
    for b in by:
        if b in _SPECIAL_BY and _SPECIAL_BY[b] in frame.columns and b not in frame.columns:
            if b == "target":
                frame = explode_targets(frame) if "targets" in frame.columns else frame
            else:
                frame = frame.assign(actor=frame["actors"].map(_as_list)).explode("actor", ignore_index=True)
                frame = frame[frame["actor"].notna()]
        elif b == "country" and b not in frame.columns:
            frame = frame.assign(country=_speaker_country(frame, registry))
        elif b not in frame.columns:
            options = sorted(set(frame.columns) - set(_LIST_COLUMNS) - {"text"}) + sorted(_SPECIAL_BY) + ["country"]
            raise _bad("by", b, options)
    return frame


def summarize(scores: pd.DataFrame, *, by: str | Sequence[str] = "speaker",
              value: str | Sequence[str] = MEASURES, seed: int | None = 0, n_boot: int = 1000,
              level: float = 0.95, dropna: bool = False, registry: Any = None,
              max_n: int | None = BOOTSTRAP_MAX_N) -> pd.DataFrame:
    """Tidy per-group summary of a scores frame: counts, means and bootstrap intervals.

    Parameters
    ----------
    scores
        The scores frame from :func:`toolkit.score`.
    by
        Column(s) to group by: any column of ``scores`` (``"speaker"``, ``"doc_id"``,
        ``"rhetoric"``, ``"date"``…), or ``"target"`` (one row per paragraph × target, see
        :func:`explode_targets`), ``"actor"`` (every actor mentioned) or ``"country"`` (the
        speaker's country in the actor registry).
    value
        Measure(s) to summarise: ``"sentiment"``, ``"escalation"`` or both (default).
    seed, n_boot, level, max_n
        Bootstrap settings: random seed (int; the same seed gives the same intervals),
        number of resamples, confidence level, and the group size above which the interval is
        the normal approximation ``mean ± z·s/√n`` instead (see :func:`bootstrap_interval`;
        ``None`` always resamples).
    dropna
        Drop paragraphs whose group is missing. By default they are kept under the labels
        ``"(no speaker)"`` / ``"(no target)"`` / ``"(no <column>)"``, so nothing is silently lost.
    registry
        Actor registry for ``by="country"`` (default: the packaged one).

    Returns
    -------
    DataFrame with the ``by`` columns, ``n`` (paragraphs, or statements for ``by="target"``),
    ``n_docs`` and, per measure, ``<measure>_mean``, ``<measure>_low``, ``<measure>_high``;
    sorted by ``n`` (largest first), then by group. Groups with ``n < 2`` have NaN intervals.
    """
    by_list = [by] if isinstance(by, str) else list(by)
    if not by_list:
        raise _bad("by", by, "a column name or a non-empty list of column names")
    values = _check_measures(value)
    _check_bootstrap(seed, n_boot, level, max_n)
    _check_scores(scores, ["doc_id", *values])
    frame = _group_frame(scores, by_list, registry)
    keys = []
    for b in by_list:
        col = "target" if b == "target" else b
        missing = NO_SPEAKER if col == "speaker" else NO_TARGET if col == "target" else f"(no {col})"
        key = frame[col]
        if not dropna:
            if pd.api.types.is_datetime64_any_dtype(key):
                keys.append(key)
                continue
            key = _labels(key, missing)
        keys.append(key)
    cols = ["target" if b == "target" else b for b in by_list]
    out_cols = [*cols, "n", "n_docs"] + [f"{v}_{s}" for v in values for s in ("mean", "low", "high")]
    if frame.empty:
        return pd.DataFrame({c: pd.Series(dtype="float64" if c.endswith(("_mean", "_low", "_high")) else object)
                             for c in out_cols}).astype({"n": "int64", "n_docs": "int64"})
    data = pd.DataFrame({f"__k{i}": _object_keys(k) for i, k in enumerate(keys)})
    data["doc_id"] = _object_keys(frame["doc_id"])
    key_cols = [f"__k{i}" for i in range(len(keys))]
    grouped = data.groupby(key_cols, sort=True, dropna=dropna)
    sizes = grouped.size()
    n_docs = grouped["doc_id"].nunique()
    codes = grouped.ngroup().fillna(-1).to_numpy(dtype="int64")  # -1: a dropped (missing) group
    order = np.argsort(codes, kind="stable")
    order = order[codes[order] >= 0]
    bounds = np.concatenate([[0], np.cumsum(np.bincount(codes[order], minlength=len(sizes)))])
    stats: dict[str, tuple[list[float], list[tuple[float, float]]]] = {}
    finite: list[np.ndarray] = []  # the finite values of each group, measure after measure
    for v in values:
        sorted_vals = pd.to_numeric(frame[v], errors="coerce").to_numpy(dtype="float64")[order]
        finite += [part[np.isfinite(part)] for part in np.split(sorted_vals, bounds[1:-1])]
    intervals = _intervals(finite, seed=seed, n_boot=n_boot, level=level, max_n=max_n)  # all at once
    for k, v in enumerate(values):
        part = slice(k * len(sizes), (k + 1) * len(sizes))
        stats[v] = [float(f.mean()) if f.size else float("nan") for f in finite[part]], intervals[part]
    rows = []
    for g, (key, size, docs) in enumerate(zip(sizes.index, sizes.to_numpy(), n_docs.to_numpy(), strict=True)):
        key = key if isinstance(key, tuple) else (key,)
        row: dict[str, Any] = dict(zip(cols, key, strict=False))
        row["n"] = int(size)
        row["n_docs"] = int(docs)
        for v in values:
            row[f"{v}_mean"] = stats[v][0][g]
            row[f"{v}_low"], row[f"{v}_high"] = stats[v][1][g]
        rows.append(row)
    out = pd.DataFrame(rows, columns=out_cols)
    out = out.sort_values(["n", *cols], ascending=[False] + [True] * len(cols), kind="stable")
    return out.reset_index(drop=True)


# ---------------------------------------------------------------------------------- evidence words
def _evidence_terms(evidence_cells: Iterable[Any], dimension: str, k: int = 5, sign: float = 0.0) -> list[str]:
    """Most weighty evidence terms of one dimension across paragraphs (lower-cased, unique).

    With ``sign`` > 0 (< 0), terms pushing in that direction come first: the words behind a
    conciliatory mean are listed before an incidental escalatory word, and vice versa.
    """
    weight: Counter = Counter()
    signed: Counter = Counter()
    for cell in evidence_cells:
        for ev in _as_list(cell):
            if isinstance(ev, dict) and ev.get("dimension") == dimension and ev.get("term"):
                try:
                    w = float(ev.get("weight", 0.0))
                except (TypeError, ValueError):
                    w = 0.0
                term = str(ev["term"]).lower()
                weight[term] += abs(w) if w else 1e-6
                signed[term] += w
    direction = 0 if not sign or sign != sign else (1 if sign > 0 else -1)
    ranked = sorted(weight, key=lambda t: (-(direction * signed[t] > 0) if direction else 0, -weight[t], t))
    return ranked[:k]


def snippet(text: str, evidence: Any = None, *, width: int = 160, sign: float = 0.0) -> str:
    """A short excerpt of ``text`` around its strongest escalation cue (plain text, not escaped).

    With ``sign`` > 0 (< 0) the strongest escalatory (conciliatory) cue is preferred.
    """
    text = "" if text is None or (isinstance(text, float) and text != text) else str(text)
    text = " ".join(text.split())
    if len(text) <= width:
        return text
    centre = 0
    best = -1.0
    for ev in _as_list(evidence):
        if isinstance(ev, dict) and ev.get("dimension") == "escalation":
            try:
                w = float(ev.get("weight", 0))
                start = int(ev.get("start", 0))
            except (TypeError, ValueError):
                continue
            w = abs(w) + (2.0 if sign and sign == sign and w * sign > 0 else 0.0)
            if w > best:
                best, centre = w, start
    start = max(0, min(centre - width // 3, len(text) - width))
    end = start + width
    if start > 0:
        cut = text.find(" ", start)
        start = cut + 1 if 0 <= cut < start + 20 else start
    if end < len(text):
        cut = text.rfind(" ", start, end)
        end = cut if cut > start + width // 2 else end
    return ("…" if start > 0 else "") + text[start:end] + ("…" if end < len(text) else "")


def _pick_paragraph(group: pd.DataFrame, value: str) -> pd.Series:
    """The paragraph of a group that best shows its mean: the strongest on the mean's side."""
    vals = pd.to_numeric(group[value], errors="coerce").fillna(0.0)
    mean = vals.mean()
    signed = vals * (1 if mean >= 0 else -1)
    return group.loc[signed.idxmax()]


# -------------------------------------------------------------------------------------- contrast
def contrast_table(scores: pd.DataFrame, *, speaker: Any = None, country: str | None = None,
                   targets: Sequence[str] | None = None, value: str = "escalation", seed: int | None = 0,
                   registry: Any = None, terms: int = 5) -> pd.DataFrame:
    """For one speaker (or a group), how it speaks about each target.

    One row per target with ``n`` (statements), ``n_docs``, ``sentiment_*`` and
    ``escalation_*`` (mean, low, high), ``escalation_terms`` and ``sentiment_terms`` (the
    evidence words, those pushing towards the mean first), ``rhetoric`` (most frequent class),
    ``rhetoric_counts`` (class -> statements), ``snippet`` (plain text: escape it
    before putting it into HTML) and ``doc_id`` / ``para_id`` of the snippet. Rows are sorted
    by the mean of ``value``, most conciliatory / negative first; with ``targets`` given, in
    that order (targets never addressed get ``n = 0``). When ``speaker`` is a group
    (``"RUS"``), statements about members of the group itself are left out.

    ``frame.attrs`` holds ``speakers`` (names), ``label`` and ``excluded`` (group-internal
    statements left out).
    """
    _check_argument("value", value, MEASURES)
    _check_seed(seed)
    _check_scores(scores, ("doc_id", "para_id", "speaker", "targets", "sentiment", "escalation"))
    names, label, group = resolve_speakers(scores, speaker=speaker, country=country, registry=registry)
    if targets is not None:
        if isinstance(targets, str):
            targets = [targets]
        targets = [str(t) for t in targets]
    st = explode_targets(scores[scores["speaker"].isin(names)])  # only the speaker's paragraphs
    excluded = 0
    if group:
        inside = st["target"].isin(names)
        excluded = int(inside.sum())
        st = st[~inside]
    if targets is not None:
        st = st[st["target"].isin(targets)]
    summary = summarize(st, by="target", seed=seed)
    extra = []
    for tgt, grp in st.groupby("target", sort=False):
        pick = _pick_paragraph(grp, value)
        rhet = grp["rhetoric"].mode().iloc[0] if "rhetoric" in grp and grp["rhetoric"].notna().any() else "neutral"
        ev = grp["evidence"] if "evidence" in grp else []
        extra.append({
            "target": tgt,
            "escalation_terms": _evidence_terms(ev, "escalation", terms, sign=grp["escalation"].mean()),
            "sentiment_terms": _evidence_terms(ev, "sentiment", terms, sign=grp["sentiment"].mean()),
            "rhetoric": rhet,
            "rhetoric_counts": dict(grp["rhetoric"].astype(str).value_counts()) if "rhetoric" in grp else {},
            "snippet": snippet(pick.get("text", ""), pick.get("evidence"), sign=grp[value].mean()),
            "doc_id": pick["doc_id"],
            "para_id": pick["para_id"],
        })
    extra_cols = ["target", "escalation_terms", "sentiment_terms", "rhetoric", "rhetoric_counts", "snippet", "doc_id",
                  "para_id"]
    table = summary.merge(pd.DataFrame(extra, columns=extra_cols), on="target", how="left")
    if targets is not None:
        absent = [t for t in targets if t not in set(table["target"])]
        if absent:
            blank = pd.DataFrame({"target": absent, "n": 0, "n_docs": 0})
            table = pd.concat([table, blank], ignore_index=True) if len(table) else blank.reindex(
                columns=table.columns)
            table["n"] = table["n"].fillna(0).astype("int64")
            table["n_docs"] = table["n_docs"].fillna(0).astype("int64")
        table = table.set_index("target").loc[targets].reset_index()
    else:
        table = table.sort_values([f"{value}_mean", "n", "target"], ascending=[True, False, True], kind="stable")
        table = table.reset_index(drop=True)
    for col in ("escalation_terms", "sentiment_terms"):
        table[col] = table[col].map(lambda v: v if isinstance(v, list) else [])
    table.attrs.update({"speakers": names, "label": label, "excluded": excluded, "value": value})
    return table


# ---------------------------------------------------------------------------------------- matrix
def pair_matrix(scores: pd.DataFrame, *, value: str = "escalation", top: int | None = None,
                seed: int | None = 0) -> pd.DataFrame:
    """Speaker × target means and counts, long format.

    Columns: ``speaker`` (``"(no speaker)"`` for narration), ``target``, ``n``, ``n_docs``,
    and ``<measure>_mean/_low/_high`` for both measures. ``frame.attrs`` holds the suggested
    orders ``speakers`` and ``targets`` (most statements first; narration last), and
    ``without_target`` (paragraphs that name no target and so are not in the matrix).
    With ``top``, only the ``top`` most active speakers and most addressed targets are kept.
    """
    _check_argument("value", value, MEASURES)
    _check_scores(scores, ("doc_id", "para_id", "speaker", "targets", "sentiment", "escalation"))
    if top is not None and (not isinstance(top, (int, np.integer)) or top < 1):
        raise _bad("top", top, "a positive int or None (all)")
    st = explode_targets(scores)
    without = sum(not _as_list(c) for c in scores["targets"].tolist())
    table = summarize(st, by=["speaker", "target"], seed=seed)
    spk_n = table.groupby("speaker")["n"].sum().sort_values(ascending=False, kind="stable")
    tgt_n = table.groupby("target")["n"].sum().sort_values(ascending=False, kind="stable")
    speakers = sorted(spk_n.index, key=lambda s: (s == NO_SPEAKER, -spk_n[s], s))
    targets = sorted(tgt_n.index, key=lambda t: (-tgt_n[t], t))
    if top is not None:
        speakers, targets = speakers[:top], targets[:top]
        table = table[table["speaker"].isin(speakers) & table["target"].isin(targets)].reset_index(drop=True)
    table.attrs.update({"speakers": speakers, "targets": targets, "without_target": without, "value": value})
    return table


# -------------------------------------------------------------------------------------- rhetoric
def rhetoric_table(scores: pd.DataFrame, *, by: str = "speaker", dropna: bool = False,
                   registry: Any = None) -> pd.DataFrame:
    """Rhetoric classes per group: ``<by>``, ``rhetoric``, ``n``, ``total`` and ``share``.

    Every class of :data:`toolkit.lexicon.RHETORIC_CLASSES` appears for every group (``n`` 0
    when absent), in that order; groups are ordered by ``total`` (largest first).
    """
    from toolkit.lexicon import RHETORIC_CLASSES

    if not isinstance(by, str):
        raise _bad("by", by, "one column name, e.g. 'speaker', 'target' or 'doc_id'")
    _check_scores(scores, ("doc_id", "rhetoric"))
    frame = _group_frame(scores, [by], registry)
    col = "target" if by == "target" else by
    missing = NO_SPEAKER if col == "speaker" else NO_TARGET if col == "target" else f"(no {col})"
    keys = _labels(frame[col], missing)
    data = pd.DataFrame({col: _object_keys(keys), "rhetoric": _object_keys(frame["rhetoric"].astype(str))})
    if dropna:
        data = data[data[col] != missing]
    unknown = sorted(set(data["rhetoric"]) - set(RHETORIC_CLASSES))
    classes = list(RHETORIC_CLASSES) + unknown
    counts = data.groupby([col, "rhetoric"]).size()
    totals = data.groupby(col).size().sort_values(ascending=False, kind="stable")
    groups = sorted(totals.index, key=lambda g: (g == missing, -totals[g], g))
    rows = [{col: g, "rhetoric": r, "n": int(counts.get((g, r), 0)), "total": int(totals[g])}
            for g in groups for r in classes]
    out = pd.DataFrame(rows, columns=[col, "rhetoric", "n", "total"])
    out["n"] = out["n"].astype("int64")
    out["total"] = out["total"].astype("int64")
    out["share"] = (out["n"] / out["total"].where(out["total"] > 0)).astype("float64")
    return out


# -------------------------------------------------------------------------------------- evidence
def _select_speakers(scores: pd.DataFrame, actor: Any, registry: Any, param: str = "actor"
                     ) -> tuple[pd.DataFrame, str | None]:
    if actor is None:
        return scores, None
    names, label, _ = resolve_speakers(scores, speaker=actor, registry=registry, param=param)
    return scores[scores["speaker"].isin(names)], label


def evidence_table(scores: pd.DataFrame, *, actor: Any = None, registry: Any = None) -> pd.DataFrame:
    """The terms that drive escalation and sentiment.

    One row per (lower-cased) term and dimension: ``term``, ``dimension`` (``"escalation"`` or
    ``"sentiment"``), ``n`` (occurrences), ``n_paragraphs``, ``weight_sum`` (total
    contribution), ``weight_mean`` and ``rhetoric`` (the class of an escalation cue, most
    frequent; None for sentiment terms). ``actor`` restricts to paragraphs spoken by that
    actor, list of actors or country group (``"RUS"``). Sorted by ``|weight_sum|``.
    """
    _check_scores(scores, ("doc_id", "para_id", "evidence"))
    frame, label = _select_speakers(scores, actor, registry)
    cells = frame["evidence"].tolist()
    cacheable = frame["evidence"].dtype == object
    parsed = [_parsed_evidence(cell, cacheable) for cell in cells]
    counts = np.fromiter((len(p[0]) for p in parsed), dtype="int64", count=len(parsed))
    cols = ["term", "dimension", "n", "n_paragraphs", "weight_sum", "weight_mean", "rhetoric"]
    if not counts.sum():
        out = pd.DataFrame({c: pd.Series(dtype=object) for c in cols})
        out.attrs["label"] = label
        return out
    # one code per (doc_id, para_id) pair: the paragraphs a term occurs in
    para_code = frame.groupby(["doc_id", "para_id"], sort=False, dropna=False).ngroup().to_numpy()
    total = int(counts.sum())
    data = pd.DataFrame({
        "term": pd.Series(list(itertools.chain.from_iterable(p[0] for p in parsed)), dtype=object),
        "dimension": pd.Series(list(itertools.chain.from_iterable(p[1] for p in parsed)), dtype=object),
        "weight": np.fromiter(itertools.chain.from_iterable(p[2] for p in parsed), dtype="float64", count=total),
        "rhetoric": pd.Series(list(itertools.chain.from_iterable(p[3] for p in parsed)), dtype=object),
        "para": np.repeat(para_code, counts),
    })
    out = data.groupby(["term", "dimension"], sort=True).agg(
        n=("weight", "size"), n_paragraphs=("para", "nunique"), weight_sum=("weight", "sum"),
        weight_mean=("weight", "mean"),
    ).reset_index()
    # the most frequent rhetoric class of each term (ties: the first in sort order, as Series.mode)
    rhet = data[data["rhetoric"].notna()].groupby(["term", "dimension", "rhetoric"], sort=True).size()
    rhet = rhet.rename("k").reset_index().sort_values(["term", "dimension", "k", "rhetoric"],
                                                      ascending=[True, True, False, True], kind="stable")
    rhet = rhet.drop_duplicates(["term", "dimension"])[["term", "dimension", "rhetoric"]]
    out = out.merge(rhet, on=["term", "dimension"], how="left")
    out["term"] = out["term"].astype(str)  # the dtypes a frame of strings gets
    out["dimension"] = out["dimension"].astype(str)
    out["rhetoric"] = out["rhetoric"].astype(object).where(out["rhetoric"].notna(), None)
    out = out.assign(_abs=out["weight_sum"].abs()).sort_values(["_abs", "n", "term"], ascending=[False, False, True],
                                                              kind="stable")
    out = out.drop(columns="_abs").reset_index(drop=True)
    out.attrs["label"] = label
    return out


#: Evidence cells already parsed for :func:`evidence_table`: id(cell) -> (cell, parsed) (the cell
#: is kept so that its id cannot be reused while the entry lives).
_EVIDENCE_CACHE: dict[int, tuple] = {}
_EVIDENCE_CACHE_MAX = 250_000


def _parse_evidence(cell: Any) -> tuple[list, list, list, list]:
    terms, dims, weights, rhets = [], [], [], []
    for ev in _as_list(cell):
        if not isinstance(ev, dict) or ev.get("dimension") not in MEASURES or not ev.get("term"):
            continue
        try:
            w = float(ev.get("weight", 0.0))
        except (TypeError, ValueError):
            continue
        terms.append(str(ev["term"]).lower())
        dims.append(ev["dimension"])
        weights.append(w)
        rhets.append(ev.get("rhetoric"))
    return terms, dims, weights, rhets


def _parsed_evidence(cell: Any, cacheable: bool) -> tuple[list, list, list, list]:
    """The escalation / sentiment items of one evidence cell: terms, dimensions, weights, rhetoric."""
    if not cacheable or type(cell) is not list:
        return _parse_evidence(cell)
    entry = _EVIDENCE_CACHE.get(id(cell))
    if entry is not None and entry[0] is cell:
        return entry[1]
    parsed = _parse_evidence(cell)
    _EVIDENCE_CACHE[id(cell)] = (cell, parsed)
    if len(_EVIDENCE_CACHE) > _EVIDENCE_CACHE_MAX:
        del _EVIDENCE_CACHE[next(iter(_EVIDENCE_CACHE))]
    return parsed


# -------------------------------------------------------------------------------------- timeline
def timeline_table(scores: pd.DataFrame, *, by: str = "date", freq: str = "W", actors: Any = None,
                   value: str | Sequence[str] = MEASURES, seed: int | None = 0,
                   registry: Any = None) -> pd.DataFrame:
    """Means per period (and per actor): ``period``, ``actor``, ``n``, ``n_docs``, ``<measure>_*``.

    ``by`` is the date column, ``freq`` a pandas period alias (``"D"``, ``"W"``, ``"M"``/``"ME"``,
    ``"Q"``, ``"Y"``). ``actors=None`` gives one series ``"all paragraphs"``; otherwise one
    series per item, where an item is a speaker name or a country group (``"RUS"``).
    Paragraphs with a missing or unparseable date are counted in ``attrs["undated"]``.
    """
    values = _check_measures(value)
    _check_scores(scores, ["doc_id", *values])
    if by not in scores.columns:
        raise _bad("by", by, f"a date column of `scores`; its columns are {list(scores.columns)}")
    dates = pd.to_datetime(scores[by], errors="coerce", utc=True)
    if getattr(dates.dt, "tz", None) is not None:
        dates = dates.dt.tz_convert(None)
    try:
        periods = dates.dt.to_period(_period_alias(freq))
    except (ValueError, TypeError) as err:
        raise _bad("freq", freq, "a pandas period alias such as 'D', 'W', 'M', 'Q' or 'Y'") from err
    frame = scores.assign(period=periods.dt.start_time)
    undated = int(frame["period"].isna().sum())
    frame = frame[frame["period"].notna()]
    if actors is None:
        series = [("all paragraphs", frame)]
    else:
        items = [actors] if isinstance(actors, str) else list(actors)
        series = []
        for item in items:
            sub, label = _select_speakers(frame, item, registry, param="actors")
            series.append((label, sub))
    parts = []
    for label, sub in series:
        table = summarize(sub, by="period", value=values, seed=seed, dropna=True) if len(sub) else None
        if table is not None and len(table):
            parts.append(table.assign(actor=label))
    cols = ["period", "actor", "n", "n_docs"] + [f"{v}_{s}" for v in values for s in ("mean", "low", "high")]
    if parts:
        out = pd.concat(parts, ignore_index=True)[cols]
        out["period"] = pd.to_datetime(out["period"])
        out = out.sort_values(["actor", "period"], kind="stable").reset_index(drop=True)
    else:
        out = pd.DataFrame({c: pd.Series(dtype=object) for c in cols})
    out.attrs.update({"undated": undated, "series": [label for label, _ in series], "freq": freq})
    return out


_FREQ_ALIASES = {"ME": "M", "MS": "M", "QE": "Q", "QS": "Q", "YE": "Y", "YS": "Y", "A": "Y", "AS": "Y",
                 "W-SUN": "W-SUN", "h": "h", "H": "h"}


def _period_alias(freq: str) -> str:
    if not isinstance(freq, str) or not freq:
        raise _bad("freq", freq, "a pandas period alias such as 'D', 'W', 'M', 'Q' or 'Y'")
    return _FREQ_ALIASES.get(freq, freq)
