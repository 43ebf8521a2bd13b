"""Actors: the registry of who can speak or be spoken about, and finding their mentions.

The default registry is package data (``toolkit/data/states.csv`` and
``toolkit/data/actors.csv``, see ``toolkit/data/README.md``): every UN member state with
its common English short name, ISO 3166-1 alpha-3 code, demonyms and the capital that
stands for its government; international and state organisations; heads of state and
government, ministers and spokespeople; news media. Users extend or replace it with a
DataFrame, a CSV/TSV/YAML/JSON file, a dict or another registry (:func:`load_actors`).

Mention finding (:meth:`ActorRegistry.find`) is one compiled regular expression per
registry (a character trie of all aliases, so the longest alias wins at each position),
followed by a few conventions from the evaluation data:

* case: a capitalised alias word must be capitalised in the text ("Turkey" the state, not
  "turkey" the bird; "US" but not "us"); a lower-case alias word ("the Russian
  president") matches either case of its first letter;
* possessives ("Putin's", "Russia’s") are mentions of the name, the ``'s`` is left out of
  the span;
* a title followed by the person's name is one mention ("Russian President Vladimir
  Putin" is Vladimir Putin only, not also Russia); a state or body in front of a title and
  a name ("US Special Counsel Robert Mueller") is part of the name's title, not a mention;
* a capital after a locative preposition ("near Tehran", "in Budapest") is a place, not
  the government; "Moscow said" is Russia;
* phrases such as "West Bank" or "Latin America" are not the actors they contain
  (``toolkit/data/non_actors.txt``).
"""
from __future__ import annotations

import csv
import functools
import io
import json
import logging
import os
import re
from collections.abc import Iterable, Mapping
from importlib import resources
from pathlib import Path
from typing import Any, NamedTuple

import pandas as pd

__all__ = ["ActorRegistry", "Mention", "default_actors", "load_actors", "ACTOR_KINDS", "REGISTRY_COLUMNS"]

log = logging.getLogger("toolkit")

#: Allowed values of the ``kind`` column.
ACTOR_KINDS = ("person", "state", "organisation", "media", "group")
#: Columns of a normalised registry frame (list-valued: ``aliases``, ``demonyms``, ``capitals``).
REGISTRY_COLUMNS = ("name", "kind", "country", "role", "aliases", "demonyms", "capitals")

_KIND_SYNONYMS = {"organization": "organisation", "org": "organisation", "country": "state",
                  "people": "person", "individual": "person", "outlet": "media", "news": "media"}

# Same-length replacements applied before matching, so offsets stay valid.
_NORMALISE = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "\u00a0": " ", "\u2009": " ", "\u202f": " ",
                            "\n": " ", "\t": " ", "\u2010": "-", "\u2011": "-"})

_NORMALISE_PAIRS = tuple((chr(k), v) for k, v in _NORMALISE.items())

#: Words that make up a title between a state/body and a person's name ("US Special Counsel …").
TITLE_WORDS = frozenset("""
president prime minister ministry foreign defence defense secretary spokesman spokeswoman spokesperson
ambassador envoy general gen. lt. col. maj. adm. chancellor leader chief special counsel deputy vice senator
sen. rep. representative governor mayor commander head adviser advisor official press state of the for to
army military national security intelligence director speaker king queen prince crown emir ayatollah supreme
attorney judge justice former incoming outgoing acting interim top senior diplomat negotiator opposition
politician lawmaker mp affairs house finance economy interior energy high commissioner permanent un u.n.
president-elect vice-president first lady general-secretary secretary-general foreign-minister cabinet
chairman chairwoman chair party central bank governor-general premier deputy-prime emeritus ex
media outlet news agency broadcaster newspaper channel state-run state-owned television tv radio
""".split())

_NAME_STOP = frozenset("""
The A An In On At And But Or He She It They This That These Those We I You His Her Its Their Our
Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July August
September October November December Mr Mrs Ms Dr If When While After Before As Since Although Though
""".split())

