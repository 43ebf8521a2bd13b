"""Shared helpers for the benchmark scripts: where the evaluation data lives, plain VADER."""
from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA_DIR = Path(os.environ.get("TOOLKIT_DATA_DIR", ROOT.parent / "shared" / "data"))


def require_data() -> Path:
    """The evaluation data folder, or exit 0 with a clear message when it is absent."""
    if not DATA_DIR.is_dir():
        print(f"evaluation data not found at {DATA_DIR} (expected ../shared/data beside the repository; "
              f"set TOOLKIT_DATA_DIR to point elsewhere). Nothing measured.")
        sys.exit(0)
    return DATA_DIR


def plain_vader():
    """The plain vaderSentiment analyzer (the peer baseline)."""
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()
