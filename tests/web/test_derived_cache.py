"""The derived-state cache is never read as a fact (DESIGN section 6): after any sequence of
writes, the cached assessment (from the worker's memory or from the shared cache) equals a
fresh derivation from what is stored, and emptying the cache changes nothing a runner sees."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any

import pytest
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from backstride.core.assessment import Assessment, assess
from backstride.core.history import Checkin, History, ItemLog, Run, Session, SetLog
from backstride.core.session_flow import todays_steps
from backstride.web.accounts.models import User
from backstride.web.coach import derived, selectors, services
from tests.factories import make_profile
from tests.web.helpers import runner

pytestmark = pytest.mark.django_db
# The server's today: a set logged on it leaves the base version (all but today's sets) as it was.
TODAY = timezone.localdate()
EXERCISES = ("superman", "dead_bug", "single_leg_balance_reach", "high_plank_leg_lift")
days = st.integers(min_value=-20, max_value=0).map(lambda n: TODAY + dt.timedelta(days=n))
pains = st.integers(min_value=0, max_value=10)
flags = st.sampled_from([(), (), (), ("night_pain",), ("fever_or_unwell",)])
set_logs = st.builds(
    SetLog,
    exercise=st.sampled_from(EXERCISES),
    reps=st.integers(min_value=1, max_value=15),
    pain=pains,
    form=st.sampled_from(["good", "good", "poor"]),
)
item_logs = st.builds(
    ItemLog,
    exercise=st.sampled_from([*EXERCISES, "cat_cow", "back_stretch", "supine_twist"]),
    outcome=st.sampled_from(["done", "skipped"]),
)
Write = Callable[[User], Any]


def _set(user: User, set_log: SetLog, number: int | None) -> None:
    found = derived.assessment_of(user, TODAY)
    plan = found.day_start.plan if found else None
    if plan is not None:
        services.add_set(
            user=user,
            day=TODAY,
            items=plan.strength.exercises,
            set_log=set_log,
            set_number=number,
        )


def _item(user: User, item: ItemLog) -> None:
    """Done or skipped in today's guided session (refused when not in it: no write)."""
    found = derived.assessment_of(user, TODAY)
    plan = found.day_start.plan if found else None
    if plan is not None:
        sent = [(item.exercise, item.outcome)]
        services.add_items(user=user, day=TODAY, steps=todays_steps(plan), sent=sent)


def _feeling(user: User, feeling: int) -> None:
    services.rate_session(user=user, day=TODAY, feeling=feeling)


def _delete_first(user: User, kind: str) -> None:
    row = selectors.own_rows(user, kind).first()
    if row is not None:
        services.delete_entry(user=user, kind=kind, item_id=row.id)


def _edit_first_checkin(user: User, pain: int) -> None:
    row = selectors.own_rows(user, "checkin").first()
    if row is not None:
        entry = selectors.checkin_model(row).model_copy(update={"morning_pain": pain})
        services.update_checkin(row=row, checkin=entry)


writes: st.SearchStrategy[Write] = st.one_of(
    st.builds(
        lambda d, p, f: (
            lambda u: services.add_checkin(
                user=u, checkin=Checkin(date=d, morning_pain=p, red_flags=f)
            )
        ),
        days,
        pains,
        flags,
    ),
    st.builds(
        lambda d, km, p: (
            lambda u: services.add_run(
                user=u, run=Run(date=d, km=km, minutes=km * 6, pain_during=p)
            )
        ),
        days,
        st.integers(min_value=1, max_value=25),
        pains,
    ),
    st.builds(
        lambda d, s, f, i: (
            lambda u: services.add_session(
                user=u, session=Session(date=d, sets=s, feeling_after=f, items=i)
            )
        ),
        days,
        st.lists(set_logs, min_size=1, max_size=6).map(tuple),
        st.none() | pains,
        st.lists(item_logs, max_size=3).map(tuple),
    ),
    # A session of mobility alone: no strength session for the programme.
    st.builds(
        lambda d, i: (
            lambda u: services.add_session(user=u, session=Session(date=d, sets=(), items=i))
        ),
        days,
        st.lists(item_logs, min_size=1, max_size=3).map(tuple),
    ),
    st.builds(lambda s, n: lambda u: _set(u, s, n), set_logs, st.none() | st.integers(1, 3)),
    st.builds(lambda i: lambda u: _item(u, i), item_logs),
    st.builds(lambda f: lambda u: _feeling(u, f), pains),
    st.builds(
        lambda i: (
            lambda u: services.save_profile(user=u, profile=make_profile(pain={"intensity": i}))
        ),
        pains,
    ),
    st.builds(
        lambda k: lambda u: _delete_first(u, k), st.sampled_from(["session", "checkin", "run"])
    ),
    st.builds(lambda p: lambda u: _edit_first_checkin(u, p), pains),
    st.builds(
        lambda d, p: (
            lambda u: services.import_data(
                user=u,
                profile=None,
                history=History(checkins=(Checkin(date=d, morning_pain=p),)),
            )
        ),
        days,
        pains,
    ),
)


