"""Public entry points: list[Any], generate, solve and check computed questions."""

from __future__ import annotations

import numpy as np

from app.engine.answers import (
    Answer,
    AnswerFormatError,
    decimal_comma,
    describe_shape,
    expected_form,
    format_answer,
    parse_answer,
    shape_of,
)
from app.engine.base import CheckResult, Params, Template, Variant
from app.engine.grading import grade
from app.engine.templates import ALL_TEMPLATES

_REGISTRY: dict[str, Template] = {t.id: t for t in ALL_TEMPLATES}
if len(_REGISTRY) != len(ALL_TEMPLATES):  # pragma: no cover - guards against typos
    raise RuntimeError("duplicate template ids")


def list_templates() -> list[Template]:
    """All templates in a stable order."""
    return list(ALL_TEMPLATES)


def get_template(template_id: str) -> Template:
    """Template by id; raises ``KeyError`` for an unknown id."""
    try:
        return _REGISTRY[template_id]
    except KeyError:
        raise KeyError(f"unknown template {template_id!r}") from None


def _check_seed(seed: int) -> int:
    if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)) or seed < 0:
        raise ValueError(f"seed must be a non-negative integer, got {seed!r}")
    return int(seed)


def generate(template_id: str, seed: int) -> Variant:
    """Deterministically build the variant of ``template_id`` for ``seed``."""
    template = get_template(template_id)
    seed = _check_seed(seed)
    params = template.sample(np.random.default_rng(seed))
    answer = template.solve(params)
    return Variant(
        template=template.id,
        seed=seed,
        params=params,
        prompt=template.prompt(params),
        answer=answer,
        explanation=template.explain(params),
    )


def solve(template_id: str, params: Params) -> Answer:
    """Exact answer for explicit params; ``ValueError`` if the params are invalid."""
    return get_template(template_id).solve(params)


def is_correct(template_id: str, params: Params, stated: Answer) -> bool:
    """Whether ``stated`` is right for explicit ``params`` under the template's own tolerance
    and mistakes (as :func:`check` judges a learner), e.g. for a question's worked example."""
    template = get_template(template_id)
    verdict = grade(template, params, template.solve(params), stated)
    return verdict.correct


def answer_hint(template_id: str, answer: Answer) -> str:
    """Sentence describing the expected answer form for this template."""
    return expected_form(get_template(template_id).kind, shape_of(answer))


def check(template_id: str, seed: int, answer_text: str) -> CheckResult:
    """Check a typed answer against the variant for ``seed`` (tolerance: SPEC §2).

    Raises :class:`AnswerFormatError` when the text cannot be read or has the
    wrong shape (unless that shape is a declared mistake's); the message names the
    expected form.
    """
    variant = generate(template_id, seed)
    hint = answer_hint(template_id, variant.answer)
    if shape_of(variant.answer) == ():  # one number expected: "0,537" is 0.537
        answer_text = decimal_comma(answer_text) or answer_text
    try:
        given = parse_answer(answer_text)
    except AnswerFormatError as error:
        raise AnswerFormatError(f"Could not read the answer ({error}). {hint}") from None
    verdict = grade(get_template(template_id), variant.params, variant.answer, given)
    want, got = shape_of(variant.answer), shape_of(given)
    if want != got and verdict.mistake is None:
        raise AnswerFormatError(f"Got {describe_shape(got)}. {hint}")
    return CheckResult(
        correct=verdict.correct,
        expected=format_answer(variant.answer),
        explanation=variant.explanation,
        mistake=verdict.mistake,
    )
