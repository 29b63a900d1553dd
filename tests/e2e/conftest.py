"""Browser tests: the real `backstride serve` and Debian's Chromium driven by Playwright.

Every page a test's browser loads is checked by axe-core (npm, `make test` installs it) in
light and in dark: the test fails on any serious or critical finding. New test files get
this from the `page` fixture, or from `browser.new_context()`, with nothing to call."""

from __future__ import annotations

import functools
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = os.environ.get("BACKSTRIDE_CHROMIUM", "/usr/bin/chromium")
ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts" / "e2e"
AXE_SCRIPT = ROOT / "node_modules" / "axe-core" / "axe.min.js"
PHONE = {"width": 390, "height": 844}
# The pages the README shows; `make screenshots` refreshes them in docs/.
README_PAGES = {"home", "plan", "session", "exercises"}
# Without these, Chromium keeps calling home; this machine's network refuses it.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


# ---- Accessibility: axe-core on every page the browser tests load, light and dark ----

FAILING_IMPACTS = ("serious", "critical")
SCHEMES = ("light", "dark")
# Each of these leaves a page freshly loaded (or a new state waited for): checked right after.
NAVIGATIONS = ("goto", "reload", "go_back", "go_forward", "wait_for_url", "wait_for_load_state")
NEW_STATES = ("wait_for_selector", "wait_for_function")
# Before leaving a page, a load the test has not waited for is checked first.
LEAVING = ("goto", "reload", "go_back", "go_forward")
IS_DARK = "matchMedia('(prefers-color-scheme: dark)').matches"
HAS_AXE = "typeof window.axe === 'object'"
# The page's markup without its words and field values, hashed: a state already checked
# (the same page again, a timer that ticked, a second set) is not checked again. Only HTML
# documents: an SVG or JSON answer opened on its own is not a page to check.
FINGERPRINT = """() => {
  if (document.contentType !== 'text/html') return null;
  let hash = 0;
  const add = (text) => {
    for (const c of text) hash = (Math.imul(hash, 31) + c.charCodeAt(0)) | 0;
  };
  for (const element of document.querySelectorAll('*')) {
    add(element.tagName);
    for (const attribute of element.attributes) {
      if (attribute.name !== 'value') add(` ${attribute.name}=${attribute.value}`);
    }
    if ([...element.childNodes].some(n => n.nodeType === Node.TEXT_NODE && n.data.trim())) add('#');
  }
  return `${document.querySelectorAll('*').length}:${hash}`;
}"""
AXE_RUN = """async (impacts) => {
  const result = await axe.run(document, {resultTypes: ['violations']});
  return result.violations.flatMap(rule => rule.nodes
    .filter(node => impacts.includes(node.impact))
    .map(node => ({rule: rule.id, impact: node.impact, target: node.target.join(' '),
                   help: rule.help})));
}"""
# Playwright's words when a check's document went away under it (the page moved on).
LEFT_BEHIND = ("Execution context was destroyed", "navigation", "Target closed")
# Elements named per finding in a failure; the rest are counted.
SHOWN = 5
# Swagger UI as django-ninja ships it (the API's reference for developers, not a runner's
# page): its own markup nests controls and colours its badges, beyond our templates' reach.
NOT_OURS = ("/api/v1/docs",)
_timing = {"states": 0, "checked": 0, "seconds": 0.0}
_checked_states: set[str] = set()


@dataclass(frozen=True)
class Finding:
    rule: str
    impact: str
    target: str
    help: str
    url: str
    scheme: str

    @property
    def summary(self) -> str:
        return f"{self.rule} ({self.impact}) on {self.url}, {self.scheme}: {self.help}"


