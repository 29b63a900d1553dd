"""Bad input travels as (field, message) problems, and no edge splits text to find the field."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from backstride.core.errors import InputError, Problem, as_lines, parse_json, validate
from backstride.core.history import Checkin
from backstride.core.inputs import history_from_json, profile_from_json

SRC = Path(__file__).resolve().parents[2] / "src" / "backstride"


def test_a_validation_error_is_one_problem_per_field() -> None:
    with pytest.raises(InputError) as caught:
        validate(Checkin, {"date": "2026-11-20", "morning_pain": 12, "colour": "blue"})
    assert caught.value.problems == (
        Problem("morning_pain", "must be at most 10, got 12"),
        Problem("colour", "is not a known field (check the spelling)"),
    )


def test_a_prefix_leads_each_field_path() -> None:
    with pytest.raises(InputError) as caught:
        validate(Checkin, {"date": "2026-11-20"}, prefix="checkins[0]")
    assert caught.value.problems == (Problem("checkins[0].morning_pain", "is required"),)


def test_a_problem_with_the_whole_input_has_no_field() -> None:
    with pytest.raises(InputError) as caught:
        validate(Checkin, [1, 2])
    assert caught.value.problems == (Problem("", "must be a JSON object"),)


def test_json_text_names_the_input_when_it_cannot_be_read_or_is_the_wrong_shape() -> None:
    with pytest.raises(InputError) as caught:
        parse_json("  ", "--profile")
    assert caught.value.problems == (Problem("--profile", "is empty; expected a JSON object"),)
    for read in (profile_from_json, history_from_json):
        with pytest.raises(InputError) as caught:
            read("[]", "--profile")
        assert caught.value.problems == (Problem("--profile", "must be a JSON object"),)


def test_each_problem_reads_as_one_line_the_whole_input_without_a_field() -> None:
    problems = [Problem("pain_during", "must be at most 10"), Problem("", "Choose one.")]
    assert as_lines(problems) == ["pain_during: must be at most 10", "Choose one."]
    labelled = as_lines(problems, {"pain_during": "Pain during the run"})
    assert labelled == ["Pain during the run: must be at most 10", "Choose one."]
    assert str(InputError(problems)) == "pain_during: must be at most 10; Choose one."


def test_an_input_error_takes_problems_not_lines() -> None:
    with pytest.raises(TypeError):
        InputError(["age: is required"])  # type: ignore[list-item]


# `.partition(": ")` and friends on error text, and InputError built from "field: message"
# strings: the two halves of the old habit this module replaced.
SPLITS = re.compile(r"\.(r?partition|r?split)\(\s*f?['\"]: ['\"]")
LINES = re.compile(r"InputError\(\s*\[\s*f?['\"]")


@pytest.mark.parametrize("pattern", [SPLITS, LINES], ids=["splits", "string lines"])
def test_no_module_splits_error_text_or_raises_lines(pattern: re.Pattern[str]) -> None:
    found = [
        f"{path.relative_to(SRC)}:{n}: {line.strip()}"
        for path in sorted(SRC.rglob("*.py"))
        for n, line in enumerate(path.read_text("utf-8").splitlines(), 1)
        if pattern.search(line)
    ]
    assert found == []
