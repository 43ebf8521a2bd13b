"""Bad input: every case has a tested behaviour (issue 7).

Each test is one row of the table in CONTRIBUTING.md ("Bad input"): either a clear error that
names the argument, the bad value and the fix, or a documented handling with a UserWarning.
Nothing is dropped without a word.
"""
from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest

import toolkit
from toolkit.io import read_articles
from toolkit.segment import _MAX_SENTENCE, sentence_spans, split_paragraphs


def _score(source, **kw):
    return toolkit.score(source, actors=False, progress=False, **kw)


def _no_warnings(fn, *args, **kw):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        return fn(*args, **kw)


def _assert_valid_scores(scores):
    assert scores["sentiment"].between(-1, 1).all()
    assert scores["escalation"].between(-1, 1).all()
    for text, ev in zip(scores["text"], scores["evidence"], strict=True):
        for e in ev:
            assert 0 <= e["start"] <= e["end"] <= len(text)
            assert text[e["start"]:e["end"]] == e["term"]


# ------------------------------------------------------------------------------ empty input
def test_empty_string_is_an_error():
    with pytest.raises(ValueError, match=r"`source` is an empty string: pass article text"):
        read_articles("")


def test_whitespace_only_string_is_an_error():
    with pytest.raises(ValueError, match=r"`source` is an empty string \(white space only"):
        read_articles(" \n\t ")


def test_empty_list_dict_and_series_are_errors():
    with pytest.raises(ValueError, match="empty list"):
        read_articles([])
    with pytest.raises(ValueError, match="empty dict"):
        read_articles({})
    with pytest.raises(ValueError, match="Series given as `source` is empty"):
        read_articles(pd.Series([], dtype=object))


def test_dataframe_without_rows_is_an_error():
    with pytest.raises(ValueError, match="holds no rows: nothing to score"):
        read_articles(pd.DataFrame({"text": pd.Series([], dtype=object)}))


def test_none_source_is_a_type_error():
    with pytest.raises(TypeError, match="`source` is None"):
        read_articles(None)
    with pytest.raises(TypeError, match=r"Could not interpret value 42 of type int for `source`"):
        read_articles(42)


def test_empty_file_is_kept_as_an_empty_document(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "full.txt").write_text("Russia warned NATO.", encoding="utf-8")
    with pytest.warns(UserWarning, match=r"empty\.txt' is empty \(or white space only\); it is kept"):
        scores = _score(tmp_path)
    assert scores["doc_id"].tolist() == ["empty", "full"]
    empty = scores.iloc[0]
    assert (empty["text"], empty["sentiment"], empty["escalation"], empty["rhetoric"]) == ("", 0.0, 0.0, "neutral")


def test_whitespace_only_file_is_kept_with_a_warning(tmp_path):
    (tmp_path / "blank.txt").write_text("  \n\n \t\n", encoding="utf-8")
    with pytest.warns(UserWarning, match=r"1 document\(s\) have no text \('blank'\)"):
        scores = _score(tmp_path / "blank.txt")
    assert len(scores) == 1 and scores.loc[0, "text"] == ""


def test_empty_folder_is_an_error(tmp_path):
    with pytest.raises(ValueError, match=r"holds no readable files \(it has 0 file"):
        read_articles(tmp_path)


# --------------------------------------------------------------------------- cells and columns
def test_none_nan_and_na_text_cells_are_kept_as_empty_documents():
    frame = pd.DataFrame({"doc_id": ["a", "b", "c", "d"],
                          "text": pd.Series(["Russia warned NATO.", None, np.nan, pd.NA], dtype=object)})
    with pytest.warns(UserWarning, match=r"3 row\(s\) of the DataFrame have no text \(None/NaN in column 'text'\)"):
        scores = _score(frame)
    assert scores["doc_id"].tolist() == ["a", "b", "c", "d"]
    assert scores["text"].tolist()[1:] == ["", "", ""]
    assert (scores["sentiment"].iloc[1:] == 0).all() and (scores["rhetoric"].iloc[1:] == "neutral").all()


