"""Pydantic's validation errors, retold in an organiser's words.

Pydantic speaks of "Input should be a valid dictionary or instance of Contact"; an organiser needs
"expected a mapping (key: value lines)" at the line they wrote. This module finds, for every error,
the place in the data it is about and a plain message with, where possible, the fix.
"""

from __future__ import annotations

import difflib
import types
import typing
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel
from pydantic_core import ErrorDetails

from ..models import ID_PATTERN, SLUG_PATTERN

_DATE = "expected YYYY-MM-DD, e.g. 2026-03-12"
_DATETIME = "expected YYYY-MM-DDTHH:MM with an offset, e.g. 2026-03-12T18:30:00+01:00"
_QUOTE_HINT = "put the value in quotes if it is meant as text"
_PATTERNS = {
    ID_PATTERN: (
        "is not a valid id",
        "use letters, digits, '.', '_' and '-' only, starting with a letter or digit",
    ),
    SLUG_PATTERN: ("is not a valid slug", "use lowercase letters, digits and '-' only"),
    r"^[a-z]{2}(-[A-Z]{2})?$": ("is not a language code", "write e.g. fr, en or fr-BE"),
}
_DATE_TYPES = {
    "date_parsing",
    "date_from_datetime_parsing",
    "date_from_datetime_inexact",
    "date_type",
}
_DATETIME_TYPES = {"datetime_parsing", "datetime_from_date_parsing", "datetime_type"}


@dataclass(frozen=True)
class Problem:
    """One validation problem: where in the data (a key path), what, and how to fix it."""

    path: tuple[str | int, ...]
    message: str
    hint: str | None = None


def problems(errors: Sequence[ErrorDetails], data: Any, model: type[BaseModel]) -> list[Problem]:
    """One plain problem per mistake, in the order pydantic found them.

    A value that fits none of a union's members (a date-or-date-time, an agenda item that is text
    or a mapping) yields errors for every member: keep those of the member the value got into
    (a mapping with a bad field), or merge them into one problem.
    """
    result: list[Problem] = []
    unions: dict[tuple[str | int, ...], list[tuple[str, tuple[str | int, ...], ErrorDetails]]] = {}
    for error in errors:
        path, tag, point = _split_loc(error, data)
        if tag is None:
            result.append(_describe(path, error, model))
        else:
            unions.setdefault(path[:point], []).append((tag, path, error))
    for union_path, members in unions.items():
        inside = [tag for tag, path, _ in members if len(path) > len(union_path)]
        if inside:
            result.extend(
                _describe(path, error, model) for tag, path, error in members if tag == inside[0]
            )
        else:
            result.append(_union_problem(union_path, [error for _, _, error in members]))
    return result


def _split_loc(error: ErrorDetails, data: Any) -> tuple[tuple[str | int, ...], str | None, int]:
    """The part of pydantic's `loc` that exists in the data, the union-member tag in it if any,
    and how many path parts precede that tag.

    Pydantic inserts the member's name ('AgendaItem', 'datetime') into `loc` for union errors;
    those are not keys the organiser wrote. A name that is not a key of the data is a tag unless
    it ends the loc of a "missing" error (then it is the missing field).
    """
    loc = error["loc"]
    path: list[str | int] = []
    tag: str | None = None
    point = 0
    current = data
    for position, part in enumerate(loc):
        last = position == len(loc) - 1
        if _has(current, part):
            current = current[part]
            path.append(part)
        elif isinstance(part, str) and tag is None and not (last and error["type"] == "missing"):
            tag, point = part, len(path)
        else:
            path.append(part)
    return tuple(path), tag, point


def _has(data: Any, part: str | int) -> bool:
    if isinstance(data, dict):
        return isinstance(part, str) and part in data
    return isinstance(data, list) and isinstance(part, int) and 0 <= part < len(data)


def _union_problem(path: tuple[str | int, ...], errors: list[ErrorDetails]) -> Problem:
    kinds = {error["type"] for error in errors}
    value = errors[0]["input"]
    if kinds <= _DATE_TYPES | _DATETIME_TYPES:
        return Problem(path, f"{_shown(value)} is not a valid date or date-time", _DATE)
    expected = " or ".join(_expected(error) for error in errors)
    return Problem(path, f"expected {expected}, got {_kind(value)}")


