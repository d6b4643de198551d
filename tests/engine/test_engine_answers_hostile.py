"""The answer parser under hostile input: linear time, explicit limits, never a crash."""

from __future__ import annotations

import math
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.engine import AnswerFormatError, parse_answer
from app.engine.answers import MAX_ANSWER_CHARS, MAX_NUMBER_CHARS, answers_match

# Generous: the old parser needed ~40 s for 2 000 characters (cubic backtracking); a
# linear one needs well under a millisecond. CPU time, so other processes do not count.
_SECONDS_PER_CHAR = 50e-6
_FIXED_SECONDS = 0.01

_ALPHABET = "0123456789./eE+-−, []; \n\tx"
_ADVERSARIAL = [
    "1" * 666 + "/" + "1" * 1332 + "x",
    "1" * 999 + "." + "1" * 999 + "x",
    "1" * 1000 + "e" + "1" * 998 + "x",
    "[" * MAX_ANSWER_CHARS,
    "[1" * (MAX_ANSWER_CHARS // 2),
    " ," * (MAX_ANSWER_CHARS // 2),
    "1 " * (MAX_ANSWER_CHARS // 2 - 1) + "x",
    "1;" * (MAX_ANSWER_CHARS // 2),
    ("1" * 60 + "/" + "1" * 3 + "x ") * 30,
]


def _parse_within_budget(text: str) -> object:
    started = time.process_time()
    try:
        outcome: object = parse_answer(text)
    except AnswerFormatError as error:
        outcome = error
    spent = time.process_time() - started
    assert spent <= _FIXED_SECONDS + _SECONDS_PER_CHAR * len(text), (len(text), spent)
    return outcome


def _finite_everywhere(value: object) -> bool:
    if isinstance(value, list):
        return all(_finite_everywhere(item) for item in value)
    return isinstance(value, (int, float)) and math.isfinite(float(value))


@pytest.mark.parametrize("text", _ADVERSARIAL, ids=range(len(_ADVERSARIAL)))
def test_parse_adversarial_strings_within_time_budget(text: str) -> None:
    _parse_within_budget(text)


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=_ALPHABET, min_size=0, max_size=MAX_ANSWER_CHARS))
def test_parse_any_text_is_a_finite_answer_or_a_format_error(text: str) -> None:
    outcome = _parse_within_budget(text)
    if not isinstance(outcome, AnswerFormatError):
        assert _finite_everywhere(outcome)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from(["1" * 50, "/", ".", "e", "9" * 30, " ", ",", "x"]), max_size=60))
def test_parse_long_digit_runs_within_time_budget(pieces: list[str]) -> None:
    _parse_within_budget("".join(pieces)[:MAX_ANSWER_CHARS])


@pytest.mark.parametrize(
    "text", ["1" * 400, "1" * 300 + "/3", "-" + "9" * 400, "[" + "1" * 400 + ", 2]"]
)
def test_parse_refuses_a_number_too_long_naming_the_limit(text: str) -> None:
    with pytest.raises(AnswerFormatError, match=f"longer than {MAX_NUMBER_CHARS} characters"):
        parse_answer(text)


def test_parse_error_echoes_only_the_start_of_a_long_token() -> None:
    with pytest.raises(AnswerFormatError) as caught:
        parse_answer("7" * 500)
    assert len(str(caught.value)) < 200


def test_parse_longest_allowed_numbers_compare_without_overflow() -> None:
    biggest_int = parse_answer("9" * MAX_NUMBER_CHARS)
    biggest_fraction = parse_answer("1" * (MAX_NUMBER_CHARS - 2) + "/3")
    assert answers_match(5, biggest_int) is False
    assert answers_match(0.5, biggest_fraction) is False
    assert answers_match(biggest_int, biggest_int) is True


def test_parse_refuses_an_answer_longer_than_the_limit() -> None:
    with pytest.raises(AnswerFormatError, match=f"longer than {MAX_ANSWER_CHARS}"):
        parse_answer("1 " * MAX_ANSWER_CHARS)
