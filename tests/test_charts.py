"""Charts (toolkit.charts): assertions on figure data — traces, values, order, colours."""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio
import pytest

from tests.test_aggregate import REGISTRY, make_scores
from toolkit import charts, style
from toolkit.lexicon import RHETORIC_CLASSES

ALL_CHARTS = ["contrast", "speaker_target_matrix", "paragraph_flow", "actor_summary", "rhetoric_mix", "timeline",
              "evidence_terms"]


@pytest.fixture
def scores():
    return make_scores()


@pytest.fixture
def no_statements(monkeypatch):
    from toolkit import aggregate

    monkeypatch.setattr(aggregate, "_statement_rows", lambda scores: None)


def _annotations(fig):
    return [a.text for a in fig.layout.annotations]


def _call(name, scores, **kwargs):
    fn = getattr(charts, name)
    if name == "contrast":
        kwargs.setdefault("speaker", "Vladimir Putin")
        kwargs.setdefault("registry", REGISTRY)
    if name == "paragraph_flow":
        kwargs.setdefault("doc_id", "a")
    return fn(scores, **kwargs)


def test_public_surface():
    assert sorted(set(charts.__all__) - {"EMPTY_MESSAGE"}) == sorted(ALL_CHARTS)
    import inspect

    for name in ALL_CHARTS:
        params = list(inspect.signature(getattr(charts, name)).parameters.values())
        assert params[0].name == "scores"
        assert all(p.kind is inspect.Parameter.KEYWORD_ONLY for p in params[1:]), name


@pytest.mark.parametrize("name", ALL_CHARTS)
def test_every_chart_returns_a_titled_figure_and_leaves_plotly_alone(scores, name):
    template_before, renderer_before = pio.templates.default, pio.renderers.default
    fig = _call(name, scores)
    assert isinstance(fig, go.Figure)
    assert fig.layout.title.text
    assert len(fig.data) > 0
    assert pio.templates.default == template_before and pio.renderers.default == renderer_before


@pytest.mark.parametrize("name", [n for n in ALL_CHARTS if n != "paragraph_flow"])
def test_empty_data_gives_a_figure_that_says_so(scores, name):
    fig = _call(name, scores.iloc[:0])
    assert any(charts.EMPTY_MESSAGE in (t or "") for t in _annotations(fig))
    assert len(fig.data) == 0


def test_paragraph_flow_on_empty_frame_says_so(scores):
    fig = charts.paragraph_flow(scores.iloc[:0])
    assert charts.EMPTY_MESSAGE in _annotations(fig)[0]


# ------------------------------------------------------------------------------------ contrast
def test_contrast_bars_order_values_and_counts(scores, no_statements):
    fig = charts.contrast(scores, speaker="Vladimir Putin", registry=REGISTRY)
    bars = [t for t in fig.data if isinstance(t, go.Bar)]
    esc, sent = bars
    assert list(esc.y) == ["Donald Trump", "United States", "NATO"]  # conciliatory first (top)
    assert list(esc.x) == pytest.approx([-0.3, 0.7, 0.8])
    assert list(sent.x) == pytest.approx([0.4, -0.6, -0.7])
    assert list(esc.customdata) == [2, 1, 2]
    ticks = fig.layout.yaxis.ticktext
    assert "n=2" in ticks[0] and "n=1" in ticks[1]
    assert fig.layout.yaxis.autorange == "reversed"
    # diverging colour, centred on 0, the shared escalation scale
    assert esc.marker.cmin == -1 and esc.marker.cmax == 1 and esc.marker.cmid == 0
    assert [list(c) for c in esc.marker.colorscale] == [list(c) for c in style.ESCALATION_SCALE]
    assert [list(c) for c in sent.marker.colorscale] == [list(c) for c in style.SENTIMENT_SCALE]
    # whiskers only where n >= 2
    whiskers = [t for t in fig.data if isinstance(t, go.Scatter) and t.name == "95% interval"]
    assert list(whiskers[0].y) == ["Donald Trump", "NATO"]
    assert "Vladimir Putin" in fig.layout.title.text


