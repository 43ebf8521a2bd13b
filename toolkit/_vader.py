"""A fast VADER sentence scorer that gives exactly NLTK 3.10's ``polarity_scores``.

:func:`compound` returns the same value as
``nltk.sentiment.vader.SentimentIntensityAnalyzer.polarity_scores(sentence)["compound"]`` for an
analyzer whose ``.lexicon`` is ``lexicon``; :func:`scores` returns the whole ``neg/neu/pos/compound``
dictionary. The algorithm (and its quirks) is NLTK's; only the data constants are taken from
:class:`nltk.sentiment.vader.VaderConstants`. What makes it faster:

* one tokenisation pass: NLTK maps ``"word,"`` / ``",word"`` to ``"word"`` through a dictionary of
  every word of the sentence joined with each of its 17 punctuation marks, built anew for every
  sentence. That dictionary hits a token exactly when the token is a punctuation mark of
  ``PUNC_LIST`` followed (or preceded) by a run of at least two characters without ASCII
  punctuation, so the edge mark is stripped here by a direct test on the token;
* lower-case forms for all tokens in one ``str.lower`` call;
* context rules (boosters, negation, "least", idioms) are evaluated only for lexicon words, and
  each distinct lexicon token once (NLTK, like the original VADER, scores every occurrence of a
  token in the context of its *first* occurrence, so the value is the same for all of them);
* the idiom rules build their n-gram strings only when a nearby token is an idiom word.

NLTK quirks kept on purpose: the first-occurrence context above; case-sensitive ``never``/``so``/
``this`` and idiom matching; a booster word is never scored even when it is in the lexicon.
"""
from __future__ import annotations

import math

from nltk.sentiment.vader import VaderConstants

__all__ = ["compound", "scores"]

_C = VaderConstants
_NEGATE = frozenset(_C.NEGATE)
_BOOSTER: dict[str, float] = dict(_C.BOOSTER_DICT)
_IDIOMS: dict[str, float] = dict(_C.SPECIAL_CASE_IDIOMS)
_C_INCR = _C.C_INCR
_N_SCALAR = _C.N_SCALAR
_B_DECR = _C.B_DECR
_PUNC_SET = frozenset(_C.PUNC_LIST)
#: the characters NLTK's REGEX_REMOVE_PUNCTUATION removes (``string.punctuation``)
_ASCII_PUNCT = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"
_DROP_PUNCT = str.maketrans("", "", _ASCII_PUNCT)
#: words of the idioms and of the multi-word boosters ("kind of"); an n-gram can only match one of
#: these tables when all its words are in this set
_NGRAM_WORDS = frozenset(
    w for key in list(_IDIOMS) + [k for k in _BOOSTER if " " in k] for w in key.split(" ")
)
_SO_THIS = ("so", "this")


def _tokens(text: str) -> list[str]:
    """NLTK's ``SentiText.words_and_emoticons``, in one pass.

    White-space tokens of one character are dropped. A token that is a mark of ``PUNC_LIST``
    followed or preceded by at least two characters none of which is ASCII punctuation loses
    that mark (NLTK's ``_words_plus_punc`` table holds exactly these tokens).
    """
    out = []
    append = out.append
    punct = _ASCII_PUNCT
    for tok in text.split():
        if len(tok) < 2:
            continue
        if tok[-1] in punct:
            core = tok.rstrip(punct)
            if (len(core) > 1 and tok[len(core):] in _PUNC_SET
                    and len(core.translate(_DROP_PUNCT)) == len(core)):
                tok = core
        elif tok[0] in punct:
            core = tok.lstrip(punct)
            if (len(core) > 1 and tok[: len(tok) - len(core)] in _PUNC_SET
                    and len(core.translate(_DROP_PUNCT)) == len(core)):
                tok = core
        append(tok)
    return out


def _negated(low: str) -> bool:
    return low in _NEGATE or "n't" in low


def _idioms(valence: float, words: list[str], i: int) -> float:
    """NLTK's ``_idioms_check`` (``i >= 3``)."""
    w0, w1, w2, w3 = words[i], words[i - 1], words[i - 2], words[i - 3]
    onezero = f"{w1} {w0}"
    twoonezero = f"{w2} {w1} {w0}"
    twoone = f"{w2} {w1}"
    threetwoone = f"{w3} {w2} {w1}"
    threetwo = f"{w3} {w2}"
    for seq in (onezero, twoonezero, twoone, threetwoone, threetwo):
        if seq in _IDIOMS:
            valence = _IDIOMS[seq]
            break
    n = len(words)
    if n - 1 > i:
        zeroone = f"{w0} {words[i + 1]}"
        if zeroone in _IDIOMS:
            valence = _IDIOMS[zeroone]
    if n - 1 > i + 1:
        zeroonetwo = f"{w0} {words[i + 1]} {words[i + 2]}"
        if zeroonetwo in _IDIOMS:
            valence = _IDIOMS[zeroonetwo]
    if threetwo in _BOOSTER or twoone in _BOOSTER:
        valence = valence + _B_DECR
    return valence


