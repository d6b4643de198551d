"""Hand-worked cases for every template, incl. well-known PyTorch facts."""

from __future__ import annotations

import math

import numpy as np
import pytest

from app.engine import answers_match, generate, get_template, list_templates, solve
from app.engine.templates.networks import forward
from tests.engine.test_engine_cases_2026 import CASES_2026

CASES = [
    # sizes
    ("conv_output_size", dict(input_size=5, kernel_size=7, padding=1, stride=1, dilation=1), 1),
    ("conv_output_size", dict(input_size=32, kernel_size=3, padding=1, stride=1, dilation=1), 32),
    ("conv_output_size", dict(input_size=227, kernel_size=11, padding=0, stride=4, dilation=1), 55),
    ("conv_output_size", dict(input_size=224, kernel_size=7, padding=3, stride=2, dilation=1), 112),
    ("conv_output_size", dict(input_size=10, kernel_size=3, padding=0, stride=2, dilation=1), 4),
    ("conv_output_size", dict(input_size=7, kernel_size=3, padding=0, stride=1, dilation=2), 3),
    ("pool_output_size", dict(input_size=112, kernel_size=3, stride=2, padding=1), 56),
    ("pool_output_size", dict(input_size=7, kernel_size=2, stride=2, padding=0), 3),
    ("pool_output_size", dict(input_size=28, kernel_size=2, stride=2, padding=0), 14),
    ("same_padding", dict(kernel_size=3), 1),
    ("same_padding", dict(kernel_size=7), 3),
    ("iterations_per_epoch", dict(dataset_size=10000, batch_size=200, drop_last=False), 50),
    ("iterations_per_epoch", dict(dataset_size=10000, batch_size=200, drop_last=True), 50),
    ("iterations_per_epoch", dict(dataset_size=10001, batch_size=200, drop_last=False), 51),
    ("iterations_per_epoch", dict(dataset_size=10001, batch_size=200, drop_last=True), 50),
    ("iterations_per_epoch", dict(dataset_size=50000, batch_size=128, drop_last=False), 391),
    (
        "total_iterations",
        dict(dataset_size=50000, batch_size=128, epochs=10, drop_last=False),
        3910,
    ),
    ("total_iterations", dict(dataset_size=50000, batch_size=128, epochs=10, drop_last=True), 3900),
    # convolution
    (
        "conv2d",
        dict(
            input=[[3, 9, 4], [11, 1, 8], [2, 13, 7]], kernel=[[0, 0], [1, 1]], stride=1, padding=0
        ),
        [[12, 9], [15, 20]],
    ),
    (
        "conv2d",
        dict(input=[[1, 2], [3, 4]], kernel=[[1]], stride=1, padding=1),
        [[0, 0, 0, 0], [0, 1, 2, 0], [0, 3, 4, 0], [0, 0, 0, 0]],
    ),
    (
        "conv2d",
        dict(
            input=np.arange(1, 26).reshape(5, 5).tolist(), kernel=[[1] * 3] * 3, stride=2, padding=0
        ),
        [[63, 81], [153, 171]],
    ),
    (
        "conv2d",
        dict(input=[[1, 2, 3], [4, 5, 6]], kernel=[[1, -1]], stride=2, padding=0),
        [[-1]],
    ),  # stride 2 skips the second row: (2 - 1) // 2 + 1 = 1
    (
        "conv2d",
        dict(input=[[1, 2, 3], [4, 5, 6], [7, 8, 9]], kernel=[[1, -1]], stride=2, padding=0),
        [[-1], [-1]],
    ),
    ("elementwise_product", dict(a=[[1, 2], [3, 4]], b=[[5, 6], [7, 8]]), [[5, 12], [21, 32]]),
    ("elementwise_product", dict(a=[[-1, 0, 2]], b=[[3, 5, -2]]), [[-3, 0, -4]]),
    # activations
    ("activation", dict(function="sigmoid", x=0.0, alpha=0.01), 0.5),
    ("activation", dict(function="sigmoid", x=2.0, alpha=0.01), 0.8808),
    ("activation", dict(function="tanh", x=1.0, alpha=0.01), 0.7616),
    ("activation", dict(function="tanh", x=-0.5, alpha=0.01), -0.4621),
    ("activation", dict(function="relu", x=-2.0, alpha=0.01), 0.0),
    ("activation", dict(function="relu", x=1.7, alpha=0.01), 1.7),
    ("activation", dict(function="leaky_relu", x=-2.0, alpha=0.1), -0.2),
    ("activation", dict(function="leaky_relu", x=3.0, alpha=0.1), 3.0),
    ("activation", dict(function="swish", x=1.0, alpha=0.01), 0.7311),
    ("activation", dict(function="swish", x=-1.0, alpha=0.01), -0.2689),
    ("softmax", dict(logits=[1, 2, 3]), [0.0900, 0.2447, 0.6652]),
    ("softmax", dict(logits=[0.0, 0.0]), [0.5, 0.5]),
    # parameter counts
    ("dense_params", dict(in_features=128, out_features=10, bias=True), 1290),
    ("dense_params", dict(in_features=128, out_features=10, bias=False), 1280),
    ("conv_params", dict(in_channels=3, out_channels=64, kernel_size=3, bias=True), 1792),
    ("conv_params", dict(in_channels=64, out_channels=128, kernel_size=3, bias=False), 73728),
    ("lstm_params", dict(input_size=10, hidden_size=20), 2560),
    ("gru_params", dict(input_size=10, hidden_size=20), 1920),
    # optimisers
    ("gd_step", dict(w=[1.0, 2.0], grad=[0.5, -1.0], lr=0.1), [0.95, 2.1]),
    ("weight_decay_step", dict(w=[1.0, -2.0], grad=[0.5, 0.5], lr=0.1, c=0.5), [0.85, -1.85]),
    (
        "adam_step",
        dict(w=[1.0, -1.0, 0.5], grad=[0.3, -2.0, 5.0], lr=0.01, beta1=0.9, beta2=0.999, eps=1e-8),
        [0.99, -0.99, 0.49],
    ),
    ("clip_grad_norm", dict(grad=[3.0, 4.0], max_norm=1.0), [0.6, 0.8]),
    ("clip_grad_norm", dict(grad=[0.3, 0.4], max_norm=1.0), [0.3, 0.4]),
    ("lr_divergence", dict(a=4.0), 0.5),
    ("lr_divergence", dict(a=3.0), 0.6667),
    # losses / normalisation
    ("batch_norm", dict(x=[1.0, 2.0, 3.0], gamma=1.0, beta=0.0, eps=1e-5), [-1.2247, 0.0, 1.2247]),
    ("batch_norm", dict(x=[1.0, 2.0, 3.0], gamma=2.0, beta=1.0, eps=1e-5), [-1.4495, 1.0, 3.4495]),
    ("mse_loss", dict(y=[1.0, 2.0, 3.0], y_hat=[1.0, 2.0, 5.0]), 4 / 3),
    ("cross_entropy", dict(logits=[2.0, 1.0, 0.1], target=0), 0.4170),
    ("cross_entropy", dict(logits=[0.0, 0.0, 0.0, 0.0], target=3), math.log(4)),
    ("dropout_scale", dict(p=0.5), 2.0),
    ("dropout_scale", dict(p=0.2), 1.25),
    # networks
    (
        "mlp_forward",
        dict(x=[1.0, 1.0], w1=[[1.0, -1.0], [0.5, 0.5]], b1=[0.0, -1.0], w2=[2.0, -2.0], b2=0.0),
        0.5,
    ),
    (
        "backprop_grad",
        dict(
            x=[1.0, 1.0],
            y=1.0,
            w1=[[1.0, -1.0], [0.5, 0.5]],
            b1=[0.0, -1.0],
            w2=[2.0, -2.0],
            b2=0.0,
        ),
        [[-0.0625, -0.0625], [0.0625, 0.0625]],
    ),
    # extras
    ("receptive_field", dict(layers=[[3, 1], [3, 1]]), 5),
    ("receptive_field", dict(layers=[[7, 2], [3, 2], [3, 1]]), 19),
    (
        "cnn_params",
        dict(
            input_shape=[1, 28, 28],
            layers=[
                ["conv", 6, 5, 2],
                ["maxpool", 2],
                ["conv", 16, 5, 0],
                ["maxpool", 2],
                ["linear", 120],
                ["linear", 84],
                ["linear", 10],
            ],
        ),
        61706,
    ),  # LeNet-5
]


