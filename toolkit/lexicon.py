"""Lexicons: package data loaded once, validated, and merged with user additions.

Two lexicons ship in ``toolkit/lexicons/`` (see the README there for sources):

* ``sentiment_news.tsv`` – news-domain valences added on top of VADER's lexicon
  (VADER's -4..+4 scale).
* ``escalation.tsv`` – words and phrases mapped to a rhetoric class, a CAMEO code and
  its Goldstein weight.

Users add or override entries with :func:`load_lexicon` (a DataFrame, a CSV/TSV path,
or a dict); ``toolkit.score(..., lexicon=...)`` accepts the same.
"""
from __future__ import annotations

import csv
import functools
import hashlib
import io
import os
import re
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

import pandas as pd

__all__ = ["Lexicon", "EscalationEntry", "load_lexicon", "RHETORIC_CLASSES", "LEXICON_VERSION"]

#: Rhetoric classes, ordered from most conciliatory to most escalatory (neutral last).
RHETORIC_CLASSES: tuple[str, ...] = (
    "praise", "cooperation", "peace_appeal", "denial", "criticism", "warning", "threat",
    "military_action", "neutral",
)
_CUE_KINDS = ("speech", "event", "topic")
LEXICON_VERSION = "2026.11.3"

_TOKEN_RE = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*", re.UNICODE)
_SOURCE_RANK = {"user": 0, "package": 1, "cameo": 2}


@dataclass(frozen=True)
class EscalationEntry:
    """One escalation cue pattern."""

    pattern: tuple[frozenset[str] | str, ...]  # each token: a set of words, or "prefix*"
    rhetoric: str
    cameo: str
    goldstein: float
    kind: str
    term: str
    source: str = "package"

    @property
    def weight(self) -> float:
        """Escalation weight of the cue: -Goldstein / 10 (positive = escalatory)."""
        return -self.goldstein / 10.0 + 0.0  # + 0.0: no -0.0 for Goldstein 0


@dataclass
class Lexicon:
    """Sentiment valences and escalation cues, ready for matching."""

    sentiment: dict[str, float]
    escalation: list[EscalationEntry]
    version: str = LEXICON_VERSION
    user_terms: int = 0
    _index: dict[str, list[EscalationEntry]] = field(default_factory=dict, repr=False)
    _prefix_index: dict[str, list[EscalationEntry]] = field(default_factory=dict, repr=False)
    _prefix_lengths: tuple[int, ...] = field(default=(), repr=False)
    _candidate_cache: dict[str, list[EscalationEntry]] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self._build_index()

    def _build_index(self) -> None:
        index: dict[str, list[EscalationEntry]] = {}
        prefix_index: dict[str, list[EscalationEntry]] = {}
        for entry in self.escalation:
            first = entry.pattern[0]
            if isinstance(first, str):  # prefix
                prefix_index.setdefault(first, []).append(entry)
            else:
                for word in first:
                    index.setdefault(word, []).append(entry)
        # longest patterns first so that the first full match is the longest; on equal length
        # user entries win over the hand-written ones, which win over the CAMEO-generated ones
        for bucket in list(index.values()) + list(prefix_index.values()):
            bucket.sort(key=lambda e: (-len(e.pattern), _SOURCE_RANK.get(e.source, 1)))
        self._index = index
        self._prefix_index = prefix_index
        self._prefix_lengths = tuple(sorted({len(p) for p in prefix_index}))
        self._candidate_cache = {}

    def candidates(self, token: str) -> list[EscalationEntry]:
        """Entries whose first token can match ``token`` (lower-cased), longest pattern first."""
        found = self._candidate_cache.get(token)
        if found is None:
            found = self._candidates(token)
            if len(self._candidate_cache) < 250_000:  # escalation_cues clears it past 200,000
                self._candidate_cache[token] = found
        return found

    def _candidates(self, token: str) -> list[EscalationEntry]:
        found = self._index.get(token)
        if not self._prefix_lengths:
            return found or []
        extra = [e for n in self._prefix_lengths if len(token) >= n
                 for e in self._prefix_index.get(token[:n], ())]
        if not extra:
            return found or []
        merged = (found or []) + extra
        merged.sort(key=lambda e: (-len(e.pattern), _SOURCE_RANK.get(e.source, 1)))
        return merged

    @property
    def fingerprint(self) -> str:
        """Short hash identifying the lexicon content (shown in reports)."""
        h = hashlib.sha1()
        for k in sorted(self.sentiment):
            h.update(f"{k}={self.sentiment[k]};".encode())
        for e in self.escalation:
            h.update(f"{e.term}|{e.rhetoric}|{e.goldstein};".encode())
        return h.hexdigest()[:10]

    def escalation_frame(self) -> pd.DataFrame:
        """The escalation cues as a tidy frame (one row per pattern)."""
        return pd.DataFrame([
            {"term": e.term, "rhetoric": e.rhetoric, "cameo": e.cameo, "goldstein": e.goldstein,
             "weight": e.weight, "kind": e.kind, "source": e.source}
            for e in self.escalation
        ])


