"""Vision layers: transposed-convolution output size, depthwise-separable parameters."""

from __future__ import annotations

import numpy as np

from app.engine.base import Mistake, Params, Template
from app.engine.checks import require_bool, require_int
from app.engine.explain import display, num, steps
from app.engine.templates.drawing import pick

MAX_SIZE = 4096
MAX_CHANNELS = 16_384

# --- conv_transpose_output_size -----------------------------------------------------

_CT_BOUNDS = {"input_size": (1, MAX_SIZE), "kernel_size": (1, 31), "stride": (1, 16)}


def _ct_sample(rng: np.random.Generator) -> Params:
    # Redraw the few combinations whose padding removes the whole output (about 1 in 300),
    # so every seed gives a valid variant.
    while True:
        params = _ct_draw(rng)
        if _ct_solve(params) >= 1:
            return params


def _ct_draw(rng: np.random.Generator) -> Params:
    stride = pick(rng, [1, 2, 2, 2, 3])
    dilation = pick(rng, [1, 1, 1, 2])
    return {
        "input_size": pick(rng, [2, 3, 4, 5, 7, 8, 14, 16, 28, 32]),
        "kernel_size": pick(rng, [2, 3, 3, 4, 5]),
        "stride": stride,
        "padding": pick(rng, [0, 0, 1, 1, 2]),
        "output_padding": int(rng.integers(0, max(stride, dilation))) if rng.random() < 0.4 else 0,
        "dilation": dilation,
    }


def _ct_validate(params: Params) -> None:
    for name, (low, high) in _CT_BOUNDS.items():
        require_int(params, name, low, high)
    require_int(params, "padding", 0, 64)
    dilation = require_int(params, "dilation", 1, 16)
    limit = max(params["stride"], dilation)
    require_int(params, "output_padding", 0, limit - 1)
    if _ct_solve(params) < 1:
        raise ValueError("the padding removes the whole output (size below 1)")


def _ct(params: Params, sign: int = -1, minus_one: bool = True, extra: bool = True) -> int:
    q = params
    span = q["dilation"] * (q["kernel_size"] - 1)
    base = (q["input_size"] - (1 if minus_one else 0)) * q["stride"] + sign * 2 * q["padding"]
    return base + span + (q["output_padding"] if extra else 0) + 1


def _ct_solve(params: Params) -> int:
    return _ct(params)


def _ct_prompt(params: Params) -> str:
    q = params
    return (
        f"What is the output height of `nn.ConvTranspose2d(…, kernel_size={q['kernel_size']}, "
        f"stride={q['stride']}, padding={q['padding']}, output_padding={q['output_padding']}, "
        f"dilation={q['dilation']})` on an input of height {q['input_size']}?"
    )


def _ct_explain(params: Params) -> str:
    q = params
    return steps(
        [
            "A transposed convolution inverts the size arithmetic of `nn.Conv2d`: "
            "$(n - 1)s - 2p + d(k - 1) + \\text{output\\_padding} + 1$.",
            display(
                f"({q['input_size']} - 1) \\cdot {q['stride']} - 2 \\cdot {q['padding']} + "
                f"{q['dilation']} \\cdot ({q['kernel_size']} - 1) + {q['output_padding']} + 1 = "
                f"{_ct_solve(params)}"
            ),
        ]
    )


def _forward_conv(params: Params) -> int:
    q = params
    span = q["dilation"] * (q["kernel_size"] - 1)
    size = (q["input_size"] + 2 * q["padding"] - span - 1) // q["stride"] + 1
    if size < 1:
        raise ValueError("the forward formula has no output here")
    return size


def _only_if(name: str, solver):
    def wrong(params: Params) -> int:
        if params[name] == (1 if name == "dilation" else 0):
            raise ValueError(f"{name} is neutral here: the mistake makes no difference")
        return solver(params)

    return wrong


