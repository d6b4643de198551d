"""Public API: registry, determinism, variety, checking, 200-seed sweep."""

from __future__ import annotations

import json
from dataclasses import FrozenInstanceError

import pytest

from app.engine import (
    AnswerFormatError,
    CheckResult,
    Template,
    Variant,
    check,
    format_answer,
    generate,
    get_template,
    list_templates,
    solve,
)

CORE_IDS = [
    "conv_output_size",
    "pool_output_size",
    "same_padding",
    "iterations_per_epoch",
    "total_iterations",
    "conv2d",
    "elementwise_product",
    "activation",
    "softmax",
    "dense_params",
    "conv_params",
    "lstm_params",
    "gru_params",
    "gd_step",
    "weight_decay_step",
    "adam_step",
    "batch_norm",
    "mse_loss",
    "cross_entropy",
    "dropout_scale",
    "clip_grad_norm",
    "mlp_forward",
    "backprop_grad",
]
IDS = [t.id for t in list_templates()]
SEEDS = range(200)


def test_registry_contains_core_templates_in_stable_order() -> None:
    assert IDS[: len(CORE_IDS)] == CORE_IDS
    assert len(IDS) == len(set(IDS)) >= 26
    assert [t.id for t in list_templates()] == IDS


def test_template_metadata() -> None:
    expected_params = {
        "conv_output_size": ("input_size", "kernel_size", "padding", "stride", "dilation"),
        "pool_output_size": ("input_size", "kernel_size", "stride", "padding"),
        "iterations_per_epoch": ("dataset_size", "batch_size", "drop_last"),
        "total_iterations": ("dataset_size", "batch_size", "epochs", "drop_last"),
        "adam_step": ("w", "grad", "lr", "beta1", "beta2", "eps"),
        "backprop_grad": ("x", "y", "w1", "b1", "w2", "b2"),
        "weight_decay_step": ("w", "grad", "lr", "c"),
        "activation": ("function", "x", "alpha"),
    }
    for template_id, names in expected_params.items():
        assert get_template(template_id).params == names
    for template in list_templates():
        assert isinstance(template, Template)
        assert template.kind in ("int", "real", "vector", "matrix")
        assert template.title


def test_unknown_template_raises_key_error() -> None:
    with pytest.raises(KeyError):
        get_template("nope")
    with pytest.raises(KeyError):
        generate("nope", 1)


def test_bad_seed_raises_value_error() -> None:
    with pytest.raises(ValueError):
        generate("softmax", -1)


@pytest.mark.parametrize("template_id", IDS)
def test_two_hundred_seeds(template_id: str) -> None:
    template = get_template(template_id)
    for seed in SEEDS:
        variant = generate(template_id, seed)
        assert set(variant.params) == set(template.params)
        assert "answer" not in variant.params
        assert json.loads(json.dumps(variant.params)) == variant.params
        assert solve(template_id, variant.params) == variant.answer
        text = format_answer(variant.answer)
        result = check(template_id, seed, text)
        assert result.correct, (seed, text)
        assert result.expected == text
        assert variant.prompt and variant.explanation
        _assert_kind(template.kind, variant.answer)


def _assert_kind(kind: str, answer: object) -> None:
    if kind == "int":
        assert type(answer) is int
    elif kind == "real":
        assert type(answer) is float
    elif kind == "vector":
        assert isinstance(answer, list) and all(type(x) in (int, float) for x in answer)
    else:
        assert isinstance(answer, list) and all(isinstance(r, list) for r in answer)
        assert all(type(x) in (int, float) for r in answer for x in r)


def _json_types_only(value: object) -> bool:
    if isinstance(value, dict):
        return all(isinstance(k, str) and _json_types_only(v) for k, v in value.items())
    if isinstance(value, list):
        return all(_json_types_only(v) for v in value)
    return type(value) in (int, float, bool, str)


@pytest.mark.parametrize("template_id", IDS)
def test_params_are_plain_python(template_id: str) -> None:
    for seed in range(20):
        assert _json_types_only(generate(template_id, seed).params)


@pytest.mark.parametrize("template_id", IDS)
def test_deterministic(template_id: str) -> None:
    first = generate(template_id, 12345)
    generate(IDS[0], 999)  # unrelated calls must not disturb anything
    assert generate(template_id, 12345) == first


def test_variant_is_frozen() -> None:
    variant = generate("softmax", 0)
    assert isinstance(variant, Variant)
    with pytest.raises(FrozenInstanceError):
        variant.answer = 3  # type: ignore[misc]


@pytest.mark.parametrize("template_id", IDS)
def test_seeds_give_varied_params(template_id: str) -> None:
    distinct = {
        json.dumps(generate(template_id, seed).params, sort_keys=True) for seed in range(60)
    }
    assert len(distinct) >= 5


def _collect(template_id: str, key: str, n: int = 200) -> list:
    return [generate(template_id, seed).params[key] for seed in range(n)]


