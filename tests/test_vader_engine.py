"""toolkit._vader: our VADER scorer gives exactly NLTK 3.10's ``polarity_scores``."""
from __future__ import annotations

import json
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import SEED_FILE, SHARED_DATA
from toolkit import _vader


@pytest.fixture(scope="module")
def lexicon() -> dict[str, float]:
    from toolkit.sentiment import analyzer

    return analyzer(None).lexicon


def _nltk(lexicon: dict[str, float]):
    """Stock NLTK analyzer (not toolkit's subclass) whose ``.lexicon`` is ``lexicon``."""
    from nltk.sentiment.vader import SentimentIntensityAnalyzer, VaderConstants

    sia = SentimentIntensityAnalyzer.__new__(SentimentIntensityAnalyzer)
    sia.lexicon = lexicon
    sia.constants = VaderConstants()
    return sia


@pytest.fixture(scope="module")
def oracle(lexicon):
    return _nltk(lexicon)


def _check(sentence: str, lexicon: dict[str, float], oracle) -> None:
    expected = oracle.polarity_scores(sentence)
    assert _vader.scores(sentence, lexicon) == expected, sentence
    assert _vader.compound(sentence, lexicon) == expected["compound"], sentence


TRICKY = [
    "",
    " \t\n ",
    "a",
    "!",
    "!! ?? , . ; : - ' \"",
    "Good.",
    "good",
    "GOOD",
    "GOOD!!! good",
    "The talks were GOOD, the food was BAD.",
    "THE TALKS WERE GOOD.",
    "It was VERY good and EXTREMELY bad.",
    "It was very, very good.",
    "not good",
    "Not good at all!",
    "It isn't good.",
    "It wasn't, really, that good.",
    "never so good",
    "never this bad",
    "Never so good",
    "so good",
    "this is so good",
    "it was never ever so very good",
    "He was kind of good.",
    "He was kind, of course.",
    "kind of",
    "It was kind.",
    "sort of good, kinda bad, sorta nice",
    "The food was good but the service was terrible.",
    "But it was good.",
    "It was good but",
    "good BUT bad but great",
    "Good, but... bad!",
    "at least good",
    "very least good",
    "the least good",
    "least good",
    "not the least bit happy",
    "That movie was the bomb.",
    "yeah right, it was great",
    "he cut the mustard",
    "a kiss of death for the deal",
    "living hand to mouth",
    "bad ass",
    "It's just enough good.",
    "Absolutely amazing!!!!!",
    "Is it good???",
    "Is it good??",
    "Is it bad?!?",
    "Why?",
    "good?!?! bad!?!? ok?!?",
    "'good' \"bad\" -nice- (great) [awful] ...terrible... excellent...",
    ",good .bad ;nice :great -awful 'hope \"love",
    "good, bad; nice: great- awful' hope\" love!!",
    "!!!good ???bad ?!?nice good!!! bad??? nice!?!",
    "wo.rd. go-od. x-ray, don't! can't-stop. U.S. good.",
    ":) :( :D :-) <3 </3 ;)",
    "The U.S. said: 'no deal'. It's \"very\" good,but... terrible!!",
    "Putin said Trump was “hounded from all sides” during his first term.",
    "Café naïve résumé — good… “great” ‘bad’",
    "ΟΔΟΣ good ΣΑΣ bad",
    "İstanbul was GOOD. İ good",
    "Straße GROSS good",
    "good\u00a0bad\u2003nice\x1cgreat\x85awful",
    "good good good bad bad",
    "Good good GOOD good.",
    "not good good",
    "very good, good",
    "no no no",
    "without hope, never love, nor joy",
    "uh-uh good, uhuh nice, nope great",
    "I don't doubt it's good, but I wouldn't say great.",
    "The ceasefire was agreed; the invasion continued.",
    "Hello!!! (world)... 'quoted' \"x\" :) :D -- --word word-- ??? great!?!",
    "GREAT, good; \"bad\" - not bad at all.",
    "It was kind of good. kind of",
    "at least good, not the least bad",
]


