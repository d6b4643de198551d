"""Learning-rate stability: the largest step size gradient descent survives on a quadratic."""

from __future__ import annotations

import numpy as np

from app.engine.base import Mistake, Params, Template
from app.engine.checks import require_real
from app.engine.explain import display, num, steps
from app.engine.sampling import choice

# --- lr_divergence ---------------------------------------------------------------


def _lr_sample(rng: np.random.Generator) -> Params:
    return {"a": float(choice(rng, [0.5, 0.8, 1.0, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 8.0, 10.0, 20.0]))}


def _lr_validate(params: Params) -> None:
    if require_real(params, "a", high=1e6) <= 0:
        raise ValueError(f"a (the curvature) must be positive, got {params['a']}")


def _lr_solve(params: Params) -> float:
    return 2.0 / float(params["a"])


_LR_MISTAKES = (
    Mistake(
        "one_over_a",
        "This is 1/a, the step that lands on the minimum at once; the iterates only "
        "diverge beyond 2/a.",
        lambda p: 1.0 / float(p["a"]),
    ),
    Mistake(
        "times_a",
        "This multiplies by the curvature; the bound is 2 divided by it, 2/a.",
        lambda p: 2.0 * float(p["a"]),
    ),
)


def _lr_prompt(params: Params) -> str:
    return (
        f"Gradient descent $w \\leftarrow w - \\eta f'(w)$ minimises $f(w) = \\frac{{a}}{{2}}w^2$ "
        f"with $a = {num(params['a'])}$, from any $w_0 \\ne 0$. What is the largest learning "
        "rate $\\eta$ for which the iterates do not diverge? Give it to 3 significant figures."
    )


def _lr_explain(params: Params) -> str:
    a = params["a"]
    return steps(
        [
            f"$f'(w) = a w$, so $w_{{t+1}} = (1 - \\eta a)\\, w_t = (1 - {num(a)}\\eta)^{{t+1}} w_0$.",
            "This stays bounded iff $|1 - \\eta a| \\le 1$, i.e. $0 \\le \\eta \\le 2/a$ "
            "(at exactly $2/a$ it oscillates between $\\pm w_0$; above, it blows up).",
            display(f"\\eta_{{\\max}} = \\frac{{2}}{{{num(a)}}} = {num(_lr_solve(params))}"),
        ]
    )


LR_DIVERGENCE = Template(
    "lr_divergence",
    "Largest stable learning rate",
    ("a",),
    "real",
    _lr_sample,
    _lr_solve,
    _lr_prompt,
    _lr_explain,
    _lr_validate,
    mistakes=_LR_MISTAKES,
)
