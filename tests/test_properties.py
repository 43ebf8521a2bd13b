"""Property tests (hypothesis): random unicode text and random frames never break scoring.

Expected paragraphs are computed here independently of toolkit.segment: a paragraph is a
line (split at CR/LF) that is not blank, stripped of surrounding white space; a document
without one is kept as one empty paragraph.
"""
from __future__ import annotations

import html
import math
import os
import re
import warnings

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import toolkit
from toolkit.io import _html_to_text, _is_path_like_str, _looks_like_filename
from toolkit.lexicon import RHETORIC_CLASSES
from toolkit.segment import sentence_spans, split_paragraphs

#: examples per property; raise it for a bug hunt: TOOLKIT_PROPERTY_EXAMPLES=500 pytest tests/test_properties.py
N = int(os.environ.get("TOOLKIT_PROPERTY_EXAMPLES", "30"))
SETTINGS = settings(max_examples=N, deadline=None, suppress_health_check=[HealthCheck.too_slow])

VOCAB = ["Russia", "warned", "NATO", "praised", "Trump", "threatened", "strikes", "peace", "talks", "not",
         "denied", "would", "if", "U.S.", "Mr.", "great", "terrible", "war", "attack", "cooperation", "!", "?",
         ".", ",", "\"", "“", "”", "’s", "never", "reportedly", "major", "very", "ceasefire", "sanctions", ":)",
         "Putin", "said", "Ukraine", "Kremlin", "1.", "e.g.", "—", "🙂", "نعم", "Москва", "战争"]
SEPARATORS = [" ", " ", " ", "\n", "\n\n", "\r\n", ". ", " \t ", "\u00a0", "\u2028", "\x0b", "\r"]

# random unicode without surrogates; "<" excluded so that no random text is taken for HTML
unicode_text = st.text(alphabet=st.characters(exclude_categories=("Cs",), exclude_characters="<"), max_size=200)
word_text = st.lists(st.tuples(st.sampled_from(VOCAB), st.sampled_from(SEPARATORS)), max_size=60).map(
    lambda pairs: "".join(w + s for w, s in pairs))
any_text = st.one_of(unicode_text, word_text, st.tuples(word_text, unicode_text).map("".join))


def expected_paragraphs(text: str) -> list[str]:
    paras = [line.strip() for line in re.split(r"[\r\n]", text)]
    paras = [p for p in paras if p]
    return paras or [""]


def check_scores(scores: pd.DataFrame) -> None:
    assert scores["sentiment"].map(lambda v: isinstance(v, float) and -1.0 <= v <= 1.0).all()
    assert scores["escalation"].map(lambda v: isinstance(v, float) and -1.0 <= v <= 1.0).all()
    assert scores["rhetoric"].isin(RHETORIC_CLASSES).all()
    for text, evidence in zip(scores["text"], scores["evidence"], strict=True):
        assert isinstance(evidence, list)
        for ev in evidence:
            assert {"term", "start", "end", "dimension", "weight", "rule"} <= set(ev)
            assert isinstance(ev["start"], int) and isinstance(ev["end"], int)
            assert 0 <= ev["start"] <= ev["end"] <= len(text), ev
            assert text[ev["start"]:ev["end"]] == ev["term"], ev
            assert math.isfinite(ev["weight"])


def score_quietly(data, **kw):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        return toolkit.score(data, actors=False, progress=False, **kw)


@SETTINGS
@given(texts=st.lists(any_text, min_size=1, max_size=4))
def test_random_text_scores_one_row_per_paragraph(texts):
    frame = pd.DataFrame({"doc_id": [f"d{i}" for i in range(len(texts))], "text": texts})
    scores = score_quietly(frame)
    expected = [(f"d{i}", k, p) for i, t in enumerate(texts) for k, p in enumerate(expected_paragraphs(t))]
    got = list(zip(scores["doc_id"], scores["para_id"], scores["text"], strict=True))
    assert got == expected
    check_scores(scores)


@SETTINGS
@given(text=any_text)
def test_random_string_source(text):
    if not text.strip():
        with pytest.raises(ValueError, match="`source` is an empty string"):
            toolkit.read_articles(text)
        return
    if _is_path_like_str(text) or _looks_like_filename(text):
        return  # a string naming a file is read as a path (tested in test_robustness.py)
    scores = score_quietly(text)
    assert scores["text"].tolist() == expected_paragraphs(text)
    assert (scores["doc_id"] == "0").all()
    check_scores(scores)


