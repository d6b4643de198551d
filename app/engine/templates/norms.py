"""Per-token normalisation: F.layer_norm and F.rms_norm over one vector."""

from __future__ import annotations

import numpy as np

from app.engine.base import Mistake, Params, Template
from app.engine.checks import require_real, require_vector
from app.engine.explain import bvector, display, num, paren, sci, steps
from app.engine.templates.drawing import draw_separated, pick

MAX_LENGTH = 16
MAX_ENTRY = 1e4
MAX_EPS = 0.1


def _vector(params: Params, name: str, length: int | None = None) -> np.ndarray:
    values = require_vector(params, name, length=length, min_length=2)
    if len(values) > MAX_LENGTH:
        raise ValueError(f"{name} must have at most {MAX_LENGTH} entries, got {len(values)}")
    if any(abs(v) > MAX_ENTRY for v in values):
        raise ValueError(f"{name} entries must be within ±{MAX_ENTRY:g}")
    return np.array(values, dtype=float)


def _eps(params: Params) -> float:
    return require_real(params, "eps", 0.0, MAX_EPS)


def _draw_x(rng: np.random.Generator) -> list[float]:
    n = int(rng.integers(3, 6))
    x = [float(v) for v in rng.integers(-3, 7, size=n)]
    if len(set(x)) == 1:
        x[0] += 2.0
    return x


# --- layer_norm ---------------------------------------------------------------------


def _ln_draw(rng: np.random.Generator) -> Params:
    x = _draw_x(rng)
    return {
        "x": x,
        "gamma": [pick(rng, [0.5, 1.0, 1.0, 2.0]) for _ in x],
        "beta": [pick(rng, [-1.0, 0.0, 0.0, 0.5, 1.0]) for _ in x],
        "eps": 1e-5,
    }


def _ln_sample(rng: np.random.Generator) -> Params:
    return draw_separated(rng, _ln_draw, _ln_solve, [m.solver for m in LN_MISTAKES])


def _ln_validate(params: Params) -> None:
    x = _vector(params, "x")
    _vector(params, "gamma", len(x))
    _vector(params, "beta", len(x))
    if _eps(params) == 0 and np.ptp(x) == 0:
        raise ValueError("all x equal and eps = 0: the variance is zero")


def _layer_norm(params: Params, ddof: int = 0, centre: bool = True, root: bool = True) -> list:
    x = np.array(params["x"], dtype=float)
    centred = x - x.mean() if centre else x
    spread = (centred**2).sum() / (len(x) - ddof) + params["eps"]
    scale = np.sqrt(spread) if root else spread
    return (centred / scale * np.array(params["gamma"]) + np.array(params["beta"])).tolist()


def _ln_solve(params: Params) -> list:
    return _layer_norm(params)


def _ln_prompt(params: Params) -> str:
    q = params
    return (
        f"Compute `F.layer_norm(x, ({len(q['x'])},), weight=gamma, bias=beta, "
        f"eps={q['eps']:g})` for $x = {bvector(q['x'])}$, $\\gamma = {bvector(q['gamma'])}$, "
        f"$\\beta = {bvector(q['beta'])}$: $y = \\gamma \\odot (x - \\mu)/\\sqrt{{\\sigma^2 + "
        "\\epsilon} + \\beta$ with the mean and the biased variance (divide by $n$) of $x$."
    )


def _ln_explain(params: Params) -> str:
    x = np.array(params["x"], dtype=float)
    mean, var = float(x.mean()), float(x.var())
    devs = " + ".join(f"{paren(v - mean)}^2" for v in x)
    normed = ((x - mean) / np.sqrt(var + params["eps"])).tolist()
    return steps(
        [
            f"Mean: $\\mu = {num(float(x.sum()))} / {len(x)} = {num(mean)}$.",
            f"Biased variance: $\\sigma^2 = \\frac{{1}}{{{len(x)}}}({devs}) = {num(var)}$.",
            f"Normalise: $\\hat x = (x - {paren(mean)}) / \\sqrt{{{num(var)} + "
            f"{sci(params['eps'])}}} = {bvector(normed)}$.",
            "Scale by $\\gamma$ and shift by $\\beta$, entry by entry:",
            display(f"y = {bvector(_ln_solve(params))}"),
        ]
    )


