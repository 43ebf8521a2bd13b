"""Attribution: who speaks in a paragraph (``speaker``) and about whom (``targets``).

:func:`attribute` works on one paragraph at a time, given its sentence spans, the escalation
cues the scoring core found in it and an :class:`~toolkit.actors.ActorRegistry`. A ``context``
dict carried across the paragraphs of one document lets a pronoun ("he said") or an anaphoric
title ("the minister wrote") resolve to the last person named, and a quotation that continues
into the next paragraph keep its speaker.

Speaker rules, tried sentence by sentence (the first sentence that has one wins), each named
in the evidence:

* ``quote_attribution`` — a reporting verb right after a closing quote ("“…,” Peskov said",
  "“…,” said the official");
* ``according_to`` — "according to X";
* ``reporting_verb`` — the subject of a reporting verb (said, told, warned, denied, praised, …;
  see ``REPORTING_VERBS``): the first actor in the noun phrase before the verb, skipping an
  appositive ("Dmitry Peskov, a spokesman for the Kremlin, denied"); "X's spokesman said" is X;
  an unnamed official counts as the state named in the phrase ("One U.S. official said");
* ``pronoun`` / ``anaphor`` — "he said", "the minister wrote": the last person named;
* ``quote_continues`` — a paragraph that opens with a quotation and names no speaker continues
  the previous paragraph's speaker;
* ``unregistered_name`` — a capitalised name before a reporting verb that the registry does not
  know: ``speaker`` is the name as written and ``speaker_registered`` is False.

Targets are the actors the statement is about, from the speaker's sentence on: objects of
warn/praise/deny/criticise/… (``object_of_verb``), "against X", "to X", "with X"
(``preposition``), the other actors the statement names (``mentioned``) — never the speaker, its
own state, media outlets, or a country only named as the place of a war ("the war in Ukraine").
In narration (no speaker) only actors in object position count.

:func:`target_tone` reads the tone toward one target: role rules first (object of a
criticism/attack/legal verb → negative, object of praise/support → positive), else the tone of
the words around the target in its own sentence, with a small news vocabulary of trouble
("indicted", "scandal") and success ("won", "endorsed") that VADER rates neutral.

:func:`statements` turns a scores frame into one row per paragraph × target, with the
sentiment of the clause that names the target.
"""
from __future__ import annotations

import functools
import re
from bisect import bisect_right
from collections.abc import Iterable
from typing import Any

import pandas as pd

__all__ = ["attribute", "statements", "target_tone", "REPORTING_VERBS", "TARGET_VERBS", "TARGET_PREPOSITIONS",
           "STATEMENT_COLUMNS"]

# ----------------------------------------------------------------------------------- word lists
def _forms(spec: str) -> frozenset[str]:
    """'say:said,says,saying warn ...' -> every listed and regular form (lower case)."""
    out: set[str] = set()
    for item in spec.split():
        if ":" in item:
            base, rest = item.split(":", 1)
            out.add(base)
            out.update(rest.split(","))
            continue
        base = item
        out.add(base)
        if base.endswith("e"):
            out.update({base + "s", base + "d", base[:-1] + "ing"})
        elif base.endswith("y") and base[-2:-1] not in "aeiou":
            out.update({base[:-1] + "ies", base[:-1] + "ied", base + "ing"})
        elif base.endswith(("s", "sh", "ch", "x", "z")):
            out.update({base + "es", base + "ed", base + "ing"})
        else:
            out.update({base + "s", base + "ed", base + "ing"})
    return frozenset(out)


#: Verbs that report speech or a stance; their subject is the speaker.
REPORTING_VERBS = _forms("""
say:said,says,saying tell:told,tells,telling write:wrote,written,writes,writing speak:spoke,speaks,speaking
warn deny state add claim emphasize emphasise insist note argue vow threaten praise compliment congratulate
urge announce declare confirm report explain acknowledge admit assert stress highlight signal pledge
promise suggest imply accuse criticize criticise condemn welcome describe dismiss reject refute hail commend
thank demand offer respond reply continue post tweet comment remark predict caution reiterate repeat allege
blame concede reveal recall mention answer retort counter fear lament decry slam blast propose appeal
complain denounce rebuke reaffirm assure agree disagree estimate forecast maintain contend observe question
stated:stated underline underscore recommend call:called,calls,calling
""")
#: Multi-word reporting phrases (matched as regular expressions, lower case).
REPORTING_PHRASES = ("pointed out", "points out", "pointing out", "went on", "goes on", "called for",
                     "calls for", "calling for", "called on", "calls on", "made clear", "makes clear")
#: Verbs whose object is a target of the statement.
TARGET_VERBS = _forms("""
warn praise compliment congratulate commend hail thank criticize criticise condemn accuse blame urge threaten
attack strike target deny reject rebuke denounce slam blast support back aid help arm sanction punish
invade bomb shell hit call:called,calls,calling tell:told,tells,telling meet:met,meets,meeting welcome
defeat fight:fought,fights,fighting oppose pressure push encourage deter court force allow let:let,lets,letting
discuss
""")
#: Prepositions whose object is a target.
TARGET_PREPOSITIONS = ("against", "to", "with", "toward", "towards", "on", "into", "at", "inside", "for")
#: Pronouns that refer back to a person.
PERSON_PRONOUNS = frozenset({"he", "she"})
#: Definite descriptions that refer back to a person or a speaker ("the minister said").
ANAPHORIC_NOUNS = frozenset("""
president minister official spokesman spokeswoman spokesperson ambassador leader envoy diplomat chancellor
premier secretary president-elect general commander chief prosecutor aide adviser advisor senator lawmaker
former
""".split())
_HONORIFICS = frozenset({"Mr", "Mr.", "Mrs", "Mrs.", "Ms", "Ms.", "Dr", "Dr.", "Sir", "Dame", "Gen.", "Gen",
                         "Lt.", "Col.", "Sen.", "Rep.", "Gov.", "President", "Prime", "Minister", "Secretary",
                         "Foreign", "Defence", "Defense", "Chancellor", "King", "Queen", "Prince", "Sheikh",
                         "Ayatollah", "Judge", "Ambassador", "Spokesman", "Spokeswoman", "Spokesperson",
                         "General", "Deputy", "Vice", "Chief", "Special", "Counsel", "Interior", "Finance"})
