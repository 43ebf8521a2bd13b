"""Escalation: an escalation score in [-1, 1] and a rhetoric class per paragraph.

Cues come from the escalation lexicon (``toolkit/lexicons/escalation.tsv``): each word or
phrase carries a rhetoric class, a CAMEO code and that code's Goldstein weight; a cue's
escalation weight is ``-goldstein / 10`` (positive = escalatory). Named rules then adjust
cues in their sentence, and every adjustment is recorded in the evidence:

``negation``      "will not attack": a negated conflict cue turns mildly conciliatory; a negated
                  cooperation cue ("no talks") becomes a rejection (CAMEO 12, Goldstein -4).
``reversal``      "lifted the blockade", "halted aid", "called off the strike": a verb that ends or
                  undoes the act it governs works like a negator (same weights as ``negation``).
``denial``        "denied plans to strike": cues in the scope of a denial verb did not happen
                  and weigh 0; a denial adds 0 escalation (it rejects a claim, it acts on no one).
``hedge``         "reportedly", "purportedly", "allegedly", "may": the cue weighs half.
``conditional``   in a sentence with "if", "unless", "would", "will"…, acts of force are not
                  acts but announced or threatened ones: ×0.6 and counted as a threat, or as a
                  warning when the sentence names the consequence ("it will consider it a major
                  escalation if they … launch strikes" is a warning).
``speech_scope``  events named after the sentence's first speech act are what the act is about
                  ("welcomed efforts to curb violence"): they give magnitude but do not vote for
                  the side.
``reported_speech`` force a quoted speaker talks about is a claim: rhetoric ``criticism``.
``noun reading``  CAMEO-dictionary verbs (one word) do not match as nouns or adjectives, by a
                  tiny part-of-speech heuristic (:func:`_noun_reading`): after a determiner or a
                  possessive ("the campaign", "Trump's claim"); a bare form ("a security guard")
                  unless after "to", a modal, a negator, a subject pronoun or an -ly adverb; an
                  -s/-ed form after a preposition ("in occupied areas"); capitalised mid-sentence
                  ("Task Force").
``tone_fallback`` (see :func:`tone_fallback`) a paragraph with no cue but a clear tone gets a
                  token escalation of ±0.05, rhetoric neutral.
``intensifier``   "major", "direct", "massive" … before a cue: ×1.25 (capped at 1).

The paragraph's escalation is the weight of the strongest act on the dominant side
(conciliatory vs escalatory, speech acts counting double when deciding the side); its rhetoric
is the class of the strongest speech act on that side (warn, praise, deny…), else of the
strongest event.
"""
from __future__ import annotations

import bisect
import functools
import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from toolkit.lexicon import EscalationEntry, Lexicon

__all__ = ["escalation_cues", "score_escalation", "tokenize", "tone_fallback", "TONE_FALLBACK_WEIGHT"]

_TOKEN_RE = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*|[,;:()\"“”]")

NEGATORS = frozenset({"not", "no", "never", "without", "cannot", "neither", "nor", "none", "nothing"})
NEGATING_VERBS = frozenset({"refrain", "refrained", "refraining", "refrains", "avoid", "avoided", "avoiding",
                            "stop", "stopped", "halt", "halted", "prevent", "prevented", "ruled", "rule"})
#: verbs that end or undo the act they govern ("lifted the blockade", "halted aid", "called off a
#: strike"): treated like negators, rule ``reversal``
REVERSAL_VERBS = frozenset({
    "lift", "lifts", "lifted", "lifting", "ease", "eases", "eased", "easing", "end", "ends", "ended", "ending",
    "suspend", "suspends", "suspended", "suspending", "cancel", "cancels", "cancelled", "canceled", "cancelling",
    "scrap", "scraps", "scrapped", "relax", "relaxes", "relaxed", "relaxing", "withdrew", "withdraws",
    "withdrawn", "withdraw", "withdrawing", "shortened", "stops", "stopping",
    "halts", "halting", "terminated", "abandoned", "renounced", "renounce",
})
_CALL = frozenset({"call", "calls", "called", "calling"})
HEDGES = frozenset({"reportedly", "allegedly", "purportedly", "possibly", "perhaps", "apparently",
                    "supposedly", "rumored", "rumoured", "may", "might"})
CONDITIONALS = frozenset({"if", "unless", "would", "will", "could", "should", "ll", "shall", "whether"})
INTENSIFIERS = frozenset({"major", "massive", "direct", "directly", "serious", "grave", "full-scale", "strongly",
                          "sharply", "fiercely", "harshly", "heavy", "intense", "large-scale", "all-out",
                          "devastating", "deadly", "brutal"})
