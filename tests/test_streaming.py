"""toolkit.score_files: chunked reading, Parquet writing, resuming after an interruption."""
from __future__ import annotations

import json

import pandas as pd
import pyarrow.parquet as pq
import pytest

import toolkit
import toolkit.streaming as streaming
from tests.conftest import SEED_FILE
from toolkit.streaming import read_scores, score_files

SEED = SEED_FILE.read_text(encoding="utf-8")
PARAS = [p for p in SEED.splitlines() if p.strip()]


def _docs(n: int = 23) -> pd.DataFrame:
    texts = ["\n\n".join(PARAS[(i + j) % len(PARAS)] for j in range(1 + i % 3)) for i in range(n)]
    return pd.DataFrame({"doc_id": [f"n{i:03d}" for i in range(n)], "text": texts,
                         "outlet": [f"o{i % 4}" for i in range(n)]})


@pytest.fixture(scope="module")
def docs() -> pd.DataFrame:
    return _docs()


@pytest.fixture(scope="module")
def expected(docs) -> pd.DataFrame:
    return toolkit.score(docs, actors=False)


def _same(expected: pd.DataFrame, got: pd.DataFrame) -> None:
    pd.testing.assert_frame_equal(expected.reset_index(drop=True), got, check_dtype=False)


@pytest.mark.parametrize("ext", [".csv", ".jsonl", ".parquet"])
def test_tables_in_chunks_equal_score(tmp_path, docs, expected, ext):
    src = tmp_path / f"docs{ext}"
    if ext == ".csv":
        docs.to_csv(src, index=False)
    elif ext == ".jsonl":
        docs.to_json(src, orient="records", lines=True)
    else:
        docs.to_parquet(src, index=False)
    out = score_files(src, tmp_path / "out.parquet", chunk_size=5, actors=False, progress=False)
    assert out == tmp_path / "out.parquet"
    assert not (tmp_path / "out.parquet.parts").exists()
    assert pq.ParquetFile(out).metadata.num_row_groups == 5  # 23 documents in chunks of 5
    got = read_scores(out)
    _same(expected, got)
    assert got.attrs["lexicon_fingerprint"] == expected.attrs["lexicon_fingerprint"]
    assert isinstance(got["evidence"].iloc[0], list) and {"term", "start", "end"} <= set(got["evidence"].iloc[0][0])


def test_text_files_and_default_ids(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(5):
        (folder / f"art{i}.txt").write_text("\n\n".join(PARAS[i:i + 2]), encoding="utf-8")
    out = score_files(folder, tmp_path / "o.parquet", chunk_size=2, actors=False, progress=False)
    got = read_scores(out)
    assert list(got["doc_id"].unique()) == [f"art{i}" for i in range(5)]
    assert len(got) == 10
    # a table without an id column: ids number the rows of the whole file, not of each chunk
    pd.DataFrame({"body": PARAS[:7]}).to_csv(tmp_path / "t.csv", index=False)
    got = read_scores(score_files(tmp_path / "t.csv", tmp_path / "t.parquet", chunk_size=3, text="body",
                                  actors=False, progress=False))
    assert got["doc_id"].tolist() == [str(i) for i in range(7)]
    assert got["text"].tolist() == PARAS[:7]


@pytest.mark.parametrize("n_jobs", [1, 2])
def test_resume_after_interruption(tmp_path, monkeypatch, docs, expected, n_jobs):
    src = tmp_path / "docs.csv"
    docs.to_csv(src, index=False)
    out = tmp_path / "out.parquet"
    calls = []

    def boom(k, n_done):
        calls.append(k)
        if n_done == 2:
            raise KeyboardInterrupt("simulated Ctrl-C after 2 chunks")

    monkeypatch.setattr(streaming, "_after_chunk", boom)
    with pytest.raises(KeyboardInterrupt):
        score_files(src, out, chunk_size=4, n_jobs=n_jobs, actors=False, progress=False)
    assert not out.exists()
    manifest = json.loads((tmp_path / "out.parquet.parts" / "manifest.json").read_text())
    assert sorted(manifest["done"]) == ["0", "1"]

    # a different call must not silently mix with the unfinished run
    with pytest.raises(ValueError, match="unfinished run for different inputs"):
        score_files(src, out, chunk_size=3, actors=False, progress=False)

    monkeypatch.setattr(streaming, "_after_chunk", lambda k, n: calls.append(k))
    calls.clear()
    score_files(src, out, chunk_size=4, n_jobs=n_jobs, actors=False, progress=False)
    assert calls == [2, 3, 4, 5]  # only the unfinished chunks were scored
    got = read_scores(out)
    _same(expected, got)  # no row lost, none duplicated
    assert not got.duplicated(["doc_id", "para_id"]).any()


def test_resume_when_part_written_but_not_recorded(tmp_path, monkeypatch, docs, expected):
    """A crash between writing a part and recording it: the part is rewritten, not duplicated."""
    src = tmp_path / "docs.jsonl"
    docs.to_json(src, orient="records", lines=True)
    out = tmp_path / "out.parquet"
    real_save = streaming._save_manifest
    saves = []

    def crash_on_third_record(manifest, path):
        saves.append(len(manifest["done"]))
        if len(manifest["done"]) == 3:
            raise OSError("disk full")
        real_save(manifest, path)

    monkeypatch.setattr(streaming, "_save_manifest", crash_on_third_record)
    with pytest.raises(OSError):
        score_files(src, out, chunk_size=5, actors=False, progress=False)
    assert (tmp_path / "out.parquet.parts" / "part-000002.parquet").exists()
    monkeypatch.setattr(streaming, "_save_manifest", real_save)
    _same(expected, read_scores(score_files(src, out, chunk_size=5, actors=False, progress=False)))


def test_overwrite_and_bad_arguments(tmp_path, docs):
    src = tmp_path / "d.csv"
    docs.head(3).to_csv(src, index=False)
    out = score_files(src, tmp_path / "o.parquet", actors=False, progress=False)
    with pytest.raises(ValueError, match="already exists. Pass `overwrite=True`"):
        score_files(src, out, actors=False, progress=False)
    assert len(read_scores(score_files(src, out, actors=False, progress=False, overwrite=True))) > 0
    with pytest.raises(ValueError, match=r"`output` must be a .parquet file, but '.*o.csv' was passed"):
        score_files(src, tmp_path / "o.csv")
    with pytest.raises(ValueError, match="`chunk_size` must be a positive int, but 0 was passed"):
        score_files(src, tmp_path / "x.parquet", chunk_size=0)
    with pytest.raises(FileNotFoundError, match="does not exist"):
        score_files(tmp_path / "nope.csv", tmp_path / "x.parquet")
    (tmp_path / "a.docx").write_text("x")
    with pytest.raises(ValueError, match="Unsupported file extension '.docx'"):
        score_files(tmp_path / "a.docx", tmp_path / "x.parquet")


def test_score_files_cli(tmp_path, docs, expected, capsys):
    import argparse

    src = tmp_path / "d.csv"
    docs.to_csv(src, index=False)
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers(dest="command")
    streaming.add_cli(sub)
    args = parser.parse_args(["score-files", str(src), "-o", str(tmp_path / "c.parquet"), "--chunk-size", "7",
                              "--n-jobs", "1", "--no-actors", "-q"])
    assert args.func(args) == 0
    assert f"scored {len(expected)} paragraphs" in capsys.readouterr().out
    _same(expected, read_scores(tmp_path / "c.parquet"))