_NOT_NAMES = frozenset("""
The A An In On At And But Or He She It They This That These Those We I You His Her Its Their Our
Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July August
September October November December If When While After Before As Since Although Though However Asked
Meanwhile Earlier Later Speaking Officials Authorities Sources Analysts Experts Critics Police Witnesses
Residents Reports Media Some Many Most Both One Two Three Several Other Others Western Eastern Northern
Southern Government Ministry Army Military Troops Forces Soldiers State Minister President Secretary Both
""".split())

_AUX = re.compile(
    r"(?:\s*\b(?:has|have|had|was|were|is|are|will|would|could|can|may|might|must|should|shall|also|previously|"
    r"repeatedly|consistently|already|again|then|later|earlier|first|openly|publicly|reportedly|recently|once|"
    r"never|not|n't|did|does|do|quickly|strongly|sharply|flatly|further|swiftly|firmly|sharply|angrily|"
    r"separately|subsequently|now|just|still|even|only|however|today|yesterday|tonight|last\s+\w+|"
    r"\w+ly|on\s+\w+day|this\s+(?:week|month|year|morning)|in\s+a\s+(?:statement|post|speech|interview)|"
    r"in\s+\w+\s+\d+|on\s+\w+\s+\d+)\b)+\s*$", re.IGNORECASE)
_AUX_WORDS = frozenset("""
has have had was were is are will would could can may might must should shall also previously repeatedly
consistently already again then later earlier first openly publicly reportedly recently once never not n't did
does do quickly strongly sharply flatly further swiftly firmly angrily separately subsequently now just still even
only however today yesterday tonight
""".split())
_BE = frozenset({"was", "were", "is", "are", "been", "being", "be"})
_HAVE = frozenset({"has", "have", "had"})
_TAIL_WORD = re.compile(r"([A-Za-z']+)[\s,]*$")


def _strip_aux(text: str, ss: int, vs: int) -> tuple[int, set[str]]:
    """Move the end of the subject phrase left over auxiliaries and adverbs ("has previously")."""
    end = vs
    seen: set[str] = set()
    for _ in range(6):
        m = _TAIL_WORD.search(text, max(ss, end - 30), end)
        if m is None:
            break
        w = m.group(1).lower()
        if w in _AUX_WORDS or (w.endswith("ly") and len(w) > 4) or w.endswith("n't"):
            seen.add(w)
            end = m.start()
            continue
        if w.endswith("day") and text[max(ss, m.start() - 3):m.start()].lower().strip() == "on":
            end = m.start() - 3
            continue
        break
    return end, seen


_PASSIVE = re.compile(r"\b(?:was|were|is|are|been|being|be)\b", re.IGNORECASE)
_BOUNDARY = re.compile(
    r"(?:[,;:()\[\]“”\"–—]|\s-\s|\b(?:that|and|but|while|as|when|after|before|because|since|if|whether|"
    r"although|though|which|where|so|than|then)\b)", re.IGNORECASE)
_WORD_RE = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_ACCORDING = re.compile(r"\baccording\s+to\b", re.IGNORECASE)
_QUOTE_OPEN = "“\"«‘"
_QUOTE_CLOSE = "”\"»’"
_QUOTE_CLOSE_T = tuple(_QUOTE_CLOSE)
_QUOTE_CLOSE_SET = frozenset(_QUOTE_CLOSE) | frozenset(_QUOTE_CLOSE_T)
_WAR_NOUNS = frozenset({"war", "conflict", "fighting", "crisis", "invasion", "battle", "offensive", "front",
                        "region", "city", "town"})
_WAR_IN = re.compile(r"(?:\b(?:war|conflict|fighting|crisis|invasion|battle|offensive|front|region|city|town)"
                     r"\s+(?:in|of|with)|\b(?:in|within|throughout|across))\s+(?:the\s+)?$", re.IGNORECASE)
_PREV_WORD = re.compile(r"([A-Za-z]+)\s+(?:the\s+|its\s+|their\s+|his\s+|her\s+)?$")
_CLAUSE_SPLIT = re.compile(r";|\s[–—-]\s|,\s+(?:but|while|whereas|although|though)\b|\s(?:but|whereas)\s")
_CAP_TOKEN = re.compile(r"[A-Z][\w.'’-]*")
_ACC_STOP = re.compile(r"[,;:“”\"]|\.\s*$|\.\s+[A-Z]|\b(?:who|which|that|and)\b")
_INF_OR_POSS = re.compile(r"(?:\bto|['’]s?)\s+$")
_AFTER_QUOTE = re.compile(r"[,.!?][”\"’]\s*$")
_REL_WHO = re.compile(r",\s*who\s*$")
_INV_STOP = re.compile(r"[,.;:“”\"]|\b(?:who|which|that|in|on|at|after|during|when|while)\b")
_CONJ_END = re.compile(r"\b(?:and|but)\s*$")
_MODIFIER_DASH = re.compile(r"-[a-z]")
_CUE_GAP = re.compile(r"[\s,]*(?:(?:the|its|their)\s+)?")
_PHRASE_RE = re.compile(r"\b(?:" + "|".join(re.escape(p) for p in REPORTING_PHRASES) + r")\b", re.IGNORECASE)


# ------------------------------------------------------------------------------------- helpers
_QUOTE_CHARS = re.compile(r"[“”«»\"]")


def _quote_spans(text: str) -> tuple[list[tuple[int, int]], bool, bool]:
    """Spans of quotations (inside the marks), whether the text starts with a quotation, and
    whether a quotation is still open at the end (it continues into the next paragraph)."""
    spans = []
    open_at = None
    straight_open = None
    for m in _QUOTE_CHARS.finditer(text):
        i, ch = m.start(), m.group(0)
        if ch == "“" or ch == "«":
            if open_at is None:
                open_at = i
        elif ch == "”" or ch == "»":
            if open_at is not None:
                spans.append((open_at + 1, i))
                open_at = None
        elif straight_open is None and open_at is None:
            straight_open = i
        elif straight_open is not None:
            spans.append((straight_open + 1, i))
            straight_open = None
    start_open = open_at if open_at is not None else straight_open
    if start_open is not None:
        spans.append((start_open + 1, len(text)))
    starts_with_quote = text.lstrip()[:1] in ("“", '"', "«")
    return sorted(spans), starts_with_quote, start_open is not None


