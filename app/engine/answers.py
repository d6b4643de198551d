"""Parsing, formatting and comparing answers typed by a learner.

Answers are plain Python values: ``int``, ``float``, a list of numbers
(vector) or a list of equal-length lists of numbers (matrix).
"""

from __future__ import annotations

import math
import re
from typing import Any

Number = int | float
Answer = int | float | list[Any]

MAX_ANSWER_CHARS = 2000
MAX_NUMBER_CHARS = 64  # per number: keeps every integer and fraction inside float range
MAX_ECHO_CHARS = 40  # how much of a bad token an error message repeats
ABS_TOLERANCE = 0.01
REL_TOLERANCE = 0.01
_SLACK = 1e-9  # absorbs binary rounding at the exact tolerance edge

# Unambiguous patterns (each character can be matched one way only), applied with
# fullmatch to tokens of at most MAX_NUMBER_CHARS: parsing stays linear in the answer.
_INT_RE = re.compile(r"[+-]?[0-9]+")
_DECIMAL_RE = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")
_SEPARATORS = re.compile(r"[,\s]+")
_TOKEN_SPLIT = re.compile(r"\s*,\s*|\s+")
_ROW_RE = re.compile(r"\[([^\[\]]*)\]")


class AnswerFormatError(ValueError):
    """Raised when an answer cannot be read; the message says what is expected."""


def _echo(token: str) -> str:
    if len(token) <= MAX_ECHO_CHARS:
        return token
    return token[:MAX_ECHO_CHARS] + "…"


def _parse_literal(token: str, whole: str) -> Number:
    if _INT_RE.fullmatch(token):
        return int(token)
    if not _DECIMAL_RE.fullmatch(token):
        raise AnswerFormatError(f"'{_echo(whole)}' is not a number")
    value = float(token)
    if not math.isfinite(value):
        raise AnswerFormatError(f"'{_echo(whole)}' is not a finite number")
    return value


def parse_number(token: str) -> Number:
    """Parse one number: integer, decimal, scientific notation or fraction ``a/b``.

    A number longer than :data:`MAX_NUMBER_CHARS` is refused, so every value read fits
    a float and comparing it can never overflow.
    """
    whole = token.strip()
    if len(whole) > MAX_NUMBER_CHARS:
        raise AnswerFormatError(
            f"'{_echo(whole)}' is longer than {MAX_NUMBER_CHARS} characters for one number"
        )
    parts = whole.split("/")
    if len(parts) > 2:
        raise AnswerFormatError(f"'{_echo(whole)}' is not a number")
    numerator = _parse_literal(parts[0], whole)
    if len(parts) == 1:
        return numerator
    denominator = _parse_literal(parts[1], whole)
    if denominator == 0:
        raise AnswerFormatError(f"'{_echo(whole)}' divides by zero")
    if isinstance(numerator, int) and isinstance(denominator, int) and numerator % denominator == 0:
        return numerator // denominator
    value = numerator / denominator
    if not math.isfinite(value):
        raise AnswerFormatError(f"'{_echo(whole)}' is not a finite number")
    return value


def _parse_entries(text: str) -> list[Number]:
    body = text.strip()
    if body.startswith("[") and body.endswith("]"):
        body = body[1:-1].strip()
    if not body:
        raise AnswerFormatError("empty list of numbers")
    if "[" in body or "]" in body:
        raise AnswerFormatError("unbalanced brackets")
    tokens = _TOKEN_SPLIT.split(body)
    if any(not tok for tok in tokens):
        raise AnswerFormatError("empty entry between separators")
    return [parse_number(tok) for tok in tokens]


def _bracketed_rows(body: str) -> list[str]:
    inner = body[1:-1]
    rows = _ROW_RE.findall(inner)
    leftover = _ROW_RE.sub("", inner)
    if leftover.strip(" ,\n\t;") or not rows:
        raise AnswerFormatError("matrix rows must look like [[1, 2], [3, 4]]")
    return rows


def _parse_matrix(body: str) -> list[list[Number]]:
    if body.startswith("[[") and body.endswith("]"):
        rows_text = _bracketed_rows(body)
    else:
        if body.startswith("[") and body.endswith("]") and body.count("[") == 1:
            body = body[1:-1]
        rows_text = [row for row in re.split(r"[;\n]", body) if row.strip()]
    rows = [_parse_entries(row) for row in rows_text]
    if not rows:
        raise AnswerFormatError("empty matrix")
    if len({len(row) for row in rows}) != 1:
        raise AnswerFormatError("matrix rows have different lengths")
    return rows


_DECIMAL_COMMA = re.compile(r"\s*([-\u2212]?)(\d{1,20}),(\d{1,20})\s*")


def decimal_comma(text: str) -> str | None:
    """``0,537`` as ``0.537`` when a decimal comma is the only reading: one comma between
    digits, and not a thousands separator (``12,500``: three digits after a non-zero whole
    part is ambiguous). ``None`` when ``text`` is not such a number."""
    match = _DECIMAL_COMMA.fullmatch(text)
    if match is None:
        return None
    sign, whole, fraction = match.groups()
    if len(fraction) == 3 and whole.lstrip("0"):
        return None
    return f"{'-' if sign else ''}{whole}.{fraction}"


