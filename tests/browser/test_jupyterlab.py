"""The explorer in a real browser: JupyterLab in Debian Chromium, driven by Playwright.

Opens ``notebooks/02_explore.ipynb`` (a copy), runs every cell, changes the speaker filter and
checks that the chart and the paragraph table changed; then clicks a cell of the speaker × target
heatmap and checks that the table narrowed to it. A screenshot of the explorer is kept in
``test-artifacts/``.
"""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import KERNEL_READY

pytestmark = pytest.mark.browser

# Page coordinates of the first non-empty heatmap cell of the explorer's chart.
FIRST_CELL = """(gd) => {
  const z = gd.data[0].z, xa = gd._fullLayout.xaxis, ya = gd._fullLayout.yaxis;
  for (let i = 0; i < z.length; i++) for (let j = 0; j < z[i].length; j++) if (z[i][j] !== null) {
    const box = gd.getBoundingClientRect();
    return {x: box.left + xa._offset + xa.c2p(j), y: box.top + ya._offset + ya.c2p(i),
            speaker: gd.data[0].y[i], target: gd.data[0].x[j]};
  }
  return null; }"""


def _chart_text(explorer) -> str:
    return explorer.locator(".js-plotly-plot .main-svg").first.text_content() or ""


def test_explorer_filters_and_clicks_in_jupyterlab(jupyterlab, page, artifacts_dir):
    messages: list[str] = []
    page.on("console", lambda m: messages.append(f"{m.type}: {m.text}") if m.type == "error" else None)
    page.goto(jupyterlab.url("02_explore.ipynb"))
    page.wait_for_function(KERNEL_READY, timeout=90_000)
    page.get_by_role("menuitem", name="Run", exact=True).click()
    page.get_by_role("menuitem", name="Run All Cells", exact=True).click()

    explorer = page.locator(".rt-explorer").first
    speaker = explorer.locator(".rt-speaker select")
    expect(speaker).to_be_visible(timeout=120_000)
    plot = explorer.locator(".js-plotly-plot").first
    expect(plot.locator(".gtitle")).to_contain_text("Who speaks about whom", timeout=120_000)
    table = explorer.locator(".rt-table-widget")
    expect(table.locator("tbody tr").first).to_be_visible(timeout=30_000)
    counts = explorer.locator(".rt-counts-widget")
    rows_before = table.locator("tbody tr").count()
    chart_before = _chart_text(explorer)
    counts_before = counts.text_content()
    assert rows_before > 10 and "of" in counts_before

    # the evidence is highlighted, and article text arrives escaped (no markup from the data)
    assert table.locator("mark.rt-esc-pos, mark.rt-esc-neg").count() > 0

    # change a filter: the first named speaker
    labels = speaker.locator("option").all_text_contents()
    choice = next(lb for lb in labels[1:] if not lb.startswith("(narration"))
    name = re.sub(r" \(\d+\)$", "", choice.replace("\xa0", " "))
    speaker.select_option(label=choice)
    expect(counts).not_to_have_text(counts_before, timeout=30_000)
    page.wait_for_function("([el, before]) => el.textContent !== before",
                           arg=[plot.locator(".main-svg").first.element_handle(), chart_before], timeout=60_000)
    rows_after = table.locator("tbody tr").count()
    assert 0 < rows_after < rows_before
    who = table.locator("tbody tr td.rt-who").all_text_contents()
    assert who and all(w.startswith(name) for w in who), (name, who[:5])
    chart_after = _chart_text(explorer)
    assert chart_after != chart_before
    cell = page.locator(".jp-Cell", has=page.locator(".rt-explorer")).first
    cell.screenshot(path=str(artifacts_dir / "jupyterlab_explorer.png"))

    # click a heatmap cell: the table narrows to that speaker -> target pair
    speaker.select_option(index=0)
    expect(counts).to_have_text(counts_before, timeout=30_000)
    page.wait_for_function("([el, before]) => el.textContent === before",
                           arg=[plot.locator(".main-svg").first.element_handle(), chart_before], timeout=60_000)
    target = plot.evaluate(FIRST_CELL)
    assert target is not None
    page.mouse.click(target["x"], target["y"])
    click_label = explorer.get_by_text("chart click:")
    expect(click_label).to_be_visible(timeout=30_000)
    expect(click_label).to_contain_text(target["target"])
    who = table.locator("tbody tr td.rt-who").all_text_contents()
    assert who and all(target["target"] in w for w in who), (target, who[:5])
    cell.screenshot(path=str(artifacts_dir / "jupyterlab_explorer_click.png"))
    assert not [m for m in messages if "rt-" in m or "toolkit" in m], messages
