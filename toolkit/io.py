"""Reading articles from text, files, folders, globs and frames into a documents frame.

Every input shape is normalised here, in one place. The documents frame has one row per
document: ``doc_id`` (str), ``text`` (str) and whatever metadata came with it (``title``,
``date``, ``source``/``outlet``, ``url``, …), passed through unchanged.

Bad input never disappears silently: it raises an error that names the argument, the bad
value and the fix, or it is handled in a documented way with a :class:`UserWarning` (see
``CONTRIBUTING.md``, "Bad input", for the full table).
"""
from __future__ import annotations

import codecs
import difflib
import glob as _glob
import json
import logging
import os
import re
import sys
import warnings
from collections.abc import Iterable, Mapping
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pandas as pd

__all__ = ["read_articles", "SUPPORTED_EXTENSIONS", "TEXT_COLUMN_CANDIDATES", "ID_COLUMN_CANDIDATES",
           "RESERVED_COLUMNS"]

log = logging.getLogger("toolkit")

SUPPORTED_EXTENSIONS = (".txt", ".md", ".csv", ".tsv", ".jsonl", ".json", ".parquet", ".html", ".htm")
TEXT_COLUMN_CANDIDATES = ("text", "body", "content", "article", "paragraphs")
ID_COLUMN_CANDIDATES = ("doc_id", "id", "article_id")
#: Column names that the paragraphs and scores frames define; input metadata columns with these
#: names are renamed ``<name>_input`` (with a warning) so that they are kept, not overwritten.
RESERVED_COLUMNS = ("para_id", "start", "end", "sentiment", "escalation", "rhetoric", "speaker",
                    "speaker_registered", "targets", "actors", "evidence")
_TABLE_EXTENSIONS = (".csv", ".tsv", ".jsonl", ".json", ".parquet")
_TEXT_EXTENSIONS = (".txt", ".md", ".html", ".htm", "")
_GLOB_CHARS = re.compile(r"[*?\[]")
_PKG_DIR = os.path.dirname(os.path.abspath(__file__))

# --------------------------------------------------------------------------------------- warnings


def _warn(message: str) -> None:
    """Warn with the location of the first caller outside the toolkit package."""
    frame = sys._getframe(0)
    level = 1
    while frame is not None and os.path.abspath(frame.f_code.co_filename).startswith(_PKG_DIR):
        frame = frame.f_back
        level += 1
    warnings.warn(message, UserWarning, stacklevel=level)


def _is_missing(value: Any) -> bool:
    """None, NaN, pd.NA, NaT (but not containers, which pd.isna would map element-wise)."""
    if value is None:
        return True
    if isinstance(value, (str, bytes, list, tuple, dict, set)):
        return False
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def _short(value: Any, n: int = 60) -> str:
    r = repr(value)
    return r if len(r) <= n else r[: n - 1] + "…"


# ------------------------------------------------------------------------------------------- HTML
_HTML_HINT_RE = re.compile(r"<(?:!doctype\s+html|html|body|head)\b", re.IGNORECASE)
# paragraph structure only: text with inline tags or a <script> alone stays text (escaped when shown)
_HTML_TAG_RE = re.compile(
    r"</(?:p|div|h[1-6]|li|ul|ol|td|tr|table|article|section|blockquote)\s*>|<br\s*/?>", re.IGNORECASE)
_HTML_BLOCK = frozenset({
    "p", "div", "br", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "tr", "td", "th", "table",
    "article", "section", "blockquote", "header", "footer", "main", "aside", "nav", "pre", "hr", "dd", "dt",
    "dl", "figcaption", "figure", "form", "body", "html", "title", "address", "caption",
})
_HTML_SKIP = frozenset({"script", "style", "noscript", "template", "svg", "iframe", "object", "canvas"})
_HTML_WS = re.compile(r"[ \t\n\r\f]+")


