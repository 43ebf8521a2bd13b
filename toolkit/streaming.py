"""Streaming: score corpora larger than memory, chunk by chunk, into one Parquet file.

:func:`score_files` reads its inputs in chunks of documents (CSV/TSV and JSON Lines by
rows, Parquet by record batches, text files a batch of files at a time), scores each chunk
(in worker processes with ``n_jobs``), and writes each scored chunk as a part file next to
the output::

    out.parquet.parts/
        manifest.json          what is being scored (inputs, sizes, options) + finished chunks
        part-000000.parquet    chunk 0, written to a temporary name then renamed
        part-000001.parquet
        …

When every chunk is done the parts are copied, in order, into ``out.parquet`` (one row
group per chunk, with :class:`pyarrow.parquet.ParquetWriter`) and the folder is removed.
If the run is interrupted (Ctrl-C, a crash, a killed job), running the same call again
finds the manifest, skips the finished chunks and scores the rest: no row is lost and none
is written twice. A manifest for different inputs or options is refused with a message
(pass ``overwrite=True`` to start again).

The Parquet file holds the scores frame; ``evidence`` is stored as a JSON string per row
(as ``python -m toolkit score -o x.parquet`` does) and ``targets``/``actors`` as lists.
"""
from __future__ import annotations

import glob as _glob
import hashlib
import json
import logging
import os
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pandas as pd

__all__ = ["score_files", "read_scores", "parquet_schema", "add_cli"]

log = logging.getLogger("toolkit")

_TABLE_EXTS = (".csv", ".tsv", ".jsonl", ".parquet")
_TEXT_EXTS = (".txt", ".md")
_MANIFEST_VERSION = 1


# ---------------------------------------------------------------------------------------------
# inputs

def _expand_inputs(inputs: Any) -> list[Path]:
    if isinstance(inputs, (str, os.PathLike)):
        inputs = [inputs]
    if not isinstance(inputs, (list, tuple)) or not inputs:
        raise TypeError(
            f"The value for `inputs` must be a path, a glob or a list of them, but {inputs!r:.80} was passed."
        )
    files: list[Path] = []
    for item in inputs:
        if not isinstance(item, (str, os.PathLike)):
            raise TypeError(f"The value for `inputs` must hold paths, but it holds {item!r:.80}.")
        s = os.fspath(item)
        if os.path.isdir(s):
            found = sorted(p for p in Path(s).rglob("*")
                           if p.is_file() and not p.name.startswith(".") and p.suffix.lower() in _TABLE_EXTS + _TEXT_EXTS)
            if not found:
                raise ValueError(
                    f"The folder {s!r} given in `inputs` holds no readable files "
                    f"(supported: {', '.join(_TABLE_EXTS + _TEXT_EXTS)})."
                )
            files.extend(found)
        elif os.path.isfile(s):
            files.append(Path(s))
        elif any(ch in s for ch in "*?["):
            matched = sorted(Path(m) for m in _glob.glob(s, recursive=True) if os.path.isfile(m))
            if not matched:
                raise FileNotFoundError(f"The pattern {s!r} given in `inputs` matches no files.")
            files.extend(matched)
        else:
            raise FileNotFoundError(f"The path {s!r} given in `inputs` does not exist.")
    for f in files:
        if f.suffix.lower() not in _TABLE_EXTS + _TEXT_EXTS:
            raise ValueError(
                f"Unsupported file extension {f.suffix!r} for {str(f)!r} in `inputs`; "
                f"supported: {', '.join(_TABLE_EXTS + _TEXT_EXTS)}."
            )
    return files


def _read_jsonl_chunks(path: Path, chunk_size: int) -> Iterator[pd.DataFrame]:
    records: list[dict] = []
    with open(path, encoding="utf-8", errors="replace") as fh:
        for lineno, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                records.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise ValueError(f"Line {lineno} of {str(path)!r} is not valid JSON ({exc.msg}).") from None
            if len(records) >= chunk_size:
                yield pd.DataFrame.from_records(records)
                records = []
    if records:
        yield pd.DataFrame.from_records(records)


