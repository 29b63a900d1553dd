"""`backstride progress --out DIR` (the four charts as PNG) and `backstride plan --pdf FILE`."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from backstride.cli.main import app
from tests.reports.samples import week

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
runner = CliRunner()


def invoke(*args: str) -> Any:
    return runner.invoke(app, list(args))


@pytest.fixture
def files(tmp_path: Path) -> tuple[str, str]:
    profile, history, _ = week()
    profile_file = tmp_path / "profile.json"
    profile_file.write_text(profile.model_dump_json())
    history_file = tmp_path / "history.json"
    history_file.write_text(history.model_dump_json())
    return str(profile_file), str(history_file)


def test_progress_writes_the_four_charts_as_png(files: tuple[str, str], tmp_path: Path) -> None:
    profile, history = files
    out = tmp_path / "charts" / "new"
    result = invoke(
        "progress",
        "--profile",
        profile,
        "--history",
        history,
        "--today",
        "2026-11-21",
        "--out",
        str(out),
    )
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in out.iterdir())
    assert names == ["adherence.png", "ladder.png", "load.png", "strength.png"]
    for path in out.iterdir():
        assert path.read_bytes().startswith(PNG_SIGNATURE)
        assert str(path) in result.stdout


def test_progress_with_an_empty_history_still_draws(tmp_path: Path, files: tuple[str, str]) -> None:
    profile, _ = files
    empty = tmp_path / "empty.json"
    empty.write_text("{}")
    result = invoke("progress", "-p", profile, "--history", str(empty), "--out", str(tmp_path))
    assert result.exit_code == 0
    assert (tmp_path / "load.png").read_bytes().startswith(PNG_SIGNATURE)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"history": "missing.json"}, "--history: file missing.json does not exist"),
        ({"history_text": '{"runs": [{"date": "2026-11-01"}]}'}, "runs[0].km: is required"),
        ({"today": "tomorrow"}, "--today:"),
        ({"out_is_file": True}, "is a file, not a folder"),
        ({"extra": ["--weeks", "7"]}, "--weeks: '7' is not a span to show; choose 12, 26"),
        ({"extra": ["--unit", "furlongs"]}, "--unit: 'furlongs' is not a unit; choose km or mi"),
    ],
)
def test_progress_bad_input_exits_two_with_one_line(
    tmp_path: Path, files: tuple[str, str], change: dict[str, Any], message: str
) -> None:
    profile, history = files
    if "history_text" in change:
        history = str(tmp_path / "bad.json")
        Path(history).write_text(change["history_text"])
    history = change.get("history", history)
    out = tmp_path / "out"
    if change.get("out_is_file"):
        out.write_text("not a folder")
    args = ["progress", "-p", profile, "--history", history, "--out", str(out)]
    args += change.get("extra", [])
    result = invoke(*args, "--today", change.get("today", "2026-11-21"))
    assert result.exit_code == 2
    first = result.stderr.strip().splitlines()[0]
    assert first.startswith("error: ") and message in first
    assert "Traceback" not in result.output


def test_progress_draws_the_span_and_unit_asked_for(files: tuple[str, str], tmp_path: Path) -> None:
    profile, history = files
    base = ["progress", "-p", profile, "--history", history, "--today", "2026-11-21"]
    assert invoke(*base, "--out", str(tmp_path / "km")).exit_code == 0
    result = invoke(*base, "--out", str(tmp_path / "mi"), "--weeks", "all", "--unit", "mi")
    assert result.exit_code == 0, result.output
    km, mi = (
        (tmp_path / "km" / "load.png").read_bytes(),
        (tmp_path / "mi" / "load.png").read_bytes(),
    )
    assert mi.startswith(PNG_SIGNATURE) and mi != km


def test_plan_pdf_without_the_renderer_says_so_in_one_line(
    files: tuple[str, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "weasyprint", None)  # as if it were not installed
    profile, history = files
    out = tmp_path / "plan.pdf"
    result = invoke("plan", "-p", profile, "--history", history, "--pdf", str(out))
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == [
        "error: --pdf: PDF output needs the WeasyPrint package; install it, or open the "
        "plan's printable page in the web app and print it from the browser"
    ]
    assert not out.exists()


def test_plan_pdf_bad_profile_exits_two(tmp_path: Path) -> None:
    bad = tmp_path / "p.json"
    bad.write_text(json.dumps({"age": 5}))
    result = invoke("plan", "-p", str(bad), "--pdf", str(tmp_path / "plan.pdf"))
    assert result.exit_code == 2
    assert "error: age: must be at least 12, got 5" in result.stderr.splitlines()


def test_plan_pdf_writes_a_pdf(files: tuple[str, str], tmp_path: Path) -> None:
    profile, history = files
    out = tmp_path / "plan.pdf"
    result = invoke("plan", "-p", profile, "--history", history, "--pdf", str(out))
    assert result.exit_code == 0, result.output
    assert out.read_bytes().startswith(b"%PDF-")
    assert f"Printable plan written to {out}" in result.stdout


def test_plan_pdf_into_a_missing_folder_exits_two(files: tuple[str, str], tmp_path: Path) -> None:
    profile, _ = files
    result = invoke("plan", "-p", profile, "--pdf", str(tmp_path / "nope" / "plan.pdf"))
    assert result.exit_code == 2 and "does not exist" in result.stderr