class _HTMLText(HTMLParser):
    """Collect the visible text of an HTML document: one line per block element."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.title: list[str] = []
        self._skip = 0
        self._pre = 0
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag == "title":
            self._in_title = True
        elif tag in _HTML_SKIP:
            self._skip += 1
        if tag == "pre":
            self._pre += 1
        if tag in _HTML_BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        elif tag in _HTML_SKIP:
            self._skip = max(0, self._skip - 1)
        if tag == "pre":
            self._pre = max(0, self._pre - 1)
        if tag in _HTML_BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title.append(data)
            return
        if self._skip:
            return
        self.parts.append(data if self._pre else _HTML_WS.sub(" ", data))


def _html_to_text(source: str) -> tuple[str, str | None]:
    """Visible text of ``source`` (paragraphs separated by blank lines) and its ``<title>``."""
    parser = _HTMLText()
    parser.feed(source)
    parser.close()
    lines = (ln.strip() for ln in "".join(parser.parts).split("\n"))
    text = "\n\n".join(ln for ln in lines if ln)
    title = _HTML_WS.sub(" ", "".join(parser.title)).strip() or None
    return text, title


def _looks_like_html(text: str) -> bool:
    """True for documents (``<html>``, ``<body>``) and fragments with paragraph tags (``</p>``, ``<br>``…)."""
    if "<" not in text:
        return False
    head = text[:5000]
    if _HTML_HINT_RE.search(head.lstrip()[:500]):
        return True
    return _HTML_TAG_RE.search(text[:50000]) is not None


# --------------------------------------------------------------------------------- bytes and files
class _BinaryFileError(ValueError):
    """A file that is not text (raised so that folder reading can skip it with a warning)."""

    def __init__(self, message: str, kind: str) -> None:
        super().__init__(message)
        self.kind = kind


_MAGIC = (
    (b"%PDF-", "PDF document"),
    (b"PK\x03\x04", "ZIP archive (or .docx/.xlsx/.epub)"),
    (b"\xd0\xcf\x11\xe0", "MS Office (.doc/.xls) document"),
    (b"\x89PNG", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF8", "GIF image"),
    (b"\x1f\x8b", "gzip archive"),
    (b"BZh", "bzip2 archive"),
    (b"\xfd7zXZ", "xz archive"),
    (b"7z\xbc\xaf", "7-zip archive"),
    (b"\x7fELF", "executable"),
)
_CONTROL = bytes(range(0, 32)).translate(None, b"\t\n\r\f\x0b\x1b")


def _binary_kind(raw: bytes) -> str | None:
    """Name of the binary format of ``raw``, or None when it looks like text."""
    for magic, kind in _MAGIC:
        if raw.startswith(magic):
            if magic == b"BZh" and raw[3:4] not in b"123456789":
                continue
            return kind
    head = raw[:8192]
    if not head:
        return None
    if b"\x00" in head:
        return "binary file (it contains NUL bytes)"
    controls = sum(head.count(bytes([c])) for c in _CONTROL)
    if controls / len(head) > 0.1:
        return "binary file (it is mostly control bytes)"
    return None


def _decode(raw: bytes, name: str) -> str:
    """Decode file bytes as text: BOMs honoured, UTF-8 with replacement (and a warning)."""
    if raw.startswith(codecs.BOM_UTF8):
        raw = raw[len(codecs.BOM_UTF8):]
    elif raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = raw.decode("utf-16", errors="replace")
        if "\ufffd" in text:
            _warn(f"The file {name!r} is not valid UTF-16 although it starts with a UTF-16 byte-order mark; "
                  f"undecodable bytes were replaced with U+FFFD.")
        return text
    kind = _binary_kind(raw)
    if kind is not None:
        raise _BinaryFileError(
            f"The file {name!r} given in `source` looks like a {kind}, not text. Convert it to text first "
            f"(.txt, .csv, .jsonl or .parquet), or remove it from `source`.", kind
        )
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        text = raw.decode("utf-8", errors="replace")
        bad = text.count("\ufffd")
        _warn(f"The file {name!r} is not valid UTF-8 (first bad byte at position {exc.start}); {bad} undecodable "
              f"byte sequence(s) were replaced with U+FFFD. Re-save the file as UTF-8 to keep every character.")
        return text


def _read_text_file(path: Path) -> pd.DataFrame:
    raw = path.read_bytes()
    text = _decode(raw, str(path))
    row: dict[str, Any] = {"doc_id": path.stem, "text": text}
    if path.suffix.lower() in (".html", ".htm") or _looks_like_html(text):
        text, title = _html_to_text(text)
        log.info("%s: HTML tags stripped (%d characters of text kept)", path, len(text))
        row["text"] = text
        if title is not None:
            row["title"] = title
    if not raw.strip():
        _warn(f"The file {str(path)!r} is empty (or white space only); it is kept as one empty document scored 0.")
    row["path"] = str(path)
    return pd.DataFrame([row])


def _read_table_file(path: Path) -> pd.DataFrame:
    import io as _io

    ext = path.suffix.lower()
    try:
        if ext == ".parquet":
            raw_head = path.open("rb").read(4)
            if raw_head != b"PAR1":
                raise ValueError("the file does not start with the Parquet magic bytes 'PAR1'")
            return pd.read_parquet(path)
        raw = _decode(path.read_bytes(), str(path))
        if ext in (".csv", ".tsv"):
            if not raw.strip():
                return pd.DataFrame()
            return pd.read_csv(_io.StringIO(raw), sep="\t" if ext == ".tsv" else ",", dtype=object,
                               keep_default_na=False, na_values=[""])
        if ext == ".jsonl":
            records = []
            for lineno, line in enumerate(raw.splitlines(), 1):
                if not line.strip():
                    continue
                try:
                    rec = json.loads(line)
                except json.JSONDecodeError as exc:
                    raise ValueError(
                        f"Line {lineno} of {str(path)!r} is not valid JSON ({exc.msg}); fix or delete that line."
                    ) from None
                if not isinstance(rec, dict):
                    raise ValueError(
                        f"Line {lineno} of {str(path)!r} is a JSON {type(rec).__name__}, not an object; each "
                        f"line must be one article such as {{\"id\": \"a1\", \"text\": \"…\"}}."
                    )
                records.append(rec)
            return pd.DataFrame.from_records(records)
        if not raw.strip():
            return pd.DataFrame()
        data = json.loads(raw)
        if isinstance(data, dict):
            data = [data]
        if not isinstance(data, list) or not all(isinstance(d, dict) for d in data):
            raise ValueError("the JSON must be an object or a list of objects (one per article)")
        return pd.DataFrame.from_records(data)
    except _BinaryFileError:
        raise
    except (ValueError, OSError) as exc:
        if isinstance(exc, ValueError) and str(path) in str(exc):
            raise
        raise ValueError(f"Could not read {str(path)!r} as {ext[1:].upper()}: {exc}") from exc


# ----------------------------------------------------------------------------------------- frames
def _pick_column(frame: pd.DataFrame, wanted: str | None, candidates: tuple[str, ...], argument: str,
                 required: bool) -> Any:
    cols = list(frame.columns)
    names = [str(c) for c in cols]
    if wanted is not None:
        if wanted in cols:
            return wanted
        lower = {n.lower(): c for n, c in zip(names, cols, strict=True)}
        close = difflib.get_close_matches(str(wanted).lower(), list(lower), n=1, cutoff=0.6)
        hint = f" Did you mean {str(lower[close[0]])!r}?" if close else ""
        raise ValueError(
            f"Could not find the column {wanted!r} given as `{argument}`; the columns are {names}.{hint} "
            f"Pass `{argument}=` with one of them."
        )
    for c in candidates:
        if c in cols:
            return c
    lower = {}
    for n, c in zip(names, cols, strict=True):
        lower.setdefault(n.strip().lower(), c)
    for c in candidates:
        if c in lower:  # "Text", "BODY ", …
            return lower[c]
    if required:
        close = []
        for cand in candidates:
            close = difflib.get_close_matches(cand, list(lower), n=1, cutoff=0.75)
            if close:
                break
        hint = f" Did you mean {str(lower[close[0]])!r}?" if close else ""
        raise ValueError(
            f"Could not find a text column: none of {list(candidates)} is among the columns {names}.{hint} "
            f"Pass `{argument}=` with the name of the column that holds the article text."
        )
    return None


def _no_surrogates(value: str, counts: dict[str, int]) -> str:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        counts["surrogates"] = counts.get("surrogates", 0) + 1
        return value.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
    return value


def _surrogate_warning(counts: dict[str, int], origin: str) -> None:
    if counts.get("surrogates"):
        _warn(f"{counts['surrogates']} value(s) of {origin} contain lone surrogate code points (broken UTF-16); "
              f"they were replaced with U+FFFD so that the text can be stored and written to files.")


def _cell_text(value: Any, counts: dict[str, int]) -> str:
    """One text cell as a string, counting what had to be done to it."""
    if isinstance(value, str):
        return _no_surrogates(value, counts)
    if _is_missing(value):
        counts["missing"] += 1
        return ""
    if isinstance(value, (bytes, bytearray)):
        counts["bytes"] += 1
        return bytes(value).decode("utf-8", errors="replace")
    if isinstance(value, (list, tuple)) or type(value).__name__ == "ndarray":
        items = [v for v in list(value) if not _is_missing(v)]
        return _no_surrogates("\n".join(v if isinstance(v, str) else str(v) for v in items), counts)
    counts["converted"] += 1
    return _no_surrogates(str(value), counts)


def _id_text(value: Any, counts: dict[str, int]) -> str:
    if _is_missing(value):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, bytes):
        return value.decode("utf-8", errors="replace")
    return _no_surrogates(str(value).strip(), counts)


def _normalise_frame(frame: pd.DataFrame, *, text: str | None, id: str | None, origin: str,
                     id_prefix: str | None = None) -> pd.DataFrame:
    if frame.columns.duplicated().any():
        dups = sorted({str(c) for c in frame.columns[frame.columns.duplicated()]})
        raise ValueError(
            f"The input {origin} has duplicate column names {dups}; give every column a distinct name "
            f"(e.g. `frame.columns = [...]`)."
        )
    if len(frame) == 0:
        raise ValueError(f"The input {origin} holds no rows: nothing to score. Check the file or filter that made it.")
    tcol = _pick_column(frame, text, TEXT_COLUMN_CANDIDATES, "text", required=True)
    icol = _pick_column(frame, id, ID_COLUMN_CANDIDATES, "id", required=False)
    if icol is not None and icol == tcol:
        raise ValueError(
            f"The same column {tcol!r} was given for `text` and for `id`; pass the id column as `id=` "
            f"and the article text column as `text=`."
        )
    counts = {"missing": 0, "converted": 0, "bytes": 0, "html": 0}
    body = [_cell_text(v, counts) for v in frame[tcol].tolist()]
    for i, b in enumerate(body):
        if "<" in b and _looks_like_html(b):
            body[i] = _html_to_text(b)[0]
            counts["html"] += 1
    if counts["missing"]:
        _warn(f"{counts['missing']} row(s) of {origin} have no text (None/NaN in column {str(tcol)!r}); they are "
              f"kept as empty documents scored 0.")
    if counts["converted"]:
        _warn(f"{counts['converted']} row(s) of {origin} have non-string values in column {str(tcol)!r}; they "
              f"were converted with str().")
    if counts["bytes"]:
        _warn(f"{counts['bytes']} row(s) of {origin} hold bytes in column {str(tcol)!r}; they were decoded as "
              f"UTF-8 (undecodable bytes replaced with U+FFFD).")
    if counts["html"]:
        _warn(f"{counts['html']} row(s) of {origin} look like HTML in column {str(tcol)!r}; tags were stripped "
              f"and the visible text kept (scripts and styles dropped).")
    if icol is not None:
        ids = [_id_text(v, counts) for v in frame[icol].tolist()]
        blank = [i for i, v in enumerate(ids) if not v]
        if blank:
            for i in blank:
                ids[i] = f"row{i}"
            _warn(f"{len(blank)} row(s) of {origin} have no id in column {str(icol)!r}; they were given the ids "
                  f"'row<N>' (N = row number), e.g. {ids[blank[0]]!r}.")
    else:
        ids = [f"{id_prefix}{i}" if id_prefix else str(i) for i in range(len(frame))]
    _surrogate_warning(counts, origin)
    out = frame.drop(columns=[c for c in (tcol, icol) if c is not None]).reset_index(drop=True)
    clash = [c for c in out.columns if str(c) in RESERVED_COLUMNS or str(c) in ("doc_id", "text")]
    if clash:
        renames = {}
        for c in clash:
            new = f"{c}_input"
            while new in out.columns or new in renames.values():
                new += "_"
            renames[c] = new
        out = out.rename(columns=renames)
        _warn(f"Column(s) {[str(c) for c in clash]} of {origin} have names that the toolkit's frames use; they were "
              f"renamed {list(renames.values())} so that they are kept. Rename them yourself to silence this.")
    out.insert(0, "text", body)
    out.insert(0, "doc_id", ids)
    return out


def _dedupe_ids(frame: pd.DataFrame) -> pd.DataFrame:
    ids = frame["doc_id"].tolist()
    if len(set(ids)) == len(ids):
        return frame
    taken = set(ids)
    counts: dict[str, int] = {}
    new_ids = []
    for doc_id in ids:
        k = counts.get(doc_id, 0) + 1
        counts[doc_id] = k
        if k == 1:
            new_ids.append(doc_id)
            continue
        new = f"{doc_id}#{k}"
        while new in taken:
            k += 1
            new = f"{doc_id}#{k}"
        counts[doc_id] = k
        taken.add(new)
        new_ids.append(new)
    from collections import Counter

    dups = sorted(d for d, c in Counter(ids).items() if c > 1)
    _warn(f"Duplicate doc_id values {dups[:5]}{' …' if len(dups) > 5 else ''}: later copies were renamed "
          f"'<id>#2', '<id>#3', … so that every document stays distinct. Pass unique ids to avoid this.")
    frame = frame.copy()
    frame["doc_id"] = new_ids
    return frame


# ------------------------------------------------------------------------------------------ paths
def _expand_paths(paths: Iterable[str | os.PathLike]) -> tuple[list[Path], bool]:
    """Files to read, and whether any came from a folder or pattern (then bad files are skipped)."""
    files: list[Path] = []
    lenient = False
    for p in paths:
        s = os.fspath(p)
        if os.path.isdir(s):
            lenient = True
            found = sorted(q for q in Path(s).rglob("*") if q.is_file()
                           and not any(part.startswith(".") for part in q.relative_to(s).parts))
            usable = [q for q in found if q.suffix.lower() in SUPPORTED_EXTENSIONS]
            skipped = [q for q in found if q.suffix.lower() not in SUPPORTED_EXTENSIONS]
            if skipped:
                names = ", ".join(repr(q.name) for q in skipped[:5]) + (" …" if len(skipped) > 5 else "")
                _warn(f"Skipped {len(skipped)} file(s) in {s!r} with unsupported extensions ({names}); "
                      f"supported: {', '.join(SUPPORTED_EXTENSIONS)}.")
            if not usable:
                raise ValueError(
                    f"The folder {s!r} given as `source` holds no readable files (it has {len(found)} file(s); "
                    f"supported extensions: {', '.join(SUPPORTED_EXTENSIONS)})."
                )
            files.extend(usable)
        elif os.path.isfile(s):
            files.append(Path(s))
        elif _GLOB_CHARS.search(s):
            lenient = True
            matched = sorted(Path(m) for m in _glob.glob(s, recursive=True) if os.path.isfile(m))
            if not matched:
                raise FileNotFoundError(f"The pattern {s!r} given as `source` matches no files.")
            files.extend(matched)
        else:
            raise FileNotFoundError(f"The path {s!r} given as `source` does not exist.")
    return files, lenient


def _read_paths(files: list[Path], *, text: str | None, id: str | None, lenient: bool = False) -> pd.DataFrame:
    frames = []
    skipped: list[str] = []
    n_tables = 0
    for path in files:
        ext = path.suffix.lower()
        try:
            if ext in _TABLE_EXTENSIONS:
                n_tables += 1
                frame = _read_table_file(path)
                if len(frame) == 0:
                    _warn(f"The file {str(path)!r} holds no rows; skipped.")
                    continue
                prefix = f"{path.stem}:" if len(files) > 1 else None
                frames.append(_normalise_frame(frame, text=text, id=id, origin=repr(str(path)), id_prefix=prefix))
            elif ext in _TEXT_EXTENSIONS:
                frames.append(_read_text_file(path))
            elif lenient:
                skipped.append(f"{str(path)!r} (unsupported extension {ext!r})")
            else:
                raise ValueError(
                    f"Unsupported file extension {ext!r} for {str(path)!r} in `source`; supported: "
                    f"{', '.join(SUPPORTED_EXTENSIONS)}. Rename a plain-text file to .txt, or convert the file."
                )
        except _BinaryFileError as exc:
            if not lenient and len(files) == 1:
                raise
            skipped.append(f"{str(path)!r} ({exc.kind})")
    if skipped:
        _warn(f"Skipped {len(skipped)} file(s) that are not text: {', '.join(skipped[:5])}"
              f"{' …' if len(skipped) > 5 else ''}. Convert them to .txt/.csv/.jsonl/.parquet to score them.")
    if n_tables == 0:
        for arg, value in (("text", text), ("id", id)):
            if value is not None:
                _warn(f"`{arg}={value!r}` has no effect: it names a column of a table, but `source` holds only "
                      f"text files (each file is one document, its id the file name).")
    if not frames:
        raise ValueError("The files given as `source` hold no documents: nothing to score.")
    return pd.concat(frames, ignore_index=True, sort=False)


def _is_path_like_str(s: str) -> bool:
    if "\n" in s or "\x00" in s or len(s) > 4096:
        return False
    try:
        if os.path.exists(s):
            return True
    except (OSError, ValueError):
        return False
    if _GLOB_CHARS.search(s) and _glob.glob(s, recursive=True):
        return True
    return False


def _looks_like_filename(s: str) -> bool:
    stripped = s.strip()
    return ("\n" not in stripped and " " not in stripped and 0 < len(stripped) < 300
            and Path(stripped).suffix.lower() in SUPPORTED_EXTENSIONS)


def _warn_no_effect(text: str | None, id: str | None, what: str) -> None:
    for arg, value in (("text", text), ("id", id)):
        if value is not None:
            _warn(f"`{arg}={value!r}` has no effect when `source` is {what}: it names a column of a table or "
                  f"DataFrame. Leave it out, or pass a DataFrame.")


def _check_column_arg(value: Any, argument: str) -> None:
    if value is not None and not isinstance(value, (str, int)):
        raise TypeError(
            f"The value for `{argument}` must be a column name (str), but {_short(value)} of type "
            f"{type(value).__name__} was passed."
        )


# ------------------------------------------------------------------------------------------ entry
def read_articles(source: Any, *, text: str | None = None, id: str | None = None) -> pd.DataFrame:
    """Read articles into a documents frame (one row per document).

    Parameters
    ----------
    source
        A string of article text; a list (or other iterable) of strings — texts, or paths when
        they name existing files; a dict ``{doc_id: text}``; a path to a file (``.txt``,
        ``.md``, ``.html``, ``.csv``, ``.tsv``, ``.jsonl``, ``.json``, ``.parquet``), a folder
        (read recursively) or a glob pattern; bytes; or a DataFrame / Series.
    text
        Column holding the article text in tables (default: the first of ``text``, ``body``,
        ``content``, ``article``, ``paragraphs``, in any letter case; a list of paragraphs is
        joined with newlines).
    id
        Column holding document ids (default: ``doc_id``, ``id`` or ``article_id``, else the file
        name for text files and the row number for tables).

    Returns
    -------
    DataFrame with ``doc_id`` (str), ``text`` (str) and metadata columns passed through.

    Notes
    -----
    Nothing is dropped silently. Duplicate ids are made unique (``"a#2"``), missing text becomes
    an empty document, HTML is reduced to its visible text, undecodable bytes are replaced —
    each with a :class:`UserWarning`. Folders and patterns skip unsupported and binary files
    with a warning naming them; a single such file given explicitly is an error. See
    ``CONTRIBUTING.md`` ("Bad input") for the full table.
    """
    _check_column_arg(text, "text")
    _check_column_arg(id, "id")
    if isinstance(source, pd.DataFrame):
        frame = _normalise_frame(source, text=text, id=id, origin="the DataFrame")
    elif isinstance(source, pd.Series):
        _warn_no_effect(text, id, "a Series")
        if len(source) == 0:
            raise ValueError("The Series given as `source` is empty: nothing to score.")
        frame = _normalise_frame(source.rename("text").to_frame(), text="text", id=None, origin="the Series")
    elif isinstance(source, (bytes, bytearray)):
        _warn_no_effect(text, id, "bytes")
        decoded = _decode(bytes(source), "<bytes given as source>")
        if not decoded.strip():
            raise ValueError("The value for `source` is empty bytes: pass article text, a path, a list of texts "
                             "or a DataFrame.")
        return read_articles(decoded)
    elif isinstance(source, os.PathLike):
        files, lenient = _expand_paths([source])
        frame = _read_paths(files, text=text, id=id, lenient=lenient)
    elif isinstance(source, str):
        if not source.strip():
            what = f" (white space only: {_short(source, 20)})" if source else ""
            raise ValueError(
                f"The value for `source` is an empty string{what}: pass article text, a path, a list of texts "
                f"or a DataFrame."
            )
        if _is_path_like_str(source):
            files, lenient = _expand_paths([source])
            frame = _read_paths(files, text=text, id=id, lenient=lenient)
        else:
            if _looks_like_filename(source) and _GLOB_CHARS.search(source):
                raise FileNotFoundError(f"The pattern {source!r} given as `source` matches no files.")
            if _looks_like_filename(source):
                raise FileNotFoundError(
                    f"The path {source!r} given as `source` does not exist. (To score it as text, "
                    f"wrap it in a list: [{source!r}].)"
                )
            _warn_no_effect(text, id, "a string of text")
            counts: dict[str, int] = {}
            body = _no_surrogates(source, counts)
            _surrogate_warning(counts, "the string given as `source`")
            row: dict[str, Any] = {"doc_id": "0", "text": body}
            if _looks_like_html(body):
                row["text"], title = _html_to_text(body)
                log.info("source looks like HTML: tags stripped")
                if title is not None:
                    row["title"] = title
            frame = pd.DataFrame([row])
    elif isinstance(source, Mapping):
        if not source:
            raise ValueError("The value for `source` is an empty dict: nothing to score.")
        _warn_no_effect(text, id, "a dict")
        frame = _normalise_frame(pd.DataFrame({"doc_id": [str(k) for k in source], "text": list(source.values())}),
                                 text="text", id="doc_id", origin="the dict")
    elif source is None:
        raise TypeError("The value for `source` is None: pass article text, a path, a list of texts or a DataFrame.")
    elif isinstance(source, Iterable) and not isinstance(source, (int, float)):
        items = list(source)
        if not items:
            raise ValueError("The value for `source` is an empty list: nothing to score.")
        frame = _read_list(items, text=text, id=id)
    else:
        raise TypeError(
            f"Could not interpret value {_short(source)} of type {type(source).__name__} for `source`: pass a str "
            f"(text or path), a list of str, a path, or a pandas DataFrame."
        )
    frame = _dedupe_ids(frame)
    frame["doc_id"] = [str(v) for v in frame["doc_id"]]
    frame["text"] = [str(v) for v in frame["text"]]
    return frame


def _read_list(items: list, *, text: str | None, id: str | None) -> pd.DataFrame:
    strs = [x for x in items if isinstance(x, (str, os.PathLike))]
    if len(strs) == len(items):
        existing = [x for x in items if isinstance(x, os.PathLike) or _is_path_like_str(x)]
        names = [x for x in items if isinstance(x, os.PathLike) or _looks_like_filename(x)]
        if existing and len(existing) == len(items):
            files, lenient = _expand_paths(items)
            return _read_paths(files, text=text, id=id, lenient=lenient or len(files) > 1)
        if existing or len(names) == len(items):
            missing = next(x for x in items if x not in existing)
            raise FileNotFoundError(
                f"The path {os.fspath(missing)!r} in the list given as `source` does not exist "
                f"({len(existing)} of {len(items)} items are existing files). Fix the path, or pass only texts."
            )
    bad = [i for i, x in enumerate(items)
           if not (isinstance(x, (str, bytes, bytearray)) or _is_missing(x))]
    if bad:
        raise TypeError(
            f"The value for `source` must be a list of str, but item {bad[0]} is "
            f"{type(items[bad[0]]).__name__} ({_short(items[bad[0]], 40)}). Convert the items to text, or pass "
            f"a DataFrame with a text column."
        )
    _warn_no_effect(text, id, "a list of texts")
    return _normalise_frame(pd.DataFrame({"text": pd.Series(items, dtype=object)}), text="text", id=None,
                            origin="the list")
