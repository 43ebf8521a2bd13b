"""The scoring core: seed expectations, the contract, evidence and no lost rows."""
import pandas as pd
import pytest

import toolkit
from tests.conftest import find_para
from toolkit.lexicon import RHETORIC_CLASSES
from toolkit.scoring import SCORE_COLUMNS


def test_contract_columns_and_types(seed_scores):
    for col in SCORE_COLUMNS:
        assert col in seed_scores.columns
    assert seed_scores["para_id"].tolist() == list(range(12))
    assert seed_scores["sentiment"].between(-1, 1).all()
    assert seed_scores["escalation"].between(-1, 1).all()
    assert set(seed_scores["rhetoric"]) <= set(RHETORIC_CLASSES)
    assert all(isinstance(v, list) for v in seed_scores["targets"])
    assert all(isinstance(v, list) for v in seed_scores["actors"])


def test_seed_praise_paragraph(seed_scores):
    row = find_para(seed_scores, "Putin complimented Trump")
    assert row["escalation"] < 0
    assert row["rhetoric"] == "praise"


def test_seed_warning_paragraph(seed_scores):
    row = find_para(seed_scores, "Russia has warned the United States")
    assert row["escalation"] > 0
    assert row["rhetoric"] == "warning"


def test_seed_nato_paragraph(seed_scores):
    row = find_para(seed_scores, "According to Putin, NATO")
    assert row["escalation"] > 0
    assert row["rhetoric"] in ("warning", "threat")


def test_seed_denial_paragraph(seed_scores):
    assert seed_scores.iloc[0]["rhetoric"] == "denial"


def test_evidence_offsets_point_at_the_words(seed_scores):
    for row in seed_scores.itertuples():
        for ev in row.evidence:
            assert row.text[ev["start"]:ev["end"]] == ev["term"], ev
            assert {"term", "start", "end", "dimension", "weight", "rule"} <= set(ev)


def test_warning_evidence_names_the_cue(seed_scores):
    row = find_para(seed_scores, "Russia has warned the United States")
    terms = {ev["term"] for ev in row["evidence"] if ev["dimension"] == "escalation"}
    assert "warned" in terms
    rules = {ev["rule"] for ev in row["evidence"]}
    assert any("conditional" in r for r in rules)


def test_no_row_lost_across_many_documents():
    texts = ["Russia warned NATO.\nUkraine praised its allies.", "", "Talks resumed.\n\n\nA ceasefire was agreed.",
             None, "x"]
    with pytest.warns(UserWarning):
        scores = toolkit.score(pd.DataFrame({"doc_id": list("abcde"), "text": texts}))
    assert scores.groupby("doc_id").size().to_dict() == {"a": 2, "b": 1, "c": 2, "d": 1, "e": 1}


def test_denial_is_not_aggression():
    denial = toolkit.score("The Kremlin denied plans to strike Kyiv.").iloc[0]
    strike = toolkit.score("Russia struck Kyiv with missiles.").iloc[0]
    assert denial["rhetoric"] == "denial"
    assert denial["escalation"] == 0
    assert strike["escalation"] > 0.5 and strike["rhetoric"] == "military_action"


def test_negation_turns_an_attack_down():
    neg = toolkit.score("Russia will not attack NATO.").iloc[0]
    assert neg["escalation"] <= 0
    assert any(ev["dimension"] == "negation" for ev in neg["evidence"])


def test_conditional_warning_is_a_warning():
    row = toolkit.score("Moscow warned that it will consider it a major escalation if the West allows strikes "
                        "deep into Russia.").iloc[0]
    assert row["rhetoric"] == "warning" and row["escalation"] > 0


def test_user_lexicon_changes_scores():
    base = toolkit.score("The delegation expressed frobnication.").iloc[0]
    user = toolkit.score("The delegation expressed frobnication.",
                         lexicon=pd.DataFrame({"term": ["frobnication"], "rhetoric": ["threat"], "weight": [0.7]})).iloc[0]
    assert base["escalation"] == 0
    assert user["escalation"] == pytest.approx(0.7)
    assert user["rhetoric"] == "threat"


def test_user_lexicon_bad_rhetoric_message():
    with pytest.raises(ValueError, match=r"`rhetoric` must be one of .*'threat'.*but 'thret' was passed"):
        toolkit.score("x", lexicon=pd.DataFrame({"term": ["a"], "rhetoric": ["thret"], "weight": [0.5]}))


def test_deterministic(seed_text):
    a = toolkit.score(seed_text)
    b = toolkit.score(seed_text)
    pd.testing.assert_frame_equal(a, b)