def _parse_pattern(term: str, *, argument: str = "term") -> tuple[frozenset[str] | str, ...]:
    tokens = term.strip().lower().split()
    if not tokens:
        raise ValueError(f"The value for `{argument}` must be a non-empty word or phrase, but {term!r} was passed.")
    parsed: list[frozenset[str] | str] = []
    for tok in tokens:
        if tok.endswith("*") and "|" not in tok:
            stem = tok[:-1]
            if len(stem) < 3:
                raise ValueError(
                    f"The prefix {tok!r} in `{argument}` {term!r} is too short: use at least 3 letters before '*'."
                )
            parsed.append(stem)
        else:
            alts = frozenset(a for a in tok.split("|") if a)
            if not alts:
                raise ValueError(f"Empty alternative in `{argument}` {term!r}.")
            parsed.append(alts)
    return tuple(parsed)


def _read_tsv(name: str) -> list[dict[str, str]]:
    text = resources.files("toolkit").joinpath("lexicons", name).read_text(encoding="utf-8")
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
    return list(csv.DictReader(io.StringIO("\n".join(lines)), delimiter="\t"))


@functools.lru_cache(maxsize=1)
def _vader_lexicon() -> dict[str, float]:
    """VADER's own lexicon, read from the file that the vaderSentiment wheel ships."""
    from toolkit.sentiment import vader_lexicon_path

    out: dict[str, float] = {}
    with open(vader_lexicon_path(), encoding="utf-8") as fh:
        for line in fh:
            parts = line.rstrip("\n").split("\t")
            if len(parts) >= 2:
                try:
                    out[parts[0]] = float(parts[1])
                except ValueError:
                    continue
    return out


def _entry_from_row(row: dict[str, Any], *, source: str, where: str) -> EscalationEntry:
    term = str(row.get("term", "")).strip()
    rhetoric = str(row.get("rhetoric", "")).strip()
    if rhetoric not in RHETORIC_CLASSES or rhetoric == "neutral":
        options = [c for c in RHETORIC_CLASSES if c != "neutral"]
        raise ValueError(
            f"The value for `rhetoric` must be one of {options}, but {rhetoric!r} was passed "
            f"(term {term!r} in {where})."
        )
    goldstein = row.get("goldstein")
    weight = row.get("weight")
    if (goldstein is None or goldstein == "" or _isnan(goldstein)) and weight not in (None, "") and not _isnan(weight):
        try:
            w = float(weight)
        except (TypeError, ValueError):
            raise ValueError(
                f"The value for `weight` must be a number in [-1, 1], but {weight!r} was passed "
                f"(term {term!r} in {where})."
            ) from None
        if not -1.0 <= w <= 1.0:
            raise ValueError(
                f"The value for `weight` must be in [-1, 1], but {weight!r} was passed (positive = escalatory; "
                f"term {term!r} in {where})."
            )
        goldstein = -10.0 * w
    try:
        g = float(goldstein)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise ValueError(
            f"The value for `goldstein` must be a number in [-10, 10] (or give `weight` in [-1, 1]), "
            f"but {goldstein!r} was passed (term {term!r} in {where})."
        ) from None
    if not -10.0 <= g <= 10.0 or g != g:
        raise ValueError(
            f"The value for `goldstein` must be in [-10, 10], but {g!r} was passed (term {term!r} in {where})."
        )
    kind = str(row.get("kind") or "event").strip()
    if kind not in _CUE_KINDS:
        raise ValueError(
            f"The value for `kind` must be one of {list(_CUE_KINDS)}, but {kind!r} was passed (term {term!r} in {where})."
        )
    cameo = str(row.get("cameo") or "").strip()
    return EscalationEntry(_parse_pattern(term), rhetoric, cameo, g, kind, term, source)