def parse_answer(text: str) -> Answer:
    """Parse a learner's answer into a number, a vector or a matrix.

    Accepts integers, decimals, ``1e-3``, fractions ``-2/5``; vectors as
    ``[a, b, c]`` or ``a, b, c``; matrices as ``[[a, b], [c, d]]`` or rows
    separated by ``;`` or newlines. Raises :class:`AnswerFormatError`.
    """
    if not isinstance(text, str):
        raise AnswerFormatError("answer must be text")
    if len(text) > MAX_ANSWER_CHARS:
        raise AnswerFormatError(f"answer is longer than {MAX_ANSWER_CHARS} characters")
    body = text.replace("\u2212", "-").replace("\r\n", "\n").strip()
    if not body:
        raise AnswerFormatError("answer is empty")
    if body.startswith("[[") or ";" in body or "\n" in body:
        return _parse_matrix(body)
    if body.startswith("[") or _SEPARATORS.search(body):
        return _parse_entries(body)
    return parse_number(body)


def _format_number(value: Any) -> str:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TypeError(f"cannot format {value!r} as an answer")
    if isinstance(value, int):
        return str(value)
    if not math.isfinite(value):
        raise ValueError("answers must be finite")
    return repr(float(value))


def format_answer(value: Answer) -> str:
    """Canonical text for an answer; ``parse_answer(format_answer(v)) == v``."""
    if isinstance(value, list):
        if value and all(isinstance(row, list) for row in value):
            rows = (", ".join(_format_number(x) for x in row) for row in value)
            return "[" + ", ".join(f"[{row}]" for row in rows) + "]"
        return "[" + ", ".join(_format_number(x) for x in value) + "]"
    return _format_number(value)


def tidy(value: Answer, digits: int = 12) -> Answer:
    """Round float noise to ``digits`` significant digits (``-1.2999999999999998`` → ``-1.3``).

    Integers are kept; ``-0.0`` becomes ``0.0``; lists are tidied entry by entry.
    """
    if isinstance(value, list):
        return [tidy(item, digits) for item in value]
    if isinstance(value, bool) or not isinstance(value, float):
        return value
    return float(f"{value:.{digits}g}") + 0.0


def shape_of(value: Answer) -> tuple[int, ...]:
    """``()`` for a number, ``(n,)`` for a vector, ``(rows, cols)`` for a matrix."""
    if not isinstance(value, list):
        return ()
    if value and all(isinstance(row, list) for row in value):
        return (len(value), len(value[0]))
    return (len(value),)


def _flatten(value: Answer) -> list[Number]:
    if not isinstance(value, list):
        return [value]
    flat: list[Number] = []
    for item in value:
        flat.extend(_flatten(item))
    return flat


def number_matches(expected: Number, given: Number) -> bool:
    """Integers must be exact; reals pass within max(0.01, 1% of |expected|)."""
    if not math.isfinite(given):
        return False
    if isinstance(expected, int):
        return float(given).is_integer() and int(given) == expected
    tolerance = max(ABS_TOLERANCE, REL_TOLERANCE * abs(expected)) + _SLACK
    return abs(given - expected) <= tolerance


def _well_formed(value: Answer) -> bool:
    if not isinstance(value, list):
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if value and all(isinstance(row, list) for row in value):
        width = len(value[0])
        return all(
            len(row) == width and all(_well_formed(x) and not isinstance(x, list) for x in row)
            for row in value
        )
    return all(_well_formed(x) and not isinstance(x, list) for x in value)


def answers_match(expected: Answer, given: Answer) -> bool:
    """True when shapes agree and every entry matches under :func:`number_matches`."""
    if not (_well_formed(expected) and _well_formed(given)):
        return False
    if shape_of(expected) != shape_of(given):
        return False
    return all(
        number_matches(e, g) for e, g in zip(_flatten(expected), _flatten(given), strict=False)
    )


def describe_shape(shape: tuple[int, ...]) -> str:
    """Words for a shape, e.g. ``a 2×2 matrix``."""
    if shape == ():
        return "a single number"
    if len(shape) == 1:
        return f"a vector of {shape[0]} number{'s' if shape[0] != 1 else ''}"
    return f"a {shape[0]}×{shape[1]} matrix"


def expected_form(kind: str, shape: tuple[int, ...]) -> str:
    """Sentence naming the expected answer form, e.g. for error messages."""
    if kind == "int":
        return "Expected a whole number like 42."
    if kind == "real":
        return (
            "Expected a number like 0.25 (0,25 and fractions like 1/4 and 1e-3 also work; "
            "write 12500 without a thousands separator)."
        )
    if len(shape) == 1:
        example = ", ".join(f"0.{i + 1}" for i in range(shape[0]))
        return (
            f"Expected {describe_shape(shape)} like [{example}]: decimal points, entries "
            "separated by commas."
        )
    rows, cols = shape if len(shape) == 2 else (2, 2)
    example = ", ".join(
        "[" + ", ".join(str(r * cols + c + 1) for c in range(cols)) + "]" for r in range(rows)
    )
    return f"Expected {describe_shape((rows, cols))} like [{example}] (or rows separated by ';')."