def _inside(pos: int, spans: list[tuple[int, int]]) -> bool:
    return any(s <= pos < e for s, e in spans)


_VERB_RE: re.Pattern | None = None


def _reporting_verbs(text: str, s: int, e: int) -> list[tuple[int, int, str]]:
    global _VERB_RE
    if _VERB_RE is None:
        from toolkit.actors import _trie_regex

        words = sorted(REPORTING_VERBS - {"call", "called", "calls", "calling"}) + [p for p in REPORTING_PHRASES]
        _VERB_RE = re.compile(r"(?<![a-z])(?:" + _trie_regex(words) + r")(?![a-z])")
    low = text.lower()
    if len(low) != len(text):  # pragma: no cover - exotic case mappings change lengths
        low = "".join(ch.lower() if len(ch.lower()) == 1 else ch for ch in text)
    return [(m.start(), m.end(), text[m.start():m.end()]) for m in _VERB_RE.finditer(low, s, e)]


def _unregistered_name(np_text: str, offset: int) -> tuple[str, int, int] | None:
    """A capitalised name at the end of a noun phrase ("Defence Minister Pierre Joxe")."""
    toks = list(_CAP_TOKEN.finditer(np_text))
    if not toks:
        return None
    # take the trailing run of capitalised tokens that ends the phrase
    run = []
    end = len(np_text.rstrip())
    for t in reversed(toks):
        gap = np_text[t.end():end]
        if gap.strip():
            break
        run.insert(0, t)
        end = t.start()
    names = [t for t in run if t.group(0) not in _HONORIFICS]
    had_title = len(names) < len(run)
    if not names or any(t.group(0) in _NOT_NAMES for t in names):
        return None
    if len(names) < 2 and not had_title:
        return None
    if any(t.group(0).isupper() and len(t.group(0)) > 1 for t in names) and len(names) == 1:
        return None
    start, stop = names[0].start(), names[-1].end()
    return np_text[start:stop], offset + start, offset + stop


class _Ctx:
    """Per-document state kept in the caller's ``context`` dict."""

    def __init__(self, context: dict):
        self.d = context
        self.used = False  # set when a rule looked at earlier paragraphs
        context.setdefault("last_speaker", None)        # (name, registered, is_person)
        context.setdefault("last_person", None)         # canonical or as-written name
        context.setdefault("prev_speaker", None)        # speaker of the previous paragraph
        context.setdefault("open_quote", False)         # previous paragraph ended inside a quotation
        context.setdefault("targets_by_speaker", {})


# ------------------------------------------------------------------------------------ attribute
def attribute(text: str, sentences: Iterable[tuple[int, int]], cues: Iterable[dict] | None, registry: Any, *,
              context: dict | None = None) -> dict:
    """Speaker, targets and actors of one paragraph, with evidence.

    Parameters
    ----------
    text
        The paragraph.
    sentences
        ``(start, end)`` character offsets of its sentences (e.g. from ``toolkit.segment``); an empty
        list means the whole paragraph is one sentence.
    cues
        Escalation evidence found in the paragraph (dicts with ``term``, ``start``, ``end``, ``weight``,
        ``rhetoric``…); the objects of cue verbs are targets. May be empty.
    registry
        An :class:`~toolkit.actors.ActorRegistry` (see :func:`toolkit.load_actors`).
    context
        A dict the caller passes along the paragraphs of ONE document, in order (a new document gets a
        new dict). Used for pronouns and quotations that continue across paragraphs.

    Returns
    -------
    dict with ``speaker`` (str or None), ``speaker_registered`` (bool), ``targets`` (list of canonical
    names), ``actors`` (every canonical actor mentioned, first-appearance order) and ``evidence`` (dicts
    with ``term``, ``start``, ``end``, ``dimension`` in {"speaker", "target", "actor"}, ``weight``, ``rule``
    and ``actor``, the canonical name).
    """
    ctx = _Ctx(context if context is not None else {})
    if not isinstance(text, str) or not text.strip():
        ctx.d["prev_speaker"] = None
        ctx.d["open_quote"] = False
        return {"speaker": None, "speaker_registered": True, "targets": [], "actors": [], "evidence": []}
    sents = tuple((int(s), int(e)) for s, e in (sentences or ())) or ((0, len(text)),)
    cue_ends = tuple(sorted(c["end"] for c in (cues or ()) if isinstance(c, dict) and "end" in c))
    an = _analysis(text, sents, cue_ends, registry)
    mentions, quotes = an.mentions, an.quotes

    # ---------------------------------------------------------------- speaker
    if an.sp_info is not _DEPENDS_ON_CONTEXT:
        sp_info = dict(an.sp_info) if an.sp_info else {}
        targets, t_evidence = list(an.targets), [dict(e) for e in an.t_evidence]
    else:  # a pronoun or anaphor resolved through the previous paragraphs: not cacheable
        sp_info = _find_speaker(text, sents, an, ctx, registry) or {}
        targets, t_evidence = _targets(text, sents, mentions, an.mtype, quotes, cue_ends, sp_info, registry)
    if not sp_info and (an.starts_quote or ctx.d["open_quote"]) and ctx.d["prev_speaker"] is not None:
        name, reg = ctx.d["prev_speaker"]
        qs = text.find(text.lstrip()[:1])
        sp_info = {"name": name, "registered": reg, "start": qs, "end": qs + 1, "term": text[qs:qs + 1],
                   "rule": "quote_continues", "sentence": 0, "exclude": (0, 0)}
        targets, t_evidence = _targets(text, sents, mentions, an.mtype, quotes, cue_ends, sp_info, registry)
    evidence = [dict(e) for e in an.a_evidence]
    speaker, registered = None, True
    if sp_info:
        speaker, registered = sp_info["name"], sp_info["registered"]
        evidence.append({"term": sp_info["term"], "start": sp_info["start"], "end": sp_info["end"],
                         "dimension": "speaker", "weight": 1.0, "rule": sp_info["rule"], "actor": speaker})

    # ---------------------------------------------------------------- targets
    continuing = speaker is not None and (sp_info.get("rule") in ("quote_continues", "pronoun", "anaphor")
                                          or (ctx.d["prev_speaker"] or (None,))[0] == speaker)
    if not targets and continuing:
        for name in ctx.d["targets_by_speaker"].get(speaker, []):
            if name != speaker:
                targets.append(name)
                t_evidence.append({"term": sp_info["term"], "start": sp_info["start"], "end": sp_info["end"],
                                   "dimension": "target", "weight": 0.5, "rule": "continued_from_previous",
                                   "actor": name})
    evidence += t_evidence

    # ---------------------------------------------------------------- update context
    if an.last_person is not None:
        ctx.d["last_person"] = (an.last_person, True)
    if speaker is not None:
        is_person = registered is False or registry.kind(speaker) == "person"
        ctx.d["last_speaker"] = (speaker, registered, is_person)
        if targets:
            ctx.d["targets_by_speaker"][speaker] = list(targets)
    ctx.d["prev_speaker"] = (speaker, registered) if speaker is not None else None
    ctx.d["open_quote"] = an.ends_open
    return {"speaker": speaker, "speaker_registered": bool(registered), "targets": targets,
            "actors": list(an.actors), "evidence": evidence}


