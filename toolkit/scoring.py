"""Scoring: articles in, one scored and explained row per paragraph out (the scores frame).

See ``DESIGN.md`` for the contract. Columns: ``doc_id``, ``para_id``, ``text``, document
metadata, ``sentiment``, ``escalation``, ``rhetoric``, ``speaker``, ``targets``, ``actors``,
``evidence`` (plus ``speaker_registered``, ``start`` and ``end``).
"""
from __future__ import annotations

import logging
from typing import Any

import pandas as pd

from toolkit.escalation import escalation_cues, score_escalation, tokenize, tone_fallback
from toolkit.lexicon import Lexicon, load_lexicon
from toolkit.segment import sentence_spans, split_paragraphs
from toolkit.sentiment import sentence_polarity, sentiment_evidence

__all__ = ["score", "score_paragraph", "SCORE_COLUMNS"]

log = logging.getLogger("toolkit")

#: Columns every scores frame has (metadata columns sit between ``text`` and ``sentiment``).
SCORE_COLUMNS = ("doc_id", "para_id", "text", "sentiment", "escalation", "rhetoric", "speaker", "targets",
                 "actors", "evidence")
_CUE_KEYS = ("term", "start", "end", "dimension", "weight", "rule", "rhetoric", "cameo")


def _sentiment(text: str, spans, cues, lex: Lexicon) -> tuple[float, list[dict]]:
    if not spans:
        return 0.0, []
    extra: list[dict] = []
    vals = []
    denial_ends: dict[int, dict] = {}
    for c in cues:
        if c["rhetoric"] == "denial" and c["kind"] == "speech":
            denial_ends.setdefault(c["sentence"], c)
    for k, (s, e) in enumerate(spans):
        v = sentence_polarity(text[s:e], lex)
        cue = denial_ends.get(k)
        if cue is not None and cue["end"] < e:
            tail = sentence_polarity(text[cue["end"]:e], lex)
            if tail > 0:
                # what is denied did not happen: its positive words do not lift the tone
                v = max(-1.0, v - 1.2 * tail)
                extra.append({"term": cue["term"], "start": cue["start"], "end": cue["end"],
                              "dimension": "sentiment", "weight": round(-1.2 * tail, 4), "rule": "denial"})
        vals.append(v)
    return float(sum(vals) / len(vals)), extra


def score_paragraph(text: str, lexicon: Lexicon | None = None, registry: Any = None,
                    context: dict | None = None) -> dict:
    """Score one paragraph: sentiment, escalation, rhetoric, actors and evidence."""
    lex = load_lexicon(lexicon)
    if not text or not text.strip():
        return {"sentiment": 0.0, "escalation": 0.0, "rhetoric": "neutral", "speaker": None,
                "speaker_registered": True, "targets": [], "actors": [], "evidence": []}
    spans = sentence_spans(text)
    tokens = tokenize(text)
    cues, mods = escalation_cues(text, lex, spans, tokens)
    escalation, rhetoric = score_escalation(cues)
    sentiment, sent_extra = _sentiment(text, spans, cues, lex)
    evidence = [{k: c[k] for k in _CUE_KEYS} for c in cues]
    evidence += mods
    sent_ev = sentiment_evidence(text, lex, tokens=tokens)
    evidence += sent_ev
    evidence += sent_extra
    escalation, fallback = tone_fallback(escalation, rhetoric, cues, sentiment, sent_ev)
    if fallback is not None:
        evidence.append(fallback)
    speaker, registered, targets, actors = None, True, [], []
    # ATTRIBUTION HOOK: speaker, targets and actors come from toolkit.attribution
    if registry is not None:
        from toolkit.attribution import attribute

        att = attribute(text, spans, cues, registry, context=context if context is not None else {})
        speaker = att.get("speaker")
        registered = bool(att.get("speaker_registered", True))
        targets = list(att.get("targets", []))
        actors = list(att.get("actors", []))
        evidence += att.get("evidence", [])
    evidence.sort(key=lambda d: (d["start"], d["end"], d["dimension"]))
    return {"sentiment": round(max(-1.0, min(1.0, sentiment)), 4), "escalation": round(escalation, 4),
            "rhetoric": rhetoric, "speaker": speaker, "speaker_registered": registered,
            "targets": targets, "actors": actors, "evidence": evidence}


def _load_registry(actors: Any):
    if actors is False:
        return None
    try:
        from toolkit.actors import load_actors
    except ImportError:  # pragma: no cover - actors module not installed
        if actors is not None:
            raise
        return None
    if actors is False:
        return None
    return load_actors(actors)


