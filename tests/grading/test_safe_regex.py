"""Bank regexes cannot backtrack: RE2 runs them in time linear in the (capped) answer."""

import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.grading import Point, grade_answer
from app.grading.safe_regex import MAX_TEXT_CHARS, UnsafePattern, compile_safe, search

# Thread CPU time allowed per character of answer: far above RE2's linear cost, far below
# what a backtracking engine spends on these patterns (seconds for 30 characters).
BUDGET_SECONDS_PER_CHAR = 20e-6
ATOMS = ["a", "b", ".", r"\w", r"\s", "[ab]", "(a|aa)", "(a+)", "(.*)", r"(\w+\s?)", "(a|a?)"]
QUANTIFIERS = ["", "*", "+", "?", "{2,5}", "*?"]


@st.composite
def nested_patterns(draw) -> str:
    pattern = ""
    for _ in range(draw(st.integers(1, 4))):
        atom = draw(st.sampled_from(ATOMS)) + draw(st.sampled_from(QUANTIFIERS))
        if draw(st.booleans()):
            atom = f"({atom})" + draw(st.sampled_from(QUANTIFIERS))
        pattern += atom
    return pattern + draw(st.sampled_from(["", "b", "$", "x"]))


def _cpu(fn) -> float:
    start = time.thread_time()
    fn()
    return time.thread_time() - start


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(pattern=nested_patterns(), filler=st.sampled_from(["a", "ab", "a ", "aaaaaaaaab"]))
def test_any_accepted_pattern_runs_within_a_per_character_budget(pattern, filler):
    try:
        compiled = compile_safe(pattern)
    except UnsafePattern:
        return
    text = (filler * MAX_TEXT_CHARS)[: MAX_TEXT_CHARS * 2]
    used = _cpu(lambda: search(compiled, text))
    assert used <= BUDGET_SECONDS_PER_CHAR * MAX_TEXT_CHARS, (pattern, used)


@pytest.mark.parametrize(
    "pattern",
    [
        r"(a)\1",
        r"(?=a)a",
        r"(?<!x)a",
        r"(?!a)b",
        "a" * 201,
        "(" * 5 + "a" + ")" * 5 + "{1000}{1000}",
    ],
)
def test_patterns_re2_cannot_run_safely_are_refused(pattern):
    with pytest.raises(UnsafePattern):
        compile_safe(pattern)


def test_a_catastrophic_pattern_in_the_bank_runs_in_linear_time_on_a_hostile_answer():
    points = [Point("nested", ("re:(a+)+$", "re:(\\w+\\s?)*x")), Point("other", ("dropout",))]
    hostile = "word " * 200 + "a" * 4000
    used = _cpu(lambda: grade_answer(hostile, points))
    assert used <= BUDGET_SECONDS_PER_CHAR * len(hostile) * 50  # the whole grader, not one regex
    assert grade_answer(hostile, points).covered == ["nested"]
