"""Parameter counts of single PyTorch layers."""

from __future__ import annotations

from typing import Any

import numpy as np

from app.engine.base import Mistake, Params, Template
from app.engine.checks import require_bool, require_int
from app.engine.explain import display, steps

_FEATURES = [3, 4, 10, 16, 20, 32, 50, 64, 100, 128, 256, 300, 512, 784, 1000, 1024]
_CHANNELS = [1, 3, 8, 16, 32, 48, 64, 96, 128, 256, 512]
MAX_FEATURES = 1_000_000
MAX_CHANNELS = 65_536
MAX_KERNEL = 64


def _bias_mistakes(weights: Any, bias_size: Any, per_input: Any) -> tuple[Mistake, ...]:
    """The bias slips every layer count shares: forgotten, invented, one per input."""

    def forgot(params: Params) -> int:
        if not params["bias"]:
            raise ValueError("there is no bias to forget")
        return int(weights(params))

    def invented(params: Params) -> int:
        if params["bias"]:
            raise ValueError("the bias is there")
        return int(weights(params) + bias_size(params))

    def wrong_size(params: Params) -> int:
        if not params["bias"]:
            raise ValueError("there is no bias")
        return int(weights(params) + per_input(params))

    return (
        Mistake("bias_forgotten", "This leaves out the bias (one per output).", forgot),
        Mistake("bias_counted", "This counts a bias although bias=False.", invented),
        Mistake(
            "bias_per_input",
            "This gives one bias per input; there is one bias per output.",
            wrong_size,
        ),
    )


def _pick(rng: np.random.Generator, options: list[Any]) -> int:
    return int(options[int(rng.integers(len(options)))])


# --- dense_params -----------------------------------------------------------


def _dense_sample(rng: np.random.Generator) -> Params:
    return {
        "in_features": _pick(rng, _FEATURES),
        "out_features": _pick(rng, _FEATURES),
        "bias": bool(rng.random() < 0.75),
    }


def _dense_validate(params: Params) -> None:
    require_int(params, "in_features", 1, MAX_FEATURES)
    require_int(params, "out_features", 1, MAX_FEATURES)
    require_bool(params, "bias")


def _dense_solve(params: Params) -> int:
    i, o = params["in_features"], params["out_features"]
    return int(i * o + (o if params["bias"] else 0))


def _dense_prompt(params: Params) -> str:
    return (
        f"How many trainable parameters does `nn.Linear({params['in_features']}, "
        f"{params['out_features']}, bias={params['bias']})` have?"
    )


def _dense_explain(params: Params) -> str:
    i, o = params["in_features"], params["out_features"]
    bias = f" + {o}" if params["bias"] else ""
    note = "plus one bias per output" if params["bias"] else "and no bias"
    return steps(
        [
            f"The weight matrix is `out_features × in_features` = ${o} \\times {i}$, {note}.",
            display(f"{i} \\cdot {o}{bias} = {_dense_solve(params)}"),
        ]
    )


DENSE_PARAMS = Template(
    "dense_params",
    "Parameters of a linear layer",
    ("in_features", "out_features", "bias"),
    "int",
    _dense_sample,
    _dense_solve,
    _dense_prompt,
    _dense_explain,
    _dense_validate,
    mistakes=_bias_mistakes(
        lambda p: p["in_features"] * p["out_features"],
        lambda p: p["out_features"],
        lambda p: p["in_features"],
    ),
)


# --- conv_params ------------------------------------------------------------


def _conv_sample(rng: np.random.Generator) -> Params:
    return {
        "in_channels": _pick(rng, _CHANNELS),
        "out_channels": _pick(rng, _CHANNELS[2:]),
        "kernel_size": _pick(rng, [1, 3, 3, 5, 7]),
        "bias": bool(rng.random() < 0.75),
    }


def _conv_validate(params: Params) -> None:
    require_int(params, "in_channels", 1, MAX_CHANNELS)
    require_int(params, "out_channels", 1, MAX_CHANNELS)
    require_int(params, "kernel_size", 1, MAX_KERNEL)
    require_bool(params, "bias")


def _conv_solve(params: Params) -> int:
    c_in, c_out, k = params["in_channels"], params["out_channels"], params["kernel_size"]
    return int(c_out * c_in * k * k + (c_out if params["bias"] else 0))


def _conv_weights(params: Params, in_channels: bool = True, squared: bool = True) -> int:
    k = params["kernel_size"]
    c_in = params["in_channels"] if in_channels else 1
    return int(params["out_channels"] * c_in * (k * k if squared else k))


def _conv_bias(params: Params) -> int:
    return params["out_channels"] if params["bias"] else 0


_CONV_MISTAKES = (
    *_bias_mistakes(_conv_weights, lambda p: p["out_channels"], lambda p: p["in_channels"]),
    Mistake(
        "in_channels_ignored",
        "This gives each filter k × k weights; it spans all input channels (c_in × k × k).",
        lambda p: _conv_weights(p, in_channels=False) + _conv_bias(p),
    ),
    Mistake(
        "kernel_not_squared",
        "This counts k weights per channel; a square kernel has k × k.",
        lambda p: _conv_weights(p, squared=False) + _conv_bias(p),
    ),
)


