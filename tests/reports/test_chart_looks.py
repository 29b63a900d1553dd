"""How the charts read on a phone: text at least 12 CSS px at the width a 390 px screen shows
them, a dark palette for a dark page, a time axis that fits the data, distances in the
runner's unit."""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from functools import cache
from pathlib import Path

import pytest

from backstride.core.assessment import assess
from backstride.core.errors import InputError
from backstride.core.units import DistanceUnit
from backstride.reports import charts
from backstride.reports.figure import (
    CARD,
    DARK,
    INK,
    MIN_TEXT_PX,
    MUTED,
    PHONE_PX,
    TARGET,
    Shown,
    window_of,
)
from tests.factories import TODAY, checkin, day, history, make_profile, run
from tests.reports.samples import RUNNERS, mastery

STYLE_CSS = Path(__file__).resolve().parents[2] / "src/backstride/web/static/backstride/style.css"
SAMPLES = {**RUNNERS, "mastery": mastery}
# A text drawn as glyph paths: matplotlib scales glyphs of 100 units to the font's size.
TEXT_GROUP = re.compile(r'transform="translate\([^"]*?scale\(([\d.]+) -[\d.]+\)"')
GLYPH_UNITS = 100


@cache
def svg_of(who: str, name: str, weeks: int | None = 12, unit: DistanceUnit = "km") -> str:
    profile, h, today = SAMPLES[who]()
    standing = assess(profile, h, today).standing
    return charts.render(name, standing, today, "svg", Shown(weeks, unit)).decode()


def text_px(svg: str) -> list[float]:
    """Each text's height in CSS px when the SVG is shown PHONE_PX wide."""
    width = float(ET.fromstring(svg).attrib["viewBox"].split()[2])
    return [float(s) * GLYPH_UNITS * PHONE_PX / width for s in TEXT_GROUP.findall(svg)]


def labels(svg: str) -> list[str]:
    """The texts of the chart (matplotlib keeps each one as a comment beside its glyphs)."""
    return re.findall(r"<!-- (.*?) -->", svg)


@pytest.mark.parametrize("who", SAMPLES)
@pytest.mark.parametrize("name", charts.CHARTS)
def test_every_text_is_at_least_12_css_px_on_a_390_px_phone(name: str, who: str) -> None:
    sizes = text_px(svg_of(who, name))
    assert sizes, "no text found in the chart"
    assert min(sizes) >= MIN_TEXT_PX == 12


def test_the_dark_palette_is_the_pages_own_dark_colours() -> None:
    dark_block = STYLE_CSS.read_text().split("@media (prefers-color-scheme: dark)")[1]
    page = dict(re.findall(r"--([\w-]+):\s*(#[0-9a-f]{6})", dark_block.split("}")[0]))
    assert DARK[CARD] == page["card"] and DARK[INK] == page["fg"]
    assert DARK[MUTED] == page["muted"] and DARK[TARGET] == page["accent"]


def dark_rules(svg: str) -> dict[tuple[str, str], str]:
    """(property, light colour) -> dark colour, from the SVG's dark-scheme style sheet."""
    style = svg.split("<style", 1)[1].split("</style>", 1)[0]
    assert "@media (prefers-color-scheme: dark)" in style
    fills = re.findall(
        r'\[style\*="fill: (#\w{6})"\],\[fill="#\w{6}"\]\{fill:(#\w{6})!important', style
    )
    strokes = re.findall(r'\[style\*="stroke: (#\w{6})"\]\{stroke:(#\w{6})!important', style)
    return {("fill", a): b for a, b in fills} | {("stroke", a): b for a, b in strokes}


@pytest.mark.parametrize("who", ["a week", "mastery"])
@pytest.mark.parametrize("name", charts.CHARTS)
def test_every_colour_drawn_turns_to_its_dark_one(name: str, who: str) -> None:
    svg = svg_of(who, name)
    rules = dark_rules(svg)
    drawing = svg.split("</style>", 2)[-1]
    used = set(re.findall(r"(fill|stroke): (#[0-9a-f]{6})", drawing))
    used |= {("fill", c) for c in re.findall(r'fill="(#[0-9a-f]{6})"', drawing)}
    assert ("fill", CARD) in used  # the background
    for prop, colour in used:
        assert rules.get((prop, colour)) == DARK[colour], (prop, colour)
    assert rules[("fill", CARD)] == "#1c2124"


def test_the_png_for_the_cli_stays_light_and_has_no_style_sheet() -> None:
    profile, h, today = RUNNERS["a week"]()
    png = charts.render("load", assess(profile, h, today).standing, today, "png")
    assert b"prefers-color-scheme" not in png


def test_the_axis_shows_the_last_12_weeks_unless_more_is_asked_for() -> None:
    twelve = labels(svg_of("a year", "load"))
    assert twelve[0] == "Sep 2026" and "Jun" not in twelve
    assert labels(svg_of("a year", "load", 26))[0] == "Jun 2026"
    # The year's data begins in late November 2025; every second month is named.
    assert labels(svg_of("a year", "load", None))[:2] == ["Jan 2026", "Mar"]


def test_nothing_is_planned_before_the_programme_started() -> None:
    """A year of imported runs and a first check-in 9 days ago: the adherence chart starts
    its planned boxes in the start week, whatever span is asked for."""
    runs = [run(day(-7 * i), 10) for i in range(52)]
    h = history(checkins=[checkin(day(-9), 2)], runs=runs)
    standing = assess(make_profile(), h, TODAY).standing
    every = charts.render("adherence", standing, TODAY, "svg", Shown(None)).decode()
    assert [start for start, _, _ in standing.adherence] == [dt.date(2026, 11, 9), day(-5)]
    # Four weeks on the axis (its least), so a first week reads as a start; none from before.
    dates = [t for t in labels(every) if t[:1].isdigit() and " " in t]
    assert dates == ["26 Oct", "2 Nov", "9 Nov", "16 Nov"]
    # The runs themselves still show from the first one, on the load chart.
    load = charts.render("load", standing, TODAY, "svg", Shown(None)).decode()
    assert labels(load)[0] == "Jan 2026"


def test_a_first_day_draws_an_adherence_chart_that_says_the_week_starts_today() -> None:
    standing = assess(make_profile(), history(checkins=[checkin(TODAY, 2)]), TODAY).standing
    svg = charts.render("adherence", standing, TODAY).decode()
    assert "Your first week starts today:" in svg and "Planned" not in svg


def test_the_load_chart_speaks_miles_when_asked() -> None:
    km, mi = svg_of("a week", "load"), svg_of("a week", "load", 12, "mi")
    assert "km per week" in km and "mi per week" in mi and "km per week" not in mi


@pytest.mark.parametrize("value", ["7", "", "ALL", "52 weeks"])
def test_an_unknown_span_is_refused_with_the_choices(value: str) -> None:
    with pytest.raises(InputError) as caught:
        window_of(value)
    assert caught.value.problems[0].field == "weeks"
    assert "choose 12, 26, 52 or all" in caught.value.problems[0].message


def test_the_spans_on_offer() -> None:
    assert [window_of(v) for v in ("12", "26", "52", "all")] == [12, 26, 52, None]
    assert Shown().first_week(TODAY) == dt.date(2026, 8, 31)