def _expected(error: ErrorDetails) -> str:
    if error["type"] == "model_type":
        return "a mapping (key: value lines)"
    if error["type"] == "string_type":
        return "text"
    return error["msg"].lower()


def _describe(
    path: tuple[str | int, ...], error: ErrorDetails, model: type[BaseModel] | None
) -> Problem:
    kind = error["type"]
    value = error["input"]
    ctx = error.get("ctx", {})
    name = str(path[-1]) if path else ""
    if kind == "missing":
        return Problem(path[:-1], f"missing required field '{name}'")
    if kind == "extra_forbidden":
        allowed = _fields_at(model, path[:-1]) if model is not None else []
        close = difflib.get_close_matches(name, allowed, n=1, cutoff=0.6)
        hint: str | None = f"did you mean '{close[0]}'?" if close else _allowed_hint(allowed)
        return Problem(path, f"unknown field '{name}'", hint)
    if kind in _DATE_TYPES:
        return Problem(path, f"{_shown(value)} is not a valid date", _DATE)
    if kind in _DATETIME_TYPES:
        return Problem(path, f"{_shown(value)} is not a valid date-time", _DATETIME)
    if kind == "enum":
        expected = ctx.get("expected", "")
        choices = [choice.strip(" '") for choice in expected.replace(" or ", ", ").split(",")]
        close = difflib.get_close_matches(str(value), choices, n=1, cutoff=0.6)
        return Problem(
            path,
            f"{_shown(value)} is not one of: {', '.join(choices)}",
            f"did you mean '{close[0]}'?" if close else None,
        )
    if kind == "string_type":
        return Problem(path, f"expected text, got {_kind(value)}", _text_hint(value))
    if kind in ("list_type", "tuple_type"):
        return Problem(path, f"expected a list, got {_kind(value)}", "write one '- item' per line")
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return Problem(path, f"expected a mapping (key: value lines), got {_kind(value)}")
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return Problem(path, f"expected a whole number, got {_shown(value)}")
    if kind in ("bool_type", "bool_parsing"):
        return Problem(path, f"expected true or false, got {_shown(value)}")
    if kind == "string_too_short":
        return Problem(path, "must not be empty")
    if kind == "string_too_long":
        return Problem(path, f"is too long (at most {ctx.get('max_length')} characters)")
    if kind in ("greater_than_equal", "greater_than"):
        limit = ctx.get("ge", ctx.get("gt"))
        return Problem(path, f"{_shown(value)} is too small (at least {limit})")
    if kind == "string_pattern_mismatch":
        message, pattern_hint = _PATTERNS.get(ctx.get("pattern", ""), ("has the wrong form", None))
        return Problem(path, f"{_shown(value)} {message}", pattern_hint)
    if kind.startswith("url_"):
        return Problem(
            path,
            f"{_shown(value)} is not a web address",
            "only http:// and https:// addresses are accepted",
        )
    if kind == "value_error":
        return Problem(path, str(ctx.get("error", error["msg"])))
    return Problem(path, error["msg"][:1].lower() + error["msg"][1:])


def _shown(value: Any) -> str:
    text = value if isinstance(value, str) else repr(value)
    if len(text) > 60:
        text = text[:57] + "..."
    return f"'{text}'"


def _kind(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"{str(value).lower()}"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, str):
        return f"the text {_shown(value)}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


def _text_hint(value: Any) -> str | None:
    if isinstance(value, bool | int | float) or value is None:
        return _QUOTE_HINT
    return None


def _allowed_hint(allowed: Iterable[str]) -> str:
    names = sorted(allowed)
    return f"allowed fields: {', '.join(names)}" if names else "remove it"


def _fields_at(model: type[BaseModel], path: tuple[str | int, ...]) -> list[str]:
    """The field names of the (nested) model found at `path`, for "did you mean" suggestions."""
    current: list[type[BaseModel]] = [model]
    for part in path:
        if isinstance(part, int):
            continue
        following: list[type[BaseModel]] = []
        for candidate in current:
            field = candidate.model_fields.get(part)
            if field is not None:
                following.extend(_models_in(field.annotation))
        current = following
    return [name for candidate in current for name in candidate.model_fields]


def _models_in(annotation: Any) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    origin = typing.get_origin(annotation)
    if origin is None and not isinstance(annotation, types.UnionType):
        return []
    return [model for arg in typing.get_args(annotation) for model in _models_in(arg)]
