"""Evaluate actors and attribution (issue 3) on ``../shared/data/``.

Measures
--------
* news.dev — speaker accuracy (exact canonical name; None for narration counts when both are
  None), target F1 and actor F1 (micro over paragraphs), with the conventions of the data
  README. Articles are scored with ``toolkit.score`` as one document each, the paragraphs
  joined by "\\n" so paragraph ids line up with the labels.
* PLOVER — source-actor accuracy by ISO-3 country. Our source actor is the first actor that the
  sentence names (the event's subject), using raw registry matches so that a title such as
  "Russian President" still gives RUS when the person is not registered; when the sentence names
  no actor we fall back to the speaker. Code conventions: the record's ``code`` is compared with
  the actor's ``country``; CAMEO's non-ISO codes are mapped to ISO (JAP→JPN); ``IGO`` and ``NGO``
  match an organisation with no country (international bodies); records whose source has no
  code, or the code ``ISM`` (a religious group, no country), are left out and counted.
* NewsMTSC — target-sentiment macro-F1 over 3 classes (polarity 2.0 negative, 4.0 neutral, 6.0
  positive). Ours: ``toolkit.attribution.target_tone`` (role rules — object of criticism or praise —
  else the tone of the words around the target; see its docstring). Also reported per half of the
  dev set (split by a hash of the record id) to show that the rules are not fitted to one half.
  Next to it, plain vaderSentiment compound of the whole sentence with ±0.05 thresholds.

Run ``python benchmarks/eval_actors.py [DATA_DIR]``; prints a table. Exits 0 with a message when
the data folder is absent.
"""
from __future__ import annotations

import hashlib
import json
import pathlib
import sys
import time

ROOT = pathlib.Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

DEFAULT_DATA = ROOT.parent / "shared" / "data"
CAMEO_TO_ISO = {"JAP": "JPN"}
INTERNATIONAL = {"IGO", "NGO"}
SKIP_CODES = {"ISM"}


def _f1(tp: int, fp: int, fn: int) -> float:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return 2 * p * r / (p + r) if p + r else 0.0


def _read_jsonl(path: pathlib.Path) -> list[dict]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def _score_news(articles: list[dict]):
    """Per-paragraph (speaker, targets, actors) predictions, through toolkit.score when it exists."""
    import pandas as pd

    try:
        import toolkit

        docs = pd.DataFrame({"doc_id": [a["id"] for a in articles],
                             "text": ["\n".join(a["paragraphs"]) for a in articles]})
        scores = toolkit.score(docs, text="text", id="doc_id")
        out = {}
        for rec in scores.itertuples(index=False):
            out[(rec.doc_id, int(rec.para_id))] = (rec.speaker, list(rec.targets), list(rec.actors))
        ok = all((a["id"], i) in out for a in articles for i in range(len(a["paragraphs"])))
        if ok and len(out) == sum(len(a["paragraphs"]) for a in articles):
            return out, "toolkit.score"
    except (ImportError, AttributeError):
        pass
    from toolkit.actors import load_actors
    from toolkit.attribution import attribute
    from toolkit.segment import sentence_spans

    reg = load_actors()
    out = {}
    for a in articles:
        ctx: dict = {}
        for i, p in enumerate(a["paragraphs"]):
            r = attribute(p, sentence_spans(p), [], reg, context=ctx)
            out[(a["id"], i)] = (r["speaker"], r["targets"], r["actors"])
    return out, "attribute (per paragraph)"


def eval_news(data_dir: pathlib.Path, verbose: bool = False) -> dict:
    articles = _read_jsonl(data_dir / "news.dev.jsonl")
    preds, how = _score_news(articles)
    n = correct = 0
    counts = {"targets": [0, 0, 0], "actors": [0, 0, 0]}
    for a in articles:
        for i, lab in enumerate(a["labels"]):
            sp, tg, ac = preds[(a["id"], i)]
            n += 1
            correct += int((sp or None) == (lab["speaker"] or None))
            for key, pred in (("targets", tg), ("actors", ac)):
                gold, got = set(lab[key]), set(pred)
                counts[key][0] += len(gold & got)
                counts[key][1] += len(got - gold)
                counts[key][2] += len(gold - got)
            if verbose:
                bad = (sp or None) != (lab["speaker"] or None) or set(tg) != set(lab["targets"]) \
                    or set(ac) != set(lab["actors"])
                if bad:
                    print(f"{lab['id']}: {a['paragraphs'][i][:150]}")
                    print(f"   speaker {sp!r} / gold {lab['speaker']!r}")
                    print(f"   targets {tg} / gold {lab['targets']}")
                    print(f"   actors  {ac} / gold {lab['actors']}")
    return {"news_paragraphs": n, "news_via": how, "speaker_accuracy": correct / n if n else float("nan"),
            "target_f1": _f1(*counts["targets"]), "actor_f1": _f1(*counts["actors"])}


