"""Write ``toolkit/lexicons/escalation_cameo.tsv`` from the PETRARCH-2 CAMEO verb dictionary.

Reads (facts only: verb -> CAMEO code, code -> Goldstein weight)

* ``../shared/data/reference/CAMEO.2.0.verbs.txt`` (openeventdata/petrarch2, MIT), and
* ``../shared/data/reference/cameo_goldstein.tsv`` (GDELT lookup tables),

and writes one lexicon row per verb with its inflected forms (``warn|warns|warned|warning``),
the rhetoric class of its CAMEO root code, the code and its Goldstein weight. Rules:

* only verbs of a block with a default code (``---  WARN   [130]  ---``) or with their own code
  (``ACCUSE [112]``) are used; the phrase patterns (``- * CONSEQUENCES [130]``) are not;
* codes whose Goldstein weight is within +-1.5 of 0 (statements, consultation) and the
  INVESTIGATE family (09, neither conflict nor cooperation) are skipped;
* words in ``_STOPWORDS`` (WordNet synonyms too general for news: "rule", "stock", "die"...)
  are skipped, as are words the hand-written ``escalation.tsv`` already covers;
* ``kind`` is ``speech`` for verbal acts (CAMEO 01-05, 10-14) and ``event`` otherwise.

The output is package data: the toolkit never reads ``../shared`` at runtime. Run from the
repository root::

    python tools/build_lexicon.py [--reference ../shared/data/reference]
"""
from __future__ import annotations

import argparse
import csv
import pathlib
import re

ROOT = pathlib.Path(__file__).resolve().parents[1]
OUT = ROOT / "toolkit" / "lexicons" / "escalation_cameo.tsv"
HAND = ROOT / "toolkit" / "lexicons" / "escalation.tsv"

#: CAMEO root (two digits) -> rhetoric class; codes listed in _CODE_RHETORIC override.
_ROOT_RHETORIC = {
    "01": None, "02": "peace_appeal", "03": "cooperation", "04": "cooperation", "05": "cooperation",
    "06": "cooperation", "07": "cooperation", "08": "cooperation", "09": None, "10": "criticism",
    "11": "criticism", "12": "criticism", "13": "threat", "14": "criticism", "15": "military_action",
    "16": "criticism", "17": "military_action", "18": "military_action", "19": "military_action",
    "20": "military_action",
}
_CODE_RHETORIC = {"018": "praise", "019": "cooperation", "051": "praise", "087": "peace_appeal",
                  "037": "peace_appeal", "027": "peace_appeal", "016": "denial"}
_SPEECH_ROOTS = {"01", "02", "03", "04", "05", "10", "11", "12", "13", "14"}
_MIN_ABS_GOLDSTEIN = 1.5

#: Too general or too ambiguous in news English to stand for a CAMEO act on their own.
_STOPWORDS = frozenset("""
rule stock cry die stone blend go take make get run play hold see look set keep give move work put
come stand turn show let bring leave carry pass open close call tell ask say state note add find
hope like love feel seem appear serve use need want try plan press push pull drive raise lift
fall drop cut hit beat charge fire shoot touch reach head lead follow meet join back base check
cover face free join mark order point report return rest round share sign spread stand strike
support test train view visit vote watch wish count deal fix host link open field board
express relate render mean engage appropriate best contain affect organize organise advertise advertize
admit abandon abide prove control find issue expect propose signal demonstrate rally campaign target
force conflict institute counsel expand benefit decline ally allow march task book address account
prevent
""".split())

_WORD_RE = re.compile(r"^[A-Z][A-Z_'-]*$")


def _inflect(verb: str) -> list[str]:
    """Regular English verb forms (base, -s, -ed, -ing) of a lower-case verb."""
    v = verb
    forms = {v}
    vowels = "aeiou"
    if v.endswith(("s", "x", "z", "ch", "sh")):
        forms.add(v + "es")
    elif v.endswith("y") and len(v) > 1 and v[-2] not in vowels:
        forms.add(v[:-1] + "ies")
    else:
        forms.add(v + "s")
    if v.endswith("e"):
        forms.add(v + "d")
        forms.add((v[:-1] if not v.endswith("ee") else v) + "ing")
    elif v.endswith("y") and len(v) > 1 and v[-2] not in vowels:
        forms.add(v[:-1] + "ied")
        forms.add(v + "ing")
    else:
        forms.add(v + "ed")
        forms.add(v + "ing")
        # short consonant-vowel-consonant verbs double the last letter (ban -> banned)
        if len(v) <= 4 and len(v) >= 3 and v[-1] not in vowels + "wxy" and v[-2] in vowels and v[-3] not in vowels:
            forms.add(v + v[-1] + "ed")
            forms.add(v + v[-1] + "ing")
    return sorted(forms)


