"""The guided session, one item at a time: today's strength sets, then mobility, the
post-run stretches and the optional extras. What comes next, what a resend is, what a
skip means and what is refused."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import Literal, cast

from backstride.core.errors import Problem
from backstride.core.history import ItemLog, Outcome, SetLog
from backstride.core.plan import Block, DoseItem, Plan, StrengthItem
from backstride.core.vocab import ACCEPTABLE_PAIN

Decided = Literal["store", "resend", "refused"]
OUTCOMES: tuple[Outcome, ...] = ("done", "skipped")
# The pain scale the app uses everywhere: 0 no pain, 10 the worst you can imagine.
FEELING_MAX = 10


@dataclass(frozen=True)
class Step:
    """One item of today's session with its entry in the plan; `sets` are the sets offered
    today, which may be fewer than the plan's when the session was cut to fit."""

    block: Block
    sets: int
    item: StrengthItem | DoseItem

    @property
    def id(self) -> str:
        return self.item.id

    @property
    def name(self) -> str:
        return self.item.name

    @property
    def is_strength(self) -> bool:
        return isinstance(self.item, StrengthItem)

    @property
    def optional(self) -> bool:
        return self.block == "extras"

    @property
    def hold_seconds(self) -> int | None:
        """The hold of an item dosed as a hold alone (a stretch): it gets the timer. A hold
        within each rep (the cobra's 5 s) is part of the reps."""
        if isinstance(self.item, DoseItem) and self.item.reps_min is None:
            return self.item.hold_seconds
        return None


def todays_steps(plan: Plan) -> list[Step]:
    """Today's session in the plan's order (strength, mobility, stretches, extras), each
    item with its plan entry; an id the plan's blocks do not hold is left out."""
    entries: dict[str, StrengthItem | DoseItem] = {e.id: e for e in plan.strength.exercises}
    for dose in [*plan.mobility.exercises, *plan.extras]:
        entries.setdefault(dose.id, dose)
    return [
        Step(item.block, item.sets, entries[item.id])
        for item in plan.session.items
        if item.id in entries
    ]


def strength_items(steps: Sequence[Step]) -> list[StrengthItem]:
    """The strength exercises of today's session, each with the sets offered today: only
    they take sets, and no more than that many."""
    return [
        s.item.model_copy(update={"sets": s.sets})
        for s in steps
        if isinstance(s.item, StrengthItem)
    ]


def stops_exercise(set_log: SetLog) -> bool:
    """A set above 5/10 pain ends that exercise for the day."""
    return set_log.pain > ACCEPTABLE_PAIN


@dataclass(frozen=True)
class StepState:
    """A step with what was saved for it today."""

    step: Step
    sets: tuple[SetLog, ...]
    outcome: Outcome | None

    @property
    def stopped(self) -> bool:
        return any(stops_exercise(s) for s in self.sets)

    @property
    def finished(self) -> bool:
        """Behind the runner: done or skipped, stopped by pain, or every set offered saved."""
        if self.outcome is not None or self.stopped:
            return True
        return self.step.is_strength and len(self.sets) >= self.step.sets

    @property
    def status(self) -> Literal["to_do", "done", "skipped", "stopped"]:
        if self.stopped:
            return "stopped"
        if self.outcome == "skipped":
            return "skipped"
        return "done" if self.finished else "to_do"

    @property
    def set_number(self) -> int:
        return len(self.sets) + 1

    @property
    def stop_reason(self) -> str:
        worst = max((s.pain for s in self.sets), default=0)
        return (
            f"A set hurt {worst}/10, above {ACCEPTABLE_PAIN}: stop {self.step.name} for today. "
            "It leaves your plan and an easier or different exercise takes its place next time."
        )


