"""`backstride intake`: plain questions, answers checked as they come, a profile written."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from backstride.cli.main import app
from backstride.core.profile import Profile
from backstride.core.questions import WARNING_SIGNS

runner = CliRunner()
NO_FLAGS = ["n"] * len(WARNING_SIGNS)
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


def _answer(flag: str) -> list[str]:
    return ["y" if q.code == flag else "n" for q in WARNING_SIGNS]


def test_see_doctor_answers_ask_about_clearance(tmp_path: Path) -> None:
    out = tmp_path / "profile.json"
    flags = _answer("leg_pain_with_numbness_or_tingling")
    result = runner.invoke(
        app, ["intake", "--out", str(out)], input="\n".join(flags + PAIN + LIFE + ["n"]) + "\n"
    )
    assert result.exit_code == 0
    assert "seen you about these reasons" in result.stdout
    assert "SEE A DOCTOR" in result.stdout
    saved = json.loads(out.read_text())
    assert saved["red_flags"] == ["leg_pain_with_numbness_or_tingling"]
    assert saved["clearance"] is None


def test_a_clearance_in_the_intake_is_dated_and_covers_each_reason_confirmed(
    tmp_path: Path,
) -> None:
    out = tmp_path / "profile.json"
    flags = _answer("leg_pain_with_numbness_or_tingling")
    seen = ["y", "2100-01-01", "2026-01-05", "Dr Rao", "y"]
    result = runner.invoke(
        app, ["intake", "--out", str(out)], input="\n".join(flags + PAIN + LIFE + seen) + "\n"
    )
    assert result.exit_code == 0, result.stdout
    assert "after today" in result.stdout
    saved = json.loads(out.read_text())
    assert saved["clearance"] == {
        "on": "2026-01-05",
        "by": "Dr Rao",
        "covers": ["leg_pain_with_numbness_or_tingling"],
    }
    assert "Strength" in result.stdout


def test_an_urgent_answer_says_what_to_do_today_before_the_other_questions(
    tmp_path: Path,
) -> None:
    out = tmp_path / "profile.json"
    answers = _answer("fever_or_unwell") + PAIN + LIFE + ["n"]
    result = runner.invoke(app, ["intake", "--out", str(out)], input="\n".join(answers) + "\n")
    assert result.exit_code == 0
    assert result.stdout.index("URGENT") < result.stdout.index("Where does it hurt")
    assert json.loads(out.read_text())["red_flags"] == ["fever_or_unwell"]


def test_input_running_out_exits_two(tmp_path: Path) -> None:
    result = runner.invoke(app, ["intake", "--out", str(tmp_path / "p.json")], input="n\nn\n")
    assert result.exit_code == 2
    assert "input ended" in result.stderr


def test_an_emergency_answer_holds_an_earlier_profile_so_it_gives_no_plan(tmp_path: Path) -> None:
    out = tmp_path / "profile.json"
    first = runner.invoke(
        app, ["intake", "--out", str(out)], input="\n".join(NO_FLAGS + PAIN + LIFE) + "\n"
    )
    assert first.exit_code == 0
    again = runner.invoke(app, ["intake", "--out", str(out)], input="y\n")
    assert "earlier profile now records this sign" in again.stdout
    assert json.loads(out.read_text())["red_flags"] == ["saddle_numbness"]
    plan = runner.invoke(app, ["plan", "--profile", str(out), "--json"])
    assert json.loads(plan.stdout)["plan"] is None


def test_a_clinicians_name_that_is_too_long_is_asked_again(tmp_path: Path) -> None:
    out = tmp_path / "profile.json"
    flags = _answer("leg_pain_with_numbness_or_tingling")
    seen = ["y", "2026-01-05", "x" * 121, "Dr Rao", "y"]
    result = runner.invoke(
        app, ["intake", "--out", str(out)], input="\n".join(flags + PAIN + LIFE + seen) + "\n"
    )
    assert result.exit_code == 0, result.stdout
    assert "at most 120 characters" in result.stdout
    assert json.loads(out.read_text())["clearance"]["by"] == "Dr Rao"
