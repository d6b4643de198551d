"""Shape arithmetic: conv/pool output sizes and padding."""

from __future__ import annotations

import numpy as np

from app.engine.base import Mistake, Params, Template
from app.engine.checks import require_int
from app.engine.explain import display, steps
from app.engine.sampling import choice

MAX_INPUT_SIZE = 4096
MAX_KERNEL_SIZE = 512
MAX_PADDING = 512
MAX_STRIDE = 512
MAX_DILATION = 64

# --- conv_output_size -------------------------------------------------------


def _conv_size_sample(rng: np.random.Generator) -> Params:
    while True:
        params = {
            "input_size": choice(rng, [5, 6, 7, 9, 12, 13, 16, 28, 31, 32, 56, 64, 100, 224, 227]),
            "kernel_size": choice(rng, [1, 2, 3, 3, 3, 4, 5, 7, 11]),
            "padding": int(rng.integers(0, 4)),
            "stride": choice(rng, [1, 1, 2, 2, 3, 4]),
            "dilation": choice(rng, [1, 1, 1, 1, 2, 3]),
        }
        if _conv_size_span(params) <= params["input_size"] + 2 * params["padding"]:
            return params


def _conv_size_span(params: Params) -> int:
    return int(params["dilation"] * (params["kernel_size"] - 1) + 1)


def _conv_size_validate(params: Params) -> None:
    n = require_int(params, "input_size", 1, MAX_INPUT_SIZE)
    require_int(params, "kernel_size", 1, MAX_KERNEL_SIZE)
    p = require_int(params, "padding", 0, MAX_PADDING)
    require_int(params, "stride", 1, MAX_STRIDE)
    require_int(params, "dilation", 1, MAX_DILATION)
    if _conv_size_span(params) > n + 2 * p:
        raise ValueError(
            f"kernel (effective size {_conv_size_span(params)}) is larger than the "
            f"padded input ({n + 2 * p})"
        )


