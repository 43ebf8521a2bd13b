"""toolkit.score(..., n_jobs=...) gives the same frame as one process; chunks keep documents whole."""
from __future__ import annotations

import pandas as pd
import pytest

import toolkit
from tests.conftest import SEED_FILE
from toolkit.parallel import document_chunks, resolve_n_jobs

SEED = SEED_FILE.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def docs() -> pd.DataFrame:
    paras = [p for p in SEED.splitlines() if p.strip()]
    texts = []
    for i in range(12):  # documents of different lengths built from the seed's paragraphs
        k = 2 + i % 5
        texts.append("\n\n".join(paras[(i + j) % len(paras)] for j in range(k)))
    return pd.DataFrame({"doc_id": [f"d{i:02d}" for i in range(12)], "text": texts,
                         "source": ["wire" if i % 2 else "paper" for i in range(12)]})


def test_n_jobs_identical_to_one_process(docs):
    one = toolkit.score(docs, actors=False)
    many = toolkit.score(docs, actors=False, n_jobs=2)
    pd.testing.assert_frame_equal(one, many)
    assert many.attrs == one.attrs
    assert list(many["doc_id"].unique()) == list(docs["doc_id"])


def test_n_jobs_identical_with_attribution(docs):
    # attribution carries context from paragraph to paragraph within a document
    one = toolkit.score(docs)
    many = toolkit.score(docs, n_jobs=-1)
    pd.testing.assert_frame_equal(one, many)


def test_n_jobs_with_user_lexicon(docs):
    lex = {"fortitude": {"rhetoric": "praise", "weight": -0.6}}
    one = toolkit.score(docs, actors=False, lexicon=lex)
    many = toolkit.score(docs, actors=False, lexicon=lex, n_jobs=2)
    pd.testing.assert_frame_equal(one, many)
    assert one.attrs["lexicon_version"].endswith("+user1")


def test_n_jobs_single_document_and_paragraph_frame(docs):
    paras = toolkit.split_paragraphs(docs)
    pd.testing.assert_frame_equal(toolkit.score(paras, actors=False), toolkit.score(paras, actors=False, n_jobs=2))
    single = toolkit.score(SEED, actors=False, n_jobs=2)  # one document: scored in this process
    pd.testing.assert_frame_equal(single, toolkit.score(SEED, actors=False))


@pytest.mark.parametrize("bad", [0, 1.5, "all", True, None])
def test_bad_n_jobs(bad):
    with pytest.raises(ValueError, match=r"The value for `n_jobs` must be a non-zero int .* but"):
        toolkit.score("Russia warned.", n_jobs=bad)


def test_resolve_n_jobs():
    from toolkit.parallel import available_cores

    cores = available_cores()
    assert resolve_n_jobs(1) == 1
    assert resolve_n_jobs(3) == 3
    assert resolve_n_jobs(-1) == cores
    assert resolve_n_jobs(-2) == max(1, cores - 1)
    assert resolve_n_jobs(-1000) == 1


def test_document_chunks_never_split_documents():
    frame = pd.DataFrame({"doc_id": list("aaabbccccd"), "para_id": [0, 1, 2, 0, 1, 0, 1, 2, 3, 0]})
    chunks = document_chunks(frame, 3)
    assert [(s.start, s.stop) for s in chunks] == [(0, 3), (3, 9), (9, 10)]
    # every row exactly once, in order
    assert sum((list(range(s.start, s.stop)) for s in chunks), []) == list(range(10))
    for s in chunks:
        ids = frame["doc_id"].iloc[s]
        assert not set(ids) & set(frame["doc_id"].drop(frame.index[s]))
    assert [(s.start, s.stop) for s in document_chunks(frame, 1)] == [(0, 3), (3, 5), (5, 9), (9, 10)]
    assert document_chunks(frame.iloc[:0], 5) == []