DETERMINERS = frozenset({"the", "a", "an", "this", "that", "these", "those", "its", "their", "his", "her", "our",
                         "my", "your", "any", "each", "every", "some", "such", "whose"})
REPORTING = frozenset({"said", "says", "say", "told", "tells", "stated", "states", "added", "according",
                       "claimed", "claims", "responded", "replied", "insisted", "insists", "noted", "alleged",
                       "asserted", "argued", "wrote", "remarked", "explained"})
_CLAUSE_BREAKS = frozenset({",", ";", ":", "(", ")", "\"", "“", "”", "but", "while", "although", "whereas"})


def tokenize(text: str) -> list[tuple[str, int, int]]:
    """Lower-cased word tokens (and clause punctuation) with their character spans."""
    low = text.lower().replace("’", "'")
    if len(low) == len(text):  # lower-casing kept every offset (almost always)
        return [(m[0], m.start(), m.end()) for m in _TOKEN_RE.finditer(low)]
    return [(m.group().lower().replace("’", "'"), m.start(), m.end()) for m in _TOKEN_RE.finditer(text)]


def _match_token(spec, tok: str) -> bool:
    if isinstance(spec, str):
        return tok.startswith(spec)
    return tok in spec


def _is_negated(tokens, i: int, sent_start_tok: int) -> int | None:
    """Index of a negator governing token i (up to 3 words back, same clause), else None."""
    j = i - 1
    seen = 0
    while j >= sent_start_tok and seen < 4:
        tok = tokens[j][0]
        if tok in _CLAUSE_BREAKS:
            return None
        if tok in NEGATORS or tok.endswith("n't") or tok in NEGATING_VERBS or tok in REVERSAL_VERBS:
            return j
        if tok == "off" and j > 0 and tokens[j - 1][0] in _CALL:  # "called off the strike"
            return j
        seen += 1
        j -= 1
    return None


_PREPOSITIONS = frozenset({"of", "in", "on", "at", "for", "with", "by", "from", "into", "about", "over", "under",
                           "against", "between", "among", "amid", "after", "before", "during", "without",
                           "through", "toward", "towards", "upon", "within", "across", "despite"})
#: words after which a bare verb form is a verb ("to help", "will protect", "we condemn", "strongly support")
_VERB_CONTEXT = frozenset({"to", "will", "would", "can", "could", "may", "might", "must", "shall", "should",
                           "not", "never", "do", "does", "did", "i", "we", "you", "they", "also", "ll", "please",
                           "let", "us", "jointly", "further"})
_PRONOUN_CONTRACTIONS = frozenset({"he's", "she's", "it's", "that's", "there's", "what's", "who's", "here's"})
_ADJ_SUFFIXES = ("al", "ive", "ous", "ic", "ary", "ern", "ian", "ish", "ese", "ful", "ed", "an")


@functools.lru_cache(maxsize=4096)
def _base_form(alternatives: str) -> str:
    """The base form among ``"blow|blowed|blowing|blows|blown|blew"``: the alternative that begins
    the most others (ties: the shorter, then alphabetical) -- deterministic, unlike set order."""
    forms = alternatives.split("|")
    return min(forms, key=lambda f: (-sum(g.startswith(f) for g in forms), len(f), f))


def _verb_form(tok: str, entry: EscalationEntry) -> str:
    """``"base"``, ``"s"``, ``"ed"`` or ``"ing"``: the inflection of a matched CAMEO verb token."""
    if tok.endswith("ing"):
        return "ing"
    if tok == _base_form(entry.term.split()[0]):
        return "base"
    if tok.endswith("s") and not tok.endswith("ss"):
        return "s"
    return "ed"


def _noun_reading(words: list[str], i: int, entry: EscalationEntry) -> bool:
    """Whether a one-word CAMEO verb at ``words[i]`` reads as a noun or an adjective here.

    A tiny part-of-speech heuristic (no tagger data offline): after a determiner or a
    possessive ("the campaign", "Trump's claim") it is a noun; a bare form ("guard", "claim",
    "offer") is a verb only after "to", a modal, a negator, a subject pronoun or an -ly adverb;
    an -s form ("targets", "forces") or an -ed form ("allied", "occupied") right after a
    preposition or an adjective-looking word is a plural noun or an adjective; an -ing form
    followed by "of" is a noun ("the financing of terrorism").
    """
    if len(entry.pattern) != 1:
        return False
    prev = words[i - 1]
    if prev in DETERMINERS:
        return True
    if (prev.endswith("'s") and prev not in _PRONOUN_CONTRACTIONS) or prev.endswith("s'"):
        return True
    form = _verb_form(words[i], entry)
    if form == "ing":  # "the financing of terrorism": a gerund used as a noun
        return i + 1 < len(words) and words[i + 1] == "of"
    if form == "base":
        return not (prev in _VERB_CONTEXT or prev.endswith("n't") or prev.endswith("ly"))
    if form in ("s", "ed"):
        return prev in _PREPOSITIONS or prev.isdigit() or (form == "s" and prev.endswith(_ADJ_SUFFIXES)
                                                           and not prev.endswith("ed"))
    return False


