"""Aggregation (toolkit.aggregate): numbers behind the charts, tested without drawing."""
from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from toolkit import aggregate as ag


def _ev(term, dimension, weight, start=0, rhetoric=None):
    d = {"term": term, "start": start, "end": start + len(term), "dimension": dimension, "weight": weight,
         "rule": "test"}
    if rhetoric:
        d.update(rhetoric=rhetoric, cameo="000")
    return d


def make_scores() -> pd.DataFrame:
    """A small synthetic scores frame with speakers, targets and evidence (two dated articles)."""
    rows = [
        # doc, para, speaker, targets, esc, sent, rhetoric, text, evidence
        ("a", 0, "Vladimir Putin", ["Donald Trump"], -0.4, 0.5, "praise",
         "Putin complimented Trump on his fortitude.",
         [_ev("complimented", "escalation", -0.34, 6, "praise"), _ev("complimented", "sentiment", 0.45, 6)]),
        ("a", 1, "Vladimir Putin", ["NATO", "United States"], 0.7, -0.6, "warning",
         "Putin warned NATO and the United States that strikes mean direct involvement in the war.",
         [_ev("warned", "escalation", 0.7, 6, "warning"), _ev("war", "sentiment", -0.7, 85)]),
        ("a", 2, "Dmitry Peskov", ["Vladimir Putin", "Donald Trump"], 0.0, -0.4, "denial",
         "Peskov denied that Putin and Trump had spoken.",
         [_ev("denied", "escalation", 0.0, 7, "denial"), _ev("denied", "sentiment", -0.45, 7)]),
        ("a", 3, None, ["Ukraine"], 1.0, -0.7, "military_action",
         "Fighting in Ukraine intensified.",
         [_ev("fighting", "escalation", 1.0, 0, "military_action"), _ev("fighting", "sentiment", -0.4, 0)]),
        ("a", 4, "Russia", ["United States"], 0.6, -0.5, "threat",
         "Russia threatened the United States with a response.",
         [_ev("threatened", "escalation", 0.6, 7, "threat"), _ev("threatened", "sentiment", -0.5, 7)]),
        ("a", 5, "Donald Trump", ["Ukraine"], -0.5, 0.6, "peace_appeal",
         "Trump said he would bring peace to Ukraine <script>alert(1)</script> & more.",
         [_ev("peace", "escalation", -0.5, 25, "peace_appeal"), _ev("peace", "sentiment", 0.62, 25)]),
        ("b", 0, "Vladimir Putin", ["Donald Trump"], -0.2, 0.3, "cooperation",
         "Putin said Moscow is open to talks with Trump.",
         [_ev("talks", "escalation", -0.4, 30, "cooperation")]),
        ("b", 1, "Vladimir Putin", ["NATO"], 0.9, -0.8, "threat",
         "Putin threatened NATO with retaliation.",
         [_ev("threatened", "escalation", 0.9, 6, "threat"), _ev("threatened", "sentiment", -0.5, 6)]),
        ("b", 2, None, [], 0.0, 0.0, "neutral", "The weather was mild.", []),
    ]
    frame = pd.DataFrame(rows, columns=["doc_id", "para_id", "speaker", "targets", "escalation", "sentiment",
                                        "rhetoric", "text", "evidence"])
    frame["speaker"] = frame["speaker"].astype(object).where(frame["speaker"].notna(), None)
    frame["actors"] = [sorted({*(t or []), *([s] if s else [])}) for s, t in zip(frame["speaker"], frame["targets"], strict=False)]
    frame["date"] = frame["doc_id"].map({"a": "2024-11-11", "b": "2024-11-25"})
    frame["title"] = frame["doc_id"].map({"a": "Article A", "b": "Article B"})
    return frame


REGISTRY = pd.DataFrame({
    "name": ["Vladimir Putin", "Dmitry Peskov", "Kremlin", "Russia", "Donald Trump", "United States", "NATO",
             "Ukraine"],
    "kind": ["person", "person", "organisation", "state", "person", "state", "organisation", "state"],
    "country": ["RUS", "RUS", "RUS", "RUS", "USA", "USA", None, "UKR"],
})


@pytest.fixture
def scores():
    return make_scores()


