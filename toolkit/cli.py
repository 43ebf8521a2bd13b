"""Command line: ``python -m toolkit score|report|export …``.

Every sub-command calls the same public functions a script would. Errors print one line
(``error: …``) and exit with status 2; no traceback for bad input.
"""
from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from toolkit.results import write_scores

__all__ = ["main", "build_parser", "write_scores"]



def _cmd_score(args: argparse.Namespace) -> int:
    import toolkit

    scores = toolkit.score(args.paths if len(args.paths) > 1 else args.paths[0], text=args.text, id=args.id,
                           lexicon=args.lexicon, actors=False if args.no_actors else args.actors,
                           progress=False if args.quiet else None, n_jobs=args.n_jobs)
    path = write_scores(scores, args.output)
    n_docs = scores["doc_id"].nunique()
    print(f"scored {len(scores)} paragraphs in {n_docs} document(s) -> {path}")
    if not args.quiet:
        counts = scores["rhetoric"].value_counts()
        print("rhetoric: " + ", ".join(f"{k} {v}" for k, v in counts.items()))
        print(f"mean sentiment {scores['sentiment'].mean():+.3f}, mean escalation {scores['escalation'].mean():+.3f}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m toolkit",
        description="Rhetoric Toolkit: score news paragraphs for sentiment, escalation and actors.",
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="log progress details")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("score", help="score articles and write the scores frame",
                       description="Score articles (files, folders, globs) and write one row per paragraph.")
    p.add_argument("paths", nargs="+", metavar="PATH", help="files (.txt .md .csv .jsonl .parquet), folders or globs")
    p.add_argument("-o", "--output", required=True, help="output file: .csv, .parquet or .jsonl")
    p.add_argument("--text", default=None, help="text column in tables (default: text/body/content)")
    p.add_argument("--id", default=None, help="document id column in tables (default: doc_id/id)")
    p.add_argument("--lexicon", default=None, help="user lexicon CSV/TSV merged on top of the packaged one")
    p.add_argument("--actors", default=None, help="user actor registry CSV/YAML merged on top of the default")
    p.add_argument("--n-jobs", type=int, default=1, help="processes: 1 (default), -1 = all cores")
    p.add_argument("--no-actors", action="store_true", help="skip speaker/target attribution (faster)")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar or summary")
    p.set_defaults(func=_cmd_score)
    _register_optional(sub)
    return parser


def _register_optional(sub) -> None:
    """Sub-commands defined by other modules (report, export), when present."""
    for modname in ("toolkit.reporting", "toolkit.export", "toolkit.streaming"):
        try:
            module = __import__(modname, fromlist=["add_cli"])
        except ImportError:
            continue
        adder = getattr(module, "add_cli", None)
        if adder is not None:
            adder(sub)


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return 2
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING, format="%(message)s")
    try:
        return int(args.func(args) or 0)
    except (ValueError, TypeError, FileNotFoundError, PermissionError, KeyError) as exc:
        msg = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        print(f"error: {msg}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:  # pragma: no cover
        print("error: interrupted", file=sys.stderr)
        return 130
