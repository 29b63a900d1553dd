"""`backstride progress`: the four progress charts as PNG files, drawn by the web app's code."""

from __future__ import annotations

import sys
from pathlib import Path

from backstride.cli.printing import write_file
from backstride.cli.sources import read_inputs
from backstride.core.assessment import assess
from backstride.core.errors import InputError, Problem
from backstride.reports.charts import CHARTS, render


def progress_command(profile_file: str, history_file: str, today: str, out: str) -> None:
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
        write_file("--out", str(path), render(name, standing, day, "png"))
        sys.stdout.write(f"{path}\n")