class AccessibilityReport:
    """What axe-core found on every page one test's browser loaded."""

    def __init__(self) -> None:
        self.findings: list[Finding] = []
        self.pages: list[AuditedPage] = []

    def watch(self, page: Any) -> AuditedPage:
        audited = AuditedPage(page, self)
        self.pages.append(audited)
        return audited

    def check_open_pages(self) -> None:
        for audited in self.pages:
            audited.check_if_changed()

    def assert_clean(self) -> None:
        """Fails with one line per rule, page and scheme, naming the elements found."""
        targets: dict[str, list[str]] = {}
        for finding in self.findings:
            found = targets.setdefault(finding.summary, [])
            if finding.target not in found:
                found.append(finding.target)
        if not targets:
            return
        lines = [f"axe-core: serious or critical findings on {len(targets)} page(s) and scheme(s):"]
        for summary, found in targets.items():
            more = f" and {len(found) - SHOWN} more" if len(found) > SHOWN else ""
            lines.append(f"{summary}\n      at {' | '.join(found[:SHOWN])}{more}")
        pytest.fail("\n  ".join(lines), pytrace=False)


class AuditedPage:
    """One tab whose every page (and every state a test waits for) is checked once loaded,
    before the test acts on it again. The navigation handler only counts: a page call inside
    an event handler would run alongside the test's own. The checks run from the tab's
    locator handler (Playwright runs it before each action and waits for it), around the
    navigation and waiting methods, before the tab or its context closes, and at teardown."""

    def __init__(self, page: Any, report: AccessibilityReport) -> None:
        self.page = page
        self.report = report
        self.changes = 0
        self.checked = 0
        self.original = {name: getattr(page, name) for name in (*NAVIGATIONS, *NEW_STATES)}
        page.on("framenavigated", self._navigated)
        page.add_locator_handler(page.locator("body"), self.check_if_changed, no_wait_after=True)
        for name in (*NAVIGATIONS, *NEW_STATES):
            setattr(page, name, self._checked_around(name))
        close = page.close
        page.close = lambda **options: (self.check_if_changed(), close(**options))[1]

    def _navigated(self, frame: Any) -> None:
        # From the commit on (a test may act before the load event); checked once loaded.
        if frame.parent_frame is None:
            self._changed()

    def _changed(self) -> None:
        self.changes += 1

    def _checked_around(self, name: str) -> Callable[..., Any]:
        method = self.original[name]

        def checked(*args: Any, **kwargs: Any) -> Any:
            if name in LEAVING:
                self.check_if_changed()
            answer = method(*args, **kwargs)
            if name in NEW_STATES:
                self._changed()
            self.check_if_changed()
            return answer

        return checked

    def check_if_changed(self) -> None:
        if self.checked == self.changes or self.page.is_closed():
            return
        self.checked = self.changes
        # Pages a test writes itself (set_content, data: URLs) are not the app's.
        url = urllib.parse.urlsplit(self.page.url)
        if url.scheme not in ("http", "https") or url.path.startswith(NOT_OURS):
            return
        started = time.monotonic()
        for attempt in range(3):
            try:
                self.original["wait_for_load_state"]()
                self._check_both_schemes()
                break
            except Exception as error:
                if attempt == 2 or not any(words in str(error) for words in LEFT_BEHIND):
                    raise
        _timing["states"] += 1
        _timing["seconds"] += time.monotonic() - started

    def _check_both_schemes(self) -> None:
        state = self.page.evaluate(FINGERPRINT)
        if state is None or state in _checked_states:
            return
        _timing["checked"] += 1
        scheme = "dark" if self.page.evaluate(IS_DARK) else "light"
        url = self.page.url
        try:
            for checked in (scheme, *(other for other in SCHEMES if other != scheme)):
                # Flipped back below, so what the test sees and shoots is unchanged.
                self.page.emulate_media(color_scheme=checked)
                self.report.findings += [
                    Finding(url=url, scheme=checked, **found) for found in self._violations()
                ]
        finally:
            self.page.emulate_media(color_scheme=scheme)
        _checked_states.add(state)

    def _violations(self) -> list[dict[str, str]]:
        if not self.page.evaluate(HAS_AXE):
            # A document the init script missed. Evaluated, not added as a <script>: the
            # app's policy refuses inline scripts.
            self.page.evaluate(_axe_source())
        return list(self.page.evaluate(AXE_RUN, list(FAILING_IMPACTS)))