@pytest.fixture
def no_statements(monkeypatch):
    """Use the paragraph's own sentiment for each target (no toolkit.statements)."""
    monkeypatch.setattr(ag, "_statement_rows", lambda scores: None)


# ---------------------------------------------------------------------------------- summarize
def test_summarize_by_speaker_counts_means_and_order(scores):
    out = ag.summarize(scores)
    assert list(out.columns) == ["speaker", "n", "n_docs", "sentiment_mean", "sentiment_low", "sentiment_high",
                                 "escalation_mean", "escalation_low", "escalation_high"]
    assert out["speaker"].tolist()[0] == "Vladimir Putin"  # most paragraphs first
    putin = out.set_index("speaker").loc["Vladimir Putin"]
    assert putin["n"] == 4 and putin["n_docs"] == 2
    assert putin["escalation_mean"] == pytest.approx((-0.4 + 0.7 - 0.2 + 0.9) / 4)
    assert putin["escalation_low"] <= putin["escalation_mean"] <= putin["escalation_high"]
    # narration kept under a label, nothing silently dropped
    assert out.set_index("speaker").loc[ag.NO_SPEAKER, "n"] == 2
    assert out["n"].sum() == len(scores)


def test_summarize_small_groups_have_no_interval(scores):
    out = ag.summarize(scores).set_index("speaker")
    assert out.loc["Russia", "n"] == 1
    assert math.isnan(out.loc["Russia", "escalation_low"]) and math.isnan(out.loc["Russia", "escalation_high"])


def test_summarize_seed_is_reproducible_and_matters(scores):
    a = ag.summarize(scores, seed=1)
    b = ag.summarize(scores, seed=1)
    pd.testing.assert_frame_equal(a, b)
    values = np.random.default_rng(0).uniform(-1, 1, 40)
    assert ag.bootstrap_interval(values, seed=1) != ag.bootstrap_interval(values, seed=2)


def test_summarize_dropna_and_value(scores):
    out = ag.summarize(scores, value="escalation", dropna=True)
    assert ag.NO_SPEAKER not in set(out["speaker"])
    assert "sentiment_mean" not in out.columns


def test_summarize_by_target_and_pairs(scores, no_statements):
    by_target = ag.summarize(scores, by="target").set_index("target")
    assert by_target.loc["Donald Trump", "n"] == 3
    assert by_target.loc["NATO", "escalation_mean"] == pytest.approx(0.8)
    pairs = ag.summarize(scores, by=["speaker", "target"]).set_index(["speaker", "target"])
    assert pairs.loc[("Vladimir Putin", "Donald Trump"), "n"] == 2
    assert pairs.loc[("Vladimir Putin", "Donald Trump"), "sentiment_mean"] == pytest.approx(0.4)


def test_summarize_by_country_uses_registry(scores):
    out = ag.summarize(scores, by="country", registry=REGISTRY).set_index("country")
    assert out.loc["RUS", "n"] == 6
    assert out.loc["USA", "n"] == 1


def test_summarize_does_not_mutate_input(scores):
    before = scores.copy(deep=True)
    ag.summarize(scores, by="target")
    ag.contrast_table(scores, speaker="Vladimir Putin", registry=REGISTRY)
    pd.testing.assert_frame_equal(scores, before)


def test_summarize_empty_frame(scores):
    out = ag.summarize(scores.iloc[:0])
    assert out.empty and "escalation_mean" in out.columns


@pytest.mark.parametrize("kwargs, match", [
    ({"by": "colour"}, r"`by` must be one of .*'colour' was passed"),
    ({"value": "anger"}, r"`value` must be one of \['sentiment', 'escalation'\], but 'anger'"),
    ({"seed": "x"}, r"`seed` must be an int"),
])
def test_summarize_bad_arguments(scores, kwargs, match):
    with pytest.raises(ValueError, match=match):
        ag.summarize(scores, **kwargs)


def test_summarize_rejects_non_frames_and_missing_columns(scores):
    with pytest.raises(TypeError, match="must be a pandas DataFrame"):
        ag.summarize([1, 2, 3])
    with pytest.raises(ValueError, match=r"missing column\(s\) \['escalation'\]"):
        ag.summarize(scores.drop(columns="escalation"))


