"""Whole-network questions: receptive field of a conv stack, parameters of a small CNN."""

from __future__ import annotations

import re
from typing import Any

import numpy as np

from app.engine.base import Mistake, Params, Template
from app.engine.explain import display, steps

MAX_RF_LAYERS = 12
MAX_RF_KERNEL = 64
MAX_RF_STRIDE = 8
MAX_CNN_LAYERS = 16
MAX_CNN_INPUT = (512, 512, 512)  # channels, height, width
# Upper bound per layer argument: conv [out, kernel, padding], maxpool [k], linear [out].
MAX_CNN_ARGS = {"conv": (4096, 15, 10), "maxpool": (16,), "linear": (100_000,)}


def _pick(rng: np.random.Generator, options: list[Any]) -> Any:
    return options[int(rng.integers(len(options)))]


def _brief(value: Any) -> str:
    """A param for an error message, cut to 60 characters."""
    text = repr(value) if not isinstance(value, list) or len(value) <= 8 else "a long list"
    return text if len(text) <= 60 else text[:60] + "…"


def _positive_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 1


# --- receptive_field ----------------------------------------------------------


def _rf_sample(rng: np.random.Generator) -> Params:
    depth = int(rng.integers(2, 5))
    layers = [
        [int(_pick(rng, [1, 2, 3, 3, 3, 5, 7])), int(_pick(rng, [1, 1, 2]))] for _ in range(depth)
    ]
    return {"layers": layers}


def _rf_validate(params: Params) -> None:
    layers = params["layers"]
    if not isinstance(layers, list) or not layers:
        raise ValueError("layers must be a non-empty list of [kernel_size, stride] pairs")
    if len(layers) > MAX_RF_LAYERS:
        raise ValueError(f"layers must have at most {MAX_RF_LAYERS} entries, got {len(layers)}")
    for index, layer in enumerate(layers, 1):
        if not (isinstance(layer, list) and len(layer) == 2 and all(map(_positive_int, layer))):
            raise ValueError(
                f"layers: layer {index} must be [kernel_size, stride] with positive integers, "
                f"got {str(layer)[:60]}"
            )
        if layer[0] > MAX_RF_KERNEL or layer[1] > MAX_RF_STRIDE:
            raise ValueError(
                f"layers: layer {index}: kernel_size must be at most {MAX_RF_KERNEL} and stride at "
                f"most {MAX_RF_STRIDE}, got {layer}"
            )


def _rf_table(params: Params) -> list[tuple[int, int, int, int]]:
    """Rows (kernel, stride, jump before layer, receptive field after layer)."""
    rf, jump, rows = 1, 1, []
    for k, s in params["layers"]:
        rf += (k - 1) * jump
        rows.append((k, s, jump, rf))
        jump *= s
    return rows


def _rf_solve(params: Params) -> int:
    return _rf_table(params)[-1][3]


def _rf_strides_ignored(params: Params) -> int:
    return 1 + sum(k - 1 for k, _ in params["layers"])


def _rf_stride_too_early(params: Params) -> int:
    rf, jump = 1, 1
    for k, s in params["layers"]:
        jump *= s
        rf += (k - 1) * jump
    return rf


_RF_MISTAKES = (
    Mistake(
        "strides_ignored",
        "This adds k − 1 per layer ignoring the strides; each layer's k − 1 counts in "
        "units of the strides of the layers before it.",
        _rf_strides_ignored,
    ),
    Mistake(
        "own_stride_counted",
        "This multiplies by a layer's own stride before adding its kernel; only the "
        "earlier layers' strides spread its window.",
        _rf_stride_too_early,
    ),
)


def _rf_prompt(params: Params) -> str:
    desc = ", then ".join(f"kernel {k} / stride {s}" for k, s in params["layers"])
    return (
        f"A stack of {len(params['layers'])} conv layers (no dilation, no pooling) is: "
        f"{desc}. What is the receptive field (in input pixels, along one axis) of a "
        "single unit in the last layer's output?"
    )


