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

from ..i18n.wording import Wording
from ..models import FIRST_YEAR, ID_PATTERN, LAST_YEAR, SLUG_PATTERN

_LANGUAGE_PATTERN = r"^[a-z]{2}(-[A-Z]{2})?$"
"""As `ProcessFile.language`."""

_PATTERNS = {
    ID_PATTERN: "pattern.id",
    SLUG_PATTERN: "pattern.slug",
    _LANGUAGE_PATTERN: "pattern.language",
}
_DATE_TYPES = {
    "date_parsing",
    "date_from_datetime_parsing",
    "date_from_datetime_inexact",
    "date_type",
}
_DATETIME_TYPES = {"datetime_parsing", "datetime_from_date_parsing", "datetime_type"}
_RECOGNISED = ("value_error", "timezone_aware")
"""Errors of a union member that read the value and still refused it (a year out of range, a
date-time without offset): they say more than "neither a date nor a date-time"."""


@dataclass(frozen=True)
class Problem:
    """One validation problem: where in the data (a key path), what, and how to fix it."""

    path: tuple[str | int, ...]
    message: str
    hint: str | None = None


def problems(
    errors: Sequence[ErrorDetails], data: Any, model: type[BaseModel], say: Wording
) -> list[Problem]:
    """One plain problem per mistake, in the order pydantic found them, worded by `say`.

    A value that fits none of a union's members (a date-or-date-time, an agenda item that is text
    or a mapping) yields errors for every member: keep those of the member the value got into
    (a mapping with a bad field), or merge them into one problem.
    """
    result: list[Problem] = []
    unions: dict[tuple[str | int, ...], list[tuple[str, tuple[str | int, ...], ErrorDetails]]] = {}
    for error in errors:
        path, tag, point = _split_loc(error, data)
        if tag is None:
            result.append(_describe(path, error, model, say))
        else:
            unions.setdefault(path[:point], []).append((tag, path, error))
    for union_path, members in unions.items():
        inside = [tag for tag, path, _ in members if len(path) > len(union_path)]
        if inside:
            result.extend(
                _describe(path, error, model, say)
                for tag, path, error in members
                if tag == inside[0]
            )
        else:
            errors = [error for _, _, error in members]
            result.append(_union_problem(union_path, errors, model, say))
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


def _union_problem(
    path: tuple[str | int, ...], errors: list[ErrorDetails], model: type[BaseModel], say: Wording
) -> Problem:
    for kind in _RECOGNISED:
        for error in errors:
            if error["type"] == kind:
                return _describe(path, error, model, say)
    kinds = {error["type"] for error in errors}
    value = errors[0]["input"]
    if kinds <= _DATE_TYPES | _DATETIME_TYPES:
        return Problem(path, say("date_or_datetime.invalid", value=_shown(value)), say("date.hint"))
    expected = say("expected.or").join(say(_shape(error)) for error in errors)
    return Problem(path, say("expected.any_of", expected=expected, got=_kind(value, say)))


def _shape(error: ErrorDetails) -> str:
    """The catalogue key naming what a union member expects."""
    if error["type"] in ("model_type", "dict_type"):
        return "shape.mapping"
    if error["type"] == "string_type":
        return "shape.text"
    return "shape.other"