# ---------------------------------------------------------------------------------- bootstrap
def test_bootstrap_interval():
    assert all(math.isnan(v) for v in ag.bootstrap_interval([0.5]))
    assert ag.bootstrap_interval([0.3, 0.3, 0.3]) == (0.3, 0.3)
    low, high = ag.bootstrap_interval([-1, 0, 1, 0.5, -0.5], seed=0)
    assert -1 <= low < 0 < high <= 1
    assert ag.bootstrap_interval([-1, 0, 1], seed=3) == ag.bootstrap_interval([-1, 0, 1], seed=3)
    with pytest.raises(ValueError, match="`level`"):
        ag.bootstrap_interval([1, 2], level=95)


# ------------------------------------------------------------------------------------ explode
def test_explode_targets(scores):
    out = ag.explode_targets(scores)
    assert len(out) == sum(len(t) for t in scores["targets"])
    assert {"doc_id", "para_id", "speaker", "target", "sentiment", "escalation", "text"} <= set(out.columns)
    assert out[out["para_id"].eq(1) & out["doc_id"].eq("a")]["target"].tolist() == ["NATO", "United States"]


def test_explode_targets_accepts_arrays_and_strings(scores):
    s = scores.assign(targets=[np.array(t, dtype=object) for t in scores["targets"]])
    assert len(ag.explode_targets(s)) == 10
    s = scores.assign(targets=["|".join(t) for t in scores["targets"]])
    assert len(ag.explode_targets(s)) == 10


# ------------------------------------------------------------------------------------ speakers
def test_resolve_speakers(scores):
    names, label, group = ag.resolve_speakers(scores, speaker="RUS", registry=REGISTRY)
    assert set(names) == {"Vladimir Putin", "Dmitry Peskov", "Kremlin", "Russia"} and group
    assert label.startswith("RUS (")
    assert ag.resolve_speakers(scores, country="rus", registry=REGISTRY)[0] == names
    assert ag.resolve_speakers(scores, speaker="Donald Trump", registry=REGISTRY) == (["Donald Trump"],
                                                                                      "Donald Trump", False)
    assert ag.resolve_speakers(scores, speaker=["Russia", "Donald Trump"], registry=REGISTRY)[0] == [
        "Russia", "Donald Trump"]
    with pytest.raises(ValueError, match=r"`speaker` must be an actor name.*'Napoleon' was passed"):
        ag.resolve_speakers(scores, speaker="Napoleon", registry=REGISTRY)
    with pytest.raises(ValueError, match=r"`country` must be a country code"):
        ag.resolve_speakers(scores, country="XYZ", registry=REGISTRY)
    with pytest.raises(ValueError, match="either `speaker` or `country`"):
        ag.resolve_speakers(scores, speaker="Russia", country="RUS", registry=REGISTRY)


# ------------------------------------------------------------------------------------ contrast
def test_contrast_table_orders_targets_by_mean(scores, no_statements):
    table = ag.contrast_table(scores, speaker="Vladimir Putin", registry=REGISTRY)
    assert table["target"].tolist() == ["Donald Trump", "United States", "NATO"]
    assert table["escalation_mean"].tolist() == pytest.approx([-0.3, 0.7, 0.8])
    assert table["n"].tolist() == [2, 1, 2]
    trump = table.iloc[0]
    assert trump["escalation_terms"][:2] == ["talks", "complimented"]
    assert trump["snippet"].startswith("Putin complimented Trump")
    assert trump["sentiment_mean"] == pytest.approx(0.4)


def test_contrast_table_group_leaves_out_members(scores):
    table = ag.contrast_table(scores, speaker="RUS", registry=REGISTRY)
    assert "Vladimir Putin" not in set(table["target"])  # Peskov about Putin is inside the group
    assert table.attrs["excluded"] == 1
    assert set(table.attrs["speakers"]) >= {"Vladimir Putin", "Russia"}
    us = table.set_index("target").loc["United States"]
    assert us["n"] == 2 and us["escalation_mean"] == pytest.approx(0.65)


def test_contrast_table_given_targets_keep_order_and_zero_counts(scores):
    table = ag.contrast_table(scores, speaker="Vladimir Putin", targets=["NATO", "Ukraine", "Donald Trump"],
                              registry=REGISTRY)
    assert table["target"].tolist() == ["NATO", "Ukraine", "Donald Trump"]
    assert table["n"].tolist() == [2, 0, 2]