def _rf_explain(params: Params) -> str:
    lines = [
        "Track the receptive field $r$ and the jump $j$ (input pixels between adjacent "
        "units). Start with $r_0 = 1$, $j_0 = 1$; each layer does $r \\mathrel{+}= (k-1)\\,j$, "
        "then $j \\mathrel{*}= s$.",
        "| layer | $k$ | $s$ | $j$ before | $r$ after |",
        "|---|---|---|---|---|",
    ]
    rows = [
        f"| {i} | {k} | {s} | {j} | {rf} |" for i, (k, s, j, rf) in enumerate(_rf_table(params), 1)
    ]
    terms = " + ".join(f"({k}-1)\\cdot{j}" for k, _, j, _ in _rf_table(params))
    return steps(
        [lines[0], "\n".join(lines[1:] + rows), display(f"r = 1 + {terms} = {_rf_solve(params)}")]
    )


RECEPTIVE_FIELD = Template(
    "receptive_field",
    "Receptive field of a conv stack",
    ("layers",),
    "int",
    _rf_sample,
    _rf_solve,
    _rf_prompt,
    _rf_explain,
    _rf_validate,
    mistakes=_RF_MISTAKES,
)


# --- cnn_params ---------------------------------------------------------------


def _cnn_sample(rng: np.random.Generator) -> Params:
    layers: list[list[Any]] = []
    for _ in range(int(rng.integers(1, 3))):
        k = int(_pick(rng, [3, 3, 5]))
        layers.append(["conv", int(_pick(rng, [6, 8, 16, 32])), k, int(_pick(rng, [0, k // 2]))])
        layers.append(["maxpool", 2])
    if rng.random() < 0.6:
        layers.append(["linear", int(_pick(rng, [32, 64, 84, 120, 128]))])
    layers.append(["linear", 10])
    return {
        "input_shape": [int(_pick(rng, [1, 3])), *[int(_pick(rng, [28, 32]))] * 2],
        "layers": layers,
    }


def _cnn_walk(
    params: Params, biases: bool = True, padding: bool = True, pooling: bool = True
) -> list[tuple[str, list[int], int]]:
    """Per layer: (description, output shape, parameter count); raises ValueError.

    The flags drop biases, padding or pooling's shrinking, for the declared mistakes.
    """
    shape = list(params["input_shape"])
    rows = []
    for layer in params["layers"]:
        kind, args = layer[0], layer[1:]
        if kind == "conv" and len(shape) == 3:
            out, k, p = args
            c, h, w = shape
            grow = 2 * p if padding else 0
            shape = [out, h + grow - k + 1, w + grow - k + 1]
            count = out * c * k * k + (out if biases else 0)
            rows.append((f"Conv2d({c}, {out}, {k}, padding={p})", shape, count))
        elif kind == "maxpool" and len(shape) == 3:
            step = args[0] if pooling else 1
            shape = [shape[0], shape[1] // step, shape[2] // step]
            rows.append((f"MaxPool2d({args[0]})", shape, 0))
        elif kind == "linear":
            fan_in = int(np.prod(shape))
            shape = [args[0]]
            count = fan_in * args[0] + (args[0] if biases else 0)
            rows.append((f"Linear({fan_in}, {args[0]})", shape, count))
        else:
            raise ValueError(f"layers: layer {_brief(layer)} is not allowed here")
        if min(shape) < 1:
            raise ValueError(f"layers: layer {_brief(layer)} shrinks the feature map to nothing")
    return rows


def _cnn_validate(params: Params) -> None:
    shape, layers = params["input_shape"], params["layers"]
    if not (isinstance(shape, list) and len(shape) == 3 and all(map(_positive_int, shape))):
        raise ValueError("input_shape must be [channels, height, width] positive integers")
    if any(v > top for v, top in zip(shape, MAX_CNN_INPUT, strict=True)):
        raise ValueError(f"input_shape must be at most {list(MAX_CNN_INPUT)}, got {shape}")
    arity = {"conv": 4, "maxpool": 2, "linear": 2}
    if not isinstance(layers, list) or not layers:
        raise ValueError("layers must be a non-empty list")
    if len(layers) > MAX_CNN_LAYERS:
        raise ValueError(f"layers must have at most {MAX_CNN_LAYERS} entries, got {len(layers)}")
    for layer in layers:
        ok = isinstance(layer, list) and layer and layer[0] in arity
        if (
            not ok
            or len(layer) != arity[layer[0]]
            or not all(isinstance(v, int) and not isinstance(v, bool) and v >= 0 for v in layer[1:])
        ):
            raise ValueError(
                f"layers: bad layer {_brief(layer)}: use ['conv', out, k, padding], "
                "['maxpool', k] or ['linear', out]"
            )
        if (layer[0] != "conv" and layer[1] < 1) or (layer[0] == "conv" and min(layer[1:3]) < 1):
            raise ValueError(f"layers: bad layer {_brief(layer)}: sizes must be positive")
        tops = MAX_CNN_ARGS[layer[0]]
        if any(v > top for v, top in zip(layer[1:], tops, strict=True)):
            raise ValueError(
                f"layers: bad layer {_brief(layer)}: its arguments must be at most {list(tops)}"
            )
    _cnn_walk(params)


def _cnn_solve(params: Params) -> int:
    return sum(count for _, _, count in _cnn_walk(params))


def _cnn_count(params: Params, **flags: bool) -> int:
    return sum(count for _, _, count in _cnn_walk(params, **flags))


_CNN_MISTAKES = (
    Mistake(
        "biases_forgotten",
        "This counts the weights only; every conv and linear layer here has biases too.",
        lambda p: _cnn_count(p, biases=False),
    ),
    Mistake(
        "padding_ignored",
        "This ignores the padding when sizing the feature maps, so the first Linear's "
        "input size is wrong.",
        lambda p: _cnn_count(p, padding=False),
    ),
    Mistake(
        "pooling_ignored",
        "This does not shrink the feature maps at the pooling layers, so the first "
        "Linear's input size is wrong.",
        lambda p: _cnn_count(p, pooling=False),
    ),
)


def _cnn_prompt(params: Params) -> str:
    names = " → ".join(desc for desc, _, _ in _cnn_walk(params))
    names = re.sub(r"Linear\(\d+, ", "Linear(?, ", names, count=1)
    c, h, w = params["input_shape"]
    return (
        f"A PyTorch CNN takes ${c} \\times {h} \\times {w}$ inputs and applies: {names} "
        "(ReLUs in between, flatten before the first `Linear`; `?` = work out the input size). Convs use stride 1 and all "
        "layers have biases; `MaxPool2d(k)` uses stride k (floor). How many trainable "
        "parameters does it have?"
    )


def _cnn_explain(params: Params) -> str:
    lines = ["| layer | output shape | parameters |", "|---|---|---|"]
    for desc, shape, count in _cnn_walk(params):
        lines.append(f"| `{desc}` | {' × '.join(map(str, shape))} | {count:,} |")
    counts = [count for _, _, count in _cnn_walk(params) if count]
    return steps(
        [
            "Conv: $c_{out} c_{in} k^2 + c_{out}$; Linear: $n_{in} n_{out} + n_{out}$; pooling has "
            "none. Conv output size is $n + 2p - k + 1$, pooling with kernel $k$ divides it by $k$ (floor).",
            "\n".join(lines),
            display(" + ".join(map(str, counts)) + f" = {_cnn_solve(params)}"),
        ]
    )


CNN_PARAMS = Template(
    "cnn_params",
    "Parameters of a small CNN",
    ("input_shape", "layers"),
    "int",
    _cnn_sample,
    _cnn_solve,
    _cnn_prompt,
    _cnn_explain,
    _cnn_validate,
    mistakes=_CNN_MISTAKES,
)

TEMPLATES = (RECEPTIVE_FIELD, CNN_PARAMS)