_LOCATIVE_BEFORE = re.compile(
    r"(?:\b(?:in|near|at|outside|around|across|throughout|inside|within|over|above|toward|towards|via|"
    r"(?:north|south|east|west|northeast|northwest|southeast|southwest|north-east|north-west|south-east|"
    r"south-west|city|suburbs?|outskirts|centre|center|streets)\s+of)\s+(?:central\s+|downtown\s+|the\s+)?)$",
    re.IGNORECASE)
_PLACE_AFTER = re.compile(r"^(?:'s)?[\s-]+(?:city|town|village|port|resort|region|province|-based|based)\b",
                          re.IGNORECASE)
_PREDICATIVE = re.compile(r"\b(?:becomes?|became|becoming|as|elected|named|appointed|be|is|was|were|"
                          r"being|been|new|next|future|a|an)\s+$", re.IGNORECASE)
_CAPNAME = re.compile(r"[A-Z][\w'.-]*")
_WORD = re.compile(r"[\w.'-]+")


def _norm(text: str) -> str:
    """Same-length normalisation (apostrophes, spaces, hyphens) so offsets stay valid."""
    for ch, rep in _NORMALISE_PAIRS:
        if ch in text:
            text = text.replace(ch, rep)
    return text


class Mention(NamedTuple):
    """One actor mention in a text: canonical ``name``, span ``start``:``end`` (the ``'s`` of a
    possessive is outside the span), the ``surface`` text, and the actor's ``kind`` and ``country``."""

    name: str
    start: int
    end: int
    surface: str
    kind: str
    country: str | None


class _Alias(NamedTuple):
    name: str
    kind: str
    country: str | None
    type: str  # "name", "alias", "title", "demonym", "capital", "stop"


def _bad(param: str, value: Any, options: Iterable[str] | str) -> ValueError:
    if isinstance(options, str):
        return ValueError(f"The value for `{param}` must be {options}, but {value!r} was passed.")
    return ValueError(f"The value for `{param}` must be one of {list(options)}, but {value!r} was passed.")


# --------------------------------------------------------------------------------------------- data
def _data_text(name: str) -> str:
    return (resources.files("toolkit") / "data" / name).read_text(encoding="utf-8")


def _split_list(value: Any) -> list[str]:
    """'a|b' or ['a', 'b'] or NaN -> ['a', 'b']."""
    if value is None:
        return []
    if isinstance(value, float) and value != value:
        return []
    if isinstance(value, str):
        return [v.strip() for v in value.split("|") if v.strip()]
    if isinstance(value, Iterable):
        out = []
        for v in value:
            if v is None or (isinstance(v, float) and v != v):
                continue
            out.append(str(v).strip())
        return [v for v in out if v]
    return [str(value).strip()]


@functools.lru_cache(maxsize=1)
def _default_frame() -> pd.DataFrame:
    frames = []
    for fname in ("states.csv", "actors.csv"):
        frames.append(pd.read_csv(io.StringIO(_data_text(fname)), dtype=str, keep_default_na=False))
    frame = pd.concat(frames, ignore_index=True)
    return _normalise(frame, argument="default registry", where="toolkit/data")


def default_actors() -> pd.DataFrame:
    """The default actor registry as a frame (a fresh copy; list-valued alias columns).

    Columns: ``name``, ``kind`` (one of ``ACTOR_KINDS``), ``country`` (ISO 3166-1 alpha-3 or
    None), ``role``, ``aliases`` (every alias, including demonyms and capitals), ``demonyms``,
    ``capitals``.
    """
    frame = _default_frame().copy()
    frame["country"] = pd.Series([c if isinstance(c, str) and c else None for c in frame["country"]], dtype=object)
    for col in ("aliases", "demonyms", "capitals"):
        frame[col] = frame[col].map(list)
    return frame


