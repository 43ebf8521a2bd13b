"""The explorer (toolkit.explore): filters, charts, table, clicks, static view and editing, set from Python."""
from __future__ import annotations

import re
from types import SimpleNamespace

import pandas as pd
import pytest

import toolkit
from toolkit.widgets import ALL, NARRATION, Explorer, explore, highlight_evidence, paragraph_table_html

XSS_TEXT = 'Putin warned NATO <script>alert("x")</script> and <img src=x onerror="alert(1)"> again.'
EVIL = 'Evil <img src=x onerror="alert(2)"> Actor'


def _ev(text, term, dimension, weight, **extra):
    start = text.index(term)
    return {"term": term, "start": start, "end": start + len(term), "dimension": dimension, "weight": weight,
            "rule": extra.pop("rule", "lexicon"), **extra}


def _rows():
    t0 = "Putin praised Trump for his courage and said Moscow is ready for talks."
    t1 = "Putin warned NATO that strikes deep into Russia would mean direct involvement in the war."
    t2 = "Trump said he could end the war in Ukraine in a day."
    t3 = XSS_TEXT
    t4 = "The fighting near the front continued on Sunday, officials said."
    t5 = "Evil Actor threatened Ukraine with missile strikes."
    return [
        dict(doc_id="d1", para_id=0, text=t0, date="2024-11-07", title="Putin on Trump", sentiment=0.6,
             escalation=-0.4, rhetoric="praise", speaker="Vladimir Putin", targets=["Donald Trump"],
             actors=["Vladimir Putin", "Donald Trump"],
             evidence=[_ev(t0, "praised", "escalation", -0.4, rhetoric="praise", cameo="051"),
                       _ev(t0, "courage", "sentiment", 0.5), _ev(t0, "Putin", "speaker", 0.0)]),
        dict(doc_id="d1", para_id=1, text=t1, date="2024-11-07", title="Putin on Trump", sentiment=-0.5,
             escalation=0.7, rhetoric="warning", speaker="Vladimir Putin", targets=["NATO", "United States"],
             actors=["Vladimir Putin", "NATO", "Russia"],
             evidence=[_ev(t1, "warned", "escalation", 0.7, rhetoric="warning", cameo="130"),
                       _ev(t1, "war", "sentiment", -0.6)]),
        dict(doc_id="d2", para_id=0, text=t2, date="2024-12-01", title="Trump's pledge", sentiment=0.3,
             escalation=-0.5, rhetoric="peace_appeal", speaker="Donald Trump", targets=["Ukraine"],
             actors=["Donald Trump", "Ukraine"],
             evidence=[_ev(t2, "end the war", "escalation", -0.5, rhetoric="peace_appeal")]),
        dict(doc_id="d2", para_id=1, text=t3, date="2024-12-01", title="Trump's pledge", sentiment=-0.2,
             escalation=0.6, rhetoric="warning", speaker="Vladimir Putin", targets=["NATO"],
             actors=["Vladimir Putin", "NATO"],
             evidence=[_ev(t3, "warned", "escalation", 0.6, rhetoric="warning")]),
        dict(doc_id="d3", para_id=0, text=t4, date="2025-01-15", title="<b>Front</b>", sentiment=-0.1,
             escalation=0.0, rhetoric="neutral", speaker=None, targets=[], actors=[], evidence=[]),
        dict(doc_id="d3", para_id=1, text=t5, date="2025-01-15", title="<b>Front</b>", sentiment=-0.4,
             escalation=0.8, rhetoric="threat", speaker=EVIL, targets=["Ukraine"], actors=[EVIL, "Ukraine"],
             evidence=[_ev(t5, "threatened", "escalation", 0.8, rhetoric="threat")]),
    ]


@pytest.fixture
def scores():
    return pd.DataFrame(_rows())


@pytest.fixture
def app(scores):
    return explore(scores, chart="contrast", defer_chart=False)


def _points(trace, i):
    return SimpleNamespace(point_inds=[i], xs=[trace.x[i]], ys=[trace.y[i]], trace_name=trace.name,
                           trace_index=0)


# ----------------------------------------------------------------------------------- basics
def test_explore_returns_app_with_everything_selected(app, scores):
    assert isinstance(app, Explorer)
    pd.testing.assert_frame_equal(app.selection.reset_index(drop=True), scores)
    assert app.table.value.count("<tr>") - 1 == len(scores)  # header row + one per paragraph
    assert "<b>6</b> of 6 paragraphs" in app.counts.value


