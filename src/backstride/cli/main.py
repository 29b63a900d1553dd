"""The `backstride` command: a thin Typer layer over backstride.core."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

import typer

from backstride.cli.output import guarded

app = typer.Typer(
    help="backstride: a back-care coach for runners. Not a diagnosis: see a doctor when in doubt.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
exercises_app = typer.Typer(help="Browse the 34 exercises of the catalog.", no_args_is_help=True)
app.add_typer(exercises_app, name="exercises")

ProfileOpt = Annotated[
    str, typer.Option("--profile", "-p", help="Profile JSON file, or - for standard input.")
]
HistoryOpt = Annotated[
    str | None, typer.Option("--history", help="History JSON file (sessions, check-ins, runs).")
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON instead of tables.")]


@exercises_app.command("list")
def exercises_list(as_json: JsonOpt = False) -> None:
    """List every exercise: the ladder in rank order, then the rest."""
    from backstride.cli import browse

    guarded(browse.list_all, as_json)


@exercises_app.command("show")
def exercises_show(
    exercise_id: Annotated[str, typer.Argument(metavar="ID", help="e.g. dead_bug")],
    as_json: JsonOpt = False,
) -> None:
    """Show how to do one exercise: steps, cues, common mistakes, dosage."""
    from backstride.cli import browse

    guarded(browse.show, exercise_id, as_json)


@exercises_app.command("search")
def exercises_search(
    text: Annotated[str, typer.Argument(help="Name, alias, region or equipment, e.g. 'beetle'.")],
    as_json: JsonOpt = False,
) -> None:
    """Find exercises by name, alias ('beetle' finds the dead bug), region or equipment."""
    from backstride.cli import browse

    guarded(browse.search, text, as_json)


@app.command()
def triage(profile: ProfileOpt, as_json: JsonOpt = False) -> None:
    """Screen a profile for warning signs: emergency, see a doctor, or self-manage."""
    from backstride.cli import assess

    guarded(assess.triage_command, profile, as_json)


@app.command()
def plan(
    profile: ProfileOpt,
    history: HistoryOpt = None,
    today: Annotated[
        str | None, typer.Option("--today", help="Plan as of this date (YYYY-MM-DD).")
    ] = None,
    as_json: JsonOpt = False,
) -> None:
    """Build the programme from a profile and, optionally, the history so far."""
    from backstride.cli import assess

    guarded(assess.plan_command, profile, history, today or dt.date.today().isoformat(), as_json)


@app.command()
def intake(
    out: Annotated[str, typer.Option("--out", "-o", help="Where to write the profile.")] = (
        "profile.json"
    ),
) -> None:
    """Answer the check-in questions; writes a profile file and shows your plan."""
    from backstride.cli import intake as questions

    guarded(questions.run_intake, out)


def run() -> None:
    """Console-script entry point."""
    app()
