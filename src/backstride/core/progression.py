"""Replays the history in date order: each exercise's target, and every change (section 4)."""

from __future__ import annotations

import datetime as dt
import statistics
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from backstride.core.catalog import Catalog, load_catalog
from backstride.core.changes import Change
from backstride.core.eligibility import Context, companion, painful_moves, select_four
from backstride.core.history import Checkin, History, Run, Session, SetLog
from backstride.core.jump_gate import JumpFacts, jump_wait, reopens
from backstride.core.profile import Profile
from backstride.core.setbacks import Setback, the, why_not
from backstride.core.time_budget import sets_that_fit
from backstride.core.tracks import Track, track_for
from backstride.core.vocab import (
    ACCEPTABLE_PAIN,
    IMPACT_MAX_PAIN,
    LOADED_FLEXION_MAX_PAIN,
    REPS_STEP,
    SAFE_PAIN,
    ChangeKind,
)

FLARE_RISE = 2
JUMPS_OPEN = "your pain and the last 7 days allow jumping"
BASELINE_CHECKINS = 7
MASTERY_SESSIONS = 2
POOR_FORM_SETS = 2
POOR_FORM_SESSIONS = 2


@dataclass
class Progress:
    """The outcome of the replay: today's strength block and how it got there."""

    ctx: Context
    four: list[str]
    companion: str | None
    tracks: dict[str, Track]
    mastered: set[str]
    flare_dates: list[dt.date]
    changes: list[Change]
    typical_pain: float
    # Each day's targets once its events are replayed: the strength progress chart's data.
    timeline: list[tuple[dt.date, dict[str, int]]]
    # The session that took each exercise out, for the stand-ins' reasons.
    setbacks: dict[str, Setback]
    # Why jumping waits at the end of the replay, or None while it may go ahead.
    jump_block: str | None


def baseline(profile: Profile, earlier: Sequence[Checkin]) -> float:
    """The profile's pain to begin with, later the median of the last 7 check-ins."""
    recent = [c.morning_pain for c in earlier[-BASELINE_CHECKINS:]]
    return statistics.median(recent) if recent else float(profile.pain.intensity)


