import re

import pandas as pd
import pytest

import toolkit
from tests.fixtures.sharing import HOSTILE_NAME, hostile_scores, seed_report
from toolkit.lexicon import LEXICON_VERSION
from toolkit.reporting import _switcher, highlight_html, report

MB = 1_000_000


@pytest.fixture(scope="module")
def seed_html():
    path = seed_report()
    return path, path.read_text(encoding="utf-8")


def test_seed_report_has_the_charts_once_each(seed_html):
    path, text = seed_html
    ids = re.findall(r'Plotly\.newPlot\(\s*"(rt-fig-[a-z]+)-\d+"', text)
    assert len(ids) >= 4
    assert {"rt-fig-contrast", "rt-fig-matrix", "rt-fig-flow", "rt-fig-actors"} <= set(ids)
    assert len(ids) == len(set(ids))


def test_seed_report_is_small_and_embeds_plotlyjs_once(seed_html):
    path, text = seed_html
    assert path.stat().st_size <= 5 * MB
    assert text.count("* plotly.js v") == 1
    assert not re.search(r"<script[^>]+src=", text), "no external (CDN) scripts"


def test_seed_report_provenance(seed_html):
    _, text = seed_html
    prov = text[text.index('id="provenance"'):]
    assert f"rhetoric-toolkit {toolkit.__version__}" in prov
    assert LEXICON_VERSION in prov
    assert "seeds" in prov
    assert re.search(r"\d{4}-\d\d-\d\d \d\d:\d\d UTC", prov)
    assert "1 / 12" in prov  # documents / paragraphs


def test_seed_report_has_menus_to_switch_speaker_and_metric(seed_html):
    _, text = seed_html
    assert text.count('"updatemenus"') >= 2
    assert '"toolkit_switch":"speaker"' in text and '"toolkit_switch":"metric"' in text


def test_seed_report_highlights_evidence(seed_html):
    _, text = seed_html
    table = text[text.index('id="paragraphs"'):]
    assert table.count('<tr class="doc">') == 1
    assert len(re.findall(r'<span class="ev-esc-up[^"]*" title=', table)) >= 5
    assert re.search(r'<span class="[^"]*ev-sent-(pos|neg)[^"]*" title=', table)
    assert 'class="ev-esc-down' in table  # Putin "complimented" Trump: conciliatory


def test_hostile_text_and_names_are_escaped(tmp_path):
    text = report(hostile_scores(), tmp_path / "r.html", title="<b>T</b>").read_text(encoding="utf-8")
    for raw in ("<script>alert(1)</script>", HOSTILE_NAME, "<img src", "<i>Title</i>", "<b>T</b>"):
        assert raw not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    assert "&lt;img src=x onerror=alert(1)&gt;" in text
    assert "&quot;quoted&quot;" in text
    assert "O&#x27;Brien &quot;the&quot; &lt;b&gt;" in text
    assert "test-lex-1" in text and f"packaged lexicon: {LEXICON_VERSION}" in text


def test_report_does_not_mutate_input(tmp_path):
    frame = hostile_scores()
    before = frame.copy(deep=True)
    report(frame, tmp_path / "r.html")
    pd.testing.assert_frame_equal(frame, before)


def test_highlight_slices_raw_text_and_escapes_each_piece():
    text = "a <b> warned & war"
    ev = [{"start": 6, "end": 12, "dimension": "escalation", "weight": 0.7, "term": "warned", "rule": "lexicon"},
          {"start": 6, "end": 12, "dimension": "sentiment", "weight": -0.3, "term": "warned"},
          {"start": 15, "end": 18, "dimension": "sentiment", "weight": -0.6, "term": "war"},
          {"start": 40, "end": 50, "dimension": "escalation", "weight": 1.0}]  # out of range: ignored
    out = highlight_html(text, ev)
    assert out.startswith("a &lt;b&gt; <span class=\"ev-esc-up ev-sent-neg\"")
    assert ">warned</span> &amp; <span class=\"ev-sent-neg\"" in out
    assert out.endswith(">war</span>")
    assert highlight_html("<x>", None) == "&lt;x&gt;"
    assert highlight_html("<x>", '[{"start": 1, "end": 2, "dimension": "escalation", "weight": -1}]') == \
        '&lt;<span class="ev-esc-down" title="escalation · “x” · weight -1.00">x</span>&gt;'


def test_switcher_shows_one_option_at_a_time():
    import plotly.graph_objects as go

    a = go.Figure([go.Bar(x=[1], y=[1]), go.Bar(x=[2], y=[2])], layout={"title": {"text": "A"}})
    b = go.Figure([go.Bar(x=[3], y=[3])], layout={"title": {"text": "B"}, "xaxis": {"title": {"text": "bx"}}})
    fig = _switcher([("a", a), ("b", b)], what="speaker")
    assert [tr.visible for tr in fig.data] == [True, True, False]
    buttons = fig.layout.updatemenus[0].buttons
    assert [bt.label for bt in buttons] == ["a", "b"]
    assert buttons[1].args[0]["visible"] == [False, False, True]
    assert buttons[1].args[1]["title"]["text"] == "B"
    assert buttons[1].args[1]["xaxis"]["title"]["text"] == "bx"
    assert buttons[0].args[1]["xaxis"] is None  # reset what option a does not set


def test_report_without_speakers_notes_skipped_chart(tmp_path):
    frame = hostile_scores()
    frame["speaker"] = None
    text = report(frame, tmp_path / "r.html").read_text(encoding="utf-8")
    assert "Not drawn: no paragraph has a speaker" in text
    assert 'id="rt-fig-flow-' in text


@pytest.mark.parametrize(("kwargs", "exc", "match"), [
    ({"scores": [1, 2], "path": "r.html"}, TypeError, "must be a scores DataFrame"),
    ({"scores": pd.DataFrame({"text": ["x"]}), "path": "r.html"}, ValueError, r"lacks the column\(s\)"),
    ({"path": "r.pdf"}, ValueError, r"`path` must end with \.html, but '.*r\.pdf'"),
    ({"path": "r.html", "max_rows": 0}, ValueError, "`max_rows` must be a positive integer"),
])
def test_report_bad_input(tmp_path, kwargs, exc, match):
    kwargs = {"scores": hostile_scores(), **kwargs}
    kwargs["path"] = tmp_path / kwargs["path"]
    with pytest.raises(exc, match=match):
        report(kwargs.pop("scores"), kwargs.pop("path"), **kwargs)


def test_cli_report_prints_path(tmp_path, capsys):
    from tests.conftest import SEED_DIR
    from toolkit.cli import main, write_scores

    out = tmp_path / "sub" / "report.html"
    assert main(["report", str(SEED_DIR), "-o", str(out), "--title", "Seed <report>"]) == 0
    printed = capsys.readouterr().out
    assert str(out) in printed and out.is_file()
    assert "<title>Seed &lt;report&gt;</title>" in out.read_text(encoding="utf-8")
    # a scores file written by `score` is read back instead of re-scored
    scores_file = write_scores(toolkit.score(str(SEED_DIR)), tmp_path / "s.parquet")
    out2 = tmp_path / "r2.html"
    assert main(["report", str(scores_file), "-o", str(out2)]) == 0
    assert "12 paragraphs" in capsys.readouterr().out
    assert 'id="rt-fig-contrast-0"' in out2.read_text(encoding="utf-8")