@pytest.mark.parametrize("template_id, params, expected", CASES)
def test_hand_worked_case(template_id: str, params: dict, expected: object) -> None:
    got = solve(template_id, params)
    tight = (lambda a, b: abs(a - b) <= 1e-4) if not isinstance(expected, int) else None
    if tight is None:
        assert got == expected
    else:
        flat_got = np.ravel(np.array(got, dtype=float))
        flat_exp = np.ravel(np.array(expected, dtype=float))
        assert flat_got.shape == flat_exp.shape
        assert np.allclose(flat_got, flat_exp, atol=1e-4), (got, expected)
    assert answers_match(got, expected)  # type: ignore[arg-type]


def test_every_template_has_a_hand_case() -> None:
    assert {t.id for t in list_templates()} <= {case[0] for case in CASES + CASES_2026}


def test_cross_entropy_exact_value() -> None:
    value = solve("cross_entropy", dict(logits=[2.0, 1.0, 0.1], target=0))
    assert value == pytest.approx(0.41703, abs=1e-5)


def test_adam_first_step_is_lr_times_sign() -> None:
    for seed in range(30):
        params = generate("adam_step", seed).params
        moved = np.subtract(params["w"], solve("adam_step", params))
        assert np.allclose(moved, params["lr"] * np.sign(params["grad"]), rtol=1e-5, atol=1e-9)


