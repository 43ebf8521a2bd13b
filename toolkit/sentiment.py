"""Sentiment: VADER (NLTK's implementation) with the lexicon file that the vaderSentiment
wheel ships, plus news-domain terms, scored per sentence and averaged per paragraph.

Engine choice: NLTK's ``SentimentIntensityAnalyzer``. The lexicon file is located inside the
installed ``vaderSentiment`` package with :mod:`importlib.resources`; its folder is added once
to ``nltk.data.path`` (NLTK only opens files under those roots), lazily on first use.
"""
from __future__ import annotations

import functools
import re
import threading
from importlib import resources
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from toolkit.lexicon import Lexicon

__all__ = ["polarity", "sentence_polarity", "sentiment_evidence", "vader_lexicon_path", "analyzer"]

_LOCK = threading.Lock()
_WORD_RE = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")
_NEGATORS = frozenset({
    "not", "no", "never", "none", "nobody", "nothing", "neither", "nor", "nowhere", "without", "cannot",
    "hardly", "rarely", "seldom", "despite",
})


def vader_lexicon_path() -> str:
    """Path of ``vader_lexicon.txt`` inside the installed vaderSentiment wheel."""
    try:
        path = resources.files("vaderSentiment") / "vader_lexicon.txt"
    except ModuleNotFoundError as exc:  # pragma: no cover - dependency missing
        raise ModuleNotFoundError(
            "toolkit needs the `vaderSentiment` package for VADER's lexicon file: pip install vaderSentiment"
        ) from exc
    return str(path)


@functools.lru_cache(maxsize=1)
def _base_analyzer():
    import os

    import nltk
    from nltk.sentiment.vader import SentimentIntensityAnalyzer

    path = vader_lexicon_path()
    folder = os.path.dirname(path)
    with _LOCK:
        if folder not in nltk.data.path:
            nltk.data.path.append(folder)
    return SentimentIntensityAnalyzer(lexicon_file="file:" + path)


_ANALYZERS: dict[int, object] = {}


def analyzer(lexicon: Lexicon | None = None):
    """An NLTK VADER analyzer whose lexicon is ``lexicon.sentiment`` (cached per lexicon)."""
    import copy

    from toolkit.lexicon import load_lexicon

    lex = load_lexicon(lexicon)
    key = id(lex)
    found = _ANALYZERS.get(key)
    if found is not None and found[0] is lex:  # type: ignore[index]
        return found[1]  # type: ignore[index]
    base = _base_analyzer()
    sia = copy.copy(base)
    sia.lexicon = lex.sentiment
    _ANALYZERS[key] = (lex, sia)
    if len(_ANALYZERS) > 16:
        _ANALYZERS.pop(next(iter(_ANALYZERS)))
    return sia


@functools.lru_cache(maxsize=200_000)
def _compound_default(sentence: str) -> float:
    return analyzer(None).polarity_scores(sentence)["compound"]


def sentence_polarity(sentence: str, lexicon: Lexicon | None = None) -> float:
    """VADER compound score of one sentence, in [-1, 1]."""
    if lexicon is None or getattr(lexicon, "user_terms", 0) == 0:
        if len(sentence) < 2000:
            return _compound_default(sentence)
        return analyzer(None).polarity_scores(sentence)["compound"]
    return analyzer(lexicon).polarity_scores(sentence)["compound"]


def polarity(text: str, lexicon: Lexicon | None = None) -> float:
    """Sentiment of a text in [-1, 1]: the mean VADER compound over its sentences.

    Averaging per sentence keeps long paragraphs from saturating at ±1.
    """
    from toolkit.segment import sentence_spans

    if not isinstance(text, str) or not text.strip():
        return 0.0
    spans = sentence_spans(text)
    if not spans:
        return 0.0
    vals = [sentence_polarity(text[s:e], lexicon) for s, e in spans]
    return float(sum(vals) / len(vals))


def sentiment_evidence(text: str, lexicon: Lexicon, *, offset: int = 0) -> list[dict]:
    """Lexicon hits in ``text`` as evidence records (weight = valence / 4)."""
    from toolkit.lexicon import _package_lexicon

    base = _package_lexicon().sentiment
    lex = lexicon.sentiment
    out = []
    prev: list[str] = []
    for m in _WORD_RE.finditer(text):
        tok = m.group()
        low = tok.lower().replace("’", "'")
        val = lex.get(low)
        if val is None:
            val = lex.get(tok)
        if val:
            negated = any(p in _NEGATORS or p.endswith("n't") for p in prev[-3:])
            source = "vader_lexicon"
            if lexicon.user_terms and (low not in base or base[low] != val):
                source = "user_lexicon"
            elif low in _NEWS_TERMS():
                source = "news_lexicon"
            out.append({
                "term": tok, "start": offset + m.start(), "end": offset + m.end(), "dimension": "sentiment",
                "weight": round((-0.74 if negated else 1.0) * val / 4.0, 4),
                "rule": source + ("+negation" if negated else ""),
            })
        prev.append(low)
    return out


@functools.lru_cache(maxsize=1)
def _NEWS_TERMS() -> frozenset[str]:
    from toolkit.lexicon import _read_tsv

    return frozenset(r["term"].strip().lower() for r in _read_tsv("sentiment_news.tsv"))