@dataclass
class _Replay:
    profile: Profile
    catalog: Catalog
    ctx: Context
    tracks: dict[str, Track] = field(default_factory=dict)
    mastered: set[str] = field(default_factory=set)
    blocked: dict[str, str] = field(default_factory=dict)
    form_cleared: set[str] = field(default_factory=set)
    flare_dates: list[dt.date] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)
    checkins: list[Checkin] = field(default_factory=list)
    session_dates: set[dt.date] = field(default_factory=set)
    setbacks: dict[str, Setback] = field(default_factory=dict)
    painful_runs: list[tuple[dt.date, int]] = field(default_factory=list)
    current: list[str] = field(default_factory=list)
    checked_on: dt.date = dt.date.min
    jump_block: str | None = None
    timeline: list[tuple[dt.date, dict[str, int]]] = field(default_factory=list)
    # The four depend only on these; replaying a year calls refresh ~700 times, so skip
    # the re-selection when neither a block, a mastery nor the impact rule has changed,
    # and remember each selection, as the impact rule flips back and forth with the pain.
    revision: int = 0
    selected_for: tuple[int, bool] | None = None
    selections: dict[tuple[int, bool], list[str]] = field(default_factory=dict)

    def note(self, day: dt.date, exercise: str | None, kind: ChangeKind, reason: str) -> None:
        self.changes.append(Change(date=day, exercise=exercise, kind=kind, reason=reason))

    def name(self, exercise_id: str) -> str:
        return self.catalog[exercise_id].name

    # -- the active set ---------------------------------------------------------------

    def wanted(self) -> list[str]:
        ctx = replace(
            self.ctx, blocked=dict(self.blocked), form_cleared=frozenset(self.form_cleared)
        )
        self.ctx = ctx
        four = select_four(ctx, frozenset(self.mastered))
        extra = companion(ctx, "upper_back" in self.profile.pain.regions)
        return four + ([extra] if extra else [])

    def refresh(self, day: dt.date | None) -> None:
        """Bring the tracks in line with the rules; report who left quietly and who came in."""
        key = (self.revision, self.ctx.impact_ok)
        if key == self.selected_for:
            return
        self.selected_for = key
        wanted = self.selections.get(key)
        if wanted is None:
            wanted = self.selections[key] = self.wanted()
        gone = [e for e in self.current if e not in wanted]
        self.current = wanted
        for exercise in [e for e in self.tracks if e not in wanted]:
            del self.tracks[exercise]
            if day is not None and exercise not in self.mastered | set(self.blocked):
                self.note(day, exercise, "paused", self._set_aside(exercise))
        for exercise in [e for e in wanted if e not in self.tracks]:
            kept = exercise in self.mastered
            track = self.tracks[exercise] = track_for(self.catalog[exercise], kept)
            # A newcomer takes the place of the first exercise that left; a mastered one
            # kept in the four takes nobody's.
            replaced = gone.pop(0) if gone and not kept else None
            if day is not None:
                self.note(
                    day, exercise, "swapped_in", self._arrival(exercise, replaced, track, day)
                )

    def _set_aside(self, exercise: str) -> str:
        if self.catalog[exercise].impact and self.jump_block:
            return f"{self.name(exercise)} is set aside: {self.jump_block}."
        return f"{self.name(exercise)} makes way for an exercise earlier on the ladder."

    def _arrival(self, exercise: str, replaced: str | None, track: Track, day: dt.date) -> str:
        name = self.name(exercise)
        if exercise in self.mastered:
            return f"{name} stays in your block at {track.target} reps."
        if replaced is None and self.catalog[exercise].impact:
            return f"{name} joins your block at {track.target} reps: {JUMPS_OPEN}."
        if replaced is None:
            return f"{name} joins your block at {track.target} reps."
        why = why_not(replaced, self.ctx, self.setbacks, self.mastered, day)
        place = f"in place of {the(self.name(replaced))}{', ' + why if why else ''}"
        return f"{name} joins your block at {track.target} reps {place}."

    def mark(self, day: dt.date) -> None:
        """Record the day's targets for the chart when they changed."""
        targets = {e: t.target for e, t in self.tracks.items()}
        if self.timeline and self.timeline[-1][0] == day:
            self.timeline[-1] = (day, targets)
        elif not self.timeline or self.timeline[-1][1] != targets:
            self.timeline.append((day, targets))

    # -- events -------------------------------------------------------------------------

    def checkin(self, checkin: Checkin) -> None:
        base = baseline(self.profile, self.checkins)
        self.checkins.append(checkin)
        day_before = checkin.date - dt.timedelta(days=1)
        if checkin.morning_pain >= base + FLARE_RISE and day_before in self.session_dates:
            self.flare_up(checkin, base)
        self.check_gates(checkin.date)

    def run(self, run: Run) -> None:
        pain = run.worst_pain
        if pain is not None and pain > ACCEPTABLE_PAIN:
            self.painful_runs.append((run.date, pain))
            self.check_gates(run.date)

    def flare_up(self, checkin: Checkin, base: float) -> None:
        self.flare_dates.append(checkin.date)
        why = (
            f"Morning pain {checkin.morning_pain}/10 the day after a session, "
            f"against your usual {base:g}: a flare-up."
        )
        self.note(checkin.date, None, "flare_up", f"{why} Runs are easy-only for a week.")
        # Every active target, mastered ones kept in the four included (they climb back).
        for exercise, track in self.tracks.items():
            before = track.target
            track.lower()
            if track.target == before:
                continue  # already at 8: nothing falls, and the flare-up itself is noted above
            self.note(
                checkin.date, exercise, "flare_up", f"{why} Target {before} -> {track.target} reps."
            )

    def session(self, session: Session) -> None:
        self.session_dates.add(session.date)
        by_exercise: dict[str, list[SetLog]] = {}
        for set_log in session.sets:
            by_exercise.setdefault(set_log.exercise, []).append(set_log)
        for exercise, sets in sorted(by_exercise.items()):
            self.sets_done(session.date, exercise, sets)
        self.refresh(session.date)

    def sets_done(self, day: dt.date, exercise: str, sets: list[SetLog]) -> None:
        worst = max(s.pain for s in sets)
        if worst > ACCEPTABLE_PAIN:
            self.too_painful(day, exercise, worst)
            return
        track = self.tracks.get(exercise)
        if track is None:
            return
        if exercise in self.mastered:
            if track.target < track.high and self.qualifies(exercise, sets, track.target):
                self.step_up(day, exercise, track)
            return
        poor = sum(s.form == "poor" for s in sets)
        if self.qualifies(exercise, sets, track.target):
            track.poor_streak = 0
            self.step_up(day, exercise, track)
        elif poor >= POOR_FORM_SETS:
            self.poor_form(day, exercise, track, poor)
        else:
            track.poor_streak = 0

    def qualifies(self, exercise: str, sets: list[SetLog], target: int) -> bool:
        # A session too short for the whole dose offers fewer sets: all of those count.
        minutes = self.profile.minutes_per_session
        planned = sets_that_fit(self.catalog[exercise], target, minutes)
        return len(sets) >= planned and all(
            s.reps >= target and s.form == "good" and s.pain <= SAFE_PAIN for s in sets
        )

    def step_up(self, day: dt.date, exercise: str, track: Track) -> None:
        if track.target < track.high:
            track.target = min(track.high, track.target + REPS_STEP)
            self.note(
                day,
                exercise,
                "step_up",
                f"All sets clean and pain-free: "
                f"{self.name(exercise)} goes up to {track.target} reps.",
            )
            return
        track.at_max += 1
        if track.at_max >= MASTERY_SESSIONS:
            self.mastered.add(exercise)
            self.revision += 1
            del self.tracks[exercise]
            self.note(
                day,
                exercise,
                "mastered",
                f"Second clean session at {track.high} reps: "
                f"{self.name(exercise)} is mastered; a harder one takes its place.",
            )
            self.return_parent(exercise)

    def return_parent(self, exercise: str) -> None:
        """Mastering an easier variant earns another go at the exercise it stood in for,
        when form (not pain) was what held the runner back."""
        variant = self.catalog[exercise]
        if variant.variant_role != "easier" or variant.variant_of is None:
            return
        parent = variant.variant_of
        if self.blocked.get(parent) == "too_hard":
            del self.blocked[parent]
            self.setbacks.pop(parent, None)
            self.revision += 1
        if self.profile.abilities.get(parent) == "poor_form":
            self.form_cleared.add(parent)
            self.revision += 1

    def poor_form(self, day: dt.date, exercise: str, track: Track, poor: int) -> None:
        if track.target > track.low:
            before = track.target
            track.lower()
            track.poor_streak = 0
            self.note(
                day,
                exercise,
                "regressed",
                f"Form slipped in {poor} sets: "
                f"{self.name(exercise)} goes back from {before} to {track.target} reps.",
            )
            return
        track.poor_streak += 1
        if track.poor_streak < POOR_FORM_SESSIONS:
            self.note(
                day,
                exercise,
                "regressed",
                f"Form slipped in {poor} sets at {track.low} "
                "reps; if it happens again next time, an easier exercise takes over.",
            )
            return
        self.blocked[exercise] = "too_hard"
        self.setbacks[exercise] = Setback("too_hard", day, reps=track.low)
        self.revision += 1
        del self.tracks[exercise]
        self.note(
            day,
            exercise,
            "too_hard",
            f"Form slipped at {track.low} reps two sessions "
            f"running: {self.name(exercise)} makes way for an easier option.",
        )

    def too_painful(self, day: dt.date, exercise: str, worst: int) -> None:
        if self.blocked.get(exercise) == "too_painful":
            return
        self.blocked[exercise] = "too_painful"
        self.setbacks[exercise] = Setback("too_painful", day, pain=worst)
        self.revision += 1
        self.tracks.pop(exercise, None)
        self.note(
            day,
            exercise,
            "too_painful",
            f"A set of {self.name(exercise)} hurt {worst}/10 "
            "(above 5): it leaves your programme; we never prescribe what hurts.",
        )

    # -- the gates that move with time: jumps, and extras that load bending or twisting -----

    def latest_pain(self) -> int:
        return self.checkins[-1].morning_pain if self.checkins else self.profile.pain.intensity

    def jump_wait(self, now: dt.date) -> str | None:
        return jump_wait(
            JumpFacts(
                usual=self.typical_pain(),
                latest=self.latest_pain(),
                checked_in=bool(self.checkins),
                last_flare=self.flare_dates[-1] if self.flare_dates else None,
                last_painful_run=self.painful_runs[-1] if self.painful_runs else None,
            ),
            now,
        )

    def check_gates(self, day: dt.date) -> None:
        self.checked_on = day
        self.jump_block = self.jump_wait(day)
        gates = (self.jump_block is None, self.latest_pain() <= LOADED_FLEXION_MAX_PAIN)
        if gates != (self.ctx.impact_ok, self.ctx.loaded_flexion_ok):
            self.ctx = replace(self.ctx, impact_ok=gates[0], loaded_flexion_ok=gates[1])
        self.refresh(day)

    def advance(self, now: dt.date) -> None:
        """Time alone reopens the jumps: re-check on the day the last 7-day window closed,
        when that day falls after the last check and by `now`."""
        last_flare = self.flare_dates[-1] if self.flare_dates else None
        last_run = self.painful_runs[-1][0] if self.painful_runs else None
        opens = reopens(last_flare, last_run)
        if opens is not None and self.checked_on < opens <= now:
            self.check_gates(opens)
            self.mark(opens)

    def typical_pain(self) -> float:
        recent = [c.morning_pain for c in self.checkins[-BASELINE_CHECKINS:]]
        return statistics.median(recent) if recent else float(self.profile.pain.intensity)


