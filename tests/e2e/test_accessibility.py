"""The browser tests' accessibility check (conftest.py) catches a serious finding on any page
a test's browser loads, by a link as well as by `goto`, in light and in dark, under the app's
own Content-Security-Policy; and a moderate finding alone does not fail a test."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest

from backstride.web.security import POLICY
from tests.e2e.conftest import IS_DARK, PHONE, AccessibilityReport, Finding
from tests.e2e.test_journey import calm_check_in, sign_up

pytestmark = pytest.mark.browser
# Never looked up: every request to it is answered by the route below.
ORIGIN = "http://accessibility-check.test"
# The bug of issue 12: a live region's role on the list itself, which its items do not allow.
MESSAGE_LIST = '<ul role="status"><li>Saved.</li></ul>'
# Readable in light; grey on near black in dark.
FAINT_IN_DARK = "@media (prefers-color-scheme: dark) { body { background: #111; color: #333; } }"


def html(body: str, style: str = "", heading: str = "<h1>A page</h1>") -> str:
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>A page</title>'
        f"<style>{style}</style></head><body><main>{heading}{body}</main></body></html>"
    )


def serve(target: Any, pages: dict[str, str]) -> None:
    """Answer ORIGIN's paths with these pages, under the app's policy, from a page or context."""

    def answer(route: Any) -> None:
        path = route.request.url.removeprefix(ORIGIN).split("?")[0]
        route.fulfill(
            status=200 if path in pages else 404,
            body=pages.get(path, html("<p>Not here.</p>")),
            headers={"Content-Type": "text/html; charset=utf-8", "Content-Security-Policy": POLICY},
        )

    target.route(f"{ORIGIN}/**", answer)


def found(report: AccessibilityReport) -> set[tuple[str, str, str, str]]:
    return {(f.rule, f.impact, f.url.removeprefix(ORIGIN), f.scheme) for f in report.findings}


def test_a_serious_finding_on_a_page_reached_by_a_link_is_caught_light_and_dark(
    page: Any, accessibility: AccessibilityReport
) -> None:
    serve(
        page,
        {
            "/": html('<p><a href="/messages">Your messages</a></p>'),
            "/messages": html(MESSAGE_LIST + '<label>Note <input name="note"></label>'),
        },
    )
    page.goto(f"{ORIGIN}/")
    assert accessibility.findings == []
    page.get_by_role("link", name="Your messages").click()
    # No wait: the next action on the new page is what has it checked first.
    page.get_by_label("Note").fill("fine")
    assert found(accessibility) == {
        ("listitem", "serious", "/messages", "light"),
        ("listitem", "serious", "/messages", "dark"),
    }
    assert accessibility.findings[0].target == "li"
    with pytest.raises(pytest.fail.Exception) as failure:
        accessibility.assert_clean()
    assert str(failure.value).endswith(
        "listitem (serious) on http://accessibility-check.test/messages, dark: "
        "<li> elements must be contained in a <ul> or <ol>\n      at li"
    )
    accessibility.findings.clear()  # caught as it should be: this test passes


def test_a_finding_only_in_dark_is_caught_and_the_page_stays_light(
    page: Any, accessibility: AccessibilityReport
) -> None:
    serve(page, {"/faint": html("<p>Hard to read at night.</p>", style=FAINT_IN_DARK)})
    page.goto(f"{ORIGIN}/faint")
    assert {(rule, scheme) for rule, _, _, scheme in found(accessibility)} == {
        ("color-contrast", "dark")
    }
    # The check flips the scheme back: what the test sees and shoots is unchanged.
    assert page.evaluate(IS_DARK) is False
    accessibility.findings.clear()


def test_a_moderate_finding_alone_does_not_fail(
    page: Any, accessibility: AccessibilityReport
) -> None:
    serve(page, {"/no-heading": html("<p>A page without its heading.</p>", heading="")})
    page.goto(f"{ORIGIN}/no-heading")
    every = page.evaluate(
        "async () => (await axe.run(document)).violations.map(v => [v.id, v.impact])"
    )
    assert ["page-has-heading-one", "moderate"] in every
    assert accessibility.findings == []


def test_tabs_of_a_context_a_test_makes_itself_are_checked_too(
    browser: Any, accessibility: AccessibilityReport
) -> None:
    context = browser.new_context(viewport=PHONE, color_scheme="dark")
    serve(context, {"/messages": html(MESSAGE_LIST)})
    tab = context.new_page()
    tab.goto(f"{ORIGIN}/messages")
    assert tab.evaluate(IS_DARK) is True
    context.close()
    assert found(accessibility) == {
        ("listitem", "serious", "/messages", "dark"),
        ("listitem", "serious", "/messages", "light"),
    }
    accessibility.findings.clear()


# Pages no other browser test opens, with the status each answers.
UNVISITED = [
    ("/exercises/", 200),
    ("/progress/", 200),
    ("/accounts/password/", 200),
    ("/accounts/import/", 200),
    ("/accounts/delete/", 200),
    ("/offline/", 200),
    ("/no-such-page/", 404),
    ("/exercises/?q=" + "plank+" * 850, 414),
]


def test_the_pages_no_other_browser_test_opens_are_checked_too(page: Any, server_url: str) -> None:
    sign_up(page, server_url)
    page.wait_for_url("**/check-in/1/")
    calm_check_in(page)
    for _ in range(4):
        page.get_by_role("button", name="Fine: slow, pain-free, good form").click()
    page.wait_for_url("**/plan/")
    page.goto(f"{server_url}/today/")
    page.locator("input[name=morning_pain][value='2']").check()
    page.get_by_role("button", name="Save check-in").click()
    page.wait_for_url("**/today/")
    for path, status in UNVISITED:
        assert page.goto(f"{server_url}{path}").status == status, path
    page.goto(f"{server_url}/history/")
    page.locator("a[href*='/history/check-in/']").first.click()
    page.wait_for_url("**/history/check-in/*/")
    page.goto(f"{server_url}/accounts/")
    page.get_by_role("button", name="Log out").click()
    page.wait_for_url(f"{server_url}/")
    page.goto(f"{server_url}/accounts/login/")
    assert page.get_by_role("button", name="Log in").is_visible()


def test_the_failure_names_each_rule_page_and_scheme_once_with_its_elements() -> None:
    report = AccessibilityReport()
    seen = Finding(
        rule="color-contrast",
        impact="serious",
        target=".muted",
        help="Elements must meet minimum color contrast ratio thresholds",
        url="http://127.0.0.1:8000/plan/",
        scheme="dark",
    )
    others = [dataclasses.replace(seen, target=f"li:nth-child({n})") for n in range(1, 7)]
    report.findings += [seen, seen, *others, dataclasses.replace(seen, scheme="light")]
    with pytest.raises(pytest.fail.Exception) as failure:
        report.assert_clean()
    assert str(failure.value) == (
        "axe-core: serious or critical findings on 2 page(s) and scheme(s):\n"
        "  color-contrast (serious) on http://127.0.0.1:8000/plan/, dark: "
        "Elements must meet minimum color contrast ratio thresholds\n"
        "      at .muted | li:nth-child(1) | li:nth-child(2) | li:nth-child(3) | li:nth-child(4)"
        " and 2 more\n"
        "  color-contrast (serious) on http://127.0.0.1:8000/plan/, light: "
        "Elements must meet minimum color contrast ratio thresholds\n"
        "      at .muted"
    )
    AccessibilityReport().assert_clean()