cell = st.one_of(any_text, st.none(), st.just(float("nan")), st.integers(-10**6, 10**6),
                 st.lists(word_text, max_size=3))
doc_id = st.one_of(st.sampled_from(["a", "b", "a#2", "x y", "ü", ""]), st.integers(0, 3), st.none())


def cell_as_text(value) -> str:
    if value is None or (isinstance(value, float) and value != value):
        return ""
    if isinstance(value, list):
        return "\n".join(value)
    return str(value)


@SETTINGS
@given(rows=st.lists(st.tuples(doc_id, cell, st.sampled_from(["Reuters", None, 3])), min_size=1, max_size=6))
def test_random_frames_keep_every_document_and_id(rows):
    frame = pd.DataFrame({"id": pd.Series([r[0] for r in rows], dtype=object),
                          "body": pd.Series([r[1] for r in rows], dtype=object),
                          "source": pd.Series([r[2] for r in rows], dtype=object)})
    before = frame.copy()
    scores = score_quietly(frame)
    pd.testing.assert_frame_equal(frame, before)  # input not mutated
    ids = list(dict.fromkeys(scores["doc_id"]))
    assert len(ids) == len(rows)  # one distinct id per input row, in input order
    for (given_id, _, _), got in zip(rows, ids, strict=True):
        base = "" if given_id is None else str(given_id)
        assert got == base or got.startswith(base + "#") or (base == "" and got.startswith("row"))
    for (_, body, source), got in zip(rows, ids, strict=True):
        part = scores[scores["doc_id"] == got]
        assert part["text"].tolist() == expected_paragraphs(cell_as_text(body))
        assert part["para_id"].tolist() == list(range(len(part)))
        assert part["source"].map(lambda v: None if v is None or v != v else v).tolist() == [source] * len(part)
    check_scores(scores)


@settings(max_examples=max(5, N // 3), deadline=None)
@given(text=word_text)
def test_scoring_is_deterministic(text):
    frame = pd.DataFrame({"doc_id": ["a", "b"], "text": [text, text + "\nRussia warned NATO."]})
    pd.testing.assert_frame_equal(score_quietly(frame), score_quietly(frame))


@SETTINGS
@given(text=any_text)
def test_paragraph_offsets_point_into_the_document(text):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        paras = split_paragraphs(pd.DataFrame({"doc_id": ["d"], "text": [text]}))
    assert paras["text"].tolist() == expected_paragraphs(text)
    for row in paras.itertuples():
        assert text[row.start:row.end] == row.text


@SETTINGS
@given(text=any_text)
def test_sentence_spans_cover_the_text(text):
    spans = sentence_spans(text)
    prev = 0
    covered = [False] * len(text)
    for s, e in spans:
        assert prev <= s < e <= len(text)
        assert text[s:e] == text[s:e].strip()
        covered[s:e] = [True] * (e - s)
        prev = e
    assert all(c or ch.isspace() for c, ch in zip(covered, text, strict=True))


@SETTINGS
@given(text=st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=200))
def test_html_escaped_text_comes_back_as_text(text):
    page = "<html><body><p>" + html.escape(text) + "</p><script>var x = '<p>no</p>';</script></body></html>"
    stripped, _ = _html_to_text(page)
    assert stripped == re.sub(r"[ \t\n\r\f]+", " ", text).strip(" \t\n\r\f").strip()


@settings(max_examples=max(5, N // 3), deadline=None)
@given(texts=st.lists(word_text, min_size=1, max_size=3))
def test_random_text_with_actor_attribution(texts):
    pytest.importorskip("toolkit.attribution")
    frame = pd.DataFrame({"doc_id": [f"d{i}" for i in range(len(texts))], "text": texts})
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        scores = toolkit.score(frame, progress=False)
    assert len(scores) == sum(len(expected_paragraphs(t)) for t in texts)
    check_scores(scores)
    for speaker, targets, actors in zip(scores["speaker"], scores["targets"], scores["actors"], strict=True):
        assert speaker is None or isinstance(speaker, str)
        assert isinstance(targets, list) and isinstance(actors, list)
        assert speaker not in targets