def replay(profile: Profile, history: History, today: dt.date | None = None) -> Progress:
    """Take the events in date order: a day's check-ins, then its sessions, then its runs
    (so a painful run sets the jumps aside after that day's sets are counted).
    `history` must already be cut at today and put in canonical order (History.until);
    with `today`, the time gates (jumps after a flare-up or a painful run) are those of today."""
    catalog = load_catalog()
    ctx = Context(
        catalog=catalog,
        kit=profile.kit,
        painful_moves=painful_moves(profile.pain.worse_with),
        outdoor=profile.setting == "outdoor",
        impact_ok=profile.pain.intensity <= IMPACT_MAX_PAIN,
        abilities=profile.abilities,
        loaded_flexion_ok=profile.pain.intensity <= LOADED_FLEXION_MAX_PAIN,
    )
    state = _Replay(profile=profile, catalog=catalog, ctx=ctx)
    state.jump_block = state.jump_wait(dt.date.min)
    state.refresh(None)
    events: list[tuple[dt.date, int, Checkin | Session | Run]] = [
        *((c.date, 0, c) for c in history.checkins),
        *((s.date, 1, s) for s in history.sessions),
        *((r.date, 2, r) for r in history.runs),
    ]
    # sorted() is stable and History.until already ordered each list, so ties keep that order.
    for day, _order, event in sorted(events, key=lambda e: (e[0], e[1])):
        state.advance(day)
        if isinstance(event, Checkin):
            state.checkin(event)
        elif isinstance(event, Session):
            state.session(event)
        else:
            state.run(event)
        state.mark(day)
    if today is not None:
        state.advance(today)
        state.check_gates(today)
        if state.timeline:  # with no events yet, there is nothing to chart
            state.mark(today)
    return _progress(state)


def _progress(state: _Replay) -> Progress:
    wanted = state.wanted()
    catalog = state.catalog
    extra = next((e for e in wanted if catalog[e].variant_role == "upper_back_companion"), None)
    return Progress(
        ctx=state.ctx,
        four=[e for e in wanted if e != extra],
        companion=extra,
        tracks=state.tracks,
        mastered=state.mastered,
        flare_dates=state.flare_dates,
        changes=state.changes,
        typical_pain=state.typical_pain(),
        timeline=state.timeline,
        setbacks=state.setbacks,
        jump_block=state.jump_block,
    )