@dataclass(frozen=True)
class Guide:
    """Where today's session stands: every step in order, with what was saved for it."""

    states: tuple[StepState, ...]

    @property
    def next(self) -> StepState | None:
        """The first step not behind the runner yet; None when the session is over."""
        return next((s for s in self.states if not s.finished), None)

    @property
    def finished(self) -> bool:
        return self.next is None

    @property
    def stopped(self) -> list[StepState]:
        return [s for s in self.states if s.stopped]

    def in_block(self, state: StepState) -> tuple[int, int]:
        """The step's place in its block, and the block's size."""
        same = [s for s in self.states if s.step.block == state.step.block]
        return same.index(state) + 1, len(same)

    @property
    def ahead(self) -> list[StepState]:
        """The steps still to do, in the order they come: each comes next once every step
        before it is behind the runner (the page goes on through them with no signal)."""
        return [s for s in self.states if not s.finished]

    def optional_left(self, at: StepState | None = None) -> list[str]:
        """The extras still ahead when `at` (by default the next step) comes next and is
        one of them: only they are left, and they may all be left out."""
        upcoming = at or self.next
        if upcoming is None or not upcoming.step.optional:
            return []
        left = self.ahead
        return [s.step.id for s in left[left.index(upcoming) :]] if upcoming in left else []


def guide(steps: Sequence[Step], sets: Sequence[SetLog], items: Sequence[ItemLog]) -> Guide:
    """Today's steps with the sets and outcomes saved today. An exercise's first outcome
    stands; sets are counted against the sets offered."""
    outcomes: dict[str, Outcome] = {}
    for item in items:
        outcomes.setdefault(item.exercise, item.outcome)
    return Guide(
        tuple(
            StepState(
                step,
                tuple(s for s in sets if s.exercise == step.id) if step.is_strength else (),
                outcomes.get(step.id),
            )
            for step in steps
        )
    )


@dataclass(frozen=True)
class Decision:
    """What to do with one thing sent from the guided session: store it, recognise it as a
    resend of what is already stored (store nothing, answer as before), or refuse it with
    the problems to show."""

    outcome: Decided
    problems: tuple[Problem, ...] = ()


@dataclass(frozen=True)
class SetDecision(Decision):
    """A set's decision; `stops`: its pain ends the exercise for today."""

    stops: bool = False

    def note(self, set_log: SetLog) -> str | None:
        """What the runner is told when the set ends the exercise."""
        return stop_note(set_log.pain) if self.stops else None


def stop_note(pain: int | str) -> str:
    """What the runner is told when a set's pain ends its exercise; `pain` may be a
    placeholder that a page fills in (the session page with no signal)."""
    return f"Pain {pain}/10 is above {ACCEPTABLE_PAIN}: that exercise stops here."


NOT_TODAY = Problem("exercise", "is not in today's session, so the set was not saved")
STOPPED = Problem("exercise", "has stopped for today after a set above 5/10 pain; not saved")
BAD_NUMBER = Problem("set_number", "must be 1 or more")
NOT_AN_ITEM = Problem("exercise", "is not in today's session, so nothing was saved")
BAD_OUTCOME = Problem("outcome", "must be done or skipped, so nothing was saved")
EXTRAS_TOGETHER = Problem(
    "exercise", "only the optional extras still ahead can be left out together; nothing was saved"
)
SETS_ONE_BY_ONE = Problem(
    "outcome", "a strength exercise is done set by set: save each set, or skip it"
)
ALL_SETS_SAVED = Problem(
    "set_number", "today's session has no more sets of this exercise: they are all saved"
)
SKIPPED = Problem(
    "exercise", "you skipped this exercise today, so it takes no sets until your next session"
)
BAD_FEELING = Problem(
    "feeling_after", "choose a number from 0 (no pain) to 10 (the worst you can imagine)"
)
NOTHING_TO_RATE = Problem(
    "feeling_after", "nothing is saved today yet, so there is no session to go with it"
)