# -------------------------------------------------------------------------------------- matrix
def test_pair_matrix(scores):
    table = ag.pair_matrix(scores)
    assert table.attrs["speakers"][0] == "Vladimir Putin" and table.attrs["speakers"][-1] == ag.NO_SPEAKER
    assert table.attrs["targets"][0] == "Donald Trump"
    assert table.attrs["without_target"] == 1
    cell = table.set_index(["speaker", "target"]).loc[("Vladimir Putin", "NATO")]
    assert cell["n"] == 2 and cell["escalation_mean"] == pytest.approx(0.8)
    small = ag.pair_matrix(scores, top=2)
    assert set(small["speaker"]) <= set(small.attrs["speakers"]) and len(small.attrs["targets"]) == 2
    with pytest.raises(ValueError, match="`top`"):
        ag.pair_matrix(scores, top=0)


# ------------------------------------------------------------------------------------ rhetoric
def test_rhetoric_table(scores):
    from toolkit.lexicon import RHETORIC_CLASSES

    table = ag.rhetoric_table(scores)
    putin = table[table["speaker"] == "Vladimir Putin"]
    assert putin["rhetoric"].tolist() == list(RHETORIC_CLASSES)
    assert putin.set_index("rhetoric").loc["threat", "n"] == 1
    assert putin["share"].sum() == pytest.approx(1.0)
    assert table["speaker"].iloc[-1] == ag.NO_SPEAKER


# ------------------------------------------------------------------------------------ evidence
def test_evidence_table(scores):
    table = ag.evidence_table(scores)
    esc = table[table["dimension"] == "escalation"].set_index("term")
    assert esc.loc["threatened", "weight_sum"] == pytest.approx(1.5)
    assert esc.loc["threatened", "n"] == 2 and esc.loc["threatened", "rhetoric"] == "threat"
    assert table["weight_sum"].abs().is_monotonic_decreasing
    putin = ag.evidence_table(scores, actor="Vladimir Putin", registry=REGISTRY)
    assert "fighting" not in set(putin["term"]) and "warned" in set(putin["term"])


# ------------------------------------------------------------------------------------ timeline
def test_timeline_table(scores):
    table = ag.timeline_table(scores, freq="W")
    assert table["period"].dt.strftime("%Y-%m-%d").tolist() == ["2024-11-11", "2024-11-25"]
    assert table["n"].tolist() == [6, 3]
    per_actor = ag.timeline_table(scores, actors=["Vladimir Putin", "RUS"], registry=REGISTRY)
    assert set(per_actor["actor"]) == {"Vladimir Putin", "RUS (Vladimir Putin, Dmitry Peskov, Russia)"}
    undated = ag.timeline_table(scores.assign(date=[None] * 3 + list(scores["date"][3:])))
    assert undated.attrs["undated"] == 3
    with pytest.raises(ValueError, match="`freq`"):
        ag.timeline_table(scores, freq="fortnight")
    with pytest.raises(ValueError, match="`by`"):
        ag.timeline_table(scores, by="published")


def test_snippet_is_short_and_centred_on_the_cue():
    text = "Words. " * 40 + "Russia warned of a major escalation. " + "More. " * 40
    start = text.index("warned")
    out = ag.snippet(text, [{"dimension": "escalation", "weight": 0.7, "start": start, "term": "warned"}])
    assert "warned" in out and len(out) <= 165 and out.startswith("…") and out.endswith("…")


def test_evidence_words_and_snippet_follow_the_direction_of_the_mean():
    ev = [_ev("assassination", "escalation", 1.0, 60, "military_action"),
          _ev("complimented", "escalation", -0.34, 160, "praise")]
    assert ag._evidence_terms([ev], "escalation", sign=-0.4)[0] == "complimented"
    assert ag._evidence_terms([ev], "escalation", sign=+0.4)[0] == "assassination"
    text = "x " * 30 + "an assassination attempt " + "y " * 40 + "Putin complimented Trump " + "z " * 60
    ev = [_ev("assassination", "escalation", 1.0, text.index("assassination"), "military_action"),
          _ev("complimented", "escalation", -0.34, text.index("complimented"), "praise")]
    assert "complimented" in ag.snippet(text, ev, sign=-1, width=60)
    assert "assassination" in ag.snippet(text, ev, sign=+1, width=60)


