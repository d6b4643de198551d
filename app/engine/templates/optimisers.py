"""One optimiser step: SGD, weight decay, Adam, gradient clipping."""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from app.engine.base import Mistake, Params, Template
from app.engine.checks import r, require_real, require_vector, same_length
from app.engine.explain import bvector, display, num, paren, sci, steps


def _pick(rng: np.random.Generator, options: list[Any]) -> float:
    return float(options[int(rng.integers(len(options)))])


def _vec(rng: np.random.Generator, n: int, scale: float) -> list[Any]:
    values = [r(v, 1) for v in rng.uniform(-scale, scale, size=n)]
    return [v if v != 0 else 0.5 for v in values]


def _vector_pair(params: Params) -> None:
    w = require_vector(params, "w")
    g = require_vector(params, "grad")
    same_length(w, g, "w and grad")


# --- gd_step ------------------------------------------------------------------


def _gd_sample(rng: np.random.Generator) -> Params:
    n = int(rng.integers(2, 5))
    return {
        "w": _vec(rng, n, 2),
        "grad": _vec(rng, n, 3),
        "lr": _pick(rng, [0.01, 0.05, 0.1, 0.2, 0.5, 1.0]),
    }


def _gd_validate(params: Params) -> None:
    _vector_pair(params)
    require_real(params, "lr", 0)


def _gd_solve(params: Params) -> list[Any]:
    return [float(w - params["lr"] * g) for w, g in zip(params["w"], params["grad"], strict=False)]


def _gd_prompt(params: Params) -> str:
    return (
        f"Plain gradient descent (`optim.SGD`, no momentum) with learning rate "
        f"$\\eta = {num(params['lr'])}$: the weights are $w = {bvector(params['w'])}$ and the "
        f"gradient is $\\nabla L = {bvector(params['grad'])}$. What are the weights after one "
        "step $w - \\eta \\nabla L$?"
    )


def _gd_explain(params: Params) -> str:
    lr = params["lr"]
    parts = [
        f"{num(w)} - {num(lr)}\\cdot{paren(g)} = {num(n)}"
        for w, g, n in zip(params["w"], params["grad"], _gd_solve(params), strict=False)
    ]
    return steps(
        [
            "Update each weight independently: $w_i \\leftarrow w_i - \\eta\\, g_i$.",
            display(r" \\ ".join(parts).join([r"\begin{aligned}", r"\end{aligned}"])),
            f"New weights: ${bvector(_gd_solve(params))}$.",
        ]
    )


GD_STEP = Template(
    "gd_step",
    "Gradient-descent step",
    ("w", "grad", "lr"),
    "vector",
    _gd_sample,
    _gd_solve,
    _gd_prompt,
    _gd_explain,
    _gd_validate,
    mistakes=(
        Mistake(
            "wrong_sign",
            "This is the step up the gradient (w + η·g) instead of down it.",
            lambda p: [float(w + p["lr"] * g) for w, g in zip(p["w"], p["grad"], strict=False)],
        ),
        Mistake(
            "no_step", "These are the unchanged weights: no step was taken.", lambda p: list(p["w"])
        ),
    ),
)


# --- weight_decay_step ----------------------------------------------------------


def _wd_sample(rng: np.random.Generator) -> Params:
    params = _gd_sample(rng)
    params["lr"] = _pick(rng, [0.01, 0.05, 0.1, 0.2, 0.5])
    params["c"] = _pick(rng, [0.01, 0.05, 0.1, 0.25, 0.5])
    return params


def _wd_validate(params: Params) -> None:
    _gd_validate(params)
    require_real(params, "c", 0)


def _wd_solve(params: Params) -> list[Any]:
    lr, c = params["lr"], params["c"]
    return [
        float(w - lr * (g + 2 * c * w)) for w, g in zip(params["w"], params["grad"], strict=False)
    ]


def _wd_prompt(params: Params) -> str:
    return (
        f"The loss has an L2 penalty $c\\lVert w \\rVert^2$ with $c = {num(params['c'])}$, so "
        f"the penalised gradient is $g + 2c\\,w$. With $w = {bvector(params['w'])}$, data "
        f"gradient $g = {bvector(params['grad'])}$ and learning rate "
        f"$\\eta = {num(params['lr'])}$, what are the weights after one gradient-descent step?"
    )


