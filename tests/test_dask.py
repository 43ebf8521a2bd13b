"""toolkit.score on a dask DataFrame: lazy, same schema, same scores as pandas, on a LocalCluster."""
from __future__ import annotations

import pandas as pd
import pytest

import toolkit
from tests.conftest import SEED_FILE

dd = pytest.importorskip("dask.dataframe")
distributed = pytest.importorskip("dask.distributed")

SEED = SEED_FILE.read_text(encoding="utf-8")
PARAS = [p for p in SEED.splitlines() if p.strip()]


@pytest.fixture(scope="module")
def docs() -> pd.DataFrame:
    texts = ["\n".join(PARAS[(i + j) % len(PARAS)] for j in range(2 + i % 3)) for i in range(8)]
    return pd.DataFrame({"doc_id": [f"k{i}" for i in range(8)], "text": texts,
                         "date": pd.date_range("2024-11-01", periods=8, freq="D")})


@pytest.fixture(scope="module")
def cluster_client():
    with distributed.LocalCluster(n_workers=1, threads_per_worker=2, processes=True, dashboard_address=None,
                                  silence_logs=40) as cluster, distributed.Client(cluster) as client:
        yield client


def test_dask_schema_matches_pandas(docs):
    ddf = dd.from_pandas(docs, npartitions=3)
    lazy = toolkit.score(ddf, actors=False)
    assert isinstance(lazy, dd.DataFrame)
    expected = toolkit.score(docs, actors=False)
    assert list(lazy.columns) == list(expected.columns)
    assert lazy.dtypes.to_dict() == expected.dtypes.to_dict()
    got = lazy.compute(scheduler="sync")
    pd.testing.assert_frame_equal(expected, got.reset_index(drop=True))


def test_dask_on_local_cluster_identical_scores(docs, cluster_client):
    ddf = dd.from_pandas(docs, npartitions=4)
    expected = toolkit.score(docs)  # with attribution (speaker, targets, actors)
    got = cluster_client.compute(toolkit.score(ddf)).result()
    pd.testing.assert_frame_equal(expected, got.reset_index(drop=True))
    assert got["speaker"].notna().any()


def test_dask_without_id_column_uses_row_labels(docs):
    plain = docs.drop(columns=["doc_id"])
    ddf = dd.from_pandas(plain, npartitions=3)
    got = toolkit.score(ddf, actors=False).compute(scheduler="sync").reset_index(drop=True)
    pd.testing.assert_frame_equal(toolkit.score(plain, actors=False), got)
    assert sorted(set(got["doc_id"]), key=int) == [str(i) for i in range(8)]


def test_dask_paragraph_frame_and_n_jobs_warning(docs):
    paras = toolkit.split_paragraphs(docs)
    ddf = dd.from_pandas(paras, npartitions=2, sort=False)
    with pytest.warns(UserWarning, match="`n_jobs` has no effect on a dask DataFrame"):
        lazy = toolkit.score(ddf, actors=False, n_jobs=2)
    got = lazy.compute(scheduler="sync").reset_index(drop=True)
    pd.testing.assert_frame_equal(toolkit.score(paras, actors=False), got)


def test_dask_to_parquet_with_schema(tmp_path, docs):
    import json

    from toolkit.streaming import parquet_schema, read_scores

    lazy = toolkit.score(dd.from_pandas(docs, npartitions=2), actors=False)
    lazy = lazy.assign(evidence=lazy["evidence"].map(json.dumps, meta=("evidence", "str")))
    lazy.to_parquet(tmp_path / "scores", schema=parquet_schema(lazy), write_index=False, compute_kwargs={"scheduler": "sync"})
    got = read_scores(tmp_path / "scores")
    expected = toolkit.score(docs, actors=False)
    pd.testing.assert_frame_equal(expected.drop(columns=["date"]), got.drop(columns=["date"]), check_dtype=False)
    assert (got["date"].to_numpy() == expected["date"].to_numpy()).all()