def _table_chunks(path: Path, chunk_size: int) -> Iterator[pd.DataFrame]:
    ext = path.suffix.lower()
    if ext in (".csv", ".tsv"):
        reader = pd.read_csv(path, sep="\t" if ext == ".tsv" else ",", dtype=object, keep_default_na=False,
                             na_values=[""], encoding_errors="replace", chunksize=chunk_size)
        with reader:
            yield from reader
    elif ext == ".jsonl":
        yield from _read_jsonl_chunks(path, chunk_size)
    else:
        import pyarrow.parquet as pq

        pf = pq.ParquetFile(path)
        for batch in pf.iter_batches(batch_size=chunk_size):
            yield batch.to_pandas()


def _document_chunks(files: list[Path], chunk_size: int, text: str | None,
                     id: str | None) -> Iterator[pd.DataFrame]:
    """Documents frames of at most ``chunk_size`` documents, with globally unique default ids."""
    from toolkit.io import ID_COLUMN_CANDIDATES, read_articles

    multi = len(files) > 1
    text_batch: list[Path] = []

    def flush_text() -> pd.DataFrame:
        frame = read_articles([str(p) for p in text_batch])
        text_batch.clear()
        return frame

    for path in files:
        if path.suffix.lower() in _TEXT_EXTS:
            text_batch.append(path)
            if len(text_batch) >= chunk_size:
                yield flush_text()
            continue
        if text_batch:
            yield flush_text()
        row0 = 0
        for raw in _table_chunks(path, chunk_size):
            n = len(raw)
            if n == 0:
                continue
            has_id = (id is not None) or any(c in raw.columns for c in ID_COLUMN_CANDIDATES)
            if not has_id:
                # number rows across the whole file, as read_articles does for one table
                prefix = f"{path.stem}:" if multi else ""
                raw = raw.assign(doc_id=[f"{prefix}{row0 + i}" for i in range(n)])
            frame = read_articles(raw, text=text, id=id if has_id else "doc_id")
            row0 += n
            yield frame
    if text_batch:
        yield flush_text()


def _fingerprint(files: list[Path], options: dict) -> str:
    h = hashlib.sha1()
    for f in files:
        st = f.stat()
        h.update(f"{f.resolve()}|{st.st_size}|{st.st_mtime_ns};".encode())
    h.update(json.dumps(options, sort_keys=True, default=str).encode())
    return h.hexdigest()


def _options_key(value: Any) -> Any:
    if value is None or isinstance(value, (bool, str, int, float)):
        return value
    if isinstance(value, os.PathLike):
        return os.fspath(value)
    if isinstance(value, pd.DataFrame):
        return "DataFrame:" + hashlib.sha1(pd.util.hash_pandas_object(value.astype(str), index=True).values.tobytes()).hexdigest()
    return f"{type(value).__name__}:{value!r:.200}"


# ---------------------------------------------------------------------------------------------
# writing

def _to_arrow(scores: pd.DataFrame):
    import pyarrow as pa

    frame = scores.copy()
    frame["evidence"] = [json.dumps(v, ensure_ascii=False) for v in frame["evidence"]]
    frame["targets"] = [list(v) for v in frame["targets"]]
    frame["actors"] = [list(v) for v in frame["actors"]]
    table = pa.Table.from_pandas(frame, preserve_index=False)
    fixed = {"speaker": pa.string(), "targets": pa.list_(pa.string()), "actors": pa.list_(pa.string()),
             "evidence": pa.string(), "doc_id": pa.string(), "text": pa.string(), "rhetoric": pa.string()}
    fields = [pa.field(f.name, fixed.get(f.name, f.type)) for f in table.schema]
    return table.cast(pa.schema(fields, metadata=table.schema.metadata))


_FIXED_TYPES = {"speaker": "string", "targets": "list", "actors": "list", "evidence": "string", "doc_id": "string",
                "text": "string", "rhetoric": "string"}