def fresh(user: User) -> Assessment | None:
    profile = selectors.profile_of(user)
    return assess(profile, selectors.history_of(user), TODAY) if profile else None


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(st.lists(writes, min_size=1, max_size=8))
def test_the_cached_assessment_always_equals_a_fresh_one(sequence: list[Write]) -> None:
    _, user = runner()
    for write in sequence:
        # Cached entries a missed version bump would leave behind.
        derived.assessment_of(user, TODAY)
        derived.day_start_of(user, TODAY)
        write(user)
        expected = fresh(user)
        start = expected.day_start if expected else None
        assert derived.assessment_of(user, TODAY) == expected  # derived, or this worker's
        assert derived.day_start_of(user, TODAY) == start
        derived.forget_local()
        assert derived.day_start_of(user, TODAY) == start  # from the shared cache
        assert derived.assessment_of(user, TODAY) == expected
        derived.forget_all()
        assert derived.day_start_of(user, TODAY) == start  # derived again
        assert derived.assessment_of(user, TODAY) == expected


def test_every_kind_of_write_gives_the_facts_a_new_version() -> None:
    _, user = runner()
    one = SetLog(exercise="superman", reps=8, pain=1, form="good")
    writes: list[Write] = [
        lambda u: services.add_checkin(user=u, checkin=Checkin(date=TODAY, morning_pain=2)),
        lambda u: services.add_run(user=u, run=Run(date=TODAY, km=5, minutes=30)),
        lambda u: services.add_session(user=u, session=Session(date=TODAY, sets=(one,))),
        lambda u: _set(u, one, None),
        lambda u: _item(u, ItemLog(exercise="dead_bug", outcome="skipped")),
        lambda u: _feeling(u, 3),
        lambda u: _edit_first_checkin(u, 4),
        lambda u: services.save_profile(user=u, profile=make_profile()),
        lambda u: services.import_data(
            user=u, profile=None, history=History(checkins=(Checkin(date=TODAY, morning_pain=1),))
        ),
        lambda u: _delete_first(u, "session"),
        lambda u: _delete_first(u, "checkin"),
        lambda u: _delete_first(u, "run"),
    ]
    seen = {selectors.data_version_of(user)}
    for write in writes:
        write(user)
        version = selectors.data_version_of(user)
        assert version not in seen
        seen.add(version)


def test_a_set_logged_today_keeps_the_base_version_and_any_other_write_changes_it() -> None:
    _, user = runner()
    one = SetLog(exercise="superman", reps=8, pain=1, form="good")
    version, base = selectors.versions_of(user)
    _set(user, one, 1)
    after = selectors.versions_of(user)
    assert after[0] != version and after[1] == base
    services.add_checkin(user=user, checkin=Checkin(date=TODAY, morning_pain=2))
    assert selectors.versions_of(user)[1] != base
    yesterday = TODAY - dt.timedelta(days=1)
    found = derived.assessment_of(user, TODAY)
    assert found is not None and found.plan is not None
    items = found.plan.strength.exercises
    base = selectors.versions_of(user)[1]
    services.add_set(user=user, day=yesterday, items=items, set_log=one, set_number=None)
    assert selectors.versions_of(user)[1] != base


def test_an_item_or_a_feeling_of_today_keeps_the_base_version() -> None:
    _, user = runner()
    _set(user, SetLog(exercise="superman", reps=8, pain=1, form="good"), 1)
    base = selectors.versions_of(user)[1]
    _item(user, ItemLog(exercise="dead_bug", outcome="skipped"))
    _feeling(user, 2)
    assert selectors.versions_of(user)[1] == base
    assert selectors.history_of(user).sessions[0].feeling_after == 2


def test_the_key_changes_with_the_day_and_the_runner() -> None:
    assert derived.key_of(1, "v", TODAY) != derived.key_of(1, "v", TODAY + dt.timedelta(days=1))
    assert derived.key_of(1, "v", TODAY) != derived.key_of(2, "v", TODAY)
    assert derived.code_version() in derived.key_of(1, "v", TODAY)


# The CSRF token is masked afresh on every page; it is no derived state.
CSRF = re.compile(rb'(name="csrfmiddlewaretoken" value="|"X-CSRFToken": ")[^"]+"')


@pytest.mark.parametrize(
    "path",
    ["/plan/", "/progress/", "/session/", "/exercises/superman/", "/progress/chart/load.svg"],
)
def test_emptying_the_cache_changes_nothing_a_runner_sees(path: str) -> None:
    client, user = runner()
    services.add_checkin(user=user, checkin=Checkin(date=dt.date.today(), morning_pain=2))
    first = client.get(path)
    again = client.get(path)
    derived.forget_all()
    after = client.get(path)
    assert first.status_code == again.status_code == after.status_code == 200
    assert CSRF.sub(b"", first.content) == CSRF.sub(b"", after.content)
    assert CSRF.sub(b"", again.content) == CSRF.sub(b"", after.content)
