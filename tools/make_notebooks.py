"""Write the example notebooks in ``notebooks/`` (without outputs) from the cells below.

Run from the repository root after editing a cell::

    python tools/make_notebooks.py

The notebooks are documentation that CI executes (``tests/test_notebooks.py``); they run with the
working folder set to ``notebooks/`` and find the repository from there.
"""
from __future__ import annotations

import sys
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "notebooks"

FIND_ROOT = '''from pathlib import Path

import pandas as pd

import toolkit

# The notebooks run with the working folder set to notebooks/: the repository is the first parent with seeds/.
ROOT = next(p for p in [Path.cwd(), *Path.cwd().parents] if (p / "seeds").is_dir())
pd.set_option("display.max_colwidth", 90)'''

NB01 = [
    ("md", """# 1 · The seed article, paragraph by paragraph

This walkthrough scores the seed article (`seeds/`), then follows one contrast through it:
**Vladimir Putin compliments Donald Trump** (conciliatory) while **warning NATO and the United States**
(escalatory) — and shows the evidence behind every number.

Scores per paragraph: `sentiment` (−1…1, tone), `escalation` (−1…1, > 0 escalatory: warnings, threats,
force; < 0 conciliatory: praise, cooperation, calls for peace), `rhetoric` (the leading speech act),
`speaker` (who says it; empty for the journalist's narration), `targets` (about whom) and `evidence`."""),
    ("code", FIND_ROOT),
    ("code", '''scores = toolkit.score(ROOT / "seeds")
scores[["para_id", "speaker", "targets", "rhetoric", "escalation", "sentiment"]]'''),
    ("md", """## Putin → Trump versus Putin → NATO

One row per speaker → target pair: the paragraphs where Putin speaks, spread over the actors they are about."""),
    ("code", '''pairs = (scores[scores["speaker"] == "Vladimir Putin"]
         .explode("targets")
         .groupby("targets")[["escalation", "sentiment"]]
         .agg(["mean", "count"]))
pairs'''),
    ("code", '''to_trump = pairs.loc["Donald Trump", ("escalation", "mean")]
to_nato = pairs.loc["NATO", ("escalation", "mean")]
print(f"Putin → Trump: escalation {to_trump:+.2f} (conciliatory) · Putin → NATO: {to_nato:+.2f} (escalatory)")
assert to_trump < 0 < to_nato, "the seed's contrast should hold: praise for Trump, a warning to NATO"'''),
    ("md", "The same contrast as a chart (`toolkit.charts.contrast`): one bar per target of Putin's statements."),
    ("code", '''from toolkit import charts

charts.contrast(scores, speaker="Vladimir Putin")'''),
    ("md", """## The evidence behind each number

Every score can be traced to cues in the text: the term, its span, the dimension it counts for, its weight
and the rule that applied (negation, hedging, denial…). Escalation cues carry their rhetoric class and
CAMEO code. Below: the praise paragraph and the warning paragraph."""),
    ("code", '''from IPython.display import HTML, display

from toolkit.widgets import highlight_evidence, paragraph_table_html

praise = scores[scores["text"].str.startswith("Putin complimented")].iloc[0]
warning = scores[scores["text"].str.startswith("According to Putin")].iloc[0]
for row in (praise, warning):
    print(f"¶{row.para_id}: {row.rhetoric}, escalation {row.escalation:+.2f}, sentiment {row.sentiment:+.2f}")
    display(pd.DataFrame(row.evidence)[["term", "dimension", "weight", "rule"]])'''),
    ("md", "The same paragraphs with their evidence highlighted (hover a mark for its weight and rule):"),
    ("code", '''HTML(paragraph_table_html(scores.loc[[praise.name, warning.name]]))'''),
    ("md", """Next: `02_explore.ipynb` explores a whole corpus with filters and clickable charts;
`03_custom_actors_and_lexicon.ipynb` adds your own terms and actor names."""),
]

