"""One optimiser step: SGD, weight decay, Adam, gradient clipping."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from app.engine.base import Mistake, Params, Template
from app.engine.checks import r, require_real, require_vector, same_length
from app.engine.explain import bvector, display, num, paren, steps


def pick(rng: np.random.Generator, options: list[Any]) -> float:
    return float(options[int(rng.integers(len(options)))])


def sample_vector(rng: np.random.Generator, n: int, scale: float) -> list[Any]:
    values = [r(v, 1) for v in rng.uniform(-scale, scale, size=n)]
    return [v if v != 0 else 0.5 for v in values]


MAX_LR = 10.0
MAX_DECAY = 10.0


def _vector_pair(params: Params) -> None:
    w = require_vector(params, "w")
    g = require_vector(params, "grad")
    same_length(w, g, "w and grad")


def old_weights(params: Params) -> list[Any]:
    """Reference of every step template: the tolerance is 1 % of the update (SPEC §2)."""
    return [float(w) for w in params["w"]]


def _reflected(solve: Callable[[Params], list[Any]]) -> Callable[[Params], list[Any]]:
    """The step taken the other way: w + (w − new) = 2w − new."""
    return lambda p: [2 * w - n for w, n in zip(p["w"], solve(p), strict=True)]


def step_mistakes(solve: Callable[[Params], list[Any]]) -> tuple[Mistake, ...]:
    """Slips every update-step template shares: wrong sign, no step, the update alone."""
    return (
        Mistake(
            "wrong_sign",
            "This steps up the gradient (w + update); gradient descent subtracts it.",
            _reflected(solve),
        ),
        Mistake("no_step", "These are the unchanged weights: no step was taken.", old_weights),
        Mistake(
            "update_only",
            "This is the update alone; the question asks for the new weights w − update.",
            lambda p: [n - w for w, n in zip(p["w"], solve(p), strict=True)],
        ),
    )


# --- gd_step ------------------------------------------------------------------


def _gd_sample(rng: np.random.Generator) -> Params:
    n = int(rng.integers(2, 5))
    return {
        "w": sample_vector(rng, n, 2),
        "grad": sample_vector(rng, n, 3),
        "lr": pick(rng, [0.01, 0.05, 0.1, 0.2, 0.5, 1.0]),
    }


def validate_step(params: Params) -> None:
    _vector_pair(params)
    require_real(params, "lr", 0, MAX_LR)


def gd_solve(params: Params) -> list[Any]:
    return [float(w - params["lr"] * g) for w, g in zip(params["w"], params["grad"], strict=False)]


def _gd_prompt(params: Params) -> str:
    return (
        f"Plain gradient descent (`optim.SGD`, no momentum) with learning rate "
        f"$\\eta = {num(params['lr'])}$: the weights are $w = {bvector(params['w'])}$ and the "
        f"gradient is $\\nabla L = {bvector(params['grad'])}$. What are the weights after one "
        "step $w - \\eta \\nabla L$? (Each weight's change must be right to about 1 %.)"
    )


def _gd_explain(params: Params) -> str:
    lr = params["lr"]
    parts = [
        f"{num(w)} - {num(lr)}\\cdot{paren(g)} = {num(n)}"
        for w, g, n in zip(params["w"], params["grad"], gd_solve(params), strict=False)
    ]
    return steps(
        [
            "Update each weight independently: $w_i \\leftarrow w_i - \\eta\\, g_i$.",
            display(r" \\ ".join(parts).join([r"\begin{aligned}", r"\end{aligned}"])),
            f"New weights: ${bvector(gd_solve(params))}$.",
        ]
    )


GD_STEP = Template(
    "gd_step",
    "Gradient-descent step",
    ("w", "grad", "lr"),
    "vector",
    _gd_sample,
    gd_solve,
    _gd_prompt,
    _gd_explain,
    validate_step,
    mistakes=step_mistakes(gd_solve),
    reference=old_weights,
)


# --- weight_decay_step ----------------------------------------------------------


def _wd_sample(rng: np.random.Generator) -> Params:
    params = _gd_sample(rng)
    params["lr"] = pick(rng, [0.01, 0.05, 0.1, 0.2, 0.5])
    params["c"] = pick(rng, [0.01, 0.05, 0.1, 0.25, 0.5])
    return params


def _wd_validate(params: Params) -> None:
    validate_step(params)
    require_real(params, "c", 0, MAX_DECAY)


def _wd_solve(params: Params) -> list[Any]:
    lr, c = params["lr"], params["c"]
    return [
        float(w - lr * (g + 2 * c * w)) for w, g in zip(params["w"], params["grad"], strict=False)
    ]


def _wd_variant(params: Params, factor: float = 2.0, decay_lr: bool = True) -> list[Any]:
    lr, c = params["lr"], params["c"]
    return [
        float(w - lr * g - (lr if decay_lr else 1.0) * factor * c * w)
        for w, g in zip(params["w"], params["grad"], strict=True)
    ]


_WD_MISTAKES = (
    *step_mistakes(_wd_solve),
    Mistake(
        "lost_factor_two",
        "This uses c·w as the penalty's gradient; the gradient of c‖w‖² is 2c·w.",
        lambda p: _wd_variant(p, factor=1.0),
    ),
    Mistake(
        "no_decay",
        "This is the plain gradient step without the penalty's gradient 2c·w.",
        lambda p: _wd_variant(p, factor=0.0),
    ),
    Mistake(
        "decay_without_lr",
        "This subtracts 2c·w without multiplying it by the learning rate.",
        lambda p: _wd_variant(p, decay_lr=False),
    ),
)


def _wd_prompt(params: Params) -> str:
    return (
        f"The loss has an L2 penalty $c\\lVert w \\rVert^2$ with $c = {num(params['c'])}$, so "
        f"the penalised gradient is $g + 2c\\,w$. With $w = {bvector(params['w'])}$, data "
        f"gradient $g = {bvector(params['grad'])}$ and learning rate "
        f"$\\eta = {num(params['lr'])}$, what are the weights after one gradient-descent step? "
        "(Each weight's change must be right to about 1 %.)"
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
    mistakes=_WD_MISTAKES,
    reference=old_weights,
)


TEMPLATES = (GD_STEP, WEIGHT_DECAY_STEP)
