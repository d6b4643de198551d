"""A 2-2-1 sigmoid network: forward pass and backprop for the first-layer weights."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from app.engine.base import Mistake, Params, Template
from app.engine.checks import r, require_matrix, require_real, require_vector
from app.engine.explain import bmatrix, bvector, display, num, paren, steps
from app.engine.templates.activations import sigmoid

MAX_NET_VALUE = 100.0

NET = (
    r"$\hat y = \sigma(w_2 \cdot h + b_2)$ with $h = \sigma(W_1 x + b_1)$, "
    r"$\sigma(t) = 1/(1+e^{-t})$; row $i$ of $W_1$ feeds hidden unit $i$"
)


@dataclass(frozen=True)
class Forward:
    """Intermediate values of the forward pass."""

    z1: list[float]
    h: list[float]
    z2: float
    y_hat: float


def forward(params: Params, hidden_sigmoid: bool = True) -> Forward:
    """Run the 2-2-1 network on ``params`` (``hidden_sigmoid=False``: a mistake's variant)."""
    x, w1, b1 = params["x"], params["w1"], params["b1"]
    z1 = [float(w1[i][0] * x[0] + w1[i][1] * x[1] + b1[i]) for i in range(2)]
    h = [sigmoid(z) if hidden_sigmoid else z for z in z1]
    z2 = float(params["w2"][0] * h[0] + params["w2"][1] * h[1] + params["b2"])
    return Forward(z1, h, z2, sigmoid(z2))


def _transposed(params: Params) -> Params:
    w1 = params["w1"]
    return {**params, "w1": [[w1[0][0], w1[1][0]], [w1[0][1], w1[1][1]]]}


_MLP_MISTAKES = (
    Mistake(
        "output_sigmoid_forgotten",
        "This is the output pre-activation z_o; the output layer applies σ as well.",
        lambda p: forward(p).z2,
    ),
    Mistake(
        "hidden_sigmoid_forgotten",
        "This skips the sigmoid in the hidden layer; both layers apply σ.",
        lambda p: forward(p, hidden_sigmoid=False).y_hat,
    ),
    Mistake(
        "biases_forgotten",
        "This leaves out the biases b₁ and b₂.",
        lambda p: forward({**p, "b1": [0.0, 0.0], "b2": 0.0}).y_hat,
    ),
    Mistake(
        "w1_transposed",
        "This uses W₁ transposed: row i of W₁ feeds hidden unit i.",
        lambda p: forward(_transposed(p)).y_hat,
    ),
)


def _vals(rng: np.random.Generator, shape: tuple[int, ...], scale: float) -> list[Any]:
    return np.round(rng.uniform(-scale, scale, size=shape), 1).tolist()  # type: ignore[no-any-return]


def _mlp_sample(rng: np.random.Generator) -> Params:
    return {
        "x": _vals(rng, (2,), 2),
        "w1": _vals(rng, (2, 2), 1.5),
        "b1": _vals(rng, (2,), 1),
        "w2": _vals(rng, (2,), 2.5),
        "b2": r(rng.uniform(-1, 1), 1),
    }


def _mlp_validate(params: Params) -> None:
    require_vector(params, "x", 2, max_abs=MAX_NET_VALUE)
    w1 = require_matrix(params, "w1", max_abs=MAX_NET_VALUE)
    if (len(w1), len(w1[0])) != (2, 2):
        raise ValueError(f"w1 must be 2×2, got {len(w1)}×{len(w1[0])}")
    require_vector(params, "b1", 2, max_abs=MAX_NET_VALUE)
    require_vector(params, "w2", 2, max_abs=MAX_NET_VALUE)
    require_real(params, "b2", -MAX_NET_VALUE, MAX_NET_VALUE)


def _forward_lines(params: Params) -> list[str]:
    f = forward(params)
    x, w1, b1, w2 = params["x"], params["w1"], params["b1"], params["w2"]
    z1 = [
        f"z_{i + 1} = {paren(w1[i][0])}\\cdot{paren(x[0])} + {paren(w1[i][1])}\\cdot"
        f"{paren(x[1])} + {paren(b1[i])} = {num(f.z1[i])}, \\quad h_{i + 1} = "
        f"\\sigma({num(f.z1[i])}) = {num(f.h[i])}"
        for i in range(2)
    ]
    out = (
        f"z_o = {paren(w2[0])}\\cdot{num(f.h[0])} + {paren(w2[1])}\\cdot{num(f.h[1])} + "
        f"{paren(params['b2'])} = {num(f.z2)}, \\quad \\hat y = \\sigma({num(f.z2)}) = "
        f"{num(f.y_hat)}"
    )
    return [
        "**Forward pass.**",
        display(r"\begin{aligned}" + r" \\ ".join([*z1, out]) + r"\end{aligned}"),
    ]


def _net_givens(params: Params) -> str:
    return (
        f"$x = {bvector(params['x'])}$, $W_1 = {bmatrix(params['w1'])}$, "
        f"$b_1 = {bvector(params['b1'])}$, $w_2 = {bvector(params['w2'])}$, "
        f"$b_2 = {num(params['b2'])}$"
    )


def _mlp_prompt(params: Params) -> str:
    return (
        f"A 2-2-1 network uses sigmoid in both layers: {NET}. Given {_net_givens(params)}, "
        "compute the output $\\hat y$ to 3 significant figures."
    )


MLP_FORWARD = Template(
    "mlp_forward",
    "Forward pass of a tiny MLP",
    ("x", "w1", "b1", "w2", "b2"),
    "real",
    _mlp_sample,
    lambda p: forward(p).y_hat,
    _mlp_prompt,
    lambda p: steps(_forward_lines(p)),
    _mlp_validate,
    mistakes=_MLP_MISTAKES,
)


# --- backprop_grad ----------------------------------------------------------------------


def _bp_sample(rng: np.random.Generator) -> Params:
    params = _mlp_sample(rng)
    params["y"] = 1.0 if rng.random() < 0.5 else 0.0
    return params


def _bp_validate(params: Params) -> None:
    _mlp_validate(params)
    require_real(params, "y", -MAX_NET_VALUE, MAX_NET_VALUE)


def _deltas(
    params: Params, output_slope: bool = True, hidden_slope: bool = True
) -> tuple[float, list[float]]:
    """δ_o and the hidden δs (the flags drop a sigmoid derivative, for the mistakes)."""
    f = forward(params)
    d_out = (f.y_hat - params["y"]) * (f.y_hat * (1 - f.y_hat) if output_slope else 1.0)
    slopes = [f.h[i] * (1 - f.h[i]) if hidden_slope else 1.0 for i in range(2)]
    return d_out, [d_out * params["w2"][i] * slopes[i] for i in range(2)]


def _bp_solve(params: Params, **flags: bool) -> list[Any]:
    _, d_hidden = _deltas(params, **flags)
    return [[float(d_hidden[i] * params["x"][j]) for j in range(2)] for i in range(2)]


_BP_MISTAKES = (
    Mistake(
        "transposed",
        "This is the transpose: entry (i, j) is δ_i·x_j (hidden unit i, input j).",
        lambda p: [list(row) for row in zip(*_bp_solve(p), strict=True)],
    ),
    Mistake(
        "sign_flipped",
        "This has the opposite sign: ∂C/∂ŷ = ŷ − y, not y − ŷ.",
        lambda p: [[-v for v in row] for row in _bp_solve(p)],
    ),
    Mistake(
        "output_slope_forgotten",
        "This leaves out the output sigmoid's derivative ŷ(1 − ŷ).",
        lambda p: _bp_solve(p, output_slope=False),
    ),
    Mistake(
        "hidden_slope_forgotten",
        "This leaves out the hidden sigmoid's derivative h(1 − h).",
        lambda p: _bp_solve(p, hidden_slope=False),
    ),
)


def _bp_prompt(params: Params) -> str:
    return (
        f"A 2-2-1 network uses sigmoid in both layers: {NET}. The cost is "
        f"$C = \\tfrac12(\\hat y - y)^2$ with target $y = {num(params['y'])}$. Given "
        f"{_net_givens(params)}, compute the gradient $\\partial C / \\partial W_1$ "
        "(a 2×2 matrix, entry $(i, j)$ = $\\partial C/\\partial w_{1,ij}$), to 3 "
        "significant figures."
    )


def _bp_explain(params: Params) -> str:
    f = forward(params)
    d_out, d_h = _deltas(params)
    w2, x = params["w2"], params["x"]
    grad = _bp_solve(params)
    hidden = [
        f"\\delta_{i + 1} = \\delta_o\\, w_{{2,{i + 1}}}\\, h_{i + 1}(1-h_{i + 1}) = "
        f"{num(d_out, 5)}\\cdot{paren(w2[i])}\\cdot{num(f.h[i])}\\cdot{num(1 - f.h[i])} = "
        f"{num(d_h[i], 5)}"
        for i in range(2)
    ]
    entries = [
        f"\\frac{{\\partial C}}{{\\partial w_{{1,{i + 1}{j + 1}}}}} = \\delta_{i + 1} "
        f"x_{j + 1} = {num(d_h[i], 5)}\\cdot{paren(x[j])} = {num(grad[i][j], 5)}"
        for i in range(2)
        for j in range(2)
    ]
    chain = (
        r"\frac{\partial C}{\partial w_{1,ij}} = \underbrace{(\hat y - y)}_{\partial C/"
        r"\partial \hat y}\,\underbrace{\hat y(1-\hat y)}_{\partial \hat y/\partial z_o}\,"
        r"\underbrace{w_{2,i}}_{\partial z_o/\partial h_i}\,\underbrace{h_i(1-h_i)}_{"
        r"\partial h_i/\partial z_i}\,\underbrace{x_j}_{\partial z_i/\partial w_{1,ij}}"
    )
    return steps(
        [
            *_forward_lines(params),
            "**Chain rule.**",
            display(chain),
            display(
                f"\\delta_o = (\\hat y - y)\\,\\hat y(1-\\hat y) = ({num(f.y_hat)} - "
                f"{num(params['y'])})\\cdot{num(f.y_hat)}\\cdot{num(1 - f.y_hat)} = "
                f"{num(d_out, 5)}"
            ),
            display(r"\begin{aligned}" + r" \\ ".join(hidden) + r"\end{aligned}"),
            display(r"\begin{aligned}" + r" \\ ".join(entries) + r"\end{aligned}"),
            display(f"\\frac{{\\partial C}}{{\\partial W_1}} = {bmatrix(grad, 5)}"),
        ]
    )


BACKPROP_GRAD = Template(
    "backprop_grad",
    "Backprop: gradient of first-layer weights",
    ("x", "y", "w1", "b1", "w2", "b2"),
    "matrix",
    _bp_sample,
    _bp_solve,
    _bp_prompt,
    _bp_explain,
    _bp_validate,
    mistakes=_BP_MISTAKES,
)

TEMPLATES = (MLP_FORWARD, BACKPROP_GRAD)