def _isnan(x: Any) -> bool:
    return isinstance(x, float) and x != x


@functools.lru_cache(maxsize=1)
def _package_lexicon() -> Lexicon:
    sentiment = dict(_vader_lexicon())
    for row in _read_tsv("sentiment_news.tsv"):
        sentiment[row["term"].strip().lower()] = float(row["valence"])
    entries = [_entry_from_row(r, source="package", where="toolkit/lexicons/escalation.tsv")
               for r in _read_tsv("escalation.tsv")]
    # generated from the CAMEO verb dictionary (tools/build_lexicon.py); the hand-written file wins
    # ties because the index sort is stable and these entries come after it
    if resources.files("toolkit").joinpath("lexicons", "escalation_cameo.tsv").is_file():
        entries += [_entry_from_row(r, source="cameo", where="toolkit/lexicons/escalation_cameo.tsv")
                    for r in _read_tsv("escalation_cameo.tsv")]
    return Lexicon(sentiment=sentiment, escalation=entries)


_USER_COLUMNS = ("term", "dimension", "weight", "rhetoric", "goldstein", "cameo", "kind", "valence")


def _user_frame(lexicon: Any) -> pd.DataFrame:
    if isinstance(lexicon, pd.DataFrame):
        return lexicon.copy()
    if isinstance(lexicon, (str, os.PathLike)):
        path = os.fspath(lexicon)
        if not os.path.exists(path):
            raise FileNotFoundError(
                f"The value for `lexicon` must be a DataFrame, a dict or the path of a CSV/TSV file, "
                f"but the file {path!r} does not exist."
            )
        sep = "\t" if path.lower().endswith((".tsv", ".tab")) else ","
        with open(path, "rb") as fh:
            head = fh.read(4096)
        if b"\x00" in head or head.startswith(b"%PDF") or head.startswith(b"PK\x03\x04"):
            raise ValueError(
                f"The file {path!r} given as `lexicon` looks binary, not a CSV/TSV table. Give a text table with "
                f"columns term, rhetoric, weight (escalation) or term, valence (sentiment)."
            )
        try:
            frame = pd.read_csv(path, sep=sep, comment="#", dtype=str, keep_default_na=False)
        except pd.errors.EmptyDataError:
            raise ValueError(
                f"The file {path!r} given as `lexicon` is empty. Give a table with a header row: "
                f"term, rhetoric, weight (escalation) or term, valence (sentiment)."
            ) from None
        except (UnicodeDecodeError, pd.errors.ParserError) as exc:
            raise ValueError(f"Could not read the file {path!r} given as `lexicon`: {exc}") from None
        if frame.empty:
            import warnings

            warnings.warn(f"The lexicon file {path!r} has a header but no rows; the packaged lexicon is used as is.",
                          UserWarning, stacklevel=4)
        return frame
    if isinstance(lexicon, dict):
        rows = []
        for term, spec in lexicon.items():
            if isinstance(spec, (int, float)):
                rows.append({"term": term, "dimension": "sentiment", "valence": spec})
            elif isinstance(spec, dict):
                rows.append({"term": term, **spec})
            else:
                raise ValueError(
                    f"The value for `lexicon[{term!r}]` must be a number (a sentiment valence) or a dict such as "
                    f"{{'rhetoric': 'warning', 'weight': 0.44}}, but {spec!r} was passed."
                )
        return pd.DataFrame(rows)
    raise TypeError(
        f"The value for `lexicon` must be None, a DataFrame, a dict or a CSV/TSV path, "
        f"but an object of type {type(lexicon).__name__} was passed."
    )


