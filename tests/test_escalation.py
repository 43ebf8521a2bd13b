"""Escalation rules, each named in the evidence (toolkit/escalation.py)."""
import pytest

import toolkit
from toolkit.escalation import (
    TONE_FALLBACK_WEIGHT,
    escalation_cues,
    score_escalation,
    tokenize,
    tone_fallback,
)
from toolkit.lexicon import load_lexicon


def _row(text):
    return toolkit.score(text, actors=False).iloc[0]


def _esc(row):
    return [ev for ev in row["evidence"] if ev["dimension"] == "escalation"]


def test_negation_turns_attack_into_mild_conciliation():
    row = _row("Russia will not attack NATO.")
    assert row["escalation"] < 0
    cue = next(ev for ev in _esc(row) if ev["term"] == "attack")
    assert "negation" in cue["rule"]
    assert any(ev["dimension"] == "negation" and ev["term"] == "not" for ev in row["evidence"])


def test_denial_scope_zeroes_the_denied_strike_only_after_the_verb():
    row = _row("The Kremlin denied plans to strike Kyiv.")
    assert row["rhetoric"] == "denial" and row["escalation"] == 0
    strike = next(ev for ev in _esc(row) if ev["term"] == "strike")
    assert strike["weight"] == 0 and "denial" in strike["rule"]
    # an attack named before the denial verb is outside its scope
    row2 = _row("Russia attacked Kyiv, then denied it.")
    assert row2["escalation"] > 0.5


def test_conditional_consequence_is_a_warning():
    row = _row("Moscow will consider it a major escalation if Kyiv launches strikes on Russia.")
    assert row["escalation"] > 0 and row["rhetoric"] == "warning"
    strikes = next(ev for ev in _esc(row) if ev["term"] == "strikes")
    assert "conditional" in strikes["rule"] and strikes["weight"] == pytest.approx(0.6)


def test_conditional_force_without_consequence_is_a_threat():
    row = _row("We will strike the bridge if they cross the river.")
    assert row["escalation"] > 0 and row["rhetoric"] == "threat"


def test_hedge_halves_the_cue():
    row = _row("Russia reportedly attacked the depot.")
    cue = next(ev for ev in _esc(row) if ev["term"] == "attacked")
    assert "hedge" in cue["rule"] and cue["weight"] == pytest.approx(0.5)
    assert any(ev["dimension"] == "hedge" and ev["term"] == "reportedly" for ev in row["evidence"])


def test_intensifier_raises_but_caps_weight():
    row = _row("The ministry issued a strong warning.")
    plain = next(ev for ev in _esc(row) if ev["term"] == "warning")["weight"]
    row2 = _row("The ministry issued a serious warning.")
    cue = next(ev for ev in _esc(row2) if ev["term"] == "warning")
    assert "intensifier" in cue["rule"] and cue["weight"] == pytest.approx(min(1.0, plain * 1.25))
    row3 = _row("Russia launched a massive attack on Kyiv.")
    assert row3["escalation"] == 1.0


def test_reported_speech_turns_quoted_force_into_a_claim():
    row = _row("“We have mercenaries fighting for Ukraine,” he said.")
    cue = next(ev for ev in _esc(row) if ev["term"] == "fighting")
    assert "reported_speech" in cue["rule"] and cue["rhetoric"] == "criticism"
    assert row["rhetoric"] == "criticism" and row["escalation"] > 0
    narrated = _row("Troops were fighting near Kursk.")
    assert narrated["rhetoric"] == "military_action"


def test_speech_scope_lets_the_speech_act_decide_the_side():
    row = _row("The Council welcomes efforts to curb violence.")
    assert row["escalation"] < 0 and row["rhetoric"] == "praise"
    violence = next(ev for ev in _esc(row) if ev["term"] == "violence")
    assert "speech_scope" in violence["rule"]


def test_multiword_longest_match_wins():
    lex = load_lexicon()
    text = "They signed a peace agreement."
    cues, _ = escalation_cues(text, lex)
    terms = [c["term"] for c in cues]
    assert "signed a" not in terms
    row = _row("Officials called for restraint.")
    assert [ev["term"] for ev in _esc(row)][0] == "called for"


