"""Training budgets and schedules: 6·N·D FLOPs, linear warm-up then cosine decay."""

from __future__ import annotations

import math

import numpy as np

from app.engine.base import Mistake, Params, Template
from app.engine.checks import require_int, require_real
from app.engine.explain import display, num, sci, steps
from app.engine.templates.drawing import draw_separated, pick

MAX_PARAMS = 10**13
MAX_TOKENS = 10**15
MAX_STEPS = 10**7

# --- training_flops -----------------------------------------------------------------


def _flops_sample(rng: np.random.Generator) -> Params:
    return {
        "n_params": pick(rng, [10**8, 3 * 10**8, 10**9, 7 * 10**9, 13 * 10**9, 70 * 10**9]),
        "n_tokens": pick(rng, [2 * 10**9, 10**10, 2 * 10**10, 3 * 10**11, 10**12, 14 * 10**11]),
    }


def _flops_validate(params: Params) -> None:
    require_int(params, "n_params", 1, MAX_PARAMS)
    require_int(params, "n_tokens", 1, MAX_TOKENS)


def _flops(params: Params, per_token_param: int) -> int:
    return per_token_param * params["n_params"] * params["n_tokens"]


def _flops_prompt(params: Params) -> str:
    return (
        f"About how many floating-point operations does it take to train a dense "
        f"transformer of $N = {sci(params['n_params'])}$ parameters on "
        f"$D = {sci(params['n_tokens'])}$ tokens? Use the standard estimate $6ND$ (give the "
        "exact value of that product; `6e21` style is fine)."
    )


def _flops_explain(params: Params) -> str:
    n, d = params["n_params"], params["n_tokens"]
    total = _flops(params, 6)
    return steps(
        [
            "The forward pass costs about 2 FLOPs per parameter per token (one multiply and "
            "one add); the backward pass about twice that (gradients for activations and for "
            "weights), so a training step costs about $2 + 4 = 6$ FLOPs per parameter per token.",
            display(f"6 N D = 6 \\cdot {sci(n)} \\cdot {sci(d)} = {sci(float(total))}"),
        ]
    )


TRAINING_FLOPS = Template(
    "training_flops",
    "Training compute (6ND)",
    ("n_params", "n_tokens"),
    "int",
    _flops_sample,
    lambda p: _flops(p, 6),
    _flops_prompt,
    _flops_explain,
    _flops_validate,
    mistakes=(
        Mistake(
            "forward_only",
            "This is 2ND, the forward pass alone; the backward pass costs about twice as much.",
            lambda p: _flops(p, 2),
        ),
        Mistake(
            "backward_as_cheap_as_forward",
            "This counts the backward pass like the forward (4ND); it is about twice the "
            "forward, so 6ND.",
            lambda p: _flops(p, 4),
        ),
        Mistake(
            "multiply_add_as_one",
            "This counts a multiply-add as one operation (3ND); FLOP counts take it as two.",
            lambda p: _flops(p, 3),
        ),
    ),
)


# --- warmup_cosine_lr ---------------------------------------------------------------

_FRACTIONS = [0, 1 / 6, 1 / 4, 1 / 3, 1 / 2, 2 / 3, 3 / 4, 5 / 6, 1]


def _lr_draw(rng: np.random.Generator) -> Params:
    warmup = pick(rng, [10, 20, 100, 500])
    decay = pick(rng, [120, 240, 600, 1200])
    if rng.random() < 0.35:
        step = int(rng.integers(0, warmup))
    else:
        step = warmup + round(decay * pick(rng, _FRACTIONS))
    return {
        "base_lr": pick(rng, [1e-3, 3e-4, 6e-4, 1e-4, 0.1, 2e-3]),
        "warmup_steps": warmup,
        "total_steps": warmup + decay,
        "step": step,
    }


def _lr_sample(rng: np.random.Generator) -> Params:
    return draw_separated(rng, _lr_draw, _lr_solve, [m.solver for m in LR_MISTAKES])


