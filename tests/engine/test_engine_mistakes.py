"""Declared common mistakes: over many seeds the right answer passes and every mistake's
answer is refused and named (unless it equals the right answer for that seed)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from typing import Any

import numpy as np
import pytest

from app.engine import Mistake, Template, check, format_answer, generate, list_templates
from app.engine.grading import (
    COINCIDENT,
    SEPARATION,
    Verdict,
    classify,
    distance,
    grade,
    targets,
    tolerances,
)

SEEDS = range(100)  # mistakes: every one refused and named on every seed
ROUNDING_SEEDS = range(40)
TEMPLATES = list_templates()
SEVERAL = {  # update, normalisation, loss and parameter-count templates: several mistakes
    "gd_step", "weight_decay_step", "adam_step", "batch_norm", "softmax", "mse_loss",
    "cross_entropy", "dense_params", "conv_params", "lstm_params", "gru_params", "cnn_params",
}  # fmt: skip


def _reference(template: Template, params: dict[str, Any]) -> Any:
    return template.reference(params) if template.reference else None


def _gap(template: Template, params: dict[str, Any], right: Any, other: Any) -> float:
    """Distance of ``other`` from the right answer in (unshrunk) tolerances."""
    return distance(right, other, tolerances(right, _reference(template, params)))


def _same(template: Template, params: dict[str, Any], right: Any, other: Any) -> bool:
    """True when ``other`` coincides with the right answer for this variant."""
    return _gap(template, params, right, other) <= COINCIDENT


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda t: t.id)
def test_every_template_declares_its_mistakes(template: Template) -> None:
    assert len(template.mistakes) >= (2 if template.id in SEVERAL else 1)
    assert all(isinstance(m, Mistake) and m.id and m.message for m in template.mistakes)


def _variants(template: Template, seeds: range = SEEDS) -> Iterator[tuple[dict[str, Any], Any]]:
    """(params, exact answer) per seed, as generate draws them (without prompt and worked text)."""
    for seed in seeds:
        params = template.sample(np.random.default_rng(seed))
        yield params, template.solve(params)


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda t: t.id)
def test_right_passes_and_every_mistake_is_refused_and_named(template: Template) -> None:
    named: Counter[str] = Counter()
    for seed, (params, answer) in enumerate(_variants(template)):
        aims = targets(template, params, answer)
        assert classify(aims, answer, answer).correct
        values = dict(template.mistake_answers(params))
        for mistake, wrong in values.items():
            if _same(template, params, answer, wrong):
                continue
            verdict = classify(aims, answer, wrong)
            assert not verdict.correct, (seed, mistake.id)
            assert verdict.mistake is not None, (seed, mistake.id)
            assert values[verdict.mistake] == wrong, (seed, mistake.id)  # or one equal to it
            named[mistake.id] += 1
    never = [m.id for m in template.mistakes if named[m.id] == 0]
    assert not never, f"mistakes never distinguishable from the right answer: {never}"


def _round_sig(value: Any, digits: int = 3) -> Any:
    if isinstance(value, list):
        return [_round_sig(v, digits) for v in value]
    if isinstance(value, int) or value == 0:
        return value
    return float(f"{value:.{digits}g}")


@pytest.mark.parametrize("template", [t for t in TEMPLATES if t.kind != "int"], ids=lambda t: t.id)
def test_three_significant_figures_of_the_quantity_pass(template: Template) -> None:
    """…wherever no mistake is close enough to shrink the tolerance."""
    for seed, (params, answer) in enumerate(_variants(template, ROUNDING_SEEDS)):
        base = _reference(template, params)
        aims = targets(template, params, answer)
        if aims.tolerances != tolerances(answer, base):
            continue
        if base is None:
            typed = _round_sig(answer)
        else:  # round the update, as a learner computing w − η·g exactly would
            update = [a - b for a, b in zip(answer, base, strict=True)]
            typed = [b + u for b, u in zip(base, _round_sig(update), strict=True)]
        assert classify(aims, answer, typed).correct, seed


def test_check_names_the_mistake_through_the_text_answer() -> None:
    template = next(t for t in TEMPLATES if t.id == "weight_decay_step")
    tried = 0
    for seed in range(40):
        variant = generate("weight_decay_step", seed)
        p = variant.params
        wrong = [w - p["lr"] * (g + p["c"] * w) for w, g in zip(p["w"], p["grad"], strict=True)]
        if _same(template, p, variant.answer, wrong):
            continue
        tried += 1
        result = check("weight_decay_step", seed, format_answer(wrong))
        assert not result.correct
        assert result.mistake is not None and result.mistake.id == "lost_factor_two"
    assert tried > 20


def test_right_answer_through_check_names_no_mistake() -> None:
    for template in TEMPLATES:
        variant = generate(template.id, 7)
        result = check(template.id, 7, format_answer(variant.answer))
        assert result.correct and result.mistake is None, template.id


def _adam(lr: float) -> dict[str, Any]:
    return {
        "w": [0.5, -1.2, 2.0],
        "grad": [0.3, -2.0, 1.1],
        "lr": lr,
        "beta1": 0.9,
        "beta2": 0.999,
        "eps": 1e-8,
    }


def test_adam_with_a_tiny_learning_rate_refuses_the_unchanged_weights() -> None:
    template = next(t for t in TEMPLATES if t.id == "adam_step")
    params = _adam(0.001)
    right = template.solve(params)
    unchanged = grade(template, params, right, list(params["w"]))
    assert not unchanged.correct and unchanged.mistake and unchanged.mistake.id == "no_step"
    uphill = [2 * w - n for w, n in zip(params["w"], right, strict=True)]
    verdict = grade(template, params, right, uphill)
    assert not verdict.correct and verdict.mistake and verdict.mistake.id == "wrong_sign"
    almost = [
        w - 0.000995 * (1 if g > 0 else -1)
        for w, g in zip(params["w"], params["grad"], strict=True)
    ]
    assert grade(template, params, right, almost).correct


def test_a_mistake_close_to_the_right_answer_shrinks_the_tolerance() -> None:
    template = next(t for t in TEMPLATES if t.id == "weight_decay_step")
    params = {"w": [0.2, -0.1], "grad": [2.0, 1.5], "lr": 0.1, "c": 0.01}
    right = template.solve(params)
    lost = [w - 0.1 * (g + 0.01 * w) for w, g in zip(params["w"], params["grad"], strict=True)]
    assert 0 < _gap(template, params, right, lost) < SEPARATION  # inside the plain 1 %
    verdict = grade(template, params, right, lost)
    assert not verdict.correct and verdict.mistake and verdict.mistake.id == "lost_factor_two"
    assert grade(template, params, right, right).correct


def test_the_step_tolerance_is_one_percent_of_the_update() -> None:
    tols = tolerances([0.999, 2.001], [1.0, 2.0])
    assert tols == pytest.approx([1e-5, 1e-5], rel=1e-3)


def test_small_entries_are_held_to_a_tenth_of_the_largest() -> None:
    tols = tolerances([0.93, 0.0012, 0.0688])
    assert tols[0] == pytest.approx(0.0093, rel=1e-3)
    assert tols[1] == pytest.approx(0.00093, rel=1e-3)
    assert tols[2] == pytest.approx(0.000930, rel=0.01)


def test_integers_stay_exact() -> None:
    assert tolerances(7) == [0.0]
    assert distance(7, 7.0, [0.0]) == 0
    assert distance(7, 7.001, [0.0]) == float("inf")


def test_a_mistake_of_another_shape_is_named_not_refused_as_malformed() -> None:
    seed = next(s for s in range(200) if generate("conv2d", s).params["padding"] == 1)
    variant = generate("conv2d", seed)
    unpadded = next(
        w
        for m, w in next(t for t in TEMPLATES if t.id == "conv2d").mistake_answers(variant.params)
        if m.id == "padding_ignored"
    )
    result = check("conv2d", seed, format_answer(unpadded))
    assert not result.correct
    assert result.mistake is not None and result.mistake.id == "padding_ignored"


def test_a_mistake_that_gives_nan_or_fails_is_left_out() -> None:
    base = next(t for t in TEMPLATES if t.id == "dropout_scale")
    odd = Template(
        "odd", "Odd", base.params, base.kind, base.sampler, base.solver, base.prompter,
        base.explainer, base.validator,
        mistakes=(
            Mistake("nan", "never matches", lambda p: float("nan")),
            Mistake("fails", "cannot be computed", lambda p: 1 / 0),
            Mistake("half", "half of it", lambda p: 0.5 / (1 - p["p"])),
        ),
    )  # fmt: skip
    params = {"p": 0.5}
    assert [m.id for m, _ in odd.mistake_answers(params)] == ["half"]
    assert grade(odd, params, 2.0, 7.0) == Verdict(correct=False, mistake=None)
    assert grade(odd, params, 2.0, 1.0).mistake.id == "half"