def escalation_cues(text: str, lexicon: Lexicon, sentences: list[tuple[int, int]] | None = None,
                    tokens: list[tuple[str, int, int]] | None = None) -> tuple[list[dict], list[dict]]:
    """Find escalation cues in ``text`` and apply the rules.

    Returns ``(cues, modifiers)``: cue evidence records (dimension ``"escalation"``, with
    ``rhetoric``, ``cameo``, ``kind`` and the final ``weight``) and the evidence of the words that
    triggered rules (dimension ``"negation"``, ``"denial"``, ``"hedge"``, ``"conditional"``,
    ``"intensifier"``).
    """
    if tokens is None:
        tokens = tokenize(text)
    if not tokens:
        return [], []
    if sentences is None:
        from toolkit.segment import sentence_spans

        sentences = sentence_spans(text)
    sent_starts = [s for s, _ in sentences]

    def sentence_of(ti: int) -> int:
        return max(0, bisect.bisect_right(sent_starts, tokens[ti][1]) - 1)

    # 1. raw matches, longest first, non-overlapping
    raw: list[tuple[int, int, EscalationEntry]] = []
    cache = lexicon._candidate_cache
    if len(cache) > 200_000:  # Lexicon.candidates stops caching at 250,000
        cache.clear()
    words = [t[0] for t in tokens]
    n = len(tokens)
    get = cache.get
    if len(cache) + n < 250_000:
        # one pass: no insertion into the cache can be refused here, so this finds the same
        # tokens as filling the cache first and then looking every token up
        hit_idx = []
        for i, tok in enumerate(words):
            found = get(tok)
            if found is None:
                found = lexicon.candidates(tok)  # fills the cache
            if found:
                hit_idx.append(i)
    else:
        for tok in set(words).difference(cache):
            lexicon.candidates(tok)  # fills the cache
        hit_idx = [i for i, tok in enumerate(words) if get(tok)]
    nxt = 0
    for i in hit_idx:
        if i < nxt:  # inside the previous match
            continue
        cands = cache.get(words[i]) or lexicon.candidates(words[i])
        best = None
        for entry in cands:
            pat = entry.pattern
            L = len(pat)
            if i + L > n:
                continue
            if L == 1:
                first = pat[0]
                ok = words[i].startswith(first) if isinstance(first, str) else words[i] in first
            else:
                ok = all(_match_token(pat[k], words[i + k]) for k in range(L))
            if ok:
                best = entry
                break  # candidates are sorted longest first
        if best is not None and best.source == "cameo" and i > 0 and (
                (text[tokens[i][1]].isupper() and sentence_of(i - 1) == sentence_of(i))
                or _noun_reading(words, i, best)):
            # noun reading ("the campaign", "its forces", "a security guard") or a name
            # ("Task Force", "March"): not the CAMEO verb
            best = None
        if best is not None:
            raw.append((i, i + len(best.pattern), best))
            nxt = i + len(best.pattern)
    if not raw:
        return [], []
    # sentence index per token, first token of each sentence
    tok_starts = [t[1] for t in tokens]
    bounds = [0] + [bisect.bisect_left(tok_starts, st) for st in sent_starts[1:]] + [n]
    sent_of: list[int] = []
    for k in range(len(bounds) - 1):
        sent_of.extend([k] * (bounds[k + 1] - bounds[k]))
    sent_first_tok = bounds[:-1]

    # 2. per-sentence context: conditionals and denial scopes
    cond_sent: dict[int, int] = {}
    if not CONDITIONALS.isdisjoint(words) or "'ll" in text or "’ll" in text or "'LL" in text or "’LL" in text:
        for ti, tok in enumerate(words):
            if tok in CONDITIONALS or tok.endswith("'ll"):
                cond_sent.setdefault(sent_of[ti], ti)
    denial_start: dict[int, int] = {}
    for a, b, entry in raw:
        if entry.rhetoric == "denial" and entry.kind == "speech" and _is_negated(tokens, a, sent_first_tok[sent_of[a]]) is None:
            denial_start.setdefault(sent_of[a], b)

    warn_sent = {sent_of[a] for a, _, e in raw if e.rhetoric == "warning"}
    cues: list[dict] = []
    modifiers: list[dict] = []

    seen_mods: set[tuple[int, str]] = set()

    def _mod(ti: int, dimension: str) -> None:
        if (ti, dimension) in seen_mods:
            return
        seen_mods.add((ti, dimension))
        tok, s, e = tokens[ti]
        modifiers.append({"term": text[s:e], "start": s, "end": e, "dimension": dimension, "weight": 0.0,
                          "rule": dimension})

    for a, b, entry in raw:
        s_idx = sent_of[a]
        w = entry.weight
        rhetoric = entry.rhetoric
        rules = [f"lexicon:{entry.source}"]
        hypothetical = False
        if entry.rhetoric == "denial":
            w = 0.0
        neg = _is_negated(tokens, a, sent_first_tok[s_idx]) if entry.rhetoric != "denial" else None
        if s_idx in denial_start and a >= denial_start[s_idx] and entry.rhetoric != "denial":
            w = 0.0
            rules.append("denial")
        elif neg is not None:
            rule = "reversal" if tokens[neg][0] in REVERSAL_VERBS or tokens[neg][0] == "off" else "negation"
            _mod(neg, rule)
            rules.append(rule)
            if w > 0:
                w = -0.2 * w
                rhetoric = "neutral"
            elif w < 0:
                w = 0.4
                rhetoric = "criticism"
        else:
            # hedges within 4 words before the cue
            lo = max(sent_first_tok[s_idx], a - 4)
            hedge = next((j for j in range(lo, a) if tokens[j][0] in HEDGES), None)
            if hedge is not None:
                _mod(hedge, "hedge")
                rules.append("hedge")
                w *= 0.5
            if entry.rhetoric == "military_action" and s_idx in cond_sent:
                _mod(cond_sent[s_idx], "conditional")
                rules.append("conditional")
                w *= 0.6
                # "will consider it a major escalation if ... strikes": a conditional warning
                rhetoric = "warning" if s_idx in warn_sent else "threat"
                hypothetical = True
            lo = max(sent_first_tok[s_idx], a - 2)
            inten = next((j for j in range(lo, a) if tokens[j][0] in INTENSIFIERS), None)
            if inten is not None and w != 0:
                _mod(inten, "intensifier")
                rules.append("intensifier")
                w = max(-1.0, min(1.0, w * 1.25))
        s, e = tokens[a][1], tokens[b - 1][2]
        cues.append({
            "term": text[s:e], "start": s, "end": e, "dimension": "escalation", "weight": round(w, 4),
            "rule": "+".join(rules), "rhetoric": rhetoric, "cameo": entry.cameo, "goldstein": entry.goldstein,
            "kind": entry.kind, "sentence": s_idx, "hypothetical": hypothetical,
        })
    _speech_scope(cues, tokens, sent_of, sent_first_tok, text, _mod)
    return cues, modifiers


