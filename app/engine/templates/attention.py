"""Scaled dot-product attention on small matrices (F.scaled_dot_product_attention)."""

from __future__ import annotations

import math

import numpy as np

from app.engine.base import Mistake, Params, Template
from app.engine.checks import require_int, require_matrix
from app.engine.explain import bmatrix, display, num, steps
from app.engine.templates.drawing import draw_separated, pick

MAX_SIDE = 8
MAX_ENTRY = 100.0


def _draw(rng: np.random.Generator) -> Params:
    n, m = pick(rng, [2, 3]), pick(rng, [2, 3])
    d, d_v = pick(rng, [1, 4, 4, 4]), pick(rng, [1, 2, 2])
    span = 2 if d == 1 else 1
    return {
        "q": rng.integers(-span, span + 1, size=(n, d)).tolist(),
        "k": rng.integers(-span, span + 1, size=(m, d)).tolist(),
        "v": rng.integers(0, 5, size=(m, d_v)).tolist(),
        "causal": int(rng.random() < 0.5),
    }


def _sample(rng: np.random.Generator) -> Params:
    return draw_separated(rng, _draw, _solve, [m.solver for m in MISTAKES])


def _bounded_matrix(params: Params, name: str) -> list[list[float]]:
    rows = require_matrix(params, name, MAX_SIDE)
    if any(abs(x) > MAX_ENTRY for row in rows for x in row):
        raise ValueError(f"{name} entries must be within ±{MAX_ENTRY:g}")
    return rows


def _validate(params: Params) -> None:
    q, k, v = (_bounded_matrix(params, name) for name in ("q", "k", "v"))
    require_int(params, "causal", 0, 1)
    if len(k[0]) != len(q[0]):
        raise ValueError(f"q and k must have the same width d ({len(q[0])} vs {len(k[0])})")
    if len(v) != len(k):
        raise ValueError(f"v must have one row per key ({len(k)}), got {len(v)}")


def _scores(params: Params, scale: float) -> np.ndarray:
    q, k = np.array(params["q"], dtype=float), np.array(params["k"], dtype=float)
    return q @ k.T / scale


def _masked(scores: np.ndarray, causal: bool) -> np.ndarray:
    if not causal:
        return scores
    n, m = scores.shape
    allowed = np.arange(m)[None, :] <= np.arange(n)[:, None]  # query i sees keys j <= i
    return np.where(allowed, scores, -np.inf)


def _softmax(scores: np.ndarray, axis: int) -> np.ndarray:
    shifted = np.exp(scores - scores.max(axis=axis, keepdims=True))
    return shifted / shifted.sum(axis=axis, keepdims=True)


def _attend(params: Params, scale: float, causal: bool, axis: int = 1) -> list:
    weights = _softmax(_masked(_scores(params, scale), causal), axis)
    return (weights @ np.array(params["v"], dtype=float)).tolist()


def _root_d(params: Params) -> float:
    return math.sqrt(len(params["q"][0]))


def _solve(params: Params) -> list:
    return _attend(params, _root_d(params), bool(params["causal"]))


def _prompt(params: Params) -> str:
    q = params
    mask = (
        "with a causal mask (query $i$ may attend only to keys $j \\le i$, counting from 0)"
        if q["causal"]
        else "without a mask"
    )
    return (
        f"Compute `F.scaled_dot_product_attention(q, k, v, is_causal={bool(q['causal'])})` "
        f"{mask}: $\\mathrm{{softmax}}(q k^\\top / \\sqrt{{d}})\\, v$, softmax over each row, "
        f"for $q = {bmatrix(q['q'])}$, $k = {bmatrix(q['k'])}$, $v = {bmatrix(q['v'])}$."
    )


def _explain(params: Params) -> str:
    d = len(params["q"][0])
    root = _root_d(params)
    scores = _scores(params, 1.0)
    masked = _masked(scores / root, bool(params["causal"]))
    weights = _softmax(masked, 1)
    lines = [
        display(f"q k^\\top = {bmatrix(scores.tolist())}"),
        display(f"\\frac{{q k^\\top}}{{\\sqrt{{{d}}}}} = {_scores_tex(masked)}"),
    ]
    if params["causal"]:
        lines.append("The causal mask sets the scores of future keys ($j > i$) to $-\\infty$.")
    lines += [
        "Softmax along each row (each query's weights sum to 1):",
        display(f"A = {bmatrix(weights.tolist())}"),
        "Each output row is the weighted average of the value rows:",
        display(f"A\\,v = {bmatrix(_solve(params))}"),
    ]
    return steps(lines)


def _scores_tex(scores: np.ndarray) -> str:
    rows = [" & ".join("-\\infty" if np.isinf(x) else num(float(x)) for x in row) for row in scores]
    return r"\begin{bmatrix} " + r" \\ ".join(rows) + r" \end{bmatrix}"


def _over_queries(params: Params) -> list:
    masked = _masked(_scores(params, _root_d(params)), bool(params["causal"]))
    if np.isinf(masked).all(axis=0).any():
        raise ValueError("a key no query sees: the column softmax is undefined")
    return _attend(params, _root_d(params), bool(params["causal"]), axis=0)


def _no_mask(params: Params) -> list:
    if not params["causal"]:
        raise ValueError("no mask asked for: the mistake makes no difference")
    return _attend(params, _root_d(params), False)


MISTAKES = (
    Mistake(
        "no_scaling",
        "This forgets to divide the scores by √d.",
        lambda p: _attend(p, 1.0, bool(p["causal"])),
    ),
    Mistake(
        "scaled_by_d",
        "This divides the scores by d instead of √d.",
        lambda p: _attend(p, float(len(p["q"][0])), bool(p["causal"])),
    ),
    Mistake(
        "mask_ignored", "This ignores the causal mask: future keys were attended to.", _no_mask
    ),
    Mistake(
        "softmax_over_queries",
        "This takes the softmax down each column (over queries); it runs along each row, "
        "over the keys one query attends to.",
        _over_queries,
    ),
)

ATTENTION_OUTPUT = Template(
    "attention_output",
    "Scaled dot-product attention",
    ("q", "k", "v", "causal"),
    "matrix",
    _sample,
    _solve,
    _prompt,
    _explain,
    _validate,
    mistakes=MISTAKES,
)

TEMPLATES = (ATTENTION_OUTPUT,)
