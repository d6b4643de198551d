"""Parser, formatter and tolerance rule."""

from __future__ import annotations

import contextlib
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.engine import AnswerFormatError, answers_match, format_answer, parse_answer
from app.engine.answers import tidy


@pytest.mark.parametrize(
    "text, expected",
    [
        ("42", 42),
        ("-7", -7),
        ("+3", 3),
        ("0.25", 0.25),
        (".5", 0.5),
        ("-2.", -2.0),
        ("1e-3", 0.001),
        ("2.5E2", 250.0),
        ("1/4", 0.25),
        ("-2/5", -0.4),
        ("4/2", 2),
        ("  12  ", 12),
        ("\u22123", -3),  # unicode minus
        ("[1, 2, 3]", [1, 2, 3]),
        ("1, 2, 3", [1, 2, 3]),
        ("1 2 3", [1, 2, 3]),
        ("[0.1,0.2 , 0.7]", [0.1, 0.2, 0.7]),
        ("[1/3, 2/3]", [1 / 3, 2 / 3]),
        ("[5]", [5]),
        ("[[1, 2], [3, 4]]", [[1, 2], [3, 4]]),
        ("[[1,2],[3,4]]", [[1, 2], [3, 4]]),
        ("1 2; 3 4", [[1, 2], [3, 4]]),
        ("1, 2; 3, 4", [[1, 2], [3, 4]]),
        ("[1 2; 3 4]", [[1, 2], [3, 4]]),
        ("1 2\n3 4", [[1, 2], [3, 4]]),
        ("1, 2\r\n3, 4\n", [[1, 2], [3, 4]]),
        ("[1, 2]; [3, 4]", [[1, 2], [3, 4]]),
        ("1 2;", [[1, 2]]),
        ("[[12, 9], [15, 20]]", [[12, 9], [15, 20]]),
    ],
)
def test_parse_accepts(text: str, expected: object) -> None:
    assert parse_answer(text) == expected


def test_parse_types() -> None:
    assert isinstance(parse_answer("3"), int)
    assert isinstance(parse_answer("3.0"), float)
    assert isinstance(parse_answer("1/3"), float)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "abc",
        "1,,2",
        ",1",
        "1,",
        "[1, 2",
        "[[1, 2], [3]]",
        "1 2; 3",
        "nan",
        "inf",
        "-inf",
        "1/0",
        "1e999",
        "2 x",
        "[[1, 2] [3, 4]",
        "1..2",
        "--1",
        "[]",
        "[[]]",
        "0x10",
    ],
)
def test_parse_rejects(text: str) -> None:
    with pytest.raises(AnswerFormatError):
        parse_answer(text)


def test_parse_rejects_absurd_length() -> None:
    with pytest.raises(AnswerFormatError, match="2000"):
        parse_answer("1, " * 700)


def test_answer_format_error_is_value_error() -> None:
    assert issubclass(AnswerFormatError, ValueError)


@pytest.mark.parametrize(
    "expected, given, ok",
    [
        (1.0, 1.0099, True),
        (1.0, 1.0101, False),
        (1.0, 0.9901, True),
        (1.0, 0.9899, False),
        (0.0, 0.01, True),  # absolute floor 0.01
        (0.0, 0.0101, False),
        (200.0, 201.99, True),  # relative 1 %
        (200.0, 202.01, False),
        (-200.0, -198.01, True),
        (0.41703, 0.42, True),  # rounding to 2 decimals passes
        (0.125, 0.115, True),  # exactly on the edge (binary noise absorbed)
        (0.125, 0.135, True),
        (2, 2, True),
        (2, 2.0, True),
        (2, 2.5, False),
        (2, 3, False),
        (2, 2.001, False),  # integers must be exact
        (61706, 61706, True),
        ([0.09, 0.2447, 0.6652], [0.09, 0.24, 0.67], True),
        ([0.09, 0.2447, 0.6652], [0.09, 0.23, 0.67], False),
        ([[12, 9], [15, 20]], [[12, 9], [15, 20]], True),
        ([[12, 9], [15, 20]], [[12, 9], [15, 21]], False),
        ([[12, 9], [15, 20]], [[12.0, 9.0], [15.0, 20.0]], True),
    ],
)
def test_tolerance(expected: object, given: object, ok: bool) -> None:
    assert answers_match(expected, given) is ok  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "expected, given",
    [
        ([1.0, 2.0], [1.0, 2.0, 3.0]),
        ([1.0, 2.0], 1.0),
        (1.0, [1.0]),
        ([[1, 2], [3, 4]], [1, 2, 3, 4]),
        ([[1, 2], [3, 4]], [[1, 2, 3], [4, 5, 6]]),
        ([[1, 2], [3, 4]], [[1, 2], [3]]),
        ([[1, 2]], [[1], [2]]),
    ],
)
def test_shape_mismatch_never_matches(expected: object, given: object) -> None:
    assert not answers_match(expected, given)  # type: ignore[arg-type]


def test_nan_never_matches() -> None:
    assert not answers_match(1.0, math.nan)
    assert not answers_match(1.0, math.inf)


def test_format_examples() -> None:
    assert format_answer(3) == "3"
    assert format_answer(0.5) == "0.5"
    assert format_answer([1, 2.5]) == "[1, 2.5]"
    assert format_answer([[12, 9], [15, 20]]) == "[[12, 9], [15, 20]]"


def test_tidy_removes_float_noise() -> None:
    assert tidy(-1.2999999999999998) == -1.3
    assert tidy([[0.1 + 0.2, 7]]) == [[0.3, 7]]
    assert math.copysign(1, tidy(-0.0)) == 1.0  # type: ignore[arg-type]


finite = st.floats(allow_nan=False, allow_infinity=False)
numbers = st.one_of(st.integers(), finite)


@settings(max_examples=150, deadline=None)
@given(st.integers())
def test_roundtrip_int(value: int) -> None:
    parsed = parse_answer(format_answer(value))
    assert parsed == value and isinstance(parsed, int)


@settings(max_examples=150, deadline=None)
@given(finite)
def test_roundtrip_float(value: float) -> None:
    assert parse_answer(format_answer(value)) == value


@settings(max_examples=100, deadline=None)
@given(st.lists(numbers, min_size=1, max_size=8))
def test_roundtrip_vector(value: list) -> None:
    assert parse_answer(format_answer(value)) == value


@settings(max_examples=100, deadline=None)
@given(st.integers(1, 5), st.integers(1, 5), st.data())
def test_roundtrip_matrix(rows: int, cols: int, data: st.DataObject) -> None:
    row = st.lists(numbers, min_size=cols, max_size=cols)
    value = data.draw(st.lists(row, min_size=rows, max_size=rows))
    parsed = parse_answer(format_answer(value))
    assert parsed == value
    assert answers_match(value, parsed)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.floats(-1e6, 1e6), min_size=1, max_size=6))
def test_rounded_to_two_decimals_passes(value: list) -> None:
    typed = "[" + ", ".join(f"{v:.2f}" for v in value) + "]"
    assert answers_match(value, parse_answer(typed))


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=40))
def test_parser_never_crashes(text: str) -> None:
    with contextlib.suppress(AnswerFormatError):
        parse_answer(text)
