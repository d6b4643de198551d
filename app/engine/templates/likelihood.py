"""Log-likelihood of a language model: perplexity, label-smoothed cross-entropy."""

from __future__ import annotations

import math

import numpy as np

from app.engine.base import Mistake, Params, Template
from app.engine.checks import require_int, require_real, require_vector
from app.engine.explain import bvector, display, num, steps
from app.engine.templates.decoding import bounded_vector
from app.engine.templates.drawing import draw_separated, pick

MAX_LOGIT = 100.0
MAX_CLASSES = 16

# --- perplexity ---------------------------------------------------------------------


def _ppl_draw(rng: np.random.Generator) -> Params:
    n = int(rng.integers(3, 6))
    return {"token_probs": [pick(rng, [0.1, 0.2, 0.25, 0.4, 0.5, 0.8, 1.0]) for _ in range(n)]}


def _ppl_sample(rng: np.random.Generator) -> Params:
    return draw_separated(rng, _ppl_draw, _ppl_solve, [m.solver for m in PPL_MISTAKES])


def _ppl_validate(params: Params) -> None:
    probs = bounded_vector(params, "token_probs", 1.0)
    if any(v <= 0 for v in probs):
        raise ValueError("token_probs must be greater than 0 (and at most 1)")


def _nll(params: Params, log=np.log) -> float:
    return float(-np.mean(log(np.array(params["token_probs"], dtype=float))))


def _ppl_solve(params: Params) -> float:
    return math.exp(_nll(params))


def _ppl_prompt(params: Params) -> str:
    return (
        "A language model gives the observed tokens of a text the probabilities "
        f"$p = {bvector(params['token_probs'])}$. What is its perplexity on the text, "
        "$\\exp(-\\frac{1}{n}\\sum_i \\ln p_i)$?"
    )


def _ppl_explain(params: Params) -> str:
    probs = params["token_probs"]
    logs = " + ".join(f"\\ln {num(v)}" for v in probs)
    return steps(
        [
            f"Mean negative log-likelihood (natural log): $-\\frac{{1}}{{{len(probs)}}}"
            f"({logs}) = {num(_nll(params))}$ nats.",
            display(f"\\mathrm{{PPL}} = e^{{{num(_nll(params))}}} = {num(_ppl_solve(params))}"),
            "Equivalently the inverse geometric mean of the probabilities; any log base gives "
            "the same perplexity as long as the exponential uses the same base.",
        ]
    )


PPL_MISTAKES = (
    Mistake(
        "not_exponentiated",
        "This is the mean negative log-likelihood (the cross-entropy in nats); perplexity "
        "is its exponential.",
        _nll,
    ),
    Mistake(
        "bits_not_exponentiated",
        "This is the cross-entropy in bits; perplexity is 2 to that power.",
        lambda p: _nll(p, np.log2),
    ),
    Mistake(
        "mixed_log_bases",
        "This mixes log bases: e raised to the cross-entropy in bits. Use one base throughout.",
        lambda p: math.exp(_nll(p, np.log2)),
    ),
    Mistake(
        "sum_not_mean",
        "This exponentiates the total negative log-likelihood; perplexity averages per token.",
        lambda p: math.exp(_nll(p) * len(p["token_probs"])),
    ),
    Mistake(
        "inverse_mean_probability",
        "This is 1 / (arithmetic mean of p); perplexity uses the geometric mean.",
        lambda p: 1.0 / float(np.mean(p["token_probs"])),
    ),
)

PERPLEXITY = Template(
    "perplexity",
    "Perplexity",
    ("token_probs",),
    "real",
    _ppl_sample,
    _ppl_solve,
    _ppl_prompt,
    _ppl_explain,
    _ppl_validate,
    mistakes=PPL_MISTAKES,
)


# --- label_smoothing_ce -------------------------------------------------------------


def _ls_draw(rng: np.random.Generator) -> Params:
    n = int(rng.integers(3, 6))
    return {
        "logits": [float(v) for v in rng.integers(-2, 4, size=n)],
        "target": int(rng.integers(n)),
        "smoothing": pick(rng, [0.1, 0.2, 0.3]),
    }


