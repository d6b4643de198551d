"""Data-parallel training at scale: ZeRO memory per GPU, ring all-reduce traffic."""

from __future__ import annotations

import numpy as np

from app.engine.base import Mistake, Params, Template
from app.engine.checks import require_int, require_real
from app.engine.explain import display, num, sci, steps
from app.engine.templates.drawing import draw_separated, pick

MAX_PARAMS = 10**13
MAX_GPUS = 1 << 20
MAX_TENSOR_BYTES = 1e15

# Bytes per parameter under mixed-precision Adam (ZeRO paper): fp16 weights, fp16
# gradients, and K = 12 of fp32 optimizer state (master weights, momentum, variance).
WEIGHT_BYTES, GRAD_BYTES, OPTIMIZER_BYTES = 2, 2, 12
_SHARDED = {
    0: (),
    1: ("optimizer",),
    2: ("optimizer", "grads"),
    3: ("optimizer", "grads", "weights"),
}
_STAGE_WORDS = {
    0: "stage 0 (nothing sharded: plain data parallelism)",
    1: "stage 1 (optimizer states sharded)",
    2: "stage 2 (optimizer states and gradients sharded)",
    3: "stage 3 (optimizer states, gradients and weights sharded)",
}

# --- zero_memory_bytes --------------------------------------------------------------


def _zero_sample(rng: np.random.Generator) -> Params:
    return {
        "n_params": pick(rng, [10**9, 15 * 10**8, 2 * 10**9, 7 * 10**9, 75 * 10**8, 13 * 10**9]),
        "n_gpus": pick(rng, [2, 4, 8, 16, 64]),
        "stage": pick(rng, [0, 1, 2, 3]),
    }


def _zero_validate(params: Params) -> None:
    n_params = require_int(params, "n_params", 1, MAX_PARAMS)
    n_gpus = require_int(params, "n_gpus", 1, MAX_GPUS)
    require_int(params, "stage", 0, 3)
    if n_params % n_gpus:
        raise ValueError(
            f"n_params ({n_params}) must be a multiple of n_gpus ({n_gpus}) so that each GPU "
            "holds a whole share"
        )


