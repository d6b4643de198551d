"""Generative models: the VAE's KL term and DDPM's cumulative noise schedule."""

from __future__ import annotations

import math

import numpy as np

from app.engine.base import Mistake, Params, Template
from app.engine.checks import require_int, require_real, require_vector, same_length
from app.engine.explain import bvector, display, num, paren, steps
from app.engine.templates.drawing import draw_separated, pick

MAX_LATENT = 16
MAX_MU = 100.0
MAX_LOGVAR = 20.0
MAX_DIFFUSION_STEPS = 10_000

# --- vae_kl -------------------------------------------------------------------------


def _kl_draw(rng: np.random.Generator) -> Params:
    n = int(rng.integers(2, 5))
    return {
        "mu": [pick(rng, [-1.0, -0.5, 0.0, 0.5, 1.0, 2.0]) for _ in range(n)],
        "logvar": [pick(rng, [-1.0, -0.5, 0.0, 0.5, 1.0]) for _ in range(n)],
    }


def _kl_sample(rng: np.random.Generator) -> Params:
    return draw_separated(rng, _kl_draw, _kl_solve, [m.solver for m in KL_MISTAKES])


def _kl_validate(params: Params) -> None:
    mu = require_vector(params, "mu")
    logvar = require_vector(params, "logvar")
    same_length(mu, logvar, "mu and logvar")
    if len(mu) > MAX_LATENT:
        raise ValueError(f"mu must have at most {MAX_LATENT} entries, got {len(mu)}")
    if any(abs(v) > MAX_MU for v in mu):
        raise ValueError(f"mu entries must be within ±{MAX_MU:g}")
    if any(abs(v) > MAX_LOGVAR for v in logvar):
        raise ValueError(f"logvar entries must be within ±{MAX_LOGVAR:g}")


def _kl_terms(mu: list[float], logvar: list[float]) -> list[float]:
    return [1 + lv - m * m - math.exp(lv) for m, lv in zip(mu, logvar, strict=True)]


def _kl_solve(params: Params) -> float:
    return -0.5 * sum(_kl_terms(params["mu"], params["logvar"]))


def _kl_prompt(params: Params) -> str:
    return (
        f"A VAE encoder outputs $\\mu = {bvector(params['mu'])}$ and "
        f"$\\log \\sigma^2 = {bvector(params['logvar'])}$ (the usual `logvar`). What is "
        "$\\mathrm{KL}(\\mathcal N(\\mu, \\sigma^2) \\,\\|\\, \\mathcal N(0, I)) = "
        "-\\tfrac12 \\sum_j (1 + \\log\\sigma_j^2 - \\mu_j^2 - \\sigma_j^2)$, summed over the "
        "latent dimensions?"
    )


def _kl_explain(params: Params) -> str:
    mu, logvar = params["mu"], params["logvar"]
    terms = _kl_terms(mu, logvar)
    rows = [
        f"$j = {j}$: $1 + {paren(lv)} - {paren(m)}^2 - e^{{{num(lv)}}} = {num(t)}$"
        for j, (m, lv, t) in enumerate(zip(mu, logvar, terms, strict=True))
    ]
    return steps(
        [
            "Per dimension, with $\\sigma^2 = e^{\\text{logvar}}$:",
            *rows,
            display(f"-\\tfrac12 \\cdot {paren(sum(terms))} = {num(_kl_solve(params))}"),
            "Each dimension contributes $\\ge 0$, and 0 only when $\\mu = 0$ and $\\sigma = 1$.",
        ]
    )


def _logvar_as_variance(params: Params) -> float:
    if any(lv <= 0 for lv in params["logvar"]):
        raise ValueError("a non-positive logvar cannot be read as a variance")
    return -0.5 * sum(
        1 + math.log(lv) - m * m - lv for m, lv in zip(params["mu"], params["logvar"], strict=True)
    )


KL_MISTAKES = (
    Mistake(
        "logvar_as_log_std",
        "This reads logvar as log σ (so σ² = e^{2·logvar}); it is log σ².",
        lambda p: -0.5 * sum(_kl_terms(p["mu"], [2 * lv for lv in p["logvar"]])),
    ),
    Mistake("logvar_as_variance", "This reads logvar as σ² itself.", _logvar_as_variance),
    Mistake(
        "missing_half",
        "This forgets the factor ½.",
        lambda p: -sum(_kl_terms(p["mu"], p["logvar"])),
    ),
    Mistake(
        "mean_not_sum",
        "This averages over the latent dimensions; the KL of a diagonal Gaussian sums them.",
        lambda p: _kl_solve(p) / len(p["mu"]),
    ),
)

