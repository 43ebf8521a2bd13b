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


def test_fast_vader_gives_nltk_scores():
    # the linear-time tokenisation must reproduce NLTK's SentiText token for token
    from nltk.sentiment.vader import SentimentIntensityAnalyzer

    from toolkit.sentiment import _base_analyzer, vader_lexicon_path

    stock = SentimentIntensityAnalyzer(lexicon_file="file:" + vader_lexicon_path())
    fast = _base_analyzer()
    texts = [
        "Hello!!! (world)... 'quoted' \"x\" :) :D -- --word word-- ??? great!?!",
        "GREAT, good; \"bad\" - not bad at all.", "It was kind of good. kind of", "at least good, not the least bad",
        "The U.S. said: 'no deal'. It's \"very\" good,but... terrible!!", "a", "", "!! ?? , .",
        "Putin said Trump was “hounded from all sides” during his first term.",
    ]
    for text in texts:
        assert fast.polarity_scores(text) == stock.polarity_scores(text), text


def test_evidence_from_shared_tokens_matches_own_tokenisation():
    from toolkit.escalation import tokenize

    lex = load_lexicon()
    text = "Peskov said the claims were “absolutely false” and not helpful, but welcomed talks."
    assert sentiment_evidence(text, lex, tokens=tokenize(text)) == sentiment_evidence(text, lex)
