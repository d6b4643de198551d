"""Whole-network questions: receptive field of a conv stack, parameters of a small CNN."""

from __future__ import annotations

import re
from typing import Any

import numpy as np

from app.engine.base import Params, Template
from app.engine.explain import display, steps


def _pick(rng: np.random.Generator, options: list[Any]) -> Any:
    return options[int(rng.integers(len(options)))]


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
    for index, layer in enumerate(layers, 1):
        if not (isinstance(layer, list) and len(layer) == 2 and all(map(_positive_int, layer))):
            raise ValueError(
                f"layer {index} must be [kernel_size, stride] with positive integers, got {layer!r}"
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


def _cnn_walk(params: Params) -> list[tuple[str, list[int], int]]:
    """Per layer: (description, output shape, parameter count); raises ValueError."""
    shape = list(params["input_shape"])
    rows = []
    for layer in params["layers"]:
        kind, args = layer[0], layer[1:]
        if kind == "conv" and len(shape) == 3:
            out, k, p = args
            c, h, w = shape
            shape = [out, h + 2 * p - k + 1, w + 2 * p - k + 1]
            rows.append((f"Conv2d({c}, {out}, {k}, padding={p})", shape, out * c * k * k + out))
        elif kind == "maxpool" and len(shape) == 3:
            shape = [shape[0], shape[1] // args[0], shape[2] // args[0]]
            rows.append((f"MaxPool2d({args[0]})", shape, 0))
        elif kind == "linear":
            fan_in = int(np.prod(shape))
            shape = [args[0]]
            rows.append((f"Linear({fan_in}, {args[0]})", shape, fan_in * args[0] + args[0]))
        else:
            raise ValueError(f"layer {layer!r} is not allowed here")
        if min(shape) < 1:
            raise ValueError(f"layer {layer!r} shrinks the feature map to nothing")
    return rows


def _cnn_validate(params: Params) -> None:
    shape, layers = params["input_shape"], params["layers"]
    if not (isinstance(shape, list) and len(shape) == 3 and all(map(_positive_int, shape))):
        raise ValueError("input_shape must be [channels, height, width] positive integers")
    arity = {"conv": 4, "maxpool": 2, "linear": 2}
    if not isinstance(layers, list) or not layers:
        raise ValueError("layers must be a non-empty list")
    for layer in layers:
        ok = isinstance(layer, list) and layer and layer[0] in arity
        if (
            not ok
            or len(layer) != arity[layer[0]]
            or not all(isinstance(v, int) and not isinstance(v, bool) and v >= 0 for v in layer[1:])
        ):
            raise ValueError(
                f"bad layer {layer!r}: use ['conv', out, k, padding], "
                "['maxpool', k] or ['linear', out]"
            )
        if (layer[0] != "conv" and layer[1] < 1) or (layer[0] == "conv" and min(layer[1:3]) < 1):
            raise ValueError(f"bad layer {layer!r}: sizes must be positive")
    _cnn_walk(params)


def _cnn_solve(params: Params) -> int:
    return sum(count for _, _, count in _cnn_walk(params))


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
)

TEMPLATES = (RECEPTIVE_FIELD, CNN_PARAMS)