def test_input_frame_is_not_modified(scores):
    before = scores.copy()
    a = explore(scores, defer_chart=False)
    a.speaker.value = "Vladimir Putin"
    a.add_class = None
    pd.testing.assert_frame_equal(scores, before)


def test_filter_options_list_actors_with_counts(app):
    assert app.speaker.options[0] == ("(any speaker)", ALL)
    assert ("Vladimir Putin (3)", "Vladimir Putin") in app.speaker.options
    assert any(v == NARRATION for _, v in app.speaker.options)
    assert ("NATO (2)", "NATO") in app.target.options
    assert list(app.rhetoric.options) == ["praise", "peace_appeal", "warning", "threat", "neutral"]
    assert app.dates is not None and app.dates.options[0] == "2024-11-07"


# ---------------------------------------------------------------------------------- filters
def test_speaker_filter_changes_selection_chart_and_table(app):
    title_before = app.figure.layout.title.text
    app.speaker.value = "Donald Trump"
    sel = app.selection
    assert sel["speaker"].tolist() == ["Donald Trump"]
    assert "Donald Trump" in app.figure.layout.title.text and app.figure.layout.title.text != title_before
    assert list(app.figure.data[0].y) == ["Ukraine"]
    assert app.table.value.count("<tr>") - 1 == 1
    assert "<b>1</b> of 6 paragraphs" in app.counts.value


def test_narration_filter(app):
    app.speaker.value = NARRATION
    assert app.selection["doc_id"].tolist() == ["d3"] and app.selection["speaker"].isna().all()


def test_target_filter_reads_list_column(app):
    app.target.value = "NATO"
    assert app.selection["para_id"].tolist() == [1, 1]
    assert all("NATO" in t for t in app.selection["targets"])


def test_document_rhetoric_search_and_escalation_filters_combine(app):
    app.rhetoric.value = ("warning", "threat")
    assert sorted(app.selection["rhetoric"].unique()) == ["threat", "warning"]
    app.min_escalation.value = 0.65
    assert app.selection["escalation"].tolist() == [0.7, 0.8]
    app.search.value = "DEEP INTO"
    assert app.selection["text"].str.contains("deep into").all() and len(app.selection) == 1
    app.document.value = "d2"
    assert app.selection.empty
    assert "No paragraphs match" in app.table.value
    assert "No paragraphs match" in app.figure.layout.title.text
    app.reset()
    assert len(app.selection) == 6


def test_date_range_filter(app):
    app.dates.value = ("2024-12-01", "2025-01-15")
    assert app.selection["doc_id"].unique().tolist() == ["d2", "d3"]


def test_metric_switch_redraws_with_sentiment(app):
    app.speaker.value = "Vladimir Putin"
    esc = dict(zip(app.figure.data[0].y, app.figure.data[0].x, strict=True))
    app.metric.value = "sentiment"
    sent = dict(zip(app.figure.data[0].y, app.figure.data[0].x, strict=True))
    # escalation is the paragraph's; sentiment is the tone towards that target (toolkit.statements)
    assert esc["Donald Trump"] == pytest.approx(-0.4) and sent["Donald Trump"] > 0.5
    assert app.figure.layout.annotations[0].text == "mean sentiment"
    assert "<th>sentiment<br>" in app.table.value


@pytest.mark.parametrize("chart", ["contrast", "speaker_target_matrix", "actor_summary", "rhetoric_mix",
                                   "paragraph_flow", "timeline", "evidence_terms"])
def test_every_chart_draws(app, chart):
    app.chart.value = chart
    assert len(app.figure.data) >= 1
    assert app.figure.layout.title.text


def test_table_is_capped_but_selection_is_not(scores):
    big = pd.concat([scores] * 30, ignore_index=True)
    a = explore(big, max_rows=25, defer_chart=False)
    assert len(a.selection) == 180
    assert a.table.value.count("<tr>") - 1 == 25
    assert "table shows 25 (first 25)" in a.counts.value


def test_table_order_by_metric(app):
    app.sort.value = "desc"
    order = re.findall(r'">(d\d)<br><span class="rt-sub">¶(\d)', app.table.value)
    assert order == [("d3", "1"), ("d1", "1"), ("d2", "1"), ("d3", "0"), ("d1", "0"), ("d2", "0")]


# ------------------------------------------------------------------------------- escaping
def test_table_escapes_article_text_and_actor_names(app):
    page = app.table.value
    assert "<script" not in page and "<img" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in page
    assert "Evil &lt;img src=x onerror=&quot;alert(2)&quot;&gt; Actor" in page
    assert "<b>Front</b>" not in page


