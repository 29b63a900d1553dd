"""The CLI contract (section 5) through Typer's CliRunner: output, exit codes, bad input."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from backstride.cli import sources
from backstride.cli.main import app
from tests.factories import profile_data

runner = CliRunner()


def invoke(*args: str, stdin: str | None = None) -> Any:
    return runner.invoke(app, list(args), input=stdin)


def write(tmp_path: Path, name: str, data: Any) -> str:
    path = tmp_path / name
    path.write_text(data if isinstance(data, str) else json.dumps(data))
    return str(path)


def test_exercises_list_json_holds_all_34() -> None:
    result = invoke("exercises", "list", "--json")
    assert result.exit_code == 0
    items = json.loads(result.stdout)
    assert len(items) == 34
    assert items[0]["id"] == "superman"


def test_exercises_list_table() -> None:
    result = invoke("exercises", "list")
    assert result.exit_code == 0
    assert "Dead bug" in result.stdout


def test_exercises_show_prints_steps_and_cues() -> None:
    result = invoke("exercises", "show", "dead_bug")
    assert result.exit_code == 0
    assert "How to do it" in result.stdout and "Cues" in result.stdout


def test_exercises_show_json() -> None:
    data = json.loads(invoke("exercises", "show", "v_up", "--json").stdout)
    assert data["id"] == "v_up" and data["easier"] == "single_leg_v_up"


def test_exercises_show_unknown_id_exits_two() -> None:
    result = invoke("exercises", "show", "deadbug")
    assert result.exit_code == 2
    assert "unknown exercise 'deadbug'" in result.stderr
    assert "dead_bug" in result.stderr


def test_exercises_search_alias() -> None:
    data = json.loads(invoke("exercises", "search", "beetle", "--json").stdout)
    assert [e["id"] for e in data] == ["dead_bug"]


def test_exercises_search_nothing_found_is_not_an_error() -> None:
    result = invoke("exercises", "search", "trampoline")
    assert result.exit_code == 0 and "No exercise matches" in result.stdout


def test_triage_json(tmp_path: Path) -> None:
    path = write(tmp_path, "p.json", profile_data(red_flags=["saddle_numbness"]))
    result = invoke("triage", "--profile", path, "--json")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["level"] == "emergency"


def test_triage_human_shows_the_warning_first(tmp_path: Path) -> None:
    path = write(tmp_path, "p.json", profile_data(red_flags=["cancer_history"]))
    result = invoke("triage", "--profile", path)
    assert result.exit_code == 0
    assert result.stdout.index("SEE A DOCTOR") < result.stdout.index("A past or present cancer")
    urgent = write(tmp_path, "u.json", profile_data(red_flags=["fever_or_unwell"]))
    result = invoke("triage", "--profile", urgent)
    assert result.stdout.index("URGENT") < result.stdout.index("NHS 111")


def test_triage_human_speaks_of_cautions_only_when_there_are_some(tmp_path: Path) -> None:
    calm = invoke("triage", "--profile", write(tmp_path, "calm.json", profile_data(age=30)))
    assert "Safe to self-manage" in calm.stdout and "cautions below" not in calm.stdout
    older = invoke("triage", "--profile", write(tmp_path, "older.json", profile_data(age=55)))
    assert "Safe to self-manage, with the cautions below" in older.stdout


def plan_from_stdin() -> Any:
    return invoke(
        "plan",
        "--profile",
        "-",
        "--today",
        "2026-11-21",
        "--json",
        stdin=json.dumps(profile_data()),
    )


def test_plan_json_from_stdin() -> None:
    result = plan_from_stdin()
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["schema_version"] == 1
    assert data["triage"]["level"] == "self_manage"
    assert len(data["plan"]["strength"]["exercises"]) == 4
    assert {"strength", "mobility", "extras", "running", "form_tips", "week", "changes"} <= set(
        data["plan"]
    )
    assert data["plan"]["running"]["warnings"] == []


def test_plan_json_carries_the_time_budget() -> None:
    result = plan_from_stdin()
    plan = json.loads(result.stdout)["plan"]
    assert plan["today"] == 6
    assert plan["strength"]["minutes"] == 24.5
    assert [e["minutes"] for e in plan["strength"]["exercises"]] == [5.4, 5.4, 8.3, 5.4]
    assert "minutes" in plan["mobility"] and all(
        "minutes" in e for e in plan["mobility"]["exercises"]
    )
    session = plan["session"]
    assert session["minutes"] <= 20 and session["fits"] is False
    assert "3 of your 4 strength exercises" in session["note"]
    assert [i["block"] for i in session["items"]] == ["strength"] * 3


def test_plan_json_week_is_the_seven_days_from_today_with_today_marked() -> None:
    plan = json.loads(plan_from_stdin().stdout)["plan"]
    week = plan["week"]
    assert [d["date"] for d in week] == [f"2026-11-{n}" for n in range(21, 28)]
    assert [d["day"] for d in week] == [6, 7, 1, 2, 3, 4, 5]
    assert [d["today"] for d in week] == [True, False, False, False, False, False, False]
    assert week[0]["day"] == plan["today"]
    # No strength session yet: the first is today.
    assert "strength" in week[0]["activities"]
    assert plan["strength_today"]["status"] == "strength_day"


def test_plan_human_output_marks_today_and_says_when_strength_comes_next(
    tmp_path: Path,
) -> None:
    profile = write(tmp_path, "p.json", profile_data())
    sets = [{"exercise": "dead_bug", "reps": 8, "pain": 0, "form": "good"}] * 3
    history = write(tmp_path, "h.json", {"sessions": [{"date": "2026-11-20", "sets": sets}]})
    result = invoke("plan", "--profile", profile, "--history", history, "--today", "2026-11-21")
    text = " ".join(re.sub("[\u2500-\u257f]", " ", result.stdout).split())
    assert "Your week, from today" in text and "Today Sat 21" in text
    assert "your next strength session is tomorrow" in text
    assert "48 hours" in text


def test_plan_human_output_shows_the_time_of_each_block_and_of_todays_session(
    tmp_path: Path,
) -> None:
    path = write(tmp_path, "p.json", profile_data())
    result = invoke("plan", "--profile", path, "--today", "2026-11-21")
    # The words as read, without the panel's borders or the terminal's line breaks.
    text = " ".join(re.sub("[\u2500-\u257f]", " ", result.stdout).split())
    assert "Today's session, about 19 min" in text
    assert "Strength, 3 days a week (48 h apart), about 25 min" in text
    assert "Mobility, about 18 min" in text
    assert "3 of your 4 strength exercises" in text


def test_plan_with_history(tmp_path: Path) -> None:
    profile = write(tmp_path, "p.json", profile_data())
    history = write(
        tmp_path,
        "h.json",
        {
            "sessions": [
                {
                    "date": "2026-11-20",
                    "sets": [{"exercise": "dead_bug", "reps": 8, "pain": 0, "form": "good"}] * 3,
                }
            ]
        },
    )
    result = invoke(
        "plan", "--profile", profile, "--history", history, "--today", "2026-11-21", "--json"
    )
    data = json.loads(result.stdout)
    dead_bug = next(e for e in data["plan"]["strength"]["exercises"] if e["id"] == "dead_bug")
    assert dead_bug["target_reps"] == 10
    assert data["plan"]["changes"][0] == {
        "date": "2026-11-20",
        "exercise": "dead_bug",
        "kind": "step_up",
        "reason": data["plan"]["changes"][0]["reason"],
    }


def test_plan_emergency_gives_null_plan_and_exit_zero(tmp_path: Path) -> None:
    path = write(tmp_path, "p.json", profile_data(red_flags=["serious_trauma"]))
    result = invoke("plan", "--profile", path, "--json")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["plan"] is None


def test_plan_human_output(tmp_path: Path) -> None:
    path = write(tmp_path, "p.json", profile_data())
    result = invoke("plan", "--profile", path, "--today", "2026-11-21")
    assert result.exit_code == 0
    for text in ("Warning signs", "Strength", "Superman", "Your week", "not a diagnosis"):
        assert text in result.stdout


BAD_PROFILES = [
    ("{not json", "not valid JSON (line 1"),
    ("", "is empty"),
    ("[]", "must be a JSON object"),
    (json.dumps(profile_data(red_flags=["back_ache"])), "red_flags[0]: must be one of"),
    (json.dumps(profile_data(pain={"regions": ["neck"]})), "pain.regions[0]: must be one of"),
    (json.dumps(profile_data(equipment=["kettlebell"])), "equipment[0]: must be one of"),
    (json.dumps(profile_data(abilities={"plank": "ok"})), "abilities: unknown exercise id plank"),
    (json.dumps(profile_data(pain={"intensity": 11})), "pain.intensity: must be at most 10"),
    (json.dumps(profile_data(age=7)), "age: must be at least 12"),
    (json.dumps(profile_data(age="35")), "age: must be a whole number"),
    (json.dumps(profile_data(pain={"eases_with_rest": "yes"})), "must be true or false"),
    (json.dumps(profile_data(setting="gym")), "setting: must be one of"),
    (json.dumps({**profile_data(), "colour": "blue"}), "colour: is not a known field"),
    (json.dumps({k: v for k, v in profile_data().items() if k != "age"}), "age: is required"),
    (json.dumps(profile_data(schema_version=2)), "schema_version: must be one of"),
]


@pytest.mark.parametrize(("text", "message"), BAD_PROFILES)
def test_bad_profile_exits_two_naming_the_field(tmp_path: Path, text: str, message: str) -> None:
    path = write(tmp_path, "p.json", text)
    result = invoke("plan", "--profile", path)
    assert result.exit_code == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert len(result.stderr.strip().splitlines()) <= 2


BAD_HISTORIES = [
    (
        {
            "sessions": [
                {
                    "date": "2026-02-30",
                    "sets": [{"exercise": "dead_bug", "reps": 8, "pain": 0, "form": "good"}],
                }
            ]
        },
        "sessions[0].date: '2026-02-30' is not a real calendar date",
    ),
    (
        {
            "sessions": [
                {
                    "date": "2026-01-02",
                    "sets": [{"exercise": "plank", "reps": 8, "pain": 0, "form": "good"}],
                }
            ]
        },
        "sessions[0].sets[0].exercise: unknown exercise id 'plank'",
    ),
    (
        {"checkins": [{"date": "2026-01-02", "morning_pain": -1}]},
        "checkins[0].morning_pain: must be at least 0",
    ),
    (
        {"checkins": [{"date": "2026-01-02", "morning_pain": 1, "red_flags": ["dizzy"]}]},
        "checkins[0].red_flags[0]: must be one of",
    ),
    ({"runs": [{"date": "2026-01-02", "km": 0, "minutes": 30}]}, "runs[0].km: must be more than 0"),
    (
        {"runs": [{"date": "yesterday", "km": 5, "minutes": 30}]},
        "runs[0].date: must be a date written YYYY-MM-DD",
    ),
    ({"sessions": [{"date": "2026-01-02", "sets": []}]}, "sessions[0].sets: needs at least 1"),
]


@pytest.mark.parametrize(("data", "message"), BAD_HISTORIES)
def test_bad_history_exits_two_naming_the_field(tmp_path: Path, data: Any, message: str) -> None:
    profile = write(tmp_path, "p.json", profile_data())
    history = write(tmp_path, "h.json", data)
    result = invoke("plan", "--profile", profile, "--history", history)
    assert result.exit_code == 2
    assert message in result.stderr


def test_missing_file_exits_two(tmp_path: Path) -> None:
    result = invoke("plan", "--profile", str(tmp_path / "nope.json"))
    assert result.exit_code == 2
    assert "--profile: file" in result.stderr and "does not exist" in result.stderr


def test_folder_instead_of_file_exits_two(tmp_path: Path) -> None:
    result = invoke("triage", "--profile", str(tmp_path))
    assert result.exit_code == 2 and "is a folder" in result.stderr


def test_a_device_is_refused_not_read_forever(tmp_path: Path) -> None:
    profile = write(tmp_path, "p.json", profile_data())
    result = invoke("plan", "--profile", profile, "--history", "/dev/zero")
    assert result.exit_code == 2
    assert result.stderr == "error: --history: /dev/zero is not a regular file\n"


def test_a_named_pipe_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    result = invoke("triage", "--profile", str(pipe))
    assert result.exit_code == 2 and "is not a regular file" in result.stderr


def test_standard_input_over_the_cap_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sources, "MAX_INPUT_BYTES", 100)
    result = invoke("triage", "--profile", "-", stdin=json.dumps(profile_data()))
    assert result.exit_code == 2
    assert result.stderr == "error: --profile: standard input is larger than 20 MB\n"


@pytest.mark.parametrize(
    ("option", "message"),
    [
        ("--history", "--history: needs a file name, or - for standard input"),
        ("--today", "--today: must be a date written YYYY-MM-DD, got ''"),
    ],
)
def test_an_empty_option_is_refused_not_ignored(tmp_path: Path, option: str, message: str) -> None:
    profile = write(tmp_path, "p.json", profile_data())
    result = invoke("plan", "--profile", profile, option, "")
    assert result.exit_code == 2
    assert result.stderr == f"error: {message}\n"


def test_impossible_today_exits_two(tmp_path: Path) -> None:
    path = write(tmp_path, "p.json", profile_data())
    result = invoke("plan", "--profile", path, "--today", "2026-13-01")
    assert result.exit_code == 2
    assert "--today: '2026-13-01' is not a real calendar date" in result.stderr


def test_unknown_flag_exits_two() -> None:
    result = invoke("plan", "--profle", "p.json")
    assert result.exit_code == 2
    assert "No such option" in result.stderr


def test_both_inputs_from_stdin_is_refused() -> None:
    result = invoke("plan", "--profile", "-", "--history", "-", stdin="{}")
    assert result.exit_code == 2 and "--history" in result.stderr


def test_a_bad_set_gives_one_line_not_a_second_about_the_list(tmp_path: Path) -> None:
    profile = write(tmp_path, "p.json", profile_data())
    history = write(
        tmp_path,
        "h.json",
        {
            "sessions": [
                {
                    "date": "2026-01-02",
                    "sets": [{"exercise": "plank", "reps": 8, "pain": 0, "form": "good"}],
                }
            ]
        },
    )
    result = invoke("plan", "--profile", profile, "--history", history)
    assert result.stderr.strip().splitlines() == [
        "error: sessions[0].sets[0].exercise: unknown exercise id 'plank'"
    ]


def test_a_profile_given_as_the_history_says_it_is_the_history(tmp_path: Path) -> None:
    profile = write(tmp_path, "p.json", profile_data())
    result = invoke("plan", "--profile", profile, "--history", profile)
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert lines and all(line.startswith("error: --history: ") for line in lines)
    assert "error: --history: age: is not a known field (check the spelling)" in lines


@pytest.mark.parametrize("option", ["--profile", "--history"])
def test_a_list_instead_of_an_object_names_the_option(tmp_path: Path, option: str) -> None:
    files = {"--profile": write(tmp_path, "p.json", profile_data())}
    files[option] = write(tmp_path, "list.json", [])
    result = invoke("plan", *(x for pair in files.items() for x in pair))
    assert result.exit_code == 2
    assert result.stderr == f"error: {option}: must be a JSON object\n"


BACKSTRIDE = str(Path(sys.executable).parent / "backstride")


@pytest.mark.parametrize(
    ("args", "line"),
    [
        (["plan"], "error: Missing option '--profile' / '-p'. (see: backstride plan --help)"),
        (
            ["plan", "--profile", "p.json", "--bogus"],
            "error: No such option: --bogus (see: backstride plan --help)",
        ),
        (
            ["exercises", "show"],
            "error: Missing argument 'ID'. (see: backstride exercises show --help)",
        ),
    ],
)
def test_a_usage_mistake_ends_with_one_error_line(args: list[str], line: str) -> None:
    done = subprocess.run([BACKSTRIDE, *args], capture_output=True, text=True, check=False)
    assert done.returncode == 2
    assert done.stderr.splitlines() == [line]


def test_the_installed_command_exits_zero_on_success_and_shows_help_without_arguments() -> None:
    shown = subprocess.run(
        [BACKSTRIDE, "exercises", "show", "dead_bug"], capture_output=True, text=True, check=False
    )
    assert shown.returncode == 0 and "Dead bug" in shown.stdout
    bare = subprocess.run([BACKSTRIDE], capture_output=True, text=True, check=False)
    assert bare.returncode == 2 and "Usage: backstride" in bare.stdout + bare.stderr


@pytest.mark.parametrize(
    ("clearance", "problem"),
    [
        ({"on": "2026-11-10", "covers": ["saddle_numbness"]}, "emergency sign"),
        ({"on": "2026-11-10", "covers": ["night_pain"], "when": "x"}, "not a known field"),
        ({"on": "2026-11-22", "covers": ["night_pain"]}, "after today"),
    ],
)
def test_a_bad_clearance_exits_two_naming_it(
    tmp_path: Path, clearance: dict[str, object], problem: str
) -> None:
    path = write(tmp_path, "p.json", profile_data(clearance=clearance))
    result = invoke("plan", "--profile", path, "--today", "2026-11-21")
    assert result.exit_code == 2
    assert "clearance" in result.stderr and problem in result.stderr
    assert "Traceback" not in result.stderr