def test_contrast_hover_has_evidence_and_escaped_snippet(scores):
    fig = charts.contrast(scores, speaker="Donald Trump", registry=REGISTRY)
    hover = fig.data[0].hovertext[0]
    assert "peace" in hover
    assert "<script>" not in hover and "&lt;script&gt;" in hover and "&amp;" in hover


def test_contrast_country_group(scores):
    fig = charts.contrast(scores, speaker="RUS", registry=REGISTRY)
    assert "Vladimir Putin" not in fig.data[0].y
    assert list(fig.data[0].y) == ["Donald Trump", "United States", "NATO"]
    same = charts.contrast(scores, country="RUS", registry=REGISTRY)
    assert list(same.data[0].x) == list(fig.data[0].x)
    assert fig.layout.title.text == "How RUS speaks about other actors"
    assert "Vladimir Putin" in fig.layout.title.subtitle.text


def test_contrast_speaker_without_statements_is_empty(scores):
    fig = charts.contrast(scores, speaker="Ukraine", registry=REGISTRY)
    assert charts.EMPTY_MESSAGE in _annotations(fig)[0]


@pytest.mark.parametrize("kwargs, match", [
    ({"speaker": "Vladimir Putin", "value": "anger"}, r"`value` must be one of \['sentiment', 'escalation'\]"),
    ({"speaker": "Napoleon"}, r"`speaker` must be an actor name.*'Napoleon' was passed"),
    ({}, r"`speaker` is required"),
    ({"speaker": "Vladimir Putin", "title": 3}, r"`title` must be a string"),
])
def test_contrast_bad_arguments(scores, kwargs, match):
    with pytest.raises(ValueError, match=match):
        charts.contrast(scores, registry=REGISTRY, **kwargs)


# -------------------------------------------------------------------------------------- matrix
def test_speaker_target_matrix(scores):
    fig = charts.speaker_target_matrix(scores)
    hm = fig.data[0]
    assert isinstance(hm, go.Heatmap)
    assert hm.y[0] == "Vladimir Putin" and hm.y[-1] == "(no speaker)"
    assert hm.x[0] == "Donald Trump"
    row, col = list(hm.y).index("Vladimir Putin"), list(hm.x).index("NATO")
    assert hm.text[row][col] == "2" and hm.z[row][col] == pytest.approx(0.8)
    row_r, col_p = list(hm.y).index("Russia"), list(hm.x).index("Donald Trump")
    assert hm.text[row_r][col_p] == "" and hm.z[row_r][col_p] is None
    assert hm.zmid == 0 and hm.zmin == -1 and hm.zmax == 1
    assert "1 paragraph without a target" in fig.layout.title.subtitle.text
    sent = charts.speaker_target_matrix(scores, value="sentiment")
    assert [list(c) for c in sent.data[0].colorscale] == [list(c) for c in style.SENTIMENT_SCALE]


# ---------------------------------------------------------------------------------------- flow
def test_paragraph_flow_colours_by_rhetoric_and_reads_top_down(scores):
    fig = charts.paragraph_flow(scores, doc_id="a")
    markers = [t for t in fig.data if t.mode == "markers"]
    for t in markers:
        assert t.marker.color == style.RHETORIC_COLORS[t.meta["rhetoric"]]
    esc_markers = {t.meta["rhetoric"]: t for t in markers if t.meta["measure"] == "escalation"}
    assert esc_markers["warning"].x == (0.7,) and esc_markers["warning"].y == (1,)
    legend_names = [t.name for t in markers if t.showlegend]
    order = [r.replace("_", " ") for r in RHETORIC_CLASSES]
    assert legend_names == sorted(legend_names, key=order.index)
    line = fig.data[0]
    assert list(line.y) == [0, 1, 2, 3, 4, 5] and line.mode == "lines"
    assert fig.layout.yaxis.autorange == "reversed"
    assert fig.layout.yaxis.ticktext[0] == "¶1  Vladimir Putin"
    assert "Article A" in fig.layout.title.text
    assert "&lt;script&gt;" in esc_markers["peace_appeal"].hovertext[0]