@pytest.mark.parametrize("sentence", TRICKY)
def test_tricky_sentences_score_as_nltk(sentence, lexicon, oracle):
    _check(sentence, lexicon, oracle)


def test_known_values(lexicon):
    # values NLTK 3.10 gives with the toolkit's lexicon (VADER + news terms)
    assert _vader.compound("", lexicon) == 0.0
    assert _vader.scores("", lexicon) == {"neg": 0.0, "neu": 0.0, "pos": 0.0, "compound": 0.0}
    assert _vader.scores("a table", lexicon) == {"neg": 0.0, "neu": 1.0, "pos": 0.0, "compound": 0.0}
    assert _vader.compound("good", lexicon) == pytest.approx(0.4404)
    assert _vader.compound("not good", lexicon) < 0 < _vader.compound("good", lexicon)
    assert _vader.compound("very good", lexicon) > _vader.compound("good", lexicon)
    assert _vader.compound("good!!!", lexicon) > _vader.compound("good", lexicon)


def test_tokens_are_nltk_words_and_emoticons():
    from nltk.sentiment.vader import SentiText, VaderConstants

    c = VaderConstants()
    for sentence in TRICKY:
        expected = SentiText(sentence, c.PUNC_LIST, c.REGEX_REMOVE_PUNCTUATION).words_and_emoticons
        assert _vader._tokens(sentence) == expected, sentence


def test_custom_lexicon_quirks_match_nltk(lexicon):
    # lexicon entries that interact with the rules: boosters, "least", "but", "so", "of", zero valence
    lex = dict(lexicon)
    lex.update({"very": 1.5, "least": -1.0, "but": 0.7, "so": 0.4, "of": 0.0, "kind": 1.9, "never": -0.5,
                "at": 0.3, "the": 0.0, "mustard": 1.0, "not": -1.2})
    oracle = _nltk(lex)
    before = dict(lex)
    for sentence in TRICKY + ["at least mustard", "the least kind of good", "very least so never good"]:
        _check(sentence, lex, oracle)
    assert lex == before  # the lexicon is only read


def test_empty_lexicon():
    oracle = _nltk({})
    for sentence in ["good bad!!!", "", "Is it???"]:
        _check(sentence, {}, oracle)


def test_non_string_is_rejected(lexicon):
    with pytest.raises(TypeError, match="`sentence` must be a str, but bytes"):
        _vader.compound(b"good", lexicon)
    with pytest.raises(TypeError, match="`sentence` must be a str, but NoneType"):
        _vader.scores(None, lexicon)


# --- property tests against the NLTK oracle ---------------------------------------------------------

_WORDS = [
    # lexicon words (positive / negative), some from the news terms
    "good", "bad", "great", "terrible", "love", "hate", "peace", "war", "kill", "hope", "nice", "awful",
    "ceasefire", "invasion", "threat", "agreed", "no", "yes", "like", "kind", "least", "shit", "bomb",
    "mouth", "death", "mustard", "right", "ass", "welcome", "lol", ":)", ":(", "<3",
    # boosters and dampeners, negations, rule words
    "very", "extremely", "so", "really", "most", "more", "less", "barely", "kinda", "sort-of", "kind-of",
    "just", "enough", "sort", "of", "not", "never", "isn't", "don't", "aint", "without", "nor", "uh-uh",
    "but", "at", "this", "the", "yeah", "cut", "kiss", "hand", "to",
    # neutral and odd tokens
    "table", "a", "I", "U.S.", "x-ray", "it's", "café", "ΟΔΟΣ", "İ", "straße", "—", "…", "“quoted”",
    "1", "42", "#tag", "@user", "http://x.y/z",
]
_MARKS = ["", "", "", "", ".", ",", "!", "?", ";", ":", "-", "'", '"', "!!", "!!!", "??", "???", "?!?",
          "!?!", "?!?!", "!?!?", "...", ")", "(", "--", "!!!!", "?!"]