@functools.lru_cache(maxsize=1)
def _non_actor_phrases() -> tuple[str, ...]:
    lines = _data_text("non_actors.txt").splitlines()
    return tuple(line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#"))


# ---------------------------------------------------------------------------------------- validate
def _normalise(frame: pd.DataFrame, *, argument: str = "actors", where: str = "") -> pd.DataFrame:
    """Validate a registry frame and return it with the ``REGISTRY_COLUMNS`` (lists as tuples)."""
    if not isinstance(frame, pd.DataFrame):
        raise TypeError(f"`{argument}` must be a DataFrame here, but a {type(frame).__name__} was passed.")
    cols = {str(c).strip().lower(): c for c in frame.columns}
    missing = [c for c in ("name", "kind") if c not in cols]
    if missing:
        raise ValueError(
            f"The actor table for `{argument}`{' (' + where + ')' if where else ''} is missing the column(s) "
            f"{missing}; it has {list(frame.columns)}. Give at least `name` and `kind` "
            "(plus optional `country`, `role`, `aliases`).")
    out = pd.DataFrame(index=range(len(frame)))
    src = frame.reset_index(drop=True)
    out["name"] = [str(v).strip() if v is not None and v == v else "" for v in src[cols["name"]]]
    empty = [i for i, n in enumerate(out["name"]) if not n]
    if empty:
        raise ValueError(f"The value for `name` must be a non-empty string, but row {empty[0]} of `{argument}` "
                         "has none. Fill in the canonical name (e.g. 'Vladimir Putin').")
    kinds = []
    for i, v in enumerate(src[cols["kind"]]):
        k = str(v).strip().lower() if v is not None and v == v else ""
        k = _KIND_SYNONYMS.get(k, k)
        if k not in ACTOR_KINDS:
            raise ValueError(f"The value for `kind` must be one of {list(ACTOR_KINDS)}, but {v!r} was passed "
                             f"(row {i}, name {out['name'][i]!r} in `{argument}`).")
        kinds.append(k)
    out["kind"] = kinds
    countries: list[str | None] = []
    for i, v in enumerate(src[cols["country"]] if "country" in cols else [None] * len(src)):
        c = str(v).strip().upper() if v is not None and v == v and str(v).strip() else None
        if c is not None and not re.fullmatch(r"[A-Z]{3}", c):
            raise ValueError(f"The value for `country` must be an ISO 3166-1 alpha-3 code such as 'RUS' or blank, "
                             f"but {v!r} was passed (row {i}, name {out['name'][i]!r} in `{argument}`).")
        countries.append(c)
    out["country"] = pd.Series(countries, dtype=object)
    out["role"] = [str(v).strip() if v is not None and v == v else "" for v in src[cols["role"]]] \
        if "role" in cols else ""
    for col in ("aliases", "demonyms", "capitals"):
        out[col] = [tuple(_split_list(v)) for v in src[cols[col]]] if col in cols else [()] * len(src)
    # demonyms and capitals are aliases too
    out["aliases"] = [tuple(dict.fromkeys(a + d + c)) for a, d, c in
                      zip(out["aliases"], out["demonyms"], out["capitals"], strict=True)]
    if out["name"].duplicated().any():
        dup = out.loc[out["name"].duplicated(), "name"].iloc[0]
        raise ValueError(f"The actor name {dup!r} appears twice in `{argument}`; give each actor one row and "
                         "list its other spellings under `aliases`.")
    return out[list(REGISTRY_COLUMNS)]


def _read_path(path: Path, argument: str) -> pd.DataFrame | dict | list:
    if not path.exists():
        raise FileNotFoundError(f"The file given for `{argument}` does not exist: {str(path)!r}. "
                                "Pass a path to a .csv, .tsv, .yaml, .yml or .json actor table.")
    suffix = path.suffix.lower()
    if suffix in (".csv", ".tsv"):
        try:
            return pd.read_csv(path, sep="\t" if suffix == ".tsv" else ",", dtype=str, keep_default_na=False)
        except pd.errors.EmptyDataError:
            raise ValueError(f"The file given for `{argument}` is empty: {str(path)!r}. It needs a header row "
                             "with at least `name` and `kind`.") from None
        except (UnicodeDecodeError, pd.errors.ParserError) as exc:
            raise ValueError(f"Could not read the file given for `{argument}` ({str(path)!r}) as "
                             f"{suffix[1:].upper()}: {exc}") from None
    if suffix in (".yaml", ".yml"):
        import yaml

        try:
            with path.open(encoding="utf-8") as fh:
                data = yaml.safe_load(fh)
        except yaml.YAMLError as exc:
            raise ValueError(
                f"Could not read the YAML file given for `{argument}` ({str(path)!r}): "
                f"{str(exc).splitlines()[0]}. Only plain YAML is read (safe_load): tags such as "
                f"!!python/... are refused."
            ) from None
        return data if data is not None else {}
    if suffix == ".json":
        with path.open(encoding="utf-8") as fh:
            return json.load(fh)
    raise _bad(argument, str(path), "a path ending in one of ['.csv', '.tsv', '.yaml', '.yml', '.json']")


def _from_mapping(data: Mapping, argument: str) -> pd.DataFrame:
    """{name: {kind, country, aliases, role}} or {name: [aliases]} or {name: 'alias|alias'}."""
    rows = []
    for name, spec in data.items():
        if isinstance(spec, Mapping):
            unknown = set(spec) - {"kind", "country", "aliases", "role", "demonyms", "capitals"}
            if unknown:
                raise ValueError(f"Unknown key(s) {sorted(unknown)} for actor {name!r} in `{argument}`; use "
                                 "'kind', 'country', 'role', 'aliases'.")
            row = {"name": name, "kind": spec.get("kind", "person"), "country": spec.get("country"),
                   "role": spec.get("role", ""), "aliases": spec.get("aliases", []),
                   "demonyms": spec.get("demonyms", []), "capitals": spec.get("capitals", [])}
        elif spec is None or isinstance(spec, (str, list, tuple)):
            row = {"name": name, "kind": "person", "country": None, "role": "", "aliases": spec or []}
        else:
            raise ValueError(f"Could not interpret value {spec!r} for actor {name!r} in `{argument}`: give a dict "
                             "with 'kind', 'country', 'aliases' or a list of aliases.")
        rows.append(row)
    return pd.DataFrame(rows, columns=["name", "kind", "country", "role", "aliases", "demonyms", "capitals"])


def _to_frame(actors: Any, argument: str = "actors") -> pd.DataFrame:
    if isinstance(actors, ActorRegistry):
        return actors.frame
    if isinstance(actors, pd.DataFrame):
        return _normalise(actors, argument=argument)
    if isinstance(actors, (str, os.PathLike)):
        data = _read_path(Path(actors), argument)
        if isinstance(data, pd.DataFrame):
            return _normalise(data, argument=argument, where=str(actors))
        return _to_frame(data, argument)
    if isinstance(actors, Mapping):
        if "actors" in actors and isinstance(actors["actors"], list) and len(actors) == 1:
            return _to_frame(actors["actors"], argument)
        return _normalise(_from_mapping(actors, argument), argument=argument)
    if isinstance(actors, list) and all(isinstance(r, Mapping) for r in actors):
        return _normalise(pd.DataFrame(list(actors)), argument=argument)
    raise TypeError(
        f"Could not interpret value of type {type(actors).__name__} for `{argument}`. Pass None (the default "
        "registry), a DataFrame with `name` and `kind` columns, a path to a .csv/.tsv/.yaml/.yml/.json file, a "
        "dict {name: {kind, country, aliases}} or {name: [aliases]}, or an ActorRegistry.")


# ------------------------------------------------------------------------------------------- matcher
def _case_variants(alias: str) -> list[str]:
    """An alias matches as written; each word that starts lower-case may also start upper-case."""
    words = alias.split(" ")
    flex = [i for i, w in enumerate(words) if w[:1].isalpha() and w[:1].islower()]
    variants = {alias}
    for i in flex[:6]:
        for v in list(variants):
            ws = v.split(" ")
            ws[i] = ws[i][:1].upper() + ws[i][1:]
            variants.add(" ".join(ws))
    return sorted(variants)


def _trie_regex(words: Iterable[str]) -> str:
    """A regular expression matching exactly ``words``, preferring the longest at each position."""
    trie: dict = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = True

    def emit(node: dict) -> str:
        end = "" in node
        alts = []
        for ch in sorted(k for k in node if k):
            alts.append(re.escape(ch) + emit(node[ch]))
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        if end:
            if len(alts) == 1 and len(body) > 1:
                body = "(?:" + body + ")"
            return body + "?"
        return body

    import sys

    old = sys.getrecursionlimit()
    sys.setrecursionlimit(max(old, 5000))
    try:
        return emit(trie)
    finally:
        sys.setrecursionlimit(old)


_TITLE_HINT = re.compile(
    r"\b(?:president|minister|secretary|spokes\w+|ambassador|envoy|chief|leader|chancellor|premier|head|"
    r"adviser|advisor|emir|prince|pope|press|director|prosecutor|commissioner|speaker|elect)\b", re.IGNORECASE)


class ActorRegistry:
    """A validated actor table plus its compiled mention matcher.

    Build it with :func:`load_actors`. ``registry.frame`` is the table (``REGISTRY_COLUMNS``);
    ``registry.find(text)`` returns the :class:`Mention` list of a text.
    """

    def __init__(self, frame: pd.DataFrame | None = None):
        frame = _default_frame() if frame is None else _normalise(frame)
        frame = frame.reset_index(drop=True)
        frame["country"] = pd.Series([c if isinstance(c, str) and c else None for c in frame["country"]],
                                     dtype=object)
        self._frame = frame
        self._info = {row.name: (row.kind, row.country, row.role) for row in self._frame.itertuples(index=False)}
        self._lookup: dict[str, _Alias] | None = None
        self._regex: re.Pattern | None = None

    # ------------------------------------------------------------------ table access
    @property
    def frame(self) -> pd.DataFrame:
        """The registry table (a copy; alias columns hold tuples)."""
        return self._frame.copy()

    @property
    def names(self) -> list[str]:
        """Canonical names in table order."""
        return list(self._info)

    def __len__(self) -> int:
        return len(self._info)

    def __contains__(self, name: object) -> bool:
        return name in self._info

    def __repr__(self) -> str:
        counts = self._frame["kind"].value_counts().to_dict()
        return f"ActorRegistry({len(self)} actors: {counts})"

    def kind(self, name: str) -> str | None:
        """The ``kind`` of a canonical name (None if unknown)."""
        info = self._info.get(name)
        return info[0] if info else None

    def country(self, name: str) -> str | None:
        """The ISO alpha-3 ``country`` of a canonical name (None if unknown or international)."""
        info = self._info.get(name)
        return info[1] if info else None

    def to_frame(self) -> pd.DataFrame:
        """The table with list-valued alias columns, as :func:`default_actors` returns it."""
        frame = self._frame.copy()
        for col in ("aliases", "demonyms", "capitals"):
            frame[col] = frame[col].map(list)
        return frame

    # ------------------------------------------------------------------ matcher
    def _compile(self) -> None:
        lookup: dict[str, _Alias] = {}
        # later rows (user additions) win over earlier ones for the same alias
        for phrase in _non_actor_phrases():
            for v in _case_variants(phrase):
                lookup[v] = _Alias("", "", None, "stop")
        for row in self._frame.itertuples(index=False):
            dem, cap = set(row.demonyms), set(row.capitals)
            entries = [(row.name, "name")]
            for a in row.aliases:
                if a in dem:
                    t = "demonym"
                elif a in cap:
                    t = "capital"
                elif row.kind == "person" and (_TITLE_HINT.search(a) or a[:1].islower()):
                    t = "title"
                else:
                    t = "alias"
                entries.append((a, t))
            for alias, typ in entries:
                alias = alias.translate(_NORMALISE).strip()
                if not alias:
                    continue
                for v in _case_variants(alias):
                    prev = lookup.get(v)
                    if prev is not None and prev.type == "name" and typ != "name" and prev.name != row.name:
                        continue  # a canonical name is never taken over by another actor's alias
                    lookup[v] = _Alias(row.name, row.kind, row.country, typ)
        pattern = _trie_regex(sorted(lookup))
        self._lookup = lookup
        self._regex = re.compile(r"(?<![\w@#&.])(" + pattern + r")(?:('s?)(?![\w]))?(?![\w])")

    def find(self, text: str, *, raw: bool = False) -> list[Mention]:
        """All actor mentions in ``text``, left to right, non-overlapping, longest match first.

        With ``raw=True`` the title/name and place conventions are not applied (every alias match
        is returned; used to recover e.g. the country of an unregistered official's title).
        """
        if not text:
            return []
        if self._regex is None:
            self._compile()
        norm = _norm(text)
        lookup = self._lookup
        found: list[tuple[int, int, _Alias, int]] = []  # start, end, alias, end incl. possessive
        for m in self._regex.finditer(norm):
            al = lookup.get(m.group(1))
            if al is None:
                continue
            if m.group(2) == "'" and not m.group(1).endswith("s"):
                # a bare apostrophe is a closing quote unless the name ends in s (Reuters')
                if al.type != "stop":
                    found.append((m.start(1), m.end(1), al, m.end(1)))
                continue
            found.append((m.start(1), m.end(1), al, m.end()))
        if not found:
            return []
        if raw:
            return [Mention(a.name, s, e, text[s:e], a.kind, a.country) for s, e, a, _ in found if a.type != "stop"]
        return [m for m, _ in self._conventions(text, norm, found)]

    def _find_typed(self, text: str) -> list[tuple[Mention, str, bool]]:
        """Mentions with their alias type ("name", "alias", "title", "demonym", "capital") and
        whether they are possessive ("Putin's")."""
        if not text:
            return []
        if self._regex is None:
            self._compile()
        norm = _norm(text)
        found = []
        for m in self._regex.finditer(norm):
            al = self._lookup.get(m.group(1))
            if al is None:
                continue
            if m.group(2) == "'" and not m.group(1).endswith("s"):
                if al.type != "stop":
                    found.append((m.start(1), m.end(1), al, m.end(1)))
                continue
            found.append((m.start(1), m.end(1), al, m.end()))
        return [(m, al.type, pe > m.end) for m, (al, pe) in self._conventions(text, norm, found, typed=True)]

    def _conventions(self, text: str, norm: str, found: list, typed: bool = False) -> list:
        keep: list[tuple[int, int, _Alias, int]] = []
        n = len(found)
        drop = [False] * n
        for i, (s, e, al, pe) in enumerate(found):
            if al.type == "stop":
                drop[i] = True
                continue
            if al.type == "capital":
                if _LOCATIVE_BEFORE.search(norm, max(0, s - 40), s) or _PLACE_AFTER.match(norm[pe:pe + 20]):
                    drop[i] = True
                    continue
            if al.type == "demonym" and _PLACE_AFTER.match(norm[pe:pe + 20]):
                drop[i] = True
                continue
            if al.kind != "person" or al.type == "title":
                # "<state/body/title> <title words> <Name>": part of the person's designation
                j = pe
                words = 0
                while True:
                    w = _WORD.match(norm, j + 1) if j < len(norm) and norm[j] == " " else None
                    if w is None:
                        break
                    nxt = i + 1
                    if nxt < n and found[nxt][0] == w.start():
                        break
                    if w.group(0).lower().rstrip(",") in TITLE_WORDS and words < 7:
                        words += 1
                        j = w.end()
                        continue
                    break
                nxt = i + 1
                follows_person = (nxt < n and found[nxt][0] == j + 1 and found[nxt][2].kind == "person"
                                  and found[nxt][2].type != "title")
                if al.type == "title":
                    if _PREDICATIVE.search(norm, max(0, s - 20), s):
                        drop[i] = True  # "once Trump becomes US president": a role, not a mention
                        continue
                    if follows_person and found[nxt][2].name != al.name:
                        drop[i] = True  # "French President Jacques Chirac" (registered, someone else)
                        continue
                    if not follows_person and j == pe:
                        cap = _CAPNAME.match(norm, pe + 1) if pe < len(norm) and norm[pe] == " " else None
                        if cap and cap.group(0).rstrip(".'") not in _NAME_STOP and \
                                not (nxt < n and found[nxt][0] == cap.start()):
                            drop[i] = True  # title of an unregistered person ("Russian President Boris Yeltsin")
                            continue
                elif words > 0 or (pe > e):
                    if follows_person:
                        drop[i] = True
                        continue
                    if words > 0 and j < len(norm) and norm[j] == " ":
                        cap = _CAPNAME.match(norm, j + 1)
                        nxt_is_mention = nxt < n and found[nxt][0] == j + 1
                        if cap and not nxt_is_mention and cap.group(0).rstrip(".'") not in _NAME_STOP and \
                                _CAPNAME.match(norm, cap.end() + 1) is not None and norm[cap.end():cap.end() + 1] == " ":
                            drop[i] = True  # "US Special Counsel Robert Mueller" (unregistered person)
                            continue
        for i, item in enumerate(found):
            if drop[i]:
                continue
            s, e, al, pe = item
            if keep:
                ps, pe_prev, pal, ppe = keep[-1]
                gap = norm[ppe:s]
                if pal.name == al.name and (gap.strip() == "" and len(gap) <= 2):
                    keep[-1] = (ps, e, al if pal.type == "title" else pal, pe)  # title + name: one mention
                    continue
            keep.append(item)
        return [(Mention(al.name, s, e, text[s:e], al.kind, al.country), (al, pe)) for s, e, al, pe in keep]

    def names_in(self, text: str) -> list[str]:
        """Canonical names mentioned in ``text``, deduplicated, in order of first mention."""
        return list(dict.fromkeys(m.name for m in self.find(text)))


# ---------------------------------------------------------------------------------------- public API
@functools.lru_cache(maxsize=1)
def _default_registry() -> ActorRegistry:
    return ActorRegistry(_default_frame())


def load_actors(actors: Any = None, *, replace: bool = False) -> ActorRegistry:
    """Build an actor registry.

    Parameters
    ----------
    actors
        ``None`` for the default registry; a DataFrame with at least ``name`` and ``kind`` (plus
        optional ``country``, ``role``, ``aliases`` — '|'-separated strings or lists); a path to a
        ``.csv``, ``.tsv``, ``.yaml``/``.yml`` (read with ``yaml.safe_load``) or ``.json`` file; a dict
        ``{name: {"kind": ..., "country": ..., "aliases": [...]}}`` or ``{name: [aliases]}`` (kind
        defaults to person); or an :class:`ActorRegistry` (returned as is unless merged).
    replace
        ``False`` (default): user rows are merged on top of the default registry — a row with an
        existing name replaces that actor; its aliases win over other actors' aliases.
        ``True``: use only the given actors.

    Returns
    -------
    ActorRegistry (cached for the default).
    """
    if not isinstance(replace, bool):
        raise _bad("replace", replace, "True or False")
    if actors is None:
        if replace:
            raise ValueError("`replace=True` needs actors to replace the default registry with, but `actors` is "
                             "None. Pass a DataFrame, file or dict, or drop `replace=True`.")
        return _default_registry()
    if isinstance(actors, ActorRegistry) and replace:
        return actors
    user = _to_frame(actors)
    if replace:
        return ActorRegistry(user)
    base = _default_frame()
    if isinstance(actors, ActorRegistry):
        return actors
    merged = pd.concat([base[~base["name"].isin(set(user["name"]))], user], ignore_index=True)
    return ActorRegistry(merged)


def _write_csv(frame: pd.DataFrame, path: str | os.PathLike) -> None:  # pragma: no cover - helper for users
    out = frame.copy()
    for col in ("aliases", "demonyms", "capitals"):
        out[col] = out[col].map(lambda v: "|".join(v))
    out.to_csv(path, index=False, quoting=csv.QUOTE_MINIMAL)