def _wd_explain(params: Params) -> str:
    lr, c = params["lr"], params["c"]
    parts = [
        f"{num(w)} - {num(lr)}\\,\\big({paren(g)} + 2\\cdot{num(c)}\\cdot{paren(w)}\\big) "
        f"= {num(n)}"
        for w, g, n in zip(params["w"], params["grad"], _wd_solve(params), strict=False)
    ]
    return steps(
        [
            r"$w_i \leftarrow w_i - \eta\,(g_i + 2c\,w_i)$ (the penalty's gradient is "
            r"$2c\,w$).",
            display(r" \\ ".join(parts).join([r"\begin{aligned}", r"\end{aligned}"])),
            f"New weights: ${bvector(_wd_solve(params))}$.",
        ]
    )


WEIGHT_DECAY_STEP = Template(
    "weight_decay_step",
    "Gradient step with L2 penalty",
    ("w", "grad", "lr", "c"),
    "vector",
    _wd_sample,
    _wd_solve,
    _wd_prompt,
    _wd_explain,
    _wd_validate,
)


# --- adam_step ---------------------------------------------------------------------


def _adam_sample(rng: np.random.Generator) -> Params:
    n = int(rng.integers(2, 5))
    return {
        "w": _vec(rng, n, 2),
        "grad": _vec(rng, n, 3),
        "lr": _pick(rng, [0.001, 0.01, 0.05, 0.1, 0.2]),
        "beta1": _pick(rng, [0.9, 0.9, 0.8, 0.95]),
        "beta2": _pick(rng, [0.999, 0.999, 0.99]),
        "eps": _pick(rng, [1e-8, 1e-8, 1e-6]),
    }


def _adam_validate(params: Params) -> None:
    _gd_validate(params)
    require_real(params, "beta1", 0, 0.999999)
    require_real(params, "beta2", 0, 0.999999)
    require_real(params, "eps", 0)
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


def _adam_prompt(params: Params) -> str:
    q = params
    return (
        f"`optim.Adam` starts from zero state ($m_0 = v_0 = 0$) with $\\eta = {num(q['lr'])}$, "
        f"$\\beta_1 = {num(q['beta1'])}$, $\\beta_2 = {num(q['beta2'])}$, "
        f"$\\epsilon = {sci(q['eps'])}$. With $w = {bvector(q['w'])}$ and gradient "
        f"$g = {bvector(q['grad'])}$, what are the weights after the first step? (PyTorch: "
        r"bias-corrected moments, $w - \eta\,\hat m / (\sqrt{\hat v} + \epsilon)$.)"
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
)


# --- clip_grad_norm ---------------------------------------------------------------


def _clip_sample(rng: np.random.Generator) -> Params:
    return {
        "grad": _vec(rng, int(rng.integers(2, 5)), 4),
        "max_norm": _pick(rng, [0.5, 1.0, 1.0, 2.0, 5.0]),
    }


def _clip_validate(params: Params) -> None:
    require_vector(params, "grad")
    require_real(params, "max_norm", 0)


def _clip_coef(params: Params) -> tuple[float, float]:
    norm = float(np.sqrt(sum(g * g for g in params["grad"])))
    return norm, params["max_norm"] / (norm + 1e-6)


def _clip_solve(params: Params) -> list[Any]:
    _, coef = _clip_coef(params)
    return [float(g * coef) if coef < 1 else float(g) for g in params["grad"]]


def _clip_prompt(params: Params) -> str:
    return (
        f"`torch.nn.utils.clip_grad_norm_` with `max_norm={num(params['max_norm'])}` (L2 norm) "
        f"is applied to the gradient $g = {bvector(params['grad'])}$. PyTorch scales by "
        r"$\text{max\_norm} / (\lVert g \rVert + 10^{-6})$ only when that is below 1. "
        "What is the gradient afterwards?"
    )


def _clip_explain(params: Params) -> str:
    norm, coef = _clip_coef(params)
    squares = " + ".join(f"{paren(g)}^2" for g in params["grad"])
    verdict = (
        f"$< 1$, so scale every entry by {num(coef)}."
        if coef < 1
        else "$\\ge 1$, so the gradient is left unchanged."
    )
    return steps(
        [
            display(f"\\lVert g \\rVert = \\sqrt{{{squares}}} = {num(norm)}"),
            f"Coefficient: ${num(params['max_norm'])} / ({num(norm)} + 10^{{-6}}) = {num(coef)}$ "
            + verdict,
            display(f"g' = {bvector(_clip_solve(params))}"),
        ]
    )


CLIP_GRAD_NORM = Template(
    "clip_grad_norm",
    "Gradient-norm clipping",
    ("grad", "max_norm"),
    "vector",
    _clip_sample,
    _clip_solve,
    _clip_prompt,
    _clip_explain,
    _clip_validate,
)


TEMPLATES = (GD_STEP, WEIGHT_DECAY_STEP, ADAM_STEP, CLIP_GRAD_NORM)