def _plover_country(text: str, reg, attribute, sentence_spans) -> tuple[str | None, str | None]:
    """(country or 'INTL', name) of our source actor for one PLOVER sentence."""
    raw = [m for m in reg.find(text, raw=True) if m.kind != "media"]
    if raw:
        m = raw[0]
        return (m.country or ("INTL" if m.kind in ("organisation", "group") else None)), m.name
    r = attribute(text, sentence_spans(text), [], reg, context={})
    if r["speaker"] and r["speaker"] in reg:
        return reg.country(r["speaker"]) or "INTL", r["speaker"]
    return None, None


def eval_plover(data_dir: pathlib.Path, verbose: bool = False) -> dict:
    from toolkit.actors import load_actors
    from toolkit.attribution import attribute
    from toolkit.segment import sentence_spans

    reg = load_actors()
    n = correct = skipped = 0
    for rec in _read_jsonl(data_dir / "plover.dev.jsonl"):
        src = rec.get("source")
        codes = [s.get("code") for s in src if isinstance(s, dict) and s.get("code")] if isinstance(src, list) else []
        codes = [CAMEO_TO_ISO.get(c, c) for c in codes if c not in SKIP_CODES]
        if not codes:
            skipped += 1
            continue
        got, name = _plover_country(rec["text"], reg, attribute, sentence_spans)
        ok = any((c in INTERNATIONAL and got == "INTL") or c == got for c in codes)
        n += 1
        correct += int(ok)
        if verbose and not ok:
            print(f"PLOVER {codes} got {got} ({name}): {rec['text'][:140]}")
    return {"plover_records": n, "plover_skipped": skipped,
            "plover_source_country_accuracy": correct / n if n else float("nan")}


def _macro_f1(gold: list[int], pred: list[int]) -> float:
    f = []
    for c in (-1, 0, 1):
        tp = sum(1 for g, p in zip(gold, pred, strict=True) if g == c and p == c)
        fp = sum(1 for g, p in zip(gold, pred, strict=True) if g != c and p == c)
        fn = sum(1 for g, p in zip(gold, pred, strict=True) if g == c and p != c)
        f.append(_f1(tp, fp, fn))
    return sum(f) / 3


def _cls(v: float, th: float) -> int:
    return 1 if v > th else -1 if v < -th else 0


def eval_newsmtsc(data_dir: pathlib.Path) -> dict:
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    from toolkit.attribution import target_tone
    from toolkit.segment import sentence_spans

    plain = SentimentIntensityAnalyzer()
    gold, ours, vader, halves = [], [], [], []
    for rec in _read_jsonl(data_dir / "newsmtsc_mt.dev.jsonl"):
        half = int(hashlib.md5(str(rec.get("primary_gid", "")).encode()).hexdigest(), 16) % 2
        text = rec["sentence_normalized"]
        whole = plain.polarity_scores(text)["compound"]
        sents = [tuple(s) for s in sentence_spans(text)] or [(0, len(text))]
        for t in rec["targets"]:
            g = {2.0: -1, 4.0: 0, 6.0: 1}.get(float(t["polarity"]))
            if g is None:
                continue
            gold.append(g)
            halves.append(half)
            ours.append(target_tone(text, int(t["from"]), int(t["to"]), sents)["label"])
            vader.append(_cls(whole, 0.05))
    by_half = {}
    for h in (0, 1):
        idx = [i for i, x in enumerate(halves) if x == h]
        by_half[f"newsmtsc_macro_f1_half{h}"] = _macro_f1([gold[i] for i in idx], [ours[i] for i in idx])
    return {"newsmtsc_targets": len(gold), "newsmtsc_macro_f1": _macro_f1(gold, ours), **by_half,
            "newsmtsc_vader_macro_f1": _macro_f1(gold, vader)}


