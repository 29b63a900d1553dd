"""`backstride progress`: the four progress charts as PNG files, drawn by the web app's code,
over the last 12 weeks or the span `--weeks` asks for, in km or miles."""

from __future__ import annotations

import sys
from pathlib import Path

from backstride.cli.printing import write_file
from backstride.cli.sources import read_inputs
from backstride.core.assessment import assess
from backstride.core.errors import InputError, Problem
from backstride.core.units import UNITS, DistanceUnit
from backstride.reports.charts import CHARTS, render
from backstride.reports.figure import DEFAULT_WINDOW, Shown, window_of


def progress_command(
    profile_file: str,
    history_file: str,
    today: str,
    out: str,
    weeks: str = DEFAULT_WINDOW,
    unit: str = "km",
) -> None:
    shown = Shown(window_of(weeks, "--weeks"), _unit(unit))
    profile, history, day = read_inputs(profile_file, history_file, today)
    folder = Path(out)
    if folder.exists() and not folder.is_dir():
        raise InputError([Problem("--out", f"{out} is a file, not a folder")])
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        unmade = f"folder {out} cannot be made ({error.strerror})"
        raise InputError([Problem("--out", unmade)]) from None
    standing = assess(profile, history, day).standing
    for name in CHARTS:
        path = folder / f"{name}.png"
        write_file("--out", str(path), render(name, standing, day, "png", shown))
        sys.stdout.write(f"{path}\n")


def _unit(unit: str) -> DistanceUnit:
    for known in UNITS:
        if unit == known:
            return known
    raise InputError([Problem("--unit", f"{unit!r} is not a unit; choose km or mi")])
