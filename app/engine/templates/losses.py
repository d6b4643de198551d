"""Losses and dropout: MSE, cross-entropy, inverted-dropout scaling."""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from app.engine.base import Mistake, Params, Template
from app.engine.checks import r, require_int, require_real, require_vector, same_length
from app.engine.explain import bvector, display, num, paren, steps


def _pick(rng: np.random.Generator, options: list[Any]) -> float:
    return float(options[int(rng.integers(len(options)))])


# --- mse_loss ---------------------------------------------------------------------


def _mse_sample(rng: np.random.Generator) -> Params:
    n = int(rng.integers(3, 6))
    y = [r(v, 1) for v in rng.uniform(-2, 4, size=n)]
    return {"y": y, "y_hat": [r(v + rng.normal(0, 1), 1) for v in y]}


def _mse_validate(params: Params) -> None:
    same_length(require_vector(params, "y"), require_vector(params, "y_hat"), "y and y_hat")


def _mse_solve(params: Params) -> float:
    diffs = [a - b for a, b in zip(params["y_hat"], params["y"], strict=False)]
    return float(sum(d * d for d in diffs) / len(diffs))


def _errors(params: Params) -> list[float]:
    return [float(a - b) for a, b in zip(params["y_hat"], params["y"], strict=True)]


_MSE_MISTAKES = (
    Mistake(
        "sum_not_mean",
        "This is the sum of squared errors (reduction='sum'); the default averages them.",
        lambda p: sum(d * d for d in _errors(p)),
    ),
    Mistake(
        "not_squared",
        "This averages the absolute errors (L1 loss); MSE squares them.",
        lambda p: sum(abs(d) for d in _errors(p)) / len(p["y"]),
    ),
    Mistake(
        "root_taken",
        "This is the root of the mean squared error (RMSE); MSE has no square root.",
        lambda p: math.sqrt(sum(d * d for d in _errors(p)) / len(p["y"])),
    ),
    Mistake(
        "halved",
        "This halves the mean (the ½ of some textbooks); F.mse_loss has no ½.",
        lambda p: sum(d * d for d in _errors(p)) / len(p["y"]) / 2,
    ),
)


def _mse_prompt(params: Params) -> str:
    return (
        f"Targets $y = {bvector(params['y'])}$, predictions $\\hat y = "
        f"{bvector(params['y_hat'])}$. What is `F.mse_loss(y_hat, y)` (mean of squared "
        "errors, `reduction='mean'`)? Give it to 3 significant figures."
    )


def _mse_explain(params: Params) -> str:
    diffs = [a - b for a, b in zip(params["y_hat"], params["y"], strict=False)]
    squares = " + ".join(f"{paren(d)}^2" for d in diffs)
    return steps(
        [
            f"Errors $\\hat y - y = {bvector(diffs)}$.",
            display(
                f"\\frac{{1}}{{{len(diffs)}}}\\left({squares}\\right) = "
                f"\\frac{{{num(sum(d * d for d in diffs))}}}{{{len(diffs)}}} = "
                f"{num(_mse_solve(params))}"
            ),
        ]
    )


MSE_LOSS = Template(
    "mse_loss",
    "Mean squared error",
    ("y", "y_hat"),
    "real",
    _mse_sample,
    _mse_solve,
    _mse_prompt,
    _mse_explain,
    _mse_validate,
    mistakes=_MSE_MISTAKES,
)


# --- cross_entropy -----------------------------------------------------------------


def _ce_sample(rng: np.random.Generator) -> Params:
    n = int(rng.integers(3, 6))
    return {"logits": [r(v, 1) for v in rng.uniform(-2, 3, size=n)], "target": int(rng.integers(n))}


def _ce_validate(params: Params) -> None:
    logits = require_vector(params, "logits", min_length=2, max_abs=500)
    require_int(params, "target", 0, len(logits) - 1)


def _ce_solve(params: Params) -> float:
    z = np.array(params["logits"], dtype=float)
    m = z.max()
    return float(m + math.log(np.exp(z - m).sum()) - z[params["target"]])