def _ls_sample(rng: np.random.Generator) -> Params:
    return draw_separated(rng, _ls_draw, _ls_solve, [m.solver for m in LS_MISTAKES])


def _ls_validate(params: Params) -> None:
    logits = require_vector(params, "logits", min_length=2)
    if len(logits) > MAX_CLASSES:
        raise ValueError(f"logits must have at most {MAX_CLASSES} entries, got {len(logits)}")
    if any(abs(v) > MAX_LOGIT for v in logits):
        raise ValueError(f"logits must be within ±{MAX_LOGIT:g}")
    require_int(params, "target", 0, len(logits) - 1)
    require_real(params, "smoothing", 0.0, 1.0)


def _neg_log_probs(params: Params) -> np.ndarray:
    z = np.array(params["logits"], dtype=float)
    return z.max() + np.log(np.exp(z - z.max()).sum()) - z


def _smoothed(params: Params, target_weight: float, other_weight: float) -> float:
    nll = _neg_log_probs(params)
    t = params["target"]
    return float(target_weight * nll[t] + other_weight * (nll.sum() - nll[t]))


def _ls_solve(params: Params) -> float:
    eps, k = params["smoothing"], len(params["logits"])
    return _smoothed(params, 1 - eps + eps / k, eps / k)


def _ls_prompt(params: Params) -> str:
    q = params
    return (
        f"What is `F.cross_entropy(z, target, label_smoothing={num(q['smoothing'])})` for "
        f"logits $z = {bvector(q['logits'])}$ and target class {q['target']} (0-based, natural "
        "log)? PyTorch mixes the one-hot target with the uniform distribution over all "
        "$K$ classes: $q = (1 - \\varepsilon)\\,\\text{onehot} + \\varepsilon / K$."
    )


def _ls_explain(params: Params) -> str:
    eps, k, t = params["smoothing"], len(params["logits"]), params["target"]
    nll = _neg_log_probs(params)
    return steps(
        [
            f"Negative log-probabilities $-\\ln \\mathrm{{softmax}}(z) = {bvector(nll.tolist())}$.",
            f"Smoothed target: class {t} gets $1 - {num(eps)} + {num(eps)}/{k} = "
            f"{num(1 - eps + eps / k)}$, every other class ${num(eps)}/{k} = {num(eps / k)}$.",
            "The loss is the cross-entropy against that target, $\\sum_k q_k (-\\ln p_k)$:",
            display(
                f"{num(1 - eps + eps / k)} \\cdot {num(float(nll[t]))} + {num(eps / k)} \\cdot "
                f"{num(float(nll.sum() - nll[t]))} = {num(_ls_solve(params))}"
            ),
        ]
    )


LS_MISTAKES = (
    Mistake(
        "spread_over_k_minus_one",
        "This spreads ε over the K − 1 wrong classes; PyTorch spreads it over all K classes, "
        "the target included.",
        lambda p: _smoothed(p, 1 - p["smoothing"], p["smoothing"] / (len(p["logits"]) - 1)),
    ),
    Mistake(
        "no_smoothing",
        "This is the plain cross-entropy, without label smoothing.",
        lambda p: _smoothed(p, 1.0, 0.0),
    ),
    Mistake(
        "target_share_forgotten",
        "This gives the target only 1 − ε; it also gets its ε / K share of the uniform part.",
        lambda p: _smoothed(p, 1 - p["smoothing"], p["smoothing"] / len(p["logits"])),
    ),
)

LABEL_SMOOTHING_CE = Template(
    "label_smoothing_ce",
    "Cross-entropy with label smoothing",
    ("logits", "target", "smoothing"),
    "real",
    _ls_sample,
    _ls_solve,
    _ls_prompt,
    _ls_explain,
    _ls_validate,
    mistakes=LS_MISTAKES,
)


TEMPLATES = (
    PERPLEXITY,
    LABEL_SMOOTHING_CE,
)
