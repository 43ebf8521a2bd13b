import pandas as pd

from toolkit.segment import sentence_spans, split_paragraphs, split_sentences


def test_paragraphs_single_and_blank_line_separated():
    docs = pd.DataFrame({"doc_id": ["a", "b"], "text": ["One.\nTwo.\n\n\nThree.", "  Solo paragraph.  "]})
    paras = split_paragraphs(docs)
    assert paras[paras.doc_id == "a"]["text"].tolist() == ["One.", "Two.", "Three."]
    assert paras[paras.doc_id == "a"]["para_id"].tolist() == [0, 1, 2]
    solo = paras[paras.doc_id == "b"].iloc[0]
    assert solo["text"] == "Solo paragraph."
    assert docs.loc[1, "text"][solo["start"]:solo["end"]] == "Solo paragraph."


def test_offsets_point_into_the_document(seed_text):
    paras = split_paragraphs(pd.DataFrame({"doc_id": ["s"], "text": [seed_text]}))
    assert len(paras) == 12
    for row in paras.itertuples():
        assert seed_text[row.start:row.end] == row.text


def test_empty_document_is_kept_with_warning():
    import pytest

    with pytest.warns(UserWarning, match="no text"):
        paras = split_paragraphs(pd.DataFrame({"doc_id": ["e"], "text": ["   \n  "]}))
    assert len(paras) == 1 and paras.loc[0, "text"] == ""


def test_abbreviations_do_not_split_sentences():
    text = "The U.S. and the U.N. met on Jan. 5. Gen. Smith said Sen. Jones agreed. Talks continue."
    assert split_sentences(text) == [
        "The U.S. and the U.N. met on Jan. 5.", "Gen. Smith said Sen. Jones agreed.", "Talks continue."]


def test_sentence_spans_match_text():
    text = "Russia warned the U.S. on Monday. NATO replied."
    for s, e in sentence_spans(text):
        assert text[s:e].strip() == text[s:e]


# --- the quick Punkt decision (issue 8) must be NLTK's decision, exactly --------------------------

def _reference_spans(text):
    from toolkit.segment import _punkt_reference

    return list(_punkt_reference().span_tokenize(text))


def _quick_contexts():
    from toolkit.segment import ABBREVIATIONS

    words = sorted(a for a in ABBREVIATIONS if a.isalpha()) + ["Ukraine", "said", "ready", "US", "Us", "ab",
                                                                "1", "12", "2024", "0"]
    for w in words:
        for v in {w, w.capitalize(), w.upper()}:
            for after in (" The", " the", "  And", " x", " X", "”", '"', "'", ")", "]", "’", " 5", " .", "\tThe",
                          "\nThe", " (The", " The,"):
                yield f"{v}.{after}"


def test_quick_sentbreak_is_nltks_decision():
    from toolkit.segment import _punkt_reference, _quick_sentbreak

    ref = _punkt_reference()
    decided = 0
    for ctx in _quick_contexts():
        quick = _quick_sentbreak(ctx)
        if quick is not None:
            decided += 1
            assert quick == ref.text_contains_sentbreak(ctx), ctx
    assert decided > 500  # the quick rule does cover the common shapes
    assert _quick_sentbreak("Ukraine. The") is True and _quick_sentbreak("Gen. The") is False
    assert _quick_sentbreak("12. the") is False and _quick_sentbreak("12. The") is True
    assert _quick_sentbreak("J. Bach") is None and _quick_sentbreak("U.S. and") is None


def test_fast_punkt_spans_equal_nltk_on_tricky_text():
    texts = [
        "Mr. Smith met Gen. Jones on Feb. 24. The U.S. said no. It was 5 p.m. Then they left.",
        "He said: “We are ready.” The talks ended! Did they? Yes... maybe. J. S. Bach wrote 12. the end.",
        "(Sent1.) Sent2. No. 1 is here. See para. 54 and paras. 153-157). Done.",
        "Line one.\nLine two. St. Louis\n\nNew para. Ex-Gen. Smith spoke. co-op. Co. Inc. rose.",
        "",
        "   ",
        "no end mark at all",
        "ends with a period.",
    ]
    from toolkit.segment import _punkt

    for t in texts:
        assert list(_punkt().span_tokenize(t)) == _reference_spans(t), t


def test_fast_punkt_spans_equal_nltk_on_random_text():
    import random

    from toolkit.segment import _punkt

    rng = random.Random(8)
    pieces = ["U.S.", "Mr.", "Gen.", "J.", "a.", "No.", "12.", "5.", "1,000.", "...", "!", "?", ".", '"', "”", "’",
              "'", ")", "(", "e.g.", "p.m.", "Sept.", "Inc.", "gov't.", "St.", "x.", "\n", "The", "the", "And",
              "said.", "Ukraine.", "talks", "3", "Ü.", "Éta.", "co-op.", "ex-Gen.", ".\"", "!?", ":", ";", ","]
    for _ in range(800):
        n = rng.randint(1, 20)
        text = "".join(rng.choice(pieces) + rng.choice([" ", " ", "", "  ", "\n"]) for _ in range(n))
        assert list(_punkt().span_tokenize(text)) == _reference_spans(text), text


def test_fast_punkt_spans_equal_nltk_on_evaluation_data():
    import json
    import os
    from pathlib import Path

    import pytest

    from toolkit.segment import _punkt

    data = Path(os.environ.get("TOOLKIT_DATA_DIR", Path(__file__).resolve().parents[2] / "shared" / "data"))
    if not data.is_dir():
        pytest.skip(f"evaluation data not found at {data}")
    texts = pd.read_csv(data / "nyt_snippets.dev.tsv", sep="\t")["text"].dropna().tolist()
    texts += pd.read_csv(data / "quadclass.dev.tsv", sep="\t")["text"].dropna().tolist()
    with open(data / "news.dev.jsonl", encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                paras = json.loads(line)["paragraphs"]
                texts += paras + ["\n\n".join(paras)]
    texts.append(" ".join(texts[:400]))  # a long multi-sentence text
    for t in texts:
        assert list(_punkt().span_tokenize(t)) == _reference_spans(t), t
