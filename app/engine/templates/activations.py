"""Activation functions and softmax."""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from app.engine.base import Mistake, Params, Template
from app.engine.checks import r, require_real, require_vector
from app.engine.explain import bvector, display, num, paren, steps

FUNCTIONS = ("sigmoid", "tanh", "relu", "leaky_relu", "swish")


def sigmoid(x: float) -> float:
    """Numerically safe logistic function."""
    if x >= 0:
        return 1.0 / (1.0 + math.exp(-x))
    z = math.exp(x)
    return z / (1.0 + z)


# --- activation -------------------------------------------------------------


def _act_sample(rng: np.random.Generator) -> Params:
    function = FUNCTIONS[int(rng.integers(len(FUNCTIONS)))]
    x = r(rng.uniform(-4, 4), 1 if rng.random() < 0.6 else 2)
    if function in ("relu", "leaky_relu") and rng.random() < 0.6:
        x = -abs(x) if x != 0 else -1.5
    if function == "leaky_relu" and x < 0:
        x = -r(rng.uniform(1, 5), 1)  # keep alpha·x clearly away from 0
    alpha = [0.01, 0.1, 0.2, 0.3][int(rng.integers(4))] if function == "leaky_relu" else 0.01
    return {"function": function, "x": x, "alpha": alpha}


def _act_validate(params: Params) -> None:
    if params["function"] not in FUNCTIONS:
        raise ValueError(
            f"function must be one of {', '.join(FUNCTIONS)}, got {params['function']!r}"
        )
    require_real(params, "x", -50, 50)
    require_real(params, "alpha", 0, 1)


def _act_solve(params: Params) -> float:
    f, x, alpha = params["function"], float(params["x"]), float(params["alpha"])
    if f == "sigmoid":
        return sigmoid(x)
    if f == "tanh":
        return math.tanh(x)
    if f == "relu":
        return max(0.0, x)
    if f == "leaky_relu":
        return x if x >= 0 else alpha * x
    return x * sigmoid(x)


def _for(functions: tuple[str, ...], solver: Any) -> Any:
    """A mistake solver that applies only to some activation functions."""

    def solve(params: Params) -> float:
        if params["function"] not in functions:
            raise ValueError("this mistake concerns another activation")
        return float(solver(float(params["x"]), float(params["alpha"])))

    return solve


_ACT_MISTAKES = (
    Mistake(
        "exponent_sign",
        "This flips the sign in the exponent: σ(x) = 1/(1 + e^(−x)).",
        _for(("sigmoid",), lambda x, _a: sigmoid(-x)),
    ),
    Mistake(
        "swish_exponent_sign",
        "This uses σ(−x); swish is x·σ(x) with σ(x) = 1/(1 + e^(−x)).",
        _for(("swish",), lambda x, _a: x * sigmoid(-x)),
    ),
    Mistake(
        "swish_without_x",
        "This is σ(x) alone; swish multiplies it by x.",
        _for(("swish",), lambda x, _a: sigmoid(x)),
    ),
    Mistake(
        "sigmoid_for_tanh",
        "This is the sigmoid σ(x); tanh ranges over (−1, 1): tanh(x) = 2σ(2x) − 1.",
        _for(("tanh",), lambda x, _a: sigmoid(x)),
    ),
    Mistake(
        "negative_kept",
        "This passes the negative input through unchanged; ReLU outputs 0 for x < 0.",
        _for(("relu",), lambda x, _a: x),
    ),
    Mistake(
        "leaky_as_relu",
        "This is plain ReLU's 0; leaky ReLU keeps α·x for negative inputs.",
        _for(("leaky_relu",), lambda x, _a: max(0.0, x)),
    ),
    Mistake(
        "slope_on_positive",
        "This multiplies a positive input by α; leaky ReLU passes x ≥ 0 unchanged.",
        _for(("leaky_relu",), lambda x, a: a * x),
    ),
)


_DEFINITIONS = {
    "sigmoid": r"\sigma(x) = \frac{1}{1 + e^{-x}}",
    "tanh": r"\tanh(x) = \frac{e^{x} - e^{-x}}{e^{x} + e^{-x}}",
    "relu": r"\mathrm{ReLU}(x) = \max(0, x)",
    "leaky_relu": r"\mathrm{LeakyReLU}(x) = \begin{cases} x & x \ge 0 \\ \alpha x & x < 0 \end{cases}",
    "swish": r"\mathrm{swish}(x) = x \cdot \sigma(x) = \frac{x}{1 + e^{-x}}",
}


