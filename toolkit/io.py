"""Reading articles from text, files, folders, globs and frames into a documents frame.

Every input shape is normalised here, in one place. The documents frame has one row per
document: ``doc_id`` (str), ``text`` (str) and whatever metadata came with it (``title``,
``date``, ``source``/``outlet``, ``url``, …), passed through unchanged.
"""
from __future__ import annotations

import difflib
import glob as _glob
import json
import logging
import os
import re
import warnings
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pandas as pd

__all__ = ["read_articles", "SUPPORTED_EXTENSIONS", "TEXT_COLUMN_CANDIDATES", "ID_COLUMN_CANDIDATES"]

log = logging.getLogger("toolkit")

SUPPORTED_EXTENSIONS = (".txt", ".md", ".csv", ".tsv", ".jsonl", ".json", ".parquet", ".html", ".htm")
TEXT_COLUMN_CANDIDATES = ("text", "body", "content", "article", "paragraphs")
ID_COLUMN_CANDIDATES = ("doc_id", "id", "article_id")
_TABLE_EXTENSIONS = (".csv", ".tsv", ".jsonl", ".json", ".parquet")
_GLOB_CHARS = re.compile(r"[*?\[]")
_TAG_RE = re.compile(r"<(script|style)\b.*?</\1\s*>|<[^>]+>", re.IGNORECASE | re.DOTALL)
_BLOCK_TAG_RE = re.compile(r"</?(p|div|br|h[1-6]|li|tr|article|section|blockquote)\b[^>]*>", re.IGNORECASE)


def _html_to_text(html: str) -> str:
    import html as _html

    text = _BLOCK_TAG_RE.sub("\n", html)
    text = _TAG_RE.sub("", text)
    return _html.unescape(text)


def _looks_like_html(text: str) -> bool:
    head = text[:2000].lower()
    return "<html" in head or "<body" in head or ("<p>" in head and "</p>" in head)


def _decode(raw: bytes, name: str) -> str:
    if b"\x00" in raw[:8192]:
        raise ValueError(
            f"The file {name!r} looks binary (it contains NUL bytes), not text. "
            f"Convert it to .txt/.csv/.jsonl/.parquet first, or remove it from `source`."
        )
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        warnings.warn(
            f"The file {name!r} is not valid UTF-8 (first bad byte at position {exc.start}); "
            f"undecodable bytes were replaced with U+FFFD.", UserWarning, stacklevel=4,
        )
        return raw.decode("utf-8", errors="replace")


def _read_text_file(path: Path) -> pd.DataFrame:
    text = _decode(path.read_bytes(), str(path))
    if path.suffix.lower() in (".html", ".htm") or _looks_like_html(text):
        text = _html_to_text(text)
    return pd.DataFrame({"doc_id": [path.stem], "text": [text], "path": [str(path)]})


def _read_table_file(path: Path) -> pd.DataFrame:
    ext = path.suffix.lower()
    try:
        if ext == ".csv":
            return pd.read_csv(path, dtype=object, keep_default_na=False, na_values=[""], encoding_errors="replace")
        if ext == ".tsv":
            return pd.read_csv(path, sep="\t", dtype=object, keep_default_na=False, na_values=[""],
                               encoding_errors="replace")
        if ext == ".parquet":
            return pd.read_parquet(path)
        raw = _decode(path.read_bytes(), str(path))
        if ext == ".jsonl":
            records = []
            for lineno, line in enumerate(raw.splitlines(), 1):
                if not line.strip():
                    continue
                try:
                    records.append(json.loads(line))
                except json.JSONDecodeError as exc:
                    raise ValueError(f"Line {lineno} of {str(path)!r} is not valid JSON ({exc.msg}).") from None
            return pd.DataFrame.from_records(records)
        data = json.loads(raw)
        if isinstance(data, dict):
            data = [data]
        return pd.DataFrame.from_records(data)
    except (ValueError, OSError) as exc:
        if isinstance(exc, ValueError) and str(path) in str(exc):
            raise
        raise ValueError(f"Could not read {str(path)!r} as {ext[1:].upper()}: {exc}") from exc


def _pick_column(frame: pd.DataFrame, wanted: str | None, candidates: tuple[str, ...], argument: str,
                 required: bool) -> str | None:
    cols = [str(c) for c in frame.columns]
    if wanted is not None:
        if wanted in frame.columns:
            return wanted
        close = difflib.get_close_matches(wanted, cols, n=1, cutoff=0.6)
        hint = f" Did you mean {close[0]!r}?" if close else ""
        raise ValueError(
            f"Could not find the column {wanted!r} given as `{argument}`; the columns are {cols}.{hint} "
            f"Pass `{argument}=` with one of them."
        )
    for c in candidates:
        if c in frame.columns:
            return c
    if required:
        close = difflib.get_close_matches(candidates[0], [c.lower() for c in cols], n=1, cutoff=0.6)
        hint = f" Did you mean {close[0]!r}?" if close else ""
        raise ValueError(
            f"Could not find a text column: none of {list(candidates)} is among the columns {cols}.{hint} "
            f"Pass `{argument}=` with the name of the column that holds the article text."
        )
    return None