def test_highlight_marks_evidence_spans_and_escapes():
    row = _rows()[0]
    out = highlight_evidence(row["text"], row["evidence"])
    assert '<mark class="rt-esc-neg" title="escalation · praise · weight -0.40 · rule lexicon · CAMEO 051">praised</mark>' in out
    assert ">courage</mark>" in out and 'class="rt-sent-pos"' in out
    assert highlight_evidence("a <b> c", [{"term": "<b>", "start": 2, "end": 5, "dimension": "escalation",
                                          "weight": 0.5}]) == \
        'a <mark class="rt-esc-pos" title="escalation · weight +0.50">&lt;b&gt;</mark> c'


def test_highlight_ignores_bad_spans_and_keeps_escalation_over_overlaps():
    text = "they warned us"
    ev = [{"term": "warned", "start": 5, "end": 11, "dimension": "sentiment", "weight": -0.3},
          {"term": "warned", "start": 5, "end": 11, "dimension": "escalation", "weight": 0.6},
          {"term": "x", "start": 40, "end": 50, "dimension": "escalation", "weight": 1.0}, "junk"]
    out = highlight_evidence(text, ev)
    assert out.count("<mark") == 1 and 'class="rt-esc-pos"' in out


def test_paragraph_table_rejects_unknown_metric(scores):
    with pytest.raises(ValueError, match="`metric` must be one of"):
        paragraph_table_html(scores, metric="tone")


# ----------------------------------------------------------------------------------- clicks
def test_click_on_contrast_bar_filters_the_table(app):
    app.speaker.value = "Vladimir Putin"
    trace = app.figure.data[0]
    i = list(trace.y).index("NATO")
    app._on_click(trace, _points(trace, i))
    assert app.click == {"speaker": "Vladimir Putin", "target": "NATO"}
    assert app.selection["para_id"].tolist() == [1, 1]
    assert len(app.filtered) == 3  # the chart keeps every filtered paragraph
    assert "chart click" in app.click_label.value and "NATO" in app.click_label.value
    assert "after the chart click" in app.counts.value
    app.clear_click()
    assert len(app.selection) == 3 and app.click_label.value == ""


def test_click_on_heatmap_cell_selects_the_pair(app):
    app.chart.value = "speaker_target_matrix"
    trace = app.figure.data[0]
    pts = SimpleNamespace(point_inds=[[0, 0]], xs=["Ukraine"], ys=["Donald Trump"], trace_name=None)
    app._on_click(trace, pts)
    assert app.selection[["speaker", "para_id"]].values.tolist() == [["Donald Trump", 0]]


def test_click_on_flow_point_selects_the_paragraph(app):
    app.document.value = "d1"
    app.chart.value = "paragraph_flow"
    marker = next(t for t in app.figure.data if t.mode == "markers")
    app._on_click(marker, _points(marker, 0))
    assert len(app.selection) == 1
    assert app.selection["doc_id"].iloc[0] == "d1" and app.selection["para_id"].iloc[0] == marker.y[0]


def test_click_on_rhetoric_bar_and_on_evidence_term(app):
    app.chart.value = "rhetoric_mix"
    warning = next(t for t in app.figure.data if (t.meta or {}).get("rhetoric") == "warning")
    i = list(warning.y).index("Vladimir Putin")
    app._on_click(warning, _points(warning, i))
    assert app.click == {"rhetoric": "warning", "speaker": "Vladimir Putin"}
    assert len(app.selection) == 2
    app.chart.value = "evidence_terms"
    terms = app.figure.data[0]
    i = list(terms.y).index("warned")
    app._on_click(terms, _points(terms, i))
    assert app.click == {"term": "warned"} and len(app.selection) == 2


def test_filter_change_forgets_the_click(app):
    trace = app.figure.data[0]
    app._on_click(trace, _points(trace, 0))
    assert app.click
    app.metric.value = "sentiment"
    assert app.click == {} and len(app.selection) == 6


# ------------------------------------------------------------------------------ static view
def test_mimebundle_has_widget_and_static_html(app):
    bundle = app._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle
    static = bundle["text/html"]
    assert "interactive explorer: open in JupyterLab" in static
    assert "How Vladimir Putin speaks about other actors" in static.replace("\\u003c", "<")
    assert "<script>alert" not in static and "<img src=x" not in static
    assert 'class="rt-table"' in static and "Plotly.newPlot" in static


