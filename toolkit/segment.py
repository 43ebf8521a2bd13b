"""Segmentation: documents into paragraphs, paragraphs into sentences, with character offsets.

Sentences are split with NLTK's Punkt tokenizer given an abbreviation list, so no
downloaded NLTK data is needed.
"""
from __future__ import annotations

import functools
import re
import warnings

import pandas as pd

__all__ = ["split_paragraphs", "split_sentences", "sentence_spans", "ABBREVIATIONS"]

#: Abbreviations after which a period does not end a sentence (lower case, without the final dot).
ABBREVIATIONS: frozenset[str] = frozenset({
    "u.s", "u.n", "u.k", "e.u", "u.s.a", "u.a.e", "d.c", "n.y", "l.a",
    "mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "mt", "ft",
    "gen", "lt", "col", "maj", "capt", "cmdr", "adm", "sgt", "cpl", "pvt", "brig",
    "sen", "rep", "gov", "pres", "amb", "sec", "atty", "rev", "hon", "supt", "insp",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "mon", "tue", "tues", "wed", "thu", "thurs", "fri", "sat", "sun",
    "no", "nos", "vol", "vs", "etc", "approx", "dept", "est", "inc", "ltd", "co", "corp", "bros",
    "a.m", "p.m", "i.e", "e.g", "cf", "al", "fig", "ca", "gov't",
})

_PARA_RE = re.compile(r"[^\r\n]+")


@functools.lru_cache(maxsize=1)
def _punkt():
    from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

    params = PunktParameters()
    params.abbrev_types = set(ABBREVIATIONS)
    return PunktSentenceTokenizer(params)


@functools.lru_cache(maxsize=65536)
def _sentence_spans_cached(text: str) -> tuple[tuple[int, int], ...]:
    if not text.strip():
        return ()
    spans = []
    for start, end in _punkt().span_tokenize(text):
        spans.append((start, end))
    return tuple(spans) if spans else ((0, len(text)),)


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Character spans ``(start, end)`` of the sentences in ``text``."""
    if not isinstance(text, str):
        raise TypeError(f"The value for `text` must be a str, but {type(text).__name__} was passed.")
    if len(text) > 20000:  # do not fill the cache with huge strings
        return list(_sentence_spans_cached.__wrapped__(text))
    return list(_sentence_spans_cached(text))


def split_sentences(text: str) -> list[str]:
    """The sentences of ``text`` (NLTK Punkt with :data:`ABBREVIATIONS`)."""
    return [text[s:e] for s, e in sentence_spans(text)]


def _paragraph_spans(text: str) -> list[tuple[int, int]]:
    """Spans of non-blank lines, stripped of surrounding white space."""
    spans = []
    for m in _PARA_RE.finditer(text):
        s, e = m.span()
        chunk = m.group()
        stripped = chunk.strip()
        if not stripped:
            continue
        lead = len(chunk) - len(chunk.lstrip())
        spans.append((s + lead, s + lead + len(stripped)))
    return spans


def split_paragraphs(docs: pd.DataFrame | str | list[str], *, text: str = "text") -> pd.DataFrame:
    """Split documents into paragraphs: one row per paragraph.

    Paragraphs are separated by one or more line breaks (blank-line separated articles and
    one-paragraph-per-line articles both work). Lines holding only white space are not
    paragraphs. A document with no text at all still gives one row (empty ``text``), with a
    warning, so that no document disappears.

    Returns the document columns plus ``para_id`` (0-based), ``text`` (the paragraph,
    unchanged apart from surrounding white space), ``start`` and ``end`` (offsets into the
    document text).
    """
    if not isinstance(docs, pd.DataFrame):
        from toolkit.io import read_articles

        docs = read_articles(docs)
    if text not in docs.columns:
        raise ValueError(f"Column `{text}` (argument `text`) is not in the documents frame; columns: {list(docs.columns)}.")
    meta_cols = [c for c in docs.columns if c != text]
    rows: list[dict] = []
    empty_docs = []
    for rec in docs.to_dict("records"):
        body = rec[text]
        if not isinstance(body, str):
            body = "" if body is None or (isinstance(body, float) and body != body) else str(body)
        spans = _paragraph_spans(body)
        meta = {c: rec[c] for c in meta_cols}
        if not spans:
            empty_docs.append(meta.get("doc_id"))
            rows.append({**meta, "para_id": 0, "text": "", "start": 0, "end": 0})
            continue
        for i, (s, e) in enumerate(spans):
            rows.append({**meta, "para_id": i, "text": body[s:e], "start": s, "end": e})
    if empty_docs:
        shown = ", ".join(map(repr, empty_docs[:5])) + (" …" if len(empty_docs) > 5 else "")
        warnings.warn(
            f"{len(empty_docs)} document(s) have no text ({shown}); each is kept as one empty paragraph "
            f"scored 0.", UserWarning, stacklevel=2,
        )
    columns = meta_cols + ["para_id", text, "start", "end"]
    out = pd.DataFrame(rows, columns=columns)
    if text != "text":
        out = out.rename(columns={text: "text"})
    out["para_id"] = out["para_id"].astype("int64")
    return out
