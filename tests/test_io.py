import pandas as pd
import pytest

import toolkit
from toolkit.io import read_articles


def test_read_text_string():
    docs = read_articles("One paragraph.\nAnother one.")
    assert list(docs.columns[:2]) == ["doc_id", "text"]
    assert docs.loc[0, "doc_id"] == "0"


def test_read_folder_uses_file_stem(tmp_path):
    (tmp_path / "a.txt").write_text("Alpha.\n\nBeta.", encoding="utf-8")
    (tmp_path / "b.md").write_text("Gamma.", encoding="utf-8")
    docs = read_articles(tmp_path)
    assert sorted(docs["doc_id"]) == ["a", "b"]


def test_read_glob_and_list_of_paths(tmp_path):
    (tmp_path / "a.txt").write_text("Alpha.", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Beta.", encoding="utf-8")
    assert len(read_articles(str(tmp_path / "*.txt"))) == 2
    assert len(read_articles([str(tmp_path / "a.txt"), str(tmp_path / "b.txt")])) == 2


def test_read_csv_jsonl_parquet_with_metadata(tmp_path):
    frame = pd.DataFrame({"id": ["x", "y"], "body": ["Text one.", "Text two."], "title": ["T1", "T2"],
                          "date": ["2024-11-01", "2024-11-02"], "source": ["Reuters", "AP"]})
    frame.to_csv(tmp_path / "a.csv", index=False)
    frame.to_json(tmp_path / "a.jsonl", orient="records", lines=True)
    frame.to_parquet(tmp_path / "a.parquet")
    for name in ("a.csv", "a.jsonl", "a.parquet"):
        docs = read_articles(tmp_path / name)
        assert docs["doc_id"].tolist() == ["x", "y"], name
        assert docs["text"].tolist() == ["Text one.", "Text two."]
        assert docs["title"].tolist() == ["T1", "T2"]
        assert docs["source"].tolist() == ["Reuters", "AP"]


def test_paragraph_lists_are_joined(tmp_path):
    frame = pd.DataFrame({"id": ["a"], "paragraphs": [["P one.", "P two."]]})
    docs = read_articles(frame)
    assert docs.loc[0, "text"] == "P one.\nP two."


def test_missing_text_column_suggests_closest():
    with pytest.raises(ValueError, match=r"column 'txt'.*Did you mean 'text'"):
        read_articles(pd.DataFrame({"text": ["a"]}), text="txt")


def test_missing_path_is_a_clear_error():
    with pytest.raises(FileNotFoundError, match="does not exist"):
        read_articles("no_such_file.txt")


def test_bad_type_is_a_clear_error():
    with pytest.raises(TypeError, match="`source`"):
        read_articles(42)


def test_empty_string_is_a_clear_error():
    with pytest.raises(ValueError, match="empty string"):
        read_articles("   ")


def test_non_utf8_file_warns_and_keeps_text(tmp_path):
    path = tmp_path / "latin.txt"
    path.write_bytes("Caf\xe9 talks resumed.".encode("latin-1"))
    with pytest.warns(UserWarning, match="not valid UTF-8"):
        docs = read_articles(path)
    assert "talks resumed" in docs.loc[0, "text"]


def test_duplicate_ids_are_renamed_with_warning():
    with pytest.warns(UserWarning, match="Duplicate doc_id"):
        docs = read_articles(pd.DataFrame({"doc_id": ["a", "a"], "text": ["x", "y"]}))
    assert docs["doc_id"].tolist() == ["a", "a#2"]


def test_score_accepts_every_shape(tmp_path):
    (tmp_path / "a.txt").write_text("Russia warned NATO.", encoding="utf-8")
    for source in ("Russia warned NATO.", ["Russia warned NATO."], tmp_path, str(tmp_path / "a.txt"),
                   pd.DataFrame({"text": ["Russia warned NATO."]})):
        scores = toolkit.score(source)
        assert len(scores) == 1
        assert scores.loc[0, "rhetoric"] == "warning"