_CE_MISTAKES = (
    Mistake(
        "log_base_2",
        "This uses log base 2; F.cross_entropy uses the natural log.",
        lambda p: _ce_solve(p) / math.log(2),
    ),
    Mistake(
        "log_base_10",
        "This uses log base 10; F.cross_entropy uses the natural log.",
        lambda p: _ce_solve(p) / math.log(10),
    ),
    Mistake(
        "probability_not_loss",
        "This is the softmax probability of the target; the loss is its negative log.",
        lambda p: math.exp(-_ce_solve(p)),
    ),
    Mistake(
        "log_sum_exp_forgotten",
        "This is −z_target alone; the loss adds log Σ e^z (the softmax's normaliser).",
        lambda p: -float(p["logits"][p["target"]]),
    ),
)


def _ce_prompt(params: Params) -> str:
    return (
        f"For logits $z = {bvector(params['logits'])}$ and target class "
        f"{params['target']} (0-based), what is `F.cross_entropy(z, target)`, i.e. "
        "$-\\log \\mathrm{softmax}(z)_{target}$ with the natural log? Give it to 3 significant figures."
    )


def _ce_explain(params: Params) -> str:
    z, t = params["logits"], params["target"]
    total = sum(math.exp(v) for v in z)
    exps = " + ".join(f"e^{{{num(v)}}}" for v in z)
    return steps(
        [
            "Cross-entropy on logits is $-z_t + \\log \\sum_j e^{z_j}$.",
            display(f"\\sum_j e^{{z_j}} = {exps} = {num(total)}"),
            display(
                f"L = -{paren(z[t])} + \\ln {num(total)} = {num(-z[t])} + {num(math.log(total))}"
                f" = {num(_ce_solve(params))}"
            ),
            f"(Equivalently, $p_{{{t}}} = e^{{{num(z[t])}}}/{num(total)} = "
            f"{num(math.exp(z[t]) / total)}$ and $-\\ln p_{{{t}}}$ gives the same.)",
        ]
    )


CROSS_ENTROPY = Template(
    "cross_entropy",
    "Cross-entropy loss",
    ("logits", "target"),
    "real",
    _ce_sample,
    _ce_solve,
    _ce_prompt,
    _ce_explain,
    _ce_validate,
    mistakes=_CE_MISTAKES,
)


# --- dropout_scale -------------------------------------------------------------------


def _drop_sample(rng: np.random.Generator) -> Params:
    return {"p": _pick(rng, [0.1, 0.2, 0.25, 0.3, 0.4, 0.5, 0.6, 0.75, 0.8, 0.9])}


def _drop_validate(params: Params) -> None:
    if require_real(params, "p", 0) >= 1:
        raise ValueError(f"p must be in [0, 1), got {params['p']}")


def _drop_solve(params: Params) -> float:
    return 1.0 / (1.0 - float(params["p"]))


_DROP_MISTAKES = (
    Mistake(
        "keep_probability",
        "This is the keep probability 1 − p; survivors are divided by it, i.e. scaled by "
        "1/(1 − p).",
        lambda p: 1.0 - float(p["p"]),
    ),
    Mistake(
        "one_over_p",
        "This is 1/p; PyTorch's p is the drop probability, so survivors are scaled by 1/(1 − p).",
        lambda p: 1.0 / float(p["p"]),
    ),
    Mistake(
        "no_scaling",
        "This leaves survivors unscaled (classic dropout rescales at test time instead); "
        "inverted dropout scales by 1/(1 − p) in training.",
        lambda p: 1.0,
    ),
)


def _drop_prompt(params: Params) -> str:
    return (
        f"`nn.Dropout(p={num(params['p'])})` in training mode zeroes each activation with "
        "probability $p$ and uses inverted dropout. By what factor are the surviving "
        "activations multiplied? Give it to 3 significant figures."
    )


def _drop_explain(params: Params) -> str:
    p = params["p"]
    return steps(
        [
            "Inverted dropout rescales survivors so the expected activation is unchanged: "
            "$\\mathbb{E}[\\text{out}] = (1-p)\\cdot s\\cdot x = x$.",
            display(
                f"s = \\frac{{1}}{{1 - {num(p)}}} = \\frac{{1}}{{{num(1 - p)}}} = "
                f"{num(_drop_solve(params))}"
            ),
        ]
    )


DROPOUT_SCALE = Template(
    "dropout_scale",
    "Inverted dropout scale",
    ("p",),
    "real",
    _drop_sample,
    _drop_solve,
    _drop_prompt,
    _drop_explain,
    _drop_validate,
    mistakes=_DROP_MISTAKES,
)

TEMPLATES = (MSE_LOSS, CROSS_ENTROPY, DROPOUT_SCALE)
