"""Replays the history in date order: each exercise's target, and every change (section 4)."""

from __future__ import annotations

import datetime as dt
import statistics
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from backstride.core.catalog import Catalog, load_catalog
from backstride.core.changes import Change
from backstride.core.eligibility import Context, companion, painful_moves, select_four
from backstride.core.history import Checkin, History, Session, SetLog
from backstride.core.profile import Profile
from backstride.core.vocab import (
    ACCEPTABLE_PAIN,
    IMPACT_MAX_PAIN,
    REPS_MAX,
    REPS_MIN,
    REPS_STEP,
    SAFE_PAIN,
    ChangeKind,
)

FLARE_RISE = 2
BASELINE_CHECKINS = 7
MASTERY_SESSIONS = 2
POOR_FORM_SETS = 2
POOR_FORM_SESSIONS = 2


@dataclass
class Track:
    """Where one prescribed exercise stands."""

    target: int = REPS_MIN
    at_max: int = 0
    poor_streak: int = 0

    def lower(self) -> None:
        self.target = max(REPS_MIN, self.target - REPS_STEP)
        if self.target < REPS_MAX:
            self.at_max = 0


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
        left = [e for e in self.tracks if e not in wanted]
        for exercise in left:
            del self.tracks[exercise]
            if day is not None and exercise not in self.mastered | set(self.blocked):
                self.note(
                    day,
                    exercise,
                    "paused",
                    f"{self.name(exercise)} is set aside: "
                    "jumping waits until your usual pain is 3 or less.",
                )
        for exercise in wanted:
            if exercise in self.tracks:
                continue
            start = REPS_MAX if exercise in self.mastered else REPS_MIN
            self.tracks[exercise] = Track(target=start)
            if day is not None:
                self.note(day, exercise, "swapped_in", self._arrival(exercise, left, start))

    def _arrival(self, exercise: str, left: list[str], start: int) -> str:
        gone = f" in place of {', '.join(self.name(e) for e in left)}" if left else ""
        if exercise in self.mastered:
            return f"{self.name(exercise)} stays in your block at {start} reps{gone}."
        return f"{self.name(exercise)} joins your block at {start} reps{gone}."

    # -- events -------------------------------------------------------------------------

    def checkin(self, checkin: Checkin) -> None:
        base = baseline(self.profile, self.checkins)
        self.checkins.append(checkin)
        day_before = checkin.date - dt.timedelta(days=1)
        if checkin.morning_pain >= base + FLARE_RISE and day_before in self.session_dates:
            self.flare_up(checkin, base)
        allowed = self.jumping_allowed()
        if allowed != self.ctx.impact_ok:
            self.ctx = replace(self.ctx, impact_ok=allowed)
        self.refresh(checkin.date)

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
            if track.target < REPS_MAX and self.qualifies(exercise, sets, track.target):
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
        planned = self.catalog[exercise].dosage.sets
        return len(sets) >= planned and all(
            s.reps >= target and s.form == "good" and s.pain <= SAFE_PAIN for s in sets
        )

    def step_up(self, day: dt.date, exercise: str, track: Track) -> None:
        if track.target < REPS_MAX:
            track.target = min(REPS_MAX, track.target + REPS_STEP)
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
                f"Second clean session at {REPS_MAX} reps: "
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
            self.revision += 1
        if self.profile.abilities.get(parent) == "poor_form":
            self.form_cleared.add(parent)
            self.revision += 1

    def poor_form(self, day: dt.date, exercise: str, track: Track, poor: int) -> None:
        if track.target > REPS_MIN:
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
                f"Form slipped in {poor} sets at {REPS_MIN} "
                "reps; if it happens again next time, an easier exercise takes over.",
            )
            return
        self.blocked[exercise] = "too_hard"
        self.revision += 1
        del self.tracks[exercise]
        self.note(
            day,
            exercise,
            "too_hard",
            f"Form slipped at {REPS_MIN} reps two sessions "
            f"running: {self.name(exercise)} makes way for an easier option.",
        )

    def too_painful(self, day: dt.date, exercise: str, worst: int) -> None:
        if self.blocked.get(exercise) == "too_painful":
            return
        self.blocked[exercise] = "too_painful"
        self.revision += 1
        self.tracks.pop(exercise, None)
        self.note(
            day,
            exercise,
            "too_painful",
            f"A set of {self.name(exercise)} hurt {worst}/10 "
            "(above 5): it leaves your programme; we never prescribe what hurts.",
        )

    def jumping_allowed(self) -> bool:
        """Jumps only while both the usual pain and this morning's stay at 3 or less."""
        latest = self.checkins[-1].morning_pain if self.checkins else self.profile.pain.intensity
        return max(self.typical_pain(), latest) <= IMPACT_MAX_PAIN

    def typical_pain(self) -> float:
        recent = [c.morning_pain for c in self.checkins[-BASELINE_CHECKINS:]]
        return statistics.median(recent) if recent else float(self.profile.pain.intensity)


def replay(profile: Profile, history: History) -> Progress:
    """Take the events in date order, a day's check-ins before its sessions.
    `history` must already be cut at today and put in canonical order (History.until)."""
    catalog = load_catalog()
    ctx = Context(
        catalog=catalog,
        kit=profile.kit,
        painful_moves=painful_moves(profile.pain.worse_with),
        outdoor=profile.setting == "outdoor",
        impact_ok=profile.pain.intensity <= IMPACT_MAX_PAIN,
        abilities=profile.abilities,
    )
    state = _Replay(profile=profile, catalog=catalog, ctx=ctx)
    state.refresh(None)
    events: list[tuple[dt.date, int, Checkin | Session]] = [
        (c.date, 0, c) for c in history.checkins
    ] + [(s.date, 1, s) for s in history.sessions]
    # sorted() is stable and History.until already ordered each list, so ties keep that order.
    timeline: list[tuple[dt.date, dict[str, int]]] = []
    for day, _order, event in sorted(events, key=lambda e: (e[0], e[1])):
        if isinstance(event, Checkin):
            state.checkin(event)
        else:
            state.session(event)
        targets = {e: t.target for e, t in state.tracks.items()}
        if timeline and timeline[-1][0] == day:
            timeline[-1] = (day, targets)
        elif not timeline or timeline[-1][1] != targets:
            timeline.append((day, targets))
    wanted = state.wanted()
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
        timeline=timeline,
    )