#: Marker in the analysis cache: the speaker depends on earlier paragraphs (pronoun, anaphor).
_DEPENDS_ON_CONTEXT = object()
#: Distinct paragraphs whose context-free analysis is kept per registry (first in, first out).
_CACHE_SIZE = 4096


class _Analysis:
    """What :func:`attribute` finds in a paragraph without looking at the paragraphs before it."""

    __slots__ = ("mentions", "mtype", "quotes", "starts_quote", "ends_open", "actors", "a_evidence", "verbs",
                 "last_person", "sp_info", "targets", "t_evidence")


def _analysis(text: str, sents: tuple, cue_ends: tuple, registry: Any) -> _Analysis:
    """The context-free part of :func:`attribute`, cached per registry and distinct paragraph."""
    cache = registry.__dict__.get("_attribution_cache")
    if cache is None:
        cache = registry.__dict__["_attribution_cache"] = {}
    key = (text, sents, cue_ends)
    an = cache.get(key)
    if an is not None:
        return an
    an = _Analysis()
    typed = registry._find_typed(text)
    an.mentions = [m for m, _, _ in typed]
    an.mtype = {m.start: t for m, t, _ in typed}
    an.quotes, an.starts_quote, an.ends_open = _quote_spans(text)
    an.actors = tuple(dict.fromkeys(m.name for m in an.mentions))
    an.a_evidence = tuple({"term": m.surface, "start": m.start, "end": m.end, "dimension": "actor", "weight": 1.0,
                           "rule": "possessive" if poss else t, "actor": m.name} for m, t, poss in typed)
    an.verbs = _reporting_verbs(text, 0, len(text))
    persons = [m for m in an.mentions if m.kind == "person" and not _inside(m.start, an.quotes)]
    an.last_person = persons[-1].name if persons else None
    probe = _Ctx({})
    found = _find_speaker(text, sents, an, probe, registry)
    if probe.used:
        an.sp_info = _DEPENDS_ON_CONTEXT
        an.targets, an.t_evidence = (), ()
    else:
        an.sp_info = found
        targets, t_ev = _targets(text, sents, an.mentions, an.mtype, an.quotes, cue_ends, found or {}, registry)
        an.targets, an.t_evidence = tuple(targets), tuple(t_ev)
    if _CACHE_SIZE > 0:
        if len(cache) >= _CACHE_SIZE:
            del cache[next(iter(cache))]
        cache[key] = an
    return an


def _find_speaker(text: str, sents: tuple, an: _Analysis, ctx: _Ctx, registry: Any) -> dict | None:
    """The first sentence's speaker (see the module docstring), with ``sentence`` set."""
    verbs = an.verbs
    has_according = "ccording" in text
    for k, (ss, se) in enumerate(sents):
        sv = [v for v in verbs if ss <= v[0] < se]
        if not sv and not has_according:
            continue
        found = _sentence_speaker(text, ss, se, k, sents, an.mentions, an.quotes, ctx, registry, sv)
        if found is not None:
            found["sentence"] = k
            return found
    return None


def _resolve_pronoun(pos: int, ss: int, k: int, sents, mentions, quotes, ctx: _Ctx, anaphor: bool):
    """Antecedent of 'he'/'she' or 'the minister' at ``pos``: (name, registered) or None."""
    outside = [m for m in mentions if m.kind == "person" and not _inside(m.start, quotes)]
    if not anaphor:
        same = [m for m in outside if ss <= m.start < pos]
        if same:
            return same[0].name, True
    for j in range(k - 1, -1, -1):
        ps, pe = sents[j]
        prev = [m for m in outside if ps <= m.start < pe]
        if prev:
            return prev[0].name, True
    ctx.used = True
    last = ctx.d.get("last_speaker")
    if last is not None and last[2]:
        return last[0], last[1]
    if anaphor and last is not None:
        return last[0], last[1]
    lp = ctx.d.get("last_person")
    if lp is not None:
        return lp
    return None


def _np_speaker(text: str, np_s: int, np_e: int, ss: int, k: int, sents, mentions, quotes, ctx: _Ctx,
                registry, rule: str) -> dict | None:
    """Speaker named by the noun phrase text[np_s:np_e] (a verb's subject or 'according to' object)."""
    np_text = text[np_s:np_e]
    if not np_text.strip():
        return None
    inner = [m for m in mentions if np_s <= m.start and m.end <= np_e + 2]
    if inner:
        persons = [m for m in inner if m.kind == "person"]
        m = persons[0] if persons else inner[0]
        return {"name": m.name, "registered": True, "start": m.start, "end": m.end, "term": m.surface,
                "rule": rule}
    words = [w.lower() for w in _WORD_RE.findall(np_text)]
    if words and words[-1] in PERSON_PRONOUNS and len(words) <= 2:
        res = _resolve_pronoun(np_s, ss, k, sents, mentions, quotes, ctx, anaphor=False)
        if res:
            w = list(_WORD_RE.finditer(text, np_s, np_e))[-1]
            return {"name": res[0], "registered": res[1], "start": w.start(), "end": w.end(), "term": w.group(0),
                    "rule": "pronoun"}
        return None
    if words and words[0] == "the" and words[-1] in ANAPHORIC_NOUNS and len(words) <= 4:
        res = _resolve_pronoun(np_s, ss, k, sents, mentions, quotes, ctx, anaphor=True)
        if res:
            st = np_s + len(np_text) - len(np_text.lstrip())
            return {"name": res[0], "registered": res[1], "start": st, "end": np_e, "term": text[st:np_e],
                    "rule": "anaphor"}
        return None
    un = _unregistered_name(np_text, np_s)
    if un is not None:
        name, s, e = un
        return {"name": name, "registered": False, "start": s, "end": e, "term": name, "rule": "unregistered_name"}
    return None