def _speech_scope(cues: list[dict], tokens, sent_of, sent_first_tok, text: str, _mod) -> None:
    """``speech_scope`` and ``reported_speech`` rules (in place, on the final cues).

    speech_scope: in a sentence whose first active cue is a speech act ("condemns", "welcomed",
    "calls on", "warned"), the events named after it are what the act is about ("welcomed efforts
    to curb violence"): they no longer vote for the side of the sentence (``governed``).
    reported_speech: force that a quoted or reported speaker talks about ("we have mercenaries
    fighting", he said) is a claim, not an act of force in the text: rhetoric ``criticism``
    unless the sentence makes it a warning or threat.
    """
    by_sent: dict[int, list[dict]] = {}
    for c in cues:
        by_sent.setdefault(c["sentence"], []).append(c)

    for s_idx, group in by_sent.items():
        lead = next((c for c in group if c["kind"] == "speech" and c["weight"] != 0
                     and "negation" not in c["rule"] and "reversal" not in c["rule"]
                     and c["rhetoric"] != "denial"), None)
        if lead is not None:
            for c in group:
                if c is not lead and c["kind"] != "speech" and c["start"] > lead["start"]:
                    c["governed"] = True
                    c["rule"] += "+speech_scope"
        # reported speech: a reporting verb in the sentence, or the cue inside quotation marks
        rep: int | None = -1  # -1: not looked for yet
        for c in group:
            if c["rhetoric"] != "military_action" or c["hypothetical"] or c["weight"] <= 0:
                continue
            if not _inside_quotes(text, c["start"]):
                continue
            if rep == -1:
                first = sent_first_tok[s_idx]
                last = first
                while last < len(tokens) and sent_of[last] == s_idx:
                    last += 1
                rep = next((j for j in range(first, last) if tokens[j][0] in REPORTING), None)
            if rep is not None:
                _mod(rep, "reported_speech")
            c["rule"] += "+reported_speech"
            c["rhetoric"] = "criticism"
            c["kind"] = "speech"


