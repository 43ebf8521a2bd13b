"""Sentiment: VADER per sentence, news terms, denial and negation (toolkit/sentiment.py)."""
import toolkit
from toolkit.lexicon import load_lexicon
from toolkit.sentiment import polarity, sentence_polarity, sentiment_evidence


def test_polarity_averages_sentences():
    text = "This is wonderful. This is terrible."
    vals = [sentence_polarity("This is wonderful."), sentence_polarity("This is terrible.")]
    assert polarity(text) == sum(vals) / 2
    assert polarity("") == 0.0


def test_news_terms_are_used():
    assert sentence_polarity("The invasion continued.") < 0
    assert sentence_polarity("A ceasefire was agreed.") > 0


def test_negation_flips_evidence_weight():
    ev = sentiment_evidence("This is not good.", load_lexicon())
    good = next(e for e in ev if e["term"] == "good")
    assert good["weight"] < 0 and "negation" in good["rule"]


def test_denial_keeps_denied_praise_from_lifting_tone():
    denial = toolkit.score("Peskov denied that the talks were a great success.", actors=False).iloc[0]
    plain = toolkit.score("The talks were a great success.", actors=False).iloc[0]
    assert denial["sentiment"] < plain["sentiment"]
    assert any(ev["dimension"] == "sentiment" and ev["rule"] == "denial" for ev in denial["evidence"])
