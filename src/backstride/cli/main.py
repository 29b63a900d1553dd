"""The `backstride` command: a thin Typer layer over backstride.core."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
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
runs_app = typer.Typer(help="Bring in the runs your watch or app recorded.", no_args_is_help=True)
app.add_typer(runs_app, name="runs")
users_app = typer.Typer(help="Look after the accounts of this install.", no_args_is_help=True)
app.add_typer(users_app, name="users")

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


@runs_app.command("import")
def runs_import(
    files: Annotated[
        list[Path],
        typer.Argument(
            metavar="FILE",
            exists=True,
            dir_okay=False,
            readable=True,
            help="GPX, TCX or FIT files, e.g. ~/Downloads/*.fit",
        ),
    ],
    email: Annotated[
        str | None,
        typer.Option("--email", help="The account to import into; needed when there are several."),
    ] = None,
) -> None:
    """Import GPX, TCX or FIT run files into the local database (the one serve uses).

    Prints one line per file: imported, duplicate, skipped (not a run) or rejected, and why.

    Example: backstride runs import ~/Downloads/*.fit --email me@example.com
    """
    from backstride.cli import runs

    guarded(runs.import_command, files, email)


@users_app.command("reset-password")
def users_reset_password(
    email: Annotated[str, typer.Argument(metavar="EMAIL", help="The runner's account email.")],
    base_url: Annotated[
        str | None,
        typer.Option(
            "--base-url",
            help="Where runners open the app; default BACKSTRIDE_SITE_URL, else "
            "http://127.0.0.1:8000.",
        ),
    ] = None,
) -> None:
    """Print a one-time link that sets a new password, for an install that sends no email.

    The link works once, within a day; send it to the runner privately. An unknown email
    ends with exit code 2.

    Example: backstride users reset-password me@example.com --base-url https://coach.example.com
    """
    from backstride.cli import users

    guarded(users.reset_password_command, email, base_url)


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
    pdf: Annotated[
        str | None,
        typer.Option(
            "--pdf",
            metavar="FILE",
            help="Write the printable plan (the web app's print page) to FILE as a PDF.",
        ),
    ] = None,
) -> None:
    """Build the programme from a profile and, optionally, the history so far.

    Example: backstride plan --profile profile.json --history history.json --pdf plan.pdf
    """
    day = dt.date.today().isoformat() if today is None else today
    if pdf is not None:
        from backstride.cli import printing

        guarded(printing.plan_pdf, profile, history, day, pdf)
        return
    from backstride.cli import assess

    guarded(assess.plan_command, profile, history, day, as_json)


@app.command()
def progress(
    profile: ProfileOpt,
    history: Annotated[
        str, typer.Option("--history", help="History JSON file (sessions, check-ins, runs).")
    ],
    out: Annotated[
        str, typer.Option("--out", "-o", metavar="DIR", help="Folder for the PNG files.")
    ],
    today: Annotated[
        str | None, typer.Option("--today", help="Draw as of this date (YYYY-MM-DD).")
    ] = None,
    weeks: Annotated[
        str,
        typer.Option(
            "--weeks", metavar="12|26|52|all", help="How many weeks the charts cover (12)."
        ),
    ] = "12",
    unit: Annotated[
        str, typer.Option("--unit", metavar="km|mi", help="Distances in km or miles (km).")
    ] = "km",
) -> None:
    """Draw the progress charts as PNG files in DIR: load.png (weekly distance beside pain),
    strength.png (target reps over time), ladder.png (where you stand) and adherence.png
    (sessions done against planned so far, from the day the programme started). The same
    charts as the web app's progress page, over the last 12 weeks unless --weeks asks for
    26, 52 or all.

    Example: backstride progress --profile profile.json --history history.json --out charts
    --weeks 52 --unit mi
    """
    from backstride.cli import progress as charts

    guarded(
        charts.progress_command,
        profile,
        history,
        dt.date.today().isoformat() if today is None else today,
        out,
        weeks,
        unit,
    )


@app.command()
def intake(
    out: Annotated[str, typer.Option("--out", "-o", help="Where to write the profile.")] = (
        "profile.json"
    ),
) -> None:
    """Answer the check-in questions; writes a profile file and shows your plan."""
    from backstride.cli import intake as questions

    guarded(questions.run_intake, out)


@app.command()
def serve(
    host: Annotated[str, typer.Option("--host", help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[
        int, typer.Option("--port", min=1, max=65535, help="Port to listen on.")
    ] = 8000,
    workers: Annotated[
        int, typer.Option("--workers", min=1, max=64, help="Worker processes, 4 threads each.")
    ] = 2,
) -> None:
    """Serve the web app with gunicorn: applies migrations first, and collects and gzips the
    static files when one changed; prints each step, then the address it listens on."""
    from backstride.web import server

    guarded(server.serve, host, port, workers)


def run() -> None:
    """Console-script entry point. A usage mistake Typer catches (a missing option, an
    unknown one) ends like every other bad input: one `error:` line and exit code 2."""
    from typer._click.exceptions import NoArgsIsHelpError, UsageError

    try:
        code = app(standalone_mode=False)
    except NoArgsIsHelpError as error:
        error.show()  # the help text itself: nothing was asked yet
        sys.exit(error.exit_code)
    except UsageError as error:
        command = error.ctx.command_path if error.ctx else "backstride"
        sys.stderr.write(f"error: {error.format_message()} (see: {command} --help)\n")
        sys.exit(error.exit_code)
    sys.exit(code if isinstance(code, int) else 0)
