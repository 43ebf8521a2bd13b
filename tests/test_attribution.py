"""Tests for toolkit.attribution: speakers, targets, evidence and statements()."""
from __future__ import annotations

import pathlib

import pandas as pd
import pytest

from toolkit.actors import load_actors
from toolkit.attribution import REPORTING_VERBS, attribute, statements
from toolkit.segment import sentence_spans

SEED = pathlib.Path(__file__).resolve().parents[1] / "seeds" / "000_8b2d61badd31bad9.txt"


@pytest.fixture(scope="module")
def reg():
    return load_actors()


def att(text, reg, ctx=None, cues=()):
    return attribute(text, sentence_spans(text), list(cues), reg, context=ctx if ctx is not None else {})


@pytest.fixture(scope="module")
def seed_results(reg):
    paras = [line.strip() for line in SEED.read_text(encoding="utf-8").splitlines() if line.strip()]
    ctx: dict = {}
    return paras, [att(p, reg, ctx) for p in paras]


# ------------------------------------------------------------------ seed expectations
def test_seed_paragraph0_speaker_is_peskov(seed_results):
    _, res = seed_results
    assert res[0]["speaker"] == "Dmitry Peskov"
    assert res[0]["speaker_registered"] is True


def test_seed_putin_compliments_trump(seed_results):
    paras, res = seed_results
    i = next(i for i, p in enumerate(paras) if p.startswith("Putin complimented Trump"))
    assert res[i]["speaker"] == "Vladimir Putin"
    assert "Donald Trump" in res[i]["targets"]
    assert "Vladimir Putin" not in res[i]["targets"]


def test_seed_russia_warns_united_states(seed_results):
    paras, res = seed_results
    i = next(i for i, p in enumerate(paras) if p.startswith("Russia has warned the United States"))
    assert res[i]["speaker"] == "Russia"
    assert "United States" in res[i]["targets"]
    assert "Russia" not in res[i]["targets"]


def test_seed_according_to_putin(seed_results):
    paras, res = seed_results
    i = next(i for i, p in enumerate(paras) if p.startswith("According to Putin"))
    assert res[i]["speaker"] == "Vladimir Putin"
    assert "NATO" in res[i]["targets"]
    ev = [e for e in res[i]["evidence"] if e["dimension"] == "speaker"]
    assert ev and ev[0]["rule"] == "according_to"


def test_seed_evidence_offsets_point_at_the_words(seed_results):
    paras, res = seed_results
    for p, r in zip(paras, res, strict=True):
        for e in r["evidence"]:
            assert p[e["start"]:e["end"]] == e["term"]
            assert e["dimension"] in ("speaker", "target", "actor")
            assert {"term", "start", "end", "dimension", "weight", "rule"} <= set(e)


def test_actors_are_deduplicated_in_order(seed_results):
    _, res = seed_results
    assert res[0]["actors"] == ["Dmitry Peskov", "Vladimir Putin", "Donald Trump"]


# ------------------------------------------------------------------ speaker rules
def test_quote_attribution(reg):
    r = att("“We will continue the operation until we achieve all our goals,” Peskov stated.", reg)
    assert r["speaker"] == "Dmitry Peskov"
    r = att("“It was a costly mistake,” said the official.", reg,
            {"last_speaker": ("United States", True, False)})
    assert r["speaker"] == "United States"


def test_narration_has_no_speaker(reg):
    r = att("With Russian forces making major gains, the war in Ukraine has entered a crucial stage.", reg)
    assert r["speaker"] is None
    assert r["actors"] == ["Russia", "Ukraine"]


def test_pronoun_resolves_to_last_person(reg):
    ctx: dict = {}
    att("Ukrainian President Volodymyr Zelensky said he had a warm conversation with Trump.", reg, ctx)
    r = att("He added that he admires Trump's commitment to peace.", reg, ctx)
    assert r["speaker"] == "Volodymyr Zelensky"
    assert r["targets"] == ["Donald Trump"]
    assert any(e["rule"] == "pronoun" for e in r["evidence"] if e["dimension"] == "speaker")


def test_pronoun_within_paragraph_prefers_earlier_subject(reg):
    r = att("Putin complimented Trump last Thursday. He said that Moscow is willing to talk with the US.", reg)
    assert r["speaker"] == "Vladimir Putin"