def _valences(text: str, lexicon: dict[str, float]) -> tuple[list[float], int, int]:
    """The non-zero VADER valences of ``text`` after the "but" rule, in token order,
    the number of tokens with zero valence, and the number of tokens."""
    if not isinstance(text, str):
        raise TypeError(f"The value for `sentence` must be a str, but {type(text).__name__} was passed.")
    words = _tokens(text)
    n = len(words)
    if not n:
        return [], 0, 0
    lows = " ".join(words).lower().split(" ")
    if len(lows) != n:  # pragma: no cover - str.lower never yields U+0020; defensive
        lows = [w.lower() for w in words]
    but = lows.index("but") if "but" in lows else -1
    memo: dict[str, float] = {}
    cap_diff = None
    vals: list[float] = []
    for i, low in enumerate(lows):
        if low not in lexicon or low in _BOOSTER:
            continue
        item = words[i]
        v = memo.get(item)
        if v is None:
            # first occurrence of this token: NLTK scores every occurrence in this context
            if low == "kind" and i < n - 1 and lows[i + 1] == "of":
                v = 0
            else:
                v = lexicon[low]
                if item.isupper():
                    if cap_diff is None:
                        caps = sum(1 for w in words if w.isupper())
                        cap_diff = 0 < n - caps < n
                    if cap_diff:
                        v = v + _C_INCR if v > 0 else v - _C_INCR
                for back in (1, 2, 3):
                    j = i - back
                    if j < 0:
                        break
                    lj = lows[j]
                    if lj in lexicon:
                        continue
                    s = _BOOSTER.get(lj)
                    if s is not None:
                        if v < 0:
                            s *= -1
                        wj = words[j]
                        if wj.isupper():
                            if cap_diff is None:
                                caps = sum(1 for w in words if w.isupper())
                                cap_diff = 0 < n - caps < n
                            if cap_diff:
                                s = s + _C_INCR if v > 0 else s - _C_INCR
                        if s != 0:
                            if back == 2:
                                s = s * 0.95
                            elif back == 3:
                                s = s * 0.9
                            v = v + s
                    # NLTK's _never_check
                    if back == 1:
                        if _negated(lj):
                            v = v * _N_SCALAR
                    elif back == 2:
                        if words[i - 2] == "never" and words[i - 1] in _SO_THIS:
                            v = v * 1.5
                        elif _negated(lj):
                            v = v * _N_SCALAR
                    else:
                        if (words[i - 3] == "never" and words[i - 2] in _SO_THIS) or words[i - 1] in _SO_THIS:
                            v = v * 1.25
                        elif _negated(lj):
                            v = v * _N_SCALAR
                        if item in _NGRAM_WORDS or words[i - 1] in _NGRAM_WORDS or words[i - 2] in _NGRAM_WORDS:
                            v = _idioms(v, words, i)
                # NLTK's _least_check
                if i > 0:
                    l1 = lows[i - 1]
                    if l1 == "least" and l1 not in lexicon:
                        if i > 1:
                            if lows[i - 2] != "at" and lows[i - 2] != "very":
                                v = v * _N_SCALAR
                        else:
                            v = v * _N_SCALAR
            memo[item] = v
        if but >= 0:
            if i < but:
                v = v * 0.5
            elif i > but:
                v = v * 1.5
        if v:
            vals.append(v)
    return vals, n - len(vals), n


def _amplifier(text: str) -> float:
    """Emphasis from "!" (up to 4) and "?" (2 or more), as NLTK's ``_punctuation_emphasis``."""
    ep_count = text.count("!")
    if ep_count > 4:
        ep_count = 4
    qm_count = text.count("?")
    qm = 0
    if qm_count > 1:
        qm = qm_count * 0.18 if qm_count <= 3 else 0.96
    return ep_count * 0.292 + qm


def _compound_of(vals: list[float], text: str) -> float:
    sum_s = float(sum(vals))
    if sum_s > 0:
        sum_s += _amplifier(text)
    elif sum_s < 0:
        sum_s -= _amplifier(text)
    return sum_s / math.sqrt((sum_s * sum_s) + 15)


def compound(sentence: str, lexicon: dict[str, float]) -> float:
    """VADER compound score of ``sentence`` in [-1, 1], rounded to 4 decimals.

    Equal to NLTK's ``SentimentIntensityAnalyzer.polarity_scores(sentence)["compound"]`` when
    the analyzer's ``.lexicon`` is ``lexicon`` (lower-case word -> valence). ``lexicon`` is
    only read.
    """
    vals, _, n = _valences(sentence, lexicon)
    if not vals:
        return 0.0
    return round(_compound_of(vals, sentence), 4)


def scores(sentence: str, lexicon: dict[str, float]) -> dict[str, float]:
    """NLTK's ``polarity_scores(sentence)``: ``{"neg", "neu", "pos", "compound"}``.

    ``neg``/``neu``/``pos`` are rounded to 3 decimals and ``compound`` to 4, as in NLTK.
    """
    vals, neu_count, n = _valences(sentence, lexicon)
    if not n:
        return {"neg": 0.0, "neu": 0.0, "pos": 0.0, "compound": 0.0}
    comp = _compound_of(vals, sentence) if vals else 0.0
    pos_sum = 0.0
    neg_sum = 0.0
    for v in vals:
        if v > 0:
            pos_sum += float(v) + 1
        else:
            neg_sum += float(v) - 1
    amp = _amplifier(sentence) if vals else 0.0
    if pos_sum > math.fabs(neg_sum):
        pos_sum += amp
    elif pos_sum < math.fabs(neg_sum):
        neg_sum -= amp
    total = pos_sum + math.fabs(neg_sum) + neu_count
    return {
        "neg": round(math.fabs(neg_sum / total), 3),
        "neu": round(math.fabs(neu_count / total), 3),
        "pos": round(math.fabs(pos_sum / total), 3),
        "compound": round(comp, 4),
    }