LN_MISTAKES = (
    Mistake(
        "unbiased_variance",
        "This uses the unbiased variance (divide by n − 1); LayerNorm divides by n.",
        lambda p: _layer_norm(p, ddof=1),
    ),
    Mistake(
        "no_mean_subtraction",
        "This skips subtracting the mean (that is RMSNorm, not LayerNorm).",
        lambda p: _layer_norm(p, centre=False),
    ),
    Mistake(
        "divided_by_variance",
        "This divides by the variance instead of the standard deviation.",
        lambda p: _layer_norm(p, root=False),
    ),
    Mistake(
        "affine_skipped",
        "This stops after normalising; the weight γ and bias β still apply.",
        lambda p: _layer_norm({**p, "gamma": [1.0] * len(p["x"]), "beta": [0.0] * len(p["x"])}),
    ),
)

LAYER_NORM = Template(
    "layer_norm",
    "Layer normalisation",
    ("x", "gamma", "beta", "eps"),
    "vector",
    _ln_sample,
    _ln_solve,
    _ln_prompt,
    _ln_explain,
    _ln_validate,
    mistakes=LN_MISTAKES,
)


# --- rms_norm -----------------------------------------------------------------------


def _rms_draw(rng: np.random.Generator) -> Params:
    x = _draw_x(rng)
    return {"x": x, "weight": [pick(rng, [0.5, 1.0, 1.0, 2.0]) for _ in x], "eps": 1e-6}


def _rms_sample(rng: np.random.Generator) -> Params:
    return draw_separated(rng, _rms_draw, _rms_solve, [m.solver for m in RMS_MISTAKES])


def _rms_validate(params: Params) -> None:
    x = _vector(params, "x")
    _vector(params, "weight", len(x))
    if _eps(params) == 0 and not x.any():
        raise ValueError("x is all zeros and eps = 0: the RMS is zero")


def _rms_norm(params: Params, centre: bool = False, root: bool = True, mean: bool = True) -> list:
    x = np.array(params["x"], dtype=float)
    if centre:
        x = x - x.mean()
    square = (x**2).sum() / (len(x) if mean else 1) + params["eps"]
    return (x / (np.sqrt(square) if root else square) * np.array(params["weight"])).tolist()


def _rms_solve(params: Params) -> list:
    return _rms_norm(params)


def _rms_prompt(params: Params) -> str:
    q = params
    return (
        f"Compute `F.rms_norm(x, ({len(q['x'])},), weight, eps={q['eps']:g})` for "
        f"$x = {bvector(q['x'])}$ and weight $g = {bvector(q['weight'])}$: "
        "$y = x / \\sqrt{\\mathrm{mean}(x^2) + \\epsilon} \\odot g$ (no mean subtraction, "
        "no bias)."
    )


def _rms_explain(params: Params) -> str:
    x = np.array(params["x"], dtype=float)
    squares = " + ".join(f"{paren(v)}^2" for v in x)
    mean_square = float((x**2).mean())
    rms = float(np.sqrt(mean_square + params["eps"]))
    return steps(
        [
            f"Mean square: $\\frac{{1}}{{{len(x)}}}({squares}) = {num(mean_square)}$.",
            f"RMS: $\\sqrt{{{num(mean_square)} + {sci(params['eps'])}}} = {num(rms)}$.",
            "Divide $x$ by it and multiply by the weight entry by entry:",
            display(f"y = {bvector(_rms_solve(params))}"),
        ]
    )


RMS_MISTAKES = (
    Mistake(
        "subtracted_mean",
        "This subtracts the mean first (LayerNorm); RMSNorm only rescales.",
        lambda p: _rms_norm(p, centre=True),
    ),
    Mistake(
        "no_square_root",
        "This divides by the mean square instead of its square root.",
        lambda p: _rms_norm(p, root=False),
    ),
    Mistake(
        "sum_not_mean",
        "This uses the sum of squares instead of their mean.",
        lambda p: _rms_norm(p, mean=False),
    ),
    Mistake(
        "weight_skipped",
        "This stops after dividing by the RMS; the weight still applies.",
        lambda p: _rms_norm({**p, "weight": [1.0] * len(p["x"])}),
    ),
)

RMS_NORM = Template(
    "rms_norm",
    "RMS normalisation",
    ("x", "weight", "eps"),
    "vector",
    _rms_sample,
    _rms_solve,
    _rms_prompt,
    _rms_explain,
    _rms_validate,
    mistakes=RMS_MISTAKES,
)

TEMPLATES = (LAYER_NORM, RMS_NORM)