def _normalise_frame(frame: pd.DataFrame, *, text: str | None, id: str | None, origin: str,
                     id_prefix: str | None = None) -> pd.DataFrame:
    if frame.empty and len(frame.columns) == 0:
        raise ValueError(f"The input {origin} holds no rows: nothing to score.")
    tcol = _pick_column(frame, text, TEXT_COLUMN_CANDIDATES, "text", required=True)
    icol = _pick_column(frame, id, ID_COLUMN_CANDIDATES, "id", required=False)
    out = frame.copy()
    body = out[tcol]
    if tcol == "paragraphs" or body.map(lambda v: isinstance(v, (list, tuple))).any():
        body = body.map(lambda v: "\n".join(map(str, v)) if isinstance(v, (list, tuple)) else v)
    n_missing = int(body.isna().sum()) if hasattr(body, "isna") else 0
    non_str = body.map(lambda v: v is not None and not (isinstance(v, float) and v != v) and not isinstance(v, str))
    if n_missing:
        warnings.warn(
            f"{n_missing} row(s) of {origin} have no text (None/NaN in column {tcol!r}); "
            f"they are kept as empty documents scored 0.", UserWarning, stacklevel=3,
        )
    if non_str.any():
        warnings.warn(
            f"{int(non_str.sum())} row(s) of {origin} have non-string values in column {tcol!r}; "
            f"they were converted with str().", UserWarning, stacklevel=3,
        )
    body = body.map(lambda v: "" if v is None or (isinstance(v, float) and v != v) else (v if isinstance(v, str) else str(v)))
    if icol is not None:
        ids = out[icol].map(lambda v: "" if v is None or (isinstance(v, float) and v != v) else str(v))
    else:
        ids = pd.Series([f"{id_prefix}{i}" if id_prefix else str(i) for i in range(len(out))], index=out.index)
    blank = ids == ""
    if blank.any():
        ids = ids.where(~blank, pd.Series([f"row{i}" for i in range(len(ids))], index=ids.index))
    out = out.drop(columns=[c for c in (tcol, icol) if c is not None])
    out.insert(0, "text", body.values)
    out.insert(0, "doc_id", ids.values)
    if "text" != tcol and "text" in frame.columns and tcol != "text":
        pass
    return out.reset_index(drop=True)


def _dedupe_ids(frame: pd.DataFrame) -> pd.DataFrame:
    dup = frame["doc_id"].duplicated(keep=False)
    if not dup.any():
        return frame
    counts: dict[str, int] = {}
    new_ids = []
    for doc_id in frame["doc_id"]:
        k = counts.get(doc_id, 0)
        counts[doc_id] = k + 1
        new_ids.append(doc_id if k == 0 else f"{doc_id}#{k + 1}")
    dups = sorted({d for d, c in counts.items() if c > 1})
    warnings.warn(
        f"Duplicate doc_id values {dups[:5]}{' …' if len(dups) > 5 else ''}: later copies were renamed "
        f"'<id>#2', '<id>#3', … so that every document stays distinct. Pass unique ids to avoid this.",
        UserWarning, stacklevel=3,
    )
    frame = frame.copy()
    frame["doc_id"] = new_ids
    return frame


def _expand_paths(paths: Iterable[str | os.PathLike]) -> list[Path]:
    files: list[Path] = []
    for p in paths:
        s = os.fspath(p)
        if os.path.isdir(s):
            found = sorted(q for q in Path(s).rglob("*") if q.is_file() and not q.name.startswith("."))
            usable = [q for q in found if q.suffix.lower() in SUPPORTED_EXTENSIONS]
            skipped = [q for q in found if q.suffix.lower() not in SUPPORTED_EXTENSIONS]
            if skipped:
                warnings.warn(
                    f"Skipped {len(skipped)} file(s) in {s!r} with unsupported extensions "
                    f"(e.g. {skipped[0].name!r}); supported: {', '.join(SUPPORTED_EXTENSIONS)}.",
                    UserWarning, stacklevel=4,
                )
            if not usable:
                raise ValueError(
                    f"The folder {s!r} given as `source` holds no readable files "
                    f"(supported: {', '.join(SUPPORTED_EXTENSIONS)})."
                )
            files.extend(usable)
        elif os.path.isfile(s):
            files.append(Path(s))
        elif _GLOB_CHARS.search(s):
            matched = sorted(Path(m) for m in _glob.glob(s, recursive=True) if os.path.isfile(m))
            if not matched:
                raise FileNotFoundError(f"The pattern {s!r} given as `source` matches no files.")
            files.extend(matched)
        else:
            raise FileNotFoundError(f"The path {s!r} given as `source` does not exist.")
    return files