def test_paragraph_flow_bad_doc_id(scores):
    with pytest.raises(ValueError, match=r"`doc_id` must be one of \['a', 'b'\], but 'zz' was passed"):
        charts.paragraph_flow(scores, doc_id="zz")
    with pytest.raises(ValueError, match="`doc_id` is required"):
        charts.paragraph_flow(scores)


# ------------------------------------------------------------------------------- actor summary
def test_actor_summary(scores):
    fig = charts.actor_summary(scores, seed=0)
    esc = fig.data[0]
    assert esc.y[-1] == "(no speaker)"
    named = list(esc.y[:-1])
    xs = list(esc.x[:-1])
    assert xs == sorted(xs)  # conciliatory at the top
    assert esc.x[named.index("Vladimir Putin")] == pytest.approx(0.25)
    assert any("n=4" in t for t in fig.layout.yaxis.ticktext)
    # small groups faded, only groups with n >= 2 get whiskers
    assert esc.marker.opacity[named.index("Russia")] < 1 and esc.marker.opacity[named.index("Vladimir Putin")] == 1
    whiskers = [t for t in fig.data if t.name == "95% interval"][0]
    assert "Russia" not in whiskers.y and "Vladimir Putin" in whiskers.y
    assert fig.to_dict() == charts.actor_summary(scores, seed=0).to_dict()
    with pytest.raises(ValueError, match="`min_n`"):
        charts.actor_summary(scores, min_n=0)
    with pytest.raises(ValueError, match="`by` must be one of"):
        charts.actor_summary(scores, by="colour")


# -------------------------------------------------------------------------------- rhetoric mix
def test_rhetoric_mix_stacks_classes_in_fixed_colours(scores):
    fig = charts.rhetoric_mix(scores)
    assert fig.layout.barmode == "stack"
    names = [t.name for t in fig.data]
    order = [r.replace("_", " ") for r in RHETORIC_CLASSES]
    assert names == sorted(names, key=order.index)
    for t in fig.data:
        assert t.marker.color == style.RHETORIC_COLORS[t.meta["rhetoric"]]
    threat = next(t for t in fig.data if t.meta["rhetoric"] == "threat")
    assert threat.y[0] == "Vladimir Putin" and threat.x[0] == pytest.approx(25.0)
    counts = charts.rhetoric_mix(scores, normalize=False)
    threat = next(t for t in counts.data if t.meta["rhetoric"] == "threat")
    assert threat.x[0] == 1
    with pytest.raises(ValueError, match="`normalize`"):
        charts.rhetoric_mix(scores, normalize="yes")


# ------------------------------------------------------------------------------------ timeline
def test_timeline(scores):
    fig = charts.timeline(scores, freq="W")
    t = fig.data[0]
    assert [pd.Timestamp(x).strftime("%Y-%m-%d") for x in t.x] == ["2024-11-11", "2024-11-25"]
    assert t.y[1] == pytest.approx((-0.2 + 0.9 + 0.0) / 3)
    per_actor = charts.timeline(scores, actors=["Vladimir Putin", "Donald Trump"], registry=REGISTRY)
    assert [tr.name for tr in per_actor.data] == ["Vladimir Putin", "Donald Trump"]
    assert per_actor.data[0].line.color != per_actor.data[1].line.color


def test_timeline_without_dates_says_so(scores):
    fig = charts.timeline(scores.drop(columns="date"))
    assert charts.EMPTY_MESSAGE in _annotations(fig)[0] and "date" in _annotations(fig)[0]
    with pytest.raises(ValueError, match="`freq`"):
        charts.timeline(scores, freq="fortnight")


