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