def test_cameo_verbs_extend_coverage_but_not_noun_readings():
    row = _row("Rebels ambushed and abducted the convoy guards.")
    assert row["escalation"] > 0
    lex = load_lexicon()
    cues, _ = escalation_cues("The campaign continued.", lex)
    assert not [c for c in cues if c["rule"].startswith("lexicon:cameo")]


def test_magnitude_is_strongest_act_goldstein():
    cues, _ = escalation_cues("Russia warned NATO and then attacked Kyiv.", load_lexicon())
    esc, rhet = score_escalation(cues)
    assert esc == pytest.approx(1.0)  # attack: Goldstein -10
    assert rhet == "warning"  # the speech act names the rhetoric


def test_tone_fallback_only_without_cues_and_with_clear_tone():
    row = _row("It was a gruesome and horrible day.")
    assert row["escalation"] == pytest.approx(TONE_FALLBACK_WEIGHT) and row["rhetoric"] == "neutral"
    fb = [ev for ev in row["evidence"] if ev["rule"] == "tone_fallback"]
    assert len(fb) == 1 and row["text"][fb[0]["start"]:fb[0]["end"]] == fb[0]["term"]
    assert _row("The report was published on Tuesday in Geneva.")["escalation"] == 0
    assert tone_fallback(0.0, "neutral", [], 0.1, []) == (0.0, None)


def test_tokenize_offsets():
    text = "U.S. won’t strike."
    for tok, s, e in tokenize(text):
        assert text[s:e].lower().replace("’", "'") == tok


@pytest.mark.parametrize("text, term", [
    ("He worked as a security guard in a company.", "guard"),        # bare form, no verb context
    ("Trump's claim deserves attention.", "claim"),                   # after a possessive
    ("The prisoners were held in occupied territories.", "occupied"),  # -ed form after a preposition
    ("It curbs financing of terrorism.", "financing"),                 # gerund used as a noun
])
def test_cameo_verbs_do_not_match_their_noun_or_adjective_reading(text, term):
    cues, _ = escalation_cues(text, load_lexicon())
    assert all(c["term"].lower() != term or "cameo" not in c["rule"] for c in cues)


@pytest.mark.parametrize("text, term", [
    ("Afghan guerillas blew up three power lines.", "blew"),  # irregular past: a verb
    ("They will protect the convoy.", "protect"),              # after a modal
    ("We strongly condemn it and pledge to help Ukraine.", "help"),  # after "to"
])
def test_cameo_verbs_still_match_as_verbs(text, term):
    cues, _ = escalation_cues(text, load_lexicon())
    assert any(c["term"].lower() == term for c in cues)


def test_base_form_is_independent_of_set_order():
    from toolkit.escalation import _base_form

    assert _base_form("blow|blowed|blowing|blows|blown|blew") == "blow"
    assert _base_form("found|founded|founding|founds") == "found"


def test_declined_to_comment_is_no_act_and_tear_gas_is_repression():
    row = _row("The ministry declined to comment.")
    assert row["escalation"] == 0 and row["rhetoric"] == "neutral"
    row = _row("Police fired tear gas at the crowd.")
    cue = next(ev for ev in _esc(row) if ev["term"] == "tear gas")
    assert cue["cameo"] == "175" and row["escalation"] == pytest.approx(0.9)


def test_reversal_verbs_undo_the_act_they_govern():
    row = _row("The army lifted the blockade on the port.")
    cue = next(ev for ev in _esc(row) if ev["term"] == "blockade")
    assert "reversal" in cue["rule"] and row["escalation"] < 0
    assert any(ev["dimension"] == "reversal" and ev["term"] == "lifted" for ev in row["evidence"])
    row = _row("The union called off the strike.")
    assert row["escalation"] < 0
    row = _row("Japan halted economic aid to Serbia.")
    assert row["escalation"] > 0 and row["rhetoric"] == "criticism"
