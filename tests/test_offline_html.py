"""Open every shared HTML file in Debian Chromium with ALL network requests blocked.

A file fails if a chart is not drawn, the page raises an error or opens a dialog (an injected
``alert``), or a widget's static view is an empty box. Our own checker; pytest-playwright's ``browser`` drives
/usr/bin/chromium (never ``playwright install``).
"""
from __future__ import annotations

from pathlib import Path

import pytest

from tests.fixtures.sharing import exported_demo, hostile_scores, seed_report

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"]
LOCAL = ("file:", "data:", "blob:", "about:")

# per chart container: drawn = plotly made its SVG and at least one trace/cell/annotation layer has content
_DRAWN_JS = """() => Array.from(document.querySelectorAll('.js-plotly-plot')).map(gd => ({
    id: gd.id,
    svg: gd.querySelectorAll('.main-svg').length,
    marks: gd.querySelectorAll('.trace, .hm image, .heatmaplayer image, .annotation').length,
    height: gd.getBoundingClientRect().height,
    title: (gd.querySelector('.gtitle') || {}).textContent || ''}))"""


@pytest.fixture(scope="session")
def browser_type_launch_args():
    """pytest-playwright launches Debian Chromium (one Playwright per session, shared with tests/browser)."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make browser` (apt-get install chromium)")
    return {"executable_path": CHROMIUM, "args": ARGS}


@pytest.fixture
def chromium(browser):
    return browser


class Offline:
    """One page opened with every non-local request aborted; records what happened."""

    def __init__(self, browser, path: Path):
        self.context = browser.new_context(viewport={"width": 1300, "height": 1000})
        self.blocked: list[str] = []
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.on("pageerror", lambda e: self.errors.append(str(e)[:300]))
        self.page.on("dialog", self._dialog)
        self.page.goto(path.resolve().as_uri(), wait_until="load", timeout=60_000)
        self.page.wait_for_function("() => !window.Plotly || document.querySelectorAll('.js-plotly-plot').length"
                                    " === document.querySelectorAll('.plotly-graph-div').length", timeout=20_000)
        self.page.wait_for_timeout(500)

    def _route(self, route):
        if route.request.url.startswith(LOCAL):
            route.continue_()
        else:
            self.blocked.append(route.request.url)
            route.abort()

    def _dialog(self, dialog):
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def charts(self) -> list[dict]:
        return self.page.evaluate(_DRAWN_JS)

    def close(self):
        self.context.close()


def _check_all_drawn(view: Offline, minimum: int) -> list[dict]:
    charts = view.charts()
    containers = view.page.locator(".plotly-graph-div").count()
    assert len(charts) >= minimum, f"only {len(charts)} charts drawn"
    assert len(charts) == containers, "a chart container was left undrawn"
    for c in charts:
        assert c["svg"] >= 1 and c["marks"] >= 1 and c["height"] > 100, c
    assert view.errors == [] and view.dialogs == []
    return charts


def test_seed_report_draws_offline(chromium):
    view = Offline(chromium, seed_report())
    try:
        _check_all_drawn(view, 4)
        assert view.blocked == []  # nothing even tried to leave the machine
        assert view.page.locator("#paragraphs tbody tr").count() == 13  # 12 paragraphs + 1 document row
    finally:
        view.close()


def test_seed_report_dropdown_switches_speaker_without_a_kernel(chromium):
    view = Offline(chromium, seed_report())
    try:
        gd = "#contrast .js-plotly-plot"
        before = view.page.locator(f"{gd} .gtitle").text_content()
        view.page.locator(f"{gd} .updatemenu-header").click()
        view.page.locator(f"{gd} .updatemenu-dropdown-button").nth(1).click()
        view.page.wait_for_timeout(400)
        after = view.page.locator(f"{gd} .gtitle").text_content()
        assert before != after and after.startswith("How ")
        assert view.errors == []
    finally:
        view.close()


def test_hostile_report_runs_no_injected_code(chromium, tmp_path):
    from toolkit import report

    view = Offline(chromium, report(hostile_scores(), tmp_path / "hostile.html"))
    try:
        _check_all_drawn(view, 2)
        assert view.page.locator("#paragraphs img").count() == 0
        assert view.page.locator("#paragraphs script").count() == 0
        assert "<script>alert(1)</script>" in view.page.locator("#paragraphs").inner_text()
    finally:
        view.close()


def test_exported_notebook_draws_offline_and_widgets_are_never_empty(chromium):
    view = Offline(chromium, exported_demo())
    try:
        charts = _check_all_drawn(view, 3)
        assert any(c["title"].startswith("mean sentiment") for c in charts)  # the widget's last view
        boxes = view.page.locator(".toolkit-static-view")
        assert boxes.count() == 2
        for i in range(boxes.count()):
            box = boxes.nth(i)
            assert box.locator(".toolkit-static-note").is_visible()
            assert box.bounding_box()["height"] > 200
            assert box.locator(".js-plotly-plot .main-svg").count() >= 1
        assert view.page.locator("img[src='x']").count() == 0
        shown = view.page.locator(".jp-OutputArea").all_inner_texts()
        assert "\n".join(shown).count("<script>alert(1)</script>") >= 2  # printed text and the table
        assert view.blocked == []
    finally:
        view.close()