def _lr_validate(params: Params) -> None:
    if require_real(params, "base_lr", 0.0, 10.0) == 0:
        raise ValueError("base_lr must be greater than 0")
    total = require_int(params, "total_steps", 1, MAX_STEPS)
    require_int(params, "warmup_steps", 0, total)
    require_int(params, "step", 0, total)


def _progress(params: Params) -> float:
    warmup, total = params["warmup_steps"], params["total_steps"]
    return (params["step"] - warmup) / max(1, total - warmup)


def _cosine(base: float, progress: float, cycles: float = 0.5, half: float = 0.5) -> float:
    return base * max(0.0, half * (1.0 + math.cos(math.pi * 2.0 * cycles * progress)))


def _lr_solve(params: Params) -> float:
    if params["step"] < params["warmup_steps"]:
        return params["base_lr"] * params["step"] / max(1, params["warmup_steps"])
    return _cosine(params["base_lr"], _progress(params))


def _lr_prompt(params: Params) -> str:
    q = params
    return (
        f"A run uses `get_cosine_schedule_with_warmup(optimizer, num_warmup_steps="
        f"{q['warmup_steps']}, num_training_steps={q['total_steps']})` with peak learning "
        f"rate {num(q['base_lr'], 6)}: linear warm-up from 0 over the warm-up steps, then a "
        "half cosine down to 0 at the last step. Steps count from 0. What is the learning "
        f"rate at step {q['step']}?"
    )


def _lr_explain(params: Params) -> str:
    q = params
    base, step, warmup, total = q["base_lr"], q["step"], q["warmup_steps"], q["total_steps"]
    answer = num(_lr_solve(params), 8)
    if step < warmup:
        return steps(
            [
                f"Step {step} is inside the warm-up (steps 0 … {warmup - 1}), so the rate "
                "grows linearly from 0:",
                display(f"\\eta = {num(base, 6)} \\cdot \\frac{{{step}}}{{{warmup}}} = {answer}"),
            ]
        )
    progress = _progress(params)
    return steps(
        [
            f"After warm-up, progress through the decay is $({step} - {warmup}) / ({total} - "
            f"{warmup}) = {num(progress)}$.",
            display(
                f"\\eta = {num(base, 6)} \\cdot \\tfrac12\\big(1 + \\cos(\\pi \\cdot "
                f"{num(progress)})\\big) = {answer}"
            ),
        ]
    )


def _warmup_off_by_one(params: Params) -> float:
    if params["step"] >= params["warmup_steps"]:
        raise ValueError("past the warm-up: the mistake makes no difference")
    return params["base_lr"] * (params["step"] + 1) / params["warmup_steps"]


def _decay_only(solver):
    def wrong(params: Params) -> float:
        if params["step"] < params["warmup_steps"]:
            raise ValueError("inside the warm-up: the mistake makes no difference")
        return solver(params)

    return wrong


LR_MISTAKES = (
    Mistake(
        "warmup_off_by_one",
        "This is off by one in the warm-up: step s has rate base · s / warmup (step 0 is 0).",
        _warmup_off_by_one,
    ),
    Mistake(
        "cosine_from_step_zero",
        "This runs the cosine over all steps from step 0; it starts after the warm-up, over "
        "total − warmup steps.",
        lambda p: _cosine(p["base_lr"], p["step"] / p["total_steps"]),
    ),
    Mistake(
        "full_cosine_period",
        "This uses a full cosine period (cos 2π·progress); the schedule is a half cosine.",
        _decay_only(lambda p: _cosine(p["base_lr"], _progress(p), cycles=1.0)),
    ),
    Mistake(
        "missing_half",
        "This forgets the ½ in ½(1 + cos πt), so the rate starts at twice the peak.",
        _decay_only(lambda p: _cosine(p["base_lr"], _progress(p), half=1.0)),
    ),
)

WARMUP_COSINE_LR = Template(
    "warmup_cosine_lr",
    "Warm-up then cosine learning rate",
    ("base_lr", "warmup_steps", "total_steps", "step"),
    "real",
    _lr_sample,
    _lr_solve,
    _lr_prompt,
    _lr_explain,
    _lr_validate,
    mistakes=LR_MISTAKES,
)

TEMPLATES = (TRAINING_FLOPS, WARMUP_COSINE_LR)
