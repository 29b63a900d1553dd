"""The same answers through `backstride intake` and the web check-in give the same profile
and, with the same later check-ins, the same triage (DESIGN section 3)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from backstride.cli.main import app
from backstride.core.history import Checkin
from backstride.core.inputs import profile_from_json
from backstride.core.profile import Profile
from backstride.core.questions import WARNING_SIGNS, follow_ups
from backstride.core.triage import Triage, triage
from backstride.core.vocab import INFLAMMATORY_SIGNS
from backstride.web.coach import selectors
from tests.factories import profile_data
from tests.web.helpers import runner_without_profile

pytestmark = pytest.mark.django_db

# The factories' calm runner; its keys are in the order the questions ask them.
PAIN: dict[str, Any] = dict(profile_data()["pain"])
ABOUT: dict[str, Any] = {
    "age": 35,
    "level": "intermediate",
    "weekly_km": 30,
    "runs_per_week": 3,
    "equipment": ["mat"],
    "setting": "indoor",
    "minutes_per_session": 30,
    "strength_days_per_week": 3,
}
SEEN = dt.date.today() - dt.timedelta(days=2)
LATER = dt.date.today() - dt.timedelta(days=1)


def _yn(value: bool) -> str:
    return "y" if value else "n"


def _cli_text(value: Any) -> str:
    if isinstance(value, bool):
        return _yn(value)
    if isinstance(value, list):
        return ",".join(value)
    return str(value)


def _cli_profile(tmp_path: Path, case: dict[str, Any]) -> Profile:
    lines = [_yn(q.code in case["flags"]) for q in WARNING_SIGNS]
    lines += [_cli_text(v) for v in case["pain"].values()]
    lines += [_cli_text(v) for v in case["about"].values()]
    lines += [_yn(s in case["signs"]) for s in INFLAMMATORY_SIGNS if case["asked"]]
    if case["seen"]:
        lines += ["y", SEEN.isoformat(), "Dr Rao", *["y"] * case["seen"]]
    elif case["held"]:
        lines.append("n")
    out = tmp_path / "profile.json"
    result = CliRunner().invoke(app, ["intake", "--out", str(out)], input="\n".join(lines) + "\n")
    assert result.exit_code == 0, result.stdout
    return profile_from_json(out.read_text())


def _web_text(value: Any) -> Any:
    if isinstance(value, bool):
        return "yes" if value else "no"
    return value if isinstance(value, list) else str(value)


def _web_profile(case: dict[str, Any]) -> Profile:
    client, user = runner_without_profile()
    client.post("/check-in/1/", {q.code: _web_text(q.code in case["flags"]) for q in WARNING_SIGNS})
    client.post("/check-in/2/", {k: _web_text(v) for k, v in case["pain"].items()})
    client.post("/check-in/3/", {k: _web_text(v) for k, v in case["about"].items()})
    if case["asked"]:
        client.post("/check-in/4/", {s: _web_text(s in case["signs"]) for s in INFLAMMATORY_SIGNS})
    if case["seen"]:
        covers = [r.code for r in triage(_stored(user)).reasons]
        data = {"on": SEEN.isoformat(), "by": "Dr Rao", "covers": covers}
        assert client.post("/check-in/see-a-doctor/", data).status_code == 302
    return _stored(user)


def _stored(user: Any) -> Profile:
    profile = selectors.profile_of(user)
    assert profile is not None
    return profile


def _same(a: Triage, b: Triage) -> None:
    assert a.model_dump() == b.model_dump()


CASES = {
    "calm": {"flags": [], "held": False, "seen": 0},
    "one-leg numbness, cleared, then night pain": {
        "flags": ["leg_pain_with_numbness_or_tingling"],
        "held": True,
        "seen": 1,
        "later": ("night_pain",),
    },
    "fever, cleared, then fever again": {
        "flags": ["fever_or_unwell"],
        "held": True,
        "seen": 1,
        "later": ("fever_or_unwell",),
    },
    "severe unrelenting pain, not seen": {
        "flags": [],
        "held": True,
        "seen": 0,
        "pain": {"intensity": 8, "eases_with_rest": False},
    },
    "long pain before 45 with four inflammatory signs": {
        "flags": [],
        "held": False,
        "seen": 0,
        "pain": {"weeks": 20, "trend": "better"},
        "signs": list(INFLAMMATORY_SIGNS[:4]),
    },
    "a fall at 70": {
        "flags": ["minor_fall_or_strain"],
        "held": True,
        "seen": 1,
        "about": {"age": 70},
        "later": ("minor_fall_or_strain",),
    },
}


@pytest.mark.parametrize("name", CASES)
def test_the_cli_and_the_web_give_the_same_profile_and_triage(tmp_path: Path, name: str) -> None:
    spec = CASES[name]
    case = {
        **spec,
        "pain": {**PAIN, **spec.get("pain", {})},
        "about": {**ABOUT, **spec.get("about", {})},
        "signs": spec.get("signs", []),
    }
    case["asked"] = bool(follow_ups(case["about"]["age"], case["pain"]["weeks"]))
    by_cli, by_web = _cli_profile(tmp_path, case), _web_profile(case)
    assert json.dumps(by_cli.model_dump(mode="json"), sort_keys=True) == json.dumps(
        by_web.model_dump(mode="json"), sort_keys=True
    )
    assert (by_web.clearance is not None) is bool(spec["seen"])
    today = dt.date.today()
    assert (triage(by_web, (), today).level != "self_manage") is (spec["held"] and not spec["seen"])
    _same(triage(by_cli, (), today), triage(by_web, (), today))
    later = [Checkin(date=LATER, morning_pain=2, red_flags=spec.get("later", ()))]  # type: ignore[arg-type]
    _same(triage(by_cli, later, today), triage(by_web, later, today))
    if spec.get("later"):
        assert triage(by_web, later, today).level != "self_manage"
