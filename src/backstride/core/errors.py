"""Bad input as data: each problem names its field and says what is wrong, in plain words;
each edge (the CLI, the API, the forms) renders the list its own way."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, NamedTuple, TypeVar

from pydantic import BaseModel, ValidationError

M = TypeVar("M", bound=BaseModel)


class Problem(NamedTuple):
    """One thing wrong with the input. `field` is where (a path such as 'pain.intensity',
    an option such as '--today'), or "" for the input as a whole."""

    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.field}: {self.message}" if self.field else self.message


class InputError(Exception):
    """Bad input from the runner: one Problem per thing to put right."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = tuple(problems)
        # web/ and cli/ are not under mypy --strict yet: a "field: message" string, the old
        # form, fails here at once instead of reaching a page or the API unstructured.
        if not all(isinstance(p, Problem) for p in self.problems):
            raise TypeError("InputError takes Problem(field, message) items")
        super().__init__("; ".join(map(str, self.problems)))


def as_lines(problems: Iterable[Problem], labels: Mapping[str, str] | None = None) -> list[str]:
    """Each problem as one line, 'field: message', the field under its label where `labels`
    has one; a problem with the whole input is its message alone."""
    names = labels or {}
    return [str(Problem(names.get(p.field, p.field), p.message)) for p in problems]


SHOWN_CHARS = 60


def shown(value: object) -> str:
    """The offending value as it was typed, cut short: a message must stay one line."""
    text = repr(value)
    return text if len(text) <= SHOWN_CHARS else f"{text[: SHOWN_CHARS - 3]}..."


def field_path(loc: Sequence[int | str]) -> str:
    path = ""
    for part in loc:
        path += f"[{part}]" if isinstance(part, int) else (f".{part}" if path else str(part))
    return path


def problem(error: Any) -> str:
    """What is wrong with one field, in plain words."""
    kind, ctx = error["type"], error.get("ctx") or {}
    # Some callers (Django Ninja) leave the offending value out; then so do we.
    got = f", got {shown(error['input'])}" if "input" in error else ""
    simple = {
        "missing": "is required",
        "extra_forbidden": "is not a known field (check the spelling)",
        "int_type": f"must be a whole number{got}",
        "int_parsing": f"must be a whole number{got}",
        "float_parsing": f"must be a number{got}",
        "float_type": f"must be a number{got}",
        "bool_type": f"must be true or false{got}",
        "string_type": f"must be text{got}",
        "model_type": "must be a JSON object",
        "dict_type": "must be a JSON object",
        "list_type": "must be a list",
        "tuple_type": "must be a list",
    }
    if kind in simple:
        return simple[kind]
    if kind == "literal_error":
        return f"must be one of {ctx.get('expected')}{got}"
    bounds = {
        "greater_than_equal": ("at least", "ge"),
        "greater_than": ("more than", "gt"),
        "less_than_equal": ("at most", "le"),
        "less_than": ("less than", "lt"),
    }
    if kind in bounds:
        words, key = bounds[kind]
        return f"must be {words} {ctx.get(key)}{got}"
    if kind == "too_short":
        return f"needs at least {ctx.get('min_length')} item(s)"
    if kind == "too_long":
        return f"allows at most {ctx.get('max_length')} item(s)"
    message = str(error["msg"])
    return message.removeprefix("Value error, ")


def describe(error: ValidationError, prefix: str = "") -> list[Problem]:
    """One problem per failed field, e.g. ('pain.intensity', 'must be at most 10, got 12');
    the field is "" when the input as a whole is wrong (a list where an object belongs)."""
    errors = error.errors()
    problems = []
    for item in errors:
        if item["type"] == "too_short" and has_item_errors(item["loc"], errors):
            continue  # pydantic also counts the failed items as missing; one message is enough
        path = field_path([prefix, *item["loc"]] if prefix else item["loc"])
        problems.append(Problem(path, problem(item)))
    return problems


def has_item_errors(loc: Sequence[int | str], errors: Sequence[Any]) -> bool:
    """True when an item inside `loc` failed too (pydantic then also reports the list)."""
    n = len(loc)
    return any(len(e["loc"]) > n and tuple(e["loc"][:n]) == tuple(loc) for e in errors)


def parse_json(text: str, what: str) -> Any:
    if not text.strip():
        raise InputError([Problem(what, "is empty; expected a JSON object")])
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        where = f"line {error.lineno}, column {error.colno}: {error.msg}"
        raise InputError([Problem(what, f"is not valid JSON ({where})")]) from None
    except (RecursionError, ValueError):
        # Nesting thousands deep, or a number with thousands of digits: refused, not a crash.
        raise InputError(
            [Problem(what, "is too deeply nested or holds a number too long")]
        ) from None


def validate(model: type[M], data: Any, prefix: str = "") -> M:
    """Validate data against a model, raising InputError with a problem per failed field."""
    try:
        return model.model_validate(data)
    except ValidationError as error:
        raise InputError(describe(error, prefix)) from None
