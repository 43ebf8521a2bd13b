"""Writing a scores frame to CSV, Parquet or JSON Lines, and reading it back unchanged.

``read_scores(write_scores(scores, path))`` gives back the same rows, ids, texts, scores,
lists and evidence dicts (tested in ``tests/test_roundtrip.py``):

* **Parquet** keeps every column and type, the frame's ``attrs`` (lexicon version) included.
  ``evidence`` is stored as one JSON string per row (its dicts have different keys);
  ``targets`` and ``actors`` as lists of strings; metadata columns that Arrow cannot store
  as they are (mixed types in one column) are stored as JSON and decoded on reading.
* **JSON Lines** is one JSON object per paragraph. Metadata keep their JSON type (string,
  number, boolean, null); dates and other objects are written as ISO/plain strings.
* **CSV** has no types: the contract columns are restored exactly (``doc_id`` and ``text``
  always as strings, ``para_id`` as int, lists and evidence from JSON, an empty ``speaker``
  as None), metadata come back as strings — or as numbers/booleans when every value reads
  back exactly as written — and empty metadata cells as missing. Lines are ended with
  CRLF so that a carriage return inside a text is quoted, not a new row.
"""
from __future__ import annotations

import csv
import json
import math
import os
from pathlib import Path
from typing import Any

import pandas as pd

__all__ = ["write_scores", "read_scores", "SCORE_FILE_FORMATS"]

#: File extensions :func:`write_scores` and :func:`read_scores` handle.
SCORE_FILE_FORMATS = (".csv", ".parquet", ".jsonl")
_LIST_COLUMNS = ("targets", "actors")
_JSON_COLUMNS = ("targets", "actors", "evidence")
_REQUIRED = ("doc_id", "para_id", "text", "sentiment", "escalation", "rhetoric", "evidence")
_INT_COLUMNS = ("para_id", "start", "end")
_FLOAT_COLUMNS = ("sentiment", "escalation")
_STR_COLUMNS = ("doc_id", "text", "rhetoric")
_META_KEY = b"toolkit"
_JSON_META_KEY = b"toolkit_json_columns"


def _json_default(value: Any) -> Any:
    """JSON for numpy scalars/arrays, timestamps and other objects found in frames."""
    if hasattr(value, "item") and not isinstance(value, (list, dict)) and getattr(value, "ndim", 0) == 0:
        return value.item()
    if hasattr(value, "tolist"):
        return value.tolist()
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, (set, frozenset, tuple)):
        return list(value)
    return str(value)


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, default=_json_default)


def _check_ext(path: Path, argument: str) -> str:
    ext = path.suffix.lower()
    if ext not in SCORE_FILE_FORMATS:
        raise ValueError(
            f"The value for `{argument}` has an unsupported extension {ext!r} ({str(path)!r}); use one of "
            f"{', '.join(SCORE_FILE_FORMATS)}."
        )
    return ext