def _act_prompt(params: Params) -> str:
    f, x = params["function"], params["x"]
    extra = f" with negative slope $\\alpha = {num(params['alpha'])}$" if f == "leaky_relu" else ""
    torch = {
        "sigmoid": "torch.sigmoid",
        "tanh": "torch.tanh",
        "relu": "F.relu",
        "leaky_relu": "F.leaky_relu",
        "swish": "F.silu",
    }[f]
    return (
        f"Evaluate the activation `{f}`{extra} (PyTorch `{torch}`), defined as "
        f"${_DEFINITIONS[f]}$, at $x = {num(x)}$. Give the result to 3 significant figures."
    )


def _act_explain(params: Params) -> str:
    f, x, alpha = params["function"], float(params["x"]), float(params["alpha"])
    y = _act_solve(params)
    if f == "sigmoid":
        work = (
            f"\\sigma({num(x)}) = \\frac{{1}}{{1 + e^{{{num(-x)}}}}} = "
            f"\\frac{{1}}{{1 + {num(math.exp(-x))}}} = {num(y)}"
        )
    elif f == "tanh":
        work = (
            f"\\tanh({num(x)}) = \\frac{{{num(math.exp(x))} - {num(math.exp(-x))}}}"
            f"{{{num(math.exp(x))} + {num(math.exp(-x))}}} = {num(y)}"
        )
    elif f == "relu":
        work = f"\\max(0, {num(x)}) = {num(y)}"
    elif f == "leaky_relu":
        work = (
            f"{num(x)} \\ge 0 \\Rightarrow {num(y)}"
            if x >= 0
            else f"{num(x)} < 0 \\Rightarrow {num(alpha)} \\cdot {paren(x)} = {num(y, 6)}"
        )
    else:
        work = (
            f"{paren(x)} \\cdot \\sigma({num(x)}) = {paren(x)} \\cdot {num(sigmoid(x))} = {num(y)}"
        )
    return steps([display(_DEFINITIONS[f]), display(work)])


ACTIVATION = Template(
    "activation",
    "Activation function value",
    ("function", "x", "alpha"),
    "real",
    _act_sample,
    _act_solve,
    _act_prompt,
    _act_explain,
    _act_validate,
    mistakes=_ACT_MISTAKES,
)


# --- softmax ----------------------------------------------------------------


def _softmax_sample(rng: np.random.Generator) -> Params:
    n = int(rng.integers(3, 6))
    return {"logits": [r(v, 1) for v in rng.uniform(-3, 4, size=n)]}


def _softmax_validate(params: Params) -> None:
    require_vector(params, "logits", min_length=2, max_abs=500)


def softmax(values: list[Any]) -> list[Any]:
    """Numerically stable softmax of a list, as Python floats."""
    z = np.array(values, dtype=float)
    e = np.exp(z - z.max())
    return [float(v) for v in e / e.sum()]


def _softmax_solve(params: Params) -> list[Any]:
    return softmax(params["logits"])


def _logit_shares(params: Params) -> list[Any]:
    total = float(sum(params["logits"]))
    if total == 0:
        raise ValueError("the logits sum to zero")
    return [float(v) / total for v in params["logits"]]


_SOFTMAX_MISTAKES = (
    Mistake(
        "not_normalised",
        "These are the exponentials e^z without dividing by their sum.",
        lambda p: [math.exp(v) for v in p["logits"]],
    ),
    Mistake(
        "no_exponential",
        "This divides the logits by their sum without exponentiating them first.",
        _logit_shares,
    ),
    Mistake(
        "elementwise_sigmoid",
        "This applies the sigmoid to each logit; softmax normalises e^z over all of them.",
        lambda p: [sigmoid(float(v)) for v in p["logits"]],
    ),
)


def _softmax_prompt(params: Params) -> str:
    return (
        f"Compute `torch.softmax(z, dim=0)` for the logits $z = {bvector(params['logits'])}$, "
        r"where $\mathrm{softmax}(z)_i = e^{z_i} / \sum_j e^{z_j}$. "
        "Give the probabilities to 3 decimals."
    )


def _softmax_explain(params: Params) -> str:
    z = [float(v) for v in params["logits"]]
    m = max(z)
    exps = [math.exp(v - m) for v in z]
    total = sum(exps)
    shifted = [v - m for v in z]
    result = display(r"\mathrm{softmax}(z) = " + bvector(softmax(z)))
    return steps(
        [
            f"Subtract the maximum ${num(m)}$ for stability (it cancels): "
            f"$z - {paren(m)} = {bvector(shifted)}$.",
            f"Exponentiate: $e^{{z - \\max}} = {bvector(exps)}$, sum $= {num(total)}$.",
            "Divide each by the sum:" + result,
        ]
    )


SOFTMAX = Template(
    "softmax",
    "Softmax probabilities",
    ("logits",),
    "vector",
    _softmax_sample,
    _softmax_solve,
    _softmax_prompt,
    _softmax_explain,
    _softmax_validate,
    mistakes=_SOFTMAX_MISTAKES,
)

TEMPLATES = (ACTIVATION, SOFTMAX)