VAE_KL = Template(
    "vae_kl",
    "KL term of a VAE",
    ("mu", "logvar"),
    "real",
    _kl_sample,
    _kl_solve,
    _kl_prompt,
    _kl_explain,
    _kl_validate,
    mistakes=KL_MISTAKES,
)


# --- ddpm_alpha_bar -----------------------------------------------------------------

# (beta_start, beta_end, num_steps) whose linspace has round steps
_SCHEDULES = [
    (0.1, 0.5, 5),
    (0.1, 0.9, 5),
    (0.05, 0.5, 10),
    (0.02, 0.2, 10),
    (0.05, 0.3, 6),
    (0.1, 0.4, 4),
]


def _ab_draw(rng: np.random.Generator) -> Params:
    start, end, steps_ = pick(rng, _SCHEDULES)
    return {
        "beta_start": start,
        "beta_end": end,
        "num_steps": steps_,
        "t": int(rng.integers(0, steps_)),
    }


def _ab_sample(rng: np.random.Generator) -> Params:
    return draw_separated(rng, _ab_draw, _ab_solve, [m.solver for m in AB_MISTAKES])


def _ab_validate(params: Params) -> None:
    start = require_real(params, "beta_start", 0.0, 1.0)
    end = require_real(params, "beta_end", 0.0, 1.0)
    if start >= 1 or end >= 1:
        raise ValueError("betas must be below 1 (a beta of 1 destroys the signal)")
    n = require_int(params, "num_steps", 1, MAX_DIFFUSION_STEPS)
    require_int(params, "t", 0, n - 1)


def _betas(params: Params) -> np.ndarray:
    return np.linspace(params["beta_start"], params["beta_end"], params["num_steps"])


def _ab_solve(params: Params) -> float:
    return float(np.prod(1 - _betas(params)[: params["t"] + 1]))


def _ab_prompt(params: Params) -> str:
    q = params
    return (
        f"A DDPM uses `betas = torch.linspace({num(q['beta_start'])}, {num(q['beta_end'])}, "
        f"{q['num_steps']})`, $\\alpha_s = 1 - \\beta_s$ and $\\bar\\alpha_t = \\prod_{{s=0}}^{{t}} "
        f"\\alpha_s$ with timesteps counted from 0. What is $\\bar\\alpha_{{{q['t']}}}$?"
    )


def _ab_explain(params: Params) -> str:
    t = params["t"]
    betas = _betas(params)[: t + 1].tolist()
    shown = betas if len(betas) <= 12 else betas[:6]
    factors = " \\cdot ".join(f"(1 - {num(b)})" for b in shown)
    if len(betas) > len(shown):
        factors += " \\cdots"
    return steps(
        [
            f"The betas up to $t = {t}$ are ${bvector(shown)}$"
            + (" …" if len(betas) > len(shown) else "")
            + ".",
            display(f"\\bar\\alpha_{{{t}}} = {factors} = {num(_ab_solve(params))}"),
            "So $x_t = \\sqrt{\\bar\\alpha_t}\\,x_0 + \\sqrt{1 - \\bar\\alpha_t}\\,\\epsilon$ keeps "
            f"a signal variance of {num(_ab_solve(params))}.",
        ]
    )


def _ab_before_t(params: Params) -> float:
    return float(np.prod(1 - _betas(params)[: params["t"]]))


AB_MISTAKES = (
    Mistake(
        "product_stops_before_t",
        "This stops the product at s = t − 1; ᾱ_t includes step t (counted from 0).",
        _ab_before_t,
    ),
    Mistake(
        "alpha_not_cumulative",
        "This is α_t = 1 − β_t alone; ᾱ_t multiplies all α_s up to t.",
        lambda p: float(1 - _betas(p)[p["t"]]),
    ),
    Mistake(
        "one_minus_sum",
        "This is 1 − Σβ_s, a first-order approximation; multiply the (1 − β_s).",
        lambda p: float(1 - _betas(p)[: p["t"] + 1].sum()),
    ),
    Mistake(
        "linspace_without_end",
        "This spaces the betas as if linspace excluded the end point; torch.linspace "
        "includes beta_end.",
        lambda p: float(
            np.prod(
                1
                - (
                    p["beta_start"]
                    + (p["beta_end"] - p["beta_start"]) * np.arange(p["t"] + 1) / p["num_steps"]
                )
            )
        ),
    ),
)

DDPM_ALPHA_BAR = Template(
    "ddpm_alpha_bar",
    "DDPM cumulative alpha",
    ("beta_start", "beta_end", "num_steps", "t"),
    "real",
    _ab_sample,
    _ab_solve,
    _ab_prompt,
    _ab_explain,
    _ab_validate,
    mistakes=AB_MISTAKES,
)

TEMPLATES = (VAE_KL, DDPM_ALPHA_BAR)