# ---------------------------------------------------------------------------------- errors
def test_errors_name_the_argument(scores):
    with pytest.raises(TypeError, match="`scores` must be a scores frame"):
        explore([1, 2])
    with pytest.raises(ValueError, match=r"missing the column\(s\) \['rhetoric'\]"):
        explore(scores.drop(columns="rhetoric"))
    with pytest.raises(ValueError, match="`chart` must be one of"):
        explore(scores, chart="pie")
    with pytest.raises(ValueError, match="`metric` must be one of"):
        explore(scores, metric="tone")
    with pytest.raises(ValueError, match="`max_rows` must be a positive integer"):
        explore(scores, max_rows=0)


# --------------------------------------------------------------------------------- editing
@pytest.fixture(scope="module")
def small_scores():
    docs = pd.DataFrame({"doc_id": ["a", "b"], "text": [
        "Putin said the West was still arming Ukraine.\nThe Kremlin praised the talks.",
        "Zelensky met Macron in Paris."]})
    return toolkit.score(docs)


def test_add_and_remove_term_rescore_at_once(small_scores):
    a = explore(small_scores, chart="actor_summary", defer_chart=False)
    assert a.scores.loc[0, "rhetoric"] != "military_action"
    a.add_term("arming", rhetoric="military_action", weight=0.5)
    assert a.scores.loc[0, "rhetoric"] == "military_action" and a.scores.loc[0, "escalation"] == pytest.approx(0.5)
    assert a.user_lexicon[["term", "dimension", "rhetoric", "weight"]].values.tolist() == [
        ["arming", "escalation", "military_action", 0.5]]
    assert "re-scored" in a.edit_status.value
    a.remove_term("arming")
    assert a.scores["escalation"].tolist() == small_scores["escalation"].tolist()
    with pytest.raises(ValueError, match="`term` must be one of"):
        a.remove_term("arming")


def test_add_term_errors(small_scores):
    a = explore(small_scores, defer_chart=False)
    with pytest.raises(ValueError, match="`rhetoric` must be one of"):
        a.add_term("arming", rhetoric="angry", weight=0.5)
    with pytest.raises(ValueError, match="needs `weight`"):
        a.add_term("arming", rhetoric="threat")
    with pytest.raises(ValueError, match="Pass `rhetoric` and `weight`"):
        a.add_term("arming")
    assert a.user_lexicon.empty


def test_sentiment_term_changes_sentiment(small_scores):
    a = explore(small_scores, defer_chart=False)
    before = a.scores.loc[2, "sentiment"]
    a.add_term("met", valence=3.0)
    assert a.scores.loc[2, "sentiment"] > before


def test_add_alias_and_save_round_trip(small_scores, tmp_path):
    a = explore(small_scores, defer_chart=False)
    assert "European Union" not in a.scores.loc[0, "actors"]
    a.add_alias("European Union", "the West")
    assert "European Union" in a.scores.loc[0, "actors"]
    a.add_alias("Paris Club", "Paris", kind="organisation", country="FRA")
    assert "Paris Club" in a.scores.loc[2, "actors"]
    assert ("European Union", "Paris Club") == tuple(a.user_actors["name"])
    a.add_term("arming", rhetoric="military_action", weight=0.5)
    paths = a.save(lexicon=tmp_path / "lex.csv", actors=tmp_path / "actors.csv")
    again = toolkit.score(small_scores[["doc_id", "para_id", "text", "start", "end"]],
                          lexicon=paths["lexicon"], actors=paths["actors"])
    assert again["actors"].tolist() == a.scores["actors"].tolist()
    assert again["escalation"].tolist() == a.scores["escalation"].tolist()
    b = explore(a.scores, lexicon=paths["lexicon"], actors=paths["actors"], defer_chart=False)
    assert b.user_lexicon["term"].tolist() == ["arming"]
    assert b.user_actors["name"].tolist() == ["European Union", "Paris Club"]
    a.remove_alias("European Union", "the West")
    assert "European Union" not in a.scores.loc[0, "actors"]
    with pytest.raises(ValueError, match="`alias` must be"):
        a.remove_alias("European Union", "the West")


def test_buttons_report_errors_in_the_tab(small_scores):
    a = explore(small_scores, defer_chart=False)
    a.term_text.value = ""
    a.add_term_button.click()
    assert "non-empty" in a.edit_status.value and a.user_lexicon.empty
    a.term_text.value = "arming"
    a.term_rhetoric.value = "military_action"
    a.term_weight.value = 0.5
    a.add_term_button.click()
    assert a.user_terms.options and a.user_terms.options[0][1] == "arming"
