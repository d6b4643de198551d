"""Batch normalisation in training mode (nn.BatchNorm1d, biased variance)."""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from app.engine.base import Mistake, Params, Template
from app.engine.checks import r, require_real, require_vector
from app.engine.explain import bvector, display, num, paren, sci, steps
from app.engine.sampling import choice

# --- batch_norm -----------------------------------------------------------------


def _bn_sample(rng: np.random.Generator) -> Params:
    n = int(rng.integers(3, 7))
    x = [r(v, 1) for v in rng.uniform(-3, 5, size=n)]
    if len(set(x)) == 1:
        x[0] = x[0] + 1.0
    return {
        "x": x,
        "gamma": choice(rng, [1.0, 1.0, 0.5, 2.0, 1.5]),
        "beta": choice(rng, [0.0, 0.0, 0.1, -0.5, 1.0]),
        "eps": 1e-5,
    }


def _bn_validate(params: Params) -> None:
    require_vector(params, "x", min_length=2)
    require_real(params, "gamma", -1e6, 1e6)
    require_real(params, "beta", -1e6, 1e6)
    require_real(params, "eps", 0, 1)
    if params["eps"] == 0 and len(set(params["x"])) == 1:
        raise ValueError("all x equal and eps = 0: the variance is zero")


def _bn_stats(params: Params) -> tuple[float, float]:
    x = np.array(params["x"], dtype=float)
    return float(x.mean()), float(((x - x.mean()) ** 2).mean())


def _bn_solve(params: Params) -> list[Any]:
    mean, var = _bn_stats(params)
    scale = math.sqrt(var + params["eps"])
    return [float(params["gamma"] * (v - mean) / scale + params["beta"]) for v in params["x"]]


def _bn_variant(
    params: Params, ddof: int = 0, root: bool = True, affine: bool = True, centre: bool = True
) -> list[Any]:
    x = np.array(params["x"], dtype=float)
    mean = float(x.mean())
    spread = float(((x - mean) ** 2).sum() / (len(x) - ddof)) + params["eps"]
    scale = math.sqrt(spread) if root else spread
    gamma, beta = (params["gamma"], params["beta"]) if affine else (1.0, 0.0)
    return [float(gamma * (v - (mean if centre else 0.0)) / scale + beta) for v in params["x"]]


_BN_MISTAKES = (
    Mistake(
        "unbiased_variance",
        "This uses the unbiased variance (divide by n − 1); batch norm normalises with the "
        "biased batch variance (divide by n).",
        lambda p: _bn_variant(p, ddof=1),
    ),
    Mistake(
        "variance_not_rooted",
        "This divides by the variance; batch norm divides by the standard deviation √(σ² + ε).",
        lambda p: _bn_variant(p, root=False),
    ),
    Mistake(
        "gamma_beta_ignored",
        "This is x̂ before the affine step: scale by γ and shift by β.",
        lambda p: _bn_variant(p, affine=False),
    ),
    Mistake(
        "mean_not_subtracted",
        "This divides x by the standard deviation without subtracting the mean first.",
        lambda p: _bn_variant(p, centre=False),
    ),
)


def _bn_prompt(params: Params) -> str:
    q = params
    return (
        f"One feature takes the values $x = {bvector(q['x'])}$ across a batch. "
        f"`nn.BatchNorm1d` in training mode (biased batch variance) with "
        f"$\\gamma = {num(q['gamma'])}$, $\\beta = {num(q['beta'])}$, "
        f"$\\epsilon = {sci(q['eps'])}$ computes $y = \\gamma\\,(x - \\mu)/\\sqrt{{\\sigma^2 + "
        "\\epsilon} + \\beta$. What is $y$ (to 3 decimals)?"
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
    mistakes=_BN_MISTAKES,
)


TEMPLATES = (BATCH_NORM,)
