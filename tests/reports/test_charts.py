"""The four charts: valid SVG and PNG for a runner with no data, a week and a year; the same
data gives the same bytes; an empty chart says so."""

from __future__ import annotations

import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from backstride.core.assessment import history_alone
from backstride.core.history import History
from backstride.reports import charts
from backstride.reports.figure import NO_DATA
from tests.factories import TODAY, history, run
from tests.reports.samples import RUNNERS, draw, mastery

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
ROOT = Path(__file__).resolve().parents[2]


def svg_root(svg: bytes) -> ET.Element:
    root = ET.fromstring(svg)
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    return root


@pytest.mark.parametrize("who", RUNNERS)
@pytest.mark.parametrize("name", charts.CHARTS)
def test_each_chart_is_valid_svg_for_every_runner(name: str, who: str) -> None:
    profile, h, today = RUNNERS[who]()
    svg = draw(name, profile, h, today, "svg")
    root = svg_root(svg)
    title = root.find("{http://www.w3.org/2000/svg}title")
    assert title is not None and title.text
    # Text is drawn as paths for the same look everywhere; matplotlib keeps it as comments.
    assert (NO_DATA in svg.decode()) == (who == "no data" and name != "ladder")


@pytest.mark.parametrize("name", charts.CHARTS)
def test_png_starts_with_the_png_signature(name: str) -> None:
    profile, h, today = RUNNERS["a year"]()
    assert draw(name, profile, h, today, "png").startswith(PNG_SIGNATURE)


@pytest.mark.parametrize("name", charts.CHARTS)
def test_the_same_data_gives_identical_bytes(name: str) -> None:
    profile, h, today = RUNNERS["a week"]()
    first = draw(name, profile, h, today, "svg")
    assert draw(name, profile, h, today, "svg") == first
    assert draw(name, profile, h, today, "png") == draw(name, profile, h, today, "png")


def test_the_svg_is_identical_in_another_process() -> None:
    """matplotlib salts SVG ids randomly per process unless told otherwise."""
    code = (
        "import sys; from tests.reports.samples import week; "
        "from tests.reports.samples import draw; "
        "sys.stdout.buffer.write(draw('load', *week(), 'svg'))"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    other = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, check=True
    ).stdout
    assert other == draw("load", *RUNNERS["a week"](), "svg")


def test_the_load_chart_draws_without_a_profile() -> None:
    h = history(runs=[run(TODAY, 10, during=2)])
    svg = draw("load", None, h, TODAY).decode()
    assert NO_DATA not in svg and "km per week" in svg


def test_without_a_profile_the_strength_charts_have_no_data() -> None:
    for name in ("strength", "ladder", "adherence"):
        assert NO_DATA in draw(name, None, History(), TODAY).decode()


def test_only_sessions_give_an_empty_load_chart_and_a_drawn_adherence_chart() -> None:
    profile, h, today = RUNNERS["a week"]()
    sessions_only = History(sessions=h.sessions)
    assert NO_DATA in draw("load", profile, sessions_only, today).decode()
    assert NO_DATA not in draw("adherence", profile, sessions_only, today).decode()


def test_the_load_chart_marks_flare_up_weeks_when_there_are_some() -> None:
    profile, h, today = RUNNERS["a year"]()
    assert "Flare-up week" in draw("load", profile, h, today).decode()
    profile, h, today = RUNNERS["a week"]()
    assert "Flare-up week" not in draw("load", profile, h, today).decode()


def test_the_strength_chart_names_the_day_an_exercise_was_mastered() -> None:
    svg = draw("strength", *mastery()).decode()
    assert "mastered 28 Sep" in svg and "Dead bug" in svg


def test_the_ladder_shows_mastered_current_and_ruled_out_rungs() -> None:
    svg = draw("ladder", *mastery()).decode()
    assert "mastered: 3 of 12" in svg
    assert "ruled out" in svg and "bending backward" in svg
    assert "target 10 reps" in svg


def test_the_dates_of_the_history_after_today_are_left_out() -> None:
    profile, h, today = RUNNERS["a week"]()
    earlier = today.replace(day=1)
    assert draw("load", profile, h, earlier) == draw("load", profile, History(), earlier)


def test_unknown_chart_or_format_is_refused() -> None:
    standing = history_alone(History(), TODAY)
    with pytest.raises(ValueError, match="unknown chart"):
        charts.render("pie", standing, TODAY)
    with pytest.raises(ValueError, match="unknown format"):
        charts.render("load", standing, TODAY, "gif")


def test_the_warm_up_draws_the_empty_load_chart() -> None:
    assert NO_DATA in charts.warm().decode()