# ------------------------------------------------------------------------------ speed: caches
def _big_scores(n_docs: int = 40) -> pd.DataFrame:
    """make_scores repeated over many documents, with fresh target lists per row (as after scoring)."""
    base = make_scores()
    parts = []
    for d in range(n_docs):
        part = base.copy()
        part["doc_id"] = [f"{doc}{d:03d}" for doc in base["doc_id"]]
        part["targets"] = [list(t) for t in base["targets"]]
        parts.append(part)
    return pd.concat(parts, ignore_index=True)


@pytest.fixture
def counted_statements(monkeypatch):
    """Count the paragraphs toolkit.statements is asked to read."""
    from toolkit import attribution

    read = []
    real = attribution.statements

    def counting(frame):
        read.append(len(frame))
        return real(frame)

    monkeypatch.setattr(attribution, "statements", counting)
    ag._clear_statement_cache()
    yield read
    ag._clear_statement_cache()


def test_statements_are_read_once_per_paragraph_and_reused_for_selections(counted_statements):
    big = _big_scores()
    with_targets = int((big["targets"].map(len) > 0).sum())
    full = ag.explode_targets(big)
    assert sum(counted_statements) == with_targets
    again = ag.explode_targets(big)
    selection = big[big["speaker"].eq("Vladimir Putin").to_numpy()]
    part = ag.explode_targets(selection)
    ag.pair_matrix(big.iloc[::3])
    assert sum(counted_statements) == with_targets  # nothing read a second time
    pd.testing.assert_frame_equal(again, full)
    # the selection's rows are exactly the full frame's rows of that speaker
    expected = full[full["speaker"].eq("Vladimir Putin").to_numpy()].reset_index(drop=True)
    pd.testing.assert_frame_equal(part, expected)


def test_cached_statements_equal_fresh_ones_and_new_cells_are_read_again(counted_statements):
    big = _big_scores(5)
    cached = ag.explode_targets(big.iloc[::2])
    ag._clear_statement_cache()
    fresh = ag.explode_targets(big.iloc[::2])
    pd.testing.assert_frame_equal(cached, fresh)
    before = sum(counted_statements)
    # re-scored cells (new lists) or a changed text are read afresh, never served stale
    rescored = big.assign(targets=[list(t) for t in big["targets"]])
    ag.explode_targets(rescored)
    assert sum(counted_statements) > before
    edited = big.assign(text=big["text"].str.replace("complimented", "insulted"))
    before = sum(counted_statements)
    out = ag.explode_targets(edited)
    assert sum(counted_statements) > before
    assert out["text"].str.contains("insulted").any()


def test_explode_targets_does_not_hand_out_the_cached_evidence(scores):
    first = ag.explode_targets(scores)
    first["evidence"].iloc[0].append({"term": "mutated"})
    second = ag.explode_targets(scores)
    assert all(ev.get("term") != "mutated" for ev in second["evidence"].iloc[0])


def test_statements_are_row_local(seed_scores):
    """The cache relies on it: a paragraph's statements do not depend on the other rows."""
    from toolkit.attribution import statements

    whole = statements(seed_scores)
    one_by_one = pd.concat([statements(seed_scores.iloc[[i]]) for i in range(len(seed_scores))],
                           ignore_index=True)
    pd.testing.assert_frame_equal(whole, one_by_one)


def test_explode_targets_without_statements_module(scores, no_statements):
    out = ag.explode_targets(scores)
    putin_trump = out[(out["speaker"] == "Vladimir Putin") & (out["target"] == "Donald Trump")]
    assert putin_trump["sentiment"].tolist() == [0.5, 0.3]  # the paragraphs' own sentiment


