"""The first step of Adam from zero state (optim.Adam)."""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from app.engine.base import Mistake, Params, Template
from app.engine.checks import require_real
from app.engine.explain import bvector, display, num, sci, steps
from app.engine.templates.optimisers import (
    gd_solve,
    old_weights,
    pick,
    sample_vector,
    step_mistakes,
    validate_step,
)

# --- adam_step ---------------------------------------------------------------------


def _adam_sample(rng: np.random.Generator) -> Params:
    n = int(rng.integers(2, 5))
    return {
        "w": sample_vector(rng, n, 2),
        "grad": sample_vector(rng, n, 3),
        "lr": pick(rng, [0.001, 0.01, 0.05, 0.1, 0.2]),
        "beta1": pick(rng, [0.9, 0.9, 0.8, 0.95]),
        "beta2": pick(rng, [0.999, 0.999, 0.99]),
        "eps": pick(rng, [1e-8, 1e-8, 1e-6]),
    }


def _adam_validate(params: Params) -> None:
    validate_step(params)
    require_real(params, "beta1", 0, 0.999999)
    require_real(params, "beta2", 0, 0.999999)
    require_real(params, "eps", 0, 1)
    if params["eps"] == 0 and 0 in params["grad"]:
        raise ValueError("eps must be positive when a gradient entry is 0")


def _adam_solve(params: Params) -> list[Any]:
    b1, b2, lr, eps = params["beta1"], params["beta2"], params["lr"], params["eps"]
    out = []
    for w, g in zip(params["w"], params["grad"], strict=False):
        m_hat = (1 - b1) * g / (1 - b1)
        v_hat = (1 - b2) * g * g / (1 - b2)
        out.append(float(w - lr * m_hat / (math.sqrt(v_hat) + eps)))
    return out


def _adam_uncorrected(params: Params) -> list[Any]:
    b1, b2, lr, eps = params["beta1"], params["beta2"], params["lr"], params["eps"]
    return [
        float(w - lr * (1 - b1) * g / (math.sqrt((1 - b2) * g * g) + eps))
        for w, g in zip(params["w"], params["grad"], strict=True)
    ]


_ADAM_MISTAKES = (
    *step_mistakes(_adam_solve),
    Mistake(
        "no_bias_correction",
        "This is the step without bias correction: at step 1, m̂ = m/(1 − β₁) = g and "
        "v̂ = v/(1 − β₂) = g².",
        _adam_uncorrected,
    ),
    Mistake(
        "plain_sgd",
        "This is a plain SGD step w − η·g; Adam divides by √v̂, so each weight moves by about η.",
        gd_solve,
    ),
)


def _adam_prompt(params: Params) -> str:
    q = params
    return (
        f"`optim.Adam` starts from zero state ($m_0 = v_0 = 0$) with $\\eta = {num(q['lr'])}$, "
        f"$\\beta_1 = {num(q['beta1'])}$, $\\beta_2 = {num(q['beta2'])}$, "
        f"$\\epsilon = {sci(q['eps'])}$. With $w = {bvector(q['w'])}$ and gradient "
        f"$g = {bvector(q['grad'])}$, what are the weights after the first step? (PyTorch: "
        r"bias-corrected moments, $w - \eta\,\hat m / (\sqrt{\hat v} + \epsilon)$.) "
        "Each weight's change must be right to about 1 %."
    )


def _adam_explain(params: Params) -> str:
    b1, b2 = params["beta1"], params["beta2"]
    return steps(
        [
            f"$m_1 = (1-\\beta_1) g = {num(1 - b1)}\\,g$ and $v_1 = (1-\\beta_2) g^2 = "
            f"{num(1 - b2)}\\,g^2$.",
            "Bias correction at step 1 divides by $1-\\beta_1$ and $1-\\beta_2$, so "
            "$\\hat m = g$ and $\\hat v = g^2$, hence $\\sqrt{\\hat v} = |g|$.",
            "The update is $\\eta\\, g / (|g| + \\epsilon) \\approx \\eta\\,\\mathrm{sign}(g)$: "
            f"every weight moves by about $\\eta = {num(params['lr'])}$ against its gradient's sign.",
            display(
                f"w_1 = {bvector(params['w'])} - {num(params['lr'])} \\cdot "
                f"{bvector([math.copysign(1, g) for g in params['grad']])} = "
                f"{bvector(_adam_solve(params), 6)}"
            ),
        ]
    )


ADAM_STEP = Template(
    "adam_step",
    "First Adam step",
    ("w", "grad", "lr", "beta1", "beta2", "eps"),
    "vector",
    _adam_sample,
    _adam_solve,
    _adam_prompt,
    _adam_explain,
    _adam_validate,
    mistakes=_ADAM_MISTAKES,
    reference=old_weights,
)


TEMPLATES = (ADAM_STEP,)
