"""`backstride triage` and `backstride plan`: read the files, call core, print."""

from __future__ import annotations

import datetime as dt

from backstride.cli.output import print_json
from backstride.cli.sources import read_inputs, read_text
from backstride.core.assessment import assess
from backstride.core.history import History
from backstride.core.inputs import profile_from_json
from backstride.core.triage import check_clearance_date


def triage_command(profile_file: str, as_json: bool) -> None:
    profile = profile_from_json(read_text("--profile", profile_file), "--profile")
    today = dt.date.today()
    check_clearance_date(profile, today)
    result = assess(profile, History(), today).triage
    if as_json:
        print_json(result.model_dump(mode="json"))
        return
    from backstride.cli import render

    render.triage_panel(result)


def plan_command(profile_file: str, history_file: str | None, today: str, as_json: bool) -> None:
    profile, history, day = read_inputs(profile_file, history_file, today)
    check_clearance_date(profile, day)
    result = assess(profile, history, day).result
    if as_json:
        print_json(result.model_dump(mode="json"))
        return
    from backstride.cli import render

    render.plan_result(result, profile)