def _read_paths(files: list[Path], *, text: str | None, id: str | None) -> pd.DataFrame:
    frames = []
    for path in files:
        ext = path.suffix.lower()
        if ext in _TABLE_EXTENSIONS:
            frame = _read_table_file(path)
            if frame.empty:
                warnings.warn(f"The file {str(path)!r} holds no rows; skipped.", UserWarning, stacklevel=3)
                continue
            prefix = f"{path.stem}:" if len(files) > 1 else None
            frames.append(_normalise_frame(frame, text=text, id=id, origin=repr(str(path)), id_prefix=prefix))
        elif ext in (".txt", ".md", ".html", ".htm", ""):
            frames.append(_read_text_file(path))
        else:
            raise ValueError(
                f"Unsupported file extension {ext!r} for {str(path)!r}; supported: {', '.join(SUPPORTED_EXTENSIONS)}."
            )
    if not frames:
        raise ValueError("The files given as `source` hold no documents: nothing to score.")
    return pd.concat(frames, ignore_index=True, sort=False)


def _is_path_like_str(s: str) -> bool:
    if "\n" in s or len(s) > 4096:
        return False
    if os.path.exists(s):
        return True
    if _GLOB_CHARS.search(s) and _glob.glob(s, recursive=True):
        return True
    return False


def read_articles(source: Any, *, text: str | None = None, id: str | None = None) -> pd.DataFrame:
    """Read articles into a documents frame (one row per document).

    Parameters
    ----------
    source
        A string of article text; a list of strings (texts, or paths when every item is an
        existing path); a path to a file (``.txt``, ``.md``, ``.html``, ``.csv``, ``.tsv``,
        ``.jsonl``, ``.json``, ``.parquet``), a folder (read recursively) or a glob pattern; or a
        DataFrame.
    text
        Column holding the article text in tables (default: the first of ``text``, ``body``,
        ``content``, ``article``, ``paragraphs``; a list of paragraphs is joined with newlines).
    id
        Column holding document ids (default: ``doc_id``, ``id`` or ``article_id``, else the file
        name for text files and the row number for tables).

    Returns
    -------
    DataFrame with ``doc_id`` (str), ``text`` (str) and metadata columns passed through.
    Duplicate ids are made unique (``"a#2"``) with a warning.
    """
    if isinstance(source, pd.DataFrame):
        frame = _normalise_frame(source, text=text, id=id, origin="the DataFrame")
    elif isinstance(source, pd.Series):
        frame = _normalise_frame(source.to_frame(name="text"), text=None, id=None, origin="the Series")
    elif isinstance(source, (bytes, bytearray)):
        frame = pd.DataFrame({"doc_id": ["0"], "text": [_decode(bytes(source), "<bytes>")]})
    elif isinstance(source, os.PathLike):
        frame = _read_paths(_expand_paths([source]), text=text, id=id)
    elif isinstance(source, str):
        if not source.strip():
            raise ValueError(
                "The value for `source` is an empty string: pass article text, a path, a list of texts or a DataFrame."
            )
        if _is_path_like_str(source):
            frame = _read_paths(_expand_paths([source]), text=text, id=id)
        else:
            stripped = source.strip()
            if ("\n" not in stripped and " " not in stripped and len(stripped) < 300
                    and Path(stripped).suffix.lower() in SUPPORTED_EXTENSIONS):
                raise FileNotFoundError(
                    f"The path {source!r} given as `source` does not exist. (To score it as text, "
                    f"wrap it in a list: [{source!r}].)"
                )
            if _looks_like_html(source):
                source = _html_to_text(source)
            frame = pd.DataFrame({"doc_id": ["0"], "text": [source]})
    elif isinstance(source, (list, tuple)):
        items = list(source)
        if not items:
            raise ValueError("The value for `source` is an empty list: nothing to score.")
        if all(isinstance(x, (str, os.PathLike)) for x in items) and all(
            isinstance(x, os.PathLike) or _is_path_like_str(x) for x in items
        ):
            frame = _read_paths(_expand_paths(items), text=text, id=id)
        else:
            bad = [i for i, x in enumerate(items) if not (isinstance(x, str) or x is None or (isinstance(x, float) and x != x))]
            if bad:
                raise TypeError(
                    f"The value for `source` must be a list of str, but item {bad[0]} is "
                    f"{type(items[bad[0]]).__name__} ({items[bad[0]]!r:.40})."
                )
            frame = _normalise_frame(pd.DataFrame({"text": items}), text="text", id=None, origin="the list")
    elif source is None:
        raise TypeError("The value for `source` is None: pass article text, a path, a list of texts or a DataFrame.")
    else:
        raise TypeError(
            f"Could not interpret value of type {type(source).__name__} for `source`: pass a str (text or path), "
            f"a list of str, a path, or a pandas DataFrame."
        )
    frame = _dedupe_ids(frame)
    frame["doc_id"] = frame["doc_id"].astype(str)
    frame["text"] = frame["text"].astype(str)
    return frame