def _sentence_speaker(text, ss, se, k, sents, mentions, quotes, ctx, registry, verbs) -> dict | None:
    # according to X
    for m in _ACCORDING.finditer(text, ss, se):
        if _inside(m.start(), quotes):
            continue
        rest = text[m.end():se]
        stop = _ACC_STOP.search(rest)
        np_e = m.end() + (stop.start() if stop else len(rest))
        found = _np_speaker(text, m.end(), np_e, ss, k, sents, mentions, quotes, ctx, registry, "according_to")
        if found is not None:
            found["exclude"] = (m.start(), np_e)
            return found
    for vs, ve, verb in verbs:
        if _inside(vs, quotes):
            continue
        prev = text[max(ss, vs - 4):vs]
        if _INF_OR_POSS.search(prev):
            continue  # "declined to comment" (infinitive), "Putin's comments" (a noun)
        left_end, aux_words = _strip_aux(text, ss, vs)
        if aux_words & _BE and verb.lower().endswith(("ed", "en", "told")) and not aux_words & _HAVE:
            continue  # "was accused", "were told": passive
        left = text[ss:left_end]
        stripped = left.rstrip()
        after_quote = stripped[-1:] in _QUOTE_CLOSE_SET and (
            stripped.endswith(_QUOTE_CLOSE_T) or _AFTER_QUOTE.search(stripped) is not None)
        if not after_quote and stripped.endswith(","):
            # "Dmitry Peskov, a spokesman for the Kremlin, denied" -> skip the appositive
            # ", who" relative clause handled below; participle after comma -> sentence subject
            prev_comma = stripped.rfind(",", 0, len(stripped) - 1)
            if prev_comma >= 0 and not _inside(ss + prev_comma, quotes):
                head_end = ss + prev_comma
                cand = [m for m in mentions if ss <= m.start and m.end <= head_end and
                        not _inside(m.start, quotes) and text[m.end:head_end].strip(" '’s") == ""]
                if cand:
                    m = cand[-1]
                    return {"name": m.name, "registered": True, "start": m.start, "end": m.end, "term": m.surface,
                            "rule": "reporting_verb", "exclude": (m.start, ve)}
        rel = _REL_WHO.search(left) if stripped.endswith("who") else None
        if rel:
            head_end = ss + rel.start()
            cand = [m for m in mentions if ss <= m.start and m.end <= head_end and
                    text[m.end:head_end].strip(" '’s") == ""]
            if cand:
                m = cand[-1]
                return {"name": m.name, "registered": True, "start": m.start, "end": m.end, "term": m.surface,
                        "rule": "reporting_verb", "exclude": (m.start, ve)}
            continue
        if after_quote or not left.strip():
            # inverted: "“…,” said the official" / "said Peskov"
            right = text[ve:se]
            stop = _INV_STOP.search(right)
            np_e = ve + (stop.start() if stop else len(right))
            found = _np_speaker(text, ve, np_e, ss, k, sents, mentions, quotes, ctx, registry, "quote_attribution")
            if found is not None:
                found["exclude"] = (vs, se)
                return found
            if not after_quote:
                continue
        # the noun phrase before the verb, from the last clause boundary
        np_s = ss
        for b in _BOUNDARY.finditer(text, ss, left_end):
            if not _inside(b.start(), quotes) or text[b.start()] in _QUOTE_CLOSE + _QUOTE_OPEN:
                np_s = b.end()
        np_s = max(np_s, ss)
        conj = _CONJ_END.search(text[max(ss, np_s - 5):np_s]) if np_s > ss else None
        if not text[np_s:left_end].strip() and conj:
            first = [m for m in mentions if ss <= m.start < np_s and not _inside(m.start, quotes)]
            if first:
                m = first[0]
                return {"name": m.name, "registered": True, "start": m.start, "end": m.end, "term": m.surface,
                        "rule": "reporting_verb", "exclude": (m.start, m.end)}
            continue
        if not text[np_s:left_end].strip():
            if verb.lower().endswith("ing") and text[ss:np_s].rstrip().endswith(","):
                # participle after a comma: the subject of the sentence
                first = [m for m in mentions if ss <= m.start < vs and not _inside(m.start, quotes)]
                lead = _WORD_RE.match(text, ss + len(text[ss:se]) - len(text[ss:se].lstrip()))
                if lead and lead.group(0).lower() in PERSON_PRONOUNS:
                    found = _np_speaker(text, lead.start(), lead.end(), ss, k, sents, mentions, quotes, ctx,
                                        registry, "pronoun")
                    if found is not None:
                        found["exclude"] = (lead.start(), lead.end())
                        return found
                if first:
                    m = first[0]
                    return {"name": m.name, "registered": True, "start": m.start, "end": m.end,
                            "term": m.surface, "rule": "reporting_verb", "exclude": (m.start, m.end)}
            continue
        found = _np_speaker(text, np_s, left_end, ss, k, sents, mentions, quotes, ctx, registry,
                            "quote_attribution" if after_quote else "reporting_verb")
        if found is None and conj:
            first = [m for m in mentions if ss <= m.start < np_s and not _inside(m.start, quotes)]
            if first:
                m = first[0]
                found = {"name": m.name, "registered": True, "start": m.start, "end": m.end, "term": m.surface,
                         "rule": "reporting_verb"}
        if found is not None:
            found["exclude"] = (found["start"], ve) if not after_quote else (found["start"], se)
            return found
    return None