def _is_missing(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, float):
        return math.isnan(value)
    if isinstance(value, (str, list, dict, tuple)):
        return False
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def write_scores(scores: pd.DataFrame, output: str | os.PathLike) -> Path:
    """Write a scores frame to ``output`` (``.csv``, ``.parquet`` or ``.jsonl``) losslessly.

    The frame is not changed. Read the file back with :func:`read_scores`. Returns the path.
    """
    if not isinstance(scores, pd.DataFrame):
        raise TypeError(f"The value for `scores` must be a scores DataFrame from toolkit.score, but a "
                        f"{type(scores).__name__} was passed.")
    missing = [c for c in _REQUIRED if c not in scores.columns]
    if missing:
        raise ValueError(f"The frame given as `scores` lacks the column(s) {missing}; pass the frame that "
                         f"toolkit.score returned.")
    path = Path(output)
    ext = _check_ext(path, "output")
    path.parent.mkdir(parents=True, exist_ok=True)
    frame = scores.reset_index(drop=True)
    if ext == ".csv":
        out = frame.copy()
        for col in out.columns:
            values = out[col].tolist()
            if col in _JSON_COLUMNS or any(isinstance(v, (list, dict, tuple)) for v in values):
                out[col] = [_dumps(v if not _is_missing(v) else ([] if col in _JSON_COLUMNS else None))
                            for v in values]
        out.to_csv(path, index=False, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    elif ext == ".jsonl":
        cols = list(frame.columns)
        with open(path, "w", encoding="utf-8", newline="\n") as fh:
            for row in frame.itertuples(index=False, name=None):
                rec = {str(c): (None if _is_missing(v) else v) for c, v in zip(cols, row, strict=True)}
                fh.write(_dumps(rec) + "\n")
    else:
        _write_parquet(frame, path)
    return path


def _write_parquet(frame: pd.DataFrame, path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    out = frame.copy()
    out["evidence"] = [_dumps(v if not _is_missing(v) else []) for v in out["evidence"]]
    for col in _LIST_COLUMNS:
        if col in out.columns:
            out[col] = [[str(x) for x in v] if isinstance(v, (list, tuple)) or hasattr(v, "tolist") else []
                        for v in out[col]]
    fixed = {"speaker": pa.string(), "targets": pa.list_(pa.string()), "actors": pa.list_(pa.string()),
             "evidence": pa.string(), "doc_id": pa.string(), "text": pa.string(), "rhetoric": pa.string()}
    json_cols: list[str] = []
    arrays, fields = [], []
    for col in out.columns:
        series = out[col]
        typ = fixed.get(col)
        try:
            arr = pa.array(series, type=typ, from_pandas=True)
        except (pa.ArrowInvalid, pa.ArrowTypeError, pa.ArrowNotImplementedError, TypeError, ValueError):
            # mixed types (e.g. numbers and strings in one metadata column): keep each value as JSON
            json_cols.append(str(col))
            arr = pa.array([None if _is_missing(v) else _dumps(v) for v in series], type=pa.string())
        arrays.append(arr)
        fields.append(pa.field(str(col), arr.type))
    meta = {_META_KEY: _dumps(dict(frame.attrs)).encode(), _JSON_META_KEY: _dumps(json_cols).encode()}
    table = pa.Table.from_arrays(arrays, schema=pa.schema(fields, metadata=meta))
    pq.write_table(table, path)


# ------------------------------------------------------------------------------------------ reading
def _as_list(value: Any, col: str, where: str) -> list:
    if isinstance(value, list):
        return value
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return []
    if isinstance(value, tuple) or hasattr(value, "tolist"):
        return list(value.tolist() if hasattr(value, "tolist") else value)
    if isinstance(value, str):
        if not value.strip():
            return []
        try:
            parsed = json.loads(value)
        except json.JSONDecodeError:
            raise ValueError(f"The `{col}` cell {value[:60]!r} in {where} is not valid JSON; was the file written by "
                             f"toolkit's write_scores (or `python -m toolkit score`)?") from None
        if not isinstance(parsed, list):
            raise ValueError(f"The `{col}` cell {value[:60]!r} in {where} is not a JSON list.")
        return parsed
    raise ValueError(f"Could not interpret the `{col}` value {value!r} in {where} as a list.")


def _infer_text_column(values: list[str]) -> list[Any] | None:
    """Numbers/booleans when every non-empty CSV cell reads back exactly as written, else None."""
    present = [v for v in values if v != ""]
    if not present:
        return None
    if all(v in ("True", "False") for v in present):
        return [None if v == "" else v == "True" for v in values]
    try:
        ints = [int(v) for v in present]
        if all(str(i) == v for i, v in zip(ints, present, strict=True)):
            if len(present) == len(values):
                return [int(v) for v in values]
            return [float(v) if v != "" else float("nan") for v in values]
    except ValueError:
        pass
    try:
        floats = [float(v) for v in present]
        if all(repr(f) == v for f, v in zip(floats, present, strict=True)):
            return [float(v) if v != "" else float("nan") for v in values]
    except ValueError:
        pass
    return None


def _restore(frame: pd.DataFrame, where: str, *, text_format: bool) -> pd.DataFrame:
    missing = [c for c in _REQUIRED if c not in frame.columns]
    if missing:
        raise ValueError(f"The file {where} is not a scores file: it lacks the column(s) {missing} (it has "
                         f"{[str(c) for c in frame.columns]}). Pass a file written by toolkit's write_scores.")
    out = frame.copy()
    for col in _JSON_COLUMNS:
        if col in out.columns:
            out[col] = pd.Series([_as_list(v, col, where) for v in out[col]], index=out.index, dtype=object)
    for col in _STR_COLUMNS:
        out[col] = out[col].map(lambda v: "" if _is_missing(v) else str(v)).astype(str)
    for col in _INT_COLUMNS:
        if col in out.columns:
            out[col] = pd.to_numeric(out[col]).astype("int64")
    for col in _FLOAT_COLUMNS:
        out[col] = pd.to_numeric(out[col]).astype("float64")
    if "speaker" in out.columns:
        out["speaker"] = pd.Series([None if _is_missing(v) or v == "" else str(v) for v in out["speaker"]],
                                   index=out.index, dtype=object)
    if "speaker_registered" in out.columns:
        out["speaker_registered"] = [v if isinstance(v, bool) else str(v) == "True"
                                     for v in out["speaker_registered"]]
        out["speaker_registered"] = out["speaker_registered"].astype(bool)
    if text_format:
        core = set(_REQUIRED) | set(_INT_COLUMNS) | {"speaker", "speaker_registered", "targets", "actors"}
        for col in out.columns:
            if col in core:
                continue
            values = out[col].tolist()
            inferred = _infer_text_column(values)
            if inferred is not None:
                out[col] = inferred
            else:  # strings, missing where empty (the default string dtype of the pandas in use)
                out[col] = pd.Series([float("nan") if v == "" else v for v in values], index=out.index)
    return out


def read_scores(path: str | os.PathLike) -> pd.DataFrame:
    """Read a scores file written by :func:`write_scores` (CSV, Parquet or JSON Lines).

    Returns the scores frame: ``targets``/``actors`` as lists, ``evidence`` as a list of
    dicts, ``speaker`` None where there is none, ``para_id``/``start``/``end`` as int and
    ``doc_id``/``text`` as strings. Also reads Parquet files from
    :func:`toolkit.streaming.score_files`.
    """
    p = Path(path)
    ext = _check_ext(p, "path")
    if not p.is_file():
        raise FileNotFoundError(f"The scores file {str(p)!r} given as `path` does not exist.")
    where = repr(str(p))
    if ext == ".csv":
        frame = pd.read_csv(p, dtype=str, keep_default_na=False, na_values=[])
        return _restore(frame, where, text_format=True)
    if ext == ".jsonl":
        records = []
        with open(p, encoding="utf-8") as fh:
            for lineno, line in enumerate(fh, 1):
                if not line.strip():
                    continue
                try:
                    records.append(json.loads(line))
                except json.JSONDecodeError as exc:
                    raise ValueError(f"Line {lineno} of {where} is not valid JSON ({exc.msg}).") from None
        if records:
            frame = pd.DataFrame.from_records(records)
        else:
            frame = pd.DataFrame(columns=list(_REQUIRED))
        for col in frame.columns:
            if col not in _STR_COLUMNS and frame[col].dtype == object and all(
                    isinstance(v, str) for v in frame[col]):
                frame[col] = frame[col].astype(str)
        return _restore(frame, where, text_format=False)
    import pyarrow.parquet as pq

    table = pq.read_table(p)
    meta = table.schema.metadata or {}
    frame = table.to_pandas()
    for col in json.loads(meta.get(_JSON_META_KEY, b"[]")):
        frame[col] = pd.Series([None if _is_missing(v) else json.loads(v) for v in frame[col]], index=frame.index,
                               dtype=object)
    out = _restore(frame, where, text_format=False)
    if meta.get(_META_KEY):
        out.attrs.update(json.loads(meta[_META_KEY]))
    return out