def test_non_string_cells_are_converted_with_a_warning():
    frame = pd.DataFrame({"text": pd.Series([42, 3.5, {"a": 1}, b"Caf\xc3\xa9 talks.", "Plain."], dtype=object)})
    with pytest.warns(UserWarning, match=r"3 row\(s\) of the DataFrame have non-string values in column 'text'"):
        docs = read_articles(frame)
    assert docs["text"].tolist() == ["42", "3.5", "{'a': 1}", "Café talks.", "Plain."]


def test_list_cells_are_paragraphs_and_missing_items_are_left_out():
    frame = pd.DataFrame({"id": ["a", "b"],
                          "paragraphs": [["First.", None, "Second."], np.array(["Only.", "Two."], dtype=object)]})
    docs = _no_warnings(read_articles, frame)
    assert docs["text"].tolist() == ["First.\nSecond.", "Only.\nTwo."]


def test_misspelt_text_column_suggests_the_closest():
    frame = pd.DataFrame({"doc_id": ["a"], "body_text": ["x"], "title": ["t"]})
    with pytest.raises(ValueError, match=r"column 'bodytext' given as `text`.*Did you mean 'body_text'\? Pass `text=`"):
        read_articles(frame, text="bodytext")


def test_missing_text_column_suggests_the_closest():
    with pytest.raises(ValueError, match=r"Could not find a text column.*Did you mean 'txt'\?.*Pass `text=`"):
        read_articles(pd.DataFrame({"txt": ["x"], "n": [1]}))


def test_text_column_name_in_another_case_is_accepted():
    docs = _no_warnings(read_articles, pd.DataFrame({"ID": ["x"], "Body ": ["Some text."]}))
    assert docs.loc[0, "text"] == "Some text."


def test_misspelt_id_column_suggests_the_closest():
    with pytest.raises(ValueError, match=r"column 'docid' given as `id`.*Did you mean 'doc_id'\?"):
        read_articles(pd.DataFrame({"doc_id": ["a"], "text": ["x"]}), id="docid")


def test_conflicting_column_options_are_errors():
    frame = pd.DataFrame({"doc_id": ["a"], "text": ["x"]})
    with pytest.raises(ValueError, match=r"same column 'text' was given for `text` and for `id`"):
        read_articles(frame, text="text", id="text")
    with pytest.raises(TypeError, match=r"`text` must be a column name \(str\), but \['text'\]"):
        read_articles(frame, text=["text"])


def test_option_without_effect_warns():
    with pytest.warns(UserWarning, match=r"`text='body'` has no effect when `source` is a string of text"):
        scores = _score("Russia warned NATO.", text="body")
    assert len(scores) == 1


def test_column_option_for_text_files_warns(tmp_path):
    (tmp_path / "a.txt").write_text("Hello.", encoding="utf-8")
    with pytest.warns(UserWarning, match=r"`id='key'` has no effect: it names a column of a table"):
        read_articles(tmp_path, id="key")


def test_duplicate_doc_ids_are_renamed_and_every_row_kept():
    frame = pd.DataFrame({"doc_id": ["a", "a", "a#2", "b"], "text": ["One.", "Two.", "Three.", "Four."]})
    with pytest.warns(UserWarning, match=r"Duplicate doc_id values \['a'\]"):
        scores = _score(frame)
    assert scores["doc_id"].tolist() == ["a", "a#3", "a#2", "b"]
    assert scores["text"].tolist() == ["One.", "Two.", "Three.", "Four."]


def test_missing_and_float_ids_are_filled_and_cleaned():
    frame = pd.DataFrame({"id": [1.0, np.nan, 3.0], "text": ["a", "b", "c"]})
    with pytest.warns(UserWarning, match=r"1 row\(s\) of the DataFrame have no id in column 'id'.*'row1'"):
        docs = read_articles(frame)
    assert docs["doc_id"].tolist() == ["1", "row1", "3"]


def test_duplicate_column_names_are_an_error():
    frame = pd.DataFrame([["a", "b"]], columns=["text", "text"])
    with pytest.raises(ValueError, match=r"duplicate column names \['text'\]; give every column a distinct name"):
        read_articles(frame)


