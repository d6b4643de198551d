"""Sampling from a language model: temperature and nucleus (top-p) sampling."""

from __future__ import annotations

import math

import numpy as np

from app.engine.base import Mistake, Params, Template
from app.engine.checks import require_real, require_vector
from app.engine.explain import bvector, display, num, steps
from app.engine.templates.drawing import draw_separated, pick

MAX_LENGTH = 16
MAX_LOGIT = 100.0
PROB_SUM_SLACK = 1e-6


def bounded_vector(params: Params, name: str, high: float, min_length: int = 1) -> list[float]:
    """``params[name]`` as a list of at most MAX_LENGTH numbers within ±high."""
    values = require_vector(params, name, min_length=min_length)
    if len(values) > MAX_LENGTH:
        raise ValueError(f"{name} must have at most {MAX_LENGTH} entries, got {len(values)}")
    if any(abs(v) > high for v in values):
        raise ValueError(f"{name} entries must be within ±{high:g}")
    return values


def _softmax(z: np.ndarray) -> list:
    e = np.exp(z - z.max())
    return (e / e.sum()).tolist()


# --- softmax_temperature ------------------------------------------------------------


def _temp_draw(rng: np.random.Generator) -> Params:
    n = int(rng.integers(3, 6))
    return {
        "logits": [float(v) for v in rng.integers(-2, 4, size=n)],
        "temperature": pick(rng, [0.25, 0.5, 0.5, 2.0, 2.0, 4.0]),
    }


def _temp_sample(rng: np.random.Generator) -> Params:
    return draw_separated(rng, _temp_draw, _temp_solve, [m.solver for m in TEMP_MISTAKES])


def _temp_validate(params: Params) -> None:
    bounded_vector(params, "logits", MAX_LOGIT, min_length=2)
    if require_real(params, "temperature", 0.0, 100.0) < 0.01:
        raise ValueError("temperature must be at least 0.01")


def _temp_solve(params: Params) -> list:
    return _softmax(np.array(params["logits"], dtype=float) / params["temperature"])


def _temp_prompt(params: Params) -> str:
    return (
        f"A language model outputs logits $z = {bvector(params['logits'])}$. Sampling at "
        f"temperature $T = {num(params['temperature'])}$ uses $\\mathrm{{softmax}}(z / T)$. "
        "What are the sampling probabilities?"
    )


def _temp_explain(params: Params) -> str:
    t = params["temperature"]
    scaled = [v / t for v in params["logits"]]
    effect = "sharper (closer to greedy)" if t < 1 else "flatter (closer to uniform)"
    return steps(
        [
            f"Divide the logits by $T$: $z / {num(t)} = {bvector(scaled)}$.",
            f"Softmax: $p_i = e^{{z_i/T}} / \\sum_j e^{{z_j/T}}$ with "
            f"$\\sum_j e^{{z_j/T}} = {_exp_sum(scaled)}$:",
            display(f"p = {bvector(_temp_solve(params))}"),
            f"$T = {num(t)}$ makes the distribution {effect} than $T = 1$.",
        ]
    )


def _exp_sum(scaled: list[float]) -> str:
    """KaTeX for Σ e^s, factoring out e^max when the terms would be huge."""
    top = max(scaled)
    if top <= 30:
        return num(sum(math.exp(s) for s in scaled))
    return f"{num(sum(math.exp(s - top) for s in scaled))} \\cdot e^{{{num(top)}}}"


TEMP_MISTAKES = (
    Mistake(
        "multiplied_by_temperature",
        "This multiplies the logits by T; they are divided by it.",
        lambda p: _softmax(np.array(p["logits"], dtype=float) * p["temperature"]),
    ),
    Mistake(
        "temperature_ignored",
        "This is the plain softmax at T = 1.",
        lambda p: _softmax(np.array(p["logits"], dtype=float)),
    ),
    Mistake(
        "probabilities_divided",
        "This divides the T = 1 probabilities by T; the logits are divided before the softmax.",
        lambda p: (
            np.array(_softmax(np.array(p["logits"], dtype=float))) / p["temperature"]
        ).tolist(),
    ),
)