def _cost(params: dict) -> float:
    return 0.5 * (forward(params).y_hat - params["y"]) ** 2


def test_backprop_matches_finite_differences() -> None:
    for seed in range(25):
        params = generate("backprop_grad", seed).params
        grad = solve("backprop_grad", params)
        for i in range(2):
            for j in range(2):
                up, down = (
                    {
                        **params,
                        "w1": [
                            [w + (d if (r, c) == (i, j) else 0) for c, w in enumerate(row)]
                            for r, row in enumerate(params["w1"])
                        ],
                    }
                    for d in (1e-6, -1e-6)
                )
                numeric = (_cost(up) - _cost(down)) / 2e-6
                assert grad[i][j] == pytest.approx(numeric, abs=1e-8)  # type: ignore[index]


def test_conv2d_matches_numpy_sliding_window() -> None:
    for seed in range(40):
        q = generate("conv2d", seed).params
        x = np.pad(np.array(q["input"]), q["padding"])
        k = np.array(q["kernel"])
        windows = np.lib.stride_tricks.sliding_window_view(x, k.shape)[
            :: q["stride"], :: q["stride"]
        ]
        assert solve("conv2d", q) == np.einsum("ijkl,kl->ij", windows, k).tolist()


def test_conv2d_explanation_shows_window_sums() -> None:
    template = get_template("conv2d")
    text = template.explain(
        dict(
            input=[[3, 9, 4], [11, 1, 8], [2, 13, 7]], kernel=[[0, 0], [1, 1]], stride=1, padding=0
        )
    )
    assert "(3·0)+(9·0)+(11·1)+(1·1) = 12" in text
    assert "(1·0)+(8·0)+(13·1)+(7·1) = 20" in text
    assert r"\begin{bmatrix} 12 & 9 \\ 15 & 20 \end{bmatrix}" in text