def _conv_size_solve(params: Params) -> int:
    n, k, p = params["input_size"], params["kernel_size"], params["padding"]
    s, d = params["stride"], params["dilation"]
    return int((n + 2 * p - d * (k - 1) - 1) // s + 1)


def _conv_size_top(params: Params, sides: int = 2, dilation: int | None = None) -> int:
    """Numerator n + sides·p − d(k−1) − 1 (``sides``/``dilation`` vary for the mistakes)."""
    d = params["dilation"] if dilation is None else dilation
    n, k, p = params["input_size"], params["kernel_size"], params["padding"]
    return int(n + sides * p - d * (k - 1) - 1)


_CONV_SIZE_MISTAKES = (
    Mistake(
        "ceil_division",
        "This rounds the division up; nn.Conv2d rounds it down (floor).",
        lambda p: -(-_conv_size_top(p) // p["stride"]) + 1,
    ),
    Mistake(
        "no_plus_one",
        "This forgets the final + 1 (the first window's position).",
        lambda p: _conv_size_top(p) // p["stride"],
    ),
    Mistake(
        "dilation_ignored",
        "This ignores the dilation: a dilated kernel spans d·(k − 1) + 1 input pixels.",
        lambda p: _conv_size_top(p, dilation=1) // p["stride"] + 1,
    ),
    Mistake(
        "padding_one_side",
        "This pads one side only: the padding is added on both sides (2p).",
        lambda p: _conv_size_top(p, sides=1) // p["stride"] + 1,
    ),
)


def _conv_size_prompt(params: Params) -> str:
    q = params
    return (
        f"A `nn.Conv2d` layer with `kernel_size={q['kernel_size']}`, `stride={q['stride']}`, "
        f"`padding={q['padding']}`, `dilation={q['dilation']}` is applied to a "
        f"${q['input_size']} \\times {q['input_size']}$ input. What is the output height "
        "(= width)? Use PyTorch's convention: the division is rounded down."
    )


def _conv_size_explain(params: Params) -> str:
    n, k, p = params["input_size"], params["kernel_size"], params["padding"]
    s, d = params["stride"], params["dilation"]
    top = n + 2 * p - d * (k - 1) - 1
    out = _conv_size_solve(params)
    return steps(
        [
            "PyTorch (`nn.Conv2d`) computes the output size as",
            display(r"H_{out} = \left\lfloor \frac{n + 2p - d(k-1) - 1}{s} \right\rfloor + 1"),
            f"With $n={n}$, $k={k}$, $p={p}$, $s={s}$, $d={d}$:",
            display(
                f"H_{{out}} = \\left\\lfloor \\frac{{{n} + 2\\cdot{p} - {d}\\cdot({k}-1) - 1}}{{{s}}}"
                f" \\right\\rfloor + 1 = \\left\\lfloor \\frac{{{top}}}{{{s}}} \\right\\rfloor + 1"
                f" = {top // s} + 1 = {out}"
            ),
            f"The output is ${out} \\times {out}$.",
        ]
    )


CONV_OUTPUT_SIZE = Template(
    "conv_output_size",
    "Convolution output size",
    ("input_size", "kernel_size", "padding", "stride", "dilation"),
    "int",
    _conv_size_sample,
    _conv_size_solve,
    _conv_size_prompt,
    _conv_size_explain,
    _conv_size_validate,
    mistakes=_CONV_SIZE_MISTAKES,
)


# --- pool_output_size -------------------------------------------------------


def _pool_sample(rng: np.random.Generator) -> Params:
    k = choice(rng, [2, 2, 3, 3, 4, 5])
    return {
        "input_size": choice(rng, [5, 7, 8, 9, 13, 14, 15, 27, 28, 32, 55, 112, 113]),
        "kernel_size": k,
        "stride": choice(rng, [k, k, 1, 2, 3]),
        "padding": int(rng.integers(0, k // 2 + 1)),
    }


def _pool_validate(params: Params) -> None:
    n = require_int(params, "input_size", 1, MAX_INPUT_SIZE)
    k = require_int(params, "kernel_size", 1, MAX_KERNEL_SIZE)
    require_int(params, "stride", 1, MAX_STRIDE)
    p = require_int(params, "padding", 0, MAX_PADDING)
    if 2 * p > k:
        raise ValueError(f"padding ({p}) must be at most half the kernel size ({k})")
    if k > n + 2 * p:
        raise ValueError(f"kernel ({k}) is larger than the padded input ({n + 2 * p})")


def _pool_solve(params: Params) -> int:
    n, k = params["input_size"], params["kernel_size"]
    s, p = params["stride"], params["padding"]
    return int((n + 2 * p - k) // s + 1)


def _pool_top(params: Params, padding: bool = True) -> int:
    p = params["padding"] if padding else 0
    return int(params["input_size"] + 2 * p - params["kernel_size"])


_POOL_MISTAKES = (
    Mistake(
        "ceil_mode",
        "This rounds up (ceil_mode=True); the default floor mode rounds down.",
        lambda p: -(-_pool_top(p) // p["stride"]) + 1,
    ),
    Mistake(
        "no_plus_one",
        "This forgets the final + 1 (the first window's position).",
        lambda p: _pool_top(p) // p["stride"],
    ),
    Mistake(
        "padding_ignored",
        "This ignores the padding: it adds p on both sides before pooling.",
        lambda p: _pool_top(p, padding=False) // p["stride"] + 1,
    ),
)


def _pool_prompt(params: Params) -> str:
    q = params
    return (
        f"`nn.MaxPool2d(kernel_size={q['kernel_size']}, stride={q['stride']}, "
        f"padding={q['padding']})` is applied to a ${q['input_size']} \\times {q['input_size']}$ "
        "feature map. What is the output height (= width)? PyTorch's default floor mode "
        "(`ceil_mode=False`) applies."
    )


def _pool_explain(params: Params) -> str:
    n, k = params["input_size"], params["kernel_size"]
    s, p = params["stride"], params["padding"]
    top = n + 2 * p - k
    out = _pool_solve(params)
    return steps(
        [
            "In floor mode the pooling output size is",
            display(r"H_{out} = \left\lfloor \frac{n + 2p - k}{s} \right\rfloor + 1"),
            display(
                f"H_{{out}} = \\left\\lfloor \\frac{{{n} + 2\\cdot{p} - {k}}}{{{s}}} \\right\\rfloor + 1"
                f" = \\left\\lfloor \\frac{{{top}}}{{{s}}} \\right\\rfloor + 1 = {top // s} + 1 = {out}"
            ),
            "Windows that would run past the (padded) border are dropped.",
        ]
    )


POOL_OUTPUT_SIZE = Template(
    "pool_output_size",
    "Max-pooling output size",
    ("input_size", "kernel_size", "stride", "padding"),
    "int",
    _pool_sample,
    _pool_solve,
    _pool_prompt,
    _pool_explain,
    _pool_validate,
    mistakes=_POOL_MISTAKES,
)


# --- same_padding -----------------------------------------------------------


def _same_sample(rng: np.random.Generator) -> Params:
    return {"kernel_size": choice(rng, [1, 3, 5, 7, 9, 11])}


def _same_validate(params: Params) -> None:
    k = require_int(params, "kernel_size", 1, MAX_KERNEL_SIZE - 1)
    if k % 2 == 0:
        raise ValueError(f"kernel_size must be odd for symmetric 'same' padding, got {k}")


def _same_solve(params: Params) -> int:
    return int((params["kernel_size"] - 1) // 2)


def _same_prompt(params: Params) -> str:
    k = params["kernel_size"]
    return (
        f"A `nn.Conv2d` layer has a ${k} \\times {k}$ kernel, stride 1 and dilation 1. "
        "What (symmetric, zero) `padding` keeps the output height and width equal to the "
        "input's?"
    )


def _same_explain(params: Params) -> str:
    k = params["kernel_size"]
    return steps(
        [
            r"With stride 1 the output size is $n + 2p - k + 1$. Setting it equal to $n$ gives",
            display(
                f"2p = k - 1 \\quad\\Rightarrow\\quad p = \\frac{{{k} - 1}}{{2}} = {(k - 1) // 2}"
            ),
        ]
    )


SAME_PADDING = Template(
    "same_padding",
    "Padding for 'same' output",
    ("kernel_size",),
    "int",
    _same_sample,
    _same_solve,
    _same_prompt,
    _same_explain,
    _same_validate,
    mistakes=(
        Mistake(
            "total_padding",
            "This is the total padding k − 1; `padding` is per side, (k − 1)/2.",
            lambda p: p["kernel_size"] - 1,
        ),
        Mistake(
            "rounded_up_half",
            "This is (k + 1)/2: with stride 1 the size is kept when 2p = k − 1.",
            lambda p: (p["kernel_size"] + 1) // 2,
        ),
    ),
)


TEMPLATES = (
    CONV_OUTPUT_SIZE,
    POOL_OUTPUT_SIZE,
    SAME_PADDING,
)