NB02 = [
    ("md", """# 2 · Explore a corpus

The explorer (`toolkit.explore`) filters paragraphs by document, speaker, target, rhetoric, date, text and
minimum |escalation|, re-draws the charts at once, and lists the paragraphs with their evidence highlighted.
**Click a bar, a cell or a point** of the chart to narrow the table to it. The second tab edits the lexicon
and the actor names (see notebook 3).

The corpus: the seed article, plus the nine labelled news articles in `../shared/data/news.dev.jsonl`
when that folder exists next to the repository."""),
    ("code", FIND_ROOT + '''
import json'''),
    ("code", '''docs = [{"doc_id": p.stem, "text": p.read_text(encoding="utf-8"), "title": "seed article"}
        for p in sorted((ROOT / "seeds").glob("*.txt"))]
news = ROOT.parent / "shared" / "data" / "news.dev.jsonl"
if news.exists():
    with news.open(encoding="utf-8") as fh:
        for line in fh:
            art = json.loads(line)
            docs.append({"doc_id": art["id"], "text": "\\n".join(art["paragraphs"]),
                         "title": art.get("title") or art.get("outlet") or "", "date": art.get("date"),
                         "source": art.get("outlet")})
docs = pd.DataFrame(docs)
print(f"{len(docs)} documents" + ("" if news.exists() else " (the seed only: ../shared/data is not here)"))'''),
    ("code", '''scores = toolkit.score(docs)
print(f"{len(scores):,} paragraphs scored")'''),
    ("md", "The explorer. Change a filter or click the chart; the counts say what is shown."),
    ("code", '''app = toolkit.explore(scores, chart="speaker_target_matrix")
app'''),
    ("md", """`app.selection` is the frame the table shows (filters plus a chart click) — take it to the next cell.
Re-run the cell below after changing the filters."""),
    ("code", '''app.selection[["doc_id", "para_id", "speaker", "targets", "rhetoric", "escalation", "sentiment"]].head(10)'''),
]

NB03 = [
    ("md", """# 3 · Your own actors and lexicon

Scores come from a lexicon (words → sentiment valence, or → rhetoric class and escalation weight) and an
actor registry (canonical names and their aliases). Add to both from the notebook — with the explorer's
**Lexicon & actors** tab or with the methods below — and the affected documents are re-scored at once.
Save the additions to CSV files that `toolkit.score(..., lexicon=..., actors=...)` reads."""),
    ("code", FIND_ROOT),
    ("code", '''scores = toolkit.score(ROOT / "seeds")
app = toolkit.explore(scores, chart="actor_summary")
app'''),
    ("md", """## A lexicon term

In paragraph 8 the Kremlin says Europe is *still arming Ukraine*: the packaged lexicon has no cue there.
Add `arming` as military action with escalation weight 0.5 (> 0 escalatory; −1…1, Goldstein/10 scale)."""),
    ("code", '''def shown(i):
    row = app.scores.loc[i]
    return f"{row.rhetoric} {row.escalation:+.2f}"


before = shown(8)
app.add_term("arming", rhetoric="military_action", weight=0.5)
print(f"¶8 before: {before} → after: {shown(8)}")'''),
    ("md", "A sentiment term uses VADER's scale (−4…4): for example `fortitude` as clearly positive."),
    ("code", '''app.add_term("fortitude", valence=2.0)
app.user_lexicon'''),
    ("md", """## Actor aliases

In paragraph 9 *European officials* count as "Europe". Make them the European Union by adding an alias;
and add a new actor, the Russian military (an organisation of RUS), named in paragraph 11 as
*Russian military authorities*. An unknown name becomes a new actor with the `kind` and `country` given."""),
    ("code", '''app.add_alias("European Union", "European officials")
app.add_alias("Russian military", "Russian military authorities", kind="organisation", country="RUS")
app.scores.loc[[8, 10], ["para_id", "speaker", "targets", "actors"]]'''),
    ("code", '''assert "European Union" in app.scores.loc[8, "actors"] and "Russian military" in app.scores.loc[10, "actors"]
app.user_actors[["name", "kind", "country", "added"]]'''),
    ("md", """## Save and re-use

`save` writes two CSV files; score any corpus with them. (Here they go to `out/user/`, which git ignores.)"""),
    ("code", '''paths = app.save(lexicon=ROOT / "out" / "user" / "user_lexicon.csv",
                 actors=ROOT / "out" / "user" / "user_actors.csv")
print(paths["lexicon"].read_text())
again = toolkit.score(ROOT / "seeds", lexicon=paths["lexicon"], actors=paths["actors"])
assert again["escalation"].tolist() == app.scores["escalation"].tolist()
again.loc[[8, 10], ["rhetoric", "escalation", "actors"]]'''),
    ("md", "Remove an addition the same way (`remove_term`, `remove_alias`, or the buttons in the explorer's tab):"),
    ("code", '''app.remove_term("arming")
print(f"¶8 again: {shown(8)}")'''),
]


def build(cells: list[tuple[str, str]]) -> nbformat.NotebookNode:
    nb = new_notebook()
    nb.metadata = {"kernelspec": {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"},
                   "language_info": {"name": "python"}}
    for i, (kind, src) in enumerate(cells):
        cell = new_markdown_cell(src) if kind == "md" else new_code_cell(src)
        cell["id"] = f"c{i:02d}"
        nb.cells.append(cell)
    nbformat.validate(nb)
    return nb


NOTEBOOKS = {"01_seed_walkthrough.ipynb": NB01, "02_explore.ipynb": NB02,
             "03_custom_actors_and_lexicon.ipynb": NB03}


def main() -> int:
    OUT.mkdir(exist_ok=True)
    for name, cells in NOTEBOOKS.items():
        nbformat.write(build(cells), OUT / name)
        print(f"wrote {OUT / name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
