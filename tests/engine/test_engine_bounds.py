"""Every template param has an upper bound, refused with a message naming the param (issue 12)."""

from __future__ import annotations

from typing import Any

import pytest

from app.engine import generate, get_template, list_templates, solve
from app.engine.checks import MAX_VECTOR_LENGTH

TEMPLATES = list_templates()


def _oversized(value: Any) -> list[Any]:
    """Values beyond any sensible bound for a param shaped like ``value``."""
    if isinstance(value, (bool, str)):
        return []
    if isinstance(value, int):
        return [10**18, 10**400]
    if isinstance(value, float):
        return [1e300]
    if value and all(isinstance(row, list) for row in value):  # a matrix or a list of layers
        return [[value[0]] * 1000, [row * 1000 for row in value]]
    return [value * 1000, [1e300] * len(value)]


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda t: t.id)
def test_every_param_is_bounded_with_a_message_naming_it(template) -> None:
    params = generate(template.id, 1).params
    for name, value in params.items():
        for huge in _oversized(value):
            with pytest.raises(ValueError) as raised:
                solve(template.id, {**params, name: huge})
            message = str(raised.value)
            assert name in message, (name, message)
            assert len(message) < 300, message  # never echoes the huge value back


def test_conv2d_with_a_huge_padding_and_stride_is_refused() -> None:
    params = generate("conv2d", 1).params
    with pytest.raises(ValueError, match="padding must be at most 5, got 4000"):
        solve("conv2d", {**params, "padding": 4000})
    with pytest.raises(ValueError, match="stride must be at most 10"):
        solve("conv2d", {**params, "stride": 10**9})


def test_a_long_vector_is_refused_before_its_entries_are_read() -> None:
    params = generate("softmax", 1).params
    with pytest.raises(ValueError, match=f"at most {MAX_VECTOR_LENGTH} entries"):
        solve("softmax", {**params, "logits": ["x"] * 10**6})


def test_values_at_the_bounds_still_solve() -> None:
    assert solve("conv_output_size", {"input_size": 4096, "kernel_size": 512, "padding": 512,
                                      "stride": 512, "dilation": 1}) == 10  # fmt: skip
    square = [[1] * 10 for _ in range(10)]
    out = solve("conv2d", {"input": square, "kernel": [[1, 1], [1, 1]], "stride": 1, "padding": 5})
    assert len(out) == 19
    assert get_template("conv2d").explain(
        {"input": square, "kernel": [[1, 1], [1, 1]], "stride": 1, "padding": 5}
    )