def _describe(
    path: tuple[str | int, ...], error: ErrorDetails, model: type[BaseModel], say: Wording
) -> Problem:
    """Every error type the file models can produce, in the organiser's words; anything else
    still gets a plain message rather than pydantic's English."""
    kind = error["type"]
    value = error["input"]
    ctx = error.get("ctx", {})
    name = str(path[-1]) if path else ""
    if kind == "missing":
        return Problem(path[:-1], say("field.missing", name=name))
    if kind == "extra_forbidden":
        allowed = _fields_at(model, path[:-1])
        close = difflib.get_close_matches(name, allowed, n=1, cutoff=0.6)
        hint = say("did_you_mean", name=close[0]) if close else _allowed_hint(allowed, say)
        return Problem(path, say("field.unknown", name=_shown(name)), hint)
    if kind in _DATE_TYPES:
        return Problem(path, say("date.invalid", value=_shown(value)), say("date.hint"))
    if kind in _DATETIME_TYPES:
        return Problem(path, say("datetime.invalid", value=_shown(value)), say("datetime.hint"))
    if kind == "timezone_aware":
        return Problem(path, say("datetime.no_offset", value=_shown(value)), say("datetime.hint"))
    if kind == "enum":
        expected = ctx.get("expected", "")
        choices = [choice.strip(" '") for choice in expected.replace(" or ", ", ").split(",")]
        close = difflib.get_close_matches(str(value), choices, n=1, cutoff=0.6)
        return Problem(
            path,
            say("choice.invalid", value=_shown(value), choices=", ".join(choices)),
            say("did_you_mean", name=close[0]) if close else None,
        )
    if kind == "string_type":
        return Problem(path, say("expected.text", got=_kind(value, say)), _text_hint(value, say))
    if kind in ("list_type", "tuple_type"):
        return Problem(path, say("expected.list", got=_kind(value, say)), say("expected.list.hint"))
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return Problem(path, say("expected.mapping", got=_kind(value, say)))
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return Problem(path, say("expected.whole_number", value=_shown(value)))
    if kind in ("bool_type", "bool_parsing"):
        return Problem(path, say("expected.boolean", value=_shown(value)))
    if kind == "string_too_short":
        return Problem(path, say("value.empty"))
    if kind == "string_too_long":
        return Problem(path, say("value.too_long", limit=ctx.get("max_length")))
    if kind in ("greater_than_equal", "greater_than"):
        limit = ctx.get("ge", ctx.get("gt"))
        return Problem(path, say("value.too_small", value=_shown(value), limit=limit))
    if kind == "string_pattern_mismatch":
        key = _PATTERNS.get(ctx.get("pattern", ""))
        if key is None:
            return Problem(path, say("pattern.other", value=_shown(value)))
        return Problem(path, say(key, value=_shown(value)), say(f"{key}.hint"))
    if kind.startswith("url_"):
        return Problem(path, say("url.invalid", value=_shown(value)), say("url.http_only"))
    if kind == "value_error":
        return _refused(path, error, say)
    return Problem(path, say("value.refused", value=_shown(value)))


def _refused(path: tuple[str | int, ...], error: ErrorDetails, say: Wording) -> Problem:
    """A model's own validator said no: its English reason is matched to a catalogue entry,
    since models.py words its `ValueError`s for developers and knows no language."""
    reason = str(error.get("ctx", {}).get("error", ""))
    if reason.startswith("unknown IANA time zone"):
        return Problem(path, say("timezone.unknown", value=_shown(error["input"])))
    if reason.startswith("only http:// and https://"):
        return Problem(path, say("url.http_only"))
    if reason.startswith("year outside"):
        value = _shown(error["input"])
        message = say("date.out_of_range", value=value, first=FIRST_YEAR, last=LAST_YEAR)
        return Problem(path, message, say("date.out_of_range.hint"))
    return Problem(path, say("value.refused", value=_shown(error["input"])))


def _shown(value: Any) -> str:
    """A value as written, shortened; the catalogue's templates put the quotes around it."""
    text = value if isinstance(value, str) else repr(value)
    if len(text) > 60:
        text = text[:57] + "..."
    return text


def _kind(value: Any, say: Wording) -> str:
    if value is None:
        return say("got.nothing")
    if isinstance(value, bool):
        return say("got.boolean", value=str(value).lower())
    if isinstance(value, int | float):
        return say("got.number", value=value)
    if isinstance(value, str):
        return say("got.text", value=_shown(value))
    if isinstance(value, list):
        return say("got.list")
    if isinstance(value, dict):
        return say("got.mapping")
    return type(value).__name__


def _text_hint(value: Any, say: Wording) -> str | None:
    if isinstance(value, bool | int | float) or value is None:
        return say("expected.text.hint")
    return None


def _allowed_hint(allowed: Iterable[str], say: Wording) -> str:
    names = sorted(allowed)
    return say("field.allowed", names=", ".join(names)) if names else say("field.remove")


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