@functools.cache
def _axe_source() -> str:
    if not AXE_SCRIPT.exists():
        pytest.fail(f"axe-core is missing at {AXE_SCRIPT}: run `npm ci` (make test does)")
    return AXE_SCRIPT.read_text(encoding="utf-8")


_reports: list[AccessibilityReport] = []


@pytest.fixture(autouse=True)
def accessibility() -> Iterator[AccessibilityReport]:
    """Every browser tab opened in the test is watched; the test fails on any finding."""
    report = AccessibilityReport()
    _reports.append(report)
    try:
        yield report
        report.check_open_pages()
    finally:
        _reports.remove(report)
    report.assert_clean()


def _audit_every_context(browser: Any) -> None:
    """The tabs of every context made from this browser are watched by the running test."""
    new_context = browser.new_context

    def audited_new_context(*args: Any, **options: Any) -> Any:
        if not _reports:
            raise RuntimeError(
                "browser contexts are made inside a test (for its accessibility check)"
            )
        report = _reports[-1]
        context = new_context(*args, **options)
        # Into every document before its own scripts (and past its policy), as evaluating
        # it after each load would cost more.
        context.add_init_script(script=_axe_source())
        new_page, close = context.new_page, context.close
        context.new_page = lambda: report.watch(new_page()).page

        def audited_close(**close_options: Any) -> None:
            try:
                report.check_open_pages()
            finally:
                close(**close_options)

        context.close = audited_close
        return context

    browser.new_context = audited_new_context


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if _timing["states"]:
        terminalreporter.write_line(
            f"axe-core: {_timing['states']} page states, {_timing['checked']} of them new and"
            f" checked light and dark, in {_timing['seconds']:.1f} s"
        )


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait_healthy(url: str, process: subprocess.Popen[bytes], seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server exited with code {process.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/healthz", timeout=2) as answer:
                if answer.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError("the server did not become healthy in time")


@pytest.fixture(scope="session")
def server_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A production server on a fresh SQLite data folder, for the whole browser session."""
    port = _free_port()
    env = {**os.environ, "BACKSTRIDE_DATA_DIR": str(tmp_path_factory.mktemp("e2e-data"))}
    env.pop("DATABASE_URL", None)
    command = [
        str(Path(sys.executable).parent / "backstride"),
        "serve",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--workers",
        "1",
    ]
    process = subprocess.Popen(command, env=env, start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_healthy(url, process)
        yield url
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"Chromium is required in CI and was not found at {CHROMIUM}")
        pytest.skip(f"no Chromium at {CHROMIUM}: apt-get install chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        _audit_every_context(launched)
        yield launched
        launched.close()


@pytest.fixture()
def page(browser: object, accessibility: AccessibilityReport) -> Iterator[object]:
    """A phone-sized tab; every page it loads is checked by axe-core (`accessibility`)."""
    context = browser.new_context(
        viewport=PHONE,
        device_scale_factor=2,
        is_mobile=True,  # type: ignore[attr-defined]
        has_touch=True,
        color_scheme="light",
    )
    tab = context.new_page()
    tab.set_default_timeout(15_000)
    # The Content-Security-Policy must never block anything the pages themselves use.
    blocked: list[str] = []
    tab.on(
        "console",
        lambda message: (
            blocked.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    yield tab
    context.close()
    assert blocked == [], blocked


def shoot(page: object, name: str) -> Path:
    """Keep a full-page screenshot as a test artefact (and, on request, for the README)."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)  # type: ignore[attr-defined]
    docs = os.environ.get("BACKSTRIDE_DOCS_SCREENSHOTS")
    if docs and name in README_PAGES:
        shutil.copy(path, Path(docs) / f"{name}.png")
    return path


def both_schemes(page: object, name: str) -> None:
    """Screenshots of the page as it stands, light then dark (NAME-light, NAME-dark), and
    back to light for what the test does next."""
    shoot(page, f"{name}-light")
    page.emulate_media(color_scheme="dark")  # type: ignore[attr-defined]
    shoot(page, f"{name}-dark")
    page.emulate_media(color_scheme="light")  # type: ignore[attr-defined]
