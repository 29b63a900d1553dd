"""Turns validation errors into short lines a person can act on: the field, then the problem."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

M = TypeVar("M", bound=BaseModel)


class InputError(Exception):
    """Bad input from the runner: each line names a field and what is wrong with it."""

    def __init__(self, lines: Sequence[str]) -> None:
        super().__init__("; ".join(lines))
        self.lines = list(lines)


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


def describe(error: ValidationError, prefix: str = "") -> list[str]:
    """One line per problem, e.g. 'pain.intensity: must be at most 10, got 12'."""
    errors = error.errors()
    lines = []
    for item in errors:
        if item["type"] == "too_short" and has_item_errors(item["loc"], errors):
            continue  # pydantic also counts the failed items as missing; one message is enough
        path = field_path([prefix, *item["loc"]] if prefix else item["loc"])
        lines.append(f"{path or '(top level)'}: {problem(item)}")
    return lines


def has_item_errors(loc: Sequence[int | str], errors: Sequence[Any]) -> bool:
    """True when an item inside `loc` failed too (pydantic then also reports the list)."""
    n = len(loc)
    return any(len(e["loc"]) > n and tuple(e["loc"][:n]) == tuple(loc) for e in errors)


def parse_json(text: str, what: str) -> Any:
    if not text.strip():
        raise InputError([f"{what}: is empty; expected a JSON object"])
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise InputError(
            [f"{what}: is not valid JSON (line {error.lineno}, column {error.colno}: {error.msg})"]
        ) from None
    except (RecursionError, ValueError):
        # Nesting thousands deep, or a number with thousands of digits: refused, not a crash.
        raise InputError([f"{what}: is too deeply nested or holds a number too long"]) from None


def validate(model: type[M], data: Any, prefix: str = "") -> M:
    """Validate data against a model, raising InputError with friendly lines."""
    try:
        return model.model_validate(data)
    except ValidationError as error:
        raise InputError(describe(error, prefix)) from None
