"""Browser tests: the real app under uvicorn, Debian's chromium driven by Playwright.

The app runs on 127.0.0.1 on a free port with a fresh, migrated SQLite database. Chromium is
the system one (/usr/bin/chromium); Playwright's own browser download is never used. axe-core
comes from npm into tests/browser/node_modules, installed on first use with `npm ci`.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import uvicorn

from interviewer.config import Settings
from interviewer.storage.db import upgrade
from interviewer.web.app import create_app

try:
    from playwright.sync_api import expect
except ImportError:  # pragma: no cover - without Playwright nothing here can run
    if os.environ.get("CI"):
        raise
    collect_ignore_glob = ["test_*.py"]
else:
    # Generous waits: grading and a bank's first use can be slow on a busy machine.
    expect.set_options(timeout=20_000)

HERE = Path(__file__).parent
ROOT = HERE.parents[1]
SCREENSHOTS = ROOT / "test-output" / "screenshots"
CHROMIUM = os.environ.get("INTERVIEWER_CHROMIUM", "/usr/bin/chromium")
AXE = HERE / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--use-fake-ui-for-media-stream",
    "--use-fake-device-for-media-stream",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def _unavailable(reason: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"required for the browser tests in CI: {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The real app, served by uvicorn in a background thread."""
    folder = tmp_path_factory.mktemp("browser-db")
    url = f"sqlite+aiosqlite:///{folder / 'interviewer.db'}"
    upgrade(url)
    app = create_app(Settings(database_url=url, ai_provider="offline"))
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    config = uvicorn.Config(app, log_level="warning", lifespan="on", access_log=False)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the app did not start under uvicorn")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Chromium, per test module: sync Playwright keeps an event loop marked as running while
    it is started, so it is stopped before the suite's asyncio tests run."""
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        _unavailable(f"chromium not found at {CHROMIUM} (apt-get install chromium)")
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield instance
        instance.close()


@pytest.fixture(scope="session")
def axe_script() -> Path:
    """axe-core's script, installed from tests/browser/package-lock.json when missing."""
    if not AXE.exists():
        npm = shutil.which("npm")
        if npm is None:
            _unavailable("npm is needed to install axe-core (apt-get install nodejs npm)")
        subprocess.run(
            [npm, "ci", "--prefix", str(HERE), "--no-audit", "--no-fund"],
            check=True,
            capture_output=True,
            timeout=300,
        )
    assert AXE.exists(), "npm ci did not install axe-core"
    return AXE


# Records problems the page reports: uncaught errors and Content-Security-Policy violations.
WATCH_SCRIPT = """
window.__problems = [];
document.addEventListener('securitypolicyviolation', (e) => {
  window.__problems.push('CSP blocked ' + e.blockedURI + ' (' + e.violatedDirective + ')');
});
window.addEventListener('error', (e) => window.__problems.push('error: ' + e.message));
window.addEventListener('unhandledrejection', (e) => {
  window.__problems.push('unhandled rejection: ' + (e.reason && e.reason.message || e.reason));
});
"""


@pytest.fixture
def new_page(browser: Any, live_server: str) -> Iterator[Callable[..., Any]]:
    """Open a page in a fresh context (own storage); keyword arguments go to new_context."""
    contexts: list[Any] = []
    pages: list[Any] = []

    def open_page(*, init_scripts: tuple[str, ...] = (), **options: Any) -> Any:
        options.setdefault("viewport", {"width": 1280, "height": 900})
        options.setdefault("base_url", live_server)
        context = browser.new_context(**options)
        context.set_default_timeout(20_000)
        context.add_init_script(WATCH_SCRIPT)
        for script in init_scripts:
            context.add_init_script(script)
        contexts.append(context)
        page = context.new_page()
        page.errors = []
        page.on("pageerror", lambda exc: page.errors.append(str(exc)))
        pages.append(page)
        return page

    yield open_page
    try:
        for page in pages:
            if page.is_closed():
                continue
            problems = page.evaluate("window.__problems || []") + page.errors
            assert not problems, f"the page reported problems: {problems}"
    finally:
        for context in contexts:
            context.close()


@pytest.fixture(scope="session")
def screenshot() -> Callable[[Any, str], None]:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def take(page: Any, name: str) -> None:
        page.wait_for_timeout(150)  # let charts draw at their final width
        page.screenshot(
            path=str(SCREENSHOTS / f"{name}.png"), full_page=True, animations="disabled"
        )

    return take