def test_parameter_coverage() -> None:
    assert set(_collect("iterations_per_epoch", "drop_last")) == {True, False}
    sizes = _collect("conv_output_size", "input_size")
    assert any(s % 2 for s in sizes) and any(s % 2 == 0 for s in sizes)
    assert {2, 3} <= set(_collect("conv_output_size", "stride"))
    assert any(
        v.params["stride"] == 2 and v.params["padding"] > 0
        for v in (generate("conv2d", s) for s in range(200))
    )
    functions = [generate("activation", s).params for s in range(200)]
    assert {p["function"] for p in functions} == {"sigmoid", "tanh", "relu", "leaky_relu", "swish"}
    assert any(p["x"] < 0 and p["function"] == "leaky_relu" for p in functions)
    shapes = {(len(m), len(m[0])) for m in _collect("elementwise_product", "a")}
    assert (5, 5) in shapes and len(shapes) > 6
    conv_inputs = {len(m) for m in _collect("conv2d", "input")}
    assert conv_inputs == {3, 4, 5}
    clipped = [
        solve("clip_grad_norm", generate("clip_grad_norm", s).params)
        != generate("clip_grad_norm", s).params["grad"]
        for s in range(100)
    ]
    assert any(clipped) and not all(clipped)


def test_seed_iteration_example_varies_remainder() -> None:
    remainders = {
        p["dataset_size"] % p["batch_size"]
        for p in (generate("iterations_per_epoch", s).params for s in range(100))
    }
    assert 0 in remainders and len(remainders) > 10


def test_check_wrong_answer() -> None:
    variant = generate("dense_params", 7)
    assert isinstance(variant.answer, int)
    result = check("dense_params", 7, str(variant.answer + 1))
    assert isinstance(result, CheckResult)
    assert result.correct is False
    assert result.expected == str(variant.answer)
    assert result.explanation == variant.explanation


def test_check_accepts_rounded_reals() -> None:
    """The prompt asks for 3 decimals; that passes (2 decimals is not within 1 %)."""
    for seed in range(30):
        variant = generate("softmax", seed)
        typed = ", ".join(f"{p:.3f}" for p in variant.answer)  # type: ignore[union-attr]
        assert check("softmax", seed, typed).correct


def test_check_integer_as_decimal() -> None:
    variant = generate("conv_params", 3)
    assert check("conv_params", 3, f"{variant.answer}.0").correct
    assert not check("conv_params", 3, f"{variant.answer}.5").correct


def test_check_matrix_forms() -> None:
    variant = generate("conv2d", 11)
    rows = variant.answer
    semicolons = "; ".join(" ".join(str(x) for x in row) for row in rows)  # type: ignore[union-attr]
    newlines = "\n".join(", ".join(str(x) for x in row) for row in rows)  # type: ignore[union-attr]
    assert check("conv2d", 11, semicolons).correct
    assert check("conv2d", 11, newlines).correct


def test_check_unparseable_names_expected_form() -> None:
    n = len(generate("softmax", 5).answer)  # type: ignore[arg-type]
    with pytest.raises(AnswerFormatError, match=f"vector of {n} numbers like \\[0.1"):
        check("softmax", 5, "about a third")
    with pytest.raises(AnswerFormatError, match="whole number"):
        check("dense_params", 5, "lots")
    with pytest.raises(AnswerFormatError, match="number like 0.25"):
        check("cross_entropy", 5, "1/0")


def test_check_wrong_shape_names_expected_shape() -> None:
    variant = generate("backprop_grad", 2)
    with pytest.raises(AnswerFormatError, match="2×2 matrix"):
        check("backprop_grad", 2, "1, 2, 3, 4")
    with pytest.raises(AnswerFormatError, match="2×2 matrix"):
        check("backprop_grad", 2, "[[1, 2, 3], [4, 5, 6]]")
    n = len(generate("gd_step", 2).answer)  # type: ignore[arg-type]
    with pytest.raises(AnswerFormatError, match=f"vector of {n} numbers"):
        check("gd_step", 2, ", ".join(["1"] * (n + 1)))
    with pytest.raises(AnswerFormatError, match="single number|whole number"):
        check("dense_params", 2, "[1, 2]")
    assert variant.answer


def test_check_rejects_absurd_input() -> None:
    with pytest.raises(AnswerFormatError):
        check("mse_loss", 1, "9" * 2001)
    with pytest.raises(AnswerFormatError):
        check("mse_loss", 1, "nan")
    with pytest.raises(AnswerFormatError):
        check("mse_loss", 1, "inf")


def test_tolerance_edges_through_check() -> None:
    seed = next(s for s in range(100) if generate("lr_divergence", s).params["a"] == 4.0)
    assert check("lr_divergence", seed, "0.5049").correct  # 1 % of 0.5 is 0.005
    assert not check("lr_divergence", seed, "0.5051").correct
    assert check("lr_divergence", seed, "1/2").correct