def test_metadata_columns_with_reserved_names_are_kept_renamed():
    frame = pd.DataFrame({"doc_id": ["a"], "text": ["Russia warned NATO."], "sentiment": ["negative"],
                          "start": [7]})
    with pytest.warns(UserWarning, match=r"Column\(s\) \['sentiment', 'start'\].*renamed \['sentiment_input'"):
        scores = _score(frame)
    assert scores.loc[0, "sentiment_input"] == "negative" and scores.loc[0, "start_input"] == 7
    assert scores.loc[0, "start"] == 0 and -1 <= scores.loc[0, "sentiment"] <= 1
    # a documents frame that carries `para_id` goes through split_paragraphs the same way
    with pytest.warns(UserWarning, match=r"\['para_id'\].*renamed \['para_id_input'\]"):
        paras = split_paragraphs(pd.DataFrame({"doc_id": ["a"], "text": ["One.\nTwo."], "para_id": [9]}))
    assert paras["para_id"].tolist() == [0, 1] and paras["para_id_input"].tolist() == [9, 9]


def test_split_paragraphs_suggests_the_text_column():
    with pytest.raises(ValueError, match=r"column 'txt' given as `text`.*Did you mean 'text'"):
        split_paragraphs(pd.DataFrame({"doc_id": ["a"], "text": ["x"]}), text="txt")


def test_list_with_a_non_string_item_names_the_item():
    with pytest.raises(TypeError, match=r"item 1 is int \(7\)"):
        read_articles(["Text.", 7])


def test_list_with_missing_items_keeps_them_as_empty_documents():
    with pytest.warns(UserWarning, match=r"2 row\(s\) of the list have no text"):
        docs = read_articles(["Text.", None, float("nan")])
    assert docs["text"].tolist() == ["Text.", "", ""]


def test_dict_of_texts_uses_keys_as_ids():
    docs = _no_warnings(read_articles, {"k1": "Alpha.", "k2": "Beta."})
    assert docs["doc_id"].tolist() == ["k1", "k2"]


# --------------------------------------------------------------------------------- encodings
def test_non_utf8_file_is_decoded_with_replacement_and_named(tmp_path):
    path = tmp_path / "latin.txt"
    path.write_bytes("Caf\xe9 talks resumed in Gen\xe8ve.".encode("latin-1"))
    with pytest.warns(UserWarning, match=r"latin\.txt' is not valid UTF-8.*2 undecodable"):
        docs = read_articles(path)
    assert docs.loc[0, "text"] == "Caf\ufffd talks resumed in Gen\ufffdve."


def test_non_utf8_csv_is_decoded_with_replacement_and_named(tmp_path):
    path = tmp_path / "t.csv"
    path.write_bytes("id,text\na,Caf\xe9 talks.\n".encode("latin-1"))
    with pytest.warns(UserWarning, match=r"t\.csv' is not valid UTF-8"):
        docs = read_articles(path)
    assert docs.loc[0, "text"] == "Caf\ufffd talks."


def test_utf16_and_bom_files_are_decoded(tmp_path):
    (tmp_path / "u16.txt").write_bytes("Ukraine said it would talk.".encode("utf-16"))
    (tmp_path / "bom.txt").write_bytes(b"\xef\xbb\xbfRussia warned NATO.")
    docs = _no_warnings(read_articles, tmp_path)
    assert docs["text"].tolist() == ["Russia warned NATO.", "Ukraine said it would talk."]


def test_lone_surrogates_are_replaced_with_a_warning(tmp_path):
    with pytest.warns(UserWarning, match=r"lone surrogate"):
        scores = _score(["Talks \ud800 resumed."])
    assert scores.loc[0, "text"] == "Talks \ufffd resumed."
    scores.to_parquet(tmp_path / "s.parquet")  # would raise UnicodeEncodeError with a lone surrogate


# ------------------------------------------------------------------------------ binary files
PDF_BYTES = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nstream\nx\x9c\x03\x00\x00\x00\x00\x01\nendstream"


def test_pdf_saved_as_txt_is_an_error_naming_the_file(tmp_path):
    path = tmp_path / "report.txt"
    path.write_bytes(PDF_BYTES)
    with pytest.raises(ValueError, match=r"report\.txt' given in `source` looks like a PDF document, not text\. "
                                         r"Convert it to text first"):
        read_articles(path)