def parquet_schema(scores: Any):
    """The Arrow schema of a scores frame as :func:`score_files` writes it (``evidence`` as JSON text).

    Works on a pandas or a dask scores frame (only columns and dtypes are read), e.g.
    ``ddf.to_parquet(path, schema=parquet_schema(ddf))`` after turning ``evidence`` into JSON.
    """
    import pyarrow as pa

    meta = getattr(scores, "_meta", scores).iloc[:0]
    fields = []
    for col in meta.columns:
        kind = _FIXED_TYPES.get(col)
        if kind == "string":
            fields.append(pa.field(col, pa.string()))
        elif kind == "list":
            fields.append(pa.field(col, pa.list_(pa.string())))
        elif meta[col].dtype == object:
            fields.append(pa.field(col, pa.string()))
        else:
            fields.append(pa.field(col, pa.Schema.from_pandas(meta[[col]], preserve_index=False).field(col).type))
    return pa.schema(fields)


def _write_part(scores: pd.DataFrame, path: Path) -> int:
    import pyarrow.parquet as pq

    tmp = path.with_name(path.name + ".tmp")
    pq.write_table(_to_arrow(scores), tmp)
    os.replace(tmp, path)
    return len(scores)


def _score_and_write(lex: Any, registry: Any, docs: pd.DataFrame, path: str) -> int:
    """Worker task: split, score and write one chunk; returns its row count."""
    from toolkit.scoring import _score_paragraphs
    from toolkit.segment import split_paragraphs

    paras = split_paragraphs(docs)
    scores = _score_paragraphs(paras, lex, registry, progress=False)
    return _write_part(scores, Path(path))


def _after_chunk(k: int, n_done: int) -> None:
    """Called in the main process after chunk ``k`` is recorded (tests inject interruptions here)."""


def _save_manifest(manifest: dict, path: Path) -> None:
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps(manifest, indent=1), encoding="utf-8")
    os.replace(tmp, path)


def _merge_parts(parts: list[Path], output: Path, attrs: dict) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    schemas = [pq.read_schema(p) for p in parts]
    schema = pa.unify_schemas([s.remove_metadata() for s in schemas], promote_options="permissive")
    meta = dict(schemas[0].metadata or {}) if schemas else {}
    meta[b"toolkit"] = json.dumps(attrs).encode()
    schema = schema.with_metadata(meta)
    tmp = output.with_name(output.name + ".tmp")
    rows = 0
    with pq.ParquetWriter(tmp, schema) as writer:
        for p in parts:
            table = pq.read_table(p)
            table = table.select(schema.names) if set(table.schema.names) == set(schema.names) else table
            if table.schema.remove_metadata() != schema.remove_metadata():
                missing = [n for n in schema.names if n not in table.schema.names]
                for name in missing:
                    table = table.append_column(name, pa.nulls(len(table), schema.field(name).type))
                table = table.select(schema.names).cast(schema.remove_metadata())
            writer.write_table(table.replace_schema_metadata(meta))
            rows += table.num_rows
    os.replace(tmp, output)
    return rows


# ---------------------------------------------------------------------------------------------
# public

