"""`backstride plan` and `triage` start light: nothing of the web app, the charts, the PDF or
the run-file readers is imported on their way, and a second run takes the catalog's parse
from the cache instead of parsing its TOML again. Imports are read from `-X importtime`."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.factories import profile_data

ENTRY = "from backstride.cli.main import run; run()"
# Packages only other commands need (serve, progress, plan --pdf, runs import).
HEAVY = ("django", "gunicorn", "matplotlib", "numpy", "PIL", "weasyprint", "fitdecode", "gpxpy")
HEAVY += ("tcxreader", "backstride.web", "backstride.reports", "backstride.runfiles")


def imported(args: list[str], cache: Path) -> set[str]:
    """Every module the command imported, each named once (its first import)."""
    env = {**os.environ, "XDG_CACHE_HOME": str(cache)}
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", ENTRY, *args],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    rows = (line for line in done.stderr.splitlines() if line.startswith("import time:"))
    return {row.rsplit("|", 1)[1].strip() for row in rows} - {"imported package"}


def profile_file(tmp_path: Path) -> str:
    path = tmp_path / "profile.json"
    path.write_text(json.dumps(profile_data()))
    return str(path)


def heavy_in(modules: set[str]) -> set[str]:
    return {m for m in modules if any(m == h or m.startswith(f"{h}.") for h in HEAVY)}


@pytest.mark.parametrize("command", ["plan", "triage"])
@pytest.mark.parametrize("as_json", [True, False], ids=["json", "tables"])
def test_plan_and_triage_import_nothing_heavy(tmp_path: Path, command: str, as_json: bool) -> None:
    args = [command, "--profile", profile_file(tmp_path), *(["--json"] if as_json else [])]
    modules = imported(args, tmp_path / "cache")
    assert not heavy_in(modules)
    # Tables need rich; JSON needs nothing of it.
    assert ("rich" in modules) is not as_json


def test_a_second_plan_takes_the_catalog_from_the_cache(tmp_path: Path) -> None:
    args = ["plan", "--profile", profile_file(tmp_path), "--json"]
    cache = tmp_path / "cache"
    assert "tomllib" in imported(args, cache)
    assert (cache / "backstride" / "catalog.json").is_file()
    assert "tomllib" not in imported(args, cache)