def _hand_words() -> set[str]:
    words: set[str] = set()
    for line in HAND.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#") or line.startswith("term\t"):
            continue
        term = line.split("\t", 1)[0]
        toks = term.split()
        if len(toks) == 1:
            words.update(toks[0].split("|"))
    return words


def parse_verbs(path: pathlib.Path) -> list[tuple[str, list[str], str]]:
    """``(verb, irregular forms, code)`` for every verb line with a usable code."""
    out = []
    block_code = None
    in_patterns = False
    for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
        line = raw.split("#", 1)[0].rstrip()
        if raw.startswith("####### VERB PATTERNS"):
            in_patterns = True
            continue
        if not in_patterns or not line.strip():
            continue
        if line.startswith("---"):
            m = re.search(r"\[([0-9:]+|---)\]", line)
            code = m.group(1) if m else "---"
            block_code = None if code == "---" else code.split(":")[0] or None
            continue
        if line[0] in "-+&~ ":
            continue
        m = re.match(r"^([A-Z_'-]+)\s*(\{[^}]*\})?\s*(\[[0-9:]+\])?", line)
        if not m:
            continue
        word = m.group(1)
        forms = m.group(2)[1:-1].split() if m.group(2) else []
        code = m.group(3)[1:-1].split(":")[0] if m.group(3) else block_code
        if not code or not _WORD_RE.match(word):
            continue
        out.append((word, forms, code))
    return out


def build(reference: pathlib.Path, *, skip_codes: frozenset[str] = frozenset(),
          verbal_forms_only: bool = False) -> list[dict[str, str]]:
    goldstein = {}
    with open(reference / "cameo_goldstein.tsv", encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            goldstein[row["code"].strip()] = float(row["goldstein"])
    hand = _hand_words()
    rows: dict[str, dict[str, str]] = {}
    for word, irregular, code in parse_verbs(reference / "CAMEO.2.0.verbs.txt"):
        if "_" in word:  # multi-word verbs (phrasal forms) are left to the hand-written lexicon
            continue
        base = word.lower()
        if base in _STOPWORDS or base in hand or len(base) < 4:
            continue
        g = goldstein.get(code)
        if g is None or abs(g) < _MIN_ABS_GOLDSTEIN or code in skip_codes:
            continue
        root = code[:2]
        rhetoric = _CODE_RHETORIC.get(code, _ROOT_RHETORIC.get(root))
        if rhetoric is None or rhetoric == "denial":
            continue
        if code.startswith("13") and base in ("warn", "caution"):
            rhetoric = "warning"
        forms = [f for f in _inflect(base) + [f.lower() for f in irregular] if f not in hand]
        if verbal_forms_only:
            forms = [f for f in forms if f != base and not (f.endswith("s") and f[:-1] in (base, base[:-1]))]
        if not forms or base in rows:
            continue
        rows[base] = {"term": "|".join(dict.fromkeys(forms)), "rhetoric": rhetoric, "cameo": code,
                      "goldstein": f"{g:.1f}", "kind": "speech" if root in _SPEECH_ROOTS else "event",
                      "note": f"CAMEO verb {word}"}
    return [rows[k] for k in sorted(rows)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reference", default=str(ROOT.parent / "shared" / "data" / "reference"),
                        help="folder with CAMEO.2.0.verbs.txt and cameo_goldstein.tsv")
    args = parser.parse_args(argv)
    import os
    skip = frozenset(os.environ.get("SKIP_CODES", "").split(",")) - {""}
    rows = build(pathlib.Path(args.reference), skip_codes=skip, verbal_forms_only=bool(os.environ.get("VERBAL")))
    header = [
        "# Generated by tools/build_lexicon.py from the PETRARCH-2 CAMEO verb dictionary",
        "# (CAMEO.2.0.verbs.txt, openeventdata/petrarch2, MIT licence, (c) 2015 Open Event Data Alliance)",
        "# and the CAMEO -> Goldstein table of GDELT. Do not edit by hand: edit escalation.tsv (which wins",
        "# over this file) or the rules in the script, and re-run it. See README.md in this folder.",
    ]
    cols = ["term", "rhetoric", "cameo", "goldstein", "kind", "note"]
    with open(OUT, "w", encoding="utf-8", newline="") as fh:
        fh.write("\n".join(header) + "\n")
        fh.write("\t".join(cols) + "\n")
        for r in rows:
            fh.write("\t".join(r[c] for c in cols) + "\n")
    print(f"wrote {len(rows)} rows to {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
