"""Rhetoric Toolkit: sentiment, escalation language and actors in conflict and diplomacy news.

Modules are named after their stage (``scoring``, ``reporting``) rather than after the
function they export, so that ``toolkit.score`` and ``toolkit.report`` always stay functions.

The public API is re-exported here lazily: ``import toolkit`` loads nothing heavy
(plotly, ipywidgets and jupyter are imported the first time a chart, widget or
report function is used) and changes no global state.
"""
from __future__ import annotations

import importlib
import logging
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

logging.getLogger("toolkit").addHandler(logging.NullHandler())

# public name -> module that defines it
_EXPORTS: dict[str, str] = {
    "read_articles": "toolkit.io",
    "read_scores": "toolkit.results",
    "split_paragraphs": "toolkit.segment",
    "split_sentences": "toolkit.segment",
    "score": "toolkit.scoring",
    "score_files": "toolkit.streaming",
    "statements": "toolkit.attribution",
    "load_actors": "toolkit.actors",
    "default_actors": "toolkit.actors",
    "ActorRegistry": "toolkit.actors",
    "load_lexicon": "toolkit.lexicon",
    "summarize": "toolkit.aggregate",
    "report": "toolkit.reporting",
    "explore": "toolkit.widgets",
    "export_notebook": "toolkit.export",
    "export_notebooks": "toolkit.export",
}
_SUBMODULES = {"charts", "aggregate", "widgets", "reporting", "scoring", "io", "segment", "sentiment", "escalation",
               "actors", "attribution", "lexicon", "cli", "export", "results", "streaming", "parallel", "style"}

__all__ = sorted(_EXPORTS) + ["__version__"]

if TYPE_CHECKING:  # pragma: no cover
    from toolkit.actors import ActorRegistry, default_actors, load_actors
    from toolkit.aggregate import summarize
    from toolkit.attribution import statements
    from toolkit.io import read_articles
    from toolkit.lexicon import load_lexicon
    from toolkit.reporting import report
    from toolkit.export import export_notebook, export_notebooks
    from toolkit.results import read_scores
    from toolkit.scoring import score
    from toolkit.streaming import score_files
    from toolkit.segment import split_paragraphs, split_sentences
    from toolkit.widgets import explore


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        module = importlib.import_module(_EXPORTS[name])
        value = getattr(module, name)
        globals()[name] = value
        return value
    if name in _SUBMODULES:
        module = importlib.import_module(f"toolkit.{name}")
        globals()[name] = module
        return module
    raise AttributeError(f"module 'toolkit' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__) | _SUBMODULES)