_SPACES = [" ", " ", " ", " ", "  ", "\t", "\n", "\u00a0", "\u2003", "\x1c"]


@st.composite
def _token(draw) -> str:
    word = draw(st.sampled_from(_WORDS))
    case = draw(st.sampled_from(["keep", "keep", "upper", "title"]))
    if case == "upper":
        word = word.upper()
    elif case == "title":
        word = word.title()
    return draw(st.sampled_from(_MARKS)) + word + draw(st.sampled_from(_MARKS))


@st.composite
def _sentence(draw) -> str:
    tokens = draw(st.lists(_token(), max_size=25))
    out = ""
    for tok in tokens:
        out += tok + draw(st.sampled_from(_SPACES))
    return out + draw(st.sampled_from(["", ".", "!", "!!!", "?", "???", "?!", "!!!!!!"]))


_PROPS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@_PROPS
@given(_sentence())
def test_word_soup_matches_nltk(sentence):
    from toolkit.sentiment import analyzer

    lex = analyzer(None).lexicon
    _check(sentence, lex, _nltk(lex))


# emoji-free unicode: no symbols (So), no surrogates
_TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs", "So")), max_size=80)


@_PROPS
@given(st.lists(st.one_of(_TEXT, _token()), max_size=8).map(" ".join))
def test_unicode_text_matches_nltk(sentence):
    from toolkit.sentiment import analyzer

    lex = analyzer(None).lexicon
    _check(sentence, lex, _nltk(lex))


@settings(max_examples=100, deadline=None)
@given(_sentence(), st.dictionaries(st.sampled_from([w.lower() for w in _WORDS]),
                                    st.sampled_from([0.0, 1.0, -1.0, 2.5, -3.1, 0.293, -0.293]), max_size=12))
def test_any_lexicon_matches_nltk(sentence, changes):
    from toolkit.sentiment import analyzer

    lex = {**analyzer(None).lexicon, **changes}
    _check(sentence, lex, _nltk(lex))


# --- every sentence of the evaluation data --------------------------------------------------------


def _data_sentences() -> list[str]:
    import csv

    from toolkit.segment import split_sentences

    texts = [SEED_FILE.read_text(encoding="utf-8")]
    for name in ("nyt_snippets.dev.tsv", "quadclass.dev.tsv"):
        with open(SHARED_DATA / name, encoding="utf-8", newline="") as f:
            texts += [r["text"] for r in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE)]
    for name, key in (("newsmtsc_mt.dev.jsonl", "sentence_normalized"), ("plover.dev.jsonl", "text")):
        with open(SHARED_DATA / name, encoding="utf-8") as f:
            texts += [json.loads(ln)[key] for ln in f if ln.strip()]
    with open(SHARED_DATA / "news.dev.jsonl", encoding="utf-8") as f:
        texts += [p for ln in f if ln.strip() for p in json.loads(ln)["paragraphs"]]
    out: set[str] = set()
    for text in texts:
        for para in text.splitlines():
            out.add(para)
            out.update(split_sentences(para))
    return sorted(out)


@pytest.mark.slow
@pytest.mark.skipif(not SHARED_DATA.is_dir(), reason="../shared/data (evaluation data) not available")
def test_all_evaluation_sentences_match_nltk(lexicon, oracle):
    sentences = _data_sentences()
    assert len(sentences) > 7000
    started = time.monotonic()
    differ, checked = [], 0
    for sentence in sentences:
        if _vader.scores(sentence, lexicon) != oracle.polarity_scores(sentence):
            differ.append(sentence)
        checked += 1
        if time.monotonic() - started > 15:  # stay under 20 s on a busy machine: check what we reached
            break
    assert not differ, differ[:3]
    assert checked >= 1000  # a real sample even when the machine is slow