def measure_speed(data_dir: pathlib.Path | None, n: int = 20000) -> dict:
    """Paragraphs per second (CPU time) of registry.find + attribute (sentence spans precomputed), on
    ``n`` paragraphs (the seed and news.dev repeated): with the analysis cache, and with it switched
    off (what a corpus of all-distinct paragraphs costs); plain vaderSentiment on the same batch."""
    from toolkit.actors import load_actors
    from toolkit.attribution import attribute
    from toolkit.segment import sentence_spans

    paras: list[str] = []
    seed = ROOT / "seeds"
    for f in sorted(seed.glob("*.txt")) if seed.exists() else []:
        paras += [line.strip() for line in f.read_text(encoding="utf-8").splitlines() if line.strip()]
    if data_dir is not None and (data_dir / "news.dev.jsonl").exists():
        for a in _read_jsonl(data_dir / "news.dev.jsonl"):
            paras += a["paragraphs"]
    if not paras:
        return {}
    reg = load_actors()
    reg.find("warm up")
    batch = (paras * (n // len(paras) + 1))[:n]
    spans = [sentence_spans(p) for p in batch]
    def run() -> float:
        t0 = time.process_time()
        ctx: dict = {}
        for i, (p, s) in enumerate(zip(batch, spans, strict=True)):
            if i % 12 == 0:
                ctx = {}
            attribute(p, s, [], reg, context=ctx)
        return time.process_time() - t0

    import toolkit.attribution as attribution_module

    dt = run()  # repeated paragraphs: the per-paragraph analysis cache answers the repeats
    size = attribution_module._CACHE_SIZE
    attribution_module._CACHE_SIZE = 0  # every paragraph analysed afresh (a corpus of distinct paragraphs)
    reg.__dict__.pop("_attribution_cache", None)
    try:
        dt_fresh = run()
    finally:
        attribution_module._CACHE_SIZE = size
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    plain = SentimentIntensityAnalyzer()
    t0 = time.process_time()
    for p in batch:
        plain.polarity_scores(p)
    dv = time.process_time() - t0
    return {"attribution_paragraphs_per_s": n / dt, "attribution_uncached_paragraphs_per_s": n / dt_fresh,
            "plain_vader_paragraphs_per_s": n / dv, "attribution_time_vs_plain_vader": dt / dv,
            "attribution_uncached_time_vs_plain_vader": dt_fresh / dv}


def evaluate_actors(data_dir: pathlib.Path = DEFAULT_DATA, *, verbose: bool = False, speed: bool = False) -> dict:
    """All actor/attribution measures on ``data_dir`` (see the module docstring)."""
    data_dir = pathlib.Path(data_dir)
    out: dict = {}
    out.update(eval_news(data_dir, verbose=verbose))
    out.update(eval_plover(data_dir, verbose=verbose))
    out.update(eval_newsmtsc(data_dir))
    if speed:
        out.update(measure_speed(data_dir))
    return out


TARGETS = {"speaker_accuracy": 0.85, "target_f1": 0.75, "actor_f1": 0.90, "plover_source_country_accuracy": 0.80,
           "newsmtsc_macro_f1": 0.60}


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    verbose = "-v" in argv
    argv = [a for a in argv if a != "-v"]
    data_dir = pathlib.Path(argv[0]) if argv else DEFAULT_DATA
    if not (data_dir / "news.dev.jsonl").exists():
        print(f"eval_actors: evaluation data not found in {data_dir} (expected ../shared/data beside the "
              "project); nothing to measure.")
        return 0
    res = evaluate_actors(data_dir, verbose=verbose, speed=True)
    print(f"{'measure':40s} {'value':>8s} {'target':>8s}")
    for key, val in res.items():
        if isinstance(val, float):
            tgt = TARGETS.get(key)
            print(f"{key:40s} {val:8.3f} {f'≥ {tgt:.2f}' if tgt else '':>8s}")
        else:
            print(f"{key:40s} {str(val):>8s}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