def test_quote_continues_into_next_paragraph(reg):
    ctx: dict = {}
    first = att("He responded: “On that subject, I can say that mercenaries fight on the side of Ukraine.", reg,
                {"last_speaker": ("Andrei Kelin", True, True)} | ctx)
    assert first["speaker"] == "Andrei Kelin"
    ctx = {"prev_speaker": ("Andrei Kelin", True), "open_quote": True, "last_speaker": ("Andrei Kelin", True, True),
           "targets_by_speaker": {}}
    r = att("“We have seen a Polish unit in the Kursk area. So what's the matter?”", reg, ctx)
    assert r["speaker"] == "Andrei Kelin"
    assert r["targets"] == ["Poland"]
    assert any(e["rule"] == "quote_continues" for e in r["evidence"])


def test_unregistered_speaker_is_reported(reg):
    r = att("Defence Minister Pierre Joxe said France is ready to contribute troops.", reg)
    assert r["speaker"] == "Pierre Joxe"
    assert r["speaker_registered"] is False
    assert "France" in r["targets"]


def test_appositive_and_spokesman_for(reg):
    r = att("Dmitry Peskov, a spokesman for the Kremlin, denied that Putin and Trump had spoken.", reg)
    assert r["speaker"] == "Dmitry Peskov"
    r = att("Netanyahu's spokesman said Israel would respond to Hezbollah.", reg)
    assert r["speaker"] == "Benjamin Netanyahu"


def test_unnamed_official_counts_as_state(reg):
    r = att("One U.S. official said the move is aimed at deterring Pyongyang.", reg)
    assert r["speaker"] == "United States"
    assert r["targets"] == ["North Korea"]


def test_passive_and_declines_are_not_speech(reg):
    assert att("The Kremlin was widely accused of interfering in the election.", reg)["speaker"] is None
    assert att("The White House and Pentagon declined to comment.", reg)["speaker"] is None


def test_reporting_verbs_are_named_data():
    assert {"said", "warned", "denied", "praised", "complimented", "congratulated", "urged"} <= REPORTING_VERBS


# ------------------------------------------------------------------ targets
def test_targets_objects_and_exclusions(reg):
    r = att("Russian President Vladimir Putin has warned NATO that Russia will respond to strikes.", reg)
    assert r["speaker"] == "Vladimir Putin"
    assert r["targets"] == ["NATO"]  # Russia is the speaker's own state
    tev = [e for e in r["evidence"] if e["dimension"] == "target"]
    assert tev[0]["rule"] == "object_of_verb" and tev[0]["term"] == "NATO"


def test_targets_exclude_media_and_war_location(reg):
    r = att("Trump told NBC News he would end the war in Ukraine and talk with Putin.", reg)
    assert r["speaker"] == "Donald Trump"
    assert r["targets"] == ["Vladimir Putin"]


def test_cue_objects_are_targets(reg):
    text = "Kim Jong Un pledged support to Moscow."
    cue = {"term": "pledged support", "start": 12, "end": 27, "dimension": "escalation", "weight": -0.5,
           "rule": "lexicon", "rhetoric": "cooperation", "cameo": "051"}
    r = att(text, reg, cues=[cue])
    assert r["speaker"] == "Kim Jong Un"
    assert "Russia" in r["targets"]


def test_empty_paragraph(reg):
    r = attribute("", [], [], reg, context={})
    assert r == {"speaker": None, "speaker_registered": True, "targets": [], "actors": [], "evidence": []}


# ------------------------------------------------------------------ statements
def _scores(reg):
    texts = ["Putin complimented Trump last Thursday and commended him for his fortitude.",
             "Russia has warned the United States that strikes would be a major escalation; "
             "it praised Hungary for its restraint.",
             "The weather was calm."]
    rows = []
    ctx: dict = {}
    for i, t in enumerate(texts):
        r = att(t, reg, ctx)
        rows.append({"doc_id": "d", "para_id": i, "text": t, "sentiment": 0.0, "escalation": 0.5 if i == 1 else -0.3,
                     "rhetoric": "warning" if i == 1 else "praise", "speaker": r["speaker"],
                     "targets": r["targets"], "actors": r["actors"], "evidence": r["evidence"]})
    return pd.DataFrame(rows)


def test_statements_rows_per_target(reg):
    scores = _scores(reg)
    before = scores.copy(deep=True)
    st = statements(scores)
    assert list(st.columns) == ["doc_id", "para_id", "speaker", "target", "sentiment", "escalation", "rhetoric",
                                "evidence", "text"]
    assert set(st["para_id"]) == {0, 1}  # the paragraph without targets gives no row
    pairs = list(zip(st["speaker"], st["target"], strict=True))
    assert ("Vladimir Putin", "Donald Trump") in pairs
    assert ("Russia", "United States") in pairs and ("Russia", "Hungary") in pairs
    us = st[(st["para_id"] == 1) & (st["target"] == "United States")].iloc[0]
    hu = st[(st["para_id"] == 1) & (st["target"] == "Hungary")].iloc[0]
    assert "Hungary" not in us["text"] and "Hungary" in hu["text"]  # each target scored in its own clause
    assert hu["sentiment"] > us["sentiment"]
    assert any(e.get("actor") == "Hungary" for e in hu["evidence"])
    pd.testing.assert_frame_equal(scores, before)


