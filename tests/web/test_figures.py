"""The figures on the web: the SVG file with a long cache life and an ETag, and the figure
inline on the exercise page, in calibration and on the printable plan."""

from __future__ import annotations

import pytest
from django.test import Client

from backstride.core.catalog import load_catalog
from backstride.core.figures.drawings import _drawn, etag_of
from tests.web.helpers import runner

pytestmark = pytest.mark.django_db


def test_the_figure_file_is_served_without_an_account() -> None:
    answer = Client().get("/exercises/superman/figure.svg")
    assert answer.status_code == 200
    assert answer["Content-Type"].startswith("image/svg+xml")
    assert answer.content.startswith(b"<svg")
    assert "max-age=86400" in answer["Cache-Control"] and "public" in answer["Cache-Control"]
    assert answer["ETag"] == f'"{etag_of("superman")}"'


def test_a_browser_holding_the_figure_gets_not_modified() -> None:
    first = Client().get("/exercises/dead_bug/figure.svg")
    again = Client().get("/exercises/dead_bug/figure.svg", headers={"if-none-match": first["ETag"]})
    assert again.status_code == 304 and again.content == b""
    assert "max-age=86400" in again["Cache-Control"]


def test_every_exercise_has_its_own_figure_file() -> None:
    tags = set()
    for exercise_id in load_catalog().exercises:
        answer = Client().get(f"/exercises/{exercise_id}/figure.svg")
        assert answer.status_code == 200, exercise_id
        tags.add(answer["ETag"])
    assert len(tags) == len(load_catalog().exercises)


def test_an_unknown_exercise_has_no_figure_and_costs_no_memory() -> None:
    drawn = _drawn.cache_info().currsize
    for n in range(5):
        answer = Client().get(f"/exercises/no_such_thing_{n}/figure.svg")
        assert answer.status_code == 404
        assert b"<svg" not in answer.content
    assert _drawn.cache_info().currsize == drawn


def test_the_figure_file_only_answers_reads() -> None:
    assert Client().post("/exercises/superman/figure.svg").status_code in (403, 405)


def test_the_exercise_page_shows_the_figure_inline() -> None:
    html = Client().get("/exercises/single_leg_bridge/").content.decode()
    assert '<div class="exercise-figure"><svg' in html
    assert 'class="fig fig-single-leg-bridge"' in html
    assert 'aria-label="Figure of Single-leg bridge: ' in html


def test_calibration_shows_the_figure_of_the_exercise_to_try() -> None:
    client, _ = runner()
    html = client.get("/calibrate/").content.decode()
    assert '<div class="exercise-figure"><svg' in html


def test_the_printable_plan_prints_the_start_and_end_of_each_strength_exercise() -> None:
    client, _ = runner()
    html = client.get("/plan/print/").content.decode()
    assert html.count('<div class="figure"><svg') >= 4
    printed = html.split('<div class="figure">', 1)[1]
    assert "@keyframes" not in printed.split("</svg>", 1)[0]


def test_the_exercise_json_gives_the_figure_address() -> None:
    exercise = load_catalog()["cobra"]
    assert exercise.to_json()["figure"] == "/exercises/cobra/figure.svg"
