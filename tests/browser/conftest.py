"""Fixtures for browser tests: Debian Chromium through Playwright, and a throw-away JupyterLab.

Never runs ``playwright install``: the browser is the system's ``/usr/bin/chromium`` (``make browser``
installs it). JupyterLab starts on 127.0.0.1 with a random port and token, temporary settings,
workspace, config and runtime folders, and serves a *copy* of ``notebooks/`` (JupyterLab autosaves
what it opens) inside a mirror of the repository layout, so notebooks find ``seeds/`` and
``../shared/data`` exactly as they do from the repository.
"""
from __future__ import annotations

import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage"]
ARTIFACTS = ROOT / "test-artifacts"
KERNEL_READY = """() => { const w = window.jupyterapp?.shell.currentWidget;
  const k = w?.sessionContext?.session?.kernel;
  return !!(w?.context?.isReady && w.sessionContext.isReady && k?.connectionStatus === 'connected'
            && k.status === 'idle'); }"""


def _require_chromium() -> None:
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian Chromium is not installed at /usr/bin/chromium: run `make browser` "
                    "(apt-get install chromium); never `playwright install`.")


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """pytest-playwright: launch the system Chromium, headless, without network side-traffic."""
    _require_chromium()
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "viewport": {"width": 1400, "height": 1800}}


@pytest.fixture(scope="session")
def artifacts_dir() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class JupyterLab:
    """A running JupyterLab server: ``url(path)`` opens a notebook in the lab UI."""

    def __init__(self, base: str, token: str, root: Path, log: Path) -> None:
        self.base, self.token, self.root, self.log = base, token, root, log

    def url(self, notebook: str) -> str:
        return f"{self.base}/lab/tree/{notebook}?token={self.token}&reset"

    def log_tail(self, n: int = 40) -> str:
        try:
            return "\n".join(self.log.read_text(errors="replace").splitlines()[-n:])
        except OSError:
            return ""


@pytest.fixture(scope="session")
def jupyterlab(tmp_path_factory) -> JupyterLab:
    """JupyterLab serving a copy of notebooks/ in a mirror of the repository layout."""
    _require_chromium()
    state = tmp_path_factory.mktemp("jlab")
    repo = state / "main"
    repo.mkdir()
    shutil.copytree(ROOT / "notebooks", repo / "notebooks",
                    ignore=shutil.ignore_patterns(".ipynb_checkpoints", "*.out.ipynb"))
    (repo / "seeds").symlink_to(ROOT / "seeds", target_is_directory=True)
    shared = ROOT.parent / "shared"
    if shared.is_dir():
        (state / "shared").symlink_to(shared, target_is_directory=True)
    for ext, text in {"notebook-extension/tracker": '{"windowingMode": "none"}',
                      "apputils-extension/notification": '{"fetchNews": "false", "checkForUpdates": false}'}.items():
        f = state / "settings" / "@jupyterlab" / f"{ext}.jupyterlab-settings"
        f.parent.mkdir(parents=True, exist_ok=True)
        f.write_text(text)
    env = dict(os.environ, JUPYTERLAB_SETTINGS_DIR=str(state / "settings"),
               JUPYTERLAB_WORKSPACES_DIR=str(state / "ws"), JUPYTER_CONFIG_DIR=str(state / "cfg"),
               JUPYTER_RUNTIME_DIR=str(state / "rt"))
    port, token = _free_port(), secrets.token_hex(16)
    base = f"http://127.0.0.1:{port}"
    served = repo / "notebooks"
    cmd = [sys.executable, "-m", "jupyterlab", "--no-browser", "--ip=127.0.0.1", f"--port={port}",
           f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={served}",
           "--LabApp.expose_app_in_browser=True", "--LabApp.news_url=None"]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        cmd.append("--allow-root")
    log = state / "lab.log"
    with open(log, "w") as fh:
        lab = subprocess.Popen(cmd, env=env, cwd=served, stdout=fh, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=2)
                break
            except OSError:
                if lab.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("JupyterLab did not start:\n" + log.read_text(errors="replace")[-3000:]) from None
                time.sleep(0.25)
        yield JupyterLab(base, token, served, log)
    finally:
        lab.terminate()
        try:
            lab.wait(timeout=20)
        except subprocess.TimeoutExpired:  # pragma: no cover
            lab.kill()