def score_files(inputs: Any, output: str | os.PathLike, *, chunk_size: int = 2000, n_jobs: int = 1,
                progress: bool | None = None, text: str | None = None, id: str | None = None,
                lexicon: Any = None, actors: Any = None, overwrite: bool = False) -> Path:
    """Score files too large for memory into one Parquet file, chunk by chunk, resumably.

    Parameters
    ----------
    inputs
        A path, folder, glob, or list of them: ``.csv``, ``.tsv``, ``.jsonl`` and ``.parquet``
        tables (one row per document, read ``chunk_size`` rows at a time), ``.txt``/``.md``
        files (one document each).
    output
        The ``.parquet`` file to write. Part files and a manifest live in ``<output>.parts/``
        until the run completes.
    chunk_size
        Documents per chunk (each chunk is scored, then written as one row group).
    n_jobs
        Processes: ``1`` scores in this process, ``-1`` uses all cores (chunks are scored in
        parallel, whole documents each, so results are identical).
    progress
        Show a progress bar (default: when run interactively).
    text, id, lexicon, actors
        As in :func:`toolkit.score`.
    overwrite
        Replace an existing ``output`` and discard an unfinished run for different inputs.

    Returns
    -------
    Path of the Parquet file. Read it back with :func:`toolkit.streaming.read_scores`
    (``evidence`` decoded into lists of dicts) or with ``pandas.read_parquet``.

    Interrupted runs resume: call again with the same arguments and only unfinished chunks
    are scored.
    """
    from toolkit.lexicon import load_lexicon
    from toolkit.parallel import ScoringPool, resolve_n_jobs
    from toolkit.scoring import _load_registry

    out = Path(output)
    if out.suffix.lower() != ".parquet":
        raise ValueError(
            f"The value for `output` must be a .parquet file, but {str(output)!r} was passed. "
            f"score_files writes Parquet in chunks; convert afterwards if you need CSV."
        )
    if isinstance(chunk_size, bool) or not isinstance(chunk_size, int) or chunk_size < 1:
        raise ValueError(f"The value for `chunk_size` must be a positive int, but {chunk_size!r} was passed.")
    workers = resolve_n_jobs(n_jobs)
    files = _expand_inputs(inputs)
    lex = load_lexicon(lexicon)
    options = {"chunk_size": chunk_size, "text": text, "id": id, "lexicon": _options_key(lexicon),
               "actors": _options_key(actors), "lexicon_fingerprint": lex.fingerprint,
               "manifest_version": _MANIFEST_VERSION}
    fingerprint = _fingerprint(files, options)
    parts_dir = out.with_name(out.name + ".parts")
    manifest_path = parts_dir / "manifest.json"

    if out.exists() and not parts_dir.exists():
        if not overwrite:
            raise ValueError(
                f"The output {str(out)!r} already exists. Pass `overwrite=True` (CLI: --overwrite) to replace it."
            )
    manifest: dict = {}
    if manifest_path.exists():
        try:
            manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError):
            manifest = {}
        if manifest.get("fingerprint") != fingerprint:
            if not overwrite:
                raise ValueError(
                    f"{str(parts_dir)!r} holds an unfinished run for different inputs or options. Call again "
                    f"with the same arguments to resume it, or pass `overwrite=True` (CLI: --overwrite) to start over."
                )
            shutil.rmtree(parts_dir)
            manifest = {}
    parts_dir.mkdir(parents=True, exist_ok=True)
    if not manifest:
        manifest = {"fingerprint": fingerprint, "inputs": [str(f) for f in files], "options": options,
                    "done": {}, "complete": False}
        _save_manifest(manifest, manifest_path)
    done: dict[str, int] = manifest["done"]
    if done:
        log.info("resuming %s: %d chunk(s) already scored", out, len(done))

    if progress is None:
        progress = sys.stderr.isatty()
    bar = None
    if progress:
        from tqdm.auto import tqdm

        bar = tqdm(unit="para", desc="scoring files")
        bar.update(sum(done.values()))

    def part_path(k: int) -> Path:
        return parts_dir / f"part-{k:06d}.parquet"

    def finish(k: int, rows: int) -> None:
        done[str(k)] = rows
        _save_manifest(manifest, manifest_path)
        if bar is not None:
            bar.update(rows)
        _after_chunk(k, len(done))

    n_chunks = 0
    try:
        if workers == 1:
            registry = _load_registry(actors)
            for k, docs in enumerate(_document_chunks(files, chunk_size, text, id)):
                n_chunks = k + 1
                if str(k) in done and part_path(k).exists():
                    continue
                finish(k, _score_and_write(lex, registry, docs, str(part_path(k))))
        else:
            with ScoringPool(workers, lexicon=lex if lexicon is not None else None, actors=actors) as pool:
                pending: list[tuple[int, Any]] = []
                for k, docs in enumerate(_document_chunks(files, chunk_size, text, id)):
                    n_chunks = k + 1
                    if str(k) in done and part_path(k).exists():
                        continue
                    pending.append((k, pool.submit(_score_and_write, docs, str(part_path(k)))))
                    while len(pending) >= 2 * workers:
                        j, fut = pending.pop(0)
                        finish(j, fut.result())
                while pending:
                    j, fut = pending.pop(0)
                    finish(j, fut.result())
    finally:
        if bar is not None:
            bar.close()

    parts = [part_path(k) for k in range(n_chunks)]
    missing = [str(p) for p in parts if not p.exists()]
    if missing:  # pragma: no cover - defensive
        raise RuntimeError(f"Part files are missing ({missing[:3]}); run again to rescore them.")
    if not parts:
        raise ValueError(f"The files in `inputs` hold no documents: nothing to score ({[str(f) for f in files][:3]}).")
    attrs = {"lexicon_version": lex.version, "lexicon_fingerprint": lex.fingerprint}
    rows = _merge_parts(parts, out, attrs)
    shutil.rmtree(parts_dir)
    log.info("scored %d paragraphs in %d chunk(s) -> %s", rows, n_chunks, out)
    return out