def score(data: Any, *, text: str | None = None, id: str | None = None, lexicon: Any = None,
          actors: Any = None, progress: bool | None = None, n_jobs: int = 1) -> pd.DataFrame:
    """Score articles paragraph by paragraph.

    Parameters
    ----------
    data
        Anything :func:`toolkit.read_articles` reads: a string of text, a list of strings, a
        path to a file, folder or glob (``.txt``, ``.md``, ``.csv``, ``.jsonl``, ``.parquet``…), a
        documents DataFrame, or a paragraphs frame from :func:`toolkit.split_paragraphs`.
        A ``dask.dataframe.DataFrame`` of documents (or paragraphs) gives back a dask
        DataFrame with the same columns, scored partition by partition when computed.
    text, id
        Column names for the text and document id in tables (see :func:`toolkit.read_articles`).
    lexicon
        User lexicon entries merged on top of the packaged one (see :func:`toolkit.load_lexicon`).
    actors
        Actor registry: ``None`` for the default, or a DataFrame, CSV/YAML path or dict merged on
        top of it (see :func:`toolkit.load_actors`); ``False`` to skip attribution.
    progress
        Show a progress bar (default: for more than 2,000 paragraphs when run interactively).
    n_jobs
        Processes to score with: ``1`` (default) scores in this process, ``-1`` uses all cores,
        ``-2`` all but one, ``k`` uses k. Documents are never split between processes, and the
        result is identical to ``n_jobs=1``. Worth it from a few thousand paragraphs on.

    Returns
    -------
    DataFrame: the scores frame, one row per paragraph (see ``SCORE_COLUMNS``).
    """
    from toolkit.io import read_articles
    from toolkit.parallel import is_dask_frame, resolve_n_jobs

    workers = resolve_n_jobs(n_jobs)
    if is_dask_frame(data):
        from toolkit.parallel import score_dask

        if n_jobs != 1:
            import warnings

            warnings.warn("`n_jobs` has no effect on a dask DataFrame: dask's scheduler decides the parallelism.",
                          UserWarning, stacklevel=2)
        return score_dask(data, text=text, id=id, lexicon=lexicon, actors=actors)
    if isinstance(data, pd.DataFrame) and {"para_id", "text", "doc_id"} <= set(data.columns) and text is None:
        paras = data.copy()
    else:
        docs = read_articles(data, text=text, id=id)
        paras = split_paragraphs(docs)
    lex = load_lexicon(lexicon)
    if workers > 1 and len(paras) > 1 and paras["doc_id"].nunique() > 1:
        from toolkit.parallel import score_in_processes

        out = score_in_processes(paras, n_jobs=workers, lexicon=lex if lexicon is not None else None,
                                 actors=actors, progress=progress)
    else:
        registry = _load_registry(actors)
        out = _score_paragraphs(paras, lex, registry, progress=progress)
    out.attrs["lexicon_version"] = lex.version
    out.attrs["lexicon_fingerprint"] = lex.fingerprint
    return out


def _score_paragraphs(paras: pd.DataFrame, lex: Lexicon, registry: Any, *,
                      progress: bool | None = None) -> pd.DataFrame:
    """Score a paragraphs frame in this process (the loop behind :func:`score`)."""
    n = len(paras)
    texts = paras["text"].tolist()
    doc_ids = paras["doc_id"].tolist()
    results = []
    iterator: Any = range(n)
    if progress is None:
        import sys

        progress = n > 2000 and sys.stderr.isatty()
    if progress:
        from tqdm.auto import tqdm

        iterator = tqdm(iterator, total=n, unit="para", desc="scoring")
    context: dict = {}
    prev_doc = object()
    for i in iterator:
        if doc_ids[i] != prev_doc:
            context = {}
            prev_doc = doc_ids[i]
        results.append(score_paragraph(texts[i], lex, registry, context))
    res = pd.DataFrame(results, index=paras.index,
                       columns=["sentiment", "escalation", "rhetoric", "speaker", "speaker_registered",
                                "targets", "actors", "evidence"])
    meta = [c for c in paras.columns if c not in ("doc_id", "para_id", "text", "start", "end")
            and c not in res.columns]
    out = pd.concat([paras[["doc_id", "para_id", "text"] + meta], res, paras[["start", "end"]]], axis=1)
    out = out.reset_index(drop=True)
    out["sentiment"] = out["sentiment"].astype("float64")
    out["escalation"] = out["escalation"].astype("float64")
    out["speaker"] = out["speaker"].astype(object).where(out["speaker"].notna(), None)
    out.attrs["lexicon_version"] = lex.version
    out.attrs["lexicon_fingerprint"] = lex.fingerprint
    return out