def load_lexicon(lexicon: Any = None, *, replace: bool = False) -> Lexicon:
    """Return the lexicon used for scoring, with user entries merged on top.

    Parameters
    ----------
    lexicon
        ``None`` for the packaged lexicon, a :class:`Lexicon`, or user entries as a DataFrame,
        dict or CSV/TSV path. Columns: ``term`` and ``dimension`` (``"sentiment"`` or
        ``"escalation"``); sentiment rows need ``valence`` (VADER scale -4..4, or ``weight``);
        escalation rows need ``rhetoric`` and ``weight`` (-1..1, positive = escalatory) or
        ``goldstein`` (-10..10), optionally ``cameo`` and ``kind``. Without ``dimension``, a row
        with ``rhetoric`` is an escalation cue, otherwise a sentiment term.
    replace
        Start from an empty escalation lexicon (VADER's lexicon is always kept).
    """
    if isinstance(lexicon, Lexicon):
        return lexicon
    base = _package_lexicon()
    if lexicon is None:
        return base
    frame = _user_frame(lexicon)
    if frame.empty:
        return base
    frame.columns = [str(c).strip().lower() for c in frame.columns]
    if "term" not in frame.columns:
        import difflib

        close = difflib.get_close_matches("term", frame.columns, n=1)
        hint = f" Did you mean {close[0]!r}?" if close else ""
        raise ValueError(
            f"The user lexicon must have a `term` column; it has {list(frame.columns)}.{hint}"
        )
    sentiment = dict(base.sentiment)
    escalation = [] if replace else list(base.escalation)
    user_patterns = set()
    user_sentiment: set[str] = set()
    added = 0
    for i, row in enumerate(frame.to_dict("records")):
        where = f"user lexicon row {i}"
        term = row.get("term")
        if not isinstance(term, str) or not term.strip():
            raise ValueError(f"The value for `term` must be a non-empty string, but {term!r} was passed ({where}).")
        dim = str(row.get("dimension") or "").strip().lower()
        if not dim:
            dim = "escalation" if str(row.get("rhetoric") or "").strip() else "sentiment"
        if dim == "sentiment":
            val = row.get("valence")
            if val in (None, "") or _isnan(val):
                val = row.get("weight")
            try:
                v = float(val)  # type: ignore[arg-type]
            except (TypeError, ValueError):
                raise ValueError(
                    f"The value for `valence` must be a number in [-4, 4], but {val!r} was passed (term {term!r}, {where})."
                ) from None
            if not -4.0 <= v <= 4.0:
                raise ValueError(
                    f"The value for `valence` must be in [-4, 4] (VADER's scale), but {v!r} was passed "
                    f"(term {term!r}, {where})."
                )
            key = term.strip().lower()
            if key in user_sentiment:
                raise ValueError(f"The sentiment term {term!r} appears twice in the user lexicon ({where}); keep one row.")
            user_sentiment.add(key)
            sentiment[key] = v
        elif dim == "escalation":
            entry = _entry_from_row(row, source="user", where=where)
            if entry.pattern in user_patterns:
                raise ValueError(f"The term {term!r} appears twice in the user lexicon ({where}); keep one row.")
            user_patterns.add(entry.pattern)
            escalation = [e for e in escalation if e.pattern != entry.pattern]
            escalation.append(entry)
        else:
            raise ValueError(
                f"The value for `dimension` must be one of ['sentiment', 'escalation'], but {dim!r} was passed "
                f"(term {term!r}, {where})."
            )
        added += 1
    lex = Lexicon(sentiment=sentiment, escalation=escalation, user_terms=added)
    lex.version = f"{LEXICON_VERSION}+user{added}"
    return lex
