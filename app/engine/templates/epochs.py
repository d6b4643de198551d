"""Epoch arithmetic: iterations per epoch and in total (``len(DataLoader)``)."""

from __future__ import annotations

import numpy as np

from app.engine.base import Mistake, Params, Template
from app.engine.checks import require_bool, require_int
from app.engine.explain import display, steps
from app.engine.sampling import choice

MAX_DATASET_SIZE = 10**9
MAX_BATCH_SIZE = 10**7
MAX_EPOCHS = 100_000

# --- iterations_per_epoch / total_iterations -------------------------------


def _iter_sample(rng: np.random.Generator) -> Params:
    size = choice(rng, [1000, 5000, 10000, 50000, 60000, 73257])
    if rng.random() < 0.5:
        size = int(rng.integers(1000, 100001))
    return {
        "dataset_size": size,
        "batch_size": choice(rng, [16, 32, 50, 64, 100, 128, 200, 256, 500, 512]),
        "drop_last": bool(rng.random() < 0.5),
    }


def _iter_validate(params: Params) -> None:
    require_int(params, "dataset_size", 1, MAX_DATASET_SIZE)
    require_int(params, "batch_size", 1, MAX_BATCH_SIZE)
    require_bool(params, "drop_last")


def _iter_solve(params: Params) -> int:
    n, b = params["dataset_size"], params["batch_size"]
    return int(n // b if params["drop_last"] else -(-n // b))


def _iter_opposite(params: Params) -> int:
    """The count with the other rounding (ceil for drop_last=True, floor for False)."""
    return _iter_solve({**params, "drop_last": not params["drop_last"]})


_OPPOSITE_ROUNDING = Mistake(
    "opposite_rounding",
    "This rounds the wrong way: drop_last=True drops the partial last batch (floor), "
    "drop_last=False keeps it (ceil).",
    _iter_opposite,
)


def _iter_prompt(params: Params) -> str:
    return (
        f"A `DataLoader` wraps a dataset of {params['dataset_size']:,} examples with "
        f"`batch_size={params['batch_size']}` and `drop_last={params['drop_last']}`. "
        "How many iterations (batches) are in one epoch, i.e. `len(loader)`?"
    )


def _iter_explain(params: Params) -> str:
    n, b = params["dataset_size"], params["batch_size"]
    q, rem = divmod(n, b)
    if params["drop_last"]:
        rule = f"`drop_last=True` discards the incomplete last batch ({rem} examples)."
        formula = f"\\left\\lfloor \\frac{{{n}}}{{{b}}} \\right\\rfloor = {q}"
    else:
        rule = "`drop_last=False` keeps a smaller last batch, so round up."
        formula = f"\\left\\lceil \\frac{{{n}}}{{{b}}} \\right\\rceil = {_iter_solve(params)}"
    note = rule if rem else "The batch size divides the dataset exactly, so no batch is partial."
    return steps([f"${n} / {b} = {q}$ remainder ${rem}$.", note, display(formula)])


ITERATIONS_PER_EPOCH = Template(
    "iterations_per_epoch",
    "Iterations per epoch",
    ("dataset_size", "batch_size", "drop_last"),
    "int",
    _iter_sample,
    _iter_solve,
    _iter_prompt,
    _iter_explain,
    _iter_validate,
    mistakes=(_OPPOSITE_ROUNDING,),
)


def _total_sample(rng: np.random.Generator) -> Params:
    params = _iter_sample(rng)
    params["epochs"] = choice(rng, [1, 2, 3, 5, 10, 12, 20, 30, 50, 90, 100])
    return params


def _total_validate(params: Params) -> None:
    _iter_validate(params)
    require_int(params, "epochs", 1, MAX_EPOCHS)


def _total_solve(params: Params) -> int:
    return int(params["epochs"]) * _iter_solve(params)


def _total_rounded_once(params: Params) -> int:
    """Rounding the whole run's batches instead of each epoch's (the classic slip)."""
    total = params["epochs"] * params["dataset_size"]
    return _iter_solve({**params, "dataset_size": total})


_TOTAL_MISTAKES = (
    Mistake(
        "opposite_rounding",
        _OPPOSITE_ROUNDING.message,
        lambda p: p["epochs"] * _iter_opposite(p),
    ),
    Mistake(
        "rounded_once",
        "This rounds epochs × dataset / batch once; every epoch has its own partial "
        "(or dropped) last batch, so round per epoch, then multiply.",
        _total_rounded_once,
    ),
    Mistake(
        "one_epoch",
        "This is one epoch's iterations: multiply by the number of epochs.",
        _iter_solve,
    ),
)


def _total_prompt(params: Params) -> str:
    return (
        f"You train for {params['epochs']} epochs on {params['dataset_size']:,} examples with "
        f"`batch_size={params['batch_size']}` and `drop_last={params['drop_last']}` "
        "(PyTorch `DataLoader`). How many optimiser steps (iterations) happen in total?"
    )


def _total_explain(params: Params) -> str:
    per_epoch = _iter_solve(params)
    return steps(
        [
            _iter_explain(params),
            f"Over {params['epochs']} epochs: ${params['epochs']} \\times {per_epoch} = "
            f"{_total_solve(params)}$ iterations.",
        ]
    )


TOTAL_ITERATIONS = Template(
    "total_iterations",
    "Total training iterations",
    ("dataset_size", "batch_size", "epochs", "drop_last"),
    "int",
    _total_sample,
    _total_solve,
    _total_prompt,
    _total_explain,
    _total_validate,
    mistakes=_TOTAL_MISTAKES,
)