def _is_subject(text: str, m, ss: int, quotes) -> bool:
    """Whether mention ``m`` starts its clause (no lower-case word between the clause start and it)."""
    left = text[ss:m.start]
    cut = 0
    for b in _BOUNDARY.finditer(left):
        cut = b.end()
    before = left[cut:]
    words = _WORD_RE.findall(before)
    return all(w[:1].isupper() or w.lower() in ("the", "a", "an", "both", "its", "their") for w in words)


def _targets(text, sents, mentions, mtype, quotes, cue_ends, sp_info, registry):
    speaker = sp_info.get("name") if sp_info else None
    sp_country = registry.country(speaker) if speaker is not None else None
    sp_kind = registry.kind(speaker) if speaker is not None else None
    first_sent = sp_info.get("sentence", 0) if sp_info else 0
    scope_s = sents[first_sent][0] if sp_info else 0
    for qs, qe in quotes:  # a quotation the speaker's sentence closes belongs to the statement
        if qs < scope_s < qe + 3:
            scope_s = min(scope_s, qs - 1)
            first_sent = next((i for i, (s, e) in enumerate(sents) if s <= qs < e), first_sent)
    excl_s, excl_e = sp_info.get("exclude", (0, 0)) if sp_info else (0, 0)
    starts = [s for s, _ in sents]
    targets: list[str] = []
    ev: list[dict] = []
    for m in mentions:
        if m.start < scope_s or (excl_s <= m.start < excl_e):
            continue
        if m.kind == "media" or m.name == speaker:
            continue
        if sp_country and m.country == sp_country and (
                (sp_kind in ("person", "organisation", "group") and m.kind in ("state", "organisation", "person"))
                or (sp_kind == "state" and m.kind in ("state", "organisation"))):
            continue  # the speaker's own state, bodies and colleagues
        if m.kind == "state" and sp_kind == "group" and m.country == sp_country:
            continue
        before = text[max(0, m.start - 40):m.start]
        tail = before[-30:].lower().split()
        if tail and tail[-1] == "the":
            tail = tail[:-1]
        if tail and (tail[-1] in ("in", "within", "throughout", "across") or
                     (len(tail) > 1 and tail[-1] in ("in", "of", "with") and tail[-2] in _WAR_NOUNS)):
            continue
        if _MODIFIER_DASH.match(text, m.end, m.end + 2):
            continue  # "U.S.-supplied", "Iran-backed": a modifier, not a target
        k = bisect_right(starts, m.start) - 1
        if k < 0 or m.start >= sents[k][1]:
            k = next((i for i, (s, e) in enumerate(sents) if s <= m.start < e), 0)
        in_quote = _inside(m.start, quotes)
        rule = None
        prev_word = _PREV_WORD.search(before)
        pw = prev_word.group(1).lower() if prev_word else ""
        if pw in TARGET_VERBS:
            rule = "object_of_verb"
        elif pw in TARGET_PREPOSITIONS:
            rule = "preposition"
        else:
            for end in cue_ends:
                if 0 <= m.start - end <= 12 and _CUE_GAP.fullmatch(text, end, m.start):
                    rule = "object_of_cue"
                    break
        if rule is None:
            narration = speaker is None or (k < first_sent)
            if narration and not in_quote:
                continue  # narration: only actors in object position are targets
            if mtype.get(m.start) == "demonym" and m.name in ("West",) and not in_quote:
                continue
            rule = "mentioned"
        if m.name not in targets:
            targets.append(m.name)
            ev.append({"term": m.surface, "start": m.start, "end": m.end, "dimension": "target", "weight": 1.0,
                       "rule": rule, "actor": m.name})
    return targets, ev


# ----------------------------------------------------------------------------------- statements
#: Columns of the frame :func:`statements` returns.
STATEMENT_COLUMNS = ("doc_id", "para_id", "speaker", "target", "sentiment", "escalation", "rhetoric",
                     "evidence", "text")


def _clause_span(text: str, pos: int, sentences: list[tuple[int, int]]) -> tuple[int, int]:
    s, e = next(((s, e) for s, e in sentences if s <= pos < e), (0, len(text)))
    cut_s, cut_e = s, e
    for m in _CLAUSE_SPLIT.finditer(text, s, e):
        if m.end() <= pos:
            cut_s = m.end()
        elif m.start() > pos:
            cut_e = m.start()
            break
    if len(text[cut_s:cut_e].split()) < 4:
        return s, e
    return cut_s, cut_e


#: Verbs (and verb phrases) whose object is portrayed negatively: criticism, attack, legal trouble.
NEGATIVE_ROLE_VERBS = _forms("""
criticize criticise condemn accuse blame attack slam blast rebuke denounce chastise lambaste lambast scold
mock ridicule deride insult berate castigate reprimand censure fault question challenge target hit
sue charge indict arrest convict jail imprison investigate probe fire:fired,fires,firing oust sack impeach
defeat beat:beat,beaten,beats,beating oppose reject dismiss threaten warn sanction punish denigrate smear
disparage vilify demonize demonise decry undermine betray
""")
#: Verbs whose object is portrayed positively: praise, support, honours.
POSITIVE_ROLE_VERBS = _forms("""
praise compliment congratulate commend hail thank applaud laud celebrate honor honour credit endorse support
back defend welcome admire respect elect reelect re-elect nominate embrace champion salute cheer reward
""")
#: Phrasal forms ("hit out at X", "paid tribute to X") — matched on the words before the target.
_NEG_PHRASE = re.compile(r"\b(?:hit(?:s|ting)?\s+out\s+at|lash(?:ed|es|ing)?\s+out\s+at|took\s+aim\s+at|"
                         r"tak(?:e|es|ing)\s+aim\s+at|turn(?:ed|s)?\s+on|went\s+after|go(?:es)?\s+after|"
                         r"call(?:ed|s|ing)?\s+(?:for|on)\s+\w+\s+to\s+resign|(?:criticism|attacks?|"
                         r"accusations?|allegations?|charges?|complaints?|lawsuits?|investigations?|probe|"
                         r"scandal|anger|outrage|fury|backlash|protests?)\s+(?:of|against|on|at|over|toward|"
                         r"towards)|against)\s+(?:the\s+|his\s+|her\s+|their\s+)?$", re.IGNORECASE)