CONV_TRANSPOSE_OUTPUT_SIZE = Template(
    "conv_transpose_output_size",
    "Output size of a transposed convolution",
    ("input_size", "kernel_size", "stride", "padding", "output_padding", "dilation"),
    "int",
    _ct_sample,
    _ct_solve,
    _ct_prompt,
    _ct_explain,
    _ct_validate,
    mistakes=(
        Mistake(
            "forward_conv_formula",
            "This is the size of an ordinary convolution; a transposed one grows the input.",
            _forward_conv,
        ),
        Mistake(
            "padding_added",
            "This adds 2·padding; in a transposed convolution padding removes rows.",
            _only_if("padding", lambda p: _ct(p, sign=1)),
        ),
        Mistake(
            "n_times_stride",
            "This multiplies n by the stride; it is (n − 1) · stride.",
            lambda p: _ct(p, minus_one=False),
        ),
        Mistake(
            "output_padding_ignored",
            "This leaves out output_padding, which adds rows on one side.",
            _only_if("output_padding", lambda p: _ct(p, extra=False)),
        ),
        Mistake(
            "dilation_ignored",
            "This uses k − 1 instead of dilation · (k − 1).",
            _only_if("dilation", lambda p: _ct({**p, "dilation": 1})),
        ),
    ),
)


# --- depthwise_separable_params -----------------------------------------------------


def _dw_sample(rng: np.random.Generator) -> Params:
    return {
        "in_channels": pick(rng, [16, 32, 64, 96, 128, 256]),
        "out_channels": pick(rng, [16, 32, 64, 128, 256, 512]),
        "kernel_size": pick(rng, [3, 3, 5, 7]),
        "bias": bool(rng.random() < 0.6),
    }


def _dw_validate(params: Params) -> None:
    require_int(params, "in_channels", 1, MAX_CHANNELS)
    require_int(params, "out_channels", 1, MAX_CHANNELS)
    require_int(params, "kernel_size", 1, 31)
    require_bool(params, "bias")


def _dw_parts(params: Params) -> tuple[int, int]:
    c, o, k, b = (params[n] for n in ("in_channels", "out_channels", "kernel_size", "bias"))
    return c * k * k + (c if b else 0), c * o + (o if b else 0)


def _dw_solve(params: Params) -> int:
    return sum(_dw_parts(params))


def _dw_prompt(params: Params) -> str:
    c, o, k, b = (params[n] for n in ("in_channels", "out_channels", "kernel_size", "bias"))
    return (
        f"A depthwise-separable convolution is `nn.Conv2d({c}, {c}, {k}, groups={c}, "
        f"bias={b})` followed by the pointwise `nn.Conv2d({c}, {o}, 1, bias={b})`. How many "
        "trainable parameters does it have?"
    )


def _dw_explain(params: Params) -> str:
    c, o, k, b = (params[n] for n in ("in_channels", "out_channels", "kernel_size", "bias"))
    depthwise, pointwise = _dw_parts(params)
    standard = o * c * k * k + (o if b else 0)
    return steps(
        [
            f"Depthwise: one ${k} \\times {k}$ filter per input channel: ${c} \\cdot {k}^2"
            + (f" + {c}" if b else "")
            + f" = {depthwise}$.",
            f"Pointwise: a $1 \\times 1$ convolution mixing channels: ${c} \\cdot {o}"
            + (f" + {o}" if b else "")
            + f" = {pointwise}$.",
            display(f"{depthwise} + {pointwise} = {_dw_solve(params)}"),
            f"A standard `Conv2d({c}, {o}, {k})` would have {standard}, "
            f"{num(standard / _dw_solve(params), 1)}× as many.",
        ]
    )


DEPTHWISE_SEPARABLE_PARAMS = Template(
    "depthwise_separable_params",
    "Parameters of a depthwise-separable convolution",
    ("in_channels", "out_channels", "kernel_size", "bias"),
    "int",
    _dw_sample,
    _dw_solve,
    _dw_prompt,
    _dw_explain,
    _dw_validate,
    mistakes=(
        Mistake(
            "standard_conv",
            "This is an ordinary k × k convolution from in to out channels.",
            lambda p: (
                p["out_channels"] * p["in_channels"] * p["kernel_size"] ** 2
                + (p["out_channels"] if p["bias"] else 0)
            ),
        ),
        Mistake(
            "groups_ignored",
            "This counts the depthwise step as a full Conv2d(in, in, k); with groups = in "
            "each filter sees one channel.",
            lambda p: (
                _dw_solve(p) + (p["in_channels"] - 1) * p["in_channels"] * p["kernel_size"] ** 2
            ),
        ),
        Mistake(
            "one_bias_vector",
            "This counts only the pointwise bias; both convolutions have one.",
            lambda p: _dw_solve(p) - (p["in_channels"] if p["bias"] else 0),
        ),
    ),
)


TEMPLATES = (
    CONV_TRANSPOSE_OUTPUT_SIZE,
    DEPTHWISE_SEPARABLE_PARAMS,
)
