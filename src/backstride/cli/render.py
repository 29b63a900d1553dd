"""Rich tables and panels for people; imported only when a command prints for a person."""

from __future__ import annotations

import math
from functools import cache

from rich.console import Console
from rich.panel import Panel
from rich.table import Table

from backstride.core.catalog import load_catalog
from backstride.core.exercise import Dosage, Exercise
from backstride.core.plan import DoseItem, Plan, PlanResult
from backstride.core.profile import Profile
from backstride.core.signs import STEPS
from backstride.core.triage import Triage
from backstride.core.vocab import SOURCES

DAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
LEVELS = {
    "emergency": ("EMERGENCY: call the emergency number or go to A&E now", "bold white on red"),
    "urgent": ("URGENT: get medical advice today", "bold white on red"),
    "see_doctor": ("SEE A DOCTOR before starting this programme", "bold black on yellow"),
    "self_manage": ("Safe to self-manage, with the cautions below", "bold green"),
}
NOT_A_DIAGNOSIS = (
    "backstride is a coach, not a diagnosis. Call the emergency number for numbness where "
    "you would sit on a saddle, new bladder, bowel or sexual trouble, or symptoms in both "
    "legs; get advice today for a fever or a weak leg; see a doctor if pain spreads into a "
    "leg with numbness or tingling, or if it does not ease with rest."
)


@cache
def console() -> Console:
    return Console(highlight=False)


def dosage_text(dosage: Dosage, per_side: bool) -> str:
    if dosage.reps_min is not None:
        reps = (
            f"{dosage.reps_min}"
            if dosage.reps_min == dosage.reps_max
            else f"{dosage.reps_min}-{dosage.reps_max}"
        )
        text = f"{dosage.sets} x {reps}"
        if dosage.hold_seconds:
            text += f" (hold {dosage.hold_seconds} s)"
    else:
        text = f"{dosage.sets} x {dosage.hold_seconds} s hold"
    return text + (" per side" if per_side else "")


def triage_panel(result: Triage) -> None:
    title, style = LEVELS[result.level]
    if result.level == "self_manage" and not result.cautions:
        title = "Safe to self-manage"
    lines = [f"[{style}] {title} [/]"]
    lines += [f"{n}. {step}" for n, step in enumerate(STEPS.get(result.level, ()), 1)]
    lines += [f"  ! {r.message}" for r in result.reasons]
    if result.level in ("urgent", "see_doctor"):
        lines.append(
            "No plan until a clinician has seen you. Then record it in your profile as "
            '"clearance": {"on": "YYYY-MM-DD", "by": "who", "covers": [the codes above]} '
            "(backstride intake asks for it)."
        )
        lines.append("  codes: " + ", ".join(r.code for r in result.reasons))
    lines += [f"  {'> see:' if c.referral else '-'} {c.message}" for c in result.cautions]
    border = {"emergency": "red", "urgent": "red", "see_doctor": "yellow"}.get(
        result.level, "green"
    )
    console().print(Panel("\n".join(lines), title="Warning signs", border_style=border))


def plan_result(result: PlanResult, profile: Profile) -> None:
    triage_panel(result.triage)
    if result.plan is not None:
        show_plan(result.plan)
    console().print(f"[dim]{NOT_A_DIAGNOSIS}[/]")


def about(minutes: float) -> str:
    """'about 25 min': whole minutes, half up (as the plan page rounds them)."""
    return f"about {math.floor(minutes + 0.5)} min"


def show_plan(plan: Plan) -> None:
    out = console()
    _session(plan)
    days = plan.strength.days_per_week
    strength = Table(
        title=f"Strength, {days} days a week (48 h apart), {about(plan.strength.minutes)}"
    )
    for column in ("Exercise", "Sets x reps", "Today's target", "Time", "Why"):
        strength.add_column(column)
    for item in plan.strength.exercises:
        side = " per side" if item.per_side else ""
        strength.add_row(
            f"{item.name}\n[dim]{item.id}[/]",
            f"{item.sets} x {item.reps_min}-{item.reps_max}{side}",
            str(item.target_reps),
            about(item.minutes),
            item.why,
        )
    out.print(strength)
    mobility = f"Mobility, {about(plan.mobility.minutes)}: {plan.mobility.when}"
    _dose_table(mobility, plan.mobility.exercises)
    if plan.extras:
        _dose_table("Optional extras", plan.extras)
    _running(plan)
    if plan.form_tips:
        out.print("[bold]Form tips[/]")
        for tip in plan.form_tips:
            out.print(f"  - {tip.text}")
    # The seven days from today, today first and marked.
    week = Table(title="Your week, from today")
    for d in plan.week:
        label = f"{DAY_NAMES[d.day - 1]} {d.date.day}"
        week.add_column(f"[bold]Today[/]\n{label}" if d.today else label)
    week.add_row(*[", ".join(a.replace("_", " ") for a in d.activities) for d in plan.week])
    out.print(week)
    if plan.changes:
        out.print("[bold]Changes so far[/] (latest last)")
        for change in plan.changes[-10:]:
            out.print(f"  {change.date} [cyan]{change.kind}[/] {change.reason}")


