"""Today's session cut to the runner's minutes (DESIGN section 2, 'Time'): strength first,
then mobility, the post-run stretches and the extras while time is left; what is cut is
named, with where it went."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from backstride.core.plan import Block, SessionItem, TodaySession
from backstride.core.setbacks import the
from backstride.core.time_budget import Offer

BLOCK_ORDER: tuple[Block, ...] = ("strength", "mobility", "stretches", "extras")
# Where each block's exercises go when they do not fit (the strength block takes turns).
LEFT_OUT: dict[Block, str] = {
    "mobility": "No time today for {names}: do them at any other time, on their own or "
    "after a run.",
    "stretches": "Do {names} after your run instead, while you are still warm.",
    "extras": "Optional extras left for a day with more time: {names}.",
}

Picked = list[tuple[Offer, int]]


def fit_session(offers: Sequence[Offer], budget_minutes: int, turn: int) -> TodaySession:
    """Today's session within `budget_minutes`: the strength block first, then the other
    blocks in order, each exercise whole while it fits. `turn` (the strength sessions
    logged before today) says which strength exercises lead when not all of them fit, so
    that consecutive sessions take turns and a given history and day give one answer."""
    budget = budget_minutes * 10
    ordered = sorted(offers, key=lambda o: BLOCK_ORDER.index(o.block))
    strength = [o for o in ordered if o.block == "strength"]
    others = [o for o in ordered if o.block != "strength"]
    picked = _strength_turn(strength, budget, turn)
    left = budget - sum(o.cost(sets) for o, sets in picked)
    for offer in others:
        if offer.cost() <= left:
            picked.append((offer, offer.dose.sets))
            left -= offer.cost()
    if not picked and others:
        # Never less than one exercise: the first, with fewer sets if need be.
        picked = [_fewer_sets(others[0], budget)]
    return _session(ordered, picked, budget_minutes)


def _strength_turn(strength: Sequence[Offer], budget: int, turn: int) -> Picked:
    """As many strength exercises as fit whole, taking turns; when not even one fits
    whole, one of them with fewer sets (never below one)."""
    for count in range(len(strength), 0, -1):
        chosen = _in_turn(strength, count, turn)
        if sum(o.cost() for o in chosen) <= budget:
            return [(o, o.dose.sets) for o in chosen]
    if not strength:
        return []
    return [_fewer_sets(strength[turn % len(strength)], budget)]


def _in_turn(items: Sequence[Offer], count: int, turn: int) -> list[Offer]:
    """`count` of the items, starting where the previous session's `count` ended, kept in
    plan order: with 2 of 4, sessions alternate between the first two and the last two."""
    start = (turn * count) % len(items)
    return [items[p] for p in sorted((start + i) % len(items) for i in range(count))]


def _fewer_sets(offer: Offer, budget: int) -> tuple[Offer, int]:
    # One set of any exercise fits the shortest session (5 minutes): a test holds the
    # catalog to it, so the floor of one set never runs over.
    sets = offer.dose.sets
    while sets > 1 and offer.cost(sets) > budget:
        sets -= 1
    return offer, sets


def _session(offers: Sequence[Offer], picked: Picked, budget_minutes: int) -> TodaySession:
    sets = {o.id: n for o, n in picked}
    items = [
        SessionItem(id=o.id, block=o.block, minutes=o.cost(sets[o.id]) / 10, sets=sets[o.id])
        for o in offers
        if o.id in sets
    ]
    total = sum(o.cost(n) for o, n in picked)
    fits = all(sets.get(o.id) == o.dose.sets for o in offers)
    return TodaySession(
        # Whole minutes, half up: never above the budget, since the total is not.
        minutes=(total + 5) // 10,
        fits=fits,
        note=None if fits else cut_note(offers, sets, budget_minutes),
        items=items,
    )


def cut_note(offers: Sequence[Offer], sets: Mapping[str, int], budget_minutes: int) -> str:
    """What was cut, why, and where it went, in the runner's words."""
    parts: list[str] = []
    strength = [o for o in offers if o.block == "strength"]
    today = [o for o in strength if o.id in sets]
    fewer = [o for o in offers if o.id in sets and sets[o.id] < o.dose.sets]
    if today and len(today) < len(strength):
        parts.append(
            f"Your {budget_minutes} minutes hold {len(today)} of your {len(strength)} "
            "strength exercises, so they take turns from one session to the next. "
            f"Today: {_and([_with_sets(o, sets) for o in today])}."
        )
        fewer = [o for o in fewer if o not in today]
    parts += [f"To fit your {budget_minutes} minutes: {_with_sets(o, sets)}." for o in fewer]
    for block, where in LEFT_OUT.items():
        missed = [o for o in offers if o.block == block and o.id not in sets]
        if missed:
            parts.append(where.format(names=names(missed)))
    return " ".join(parts)


def _with_sets(offer: Offer, sets: Mapping[str, int]) -> str:
    """'the dead bug', or 'the dead bug, 2 of its 3 sets' when its sets were cut."""
    name = the(offer.name)
    cut = sets[offer.id] < offer.dose.sets
    return f"{name} ({sets[offer.id]} of its {offer.dose.sets} sets)" if cut else name


def names(offers: Sequence[Offer]) -> str:
    """'the cat-cow, the cobra and the supine twist'."""
    return _and([the(o.name) for o in offers])


def _and(words: Sequence[str]) -> str:
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} and {words[-1]}"