def _zero_bytes(params: Params, stage: int, optimizer: int = OPTIMIZER_BYTES) -> int:
    psi, n = params["n_params"], params["n_gpus"]
    parts = {"weights": WEIGHT_BYTES * psi, "grads": GRAD_BYTES * psi, "optimizer": optimizer * psi}
    return sum(v // n if k in _SHARDED[stage] else v for k, v in parts.items())


def _zero_solve(params: Params) -> int:
    return _zero_bytes(params, params["stage"])


def _zero_prompt(params: Params) -> str:
    q = params
    return (
        f"A model of $\\Psi = {sci(q['n_params'])}$ parameters trains with mixed-precision "
        f"Adam on {q['n_gpus']} GPUs using ZeRO {_STAGE_WORDS[q['stage']]}. Counting model "
        "states only (fp16 weights and gradients, fp32 master weights, momentum and "
        "variance; no activations or buffers), how many bytes does each GPU hold?"
    )


def _zero_explain(params: Params) -> str:
    psi, n, stage = params["n_params"], params["n_gpus"], params["stage"]
    formula = {0: "16\\Psi", 1: "4\\Psi + 12\\Psi/N", 2: "2\\Psi + 14\\Psi/N", 3: "16\\Psi/N"}
    return steps(
        [
            "Per parameter: 2 bytes of fp16 weights, 2 of fp16 gradients and 12 of optimizer "
            "state (fp32 master weights, momentum and variance, 4 bytes each): 16 bytes.",
            f"ZeRO {_STAGE_WORDS[stage]} "
            + (
                "keeps all of it on every GPU:"
                if stage == 0
                else f"splits the sharded parts across the $N = {n}$ GPUs:"
            ),
            display(
                f"{formula[stage]} = {_zero_solve(params)} \\text{{ bytes}} \\approx "
                f"{num(_zero_solve(params) / 1e9, 2)} \\text{{ GB}}"
            ),
            f"(With $\\Psi = {psi}$.)",
        ]
    )


def _stage_formula(stage: int):
    def wrong(params: Params) -> int:
        if params["stage"] == stage:
            raise ValueError("that is the stage asked for")
        return _zero_bytes(params, stage)

    return wrong


ZERO_MEMORY_BYTES = Template(
    "zero_memory_bytes",
    "Memory per GPU under ZeRO",
    ("n_params", "n_gpus", "stage"),
    "int",
    _zero_sample,
    _zero_solve,
    _zero_prompt,
    _zero_explain,
    _zero_validate,
    mistakes=(
        *(
            Mistake(
                f"stage_{stage}_formula",
                f"This is the memory of ZeRO {_STAGE_WORDS[stage]}, not of the stage asked for.",
                _stage_formula(stage),
            )
            for stage in range(4)
        ),
        Mistake(
            "no_master_weights",
            "This forgets the fp32 master copy of the weights (optimizer state is 12 bytes "
            "per parameter, not 8).",
            lambda p: _zero_bytes(p, p["stage"], optimizer=8),
        ),
    ),
)


# --- ring_allreduce_bytes -----------------------------------------------------------


def _ring_draw(rng: np.random.Generator) -> Params:
    return {
        "tensor_bytes": pick(rng, [10**8, 2 * 10**8, 4 * 10**8, 10**9, 2 * 10**9, 4 * 10**9]),
        "n_workers": pick(rng, [2, 4, 5, 8, 10, 16]),
    }


def _ring_sample(rng: np.random.Generator) -> Params:
    return draw_separated(rng, _ring_draw, _ring_solve, [m.solver for m in RING_MISTAKES])


def _ring_validate(params: Params) -> None:
    if require_real(params, "tensor_bytes", 0.0, MAX_TENSOR_BYTES) == 0:
        raise ValueError("tensor_bytes must be greater than 0")
    require_int(params, "n_workers", 2, MAX_GPUS)


def _ring(params: Params, passes: int) -> float:
    n = params["n_workers"]
    return passes * (n - 1) / n * float(params["tensor_bytes"])


def _ring_solve(params: Params) -> float:
    return _ring(params, 2)


def _ring_prompt(params: Params) -> str:
    return (
        f"{params['n_workers']} data-parallel workers all-reduce a gradient of "
        f"$S = {sci(params['tensor_bytes'])}$ bytes with the ring algorithm (reduce-scatter, "
        "then all-gather). How many bytes does each worker send?"
    )


def _ring_explain(params: Params) -> str:
    n, size = params["n_workers"], params["tensor_bytes"]
    return steps(
        [
            f"The tensor is cut into $N = {n}$ chunks of $S/N$. Reduce-scatter takes $N - 1$ "
            "steps, each sending one chunk, so every worker ends up with one fully reduced "
            "chunk; all-gather takes another $N - 1$ steps to hand the reduced chunks round.",
            display(
                f"2 \\cdot \\frac{{N - 1}}{{N}} \\cdot S = 2 \\cdot \\frac{{{n - 1}}}{{{n}}} "
                f"\\cdot {sci(size)} = {sci(_ring_solve(params))}"
            ),
            "This is nearly $2S$ whatever the number of workers, which is why ring all-reduce "
            "scales.",
        ]
    )


RING_MISTAKES = (
    Mistake(
        "one_pass",
        "This counts only the reduce-scatter (or only the all-gather); the all-reduce "
        "needs both, 2(N − 1)/N · S.",
        lambda p: _ring(p, 1),
    ),
    Mistake(
        "whole_tensor_per_step",
        "This sends the whole tensor twice (2S); each ring step sends one chunk of S/N.",
        lambda p: 2.0 * float(p["tensor_bytes"]),
    ),
    Mistake(
        "send_to_every_peer",
        "This sends the whole tensor to each of the N − 1 other workers (a naive "
        "all-to-all), not the ring.",
        lambda p: (p["n_workers"] - 1) * float(p["tensor_bytes"]),
    ),
)

RING_ALLREDUCE_BYTES = Template(
    "ring_allreduce_bytes",
    "Bytes sent by ring all-reduce",
    ("tensor_bytes", "n_workers"),
    "real",
    _ring_sample,
    _ring_solve,
    _ring_prompt,
    _ring_explain,
    _ring_validate,
    mistakes=RING_MISTAKES,
)

TEMPLATES = (ZERO_MEMORY_BYTES, RING_ALLREDUCE_BYTES)