def test_binary_files_in_a_folder_are_skipped_with_their_names(tmp_path):
    (tmp_path / "good.txt").write_text("Russia warned NATO.", encoding="utf-8")
    (tmp_path / "scan.txt").write_bytes(PDF_BYTES)
    (tmp_path / "noise.md").write_bytes(bytes(range(256)) * 4)
    with pytest.warns(UserWarning, match=r"Skipped 2 file\(s\) that are not text: .*noise\.md' \(binary file.*"
                                         r"scan\.txt' \(PDF document\)"):
        docs = read_articles(tmp_path)
    assert docs["doc_id"].tolist() == ["good"]


def test_folder_of_only_binary_files_is_an_error(tmp_path):
    (tmp_path / "scan.txt").write_bytes(PDF_BYTES)
    with pytest.warns(UserWarning, match="scan.txt"), pytest.raises(ValueError, match="hold no documents"):
        read_articles(tmp_path)


def test_corrupt_parquet_and_bad_jsonl_name_the_file(tmp_path):
    (tmp_path / "x.parquet").write_text("not parquet", encoding="utf-8")
    with pytest.raises(ValueError, match=r"Could not read '.*x\.parquet' as PARQUET"):
        read_articles(tmp_path / "x.parquet")
    (tmp_path / "y.jsonl").write_text('{"text": "ok"}\n{"text": broken}\n', encoding="utf-8")
    with pytest.raises(ValueError, match=r"Line 2 of '.*y\.jsonl' is not valid JSON"):
        read_articles(tmp_path / "y.jsonl")


# --------------------------------------------------------------------------- paths and names
def test_unknown_extension_given_explicitly_is_an_error(tmp_path):
    path = tmp_path / "notes.rtf"
    path.write_text("Russia warned NATO.", encoding="utf-8")
    with pytest.raises(ValueError, match=r"Unsupported file extension '\.rtf'.*supported: \.txt.*Rename"):
        read_articles(path)


def test_unknown_extension_in_a_folder_is_skipped_with_its_name(tmp_path):
    (tmp_path / "a.txt").write_text("Alpha.", encoding="utf-8")
    (tmp_path / "b.docx").write_bytes(b"PK\x03\x04")
    with pytest.warns(UserWarning, match=r"Skipped 1 file\(s\) in .* with unsupported extensions \('b\.docx'\)"):
        docs = read_articles(tmp_path)
    assert docs["doc_id"].tolist() == ["a"]


def test_missing_paths_are_errors():
    with pytest.raises(FileNotFoundError, match=r"'report\.txt' given as `source` does not exist.*wrap it in a list"):
        read_articles("report.txt")
    with pytest.raises(FileNotFoundError, match=r"pattern '.*\*\.txt' given as `source` matches no files"):
        read_articles("/nonexistent_dir_xyz/*.txt")


def test_list_with_one_missing_path_names_it(tmp_path):
    (tmp_path / "a.txt").write_text("Alpha.", encoding="utf-8")
    with pytest.raises(FileNotFoundError, match=r"path 'missing\.txt' in the list .* does not exist \(1 of 2"):
        read_articles([str(tmp_path / "a.txt"), "missing.txt"])


# ------------------------------------------------------------------------------------- HTML
HTML_DOC = """<!DOCTYPE html><html><head><title>Talks &amp; threats</title>
<style>p { color: red }</style><script>alert("x")</script></head>
<body><nav>Home | World</nav>
<p>Russia <b>warned</b>
   NATO on Monday.</p><!-- comment -->
<p>Putin praised Trump&#8217;s &quot;courage&quot;.</p></body></html>"""


def test_html_file_is_reduced_to_its_visible_text(tmp_path):
    (tmp_path / "page.html").write_text(HTML_DOC, encoding="utf-8")
    docs = _no_warnings(read_articles, tmp_path / "page.html")
    assert docs.loc[0, "title"] == "Talks & threats"
    paras = split_paragraphs(docs)
    assert paras["text"].tolist() == ["Home | World", "Russia warned NATO on Monday.",
                                      "Putin praised Trump’s \"courage\"."]


