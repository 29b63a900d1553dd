"""`backstride intake`: plain questions, answers checked as they come, a profile written."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from backstride.cli.main import app
from backstride.core.profile import Profile

runner = CliRunner()
NO_FLAGS = ["n"] * 14
PAIN = ["1", "3", "2", "2", "2", "", "y"]
LIFE = ["35", "2", "30", "3", "1,2", "1", "30", "3"]


def test_intake_writes_a_valid_profile_and_shows_the_plan(tmp_path: Path) -> None:
    out = tmp_path / "profile.json"
    result = runner.invoke(
        app, ["intake", "--out", str(out)], input="\n".join(NO_FLAGS + PAIN + LIFE) + "\n"
    )
    assert result.exit_code == 0, result.stdout
    profile = Profile.model_validate(json.loads(out.read_text()))
    assert profile.pain.regions == ("lower_back",)
    assert profile.equipment == ("mat", "wall")
    assert profile.running.weekly_km == 30
    assert "Strength" in result.stdout


def test_intake_asks_again_after_a_bad_answer(tmp_path: Path) -> None:
    out = tmp_path / "profile.json"
    pain = ["1", "eleven", "11", "3", *PAIN[2:]]
    result = runner.invoke(
        app, ["intake", "--out", str(out)], input="\n".join(NO_FLAGS + pain + LIFE) + "\n"
    )
    assert result.exit_code == 0
    assert result.stdout.count("whole number from 0 to 10") == 2
    assert Profile.model_validate(json.loads(out.read_text())).pain.intensity == 3


def test_an_emergency_answer_stops_at_once(tmp_path: Path) -> None:
    out = tmp_path / "profile.json"
    result = runner.invoke(app, ["intake", "--out", str(out)], input="y\n")
    assert result.exit_code == 0
    assert "EMERGENCY" in result.stdout
    assert "Where does it hurt" not in result.stdout
    assert not out.exists()


def test_see_doctor_answers_ask_about_clearance(tmp_path: Path) -> None:
    out = tmp_path / "profile.json"
    flags = ["n"] * 5 + ["y"] + ["n"] * 8
    result = runner.invoke(
        app, ["intake", "--out", str(out)], input="\n".join(flags + PAIN + LIFE + ["n"]) + "\n"
    )
    assert result.exit_code == 0
    assert "cleared you" in result.stdout
    assert "SEE A DOCTOR" in result.stdout
    saved = json.loads(out.read_text())
    assert saved["red_flags"] == ["leg_pain_with_numbness_or_tingling"]
    assert saved["cleared_by_clinician"] is False


def test_input_running_out_exits_two(tmp_path: Path) -> None:
    result = runner.invoke(app, ["intake", "--out", str(tmp_path / "p.json")], input="n\nn\n")
    assert result.exit_code == 2
    assert "input ended" in result.stderr