_POS_PHRASE = re.compile(r"\b(?:pa(?:id|ys?|ying)\s+tribute\s+to|tributes?\s+to|(?:gave|give|gives|giving)\s+"
                         r"credit\s+to|praise\s+(?:for|of)|support\s+(?:for|of)|thanks\s+to|sided\s+with|"
                         r"vot(?:ed|es|e|ing)\s+for|(?:endorsement|backing)\s+of|in\s+favou?r\s+of)\s+"
                         r"(?:the\s+|his\s+|her\s+|their\s+)?$", re.IGNORECASE)
#: "X was accused / was praised": the target as subject of a passive.
_PASSIVE_AFTER = re.compile(r"(?:['’]s)?\s*(?:,[^,]{0,60},\s*)?(?:has\s+been|have\s+been|had\s+been|was|were|is|are|"
                            r"been|being|got|gets)\s+(?:\w+ly\s+)?(\w+)", re.IGNORECASE)
_SKIP_BEFORE = frozenset("""
the a an his her their its former president vice senator sen. rep. gov. governor secretary mr. mrs. ms. dr.
candidate nominee republican democratic democrat gop leader speaker house attorney general director
""".split())
_TARGET_WORD = re.compile(r"[A-Za-z][A-Za-z'’.-]*")
#: Words that, near a person or body in news, report trouble for it (VADER's general lexicon rates
#: most of them neutral): legal trouble, scandal, defeat, criticism received.
NEWS_NEGATIVE = frozenset("""
accused accusation accusations alleged allegations allegedly charged charges indicted indictment arrested
convicted guilty fraud scandal scandals investigation investigated probe lawsuit sued fired ousted resign resigned
impeachment impeach controversial controversy embattled criticized criticised criticism blamed attacked lied lies
liar racist racism sexist misconduct harassment assault corruption corrupt failed failure lost defeated refused
denied dismissed rejected condemned slammed blasted mocked ridiculed questioned feud clash clashed demanded
threatened disgraced unpopular troubled plagued struggling
""".split())
#: Words that report success or approval for the actor next to them.
NEWS_POSITIVE = frozenset("""
praised won win victory endorsed endorsement popular support supported hero tribute honored honoured celebrated
credited thanked applauded congratulated admired beloved successful landslide
""".split())
#: Tone of the target's window beyond these bounds counts as negative/positive.
TONE_THRESHOLDS = (-0.05, 0.15)
#: Words before and after the target that make its window (inside its sentence).
TONE_WINDOW = (6, 10)
_NEWS_WORD_WEIGHT = 0.3
_TOKEN = re.compile(r"[A-Za-z']+")


def _role_tone(text: str, start: int, end: int, cs: int) -> tuple[int, str] | None:
    """A role rule for the target text[start:end] in the clause starting at ``cs``: (sign, rule)."""
    before = text[max(cs, start - 60):start]
    if _NEG_PHRASE.search(before):
        return -1, "object_of_criticism"
    if _POS_PHRASE.search(before):
        return 1, "object_of_praise"
    words = _TARGET_WORD.findall(before)
    # the verb right before the target, skipping determiners and titles ("blamed President Trump")
    for w in reversed(words[-4:]):
        lw = w.lower()
        if lw in NEGATIVE_ROLE_VERBS:
            return -1, "object_of_criticism"
        if lw in POSITIVE_ROLE_VERBS:
            return 1, "object_of_praise"
        if lw not in _SKIP_BEFORE and not w[:1].isupper():
            break
    m = _PASSIVE_AFTER.match(text, end, min(len(text), end + 90))
    if m is not None:
        verb = m.group(1).lower()
        if verb in NEGATIVE_ROLE_VERBS:
            return -1, "criticised_passive"
        if verb in POSITIVE_ROLE_VERBS:
            return 1, "praised_passive"
    return None


_TONE_CACHE_SIZE = 200_000


def _tone(text: str, start: int, end: int, sents: tuple) -> tuple[float, int, str, tuple[int, int]]:
    """The body of :func:`target_tone`: ``(sentiment, label, rule, clause)`` (pure, so cached)."""
    from toolkit.sentiment import sentence_polarity

    ss, se = next(((s, e) for s, e in sents if s <= start < e), (0, len(text)))
    cs, _ = _clause_span(text, start, sents)
    role = _role_tone(text, start, end, cs)
    toks = list(_TOKEN.finditer(text, ss, se))
    i = next((k for k, m in enumerate(toks) if m.end() > start), len(toks))
    j = next((k for k, m in enumerate(toks) if m.end() >= end), i)
    a, b = TONE_WINDOW
    lo_tok = toks[max(0, i - a):j + b + 1]
    if lo_tok:
        ws, we = lo_tok[0].start(), lo_tok[-1].end()
    else:
        ws, we = start, end
    value = float(sentence_polarity(text[ws:we])) if text[ws:we].strip() else 0.0
    words = [m.group(0).lower() for m in lo_tok]
    value += _NEWS_WORD_WEIGHT * (sum(w in NEWS_POSITIVE for w in words) - sum(w in NEWS_NEGATIVE for w in words))
    value = max(-1.0, min(1.0, value))
    if role is not None:
        sign, rule = role
        value = sign * max(abs(value), 0.5) if value * sign >= 0 else sign * 0.5
        return round(value, 4), sign, rule, (ws, we)
    lo, hi = TONE_THRESHOLDS
    label = 1 if value > hi else -1 if value < lo else 0
    return round(value, 4), label, "window_polarity", (ws, we)


# the same target in the same text is read once per session (charts re-read statements often)
_tone_cached = functools.lru_cache(maxsize=_TONE_CACHE_SIZE)(_tone)