def test_statements_validation():
    with pytest.raises(ValueError, match=r"missing the column\(s\) \['targets'\]"):
        statements(pd.DataFrame({"doc_id": [], "para_id": [], "text": [], "speaker": []}))
    with pytest.raises(TypeError, match="must be the DataFrame"):
        statements([1, 2])


def test_statements_empty_frame():
    empty = pd.DataFrame(columns=["doc_id", "para_id", "text", "speaker", "targets", "evidence"])
    assert len(statements(empty)) == 0


# ------------------------------------------------------------------ target tone (statements' sentiment)
def _tone(text, target):
    from toolkit.attribution import target_tone

    i = text.index(target)
    return target_tone(text, i, i + len(target), sentence_spans(text))


def test_target_tone_object_of_criticism_is_negative():
    for text, target in [("Hollande hit out at Trump as he arrived at the summit in Malta.", "Trump"),
                         ("The senator blamed President Obama for the shutdown.", "Obama"),
                         ("Protesters gathered to voice anger at Johnson on Friday.", "Johnson"),
                         ("Menendez was indicted on Thursday in New Jersey.", "Menendez")]:
        t = _tone(text, target)
        assert (t["label"], t["sentiment"] < 0) == (-1, True), text
        assert t["rule"] in ("object_of_criticism", "criticised_passive")


def test_target_tone_object_of_praise_is_positive():
    for text, target in [("Putin praised Trump on Thursday.", "Trump"),
                         ("Kirk gave credit to McGovern for the primary win.", "McGovern"),
                         ("Leaders paid tribute to Mandela at the funeral.", "Mandela")]:
        t = _tone(text, target)
        assert (t["label"], t["rule"]) == (1, "object_of_praise"), text
        assert t["sentiment"] >= 0.5


def test_target_tone_neutral_report_and_news_words():
    t = _tone("Tillerson said the meeting would take place in Geneva next week.", "Tillerson")
    assert (t["label"], t["rule"]) == (0, "window_polarity")
    t = _tone("Weiner, embroiled in a sexting scandal, faces an investigation.", "Weiner")
    assert t["label"] == -1 and t["rule"] == "window_polarity"
    # the span the tone was read from lies inside the target's sentence
    text = "Markets rallied. Tillerson said the talks would resume."
    t = _tone(text, "Tillerson")
    assert t["clause"][0] >= text.index("Tillerson") - 1


def test_statements_carry_the_tone_rule(reg):
    st = statements(_scores(reg))
    tones = [e for ev in st["evidence"] for e in ev if e["dimension"] == "target_sentiment"]
    assert tones and {"term", "start", "end", "weight", "rule", "actor"} <= set(tones[0])
    row = st.iloc[0]
    tone_ev = [e for e in row["evidence"] if e["dimension"] == "target_sentiment"][0]
    assert tone_ev["actor"] == row["target"] and tone_ev["weight"] == row["sentiment"]


# ------------------------------------------------------------------ the per-paragraph analysis cache
def test_cached_paragraph_still_resolves_pronouns_from_its_own_context(reg):
    text = "He said the talks with Ukraine had gone well."
    a = att(text, reg, {"last_speaker": ("Vladimir Putin", True, True)})
    b = att(text, reg, {"last_speaker": ("Donald Trump", True, True)})
    assert (a["speaker"], b["speaker"]) == ("Vladimir Putin", "Donald Trump")
    assert att(text, reg, {})["speaker"] is None


def test_cached_results_are_fresh_objects(reg):
    text = "Russia has warned the United States against allowing Ukraine to strike deep into Russian territory."
    first = att(text, reg)
    first["targets"].append("X")
    first["evidence"][0]["term"] = "changed"
    first["actors"].clear()
    second = att(text, reg)
    assert second["speaker"] == "Russia" and "X" not in second["targets"]
    assert second["actors"] and all(text[e["start"]:e["end"]] == e["term"] for e in second["evidence"])


def test_quote_continuation_not_frozen_by_the_cache(reg):
    ctx = {"prev_speaker": ("Dmitry Peskov", True), "open_quote": True}
    r1 = att("“We will respond to any strike.", reg, dict(ctx, targets_by_speaker={}))
    r2 = att("“We will respond to any strike.", reg, {})
    assert r1["speaker"] == "Dmitry Peskov" and r2["speaker"] is None