def _conv_prompt(params: Params) -> str:
    q = params
    return (
        f"How many trainable parameters does `nn.Conv2d({q['in_channels']}, "
        f"{q['out_channels']}, kernel_size={q['kernel_size']}, bias={q['bias']})` have? "
        "(Square kernel, `groups=1`.)"
    )


def _conv_explain(params: Params) -> str:
    c_in, c_out, k = params["in_channels"], params["out_channels"], params["kernel_size"]
    bias = f" + {c_out}" if params["bias"] else ""
    return steps(
        [
            f"Each of the {c_out} filters has shape ${c_in} \\times {k} \\times {k}$"
            + (" and one bias." if params["bias"] else "; there is no bias."),
            display(f"{c_out} \\cdot {c_in} \\cdot {k} \\cdot {k}{bias} = {_conv_solve(params)}"),
        ]
    )


CONV_PARAMS = Template(
    "conv_params",
    "Parameters of a conv layer",
    ("in_channels", "out_channels", "kernel_size", "bias"),
    "int",
    _conv_sample,
    _conv_solve,
    _conv_prompt,
    _conv_explain,
    _conv_validate,
    mistakes=_CONV_MISTAKES,
)


# --- lstm_params / gru_params -------------------------------------------------


def _rnn_sample(rng: np.random.Generator) -> Params:
    return {
        "input_size": _pick(rng, [1, 3, 8, 10, 16, 32, 50, 64, 100, 128, 300]),
        "hidden_size": _pick(rng, [4, 8, 16, 20, 32, 50, 64, 100, 128, 256, 512]),
    }


def _rnn_validate(params: Params) -> None:
    require_int(params, "input_size", 1, MAX_CHANNELS)
    require_int(params, "hidden_size", 1, MAX_CHANNELS)


def _rnn_count(gates: int, params: Params, biases: int = 2, recurrent: bool = True) -> int:
    i, h = params["input_size"], params["hidden_size"]
    return int(gates * (h * (i + (h if recurrent else 0)) + biases * h))


def _rnn_mistakes(gates: int, other_gates: int, other_name: str) -> tuple[Mistake, ...]:
    return (
        Mistake(
            "single_bias",
            "This counts one bias vector per gate, as Keras does; PyTorch has two "
            "(bias_ih and bias_hh).",
            lambda p: _rnn_count(gates, p, biases=1),
        ),
        Mistake(
            "no_bias",
            "This leaves out the biases (two vectors per gate in PyTorch).",
            lambda p: _rnn_count(gates, p, biases=0),
        ),
        Mistake(
            "recurrent_weights_forgotten",
            "This leaves out the recurrent weights W_hh (hidden × hidden per gate).",
            lambda p: _rnn_count(gates, p, recurrent=False),
        ),
        Mistake(
            "wrong_gate_count",
            f"This uses {other_gates} gate blocks (the {other_name} count); "
            f"this layer has {gates}.",
            lambda p: _rnn_count(other_gates, p),
        ),
        Mistake(
            "single_gate",
            "This counts one block, like a plain nn.RNN; each gate has its own weights.",
            lambda p: _rnn_count(1, p),
        ),
    )


def _rnn_prompt(name: str, params: Params) -> str:
    return (
        f"How many trainable parameters does `nn.{name}(input_size={params['input_size']}, "
        f"hidden_size={params['hidden_size']})` have? One layer, unidirectional, with "
        "PyTorch's two bias vectors (`bias_ih` and `bias_hh`)."
    )


def _rnn_explain(name: str, gates: int, params: Params) -> str:
    i, h = params["input_size"], params["hidden_size"]
    what = "input, forget, cell and output" if gates == 4 else "reset, update and new"
    return steps(
        [
            f"`nn.{name}` has {gates} gate blocks ({what}). Each block has $W_{{ih}}$ "
            f"(${h} \\times {i}$), $W_{{hh}}$ (${h} \\times {h}$) and two biases of size {h}.",
            display(
                f"{gates}\\,\\big(h(i + h) + 2h\\big) = {gates}\\,\\big({h}\\cdot({i} + {h}) + "
                f"2\\cdot{h}\\big) = {gates} \\cdot {h * (i + h) + 2 * h} = "
                f"{_rnn_count(gates, params)}"
            ),
        ]
    )


LSTM_PARAMS = Template(
    "lstm_params",
    "Parameters of an LSTM",
    ("input_size", "hidden_size"),
    "int",
    _rnn_sample,
    lambda p: _rnn_count(4, p),
    lambda p: _rnn_prompt("LSTM", p),
    lambda p: _rnn_explain("LSTM", 4, p),
    _rnn_validate,
    mistakes=_rnn_mistakes(4, 3, "GRU"),
)

GRU_PARAMS = Template(
    "gru_params",
    "Parameters of a GRU",
    ("input_size", "hidden_size"),
    "int",
    _rnn_sample,
    lambda p: _rnn_count(3, p),
    lambda p: _rnn_prompt("GRU", p),
    lambda p: _rnn_explain("GRU", 3, p),
    _rnn_validate,
    mistakes=_rnn_mistakes(3, 4, "LSTM"),
)

TEMPLATES = (DENSE_PARAMS, CONV_PARAMS, LSTM_PARAMS, GRU_PARAMS)
