"""Accuracy of toolkit.score on the human-labelled data in ../shared/data, next to plain VADER.

Run: ``make eval`` (or ``python benchmarks/evaluate.py [--json out.json]``).

Metrics (see the issues for the definitions):
* NYT editorial sentences: Pearson r of sentiment with the mean human rating.
* QuadClass (UN sentences): conflict-vs-cooperation sign accuracy over relevant sentences
  (labels 1-2 need escalation > 0, 3-4 need escalation < 0; an escalation of 0 counts as wrong).
  VADER's "sign" is its compound: negative = conflict, positive = cooperation.
* PLOVER event sentences: the same sign accuracy with the event mapping of the data README.
* news.dev paragraphs: rhetoric macro-F1, escalation-sign accuracy (-1/0/+1), sentiment-sign
  accuracy (±0.05 dead zone for ours and VADER's).
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import plain_vader, require_data  # noqa: E402

import toolkit  # noqa: E402
from toolkit.lexicon import RHETORIC_CLASSES  # noqa: E402

PLOVER_COOP = {"AGREE", "SUPPORT", "CONCEDE", "CONSULT", "AID", "COOPERATE", "RETREAT"}
PLOVER_CONFLICT = {"DEMAND", "REJECT", "THREATEN", "PROTEST", "COERCE", "FIGHT", "DISAPPROVE", "ASSAULT",
                   "SANCTION", "MOBILIZE"}


def _sign(x: float, eps: float = 0.0) -> int:
    return 1 if x > eps else (-1 if x < -eps else 0)


def macro_f1(truth: list[str], pred: list[str], labels: list[str]) -> float:
    f1s = []
    for lab in labels:
        tp = sum(t == lab and p == lab for t, p in zip(truth, pred))
        fp = sum(t != lab and p == lab for t, p in zip(truth, pred))
        fn = sum(t == lab and p != lab for t, p in zip(truth, pred))
        if tp + fp + fn == 0:
            continue
        f1s.append(2 * tp / (2 * tp + fp + fn))
    return sum(f1s) / len(f1s) if f1s else 0.0


def _score_sentences(texts: list[str]) -> pd.DataFrame:
    frame = pd.DataFrame({"doc_id": [str(i) for i in range(len(texts))], "text": texts})
    return toolkit.score(frame, actors=False)


def eval_nyt(data: Path, vader) -> dict:
    df = pd.read_csv(data / "nyt_snippets.dev.tsv", sep="\t")
    ours = _score_sentences(df["text"].tolist())
    ours_by_doc = ours.groupby("doc_id", sort=False)["sentiment"].mean()
    df["ours"] = [ours_by_doc[str(i)] for i in range(len(df))]
    df["vader"] = [vader.polarity_scores(t)["compound"] for t in df["text"]]
    return {"n": len(df), "ours_r": df["ours"].corr(df["human_mean"]), "vader_r": df["vader"].corr(df["human_mean"])}


def _sign_accuracy(texts: list[str], expected: list[int], vader) -> dict:
    ours = _score_sentences(texts)
    esc = ours.groupby("doc_id", sort=False)["escalation"].agg(lambda s: s.loc[s.abs().idxmax()] if len(s) else 0.0)
    ours_sign = [_sign(esc[str(i)]) for i in range(len(texts))]
    vader_sign = [-_sign(vader.polarity_scores(t)["compound"]) for t in texts]
    n = len(texts)
    return {"n": n, "ours_acc": sum(o == e for o, e in zip(ours_sign, expected)) / n,
            "vader_acc": sum(v == e for v, e in zip(vader_sign, expected)) / n,
            "ours_zero": sum(o == 0 for o in ours_sign) / n}


#: QuadClass label semantics. The data README says 1-2 conflict, 3-4 cooperation; the labels themselves
#: (built with sklearn's MultiLabelBinarizer, which sorts class names) are 1 material conflict,
#: 2 material cooperation, 3 verbal conflict, 4 verbal cooperation: "condemn" is label 3 in 45 of 56
#: dev sentences, "welcome" label 4 in 29 of 40, "assistance" label 2 in 42 of 79. We report both.
QUADCLASS_CONFLICT_README = (1, 2)
QUADCLASS_CONFLICT_VERIFIED = (1, 3)


def eval_quadclass(data: Path, vader, conflict_labels=QUADCLASS_CONFLICT_README) -> dict:
    df = pd.read_csv(data / "quadclass.dev.tsv", sep="\t")
    df = df[df["label"].isin([1, 2, 3, 4])]
    expected = [1 if lab in conflict_labels else -1 for lab in df["label"]]
    return _sign_accuracy(df["text"].tolist(), expected, vader)


def eval_plover(data: Path, vader) -> dict:
    rows = [json.loads(line) for line in open(data / "plover.dev.jsonl", encoding="utf-8") if line.strip()]
    rows = [r for r in rows if r.get("event") in PLOVER_COOP | PLOVER_CONFLICT]
    expected = [1 if r["event"] in PLOVER_CONFLICT else -1 for r in rows]
    return _sign_accuracy([r["text"] for r in rows], expected, vader)


def load_news(data: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    """news.dev as (documents frame, labels frame with doc_id/para_id)."""
    docs, labels = [], []
    for line in open(data / "news.dev.jsonl", encoding="utf-8"):
        if not line.strip():
            continue
        art = json.loads(line)
        docs.append({"doc_id": art["id"], "text": "\n".join(art["paragraphs"]), "title": art.get("title"),
                     "date": art.get("date"), "source": art.get("outlet"), "url": art.get("url")})
        for i, lab in enumerate(art["labels"]):
            labels.append({"doc_id": art["id"], "para_id": i, **lab})
    return pd.DataFrame(docs), pd.DataFrame(labels)


def eval_news(data: Path, vader) -> dict:
    docs, labels = load_news(data)
    ours = toolkit.score(docs)
    merged = labels.merge(ours, on=["doc_id", "para_id"], suffixes=("_true", ""))
    assert len(merged) == len(labels), "paragraph ids do not line up with the labels"
    truth = merged["rhetoric_true"].tolist()
    pred = merged["rhetoric"].tolist()
    esc_true = [_sign(v) for v in merged["escalation_true"]]
    esc_pred = [_sign(v) for v in merged["escalation"]]
    sent_true = [_sign(v) for v in merged["sentiment_true"]]
    sent_pred = [_sign(v, 0.05) for v in merged["sentiment"]]
    vader_sent = [_sign(vader.polarity_scores(t)["compound"], 0.05) for t in merged["text"]]
    n = len(merged)
    labels_used = [c for c in RHETORIC_CLASSES]
    confusion = pd.crosstab(pd.Series(truth, name="true"), pd.Series(pred, name="pred"))
    return {
        "n": n,
        "rhetoric_macro_f1": macro_f1(truth, pred, labels_used),
        "escalation_sign_acc": sum(a == b for a, b in zip(esc_true, esc_pred)) / n,
        "sentiment_sign_acc": sum(a == b for a, b in zip(sent_true, sent_pred)) / n,
        "vader_sentiment_sign_acc": sum(a == b for a, b in zip(sent_true, vader_sent)) / n,
        "confusion": confusion,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", help="also write the figures to this JSON file")
    parser.add_argument("--confusion", action="store_true", help="print the news.dev rhetoric confusion matrix")
    args = parser.parse_args(argv)
    data = require_data()
    vader = plain_vader()
    t0 = time.perf_counter()
    results: dict[str, dict] = {}
    results["nyt"] = eval_nyt(data, vader)
    results["quadclass"] = eval_quadclass(data, vader)
    results["quadclass_verified"] = eval_quadclass(data, vader, QUADCLASS_CONFLICT_VERIFIED)
    results["plover"] = eval_plover(data, vader)
    results["news"] = eval_news(data, vader)
    try:
        from eval_actors import evaluate_actors
    except ImportError:
        evaluate_actors = None
    if evaluate_actors is not None:
        results["actors"] = evaluate_actors(data)
    print(f"{'metric':<46}{'toolkit':>10}{'VADER':>10}{'target':>10}")
    rows = [
        ("NYT editorials: Pearson r", results["nyt"]["ours_r"], results["nyt"]["vader_r"], ">= 0.55"),
        ("QuadClass sign acc, README mapping (1-2 conflict)", results["quadclass"]["ours_acc"], results["quadclass"]["vader_acc"], ">= 0.80"),
        ("QuadClass sign acc, verified label mapping", results["quadclass_verified"]["ours_acc"],
         results["quadclass_verified"]["vader_acc"], ""),
        ("PLOVER conflict/coop sign accuracy", results["plover"]["ours_acc"], results["plover"]["vader_acc"], ">= 0.85"),
        ("news.dev rhetoric macro-F1", results["news"]["rhetoric_macro_f1"], None, ">= 0.60"),
        ("news.dev escalation-sign accuracy", results["news"]["escalation_sign_acc"], None, ">= 0.80"),
        ("news.dev sentiment-sign accuracy", results["news"]["sentiment_sign_acc"], results["news"]["vader_sentiment_sign_acc"], ""),
    ]
    for name, ours, vad, target in rows:
        vtxt = f"{vad:>10.3f}" if vad is not None else f"{'-':>10}"
        print(f"{name:<46}{ours:>10.3f}{vtxt}{target:>10}")
    if "actors" in results:
        for key, val in results["actors"].items():
            if isinstance(val, (int, float)):
                print(f"{key:<46}{val:>10.3f}")
    print(f"(QuadClass n={results['quadclass']['n']}, share scored 0: {results['quadclass']['ours_zero']:.2f}; "
          f"PLOVER n={results['plover']['n']}, share 0: {results['plover']['ours_zero']:.2f}; "
          f"news paragraphs n={results['news']['n']}; {time.perf_counter() - t0:.1f} s)")
    if args.confusion:
        print(results["news"]["confusion"].to_string())
    if args.json:
        out = {k: {kk: vv for kk, vv in v.items() if not isinstance(vv, pd.DataFrame)} for k, v in results.items()}
        Path(args.json).write_text(json.dumps(out, indent=2, default=float))
    return 0


if __name__ == "__main__":
    sys.exit(main())