def read_scores(path: str | os.PathLike) -> pd.DataFrame:
    """Read a scores Parquet file written by :func:`score_files` back into a scores frame."""
    import pyarrow.parquet as pq

    table = pq.read_table(path)
    frame = table.to_pandas()
    if "evidence" in frame.columns:
        frame["evidence"] = [json.loads(v) if isinstance(v, str) else [] for v in frame["evidence"]]
    for col in ("targets", "actors"):
        if col in frame.columns:
            frame[col] = [list(v) if v is not None else [] for v in frame[col]]
    if "speaker" in frame.columns:
        frame["speaker"] = frame["speaker"].astype(object).where(frame["speaker"].notna(), None)
    meta = (table.schema.metadata or {}).get(b"toolkit")
    if meta:
        frame.attrs.update(json.loads(meta))
    return frame


# ---------------------------------------------------------------------------------------------
# command line

def add_cli(subparsers: Any) -> None:
    """Add the ``score-files`` sub-command to ``python -m toolkit``."""
    p = subparsers.add_parser(
        "score-files", help="score large corpora in chunks into one Parquet file (resumable)",
        description="Score CSV/TSV/JSONL/Parquet tables (one row per document) or text files, chunk by chunk, "
                    "into one Parquet file. An interrupted run resumes where it stopped when run again.")
    p.add_argument("paths", nargs="+", metavar="PATH", help="files, folders or globs")
    p.add_argument("-o", "--output", required=True, help="output .parquet file")
    p.add_argument("--chunk-size", type=int, default=2000, help="documents per chunk (default 2000)")
    p.add_argument("--n-jobs", type=int, default=1, help="processes: 1 (default), -1 = all cores")
    p.add_argument("--text", default=None, help="text column in tables (default: text/body/content)")
    p.add_argument("--id", default=None, help="document id column in tables (default: doc_id/id)")
    p.add_argument("--lexicon", default=None, help="user lexicon CSV/TSV merged on top of the packaged one")
    p.add_argument("--actors", default=None, help="user actor registry CSV/YAML merged on top of the default")
    p.add_argument("--no-actors", action="store_true", help="skip speaker/target attribution (faster)")
    p.add_argument("--overwrite", action="store_true", help="replace the output / discard an unfinished run")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    p.set_defaults(func=_cmd_score_files)


def _cmd_score_files(args: Any) -> int:
    import pyarrow.parquet as pq

    actors = False if args.no_actors else args.actors
    path = score_files(args.paths, args.output, chunk_size=args.chunk_size, n_jobs=args.n_jobs,
                       progress=False if args.quiet else None, text=args.text, id=args.id,
                       lexicon=args.lexicon, actors=actors, overwrite=args.overwrite)
    meta = pq.ParquetFile(path).metadata
    print(f"scored {meta.num_rows} paragraphs -> {path}")
    return 0