def test_html_string_offsets_point_into_the_stripped_paragraph():
    scores = _score("<p>Russia <i>warned</i> NATO.</p>\n<p>Putin <b>praised</b> Trump.</p>")
    assert scores["text"].tolist() == ["Russia warned NATO.", "Putin praised Trump."]
    _assert_valid_scores(scores)
    terms = {e["term"] for ev in scores["evidence"] for e in ev if e["dimension"] == "escalation"}
    assert {"warned", "praised"} <= terms
    assert not any("<" in t for t in scores["text"])


def test_html_in_table_cells_is_stripped_with_a_warning():
    frame = pd.DataFrame({"id": ["a", "b"], "text": ["<p>Russia <b>warned</b> NATO.</p>", "2 < 3 and 4 > 1."]})
    with pytest.warns(UserWarning, match=r"1 row\(s\) of the DataFrame look like HTML"):
        docs = read_articles(frame)
    assert docs["text"].tolist() == ["Russia warned NATO.", "2 < 3 and 4 > 1."]


def test_text_with_only_inline_tags_or_a_script_stays_text():
    # an article quoting markup is not a web page: it is kept verbatim (and escaped wherever it is shown)
    hostile = 'Officials said <script>alert(1)</script> and <img src=x onerror=alert(1)> "quoted" <b>bold</b>.'
    scores = _no_warnings(_score, hostile)
    assert scores["text"].tolist() == [hostile]


# ----------------------------------------------------------------------------------- sizes
def test_a_huge_paragraph_is_scored_in_linear_pieces():
    sentence = "Russia warned that strikes would mean direct involvement, but praised the talks. "
    text = sentence * 4000  # ~330 KB, one paragraph
    spans = sentence_spans(text)
    assert len(spans) == 4000 and all(text[s:e] == sentence.strip() for s, e in spans)
    scores = _score(text)
    assert len(scores) == 1
    _assert_valid_scores(scores)
    assert sum(e["dimension"] == "escalation" for e in scores.loc[0, "evidence"]) >= 8000


def test_a_sentence_without_end_is_cut_at_white_space():
    text = "word " * 100_000 + "end"
    spans = sentence_spans(text)
    assert max(e - s for s, e in spans) <= _MAX_SENTENCE
    assert "".join(text[s:e] + " " for s, e in spans).strip() == text
    assert sentence_spans("x" * 50_000) == [(0, 5000), (5000, 10000), (10000, 15000), (15000, 20000),
                                            (20000, 25000), (25000, 30000), (30000, 35000), (35000, 40000),
                                            (40000, 45000), (45000, 50000)]


@pytest.mark.slow
def test_many_tiny_paragraphs_keep_every_row():
    # 20k here (a few seconds); 100k and 1M were measured once, see CONTRIBUTING.md
    n = 20_000
    text = "\n".join(f"Item {i} warned." if i % 2 else f"Item {i}." for i in range(n))
    scores = _score(text)
    assert len(scores) == n
    assert scores["para_id"].tolist() == list(range(n))
    assert (scores["rhetoric"].iloc[1::2] == "warning").all()


# --------------------------------------------------------------------------------- lexicons
def test_lexicon_without_term_column_suggests_one():
    with pytest.raises(ValueError, match=r"must have a `term` column; it has \['trem', 'valence'\]\. Did you mean 'trem'"):
        toolkit.load_lexicon(pd.DataFrame({"trem": ["x"], "valence": [1]}))


@pytest.mark.parametrize("row, match", [
    ({"term": "x", "rhetoric": "threat", "weight": "high"}, r"`weight` must be a number in \[-1, 1\], but 'high'"),
    ({"term": "x", "valence": 9}, r"`valence` must be in \[-4, 4\] \(VADER's scale\), but 9\.0"),
    ({"term": "x", "valence": float("inf")}, r"`valence` must be in \[-4, 4\]"),
    ({"term": "x", "rhetoric": "angry", "weight": 0.5}, r"`rhetoric` must be one of \['praise'.*but 'angry'"),
    ({"term": "x", "dimension": "tone", "weight": 0.5}, r"`dimension` must be one of \['sentiment', 'escalation'\]"),
    ({"term": "", "valence": 1}, r"`term` must be a non-empty string"),
])
def test_lexicon_bad_values_are_errors(row, match):
    with pytest.raises(ValueError, match=match):
        toolkit.load_lexicon(pd.DataFrame([row]))