def decide_set(
    items: Sequence[StrengthItem],
    logged: Sequence[SetLog],
    set_log: SetLog,
    set_number: int | None,
    skipped: Collection[str] = (),
) -> SetDecision:
    """The whole rule for one set: only today's exercises take sets; a set number already
    stored is a resend; an exercise stopped by a painful set, or skipped, takes no more
    today (a skip promised that nothing is logged for it)."""
    if set_number is not None and set_number < 1:
        return SetDecision("refused", problems=(BAD_NUMBER,))
    item = next((i for i in items if i.id == set_log.exercise), None)
    if item is None:
        return SetDecision("refused", problems=(NOT_TODAY,))
    if not is_new_set(set_log, set_number, logged):
        # Answered as the first copy was, so a retry after a lost answer reads the same.
        return SetDecision("resend", stops=stops_exercise(set_log))
    if set_number is not None and set_number > item.sets:
        return SetDecision("refused", problems=(ALL_SETS_SAVED,))
    if any(s.exercise == set_log.exercise and stops_exercise(s) for s in logged):
        return SetDecision("refused", problems=(STOPPED,))
    if set_log.exercise in skipped:
        return SetDecision("refused", problems=(SKIPPED,))
    return SetDecision("store", stops=stops_exercise(set_log))


def is_new_set(set_log: SetLog, set_number: int | None, logged: Sequence[SetLog]) -> bool:
    """A set number already saved for this exercise today is the same set sent again (a
    retry after a lost connection), not a new one; a set without a number is always new."""
    already = sum(1 for s in logged if s.exercise == set_log.exercise)
    return set_number is None or set_number > already


def decide_item(current: Guide, exercise: str, outcome: str) -> Decision:
    """Done or skipped for one item of today's session. An item already behind the runner
    keeps its first outcome: anything sent for it again is a resend (a double tap, a retry
    after a lost connection). A strength exercise is done by its sets, so it only takes a
    skip, which logs nothing for it today: no sets, so its target stays as it is."""
    if outcome not in OUTCOMES:
        return Decision("refused", (BAD_OUTCOME,))
    state = next((s for s in current.states if s.step.id == exercise), None)
    if state is None:
        return Decision("refused", (NOT_AN_ITEM,))
    if state.finished:
        return Decision("resend")
    if state.step.is_strength and outcome == "done":
        return Decision("refused", (SETS_ONE_BY_ONE,))
    return Decision("store")


def decide_items(
    steps: Sequence[Step],
    sets: Sequence[SetLog],
    items: Sequence[ItemLog],
    sent: Sequence[tuple[str, str]],
) -> list[Decision]:
    """Several outcomes sent at once (leaving out all the optional extras), each decided
    after the ones before it; one refused refuses them all, so nothing is stored."""
    if len(sent) > 1:
        left = set(guide(steps, sets, items).optional_left())
        if any(outcome != "skipped" or exercise not in left for exercise, outcome in sent):
            return [Decision("refused", (EXTRAS_TOGETHER,)) for _ in sent]
    decisions: list[Decision] = []
    so_far = list(items)
    for exercise, outcome in sent:
        decision = decide_item(guide(steps, sets, so_far), exercise, outcome)
        decisions.append(decision)
        if decision.outcome == "store":
            # Stored only as done or skipped, which decide_item has checked.
            so_far.append(
                ItemLog.model_construct(exercise=exercise, outcome=cast(Outcome, outcome))
            )
    if any(d.outcome == "refused" for d in decisions):
        problems = tuple(dict.fromkeys(p for d in decisions for p in d.problems))
        return [Decision("refused", problems) for _ in decisions]
    return decisions


def decide_feeling(logged_today: bool, stored: int | None, feeling: int | None) -> Decision:
    """How the back feels at the end, on the app's 0-10 pain scale, stored with today's
    session. The same answer again is a resend; a different one replaces it (the latest
    answer stands). Refused outside 0..10, or with nothing saved today to go with."""
    if feeling is None or not 0 <= feeling <= FEELING_MAX:
        return Decision("refused", (BAD_FEELING,))
    if not logged_today:
        return Decision("refused", (NOTHING_TO_RATE,))
    if stored == feeling:
        return Decision("resend")
    return Decision("store")
