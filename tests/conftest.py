from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEED_DIR = ROOT / "seeds"
SEED_FILE = SEED_DIR / "000_8b2d61badd31bad9.txt"
SHARED_DATA = ROOT.parent / "shared" / "data"


@pytest.fixture(scope="session")
def seed_text() -> str:
    return SEED_FILE.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed_scores():
    import toolkit

    return toolkit.score(str(SEED_DIR))


def find_para(scores, startswith: str):
    rows = scores[scores["text"].str.startswith(startswith)]
    assert len(rows) == 1, f"no single paragraph starts with {startswith!r}"
    return rows.iloc[0]


def pytest_collection_modifyitems(config, items):
    """Browser tests drive a real JupyterLab and Chromium: on a loaded machine a page can miss a
    time-out. They are retried (twice, after a pause) — a real failure still fails three times."""
    if not config.pluginmanager.hasplugin("rerunfailures"):
        return
    for item in items:
        if item.get_closest_marker("browser") is not None and item.get_closest_marker("flaky") is None:
            item.add_marker(pytest.mark.flaky(reruns=2, reruns_delay=5))
