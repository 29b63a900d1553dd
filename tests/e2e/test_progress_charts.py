"""The progress charts in a real browser at phone size: text of 12 CSS px or more at the width
the page shows them, the dark palette on a dark page, and a new runner's first week."""

from __future__ import annotations

import datetime as dt
import importlib.util
import io
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from backstride.reports.figure import CARD, DARK, INK, MIN_TEXT_PX
from tests.e2e.conftest import shoot
from tests.e2e.test_journey import sign_up
from tests.factories import profile_data

pytestmark = pytest.mark.browser
CHARTS = ("load", "strength", "ladder", "adherence")
SYNTHETIC = Path(__file__).resolve().parents[2] / "benchmarks" / "synthetic.py"
TEXT_GROUP = re.compile(r'transform="translate\([^"]*?scale\(([\d.]+) -[\d.]+\)"')


def rgb(colour: str) -> str:
    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgb({r}, {g}, {b})"


def a_year_of_runs(today: dt.date) -> dict[str, Any]:
    """A year of imported runs, and a programme begun ten days ago: check-ins and two
    sessions since then. The server's today is the machine's date, so the data ends there."""
    spec = importlib.util.spec_from_file_location("backstride_synthetic", SYNTHETIC)
    assert spec is not None and spec.loader is not None
    synthetic = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(synthetic)
    runs = synthetic.history(1, end=today).model_dump(mode="json")["runs"]
    days = [today - dt.timedelta(days=n) for n in range(10, -1, -1)]
    sets = [{"exercise": "dead_bug", "reps": 8, "pain": 1, "form": "good"}] * 3
    return {
        "runs": runs,
        "checkins": [{"date": d.isoformat(), "morning_pain": 2} for d in days],
        "sessions": [{"date": d.isoformat(), "sets": sets} for d in days[1::4]],
    }


def import_backup(page: Any, url: str, history: dict[str, Any]) -> None:
    backup = {"schema_version": 1, "profile": profile_data(), "history": history}
    page.goto(f"{url}/accounts/import/")
    page.locator("input[type=file]").set_input_files(
        files=[
            {
                "name": "backup.json",
                "mimeType": "application/json",
                "buffer": json.dumps(backup).encode(),
            }
        ]
    )
    page.get_by_role("button", name="Import").click()
    page.wait_for_url("**/history/")


def load_every_chart(page: Any, url: str) -> None:
    page.goto(f"{url}/progress/")
    for name in CHARTS:
        image = page.locator(f"img[src^='/progress/chart/{name}.svg']")
        image.scroll_into_view_if_needed()
        image.evaluate("img => img.decode()")
    page.evaluate("window.scrollTo(0, 0)")


def chart_pixel(page: Any, name: str) -> tuple[int, int, int]:
    """The colour just inside the chart's top-left corner, as the page paints it."""
    png = page.locator(f"img[src^='/progress/chart/{name}.svg']").screenshot()
    pixel = Image.open(io.BytesIO(png)).convert("RGB").getpixel((3, 3))
    assert isinstance(pixel, tuple)
    return (int(pixel[0]), int(pixel[1]), int(pixel[2]))


def smallest_text_px(page: Any, url: str, name: str) -> float:
    """The smallest text of a chart in CSS px, at the width the page really shows it."""
    image = page.locator(f"img[src^='/progress/chart/{name}.svg']")
    shown = float(image.evaluate("img => img.getBoundingClientRect().width"))
    svg = page.request.get(f"{url}/progress/chart/{name}.svg").text()
    width = float(ET.fromstring(svg).attrib["viewBox"].split()[2])
    return min(float(s) * 100 * shown / width for s in TEXT_GROUP.findall(svg))


def hex_of(colour: str) -> tuple[int, int, int]:
    return (int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16))


def test_a_new_runner_sees_a_first_week_and_readable_charts(page: Any, server_url: str) -> None:
    sign_up(page, server_url)
    import_backup(page, server_url, {})
    load_every_chart(page, server_url)
    assert "Your first week starts today" in page.locator("#adherence-words").inner_text()
    assert "of 12" not in page.content()
    for name in CHARTS:
        assert smallest_text_px(page, server_url, name) >= MIN_TEXT_PX
    assert chart_pixel(page, "adherence") == hex_of(CARD)
    shoot(page, "progress-new-light")
    page.emulate_media(color_scheme="dark")
    load_every_chart(page, server_url)
    assert chart_pixel(page, "adherence") == hex_of(DARK[CARD])
    shoot(page, "progress-new-dark")


def test_a_year_of_runs_charts_the_last_12_weeks_light_and_dark(page: Any, server_url: str) -> None:
    sign_up(page, server_url)
    import_backup(page, server_url, a_year_of_runs(dt.date.today()))
    load_every_chart(page, server_url)
    words = page.locator("#adherence-words").inner_text()
    assert words.startswith("Since you started on")
    for name in CHARTS:
        assert smallest_text_px(page, server_url, name) >= MIN_TEXT_PX
        assert chart_pixel(page, name) == hex_of(CARD)
    shoot(page, "progress-year-light")
    page.emulate_media(color_scheme="dark")
    load_every_chart(page, server_url)
    for name in CHARTS:
        assert chart_pixel(page, name) == hex_of(DARK[CARD])
    shoot(page, "progress-year-dark")
    page.get_by_role("link", name="A year").click()
    page.wait_for_url("**/progress/?weeks=52")
    assert page.locator("img[src='/progress/chart/load.svg?weeks=52']").count() == 1


def test_the_chart_itself_computes_the_dark_palette(page: Any, server_url: str) -> None:
    """Opened on its own, the SVG's own style sheet gives the dark colours in Chromium."""
    sign_up(page, server_url)
    import_backup(page, server_url, a_year_of_runs(dt.date.today()))
    colours = "() => [getComputedStyle(document.querySelector('#patch_1 path')).fill, " + (
        "getComputedStyle(document.querySelector('g[transform*=scale]')).fill]"
    )
    page.goto(f"{server_url}/progress/chart/load.svg")
    assert page.evaluate(colours) == [rgb(CARD), rgb(INK)]
    page.emulate_media(color_scheme="dark")
    page.goto(f"{server_url}/progress/chart/load.svg")
    assert page.evaluate(colours) == [rgb(DARK[CARD]), rgb(DARK[INK])]
