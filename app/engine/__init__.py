"""Backprop's computed-question engine (pure: NumPy + standard library only).

A template turns a seed into a :class:`Variant` (params, prompt, exact answer,
worked explanation); :func:`check` grades a typed answer.
"""

from app.engine.answers import AnswerFormatError, answers_match, format_answer, parse_answer
from app.engine.api import (
    answer_hint,
    check,
    generate,
    get_template,
    is_correct,
    list_templates,
    solve,
)
from app.engine.base import CheckResult, Mistake, Template, Variant

__all__ = [
    "AnswerFormatError",
    "CheckResult",
    "Mistake",
    "Template",
    "Variant",
    "answer_hint",
    "answers_match",
    "check",
    "format_answer",
    "generate",
    "get_template",
    "is_correct",
    "list_templates",
    "parse_answer",
    "solve",
]
