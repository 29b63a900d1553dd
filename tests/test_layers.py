"""Where each kind of code may live (issue 10): the replay only behind the one assessment,
the database only behind the selectors and services, and the pages, the API and the CLI
only asking, never deciding."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "backstride"
COACH = SRC / "web" / "coach"


def modules(*roots: Path) -> Iterator[Path]:
    for root in roots:
        yield from (p for p in sorted(root.rglob("*.py")) if "migrations" not in p.parts)


def called_names(path: Path) -> set[str]:
    """Every name called in the module, as `name(...)` or `thing.name(...)`."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Call):
            func = node.func
            if isinstance(func, ast.Name):
                names.add(func.id)
            elif isinstance(func, ast.Attribute):
                names.add(func.attr)
    return names


def uses_objects(path: Path) -> bool:
    """The module runs ORM queries (`Model.objects...`)."""
    tree = ast.parse(path.read_text())
    return any(isinstance(n, ast.Attribute) and n.attr == "objects" for n in ast.walk(tree))


def short(path: Path) -> str:
    return str(path.relative_to(SRC))


def test_only_the_assessment_replays_the_history() -> None:
    allowed = {"core/assessment.py"}
    callers = {
        short(p)
        for p in modules(SRC)
        if {"replay", "plan_for", "build_programme"} & called_names(p)
    }
    assert callers <= allowed, callers - allowed


def test_the_web_asks_the_cache_not_the_engine() -> None:
    """Pages and the API derive through `derived` (one assessment per request, cached);
    only the stateless engine endpoints assess what they are sent."""
    allowed = {"web/coach/derived.py", "web/api/router.py"}
    callers = {short(p) for p in modules(SRC / "web") if "assess" in called_names(p)}
    assert callers <= allowed, callers - allowed


def test_every_coach_query_lives_in_the_selectors_and_services() -> None:
    allowed = {"web/coach/selectors.py", "web/coach/models.py"}
    querying = {
        short(p)
        for p in modules(COACH, SRC / "web" / "api")
        if uses_objects(p) and "services" not in p.parts
    }
    assert querying <= allowed, querying - allowed


def test_no_edge_triages_on_its_own() -> None:
    """Views, the API and the CLI take the triage from the assessment; only the first
    check-in's steps (before anything is stored) triage the answers just given."""
    allowed = {"web/coach/views/help.py"}
    callers = {
        short(p)
        for p in modules(SRC / "web", SRC / "cli")
        if {"triage", "answers_triage"} & called_names(p)
    }
    assert callers <= allowed, callers - allowed