SOFTMAX_TEMPERATURE = Template(
    "softmax_temperature",
    "Softmax with temperature",
    ("logits", "temperature"),
    "vector",
    _temp_sample,
    _temp_solve,
    _temp_prompt,
    _temp_explain,
    _temp_validate,
    mistakes=TEMP_MISTAKES,
)


# --- top_p_tokens -------------------------------------------------------------------


def _top_p_sample(rng: np.random.Generator) -> Params:
    n = int(rng.integers(4, 8))
    cuts = np.sort(rng.choice(np.arange(1, 20), size=n - 1, replace=False))
    probs = [float(v) / 20 for v in np.diff(np.concatenate([[0], cuts, [20]]))]
    totals = [t for t in _cumulative(sorted(probs, reverse=True)) if 0.5 <= t <= 0.95]
    if totals and rng.random() < 0.4:  # a running total that hits top_p exactly
        return {"probs": probs, "top_p": pick(rng, totals)}
    return {"probs": probs, "top_p": pick(rng, [0.5, 0.6, 0.75, 0.8, 0.9, 0.95])}


def _top_p_validate(params: Params) -> None:
    probs = bounded_vector(params, "probs", 1.0)
    if any(v < 0 for v in probs):
        raise ValueError("probs must not be negative")
    if abs(sum(probs) - 1.0) > PROB_SUM_SLACK:
        raise ValueError(f"probs must sum to 1, got {sum(probs):g}")
    if require_real(params, "top_p", 0.0, 1.0) == 0:
        raise ValueError("top_p must be greater than 0")


def _cumulative(probs: list[float]) -> list[float]:
    # Rounded so that 0.3 + 0.6 reaches 0.9 exactly, as the decimal inputs mean.
    return [round(float(s), 9) for s in np.cumsum(probs)]


def _count(probs: list[float], top_p: float, strict: bool = False) -> int:
    for size, total in enumerate(_cumulative(probs), 1):
        if total > top_p or (total == top_p and not strict):
            return size
    return len(probs)


def _top_p_solve(params: Params) -> int:
    return _count(sorted(params["probs"], reverse=True), params["top_p"])


def _top_p_prompt(params: Params) -> str:
    return (
        f"The next-token distribution is $p = {bvector(params['probs'])}$. Nucleus sampling "
        f"with top_p $= {num(params['top_p'])}$ keeps the smallest set of most probable tokens "
        "whose total probability is at least top_p. How many tokens does it keep?"
    )


def _top_p_explain(params: Params) -> str:
    ordered = sorted(params["probs"], reverse=True)
    keep = _top_p_solve(params)
    totals = _cumulative(ordered)
    return steps(
        [
            f"Sort from most to least probable: ${bvector(ordered)}$.",
            f"Running totals: ${bvector(totals)}$.",
            f"The first total at or above {num(params['top_p'])} is {num(totals[keep - 1])}, "
            f"after {keep} token(s); the rest are dropped and the kept ones renormalised.",
            display(f"\\text{{kept}} = {keep}"),
        ]
    )


def _top_p_one_fewer(params: Params) -> int:
    keep = _top_p_solve(params)
    if keep == 1:
        raise ValueError("keeps one token: there is no smaller set")
    return keep - 1


TOP_P_TOKENS = Template(
    "top_p_tokens",
    "Tokens kept by top-p sampling",
    ("probs", "top_p"),
    "int",
    _top_p_sample,
    _top_p_solve,
    _top_p_prompt,
    _top_p_explain,
    _top_p_validate,
    mistakes=(
        Mistake(
            "strictly_greater",
            "This waits for a total strictly above top_p; reaching it exactly is enough.",
            lambda p: _count(sorted(p["probs"], reverse=True), p["top_p"], strict=True),
        ),
        Mistake(
            "unsorted",
            "This adds the tokens in the listed order; sort them by probability first.",
            lambda p: _count(p["probs"], p["top_p"]),
        ),
        Mistake(
            "stopped_below_top_p",
            "This stops before the total reaches top_p; the token that crosses it is kept.",
            _top_p_one_fewer,
        ),
    ),
)


TEMPLATES = (
    SOFTMAX_TEMPERATURE,
    TOP_P_TOKENS,
)