def test_lexicon_duplicate_escalation_terms_are_an_error(tmp_path):
    path = tmp_path / "lex.csv"
    path.write_text("term,rhetoric,weight\nblorp,threat,0.5\nBlorp,threat,0.6\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"term 'Blorp' appears twice in the user lexicon"):
        _score("They blorp.", lexicon=str(path))


def test_lexicon_wrong_type_and_missing_file():
    with pytest.raises(TypeError, match="`lexicon` must be None, a DataFrame"):
        toolkit.load_lexicon(42)
    with pytest.raises(FileNotFoundError, match=r"file '/nonexistent/lex\.csv' does not exist"):
        toolkit.load_lexicon("/nonexistent/lex.csv")


def test_lexicon_duplicate_sentiment_terms_are_reported():
    with pytest.raises(ValueError, match="appears twice"):
        toolkit.load_lexicon(pd.DataFrame({"term": ["zorb", "zorb"], "valence": [1, -2]}))


def test_lexicon_weight_out_of_range_names_weight():
    with pytest.raises(ValueError, match=r"`weight` must be in \[-1, 1\], but 5"):
        toolkit.load_lexicon(pd.DataFrame({"term": ["x"], "rhetoric": ["threat"], "weight": [5]}))


def test_lexicon_empty_or_binary_file_names_the_argument(tmp_path):
    (tmp_path / "empty.csv").write_text("", encoding="utf-8")
    with pytest.raises(ValueError, match="`lexicon`"):
        toolkit.load_lexicon(str(tmp_path / "empty.csv"))
    (tmp_path / "pdf.csv").write_bytes(PDF_BYTES)
    with pytest.raises(ValueError, match="`lexicon`"):
        toolkit.load_lexicon(str(tmp_path / "pdf.csv"))


# ----------------------------------------------------------------------------------- actors
@pytest.fixture()
def load_actors():
    actors = pytest.importorskip("toolkit.actors")
    return actors.load_actors


def test_actor_table_missing_columns(load_actors):
    with pytest.raises(ValueError, match=r"missing the column\(s\) \['kind'\]; it has \['name'\]. Give at least"):
        load_actors(pd.DataFrame({"name": ["X"]}))


def test_actor_table_bad_kind_and_country(load_actors):
    with pytest.raises(ValueError, match=r"`kind` must be one of \['person', 'state'.*but 'alien' was passed"):
        load_actors(pd.DataFrame({"name": ["X"], "kind": ["alien"]}))
    with pytest.raises(ValueError, match=r"`country` must be an ISO 3166-1 alpha-3 code.*but 'Russia'"):
        load_actors(pd.DataFrame({"name": ["X"], "kind": ["person"], "country": ["Russia"]}))


def test_actor_table_duplicate_names(load_actors, tmp_path):
    path = tmp_path / "actors.csv"
    path.write_text("name,kind\nJane Doe,person\nJane Doe,person\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"actor name 'Jane Doe' appears twice in `actors`"):
        load_actors(str(path))


def test_actor_yaml_with_unsafe_tag_is_refused_without_running_it(load_actors, tmp_path):
    marker = tmp_path / "PWNED"
    path = tmp_path / "actors.yaml"
    path.write_text(f"Jane Doe:\n  kind: !!python/object/apply:os.system ['touch {marker}']\n", encoding="utf-8")
    import yaml

    with pytest.raises((ValueError, yaml.YAMLError)):
        load_actors(str(path))
    assert not marker.exists()


def test_actor_yaml_with_unsafe_tag_names_the_argument(load_actors, tmp_path):
    path = tmp_path / "actors.yaml"
    path.write_text("Jane Doe: !!python/object/apply:os.system ['true']\n", encoding="utf-8")
    with pytest.raises(ValueError, match="`actors`"):
        load_actors(str(path))


def test_score_with_bad_actor_file_fails_before_scoring(load_actors, tmp_path):
    path = tmp_path / "actors.csv"
    path.write_text("name,kind\nJane Doe,alien\n", encoding="utf-8")
    with pytest.raises(ValueError, match="`kind` must be one of"):
        toolkit.score("Jane Doe warned NATO.", actors=str(path))