def _inside_quotes(text: str, pos: int) -> bool:
    before = text[:pos]
    if before.count("“") > before.count("”"):
        return True
    return before.count('"') % 2 == 1


def score_escalation(cues: list[dict]) -> tuple[float, str]:
    """Paragraph escalation and rhetoric class from its (rule-adjusted) cues."""
    if not cues:
        return 0.0, "neutral"
    active = [c for c in cues if c["weight"] != 0 and c["rhetoric"] != "neutral"]
    # CAMEO-dictionary verbs (matched without a parser) only decide when no hand-written cue does
    primary = [c for c in active if not c["rule"].startswith("lexicon:cameo")]
    if primary and False:
        active = primary
    has_denial = any(c["rhetoric"] == "denial" and c["kind"] == "speech" for c in cues)
    denial_any = any(c["rhetoric"] == "denial" for c in cues)
    if not active:
        negated = [c for c in cues if c["weight"] != 0]
        if denial_any:
            return 0.0, "denial"
        if negated:
            c = max(negated, key=lambda c: abs(c["weight"]))
            return float(c["weight"]), "neutral"
        return 0.0, "neutral"
    voters = [c for c in active if not c.get("governed")] or active
    pos = sum(c["weight"] * (2.0 if c["kind"] == "speech" else 1.0) for c in voters if c["weight"] > 0)
    neg = -sum(c["weight"] * (2.0 if c["kind"] == "speech" else 1.0) for c in voters if c["weight"] < 0)
    side = 1 if pos >= neg else -1
    on_side = [c for c in active if (c["weight"] > 0) == (side > 0)]
    strongest = max(on_side, key=lambda c: abs(c["weight"]))
    escalation = float(strongest["weight"])
    speech = [c for c in on_side if c["kind"] == "speech"]
    if speech:
        lead = max(speech, key=lambda c: abs(c["weight"]))
        rhetoric = lead["rhetoric"]
        if side > 0 and rhetoric in ("warning", "criticism") and any(
            c["rhetoric"] == "threat" and not c["hypothetical"] and abs(c["weight"]) > abs(lead["weight"])
            for c in on_side
        ):
            rhetoric = "threat"
    else:
        rhetoric = strongest["rhetoric"]
    if has_denial and abs(escalation) < 0.5 and not (speech and abs(max(speech, key=lambda c: abs(c["weight"]))["weight"]) >= 0.5):
        rhetoric = "denial"
    return max(-1.0, min(1.0, escalation)), rhetoric


#: Escalation given by ``tone_fallback`` (a tenth of the weakest lexicon act).
TONE_FALLBACK_WEIGHT = 0.05
_TONE_MIN = 0.3


def tone_fallback(escalation: float, rhetoric: str, cues: list[dict], sentiment: float,
                  sentiment_evidence: list[dict]) -> tuple[float, dict | None]:
    """``tone_fallback`` rule: a paragraph without any escalation cue but with a clear tone.

    Hostile language with no act named ("a gruesome crime", "deeply troubling") leans towards
    conflict, warm language towards cooperation: the escalation becomes
    ``-TONE_FALLBACK_WEIGHT * sign(sentiment)`` when ``|sentiment| >= 0.3``; the rhetoric stays
    ``neutral`` and the evidence names the strongest sentiment word with rule ``tone_fallback``.
    Returns ``(escalation, evidence record or None)``.
    """
    if escalation != 0 or rhetoric != "neutral" or any(c["weight"] != 0 for c in cues) or abs(sentiment) < _TONE_MIN:
        return escalation, None
    same = [e for e in sentiment_evidence if (e["weight"] > 0) == (sentiment > 0) and e["weight"] != 0]
    if not same:
        return escalation, None
    word = max(same, key=lambda e: abs(e["weight"]))
    w = -TONE_FALLBACK_WEIGHT if sentiment > 0 else TONE_FALLBACK_WEIGHT
    return w, {"term": word["term"], "start": word["start"], "end": word["end"], "dimension": "escalation",
               "weight": w, "rule": "tone_fallback"}
