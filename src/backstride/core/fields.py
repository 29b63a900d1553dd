"""Field types for what runners type in: no silent coercion of '5' to 5 or true to 1."""

from __future__ import annotations

from typing import Annotated, TypeVar

from pydantic import AfterValidator, ConfigDict, Strict, StrictBool

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