def target_tone(text: str, start: int, end: int, sentences: list[tuple[int, int]] | None = None) -> dict:
    """Sentiment toward the target mentioned at ``text[start:end]``, with the rule that decided it.

    Rules, in order:

    1. ``object_of_criticism`` — the target is the object of a criticism/attack/legal verb
       ("blamed Trump", "chastised Hanson", "hit out at Trump", "accusations against X", "X was
       charged"; ``NEGATIVE_ROLE_VERBS``) → negative;
    2. ``object_of_praise`` — the object of a praise/support verb ("praised Trump", "paid tribute to
       X", "X was endorsed"; ``POSITIVE_ROLE_VERBS``) → positive;
    3. ``window_polarity`` — otherwise the tone of the words around the target (``TONE_WINDOW``
       words before and after, inside its sentence): VADER (:func:`toolkit.sentiment.sentence_polarity`)
       plus ``0.3`` per news word of trouble (``NEWS_NEGATIVE``: accused, indicted, scandal, …) or
       success (``NEWS_POSITIVE``), negative below ``TONE_THRESHOLDS[0]``, positive above
       ``TONE_THRESHOLDS[1]``. A target that only speaks ("X said") gets the tone of its own words
       around it, not of the whole paragraph.

    Returns ``{"sentiment": float in [-1, 1], "label": -1|0|1, "rule": str, "clause": (start, end)}``
    (``clause`` is the span the tone was read from).
    """
    sents = tuple((s, e) for s, e in sentences) if sentences else ((0, len(text)),)
    try:
        value, label, rule, clause = _tone_cached(text, start, end, sents)
    except TypeError:  # an unhashable argument: compute without the cache
        value, label, rule, clause = _tone(text, start, end, sents)
    return {"sentiment": value, "label": label, "rule": rule, "clause": clause}


def statements(scores: pd.DataFrame) -> pd.DataFrame:
    """One row per paragraph × target: who says what about whom, in what tone.

    Parameters
    ----------
    scores
        A scores frame from :func:`toolkit.score` (columns ``doc_id``, ``para_id``, ``text``,
        ``escalation``, ``rhetoric``, ``speaker``, ``targets``, ``evidence``).

    Returns
    -------
    DataFrame with ``STATEMENT_COLUMNS``: ``sentiment`` is the tone toward the target from
    :func:`target_tone` (role rules — object of criticism or praise — else the polarity of the
    words around the target), not the whole paragraph's (a target carried over from the previous
    paragraph gets the paragraph's polarity); its rule is in the evidence (``dimension``
    ``"target_sentiment"``); ``escalation`` and ``rhetoric`` are the paragraph's; ``evidence`` holds the
    paragraph's evidence items inside that clause plus the target's own item; ``text`` is the clause.
    Paragraphs without targets produce no row. The input is not modified.
    """
    if not isinstance(scores, pd.DataFrame):
        raise TypeError(f"`scores` must be the DataFrame returned by toolkit.score, but a {type(scores).__name__} "
                        "was passed.")
    needed = ["doc_id", "para_id", "text", "speaker", "targets"]
    missing = [c for c in needed if c not in scores.columns]
    if missing:
        raise ValueError(f"`scores` is missing the column(s) {missing}; pass the frame returned by toolkit.score "
                         "(it has doc_id, para_id, text, speaker, targets, evidence).")
    from toolkit.segment import sentence_spans
    from toolkit.sentiment import polarity

    n = len(scores)

    def column(name: str, default: Any = None) -> list:
        return scores[name].tolist() if name in scores.columns else [default] * n

    has_ev = "evidence" in scores.columns
    cols: dict[str, list] = {c: [] for c in STATEMENT_COLUMNS}
    clause_polarity: dict[str, float] = {}
    for doc, para, text, speaker, targets, evidence, esc, rhet in zip(
            column("doc_id"), column("para_id"), column("text"), column("speaker"), column("targets"),
            column("evidence"), column("escalation", float("nan")), column("rhetoric"), strict=True):
        if targets is None or (isinstance(targets, float) and targets != targets) or len(targets) == 0:
            continue
        text = text if isinstance(text, str) else ""
        evidence = list(evidence or []) if has_ev else []
        sents = [tuple(x) for x in sentence_spans(text)] or [(0, len(text))]
        speaker = speaker if isinstance(speaker, str) else None
        # one pass over the evidence: each actor's first target / actor item, and the clause items
        by_target: dict[Any, dict] = {}
        by_actor: dict[Any, dict] = {}
        items = []
        for e in evidence:
            dim = e.get("dimension")
            if dim == "target" or dim == "actor":
                found = by_target if dim == "target" else by_actor
                try:
                    found.setdefault(e.get("actor"), e)
                except TypeError:  # an unhashable actor value never equals a target name
                    pass
            items.append((int(e.get("start", -1)), dim not in ("actor", "target"), e))
        in_clause: dict[tuple[int, int], list] = {}
        for target in targets:
            try:
                item = by_target.get(target) or by_actor.get(target)
            except TypeError:
                item = None
            tone = None
            if item is not None and item.get("rule") != "continued_from_previous":
                cs, ce = _clause_span(text, int(item["start"]), sents)
                tone = target_tone(text, int(item["start"]), int(item["end"]), sents)
            else:
                cs, ce = 0, len(text)
            if (cs, ce) not in in_clause:
                in_clause[(cs, ce)] = [e for s, keep, e in items if keep and cs <= s < ce]
            clause_ev = list(in_clause[(cs, ce)])
            clause = text[cs:ce].strip()
            if item is not None:
                clause_ev.append(item)
            if tone is not None:
                clause_ev.append({"term": item["term"], "start": item["start"], "end": item["end"],
                                  "dimension": "target_sentiment", "weight": tone["sentiment"],
                                  "rule": tone["rule"], "actor": target})
                value = tone["sentiment"]
            elif clause:
                if clause not in clause_polarity:  # VADER once per distinct clause
                    clause_polarity[clause] = round(float(polarity(clause)), 4)
                value = clause_polarity[clause]
            else:
                value = 0.0
            for c, v in (("doc_id", doc), ("para_id", para), ("speaker", speaker), ("target", target),
                         ("sentiment", value), ("escalation", esc), ("rhetoric", rhet), ("evidence", clause_ev),
                         ("text", clause)):
                cols[c].append(v)
    out = pd.DataFrame(cols if cols["doc_id"] else [], columns=list(STATEMENT_COLUMNS))
    out["speaker"] = out["speaker"].astype(object).where(out["speaker"].notna(), None)
    return out