# --------------------------------------------------------------------------- speed: bootstrap
def _reference_summary(frame: pd.DataFrame, by: str, **kw) -> pd.DataFrame:
    """summarize() as one loop over groups, one bootstrap_interval call per group and measure."""
    rows = []
    for key, grp in frame.groupby(by, sort=True):
        row = {by: key, "n": len(grp), "n_docs": grp["doc_id"].nunique()}
        for v in ag.MEASURES:
            vals = grp[v].to_numpy(dtype="float64")
            vals = vals[np.isfinite(vals)]
            row[f"{v}_mean"] = float(vals.mean()) if vals.size else float("nan")
            row[f"{v}_low"], row[f"{v}_high"] = ag.bootstrap_interval(vals, **kw)
        rows.append(row)
    out = pd.DataFrame(rows).sort_values(["n", by], ascending=[False, True], kind="stable")
    return out.reset_index(drop=True)


@pytest.mark.parametrize("max_n", [ag.BOOTSTRAP_MAX_N, None, 5])
def test_summarize_equals_one_bootstrap_per_group(max_n):
    rng = np.random.default_rng(3)
    sizes = [1, 2, 3, 3, 7, 7, 7, 30, 120]  # equal sizes share one resampling matrix
    frame = pd.DataFrame({
        "group": np.repeat([f"g{i}" for i in range(len(sizes))], sizes),
        "doc_id": [f"d{k % 4}" for k in range(sum(sizes))],
        "sentiment": rng.uniform(-1, 1, sum(sizes)).round(3),
        "escalation": rng.choice([-0.5, 0.0, 0.7, 1.0], sum(sizes)),
    })
    frame.loc[5, "sentiment"] = np.nan  # non-finite values are left out, as in one call
    got = ag.summarize(frame, by="group", seed=7, max_n=max_n)
    expected = _reference_summary(frame, "group", seed=7, max_n=max_n)
    pd.testing.assert_frame_equal(got, expected, check_dtype=False, check_exact=True)


def test_bootstrap_large_groups_use_the_normal_approximation():
    values = np.random.default_rng(0).uniform(-1, 1, 400)
    low, high = ag.bootstrap_interval(values, seed=0)
    assert ag.bootstrap_interval(values, seed=1) == (low, high)  # deterministic, no resampling
    mean, se = values.mean(), values.std(ddof=1) / np.sqrt(values.size)
    assert (low, high) == pytest.approx((mean - 1.959964 * se, mean + 1.959964 * se), abs=1e-6)
    r_low, r_high = ag.bootstrap_interval(values, seed=0, max_n=None)  # resampled
    assert abs(low - r_low) < 0.1 * (r_high - r_low) and abs(high - r_high) < 0.1 * (r_high - r_low)
    # clipped to the range of the values: never beyond what was observed
    skewed = np.r_[np.ones(150), [-1.0]]
    assert ag.bootstrap_interval(skewed)[1] == 1.0


@pytest.mark.parametrize("kwargs, match", [
    ({"max_n": 0}, r"`max_n` must be a positive int"),
    ({"n_boot": 0}, r"`n_boot` must be a positive int"),
])
def test_bootstrap_bad_settings(kwargs, match):
    with pytest.raises(ValueError, match=match):
        ag.bootstrap_interval([1, 2, 3], **kwargs)
    with pytest.raises(ValueError, match=match):
        ag.summarize(make_scores(), **kwargs)


# ---------------------------------------------------------------------------- speed: evidence
def test_evidence_table_on_a_selection_and_rhetoric_ties():
    big = _big_scores(3)
    full = ag.evidence_table(big)
    esc = full[full["dimension"] == "escalation"].set_index("term")
    assert esc.loc["threatened", "n"] == 6 and esc.loc["threatened", "n_paragraphs"] == 6
    sel = ag.evidence_table(big[big["doc_id"].str.endswith("000").to_numpy()])
    pd.testing.assert_frame_equal(sel.drop(columns=["n", "n_paragraphs", "weight_sum"]),
                                  ag.evidence_table(make_scores()).drop(columns=["n", "n_paragraphs", "weight_sum"]))
    tie = pd.DataFrame({"doc_id": ["a", "a"], "para_id": [0, 1], "evidence": [
        [_ev("hit", "escalation", 0.5, 0, "warning")], [_ev("hit", "escalation", 0.5, 0, "criticism")]]})
    assert ag.evidence_table(tie)["rhetoric"].tolist() == ["criticism"]  # a tie: the first in order
    only_sentiment = tie.assign(evidence=[[_ev("good", "sentiment", 0.4)], []])
    assert ag.evidence_table(only_sentiment)["rhetoric"].tolist() == [None]
