"""Sentiment: VADER (NLTK's implementation) with the lexicon file that the vaderSentiment
wheel ships, plus news-domain terms, scored per sentence and averaged per paragraph.

Engine choice: NLTK's ``SentimentIntensityAnalyzer`` (a subclass whose tokenisation is linear
in the sentence length; same tokens and scores as NLTK's, about 3x faster, see ``_fast_classes``). The lexicon file is located inside the
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


_PUNCT = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"  # string.punctuation
_has_punct = re.compile("[" + re.escape(_PUNCT) + "]").search


def _fast_classes():
    """NLTK's VADER with a linear-time tokenisation (same tokens, same scores).

    NLTK's ``SentiText._words_plus_punc`` builds a dictionary of every word of the sentence
    joined with every one of VADER's ~30 punctuation marks, on every call; that is most of
    NLTK VADER's run time. The subclass strips a leading or trailing punctuation mark only
    where that dictionary would have done so (the mark is in ``PUNC_LIST`` and what remains is
    a word of the sentence with punctuation removed), which gives the same token list.
    """
    from nltk.sentiment.vader import SentimentIntensityAnalyzer, SentiText

    class _SentiText(SentiText):
        def _words_and_emoticons(self):
            # NLTK maps "word," and ",word" to "word" when the mark is in PUNC_LIST and "word" is a
            # token of the sentence with all punctuation removed: i.e. when "word" itself has no
            # punctuation and at least two characters.
            wes = [we for we in self.text.split() if len(we) > 1]
            puncs = self._punc_set
            for i, we in enumerate(wes):
                if we[-1] in _PUNCT:
                    core = we.rstrip(_PUNCT)
                    if len(core) > 1 and we[len(core):] in puncs and not _has_punct(core):
                        wes[i] = core
                        continue
                if we[0] in _PUNCT:
                    core = we.lstrip(_PUNCT)
                    if len(core) > 1 and we[: len(we) - len(core)] in puncs and not _has_punct(core):
                        wes[i] = core
            return wes

    class _Analyzer(SentimentIntensityAnalyzer):
        def polarity_scores(self, text):
            consts = self.constants
            st = _SentiText.__new__(_SentiText)
            st._punc_set = consts._punc_set
            SentiText.__init__(st, text, consts.PUNC_LIST, consts.REGEX_REMOVE_PUNCTUATION)
            words = st.words_and_emoticons
            first: dict[str, int] = {}
            for idx, tok in enumerate(words):
                first.setdefault(tok, idx)
            boosters = consts.BOOSTER_DICT
            lexicon = self.lexicon
            sentiments: list[float] = []
            n = len(words)
            for item in words:
                low = item.lower()
                if low not in lexicon:  # NLTK's sentiment_valence appends 0 for these
                    sentiments.append(0)
                    continue
                i = first[item]
                if low in boosters or (low == "kind" and i < n - 1 and words[i + 1].lower() == "of"):
                    sentiments.append(0)
                    continue
                sentiments = self.sentiment_valence(0, st, item, i, sentiments)
            sentiments = self._but_check(words, sentiments)
            return self.score_valence(sentiments, text)

    return _Analyzer


@functools.lru_cache(maxsize=1)
def _base_analyzer():
    import os

    import nltk

    path = vader_lexicon_path()
    folder = os.path.dirname(path)
    with _LOCK:
        if folder not in nltk.data.path:
            nltk.data.path.append(folder)
    sia = _fast_classes()(lexicon_file="file:" + path)
    sia.constants._punc_set = frozenset(sia.constants.PUNC_LIST)
    return sia


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
    from toolkit._vader import compound

    return compound(sentence, analyzer(None).lexicon)


def sentence_polarity(sentence: str, lexicon: Lexicon | None = None) -> float:
    """VADER compound score of one sentence, in [-1, 1]."""
    if lexicon is None or getattr(lexicon, "user_terms", 0) == 0:
        if len(sentence) < 2000:
            return _compound_default(sentence)
        lexicon = None
    from toolkit._vader import compound  # our VADER engine: identical to NLTK's scores, ~10x faster

    return compound(sentence, analyzer(lexicon).lexicon)


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


def sentiment_evidence(text: str, lexicon: Lexicon, *, offset: int = 0,
                       tokens: list[tuple[str, int, int]] | None = None) -> list[dict]:
    """Lexicon hits in ``text`` as evidence records (weight = valence / 4).

    ``tokens``: the lower-cased tokens of ``text`` from :func:`toolkit.escalation.tokenize`
    when already computed (punctuation tokens are skipped); else ``text`` is tokenized here.
    """
    from toolkit.lexicon import _package_lexicon

    if tokens is None:
        words = [(m.group().lower().replace("’", "'"), m.start(), m.end()) for m in _WORD_RE.finditer(text)]
    else:
        words = [t for t in tokens if t[0] not in _PUNCT_TOKENS]
    lex = lexicon.sentiment
    hits = [k for k, w in enumerate(words) if w[0] in lex]
    if not hits:  # lexicon keys are lower-case word tokens (VADER's and users', see load_lexicon)
        return []
    base = _package_lexicon().sentiment
    news = _NEWS_TERMS()
    out = []
    for k in hits:
        low, s, e = words[k]
        tok = text[s:e]
        val = lex[low]
        if not val:
            continue
        negated = any(p in _NEGATORS or p.endswith("n't") for p, _, _ in words[max(0, k - 3):k])
        source = "vader_lexicon"
        if lexicon.user_terms and (low not in base or base[low] != val):
            source = "user_lexicon"
        elif low in news:
            source = "news_lexicon"
        out.append({
            "term": tok, "start": offset + s, "end": offset + e, "dimension": "sentiment",
            "weight": round((-0.74 if negated else 1.0) * val / 4.0, 4),
            "rule": source + ("+negation" if negated else ""),
        })
    return out


_PUNCT_TOKENS = frozenset(",;:()\"“”")


@functools.lru_cache(maxsize=1)
def _NEWS_TERMS() -> frozenset[str]:
    from toolkit.lexicon import _read_tsv

    return frozenset(r["term"].strip().lower() for r in _read_tsv("sentiment_news.tsv"))