# ------------------------------------------------------------------------------ evidence terms
def test_evidence_terms(scores):
    fig = charts.evidence_terms(scores)
    esc, sent = fig.data
    assert esc.y[0] == "threatened" and esc.x[0] == pytest.approx(1.5)
    assert esc.marker.color[0] == style.RHETORIC_COLORS["threat"]
    assert abs(sent.x[0]) == max(abs(v) for v in sent.x)
    putin = charts.evidence_terms(scores, actor="Vladimir Putin", registry=REGISTRY)
    assert "fighting" not in putin.data[0].y
    assert "Vladimir Putin" in putin.layout.title.text
    assert len(charts.evidence_terms(scores, top=2).data[0].y) == 2
    with pytest.raises(ValueError, match="`top`"):
        charts.evidence_terms(scores, top=-1)


# --------------------------------------------------------------------------------------- seed
@pytest.fixture(scope="module")
def seed_frame():
    import toolkit
    from tests.conftest import SEED_DIR

    return toolkit.score(str(SEED_DIR))


def test_seed_contrast_puts_trump_conciliatory_and_nato_us_escalatory(seed_frame):
    if seed_frame["speaker"].isna().all():  # pragma: no cover - before attribution existed
        pytest.fail("toolkit.score found no speakers in the seed")
    fig = charts.contrast(seed_frame, speaker="Vladimir Putin")
    values = dict(zip(fig.data[0].y, fig.data[0].x, strict=False))
    assert values["Donald Trump"] < 0
    assert values["NATO"] > 0 and values["United States"] > 0
    assert list(fig.data[0].y).index("Donald Trump") < list(fig.data[0].y).index("NATO")


@pytest.mark.parametrize("name", ALL_CHARTS)
def test_seed_smoke(seed_frame, name):
    kwargs = {"speaker": "RUS"} if name == "contrast" else {}
    if name == "paragraph_flow":
        kwargs["doc_id"] = seed_frame["doc_id"].iloc[0]
    fig = getattr(charts, name)(seed_frame, **kwargs)
    assert isinstance(fig, go.Figure) and fig.layout.title.text
    if name != "timeline":  # the seed has no dates
        assert len(fig.data) > 0


# ------------------------------------------------------------------------------ speed: caches
@pytest.mark.parametrize("name", ALL_CHARTS)
def test_charts_on_a_selection_are_the_same_with_and_without_the_caches(name):
    """The explorer draws filtered selections of one frame: cached statements must not change a figure."""
    from tests.test_aggregate import _big_scores
    from toolkit import aggregate

    big = _big_scores(4)
    selection = big[big["doc_id"].str.startswith("a").to_numpy()]
    kwargs = {"doc_id": "a001"} if name == "paragraph_flow" else {}
    aggregate._clear_statement_cache()
    _call(name, big, **kwargs)  # warm the caches on the full frame
    warm = _call(name, selection, **kwargs).to_plotly_json()
    aggregate._clear_statement_cache()
    cold = _call(name, selection.copy(deep=True), **kwargs).to_plotly_json()
    assert warm == cold


def test_subtitles_say_when_intervals_are_normal_approximations(scores):
    from tests.test_aggregate import _big_scores

    small = charts.actor_summary(scores).layout.title.subtitle.text
    assert "bootstrap interval (seed 0)" in small and "normal approximation" not in small
    big = _big_scores(60)  # Putin: 240 paragraphs, 120 statements about Trump and about NATO
    for fig in (charts.actor_summary(big), charts.contrast(big, speaker="Vladimir Putin", registry=REGISTRY)):
        assert "normal approximation above n = 100" in fig.layout.title.subtitle.text
    table = charts._agg.summarize(big)
    putin = table.set_index("speaker").loc["Vladimir Putin"]
    fig = charts.actor_summary(big)
    whiskers = [t for t in fig.data if t.name == "95% interval"][0]
    i = list(whiskers.y).index("Vladimir Putin")
    assert whiskers.error_x.array[i] == pytest.approx(putin["escalation_high"] - putin["escalation_mean"])
