"""Segmentation: documents into paragraphs, paragraphs into sentences, with character offsets.

Sentences are split with NLTK's Punkt tokenizer given an abbreviation list, so no
downloaded NLTK data is needed.
"""
from __future__ import annotations

import functools
import re

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


#: Candidate contexts (Punkt's "word before + end mark + what follows") whose decision is
#: decided here without NLTK's token machinery: an ASCII word of 2+ letters or a number, a
#: period, then spaces and an ASCII word, or one closing quote/bracket. See :func:`_quick_sentbreak`.
_QUICK_CONTEXT = re.compile(r"([A-Za-z]{2,}|[0-9]+)\.(?: +([A-Za-z])[A-Za-z]*|[\"')\]”’])")


def _quick_sentbreak(context: str) -> bool | None:
    """Punkt's ``text_contains_sentbreak(context)`` for the commonest contexts, else ``None``.

    Identical to NLTK's decision with our parameters (abbreviations only: no collocations,
    no sentence starters, no orthographic statistics), by its rules:

    * ``"Ukraine. The"``, ``"ready.”"``: a period-final word of 2+ letters is a sentence break
      unless it is an abbreviation (then the orthographic heuristic says "unknown" for any
      following token, so it stays an abbreviation); it is not an initial (one letter).
    * ``"12. The"``, ``"12.”"``: a number is a break unless the next token starts in lower case
      (the orthographic heuristic then says "not a sentence starter").

    ``tests/test_segment.py`` checks this against NLTK on the evaluation data and random text.
    """
    m = _QUICK_CONTEXT.fullmatch(context)
    if m is None:
        return None
    word, nxt = m.group(1), m.group(2)
    if word[0].isdigit():
        return nxt is None or not nxt.islower()
    return word.lower() not in ABBREVIATIONS


@functools.lru_cache(maxsize=1)
def _punkt():
    from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

    class _Punkt(PunktSentenceTokenizer):
        """Punkt whose per-candidate decision is answered quickly for common contexts and
        memoised for the rest (a pure function of the context string for fixed parameters)."""

        @functools.lru_cache(maxsize=65536)  # noqa: B019 - one instance, kept for the process
        def text_contains_sentbreak(self, text: str) -> bool:
            quick = _quick_sentbreak(text)
            if quick is not None:
                return quick
            return PunktSentenceTokenizer.text_contains_sentbreak(self, text)

    params = PunktParameters()
    params.abbrev_types = set(ABBREVIATIONS)
    return _Punkt(params)


@functools.lru_cache(maxsize=1)
def _punkt_reference():
    """Plain NLTK Punkt with the same parameters (the reference the fast one is tested against)."""
    from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

    params = PunktParameters()
    params.abbrev_types = set(ABBREVIATIONS)
    return PunktSentenceTokenizer(params)


#: Texts longer than this are cut into chunks (at a likely sentence end) before Punkt, so that
#: NLTK's regular-expression time limit is never reached on very long paragraphs.
_CHUNK = 10_000
#: A "sentence" longer than this (no sentence end in sight: tables, lists, run-on scraped text)
#: is cut at white space into pieces of at most this length, so per-sentence scoring stays linear.
_MAX_SENTENCE = 5_000
_END_RE = re.compile(r"[.!?][\"'”’)\]]*\s+")
_SPACE_RE = re.compile(r"\s+")


def _chunks(text: str, size: int) -> list[tuple[int, int]]:
    """Cut ``text`` into spans of about ``size`` characters, preferably after a sentence end."""
    out = []
    pos, n = 0, len(text)
    while n - pos > size:
        window = text[pos + size // 2: pos + size]
        cut = None
        for m in _END_RE.finditer(window):
            cut = m.end()
        if cut is None:
            for m in _SPACE_RE.finditer(window):
                cut = m.end()
        cut = pos + size // 2 + cut if cut else pos + size
        out.append((pos, cut))
        pos = cut
    out.append((pos, n))
    return out


def _punkt_spans(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    for c0, c1 in _chunks(text, _CHUNK) if len(text) > _CHUNK else [(0, len(text))]:
        for s, e in _punkt().span_tokenize(text[c0:c1]):
            spans.append((c0 + s, c0 + e))
    return spans


def _strip_span(text: str, s: int, e: int) -> tuple[int, int]:
    piece = text[s:e]
    lead = len(piece) - len(piece.lstrip())
    trail = len(piece) - len(piece.rstrip())
    return s + lead, max(s + lead, e - trail)


def _cap_length(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Spans stripped of white space, empty ones dropped, long ones cut at white space."""
    out = []
    for s0, e0 in spans:
        s, e = _strip_span(text, s0, e0)
        if e <= s:
            continue
        if e - s <= _MAX_SENTENCE:
            out.append((s, e))
            continue
        for c0, c1 in _chunks(text[s:e], _MAX_SENTENCE):
            ps, pe = _strip_span(text, s + c0, s + c1)
            if pe > ps:
                out.append((ps, pe))
    return out


@functools.lru_cache(maxsize=65536)
def _sentence_spans_cached(text: str) -> tuple[tuple[int, int], ...]:
    if not text.strip():
        return ()
    spans = _cap_length(text, _punkt_spans(text))
    if not spans:
        spans = _cap_length(text, [(0, len(text))])
    return tuple(spans)


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Character spans ``(start, end)`` of the sentences in ``text``.

    Sentences are found with NLTK Punkt (see :data:`ABBREVIATIONS`). Very long texts are
    split in chunks of about 10,000 characters at a likely sentence end first, and a
    "sentence" longer than 5,000 characters is cut at white space, so the time grows linearly
    with the length of the text.
    """
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
    from toolkit.io import _warn, read_articles

    if not isinstance(text, str):
        raise TypeError(f"The value for `text` must be a column name (str), but {text!r} was passed.")
    if not isinstance(docs, pd.DataFrame):
        docs = read_articles(docs)
        text = "text"
    if text not in docs.columns:
        import difflib

        cols = [str(c) for c in docs.columns]
        close = difflib.get_close_matches(text, cols, n=1, cutoff=0.6)
        hint = f" Did you mean {close[0]!r}?" if close else ""
        raise ValueError(f"Could not find the column {text!r} given as `text` in the documents frame; the columns "
                         f"are {cols}.{hint} Pass `text=` with the column that holds the article text.")
    clash = [c for c in ("para_id", "start", "end") if c in docs.columns and c != text]
    if "doc_id" not in docs.columns or clash:
        # not a documents frame from read_articles: normalise it (ids, cell types, reserved names)
        docs = read_articles(docs, text=text)
        text = "text"
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
        _warn(f"{len(empty_docs)} document(s) have no text ({shown}); each is kept as one empty paragraph "
              f"scored 0.")
    columns = meta_cols + ["para_id", text, "start", "end"]
    out = pd.DataFrame(rows, columns=columns)
    if text != "text":
        out = out.rename(columns={text: "text"})
    out["para_id"] = out["para_id"].astype("int64")
    return out
