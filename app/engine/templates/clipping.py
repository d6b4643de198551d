"""Gradient-norm clipping (nn.utils.clip_grad_norm_)."""

from __future__ import annotations

from typing import Any

import numpy as np

from app.engine.base import Mistake, Params, Template
from app.engine.checks import require_real, require_vector
from app.engine.explain import bvector, display, num, paren, steps
from app.engine.templates.optimisers import (
    pick,
    sample_vector,
)

# --- clip_grad_norm ---------------------------------------------------------------


def _clip_sample(rng: np.random.Generator) -> Params:
    return {
        "grad": sample_vector(rng, int(rng.integers(2, 5)), 4),
        "max_norm": pick(rng, [0.5, 1.0, 1.0, 2.0, 5.0]),
    }


def _clip_validate(params: Params) -> None:
    require_vector(params, "grad")
    require_real(params, "max_norm", 0, 1e6)


def _clip_coef(params: Params) -> tuple[float, float]:
    norm = float(np.sqrt(sum(g * g for g in params["grad"])))
    return norm, params["max_norm"] / (norm + 1e-6)


def _clip_solve(params: Params) -> list[Any]:
    _, coef = _clip_coef(params)
    return [float(g * coef) if coef < 1 else float(g) for g in params["grad"]]


def _scaled(params: Params, norm: float) -> list[Any]:
    return [float(g * params["max_norm"] / (norm + 1e-6)) for g in params["grad"]]


def _clip_always(params: Params) -> list[Any]:
    norm, coef = _clip_coef(params)
    if coef < 1:
        raise ValueError("the gradient is clipped anyway")
    return _scaled(params, norm)


def _clip_l1(params: Params) -> list[Any]:
    norm = float(sum(abs(g) for g in params["grad"]))
    if params["max_norm"] / (norm + 1e-6) >= 1:
        return [float(g) for g in params["grad"]]
    return _scaled(params, norm)


_CLIP_MISTAKES = (
    Mistake(
        "not_clipped",
        "This is the gradient unchanged; its norm is above max_norm, so it is scaled down.",
        lambda p: [float(g) for g in p["grad"]],
    ),
    Mistake(
        "scaled_up",
        "This rescales to max_norm although the norm is already below it; "
        "clip_grad_norm_ only ever scales down.",
        _clip_always,
    ),
    Mistake(
        "clip_by_value",
        "This clamps each entry to ±max_norm (clip_grad_value_); clip_grad_norm_ scales "
        "the whole vector by max_norm / ‖g‖.",
        lambda p: [float(min(max(g, -p["max_norm"]), p["max_norm"])) for g in p["grad"]],
    ),
    Mistake(
        "l1_norm",
        "This uses the L1 norm (sum of |g|); clip_grad_norm_ uses the L2 norm by default.",
        _clip_l1,
    ),
)


def _clip_prompt(params: Params) -> str:
    return (
        f"`torch.nn.utils.clip_grad_norm_` with `max_norm={num(params['max_norm'])}` (L2 norm) "
        f"is applied to the gradient $g = {bvector(params['grad'])}$. PyTorch scales by "
        r"$\text{max\_norm} / (\lVert g \rVert + 10^{-6})$ only when that is below 1. "
        "What is the gradient afterwards (to 3 significant figures)?"
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
    mistakes=_CLIP_MISTAKES,
)


TEMPLATES = (CLIP_GRAD_NORM,)
