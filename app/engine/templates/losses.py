"""Losses and normalisation: MSE, cross-entropy, batch norm, dropout scaling."""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from app.engine.base import Params, Template
from app.engine.checks import r, require_int, require_real, require_vector, same_length
from app.engine.explain import bvector, display, num, paren, sci, steps


def _pick(rng: np.random.Generator, options: list[Any]) -> float:
    return float(options[int(rng.integers(len(options)))])


# --- batch_norm -----------------------------------------------------------------


def _bn_sample(rng: np.random.Generator) -> Params:
    n = int(rng.integers(3, 7))
    x = [r(v, 1) for v in rng.uniform(-3, 5, size=n)]
    if len(set(x)) == 1:
        x[0] = x[0] + 1.0
    return {
        "x": x,
        "gamma": _pick(rng, [1.0, 1.0, 0.5, 2.0, 1.5]),
        "beta": _pick(rng, [0.0, 0.0, 0.1, -0.5, 1.0]),
        "eps": 1e-5,
    }


def _bn_validate(params: Params) -> None:
    require_vector(params, "x", min_length=2)
    require_real(params, "gamma")
    require_real(params, "beta")
    require_real(params, "eps", 0)
    if params["eps"] == 0 and len(set(params["x"])) == 1:
        raise ValueError("all x equal and eps = 0: the variance is zero")


def _bn_stats(params: Params) -> tuple[float, float]:
    x = np.array(params["x"], dtype=float)
    return float(x.mean()), float(((x - x.mean()) ** 2).mean())


def _bn_solve(params: Params) -> list[Any]:
    mean, var = _bn_stats(params)
    scale = math.sqrt(var + params["eps"])
    return [float(params["gamma"] * (v - mean) / scale + params["beta"]) for v in params["x"]]


def _bn_prompt(params: Params) -> str:
    q = params
    return (
        f"One feature takes the values $x = {bvector(q['x'])}$ across a batch. "
        f"`nn.BatchNorm1d` in training mode (biased batch variance) with "
        f"$\\gamma = {num(q['gamma'])}$, $\\beta = {num(q['beta'])}$, "
        f"$\\epsilon = {sci(q['eps'])}$ computes $y = \\gamma\\,(x - \\mu)/\\sqrt{{\\sigma^2 + "
        "\\epsilon} + \\beta$. What is $y$?"
    )


def _bn_explain(params: Params) -> str:
    mean, var = _bn_stats(params)
    n = len(params["x"])
    devs = " + ".join(f"{paren(v - mean)}^2" for v in params["x"])
    return steps(
        [
            f"Mean: $\\mu = {num(sum(params['x']))} / {n} = {num(mean)}$.",
            f"Biased variance: $\\sigma^2 = \\frac{{1}}{{{n}}}({devs}) = {num(var)}$.",
            f"Normalise: $\\hat x = (x - {paren(mean)}) / \\sqrt{{{num(var)} + {sci(params['eps'])}}}$, "
            f"then scale by $\\gamma = {num(params['gamma'])}$ and shift by "
            f"$\\beta = {num(params['beta'])}$:",
            display(f"y = {bvector(_bn_solve(params))}"),
        ]
    )


BATCH_NORM = Template(
    "batch_norm",
    "Batch normalisation (training)",
    ("x", "gamma", "beta", "eps"),
    "vector",
    _bn_sample,
    _bn_solve,
    _bn_prompt,
    _bn_explain,
    _bn_validate,
)


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


def _mse_prompt(params: Params) -> str:
    return (
        f"Targets $y = {bvector(params['y'])}$, predictions $\\hat y = "
        f"{bvector(params['y_hat'])}$. What is `F.mse_loss(y_hat, y)` (mean of squared "
        "errors, `reduction='mean'`)?"
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
)


# --- cross_entropy -----------------------------------------------------------------


def _ce_sample(rng: np.random.Generator) -> Params:
    n = int(rng.integers(3, 6))
    return {"logits": [r(v, 1) for v in rng.uniform(-2, 3, size=n)], "target": int(rng.integers(n))}


def _ce_validate(params: Params) -> None:
    logits = require_vector(params, "logits", min_length=2)
    require_int(params, "target", 0, len(logits) - 1)


def _ce_solve(params: Params) -> float:
    z = np.array(params["logits"], dtype=float)
    m = z.max()
    return float(m + math.log(np.exp(z - m).sum()) - z[params["target"]])


def _ce_prompt(params: Params) -> str:
    return (
        f"For logits $z = {bvector(params['logits'])}$ and target class "
        f"{params['target']} (0-based), what is `F.cross_entropy(z, target)`, i.e. "
        "$-\\log \\mathrm{softmax}(z)_{target}$ with the natural log?"
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
)


# --- dropout_scale -------------------------------------------------------------------


def _drop_sample(rng: np.random.Generator) -> Params:
    return {"p": _pick(rng, [0.1, 0.2, 0.25, 0.3, 0.4, 0.5, 0.6, 0.75, 0.8, 0.9])}


def _drop_validate(params: Params) -> None:
    if require_real(params, "p", 0) >= 1:
        raise ValueError(f"p must be in [0, 1), got {params['p']}")


def _drop_solve(params: Params) -> float:
    return 1.0 / (1.0 - float(params["p"]))


def _drop_prompt(params: Params) -> str:
    return (
        f"`nn.Dropout(p={num(params['p'])})` in training mode zeroes each activation with "
        "probability $p$ and uses inverted dropout. By what factor are the surviving "
        "activations multiplied?"
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
)

TEMPLATES = (BATCH_NORM, MSE_LOSS, CROSS_ENTROPY, DROPOUT_SCALE)
