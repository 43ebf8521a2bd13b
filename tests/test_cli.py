import subprocess
import sys

import pandas as pd

from tests.conftest import SEED_DIR


def run(*args):
    return subprocess.run([sys.executable, "-m", "toolkit", *args], capture_output=True, text=True)


def test_cli_score_writes_every_format(tmp_path):
    for ext in ("csv", "parquet", "jsonl"):
        out = tmp_path / f"scores.{ext}"
        res = run("score", str(SEED_DIR), "-o", str(out), "-q")
        assert res.returncode == 0, res.stderr
        frame = {"csv": pd.read_csv, "parquet": pd.read_parquet,
                 "jsonl": lambda p: pd.read_json(p, lines=True)}[ext](out)
        assert len(frame) == 12


def test_cli_bad_input_one_line_reason(tmp_path):
    res = run("score", str(tmp_path / "missing.txt"), "-o", str(tmp_path / "x.csv"))
    assert res.returncode == 2
    assert res.stderr.startswith("error: ") and "does not exist" in res.stderr
    assert "Traceback" not in res.stderr


def test_cli_bad_output_extension(tmp_path):
    res = run("score", str(SEED_DIR), "-o", str(tmp_path / "x.xlsx"))
    assert res.returncode == 2 and "unsupported extension" in res.stderr


def test_cli_help():
    res = run("score", "--help")
    assert res.returncode == 0 and "--output" in res.stdout
