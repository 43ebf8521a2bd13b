"""Lexicon loading, merging and validation (toolkit/lexicon.py)."""
import pandas as pd
import pytest

from toolkit.lexicon import LEXICON_VERSION, RHETORIC_CLASSES, load_lexicon


def test_package_lexicon_has_hand_and_cameo_entries():
    lex = load_lexicon()
    frame = lex.escalation_frame()
    assert {"package", "cameo"} <= set(frame["source"])
    assert set(frame["rhetoric"]) <= set(RHETORIC_CLASSES) - {"neutral"}
    assert frame["goldstein"].between(-10, 10).all()
    assert lex.version == LEXICON_VERSION


def test_hand_entry_wins_over_cameo_entry_of_same_length():
    lex = load_lexicon()
    first = lex.candidates("warned")[0]
    assert first.source == "package" and first.rhetoric == "warning"


def test_user_lexicon_merge_adds_and_overrides():
    lex = load_lexicon(pd.DataFrame({"term": ["frobnicate", "warned"], "rhetoric": ["threat", "praise"],
                                     "weight": [0.7, -0.3]}))
    assert lex.candidates("frobnicate")[0].weight == pytest.approx(0.7)
    assert lex.candidates("warned")[0].rhetoric == "praise"
    assert lex.user_terms == 2 and lex.version.endswith("+user2")


def test_user_lexicon_replace_drops_package_cues():
    lex = load_lexicon({"frobnicate": {"rhetoric": "threat", "weight": 0.7}}, replace=True)
    assert [e.term for e in lex.escalation] == ["frobnicate"]
    assert lex.sentiment.get("good") is not None  # VADER's lexicon is kept


def test_user_sentiment_term():
    lex = load_lexicon({"frobnicate": 2.5})
    assert lex.sentiment["frobnicate"] == 2.5


@pytest.mark.parametrize("frame, message", [
    (pd.DataFrame({"term": ["a"], "rhetoric": ["thret"], "weight": [0.5]}),
     r"`rhetoric` must be one of .*but 'thret' was passed"),
    (pd.DataFrame({"term": ["a"], "rhetoric": ["threat"], "goldstein": [-12]}),
     r"`goldstein` must be in \[-10, 10\], but -12.0 was passed"),
    (pd.DataFrame({"term": ["a"], "valence": [9]}), r"`valence` must be in \[-4, 4\]"),
    (pd.DataFrame({"trem": ["a"], "valence": [1]}), r"must have a `term` column.*Did you mean 'trem'"),
    (pd.DataFrame({"term": ["a", "a"], "rhetoric": ["threat", "threat"], "weight": [0.5, 0.5]}),
     r"appears twice"),
    (pd.DataFrame({"term": ["a"], "rhetoric": ["threat"], "weight": [0.5], "kind": ["verb"]}),
     r"`kind` must be one of"),
])
def test_user_lexicon_validation_errors(frame, message):
    with pytest.raises(ValueError, match=message):
        load_lexicon(frame)


def test_bad_lexicon_type_and_path():
    with pytest.raises(TypeError, match=r"`lexicon` must be None, a DataFrame"):
        load_lexicon(42)
    with pytest.raises(FileNotFoundError, match=r"does not exist"):
        load_lexicon("no/such/file.csv")


def test_candidate_cache_returns_the_uncached_lists():
    lex = load_lexicon()
    for tok in ("warned", "strikes", "blew", "zebra", "condemnation", ","):
        assert lex.candidates(tok) == lex._candidates(tok)
        assert lex.candidates(tok) == lex._candidates(tok)  # second call: from the cache


def test_goldstein_zero_has_zero_weight_not_negative_zero():
    lex = load_lexicon()
    entry = next(e for e in lex.escalation if e.term.startswith("declined|"))
    assert entry.weight == 0 and str(entry.weight) == "0.0"
