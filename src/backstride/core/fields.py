"""Field types for what runners type in: no silent coercion of '5' to 5 or true to 1."""

from __future__ import annotations

from typing import Annotated, Any, Literal, TypeVar

from pydantic import AfterValidator, BeforeValidator, ConfigDict, Strict, StrictBool

T = TypeVar("T")

Int = Annotated[int, Strict()]
Number = Annotated[float, Strict()]
Bool = StrictBool

# Unknown fields are refused, not ignored: a typo such as "red_flag" must not pass unseen.
INPUT = ConfigDict(extra="forbid", frozen=True)


def unique(items: tuple[T, ...]) -> tuple[T, ...]:
    """Drop repeats, keeping the order of first mention."""
    return tuple(dict.fromkeys(items))


Unique = AfterValidator(unique)


def _whole_one(value: Any) -> Any:
    # Literal[1] alone lets true and 1.0 through, as both equal 1 in Python.
    if type(value) is not int:
        raise ValueError(f"must be the whole number 1, got {value!r:.40}")
    return value


# The file formats' version: only 1 exists so far.
SchemaVersion = Annotated[Literal[1], BeforeValidator(_whole_one)]