def test_backprop_explanation_shows_chain_rule() -> None:
    text = generate("backprop_grad", 3).explanation
    assert r"\delta_o" in text and r"\delta_1" in text and r"\delta_2" in text
    assert r"\frac{\partial C}{\partial w_{1,21}}" in text
    assert r"\begin{bmatrix}" in text


INVALID = [
    (
        "conv_output_size",
        dict(input_size=3, kernel_size=7, padding=1, stride=1, dilation=1),
        "larger than the padded input",
    ),
    (
        "conv_output_size",
        dict(input_size=5, kernel_size=3, padding=0, stride=0, dilation=1),
        "stride",
    ),
    ("conv_output_size", dict(input_size=5, kernel_size=3, padding=0, stride=1), "dilation"),
    ("pool_output_size", dict(input_size=8, kernel_size=2, stride=2, padding=2), "half"),
    ("same_padding", dict(kernel_size=4), "odd"),
    ("iterations_per_epoch", dict(dataset_size=100, batch_size=0, drop_last=True), "batch_size"),
    ("iterations_per_epoch", dict(dataset_size=100, batch_size=10, drop_last="yes"), "drop_last"),
    (
        "conv2d",
        dict(input=[[1, 2], [3, 4]], kernel=[[1, 1, 1]] * 3, stride=1, padding=0),
        "larger than the padded input",
    ),
    ("conv2d", dict(input=[[1, 2], [3]], kernel=[[1]], stride=1, padding=0), "rectangular"),
    ("elementwise_product", dict(a=[[1, 2]], b=[[1], [2]]), "same shape"),
    ("activation", dict(function="gelu", x=1.0, alpha=0.1), "function"),
    ("softmax", dict(logits=[1.0, "a"]), "logits"),
    ("dense_params", dict(in_features=2.5, out_features=3, bias=True), "in_features"),
    ("lstm_params", dict(input_size=0, hidden_size=3), "input_size"),
    ("gd_step", dict(w=[1.0, 2.0], grad=[1.0], lr=0.1), "same length"),
    ("adam_step", dict(w=[1.0], grad=[1.0], lr=0.1, beta1=1.0, beta2=0.9, eps=1e-8), "beta1"),
    ("batch_norm", dict(x=[1.0, 2.0], gamma=1.0, beta=0.0, eps=-1.0), "eps"),
    ("mse_loss", dict(y=[1.0, 2.0], y_hat=[1.0]), "same length"),
    ("cross_entropy", dict(logits=[1.0, 2.0], target=2), "target"),
    ("dropout_scale", dict(p=1.0), "p must be"),
    ("clip_grad_norm", dict(grad=[1.0], max_norm=float("nan")), "max_norm"),
    (
        "mlp_forward",
        dict(x=[1.0, 2.0], w1=[[1.0, 2.0, 3.0]], b1=[0.0, 0.0], w2=[1.0, 1.0], b2=0.0),
        "2×2",
    ),
    (
        "backprop_grad",
        dict(x=[1.0], y=1.0, w1=[[1.0, 0.0], [0.0, 1.0]], b1=[0.0, 0.0], w2=[1.0, 1.0], b2=0.0),
        "x must have 2",
    ),
    ("receptive_field", dict(layers=[[3]]), "kernel_size, stride"),
    ("cnn_params", dict(input_shape=[1, 4, 4], layers=[["conv", 8, 5, 0]]), "nothing"),
    ("cnn_params", dict(input_shape=[1, 8, 8], layers=[["dense", 8]]), "bad layer"),
    ("lr_divergence", dict(a=-1.0), "positive"),
    ("lr_divergence", dict(a=1.0, b=2.0), "unknown param"),
]


@pytest.mark.parametrize("template_id, params, message", INVALID)
def test_invalid_params_raise_clear_value_error(
    template_id: str, params: dict, message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        solve(template_id, params)