def _session(plan: Plan) -> None:
    """Today's session first: how long it takes and, when something was cut, what and why."""
    session = plan.session
    names = {e.id: e.name for e in plan.strength.exercises}
    names |= {e.id: e.name for e in [*plan.mobility.exercises, *plan.extras]}
    lines = [
        f"{n}. {names[item.id]} ({item.block}, {item.sets} sets, {about(item.minutes)})"
        for n, item in enumerate(session.items, 1)
    ]
    if session.note:
        lines.append(f"[yellow]{session.note}[/]")
    if plan.strength_today.status != "strength_day":
        lines.insert(0, plan.strength_today.message)
    console().print(
        Panel(
            "\n".join(lines), title=f"Today's session, {about(session.minutes)}", title_align="left"
        )
    )


def _dose_table(title: str, items: list[DoseItem]) -> None:
    catalog = load_catalog()
    table = Table(title=title, title_justify="left")
    for column in ("Exercise", "Dose", "Time", "When"):
        table.add_column(column)
    for item in items:
        exercise = catalog[item.id]
        dose = dosage_text(exercise.dosage, exercise.per_side)
        table.add_row(item.name, dose, about(item.minutes), item.when)
    console().print(table)


def _running(plan: Plan) -> None:
    out = console()
    mode = plan.running.mode.replace("_", " ")
    out.print(f"[bold]Running: {mode}[/]")
    for warning in plan.running.warnings:
        out.print(f"  [bold yellow]Load warning ({warning.code}):[/] {warning.message}")
    for line in plan.running.advice:
        out.print(f"  - {line}")


def exercise_table(exercises: list[Exercise], title: str) -> None:
    table = Table(title=title)
    for column in ("Rank", "Id", "Name", "Kind", "Kit", "Source"):
        table.add_column(column)
    for e in exercises:
        table.add_row(
            str(e.ladder_rank or ""), e.id, e.name, e.kind, ", ".join(e.equipment) or "-", e.source
        )
    console().print(table)


def exercise_card(e: Exercise) -> None:
    out = console()
    rank = f", rank {e.ladder_rank} of the ladder" if e.ladder_rank else ""
    out.print(
        Panel(
            f"{e.summary}\n[dim]{e.kind}{rank}; source {e.source}: {SOURCES[e.source]}[/]",
            title=e.name,
        )
    )
    out.print(f"[bold]Dose:[/] {dosage_text(e.dosage, e.per_side)}")
    kit = ", ".join(e.equipment) or "none"
    optional = f" (optional: {', '.join(e.optional_equipment)})" if e.optional_equipment else ""
    out.print(f"[bold]Kit:[/] {kit}{optional}")
    if e.avoid_when:
        out.print(
            f"[bold]Skip it if[/] {', '.join(a.replace('_', ' ') for a in e.avoid_when)} hurts."
        )
    out.print("[bold]How to do it[/]")
    for number, step in enumerate(e.steps, 1):
        out.print(f"  {number}. {step}")
    out.print("[bold]Cues[/]")
    for cue in e.cues:
        out.print(f"  - {cue}")
    out.print("[bold]Common mistakes[/]")
    for mistake in e.mistakes:
        out.print(f"  - {mistake}")
    links = [f"easier: {e.easier}" if e.easier else "", f"harder: {e.harder}" if e.harder else ""]
    if any(links):
        out.print("[dim]" + "; ".join(link for link in links if link) + "[/]")


def emergency_stop(held_old: bool = False) -> None:
    console().print(
        Panel(
            "[bold white on red] EMERGENCY: get emergency help now [/]\n"
            + "\n".join(f"{n}. {step}" for n, step in enumerate(STEPS["emergency"], 1))
            + (
                "\nYour earlier profile now records this sign, so it gives no plan."
                if held_old
                else "\nNo profile was saved and no plan is given."
            ),
            title="Stop here",
            border_style="red",
        )
    )


def urgent_first() -> None:
    """An urgent sign in the intake: what to do today, before the other questions."""
    steps = "\n".join(f"{n}. {step}" for n, step in enumerate(STEPS["urgent"], 1))
    console().print(
        Panel(
            f"[bold white on red] URGENT: get medical advice today [/]\n{steps}\n"
            "If you have already been seen about it, go on: the questions end by asking "
            "who saw you and when.",
            title="Before you go on",
            border_style="red",
        )
    )
